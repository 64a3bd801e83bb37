// The developer demo page: its hostile mock portal, the language switch and
// the embed code generator.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import {
  assertNoAxeViolations,
  launchBrowser,
  saveScreenshot,
  startPortal,
  waitForDemoWasm,
  withPage,
} from "./harness/index.mjs";

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

const PREVIEW = "#demo-preview > :first-child";

async function openDemoPage(page, search = "") {
  await page.goto(`${portal.url}/${search}`);
  await waitForDemoWasm(page);
}

test("mock portal CSS spares the widgets", async () => {
  await withPage(browser, async (page) => {
    await openDemoPage(page);

    const outside = await page.evaluate(() => ({
      root: getComputedStyle(document.documentElement).fontSize,
      body: getComputedStyle(document.body).fontFamily,
    }));
    assert.equal(outside.root, "10px", "the page's root font size is 62.5%");
    assert.match(outside.body, /Times New Roman/);

    for (const host of ["#demo-procedure-search", "#demo-dossier-status"]) {
      const inside = await page.evaluate((selector) => {
        const root = document.querySelector(selector).shadowRoot.querySelector(".dvc-root");
        const style = getComputedStyle(root);
        return { fontSize: style.fontSize, fontFamily: style.fontFamily, letterSpacing: style.letterSpacing };
      }, host);
      assert.equal(inside.fontSize, "16px", `${host} font size`);
      assert.doesNotMatch(inside.fontFamily, /Times/, `${host} font`);
      assert.equal(inside.letterSpacing, "normal", `${host} letter spacing`);
    }
  });
});

test("language switch changes texts and locale", async () => {
  await withPage(browser, async (page) => {
    await openDemoPage(page);
    const heading = page.locator("#tra-cuu-thu-tuc-title");
    const label = page.locator("#demo-procedure-search label[for=dvc-query]");
    assert.equal((await heading.innerText()).trim().toLowerCase(), "tra cứu thủ tục hành chính");

    await page.locator("#demo-language").click();
    assert.equal(await page.locator("html").getAttribute("lang"), "en");
    assert.equal((await heading.innerText()).trim().toLowerCase(), "administrative procedure lookup");
    assert.equal(await page.locator("#demo-procedure-search").getAttribute("locale"), "en");
    await label.filter({ hasText: "Search administrative procedures" }).waitFor();
    assert.equal(new URL(page.url()).searchParams.get("lang"), "en");
    await assertNoAxeViolations(page, { include: ["header", "main", "footer"] });
    await saveScreenshot(page, "demo-page-english");

    await page.reload();
    await waitForDemoWasm(page);
    assert.equal(await page.locator("html").getAttribute("lang"), "en", "the language survives a reload");

    await page.locator("#demo-language").click();
    assert.equal(await page.locator("html").getAttribute("lang"), "vi");
    assert.equal(await page.locator("#demo-procedure-search").getAttribute("locale"), null);
    await label.filter({ hasText: "Tìm thủ tục hành chính" }).waitFor();
  });
});

test("generator updates preview and snippets", async () => {
  await withPage(browser, async (page) => {
    await openDemoPage(page);
    const html = page.locator("#demo-html");
    const css = page.locator("#demo-css");

    // The snippets carry the integrity values of the running build.
    const manifest = await page.evaluate(async () => (await fetch("/widgets/manifest.json")).json());
    const loader = manifest.files.find((file) => file.path === "dvc-widgets.js");
    await html.filter({ hasText: loader.integrity }).waitFor();
    assert.match(await html.textContent(), /<dvc-dossier-status api-base="\/">/);
    assert.match(await page.locator("#demo-events").textContent(), /dvc-ready/);

    await page.locator("#cfg-widget").selectOption("dvc-procedure-search");
    await page.locator(`${PREVIEW} .dvc-root`).waitFor();
    assert.equal(await page.locator(PREVIEW).evaluate((element) => element.localName), "dvc-procedure-search");

    // An attribute change reaches the same mounted element.
    await page.locator(PREVIEW).evaluate((element) => {
      window.previewElement = element;
    });
    await page.locator("#cfg-level").selectOption("province");
    assert.equal(await page.locator(PREVIEW).getAttribute("level"), "province");
    assert.ok(await page.locator(PREVIEW).evaluate((element) => element === window.previewElement));
    assert.match(await html.textContent(), /<dvc-procedure-search api-base="\/" level="province">/);

    await page.locator("#cfg-field").fill('Hộ "tịch"');
    assert.match(await html.textContent(), /field="Hộ &quot;tịch&quot;"/, "attribute values are escaped");

    await page.locator("#cfg-primary").fill("#8b1a1a");
    const background = await page.evaluate((selector) => {
      const button = document.querySelector(selector).shadowRoot.querySelector(".dvc-button-primary");
      return getComputedStyle(button).backgroundColor;
    }, PREVIEW);
    assert.equal(background, "rgb(139, 26, 26)");
    assert.match(await css.textContent(), /dvc-procedure-search \{\n {2}--dvc-color-primary: #8b1a1a;\n\}/);
    await saveScreenshot(page, "demo-page-generator");
  });
});

test("copy puts the snippet on the clipboard", async () => {
  await withPage(
    browser,
    async (page, session) => {
      await session.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: portal.url });
      await openDemoPage(page);
      await page.locator('[data-copy="demo-html"]').click();
      await page.locator("#demo-copy-status", { hasText: "Đã sao chép." }).waitFor();
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      assert.equal(copied, await page.locator("#demo-html").textContent());
    },
  );
});
