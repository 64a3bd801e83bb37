// <dvc-procedure-search> when the API fails: server errors, timeouts,
// network failures and bodies that are not the API's JSON, each followed by
// a retry against the real demo portal. Route interception injects only the
// fault; everything else reaches the portal.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import {
  assertNoAxeViolations,
  launchBrowser,
  saveScreenshot,
  startPortal,
  withPage,
} from "./harness/index.mjs";
import { SEARCH_PATH, WIDGET, openDemo, setAttributes, widget } from "./procedure-search-page.mjs";

const QUERY = "khai sinh";

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

/**
 * Serves `fault` for the first search request and lets later ones reach
 * the portal. Returns a function that resolves once the fault was served.
 */
async function failFirstSearch(page, fault) {
  let served;
  const faultServed = new Promise((resolve) => {
    served = resolve;
  });
  let failed = false;
  await page.route(
    (url) => url.pathname === SEARCH_PATH,
    async (route) => {
      if (failed) {
        await route.fallback();
        return;
      }
      failed = true;
      await fault(route);
      served();
    },
  );
  return () => faultServed;
}

/** Clicks "Thử lại" and waits for results from the portal. */
async function retryAndExpectResults(page) {
  const ui = widget(page);
  await ui.retry.click();
  await ui.results.first().waitFor();
  assert.equal(await ui.error.count(), 0);
}

test("server error shows message and retries", async () => {
  await withPage(
    browser,
    async (page) => {
      await failFirstSearch(page, (route) =>
        route.fulfill({
          status: 500,
          contentType: "application/json",
          body: JSON.stringify({ error: { code: "internal", message: "Máy chủ đang bảo trì, vui lòng thử lại sau." } }),
        }),
      );
      await openDemo(page, portal.url);
      const ui = widget(page);

      await ui.input.fill(QUERY);
      await ui.error.waitFor();
      assert.equal(await ui.error.getAttribute("role"), "alert");
      assert.match(await ui.error.textContent(), /Máy chủ đang bảo trì, vui lòng thử lại sau\./);
      await assertNoAxeViolations(page, { include: [WIDGET] });
      await saveScreenshot(page, "procedure-search-server-error");

      await retryAndExpectResults(page);
    },
    { allowedConsoleErrors: [/status of 500/] },
  );
});

test("error without API body shows status", async () => {
  await withPage(
    browser,
    async (page) => {
      await failFirstSearch(page, (route) =>
        route.fulfill({ status: 502, contentType: "text/html", body: "<h1>Bad Gateway</h1>" }),
      );
      await openDemo(page, portal.url, { attributes: { locale: "en" } });
      const ui = widget(page);

      await ui.input.fill(QUERY);
      await ui.error.waitFor();
      assert.match(await ui.error.textContent(), /returned an error \(HTTP 502\)/);
      await retryAndExpectResults(page);
    },
    { allowedConsoleErrors: [/status of 502/] },
  );
});

test("timeout shows message and retries", async () => {
  await withPage(browser, async (page) => {
    // The held request never gets a response; the widget gives up after 1 s.
    await failFirstSearch(page, () => new Promise(() => {}));
    await openDemo(page, portal.url, { attributes: { "request-timeout": "1" } });
    const ui = widget(page);

    await ui.input.fill(QUERY);
    await ui.error.waitFor({ timeout: 10_000 });
    assert.match(await ui.error.textContent(), /không trả lời sau 1 giây/);
    await saveScreenshot(page, "procedure-search-timeout");

    await retryAndExpectResults(page);
  });
});

test("network failure shows message and retries", async () => {
  await withPage(
    browser,
    async (page) => {
      await failFirstSearch(page, (route) => route.abort("connectionrefused"));
      await openDemo(page, portal.url);
      const ui = widget(page);

      await ui.input.fill(QUERY);
      await ui.error.waitFor();
      assert.match(await ui.error.textContent(), /Không kết nối được tới máy chủ tra cứu/);
      await retryAndExpectResults(page);
    },
    { allowedConsoleErrors: [/ERR_CONNECTION_REFUSED/] },
  );
});

