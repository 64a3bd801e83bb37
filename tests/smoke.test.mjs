// Smoke test of the whole chain: release portal, trunk-built demo page, wasm
// start-up in Chromium, and the API reached from the page's own origin.

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
  portal = await startPortal();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await portal?.stop();
});

test("demo page starts the wasm", async () => {
  await withPage(browser, async (page) => {
    const wasmResponses = [];
    page.on("response", (response) => {
      if (new URL(response.url()).pathname.endsWith(".wasm")) {
        wasmResponses.push(response);
      }
    });

    const response = await page.goto(`${portal.url}/`);
    assert.equal(response?.status(), 200);
    await waitForDemoWasm(page);

    assert.equal(await page.locator("html").getAttribute("lang"), "vi");
    assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), "dvc-widgets");

    // Without application/wasm, browsers refuse instantiateStreaming and the
    // glue falls back to a slower path with a console warning.
    assert.equal(wasmResponses.length, 1);
    assert.equal(wasmResponses[0].status(), 200);
    assert.match(wasmResponses[0].headers()["content-type"] ?? "", /^application\/wasm/);

    // The widgets' own views are audited by their tests; this covers the page around them.
    await assertNoAxeViolations(page, { include: ["header", "main", "footer"] });
    await saveScreenshot(page, "smoke-demo-page");
  });
});

test("health endpoint from page origin", async () => {
  await withPage(browser, async (page) => {
    await page.goto(`${portal.url}/`);

    const health = await page.evaluate(async () => {
      const response = await fetch("/api/v1/health");
      return { status: response.status, body: await response.json() };
    });

    assert.equal(health.status, 200);
    assert.equal(health.body.status, "ok");
    assert.ok(health.body.procedures > 0, `procedures: ${health.body.procedures}`);
  });
});
