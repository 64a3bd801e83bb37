// The <dvc-dossier-status> on the demo page, as the browser tests drive it,
// and the demo portal's generated dossiers they look up. Playwright's CSS
// and role locators pierce open shadow roots, so plain selectors reach
// inside the widget.

import { execFile } from "node:child_process";
import { promisify } from "node:util";

import { portalBin, waitForDemoWasm } from "./harness/index.mjs";

/** The day the demo dossiers are generated around, and the browser's clock. */
export const TODAY = "2026-03-02";

/** The demo page's dossier status element. */
export const WIDGET = "#demo-dossier-status";

/** Path of the lookup endpoint, to recognise the widget's requests. */
export const LOOKUP_PATH = "/api/v1/dossiers/lookup";

/**
 * Console errors Chromium logs for the failed responses the tests provoke
 * (it logs the URL, which carries no dossier code).
 */
export const EXPECTED_HTTP_ERRORS = [/status of (400|404|429|500|502)/, /net::ERR_FAILED/];

/** National status labels, as `--print-demo-dossiers` and the widget show them. */
export const STATUS_LABELS_VI = {
  1: "Mới đăng ký",
  2: "Được tiếp nhận",
  3: "Không được tiếp nhận",
  4: "Đang xử lý",
  5: "Yêu cầu bổ sung giấy tờ",
  6: "Yêu cầu thực hiện nghĩa vụ tài chính",
  7: "Công dân yêu cầu rút hồ sơ",
  8: "Dừng xử lý",
  9: "Đã xử lý xong",
  10: "Đã trả kết quả",
};

/** Status families, as the widget's classes name them. */
export const STATUS_FAMILIES = {
  1: "in-progress",
  2: "in-progress",
  3: "ended",
  4: "in-progress",
  5: "action-needed",
  6: "action-needed",
  7: "ended",
  8: "ended",
  9: "done",
  10: "done",
};

/**
 * One line of `dvc-demo-portal --print-demo-dossiers --json`.
 * @typedef {object} DemoDossier
 * @property {string} code
 * @property {string} verifier
 * @property {number} status
 * @property {string | null} due_date YYYY-MM-DD
 * @property {number | null} working_days_left
 * @property {string[]} cases e.g. `overdue`, `on_time`, `supplement_open`, `fee_due`
 */

/**
 * Lists the demo portal's dossiers as of `today`, from the same binary the
 * tests start, so codes and verifiers match the running portal.
 *
 * @param {string} [today]
 * @returns {Promise<DemoDossier[]>}
 */
export async function demoDossiers(today = TODAY) {
  const { stdout } = await promisify(execFile)(
    portalBin,
    ["--print-demo-dossiers", "--json", "--today", today],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  const dossiers = stdout
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line));
  if (dossiers.length === 0) {
    throw new Error("the demo portal printed no demo dossiers; is its catalogue empty?");
  }
  return dossiers;
}

/**
 * Returns the first dossier that `predicate` accepts, or throws naming `description`.
 *
 * @param {DemoDossier[]} dossiers
 * @param {string} description what the dossier should be, for the error message
 * @param {(dossier: DemoDossier) => boolean} predicate
 */
export function pick(dossiers, description, predicate) {
  const found = dossiers.find(predicate);
  if (!found) {
    throw new Error(`no demo dossier is ${description}`);
  }
  return found;
}

/** Locators of the widget's parts. */
export function widget(page) {
  const host = page.locator(WIDGET);
  return {
    host,
    root: host.locator(".dvc-root"),
    code: host.locator("#dvc-code"),
    verifier: host.locator("#dvc-verifier"),
    submit: host.locator(".dvc-submit"),
    codeError: host.locator("#dvc-code-error"),
    verifierError: host.locator("#dvc-verifier-error"),
    result: host.locator(".dvc-result"),
    title: host.locator("#dvc-result-title"),
    status: host.locator(".dvc-status"),
    statusName: host.locator(".dvc-status-name"),
    explanation: host.locator(".dvc-status-explanation"),
    nextStep: host.locator(".dvc-next-step"),
    dueDate: host.locator(".dvc-due-date"),
    deadline: host.locator(".dvc-deadline"),
    steps: host.locator(".dvc-step"),
    currentStep: host.locator(".dvc-step[aria-current=step]"),
    portalLink: host.locator(".dvc-portal-link a"),
    error: host.locator(".dvc-lookup-error"),
    errorMessage: host.locator(".dvc-lookup-error .dvc-error-message").first(),
    retry: host.locator(".dvc-retry"),
    liveRegion: host.locator("[role=status][aria-live=polite]"),
    qr: host.locator(".dvc-qr"),
  };
}