test("malformed body shows message and retries", async () => {
  await withPage(browser, async (page) => {
    await failFirstSearch(page, (route) =>
      route.fulfill({ status: 200, contentType: "application/json", body: '{"items": [' }),
    );
    await openDemo(page, portal.url);
    const ui = widget(page);

    await ui.input.fill(QUERY);
    await ui.error.waitFor();
    assert.match(await ui.error.textContent(), /dữ liệu không đọc được/);
    await retryAndExpectResults(page);
  });
});

test("failed next page keeps loaded results", async () => {
  await withPage(
    browser,
    async (page) => {
      await openDemo(page, portal.url, { attributes: { "page-size": "1" } });
      const ui = widget(page);
      await ui.input.fill("dang ky");
      await ui.results.first().waitFor();

      await failFirstSearch(page, (route) => route.fulfill({ status: 503, body: "" }));
      await ui.loadMore.click();
      await ui.error.waitFor();
      assert.equal(await ui.results.count(), 1, "the first page stays");

      await ui.retry.click();
      await ui.results.nth(1).waitFor();
      assert.equal(await ui.error.count(), 0);
    },
    { allowedConsoleErrors: [/status of 503/] },
  );
});

test("detail error shows message and retries", async () => {
  await withPage(
    browser,
    async (page) => {
      let failed = false;
      await page.route(
        (url) => url.pathname.startsWith(`${SEARCH_PATH}/`),
        async (route) => {
          if (failed) {
            await route.fallback();
            return;
          }
          failed = true;
          await route.fulfill({ status: 500, body: "" });
        },
      );
      await openDemo(page, portal.url);
      const ui = widget(page);
      await ui.input.fill(QUERY);
      await ui.resultLinks.first().click();

      await ui.error.waitFor();
      assert.match(await ui.error.textContent(), /Không tải được thông tin thủ tục/);
      await ui.retry.click();
      await ui.host.locator(".dvc-detail-section").first().waitFor();
      assert.equal(await ui.error.count(), 0);
    },
    { allowedConsoleErrors: [/status of 500/] },
  );
});

test("unknown code in a link is reported", async () => {
  await withPage(
    browser,
    async (page) => {
      await openDemo(page, portal.url, { hash: "dvc-procedure=9.999999" });
      const ui = widget(page);

      await ui.error.waitFor();
      assert.match(await ui.error.textContent(), /Không tìm thấy thủ tục có mã 9\.999999/);
      await ui.back.click();
      await ui.input.waitFor();
    },
    { allowedConsoleErrors: [/status of 404/] },
  );
});

test("portal markup is shown as text", async () => {
  await withPage(browser, async (page) => {
    // A hostile or broken catalogue: names with markup and a script address.
    const hostile = '<img src=x onerror="window.dvcInjected=1">Thủ tục <b>đăng ký</b>';
    await page.route(
      (url) => url.pathname === SEARCH_PATH,
      (route) =>
        route.fulfill({
          json: {
            items: [
              {
                code: "1.001193",
                name: hostile,
                levels: ["commune"],
                fields: ["<i>Hộ tịch</i>"],
                agencies: [],
                online: false,
                highlights: [{ start: 0, end: 4 }],
              },
            ],
            total: 1,
            page: 1,
            limit: 10,
            facets: { levels: [], fields: [], agencies: [] },
          },
        }),
    );
    await openDemo(page, portal.url);
    const ui = widget(page);

    await ui.input.fill(QUERY);
    await ui.results.first().waitFor();
    assert.equal((await ui.resultLinks.first().textContent()).trim(), hostile);
    assert.equal(await ui.host.locator(".dvc-result img, .dvc-result b, .dvc-result i").count(), 0);
    assert.equal(await page.evaluate(() => window.dvcInjected), undefined);
    assert.equal(await ui.resultLinks.first().locator("mark").textContent(), "<img");
  });
});

test("attribute change re-sends the search", async () => {
  await withPage(browser, async (page) => {
    await openDemo(page, portal.url);
    const ui = widget(page);
    await ui.input.fill(QUERY);
    await ui.results.first().waitFor();

    const resent = page.waitForRequest((request) => new URL(request.url()).searchParams.get("limit") === "3");
    await setAttributes(page, { "page-size": "3" });
    await resent;
    await page.waitForFunction(
      (selector) => document.querySelector(selector).shadowRoot.querySelectorAll(".dvc-result").length <= 3,
      WIDGET,
    );
  });
});
