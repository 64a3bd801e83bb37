// <dvc-procedure-search> against the full national catalogue (2,117
// procedures from the shared data). Skipped when DVC_SHARED_DATA is unset.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import {
  assertNoAxeViolations,
  launchBrowser,
  saveScreenshot,
  sharedDataFile,
  startPortal,
  withPage,
} from "./harness/index.mjs";
import { WIDGET, openDemo, widget } from "./procedure-search-page.mjs";

const catalogue = sharedDataFile("tthc", "procedures-national-2026.jsonl.gz");
const skip = catalogue ? false : "DVC_SHARED_DATA is unset or lacks the national catalogue";

const BIRTH_NAME = "Thủ tục đăng ký khai sinh";

let portal;
let browser;

before(async () => {
  if (!catalogue) {
    return;
  }
  portal = await startPortal({ data: catalogue, today: "2026-03-02" });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await portal?.stop();
});

test("national catalogue: birth registration", { skip }, async () => {
  await withPage(browser, async (page) => {
    await openDemo(page, portal.url);
    const ui = widget(page);

    await ui.input.pressSequentially("dang ky khai sinh", { delay: 20 });
    await ui.results.first().waitFor();
    const names = (await ui.resultLinks.allTextContents()).map((name) => name.trim());
    const position = names.indexOf(BIRTH_NAME);
    assert.ok(position >= 0 && position < 5, `"${BIRTH_NAME}" at position ${position} in: ${names.join(" | ")}`);
    await saveScreenshot(page, "procedure-search-national-results");

    await ui.resultLinks.nth(position).click();
    await ui.host.locator(".dvc-detail-section").first().waitFor();
    assert.equal((await ui.detailTitle.textContent()).trim(), BIRTH_NAME);

    const channelRows = await ui.host.locator(".dvc-channels tbody tr").count();
    assert.ok(channelRows > 0, "the detail lists submission channels");
    const documents = await ui.host.locator(".dvc-document").count();
    assert.ok(documents > 0, "the detail lists documents to submit");
    await assertNoAxeViolations(page, { include: [WIDGET] });
    await saveScreenshot(page, "procedure-search-national-detail");
  });
});
