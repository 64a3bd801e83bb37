// <dvc-dossier-status> when the lookup fails: the portal's real rate limit
// with its Retry-After wait, a network error, a timeout and malformed
// responses (through route interception), each with a way to try again.

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
  EXPECTED_HTTP_ERRORS,
  LOOKUP_PATH,
  TODAY,
  WIDGET,
  demoDossiers,
  focusedElement,
  lookUp,
  openDemo,
  pick,
  setAttributes,
  widget,
} from "./dossier-status-page.mjs";

/** Lookups a client may make per minute on the rate-limited portal. */
const RATE_LIMIT = 2;

let portal;
let limitedPortal;
let browser;
let dossier;

before(async () => {
  portal = await startPortal({
    today: TODAY,
    extraArgs: ["--lookup-rate-limit", "0", "--lookup-failure-limit", "0"],
  });
  limitedPortal = await startPortal({
    today: TODAY,
    extraArgs: ["--lookup-rate-limit", String(RATE_LIMIT)],
  });
  browser = await launchBrowser();
  dossier = pick(await demoDossiers(), "of status 4", (d) => d.status === 4);
});

after(async () => {
  await browser?.close();
  await portal?.stop();
  await limitedPortal?.stop();
});

/** Counts the lookup requests the page sends. */
function countLookups(page) {
  const sent = { count: 0 };
  page.on("request", (request) => {
    if (request.url().includes(LOOKUP_PATH)) {
      sent.count += 1;
    }
  });
  return sent;
}

test("rate limit names the wait", async () => {
  await withPage(
    browser,
    async (page) => {
      const retryAfter = [];
      page.on("response", (response) => {
        if (response.url().includes(LOOKUP_PATH) && response.status() === 429) {
          retryAfter.push(Number(response.headers()["retry-after"]));
        }
      });
      await openDemo(page, limitedPortal.url);
      const ui = widget(page);
      const sent = countLookups(page);

      // The bucket has room for RATE_LIMIT attempts, so the next one is rejected.
      for (let attempt = 0; attempt < RATE_LIMIT; attempt += 1) {
        await lookUp(page, dossier.code, dossier.verifier);
        await ui.title.waitFor();
      }
      await lookUp(page, dossier.code, dossier.verifier);
      await ui.error.waitFor();

      assert.equal(retryAfter.length, 1, "the portal answered 429 once");
      const seconds = retryAfter[0];
      assert.ok(seconds > 0, `Retry-After ${seconds} s is positive`);
      assert.ok(seconds <= 60, `Retry-After ${seconds} s is at most a minute`);
      const message = (await ui.errorMessage.textContent()).trim();
      assert.match(message, /^Bạn đã tra cứu quá nhiều lần\. Vui lòng chờ \d+ giây rồi thử lại\.$/);
      const shownSeconds = Number(/chờ (\d+) giây/.exec(message)[1]);
      assert.ok(
        shownSeconds <= seconds && shownSeconds >= seconds - 1,
        `${shownSeconds} s shown for Retry-After ${seconds}`,
      );
      assert.match(await focusedElement(page), /div\.dvc-error\.dvc-lookup-error/);
      await assertNoAxeViolations(page, { include: [WIDGET] });
      await saveScreenshot(page, "dossier-status-rate-limited");

      // Trying again during the wait sends nothing and shows the wait again.
      const before = sent.count;
      await ui.retry.click();
      await ui.error.waitFor();
      assert.match(await ui.errorMessage.textContent(), /Vui lòng chờ \d+ giây/);
      assert.equal(sent.count, before, "no request during the wait");
    },
    { allowedConsoleErrors: EXPECTED_HTTP_ERRORS },
  );
});

