// <dvc-dossier-status> on the demo page against the demo portal's generated
// dossiers: every status family, deadlines on time and overdue, supplement
// requests and fees, one message for unknown codes and wrong verifiers,
// pasted codes, keyboard use, accessibility, prefill, locale, privacy.

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
  STATUS_FAMILIES,
  STATUS_LABELS_VI,
  TODAY,
  WIDGET,
  demoDossiers,
  focusedElement,
  lookUp,
  lookupApi,
  openDemo,
  pick,
  setAttributes,
  vietnameseDate,
  widget,
} from "./dossier-status-page.mjs";

/** The not-found message, the same for an unknown code and a wrong verifier. */
const NOT_FOUND =
  "Không tìm thấy hồ sơ khớp với mã hồ sơ và thông tin xác minh đã nhập. Hãy kiểm tra lại cả hai.";

let portal;
let browser;
let dossiers;

before(async () => {
  // The limits are tested on their own portal; here they would only make
  // the many lookups of this file depend on timing.
  portal = await startPortal({
    today: TODAY,
    extraArgs: ["--lookup-rate-limit", "0", "--lookup-failure-limit", "0"],
  });
  browser = await launchBrowser();
  dossiers = await demoDossiers();
});

after(async () => {
  await browser?.close();
  await portal?.stop();
});

/** Collects the `dvc-dossier-result` events the host page receives. */
async function recordResultEvents(page) {
  await page.addInitScript(() => {
    window.dvcResultEvents = [];
    document.addEventListener("dvc-dossier-result", (event) => {
      window.dvcResultEvents.push(event.detail);
    });
  });
  return () => page.evaluate(() => window.dvcResultEvents);
}

test("every status shown in words", async () => {
  await withPage(browser, async (page) => {
    const events = await recordResultEvents(page);
    await openDemo(page, portal.url);
    const ui = widget(page);

    for (let status = 1; status <= 10; status += 1) {
      const dossier = pick(dossiers, `of status ${status}`, (d) => d.status === status);
      await lookUp(page, dossier.code, dossier.verifier);
      await page.waitForFunction(
        ([selector, code]) =>
          document
            .querySelector(selector)
            .shadowRoot.querySelector("#dvc-result-title")
            ?.textContent.includes(code),
        [WIDGET, dossier.code],
      );

      assert.equal((await ui.title.textContent()).trim(), `Hồ sơ ${dossier.code}`);
      assert.equal((await ui.statusName.textContent()).trim(), STATUS_LABELS_VI[status]);
      assert.equal(await ui.status.getAttribute("data-status"), String(status));
      assert.match(
        await ui.status.getAttribute("class"),
        new RegExp(`dvc-status-${STATUS_FAMILIES[status]}`),
      );
      assert.ok((await ui.explanation.textContent()).trim().length > 20, "explanation shown");
      assert.match(await ui.nextStep.textContent(), /Việc bạn cần làm/);
      assert.match(await ui.portalLink.getAttribute("href"), /^https:\/\/dichvucong\.gov\.vn/);

      const received = vietnameseDate(dossier.received_date);
      assert.match(await ui.result.textContent(), new RegExp(received.replaceAll("/", "\\/")));
      if (dossier.due_date) {
        assert.match(await ui.dueDate.textContent(), new RegExp(vietnameseDate(dossier.due_date)));
      } else {
        assert.match(await ui.dueDate.textContent(), /Chưa có/);
      }

      // Final statuses have no step under way; the others mark exactly one.
      const isFinal = [3, 7, 8, 9, 10].includes(status);
      const current = await ui.currentStep.count();
      if (isFinal) {
        assert.equal(current, 0, `status ${status} marks no current step`);
      } else if ((await ui.steps.count()) > 0) {
        assert.equal(current, 1, `status ${status} marks one current step`);
        assert.match(await ui.currentStep.textContent(), /Đang thực hiện|Bước gần nhất/);
      }

      if ([1, 5, 6, 9].includes(status)) {
        await assertNoAxeViolations(page, { include: [WIDGET] });
        await saveScreenshot(page, `dossier-status-${status}`);
      }
    }

    // One event per lookup, carrying the status number and nothing else.
    const received = await events();
    assert.deepEqual(
      received,
      Array.from({ length: 10 }, (_, index) => ({ status: index + 1 })),
    );
  });
});

