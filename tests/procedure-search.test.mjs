// <dvc-procedure-search> on the demo page against the demo portal's built-in
// sample catalogue: searching, the detail view and back, keyboard use,
// accessibility, configuration errors, locale, deep links and re-mounting.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import {
  assertNoAxeViolations,
  launchBrowser,
  saveScreenshot,
  startPortal,
  withPage,
} from "./harness/index.mjs";
import {
  WIDGET,
  focusedElement,
  openDemo,
  searchApi,
  setAttributes,
  widget,
} from "./procedure-search-page.mjs";

/** The sample catalogue's birth registration, as citizens type it without accents. */
const BIRTH_QUERY = "dang ky khai sinh";
const BIRTH_NAME = "Thủ tục đăng ký khai sinh";

/** A query with several results in the sample catalogue. */
const BROAD_QUERY = "dang ky";

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

test("accent-free query finds birth registration", async () => {
  await withPage(browser, async (page) => {
    await openDemo(page, portal.url);
    const ui = widget(page);

    // Before any typing the live region is empty, so the usage hint is not
    // followed by "no results".
    assert.equal((await ui.status.textContent()).trim(), "");
    assert.match(await ui.input.getAttribute("aria-describedby"), /dvc-query-hint/);
    assert.equal(await ui.root.getAttribute("lang"), "vi");
    await assertNoAxeViolations(page, { include: [WIDGET] });
    await saveScreenshot(page, "procedure-search-initial");

    await ui.input.pressSequentially(BIRTH_QUERY, { delay: 20 });
    await ui.results.first().waitFor();
    const names = (await ui.resultLinks.allTextContents()).map((name) => name.trim());
    assert.ok(
      names.slice(0, 5).includes(BIRTH_NAME),
      `"${BIRTH_NAME}" is not among the first results: ${names.join(" | ")}`,
    );

    const birthLink = ui.resultLinks.filter({ hasText: BIRTH_NAME }).first();
    assert.ok((await birthLink.locator("mark").count()) > 0, "matched words are marked");
    await page.waitForFunction(
      (selector) =>
        document
          .querySelector(selector)
          .shadowRoot.querySelector("[role=status]")
          .textContent.includes("Tìm thấy"),
      WIDGET,
    );
    await assertNoAxeViolations(page, { include: [WIDGET] });
    await saveScreenshot(page, "procedure-search-results");
  });
});

test("count re-announced when it repeats", async () => {
  await withPage(browser, async (page) => {
    await openDemo(page, portal.url);
    const ui = widget(page);

    await ui.input.fill(BIRTH_QUERY);
    await page.waitForFunction(
      (selector) =>
        document.querySelector(selector).shadowRoot.querySelector("[role=status]").textContent !== "",
      WIDGET,
    );
    const first = await ui.status.textContent();

    // Enter searches again; the same count must change the region's text so
    // screen readers announce it again.
    await ui.input.press("Enter");
    await page.waitForFunction(
      ([selector, previous]) => {
        const text = document.querySelector(selector).shadowRoot.querySelector("[role=status]").textContent;
        return text !== "" && text !== previous;
      },
      [WIDGET, first],
    );
    const second = await ui.status.textContent();
    assert.equal(second.trim(), first.trim());
    assert.notEqual(second, first);
  });
});

