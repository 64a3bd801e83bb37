// How <dvc-procedure-search> reads what the citizen types: debouncing, IME
// composition, Vietnamese input methods that rewrite characters in place,
// and out-of-order responses. Runs against the demo portal's sample
// catalogue; route interception only delays responses.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { launchBrowser, startPortal, withPage } from "./harness/index.mjs";
import {
  WIDGET,
  countValueWrites,
  isSearchFor,
  openDemo,
  recordSearches,
  searchApi,
  widget,
} from "./procedure-search-page.mjs";

/** Longer than the widget's 300 ms debounce, with room for a slow machine. */
const QUIET_PERIOD_MS = 1_000;

const BIRTH_NAME = "Thủ tục đăng ký khai sinh";

let portal;
let browser;

before(async () => {
  portal = await startPortal({ today: "2026-03-02" });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await portal?.stop();
});

test("fast typing sends one search", async () => {
  await withPage(browser, async (page) => {
    const searches = recordSearches(page);
    await openDemo(page, portal.url);
    const ui = widget(page);

    const done = page.waitForResponse((response) => isSearchFor(response.request(), "khai sinh"));
    await ui.input.pressSequentially("khai sinh", { delay: 10 });
    await done;
    await ui.results.first().waitFor();
    assert.deepEqual(searches, ["khai sinh"]);
  });
});

test("no search during IME composition", async () => {
  await withPage(browser, async (page) => {
    const searches = recordSearches(page);
    const valueWrites = await countValueWrites(page);
    await openDemo(page, portal.url);
    const ui = widget(page);
    await ui.input.focus();

    // Chromium's own IME path: compositionstart, input events with
    // isComposing, then compositionend when the text is committed.
    const cdp = await page.context().newCDPSession(page);
    const events = await recordInputEvents(page);
    for (const text of ["k", "kh", "kha", "khai"]) {
      await cdp.send("Input.imeSetComposition", {
        text,
        selectionStart: text.length,
        selectionEnd: text.length,
      });
    }
    assert.equal(await ui.input.inputValue(), "khai");

    // Absence can only be observed over time: wait well past the debounce.
    await page.waitForTimeout(QUIET_PERIOD_MS);
    assert.deepEqual(searches, [], "no search while composing");

    const committed = page.waitForRequest((request) => isSearchFor(request, "khai"));
    await cdp.send("Input.insertText", { text: "khai" });
    await committed;
    await ui.results.first().waitFor();
    assert.deepEqual(searches, ["khai"]);
    assert.equal(await ui.input.inputValue(), "khai");
    assert.equal(await valueWrites(), 0, "the widget never wrote the field");

    const seen = await events();
    assert.ok(seen.includes("compositionstart"), `events: ${seen.join(", ")}`);
    assert.ok(seen.includes("input:composing"), `events: ${seen.join(", ")}`);
    assert.ok(seen.includes("compositionend"), `events: ${seen.join(", ")}`);
  });
});

test("synthetic composition events", async () => {
  await withPage(browser, async (page) => {
    const searches = recordSearches(page);
    await openDemo(page, portal.url);
    const ui = widget(page);

    // Some IMEs (and test tools) fire the events without Chromium's IME
    // plumbing; the widget must honour the events alone.
    await page.evaluate((selector) => {
      const input = document.querySelector(selector).shadowRoot.querySelector("#dvc-query");
      input.focus();
      input.dispatchEvent(new CompositionEvent("compositionstart", { bubbles: true, data: "" }));
      for (const text of ["s", "si", "sin", "sinh"]) {
        input.value = text;
        input.dispatchEvent(
          new InputEvent("input", { bubbles: true, data: text, inputType: "insertCompositionText", isComposing: true }),
        );
      }
    }, WIDGET);
    await page.waitForTimeout(QUIET_PERIOD_MS);
    assert.deepEqual(searches, []);

    const committed = page.waitForRequest((request) => isSearchFor(request, "sinh"));
    await page.evaluate((selector) => {
      const input = document.querySelector(selector).shadowRoot.querySelector("#dvc-query");
      input.dispatchEvent(new CompositionEvent("compositionend", { bubbles: true, data: "sinh" }));
    }, WIDGET);
    await committed;
    await ui.results.first().waitFor();
    assert.deepEqual(searches, ["sinh"]);
  });
});