/**
 * Fixes the browser's clock at 10:00 in Vietnam on `today`, so the widget
 * counts working days from the same day as the portal's `--today`.
 */
export async function fixClock(page, today = TODAY) {
  await page.clock.setFixedTime(new Date(`${today}T10:00:00+07:00`));
}

/**
 * Opens the demo page with the clock fixed, sets `attributes` on the widget
 * and waits until its code field is ready.
 *
 * @param {import("playwright-core").Page} page
 * @param {string} url the portal's base URL
 * @param {object} [options]
 * @param {Record<string, string | null>} [options.attributes] attributes to set (null removes)
 * @param {string} [options.search] query string of the page address, without `?`
 */
export async function openDemo(page, url, { attributes = {}, search = "" } = {}) {
  await fixClock(page);
  await page.goto(`${url}/${search ? `?${search}` : ""}#tra-cuu-ho-so`);
  await waitForDemoWasm(page);
  await setAttributes(page, attributes);
  await widget(page).code.waitFor();
}

/** Sets attributes on the widget element (a removed attribute is `null`). */
export async function setAttributes(page, attributes) {
  await page.evaluate(
    ([selector, entries]) => {
      const element = document.querySelector(selector);
      for (const [name, value] of entries) {
        if (value === null) {
          element.removeAttribute(name);
        } else {
          element.setAttribute(name, value);
        }
      }
    },
    [WIDGET, Object.entries(attributes)],
  );
}

/**
 * Types `code` and `verifier` and presses Enter in the verifier field, then
 * waits until the new outcome takes focus: the result heading or the error.
 * Waiting for focus rather than for an element distinguishes a new outcome
 * from the previous one when both look the same.
 */
export async function lookUp(page, code, verifier) {
  const ui = widget(page);
  await ui.code.fill(code);
  await ui.verifier.fill(verifier);
  await ui.verifier.press("Enter");
  await waitForOutcomeFocus(page);
}

/** Waits until the result heading or the lookup error has focus. */
export async function waitForOutcomeFocus(page) {
  await page.waitForFunction((selector) => {
    const active = document.querySelector(selector).shadowRoot.activeElement;
    return active?.id === "dvc-result-title" || active?.classList.contains("dvc-lookup-error");
  }, WIDGET);
}

/** Fetches a dossier's status from the portal directly, for expected values. */
export async function lookupApi(page, url, code, verifier) {
  const response = await page.request.post(`${url}${LOOKUP_PATH}`, { data: { code, verifier } });
  if (!response.ok()) {
    throw new Error(`lookup of ${code} failed with HTTP ${response.status()}`);
  }
  return response.json();
}

/** Formats YYYY-MM-DD as the Vietnamese locale shows it: DD/MM/YYYY. */
export function vietnameseDate(isoDate) {
  const [year, month, day] = isoDate.split("-");
  return `${day}/${month}/${year}`;
}

/**
 * Describes the focused element, looking through shadow roots:
 * `tag#id.class "text"`.
 */
export async function focusedElement(page) {
  return page.evaluate(() => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) {
      element = element.shadowRoot.activeElement;
    }
    if (!element) {
      return "";
    }
    const id = element.id ? `#${element.id}` : "";
    const classes = [...element.classList].map((name) => `.${name}`).join("");
    return `${element.tagName.toLowerCase()}${id}${classes} "${element.textContent.trim().slice(0, 60)}"`;
  });
}