test("detail and back keep query, filters, scroll", async () => {
  await withPage(
    browser,
    async (page) => {
      await page.addInitScript(() => {
        window.dvcOpenEvents = [];
        document.addEventListener("dvc-procedure-open", (event) => {
          window.dvcOpenEvents.push(event.detail);
        });
      });
      await openDemo(page, portal.url);
      const ui = widget(page);

      await ui.input.fill(BROAD_QUERY);
      await ui.results.first().waitFor();

      // Filter by the first level the facets offer.
      const levels = await ui.levelFilter.locator("option").evaluateAll((options) =>
        options.map((option) => option.value).filter((value) => value !== ""),
      );
      assert.ok(levels.length > 0, "the level menu offers at least one level");
      const filtered = page.waitForResponse((response) =>
        response.url().includes(`level=${levels[0]}`),
      );
      await ui.levelFilter.selectOption(levels[0]);
      await filtered;
      await page.waitForFunction(
        (selector) =>
          document.querySelector(selector).shadowRoot.querySelector(".dvc-results").getAttribute("aria-busy") ===
          "false",
        WIDGET,
      );
      const resultCount = await ui.results.count();
      assert.ok(resultCount > 0, "the filtered search has results");

      // Scroll so that the last result sits at the bottom of the window.
      const chosen = ui.resultLinks.nth(resultCount - 1);
      const chosenName = (await chosen.textContent()).trim();
      await chosen.scrollIntoViewIfNeeded();
      const scrollBefore = await page.evaluate(() => window.scrollY);
      assert.ok(scrollBefore > 0, "the page scrolled to reach the result");

      await chosen.click();
      await ui.detail.waitFor();
      await page.waitForFunction(
        (selector) => document.querySelector(selector).shadowRoot.querySelector(".dvc-detail-section") !== null,
        WIDGET,
      );
      assert.equal((await ui.detailTitle.textContent()).trim(), chosenName);
      assert.equal(await ui.searchView.isHidden(), true);
      const sectionTitles = await ui.host.locator(".dvc-section-title").allTextContents();
      for (const expected of ["Cách thức thực hiện", "Thành phần hồ sơ", "Trình tự thực hiện", "Căn cứ pháp lý"]) {
        assert.ok(sectionTitles.includes(expected), `section "${expected}" in ${sectionTitles.join(", ")}`);
      }
      const events = await page.evaluate(() => window.dvcOpenEvents);
      assert.equal(events.length, 1);
      assert.equal(events[0].name, chosenName);
      assert.match(events[0].code, /^\d\.\d{6}/);
      assert.deepEqual(Object.keys(events[0]).sort(), ["code", "name"]);
      await assertNoAxeViolations(page, { include: [WIDGET] });
      await saveScreenshot(page, "procedure-search-detail");

      await ui.back.click();
      await ui.searchView.waitFor();
      assert.equal(await ui.input.inputValue(), BROAD_QUERY);
      assert.equal(await ui.levelFilter.inputValue(), levels[0]);
      assert.equal(await ui.results.count(), resultCount);
      await page.waitForFunction((expected) => Math.abs(window.scrollY - expected) <= 1, scrollBefore);
      assert.match(await focusedElement(page), /^a\.dvc-result-link/);
      assert.equal((await focusedElement(page)).includes(chosenName), true);
    },
    { contextOptions: { viewport: { width: 800, height: 500 } } },
  );
});

test("detail readable on a phone", async () => {
  await withPage(
    browser,
    async (page) => {
      await openDemo(page, portal.url);
      const ui = widget(page);
      await ui.input.fill(BIRTH_QUERY);
      await ui.resultLinks.filter({ hasText: BIRTH_NAME }).first().click();
      await ui.host.locator(".dvc-channels").waitFor();

      // The channels table stacks into blocks inside a narrow widget.
      const display = await ui.host
        .locator(".dvc-channels tbody tr")
        .first()
        .evaluate((row) => getComputedStyle(row).display);
      assert.equal(display, "block");
      // Nothing in the widget reaches past the right edge of the window.
      const overflowing = await page.evaluate((selector) => {
        const width = document.documentElement.clientWidth;
        return [...document.querySelector(selector).shadowRoot.querySelectorAll("*")]
          .filter((element) => element.getBoundingClientRect().right > width + 1)
          .map((element) => `${element.tagName.toLowerCase()}.${element.className}`);
      }, WIDGET);
      assert.deepEqual(overflowing, []);
      await saveScreenshot(page, "procedure-search-detail-phone");

      await page.emulateMedia({ media: "print" });
      assert.equal(await ui.back.isHidden(), true, "print hides the back button");
      await saveScreenshot(page, "procedure-search-detail-print");
    },
    // A narrow window without mobile emulation: the widget's layout follows
    // its own width, and other demo content must not zoom the page out.
    { contextOptions: { viewport: { width: 360, height: 740 } } },
  );
});