test("working days left and overdue", async () => {
  await withPage(browser, async (page) => {
    await openDemo(page, portal.url);
    const ui = widget(page);

    const onTime = pick(
      dossiers,
      "in progress and on time",
      (d) => [2, 4].includes(d.status) && d.working_days_left > 0,
    );
    await lookUp(page, onTime.code, onTime.verifier);
    await ui.deadline.waitFor();
    assert.equal(
      (await ui.deadline.textContent()).split(".")[0].trim(),
      `Còn ${onTime.working_days_left} ngày làm việc`,
    );
    assert.match(await ui.deadline.getAttribute("class"), /dvc-deadline-on-time/);

    const overdue = pick(
      dossiers,
      "in progress and overdue",
      (d) => [2, 4].includes(d.status) && d.working_days_left < 0,
    );
    await lookUp(page, overdue.code, overdue.verifier);
    await page.waitForFunction(
      (selector) =>
        document
          .querySelector(selector)
          .shadowRoot.querySelector(".dvc-deadline")
          ?.textContent.startsWith("Quá hạn"),
      WIDGET,
    );
    assert.equal(
      (await ui.deadline.textContent()).split(".")[0].trim(),
      `Quá hạn ${-overdue.working_days_left} ngày làm việc`,
    );
    assert.match(await ui.dueDate.textContent(), new RegExp(vietnameseDate(overdue.due_date)));
    await saveScreenshot(page, "dossier-status-overdue");
  });
});

test("supplement request lists documents and deadline", async () => {
  await withPage(browser, async (page) => {
    await openDemo(page, portal.url);
    const ui = widget(page);
    const dossier = pick(
      dossiers,
      "waiting for supplements",
      (d) => d.status === 5 && d.cases.includes("supplement_open"),
    );
    const record = await lookupApi(page, portal.url, dossier.code, dossier.verifier);
    const open = record.supplement_requests.filter((request) => request.fulfilled_at === null);
    assert.ok(open.length > 0, "the dossier has an open supplement request");

    await lookUp(page, dossier.code, dossier.verifier);
    const supplements = ui.host.locator(".dvc-supplements");
    await supplements.waitFor();
    const items = (await supplements.locator(".dvc-supplement-items li").allTextContents()).map(
      (item) => item.trim(),
    );
    assert.deepEqual(
      items,
      open.flatMap((request) => request.items),
    );
    if (open[0].respond_by) {
      assert.match(
        await supplements.locator(".dvc-supplement-deadline").first().textContent(),
        new RegExp(`Hạn bổ sung: .*${vietnameseDate(open[0].respond_by)}.*ngày làm việc|hôm nay`),
      );
    }

    // The clock stops while the dossier waits for the citizen.
    assert.match(await ui.deadline.textContent(), /^Tạm dừng tính thời hạn/);
    assert.match(await ui.deadline.getAttribute("class"), /dvc-deadline-paused/);
    await assertNoAxeViolations(page, { include: [WIDGET] });
  });
});

test("fee due shows the amount in đồng", async () => {
  await withPage(browser, async (page) => {
    await openDemo(page, portal.url);
    const ui = widget(page);
    const dossier = pick(dossiers, "waiting for a fee", (d) => d.cases.includes("fee_due"));
    const record = await lookupApi(page, portal.url, dossier.code, dossier.verifier);
    const unpaid = record.fees_due.filter((fee) => !fee.paid);

    await lookUp(page, dossier.code, dossier.verifier);
    const fees = ui.host.locator(".dvc-fees");
    await fees.waitFor();
    const total = unpaid.reduce((sum, fee) => sum + fee.amount_vnd, 0);
    const formatted = `${total.toLocaleString("de-DE")} đồng`;
    assert.equal(
      (await fees.locator(".dvc-fees-total").textContent()).trim(),
      `Tổng số tiền cần nộp: ${formatted}`,
    );
    assert.match(await fees.textContent(), /chưa nộp/);
  });
});

test("wrong verifier reads like unknown code", async () => {
  await withPage(
    browser,
    async (page) => {
      await openDemo(page, portal.url);
      const ui = widget(page);
      const dossier = pick(dossiers, "of status 4", (d) => d.status === 4);
      const wrong = dossier.verifier === "0000" ? "1111" : "0000";

      await lookUp(page, dossier.code, wrong);
      const wrongVerifierMessage = (await ui.errorMessage.textContent()).trim();
      assert.match(await focusedElement(page), /div\.dvc-error\.dvc-lookup-error/);
      await assertNoAxeViolations(page, { include: [WIDGET] });
      await saveScreenshot(page, "dossier-status-not-found");

      await lookUp(page, "000.00.00.H99-260101-9999", dossier.verifier);
      const unknownCodeMessage = (await ui.errorMessage.textContent()).trim();

      assert.equal(wrongVerifierMessage, NOT_FOUND);
      assert.equal(unknownCodeMessage, NOT_FOUND);
      assert.equal(await ui.retry.count(), 0, "no retry: the input must change");
    },
    { allowedConsoleErrors: EXPECTED_HTTP_ERRORS },
  );
});

