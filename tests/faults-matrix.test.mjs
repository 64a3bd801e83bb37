// Fault matrix for both widgets on one page. For each fault, the procedure
// search first gets a good response, then the fault on its next search; the
// dossier lookup, used right after, must still work. Then the same the other
// way round. Each fault must end in a clear message with no result left from
// the earlier request and no panic (a Rust panic reaches the console as an
// error, which `withPage` turns into a failure).
//
// Single-widget fault cases (retry buttons, the portal's real rate limit,
// failed next pages) live in procedure-search-faults.test.mjs and
// dossier-status-faults.test.mjs; this file adds the cells they lack and the
// check that a fault in one widget leaves the other usable.

import assert from "node:assert/strict";
import { createServer } from "node:net";
import { after, before, test } from "node:test";

import { launchBrowser, startPortal, withPage } from "./harness/index.mjs";
import * as dossierPage from "./dossier-status-page.mjs";
import * as searchPage from "./procedure-search-page.mjs";

/** Size of the "huge response" body: far more than any real API response. */
const HUGE_BODY_BYTES = 12 * 1024 * 1024;

/** How long a stale response gets to show up before the test looks again. */
const QUIET_PERIOD_MS = 500;

/** Console errors Chromium logs for the failed requests this file provokes. */
const PROVOKED_CONSOLE_ERRORS = [
  /status of (404|429|500)/,
  /net::ERR_(CONNECTION_REFUSED|FAILED|ABORTED)/,
];

let portal;
let browser;
let dossiers;
let closedPort;

before(async () => {
  // The lookup limits are off so the repeated lookups of this file are
  // never rejected by the portal itself.
  portal = await startPortal({
    today: dossierPage.TODAY,
    extraArgs: ["--lookup-rate-limit", "0", "--lookup-failure-limit", "0"],
  });
  browser = await launchBrowser();
  dossiers = (await dossierPage.demoDossiers()).filter((dossier) => dossier.status === 4);
  assert.ok(dossiers.length >= 2, "two demo dossiers of status 4");
  closedPort = await findClosedPort();
});

after(async () => {
  await browser?.close();
  await portal?.stop();
});

/** Binds an ephemeral loopback port and closes it, so connecting is refused. */
async function findClosedPort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Builds a body of `bytes` bytes that is JSON but not any API response shape. */
function hugeJsonBody(bytes) {
  return JSON.stringify({ padding: "x".repeat(bytes) });
}

/**
 * The faults. `serve` fulfils an intercepted request; `apiBase` instead
 * points the faulted widget at another server; `attributes` are set on both
 * widgets before the good requests. `search` and `lookup` are the messages
 * each widget must show.
 */
const FAULTS = [
  {
    name: "HTTP 500",
    serve: (route) =>
      route.fulfill({
        status: 500,
        contentType: "application/json",
        body: JSON.stringify({ error: { code: "internal", message: "Lỗi nội bộ của máy chủ." } }),
      }),
    search: /^Lỗi nội bộ của máy chủ\.$/,
    lookup: /^Hệ thống tra cứu đang gặp sự cố \(mã lỗi 500\)\. Vui lòng thử lại sau\.$/,
  },
  {
    // A wrong api-base path on the host's server: its own HTML 404 page.
    name: "HTTP 404",
    serve: (route) =>
      route.fulfill({ status: 404, contentType: "text/html", body: "<h1>Not Found</h1>" }),
    search: /^Máy chủ tra cứu báo lỗi \(mã 404\)\. Hãy thử lại sau\.$/,
    lookup: /^Không tìm thấy hồ sơ khớp với mã hồ sơ/,
  },
  {
    name: "HTTP 429",
    serve: (route) =>
      route.fulfill({
        status: 429,
        headers: { "retry-after": "30" },
        contentType: "application/json",
        body: JSON.stringify({
          error: { code: "rate_limited", message: "Quá nhiều yêu cầu, vui lòng thử lại sau." },
        }),
      }),
    search: /^Quá nhiều yêu cầu, vui lòng thử lại sau\.$/,
    lookup: /^Bạn đã tra cứu quá nhiều lần\. Vui lòng chờ (30|29) giây rồi thử lại\.$/,
  },
  {
    // The request is held without a response; the widgets give up after 1 s.
    name: "timeout",
    attributes: { "request-timeout": "1" },
    serve: () => new Promise(() => {}),
    search: /^Máy chủ tra cứu không trả lời sau 1 giây/,
    lookup: /^Máy chủ tra cứu không trả lời sau 1 giây\. Vui lòng thử lại\.$/,
  },
  {
    name: "connection refused",
    apiBase: () => `http://127.0.0.1:${closedPort}`,
    search: /^Không kết nối được tới máy chủ tra cứu\./,
    lookup: /^Không kết nối được tới máy chủ tra cứu\./,
  },
  {
    name: "malformed JSON",
    serve: (route) =>
      route.fulfill({ status: 200, contentType: "application/json", body: '{"items": [{"code": "1.0' }),
    search: /^Máy chủ tra cứu trả về dữ liệu không đọc được\./,
    lookup: /^Máy chủ tra cứu trả về dữ liệu không đọc được\./,
  },
  {
    // A captive portal or a login page responding in place of the API.
    name: "wrong content type",
    serve: (route) =>
      route.fulfill({
        status: 200,
        contentType: "text/html; charset=utf-8",
        body: "<!doctype html><title>Đăng nhập</title><form><input name=user></form>",
      }),
    search: /^Máy chủ tra cứu trả về dữ liệu không đọc được\./,
    lookup: /^Máy chủ tra cứu trả về dữ liệu không đọc được\./,
  },
  {
    name: "huge response",
    serve: (route) =>
      route.fulfill({ status: 200, contentType: "application/json", body: hugeJsonBody(HUGE_BODY_BYTES) }),
    search: /^Máy chủ tra cứu trả về dữ liệu không đọc được\./,
    lookup: /^Máy chủ tra cứu trả về dữ liệu không đọc được\./,
  },
];

