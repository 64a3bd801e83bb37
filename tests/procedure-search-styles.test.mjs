// The procedure search's own styles on hostile host pages: inherited host
// CSS, a 62.5% root font size, a strict `style-src 'self'` policy, forced
// colours and theming through the documented custom properties.

import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, test } from "node:test";

import { launchBrowser, saveScreenshot, startPortal, withPage } from "./harness/index.mjs";
import { WIDGET, openDemo, widget } from "./procedure-search-page.mjs";

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

/** Computed style properties of the element at `selector` inside the widget. */
async function computed(page, selector, properties) {
  return page.evaluate(
    ([host, inner, names]) => {
      const element = document.querySelector(host).shadowRoot.querySelector(inner);
      const style = getComputedStyle(element);
      return Object.fromEntries(names.map((name) => [name, style.getPropertyValue(name)]));
    },
    [WIDGET, selector, properties],
  );
}

test("host styles do not leak in", async () => {
  await withPage(browser, async (page) => {
    await openDemo(page, portal.url);
    await page.addStyleTag({
      content: `
        html { font-size: 62.5%; }
        body { font: italic 10px/1 serif; color: #ff0000; letter-spacing: 4px;
               text-transform: uppercase; text-align: center; }
        * { box-sizing: content-box; }
        input, button, select { font-size: 1rem !important; }
      `,
    });
    const ui = widget(page);
    await ui.input.fill("khai sinh");
    await ui.results.first().waitFor();

    const label = await computed(page, ".dvc-label", [
      "font-size",
      "font-style",
      "color",
      "letter-spacing",
      "text-transform",
      "text-align",
    ]);
    assert.equal(label["font-size"], "20px");
    assert.equal(label["font-style"], "normal");
    assert.equal(label.color, "rgb(27, 31, 36)");
    assert.equal(label["letter-spacing"], "normal");
    assert.equal(label["text-transform"], "none");
    assert.equal(label["text-align"], "start");

    const input = await computed(page, "#dvc-query", ["font-size", "box-sizing"]);
    assert.equal(input["font-size"], "16px");
    assert.equal(input["box-sizing"], "border-box");
    await saveScreenshot(page, "procedure-search-hostile-host");
  });
});

test("strict style-src policy keeps styles", async () => {
  await withPage(browser, async (page) => {
    // Serve the demo page with a policy that forbids inline styles. Trunk's
    // start-up script is inline, so its hash is allowed explicitly.
    await page.route(`${portal.url}/`, async (route) => {
      const response = await route.fetch();
      const html = await response.text();
      const scripts = [...html.matchAll(/<script type="module">([\s\S]*?)<\/script>/g)];
      const hashes = scripts.map(([, body]) => `'sha256-${createHash("sha256").update(body).digest("base64")}'`);
      const policy = [
        "default-src 'self'",
        `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(" ")}`,
        "style-src 'self'",
      ].join("; ");
      await route.fulfill({ response, body: html, headers: { ...response.headers(), "content-security-policy": policy } });
    });
    const violations = [];
    page.on("console", (message) => {
      if (message.text().includes("Content Security Policy")) {
        violations.push(message.text());
      }
    });

    await openDemo(page, portal.url);
    const ui = widget(page);
    await ui.input.fill("khai sinh");
    await ui.results.first().waitFor();

    const button = await computed(page, ".dvc-button-primary", ["background-color", "border-radius"]);
    assert.equal(button["background-color"], "rgb(11, 92, 173)");
    assert.equal(button["border-radius"], "6px");
    assert.deepEqual(violations, []);

    // Control: the policy is in force, so an inline style attribute is ignored.
    const controlColor = await page.evaluate(() => {
      const probe = document.createElement("div");
      probe.innerHTML = '<span style="color: rgb(255, 0, 0)">x</span>';
      document.body.append(probe);
      return getComputedStyle(probe.firstElementChild).color;
    });
    assert.notEqual(controlColor, "rgb(255, 0, 0)");
  }, { allowedConsoleErrors: [/inline style violates the following Content Security Policy directive 'style-src/] });
});

test("custom properties theme the widget", async () => {
  await withPage(browser, async (page) => {
    await openDemo(page, portal.url);
    await page.addStyleTag({
      content: `${WIDGET} { --dvc-color-primary: #8b1a1a; --dvc-radius: 0px; --dvc-font-size: 18px; }`,
    });
    const button = await computed(page, ".dvc-button-primary", ["background-color", "border-radius"]);
    assert.equal(button["background-color"], "rgb(139, 26, 26)");
    assert.equal(button["border-radius"], "0px");
    const input = await computed(page, "#dvc-query", ["font-size"]);
    assert.equal(input["font-size"], "18px");
  });
});

test("forced colours keep marks and borders", async () => {
  await withPage(browser, async (page) => {
    await page.emulateMedia({ forcedColors: "active" });
    await openDemo(page, portal.url);
    const ui = widget(page);
    await ui.input.fill("khai sinh");
    await ui.results.first().waitFor();

    const mark = await computed(page, "mark", ["forced-color-adjust"]);
    assert.equal(mark["forced-color-adjust"], "none");
    const button = await computed(page, ".dvc-button-primary", ["border-top-style", "border-top-width"]);
    assert.equal(button["border-top-style"], "solid");
    assert.equal(button["border-top-width"], "2px");
    await saveScreenshot(page, "procedure-search-forced-colors");
  });
});