test("pasted code with odd dashes and spaces", async () => {
  await withPage(browser, async (page) => {
    await openDemo(page, portal.url);
    const ui = widget(page);
    const dossier = pick(
      dossiers,
      "with a due date in progress",
      (d) => [2, 4].includes(d.status) && d.working_days_left !== null,
    );
    const [agency, date, counter] = dossier.code.split("-");
    // Lower case, an en dash, an em dash and extra spaces, as copied from a PDF.
    const pasted = `  ${agency.toLowerCase()} \u2013 ${date}  \u2014${counter}\t `;

    await lookUp(page, pasted, ` ${dossier.verifier} `);
    await ui.title.waitFor();
    assert.equal((await ui.title.textContent()).trim(), `Hồ sơ ${dossier.code}`);
    assert.equal(await ui.code.inputValue(), dossier.code, "the field shows the normalised code");
    assert.match(await ui.dueDate.textContent(), new RegExp(vietnameseDate(dossier.due_date)));
    assert.match(await ui.deadline.textContent(), /ngày làm việc|hẹn trả kết quả/);
  });
});

test("keyboard only lookup", async () => {
  await withPage(browser, async (page) => {
    await openDemo(page, portal.url);
    const ui = widget(page);
    const dossier = pick(dossiers, "of status 6", (d) => d.status === 6);

    // Tab from the top of the page until the code field has focus.
    await page.locator("#tra-cuu-ho-so-title").evaluate((heading) => {
      heading.tabIndex = -1;
      heading.focus();
    });
    let steps = 0;
    while (!(await focusedElement(page)).startsWith("input#dvc-code") && steps < 40) {
      await page.keyboard.press("Tab");
      steps += 1;
    }
    assert.match(await focusedElement(page), /^input#dvc-code/);
    const outline = await ui.code.evaluate((input) => getComputedStyle(input).outlineStyle);
    assert.equal(outline, "solid", "focus is visible");

    await page.keyboard.type(dossier.code);
    await page.keyboard.press("Tab");
    assert.match(await focusedElement(page), /^input#dvc-verifier/);
    await page.keyboard.type(dossier.verifier);
    await page.keyboard.press("Enter");

    await ui.title.waitFor();
    await page.waitForFunction(
      (selector) =>
        document.querySelector(selector).shadowRoot.activeElement?.id === "dvc-result-title",
      WIDGET,
    );
    assert.match(await ui.liveRegion.textContent(), /Đã tìm thấy hồ sơ/);

    // The next Tab stops on the link to the official portal.
    await page.keyboard.press("Tab");
    assert.match(await focusedElement(page), /^a /);
  });
});

test("empty fields flagged and focused", async () => {
  await withPage(browser, async (page) => {
    await openDemo(page, portal.url);
    const ui = widget(page);
    const requests = [];
    page.on("request", (request) => {
      if (request.url().includes(LOOKUP_PATH)) {
        requests.push(request);
      }
    });

    await ui.submit.click();
    await ui.codeError.waitFor();
    assert.equal(await ui.code.getAttribute("aria-invalid"), "true");
    assert.match(await ui.code.getAttribute("aria-describedby"), /dvc-code-error/);
    assert.match(await focusedElement(page), /^input#dvc-code/);
    await assertNoAxeViolations(page, { include: [WIDGET] });

    await ui.code.fill("000.17.22.H56-210531-0001");
    await ui.code.press("Enter");
    await ui.verifierError.waitFor();
    assert.equal(await ui.codeError.count(), 0, "the code error is gone");
    assert.match(await ui.verifier.getAttribute("aria-describedby"), /dvc-verifier-error/);
    assert.match(await focusedElement(page), /^input#dvc-verifier/);
    assert.equal(requests.length, 0, "nothing is sent while a field is empty");
  });
});

test("unusual code shape hinted, still sent", async () => {
  await withPage(
    browser,
    async (page) => {
      await openDemo(page, portal.url);
      const ui = widget(page);
      await lookUp(page, "03706/2026/07906", "1234");
      assert.equal(await ui.code.inputValue(), "03706/2026/07906");
      assert.match(await ui.code.getAttribute("aria-describedby"), /dvc-code-unusual/);
      assert.match(await ui.host.locator(".dvc-lookup-error").textContent(), /khác dạng thường gặp/);
    },
    { allowedConsoleErrors: EXPECTED_HTTP_ERRORS },
  );
});

test("ma-ho-so prefills the code only", async () => {
  await withPage(browser, async (page) => {
    const dossier = pick(dossiers, "of status 2", (d) => d.status === 2);
    const search = new URLSearchParams({
      "ma-ho-so": ` ${dossier.code.replace("-", "\u2013").toLowerCase()} `,
      verifier: dossier.verifier,
      "ma-xac-minh": dossier.verifier,
    });
    await openDemo(page, portal.url, { search: search.toString() });
    const ui = widget(page);

    assert.equal(await ui.code.inputValue(), dossier.code);
    assert.equal(await ui.verifier.inputValue(), "", "the verifier never comes from the address");
    assert.equal(await ui.result.count(), 0, "nothing is looked up before the citizen submits");
  });
});

test("nothing personal leaves the widget", async () => {
  await withPage(browser, async (page, session) => {
    await openDemo(page, portal.url);
    const dossier = pick(dossiers, "of status 4", (d) => d.status === 4);
    const urls = [];
    const bodies = [];
    page.on("request", (request) => {
      urls.push(request.url());
      if (request.url().includes(LOOKUP_PATH)) {
        bodies.push({ method: request.method(), body: request.postDataJSON() });
      }
    });
    const addressBefore = page.url();

    await lookUp(page, dossier.code, dossier.verifier);
    await widget(page).title.waitFor();

    assert.deepEqual(bodies, [
      { method: "POST", body: { code: dossier.code, verifier: dossier.verifier } },
    ]);
    for (const url of urls) {
      assert.ok(!url.includes(dossier.code), `no code in ${url}`);
      assert.ok(!url.includes(dossier.verifier), `no verifier in ${url}`);
    }
    assert.equal(page.url(), addressBefore, "the page address is unchanged");

    const stored = await page.evaluate(() => ({
      local: localStorage.length,
      session: sessionStorage.length,
      cookie: document.cookie,
    }));
    assert.deepEqual(stored, { local: 0, session: 0, cookie: "" });
    for (const line of session.consoleLog) {
      assert.ok(!line.includes(dossier.code), `console line names the code: ${line}`);
      assert.ok(!line.includes(dossier.verifier), `console line names the verifier: ${line}`);
    }

    const verifierAttributes = await widget(page).verifier.evaluate((input) => ({
      type: input.type,
      autocomplete: input.getAttribute("autocomplete"),
      inputmode: input.getAttribute("inputmode"),
      name: input.getAttribute("name"),
    }));
    assert.deepEqual(verifierAttributes, {
      type: "text",
      autocomplete: "off",
      inputmode: "numeric",
      name: null,
    });
  });
});

test("English locale and custom verifier label", async () => {
  await withPage(browser, async (page) => {
    await openDemo(page, portal.url, {
      attributes: { locale: "en", "verifier-label": "Mã bảo mật trên giấy hẹn" },
    });
    const ui = widget(page);
    assert.equal(await ui.root.getAttribute("lang"), "en");
    assert.equal(
      (await ui.host.locator("label[for=dvc-verifier]").textContent()).trim(),
      "Mã bảo mật trên giấy hẹn",
    );

    const overdue = pick(
      dossiers,
      "in progress and overdue",
      (d) => [2, 4].includes(d.status) && d.working_days_left < 0,
    );
    await lookUp(page, overdue.code, overdue.verifier);
    await ui.deadline.waitFor();
    const days = -overdue.working_days_left;
    assert.match(
      await ui.deadline.textContent(),
      new RegExp(`^Overdue by ${days} working days?`),
    );
    assert.ok(
      (await ui.host.locator(".dvc-step-name span[lang=vi]").count()) > 0,
      "portal text is marked as Vietnamese",
    );
    await assertNoAxeViolations(page, { include: [WIDGET] });
  });
});

test("invalid attributes explained in place", async () => {
  await withPage(browser, async (page) => {
    await openDemo(page, portal.url);
    await setAttributes(page, { "api-base": null, locale: "fr", "portal-url": "javascript:x" });
    const message = page.locator(`${WIDGET} .dvc-config-errors`);
    await message.waitFor();
    const text = await message.textContent();
    assert.match(text, /Thiếu thuộc tính api-base/);
    assert.match(text, /locale="fr"/);
    assert.match(text, /portal-url="javascript:x"/);

    await setAttributes(page, { "api-base": "/", locale: null, "portal-url": null });
    await widget(page).code.waitFor();
  });
});