/** Opens the demo page with both widgets mounted and the clock fixed. */
async function openBoth(page, attributes = {}) {
  await dossierPage.fixClock(page);
  await searchPage.openDemo(page, portal.url, { attributes });
  await dossierPage.setAttributes(page, attributes);
  await dossierPage.widget(page).code.waitFor();
}

/** Searches for `query` and waits for its results. */
async function searchWorks(page, query) {
  const ui = searchPage.widget(page);
  const expected = await searchPage.searchApi(page, portal.url, query);
  assert.ok(expected.total > 0, `the sample catalogue has results for ${query}`);
  await ui.input.fill(query);
  await page.waitForFunction(
    ([selector, name]) =>
      document.querySelector(selector).shadowRoot.querySelector(".dvc-result-link")?.textContent.trim() === name,
    [searchPage.WIDGET, expected.items[0].name],
  );
  assert.equal(await ui.error.count(), 0, `no error after searching ${query}`);
}

/** Looks up `dossier` and checks its result heading. */
async function lookupWorks(page, dossier) {
  const ui = dossierPage.widget(page);
  await dossierPage.lookUp(page, dossier.code, dossier.verifier);
  assert.equal((await ui.title.textContent()).trim(), `Hồ sơ ${dossier.code}`);
  assert.equal(await ui.error.count(), 0);
}

/** Injects `fault` on requests to `path` (or moves the api-base) for the duration of `body`. */
async function withFault(page, fault, widgetSelector, path, body) {
  if (fault.apiBase) {
    await setApiBase(page, widgetSelector, fault.apiBase());
    await body();
    await setApiBase(page, widgetSelector, "/");
    return;
  }

  const matches = (url) => url.pathname === path;
  await page.route(matches, (route) => fault.serve(route));
  await body();
  await page.unroute(matches);
}