test("keyboard-only flow", async () => {
  await withPage(browser, async (page) => {
    await openDemo(page, portal.url, { attributes: { "page-size": "2" } });
    const ui = widget(page);

    await pressTabUntil(page, /^input#dvc-query/);
    await page.keyboard.type(BROAD_QUERY);
    await ui.results.first().waitFor();

    await pressTabUntil(page, /^a\.dvc-result-link/);
    const firstName = (await ui.resultLinks.first().textContent()).trim();
    assert.ok((await focusedElement(page)).includes(firstName));
    const outline = await ui.resultLinks.first().evaluate((link) => {
      const style = getComputedStyle(link);
      return `${style.outlineStyle} ${style.outlineWidth}`;
    });
    assert.equal(outline, "solid 3px", "keyboard focus is visible");

    // Enter opens the detail and moves focus to its heading.
    await page.keyboard.press("Enter");
    await ui.detail.waitFor();
    await page.waitForFunction(
      (selector) =>
        document.querySelector(selector).shadowRoot.activeElement?.id === "dvc-detail-title",
      WIDGET,
    );

    // Escape goes back to the same link.
    await page.keyboard.press("Escape");
    await ui.searchView.waitFor();
    await page.waitForFunction(
      (selector) =>
        document.querySelector(selector).shadowRoot.activeElement?.classList.contains("dvc-result-link"),
      WIDGET,
    );
    assert.ok((await focusedElement(page)).includes(firstName));

    // "Show more" loads the next page and moves focus to its first result.
    await pressTabUntil(page, /^button\.dvc-button.*dvc-load-more/);
    await page.keyboard.press("Enter");
    await ui.results.nth(2).waitFor();
    await page.waitForFunction(
      (selector) => {
        const root = document.querySelector(selector).shadowRoot;
        return root.activeElement === root.querySelectorAll(".dvc-result-link")[2];
      },
      WIDGET,
    );
  });
});

test("no-results state offers suggestions", async () => {
  await withPage(browser, async (page) => {
    await openDemo(page, portal.url);
    const ui = widget(page);

    await ui.input.fill("xyzxyz qwqw");
    await ui.empty.waitFor();
    assert.match(await ui.empty.textContent(), /Không tìm thấy thủ tục nào phù hợp với “xyzxyz qwqw”/);
    await page.waitForFunction(
      (selector) =>
        document
          .querySelector(selector)
          .shadowRoot.querySelector("[role=status]")
          .textContent.includes("Không tìm thấy"),
      WIDGET,
    );
    await assertNoAxeViolations(page, { include: [WIDGET] });
    await saveScreenshot(page, "procedure-search-no-results");

    // An example search fills the field (the citizen is not typing) and runs.
    const example = ui.host.locator(".dvc-example").first();
    const exampleText = (await example.textContent()).trim();
    await example.click();
    assert.equal(await ui.input.inputValue(), exampleText);
    await page.waitForFunction(
      (selector) => document.querySelector(selector).shadowRoot.querySelector(".dvc-empty") === null,
      WIDGET,
    );
  });
});

test("invalid attributes explained in the widget", async () => {
  await withPage(browser, async (page) => {
    await openDemo(page, portal.url);
    const ui = widget(page);

    await setAttributes(page, { "api-base": null });
    await ui.error.waitFor();
    assert.match(await ui.error.textContent(), /Thiếu thuộc tính api-base/);
    assert.equal(await ui.error.getAttribute("role"), "alert");

    await setAttributes(page, { "api-base": "javascript:alert(1)", "page-size": "500", level: "huyen" });
    await page.waitForFunction(
      (selector) => document.querySelectorAll(selector).length === 1 &&
        document.querySelector(selector).shadowRoot.querySelectorAll(".dvc-error-list li").length === 3,
      WIDGET,
    );
    const problems = await ui.host.locator(".dvc-error-list li").allTextContents();
    assert.match(problems.join("\n"), /api-base="javascript:alert\(1\)"/);
    assert.match(problems.join("\n"), /page-size="500"/);
    assert.match(problems.join("\n"), /level="huyen"/);
    await assertNoAxeViolations(page, { include: [WIDGET] });
    await saveScreenshot(page, "procedure-search-config-errors");

    // Fixing the attributes brings the widget back.
    await setAttributes(page, { "api-base": "/", "page-size": null, level: null });
    await ui.input.waitFor();
    await ui.input.fill(BIRTH_QUERY);
    await ui.results.first().waitFor();
  });
});

test("English locale and scope attributes", async () => {
  await withPage(browser, async (page) => {
    await openDemo(page, portal.url);
    const ui = widget(page);

    await ui.input.fill(BIRTH_QUERY);
    await ui.results.first().waitFor();
    await setAttributes(page, { locale: "en" });
    await page.waitForFunction(
      (selector) => document.querySelector(selector).shadowRoot.querySelector(".dvc-root").lang === "en",
      WIDGET,
    );
    assert.equal((await ui.host.locator("label[for=dvc-query]").textContent()).trim(), "Search administrative procedures");
    assert.match(await ui.count.textContent(), /procedures? found/);
    // The text typed stays; only the words around it change.
    assert.equal(await ui.input.inputValue(), BIRTH_QUERY);
    assert.equal(await ui.input.getAttribute("placeholder"), "For example: đăng ký khai sinh");
    await setAttributes(page, { placeholder: "Tên thủ tục" });
    await page.waitForFunction(
      (selector) =>
        document.querySelector(selector).shadowRoot.querySelector("#dvc-query").placeholder === "Tên thủ tục",
      WIDGET,
    );

    // A level fixed by the host is sent with every search and has no menu.
    const expected = await searchApi(page, portal.url, BIRTH_QUERY, { level: "commune" });
    const scoped = page.waitForRequest((request) => request.url().includes("level=commune"));
    await setAttributes(page, { level: "commune" });
    await scoped;
    await ui.host.locator(".dvc-scope").waitFor();
    assert.match(await ui.host.locator(".dvc-scope").textContent(), /Searching only: Commune/);
    assert.equal(await ui.levelFilter.count(), 0);
    if (expected.total === 0) {
      await ui.empty.waitFor();
    } else {
      await page.waitForFunction(
        ([selector, total]) =>
          document.querySelector(selector).shadowRoot.querySelector(".dvc-results-count")?.textContent.includes(total),
        [WIDGET, String(expected.total)],
      );
    }
  });
});

test("deep link opens detail and copy link", async () => {
  const found = await withSearch(BIRTH_QUERY);
  const birth = found.items.find((item) => item.name === BIRTH_NAME);
  assert.ok(birth, `${BIRTH_NAME} is in the sample catalogue`);

  await withPage(browser, async (page, session) => {
    await session.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: portal.url });
    await openDemo(page, portal.url, { hash: `dvc-procedure=${birth.code}` });
    const ui = widget(page);

    await ui.detail.waitFor();
    await page.waitForFunction(
      ([selector, name]) =>
        document.querySelector(selector).shadowRoot.querySelector("#dvc-detail-title").textContent.trim() === name,
      [WIDGET, BIRTH_NAME],
    );

    await ui.host.getByRole("button", { name: "Sao chép liên kết" }).click();
    await page.waitForFunction(
      (selector) =>
        document
          .querySelector(selector)
          .shadowRoot.querySelector("[role=status]")
          .textContent.includes("Đã sao chép liên kết"),
      WIDGET,
    );
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, `${portal.url}/#dvc-procedure=${birth.code}`);

    // Back from a deep link lands on an empty search with the field focused.
    await ui.back.click();
    await ui.searchView.waitFor();
    await page.waitForFunction(
      (selector) => document.querySelector(selector).shadowRoot.activeElement?.id === "dvc-query",
      WIDGET,
    );
  });
});