test("Unikey-style edits search the final text", async () => {
  await withPage(browser, async (page) => {
    const searches = recordSearches(page);
    const valueWrites = await countValueWrites(page);
    await openDemo(page, portal.url);
    const ui = widget(page);
    await ui.input.focus();

    // Telex as Unikey sends it: each tone or vowel key deletes the letters
    // it changes and inserts the new ones, as ordinary input events. EVKey
    // and some Unikey settings select the letters instead of deleting them.
    const keys = page.keyboard;
    await keys.type("dd");
    await replaceByBackspace(page, 2, "đ");
    await keys.type("aw");
    await replaceBySelection(page, 2, "ă");
    await keys.type("ng");

    // A pause longer than the debounce: the partial word "đăng" is searched.
    const partial = page.waitForRequest((request) => isSearchFor(request, "đăng"));
    await partial;

    await keys.type(" ky");
    await replaceByBackspace(page, 1, "ý");
    await keys.type(" khai sinh");
    const final = "đăng ký khai sinh";
    const finalSearch = page.waitForRequest((request) => isSearchFor(request, final));
    await finalSearch;
    await page.waitForFunction(
      (selector) => document.querySelector(selector).shadowRoot.querySelector(".dvc-results").getAttribute("aria-busy") === "false",
      WIDGET,
    );

    assert.equal(await ui.input.inputValue(), final);
    assert.equal(await valueWrites(), 0, "the widget never wrote the field");
    const caret = await ui.input.evaluate((input) => [input.selectionStart, input.selectionEnd]);
    assert.deepEqual(caret, [final.length, final.length], "the caret stayed at the end");
    assert.equal(searches.at(-1), final);
    const names = (await ui.resultLinks.allTextContents()).map((name) => name.trim());
    assert.ok(names.includes(BIRTH_NAME), `results: ${names.join(" | ")}`);
  });
});

test("stale response does not replace newer results", async () => {
  await withPage(browser, async (page) => {
    const first = "ket hon";
    const second = "khai sinh";
    const firstExpected = await searchApi(page, portal.url, first);
    const secondExpected = await searchApi(page, portal.url, second);
    assert.ok(firstExpected.total > 0 && secondExpected.total > 0, "both queries have results");
    assert.notEqual(firstExpected.items[0].name, secondExpected.items[0].name);

    // Hold the first search until the second one's results are on screen.
    let releaseFirst;
    const firstReleased = new Promise((resolve) => {
      releaseFirst = resolve;
    });
    let firstHandled;
    const firstDone = new Promise((resolve) => {
      firstHandled = resolve;
    });
    await page.route(
      (url) => url.pathname === "/api/v1/procedures",
      async (route) => {
        if (!isSearchFor(route.request(), first)) {
          await route.fallback();
          return;
        }
        await firstReleased;
        // The widget may have aborted the request already; then there is
        // nothing left to deliver.
        try {
          const response = await route.fetch();
          await route.fulfill({ response });
        } catch {
          // Aborted by the page.
        }
        firstHandled();
      },
    );

    await openDemo(page, portal.url);
    const ui = widget(page);
    const firstSent = page.waitForRequest((request) => isSearchFor(request, first));
    await ui.input.fill(first);
    await firstSent;

    await ui.input.fill(second);
    await page.waitForFunction(
      ([selector, name]) =>
        document.querySelector(selector).shadowRoot.querySelector(".dvc-result-link")?.textContent.trim() === name,
      [WIDGET, secondExpected.items[0].name],
    );

    releaseFirst();
    await firstDone;
    // The stale body, if it arrived at all, was processed within this period.
    await page.waitForTimeout(QUIET_PERIOD_MS);
    assert.equal((await ui.resultLinks.first().textContent()).trim(), secondExpected.items[0].name);
    assert.equal(await ui.input.inputValue(), second);
  });
});

/** Deletes `count` characters with Backspace and inserts `text`, as Unikey does. */
async function replaceByBackspace(page, count, text) {
  for (let index = 0; index < count; index += 1) {
    await page.keyboard.press("Backspace");
  }
  await page.keyboard.insertText(text);
}

/** Selects `count` characters before the caret and types `text` over them. */
async function replaceBySelection(page, count, text) {
  for (let index = 0; index < count; index += 1) {
    await page.keyboard.press("Shift+ArrowLeft");
  }
  await page.keyboard.insertText(text);
}

/** Records the search field's composition and input events as short names. */
async function recordInputEvents(page) {
  await page.evaluate((selector) => {
    const input = document.querySelector(selector).shadowRoot.querySelector("#dvc-query");
    window.dvcInputEvents = [];
    for (const type of ["compositionstart", "compositionend", "input"]) {
      input.addEventListener(type, (event) => {
        window.dvcInputEvents.push(type === "input" && event.isComposing ? "input:composing" : type);
      });
    }
  }, WIDGET);
  return () => page.evaluate(() => window.dvcInputEvents);
}