/** Returns a promise with its `resolve` function, for holding a route. */
function deferred() {
  let resolve;
  const promise = new Promise((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

async function setApiBase(page, widgetSelector, value) {
  await page.evaluate(([selector, base]) => document.querySelector(selector).setAttribute("api-base", base), [
    widgetSelector,
    value,
  ]);
}

for (const fault of FAULTS) {
  test(`${fault.name}: search fails, lookup works`, async () => {
    await withPage(
      browser,
      async (page) => {
        await openBoth(page, fault.attributes);
        const ui = searchPage.widget(page);
        await searchWorks(page, "khai sinh");

        await withFault(page, fault, searchPage.WIDGET, searchPage.SEARCH_PATH, async () => {
          await ui.input.fill("ket hon");
          await ui.error.waitFor({ timeout: 15_000 });
          const message = (await ui.host.locator(".dvc-error-message").first().textContent()).trim();
          assert.match(message, fault.search);
          assert.equal(await ui.results.count(), 0, "no result of the earlier search is left");
        });

        await lookupWorks(page, dossiers[0]);
        if (fault.apiBase) {
          // Moving api-base back re-sends the search, which now succeeds.
          await ui.results.first().waitFor();
          assert.equal(await ui.error.count(), 0);
        } else {
          assert.equal(await ui.results.count(), 0, "the failed search stays failed");
        }
      },
      { allowedConsoleErrors: PROVOKED_CONSOLE_ERRORS },
    );
  });

  test(`${fault.name}: lookup fails, search works`, async () => {
    await withPage(
      browser,
      async (page) => {
        await openBoth(page, fault.attributes);
        const ui = dossierPage.widget(page);
        await lookupWorks(page, dossiers[0]);

        await withFault(page, fault, dossierPage.WIDGET, dossierPage.LOOKUP_PATH, async () => {
          await ui.code.fill(dossiers[1].code);
          await ui.verifier.fill(dossiers[1].verifier);
          await ui.verifier.press("Enter");
          await ui.error.waitFor({ timeout: 15_000 });
          assert.match((await ui.errorMessage.textContent()).trim(), fault.lookup);
          assert.equal(await ui.result.count(), 0, "no result of the earlier lookup is left");
        });

        await searchWorks(page, "khai sinh");
        assert.equal(await ui.result.count(), 0, "the failed lookup stays failed");
      },
      { allowedConsoleErrors: PROVOKED_CONSOLE_ERRORS },
    );
  });
}

test("out-of-order lookups show the newer dossier", async () => {
  await withPage(
    browser,
    async (page) => {
      await openBoth(page);
      const ui = dossierPage.widget(page);
      const [older, newer] = dossiers;
      const olderBody = await dossierPage.lookupApi(page, portal.url, older.code, older.verifier);

      // The first lookup gets its response, with its own dossier, only
      // after the second one's result is on screen.
      const olderReleased = deferred();
      const olderDone = deferred();
      let first = true;
      await page.route(`**${dossierPage.LOOKUP_PATH}`, async (route) => {
        if (!first) {
          await route.fallback();
          return;
        }
        first = false;
        await olderReleased.promise;
        await route.fulfill({ json: olderBody }).catch(() => {});
        olderDone.resolve();
      });

      const olderSent = page.waitForRequest((request) => request.url().includes(dossierPage.LOOKUP_PATH));
      await ui.code.fill(older.code);
      await ui.verifier.fill(older.verifier);
      await ui.verifier.press("Enter");
      await olderSent;
      await dossierPage.lookUp(page, newer.code, newer.verifier);
      assert.equal((await ui.title.textContent()).trim(), `Hồ sơ ${newer.code}`);

      olderReleased.resolve();
      await olderDone.promise;
      await page.waitForTimeout(QUIET_PERIOD_MS);
      assert.equal((await ui.title.textContent()).trim(), `Hồ sơ ${newer.code}`);
      assert.equal(await ui.result.count(), 1);

      await searchWorks(page, "khai sinh");
    },
    { allowedConsoleErrors: PROVOKED_CONSOLE_ERRORS },
  );
});

test("out-of-order searches keep lookup usable", async () => {
  await withPage(
    browser,
    async (page) => {
      await openBoth(page);
      const ui = searchPage.widget(page);
      const older = "ket hon";
      const newer = "khai sinh";
      const olderExpected = await searchPage.searchApi(page, portal.url, older);
      const newerExpected = await searchPage.searchApi(page, portal.url, newer);
      assert.notEqual(olderExpected.items[0].name, newerExpected.items[0].name);

      // Same shape as the single-widget case, with a lookup between the two
      // responses: the stale response must not land in either widget.
      const olderReleased = deferred();
      const olderDone = deferred();
      await page.route(
        (url) => url.pathname === searchPage.SEARCH_PATH,
        async (route) => {
          if (!searchPage.isSearchFor(route.request(), older)) {
            await route.fallback();
            return;
          }
          await olderReleased.promise;
          await route.fulfill({ json: olderExpected }).catch(() => {});
          olderDone.resolve();
        },
      );

      const olderSent = page.waitForRequest((request) => searchPage.isSearchFor(request, older));
      await ui.input.fill(older);
      await olderSent;
      await searchWorks(page, newer);
      await lookupWorks(page, dossiers[0]);

      olderReleased.resolve();
      await olderDone.promise;
      await page.waitForTimeout(QUIET_PERIOD_MS);
      assert.equal((await ui.resultLinks.first().textContent()).trim(), newerExpected.items[0].name);
      assert.equal(
        (await dossierPage.widget(page).title.textContent()).trim(),
        `Hồ sơ ${dossiers[0].code}`,
      );
    },
    { allowedConsoleErrors: PROVOKED_CONSOLE_ERRORS },
  );
});