test("locked code wait from Retry-After", async () => {
  await withPage(
    browser,
    async (page) => {
      await openDemo(page, portal.url);
      const ui = widget(page);
      await page.route(`**${LOOKUP_PATH}`, (route) =>
        route.fulfill({
          status: 429,
          headers: { "retry-after": "840" },
          contentType: "application/json",
          body: JSON.stringify({
            error: { code: "dossier_locked", message: "Mã hồ sơ này tạm thời bị khóa tra cứu." },
          }),
        }),
      );

      await lookUp(page, dossier.code, dossier.verifier);
      assert.match(
        await ui.errorMessage.textContent(),
        /tạm bị khóa tra cứu .* Vui lòng chờ 14 phút rồi thử lại\./,
      );

      // The lock holds for this code only: another code is sent.
      const sent = countLookups(page);
      await page.unroute(`**${LOOKUP_PATH}`);
      await lookUp(page, "000.00.00.H99-260101-9999", "1234");
      await page.waitForFunction(
        (selector) =>
          document
            .querySelector(selector)
            .shadowRoot.querySelector(".dvc-error-message")
            ?.textContent.startsWith("Không tìm thấy"),
        WIDGET,
      );
      assert.equal(sent.count, 1);
    },
    { allowedConsoleErrors: EXPECTED_HTTP_ERRORS },
  );
});

test("network error offers retry", async () => {
  await withPage(
    browser,
    async (page) => {
      await openDemo(page, portal.url);
      const ui = widget(page);
      await page.route(`**${LOOKUP_PATH}`, (route) => route.abort("failed"));

      await lookUp(page, dossier.code, dossier.verifier);
      assert.equal(
        (await ui.errorMessage.textContent()).trim(),
        "Không kết nối được tới máy chủ tra cứu. Kiểm tra kết nối mạng rồi thử lại.",
      );
      await saveScreenshot(page, "dossier-status-network-error");

      await page.unroute(`**${LOOKUP_PATH}`);
      await ui.retry.click();
      await ui.title.waitFor();
      assert.equal((await ui.title.textContent()).trim(), `Hồ sơ ${dossier.code}`);
    },
    { allowedConsoleErrors: EXPECTED_HTTP_ERRORS },
  );
});

test("timeout offers retry", async () => {
  await withPage(
    browser,
    async (page) => {
      await openDemo(page, portal.url, { attributes: { "request-timeout": "1" } });
      const ui = widget(page);
      // Holds the response past the 1-second timeout; the widget aborts it.
      await page.route(`**${LOOKUP_PATH}`, async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 2_500));
        await route.continue().catch(() => {});
      });

      await lookUp(page, dossier.code, dossier.verifier);
      assert.equal(
        (await ui.errorMessage.textContent()).trim(),
        "Máy chủ tra cứu không trả lời sau 1 giây. Vui lòng thử lại.",
      );

      await page.unroute(`**${LOOKUP_PATH}`);
      await setAttributes(page, { "request-timeout": null });
      await ui.retry.click();
      await ui.title.waitFor();
    },
    { allowedConsoleErrors: [...EXPECTED_HTTP_ERRORS, /aborted|ERR_ABORTED/] },
  );
});

test("malformed responses are reported", async () => {
  await withPage(
    browser,
    async (page) => {
      await openDemo(page, portal.url);
      const ui = widget(page);
      const bodies = [
        { contentType: "application/json", body: '{"code": 1}' },
        { contentType: "text/html", body: "<html><body>Bảo trì</body></html>" },
        { contentType: "application/json", body: '{"code":"X","status":11}' },
      ];

      for (const response of bodies) {
        await page.route(`**${LOOKUP_PATH}`, (route) => route.fulfill({ status: 200, ...response }));
        await lookUp(page, dossier.code, dossier.verifier);
        assert.equal(
          (await ui.errorMessage.textContent()).trim(),
          "Máy chủ tra cứu trả về dữ liệu không đọc được. Vui lòng thử lại sau.",
          response.body,
        );
        await page.unroute(`**${LOOKUP_PATH}`);
      }

      // A gateway error without the API's error body names its status.
      await page.route(`**${LOOKUP_PATH}`, (route) =>
        route.fulfill({ status: 502, contentType: "text/plain", body: "Bad Gateway" }),
      );
      await lookUp(page, dossier.code, dossier.verifier);
      assert.match(await ui.errorMessage.textContent(), /mã lỗi 502/);
      assert.equal(await ui.retry.count(), 1);
    },
    { allowedConsoleErrors: EXPECTED_HTTP_ERRORS },
  );
});