test("re-added element mounts again", async () => {
  await withPage(browser, async (page) => {
    await openDemo(page, portal.url);
    const ui = widget(page);
    await ui.input.fill(BIRTH_QUERY);
    await ui.results.first().waitFor();

    // Removing the element unmounts the widget once the task ends (a move
    // within one task keeps it); adding it back later mounts a new one.
    await page.evaluate(async (selector) => {
      const element = document.querySelector(selector);
      const parent = element.parentElement;
      element.remove();
      await new Promise((resolve) => setTimeout(resolve, 0));
      parent.append(element);
    }, WIDGET);
    await ui.input.waitFor();
    assert.equal(await ui.input.inputValue(), "");
    assert.equal(await ui.host.locator(".dvc-root").count(), 1);

    await ui.input.fill(BIRTH_QUERY);
    await ui.results.first().waitFor();
  });
});

/** Fetches a search from the portal outside any page. */
async function withSearch(query) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    return await searchApi(page, portal.url, query);
  } finally {
    await context.close();
  }
}

/** Presses Tab until the focused element's description matches `pattern`. */
async function pressTabUntil(page, pattern, maxPresses = 30) {
  for (let press = 0; press < maxPresses; press += 1) {
    if (pattern.test(await focusedElement(page))) {
      return;
    }
    await page.keyboard.press("Tab");
  }
  const focused = await focusedElement(page);
  throw new Error(`no element matching ${pattern} after ${maxPresses} Tab presses; focus is on ${focused}`);
}
