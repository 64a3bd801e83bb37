// Headless Debian Chromium through playwright-core, with pages that fail the
// test on console errors and uncaught exceptions.

import { mkdir } from "node:fs/promises";
import path from "node:path";

import AxeBuilder from "@axe-core/playwright";
import { chromium } from "playwright-core";

import { artifactsDir } from "./paths.mjs";

/** Debian's Chromium; playwright-core never downloads a browser of its own. */
const CHROMIUM = process.env.DVC_CHROMIUM ?? "/usr/bin/chromium";

/**
 * Flags for a root user in a container on a closed network: without the
 * background-networking ones Chromium keeps trying to reach Google's hosts.
 */
const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
  "--disable-quic",
  "--no-first-run",
];

/**
 * Launches headless Chromium. Playwright gives every launch a new temporary
 * user-data directory and deletes it on `browser.close()`.
 *
 * @param {object} [options]
 * @param {string[]} [options.extraArgs] more Chromium flags, e.g.
 *   `["--host-resolver-rules=MAP portal.test 127.0.0.1"]` to load a page from
 *   a plain-http origin that is not a secure context
 * @returns {Promise<import("playwright-core").Browser>}
 */
export async function launchBrowser({ extraArgs = [] } = {}) {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_FLAGS, ...extraArgs],
  });
}

/**
 * A page in its own browser context, with the problems seen on it.
 * @typedef {object} PageSession
 * @property {import("playwright-core").BrowserContext} context
 * @property {import("playwright-core").Page} page
 * @property {string[]} problems console errors and uncaught exceptions, in order
 * @property {string[]} consoleLog every console message, as `type: text`
 * @property {() => void} assertNoProblems throws when `problems` is not empty
 * @property {() => Promise<void>} close closes the context
 */

/**
 * Opens a page in a new browser context (axe-core needs one) and records console
 * errors and uncaught page exceptions.
 *
 * @param {import("playwright-core").Browser} browser
 * @param {object} [options]
 * @param {RegExp[]} [options.allowedConsoleErrors] console errors the test expects,
 *   e.g. `[/status of 500/]` when a test makes the server fail on purpose (Chromium
 *   logs every failed request as a console error)
 * @param {import("playwright-core").BrowserContextOptions} [options.contextOptions]
 *   e.g. `{ locale: "en-US", viewport: { width: 360, height: 740 } }`
 * @returns {Promise<PageSession>}
 */
export async function openPage(browser, { allowedConsoleErrors = [], contextOptions = {} } = {}) {
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  const problems = [];
  const consoleLog = [];

  page.on("console", (message) => {
    const text = message.text();
    consoleLog.push(`${message.type()}: ${text}`);
    if (message.type() === "error" && !allowedConsoleErrors.some((pattern) => pattern.test(text))) {
      const location = message.location();
      problems.push(`console error: ${text} (${location.url}:${location.lineNumber})`);
    }
  });
  page.on("pageerror", (error) => {
    problems.push(`uncaught exception: ${error.stack ?? error.message}`);
  });
  page.on("crash", () => {
    problems.push("page crashed");
  });

  const assertNoProblems = () => {
    if (problems.length > 0) {
      throw new Error(`the page reported ${problems.length} problem(s):\n${problems.join("\n")}`);
    }
  };

  return { context, page, problems, consoleLog, assertNoProblems, close: () => context.close() };
}

/**
 * Runs `body` with a fresh page, then fails if the page logged a console error or
 * threw an uncaught exception, and closes the context in every case.
 *
 * @param {import("playwright-core").Browser} browser
 * @param {(page: import("playwright-core").Page, session: PageSession) => Promise<void>} body
 * @param {Parameters<typeof openPage>[1]} [options]
 */
export async function withPage(browser, body, options) {
  const session = await openPage(browser, options);
  try {
    await body(session.page, session);
  } catch (error) {
    if (session.problems.length > 0 && error instanceof Error) {
      error.message += `\nThe page also reported:\n${session.problems.join("\n")}`;
    }
    throw error;
  } finally {
    await session.close();
  }
  session.assertNoProblems();
}

/**
 * Waits until the widgets' loader has mounted every widget element on the
 * demo page (each is in its `:state(ready)`), so the wasm is instantiated.
 * Fails at once when a widget shows its fallback content instead.
 *
 * @param {import("playwright-core").Page} page
 * @param {number} [timeoutMs]
 */
export async function waitForDemoWasm(page, timeoutMs = 30_000) {
  const outcome = await page.waitForFunction(
    () => {
      const elements = [...document.querySelectorAll("dvc-procedure-search, dvc-dossier-status")];
      if (elements.some((element) => element.matches(":state(fallback)"))) {
        return "fallback";
      }
      return elements.length > 0 && elements.every((element) => element.matches(":state(ready)")) && "ready";
    },
    null,
    { timeout: timeoutMs },
  );
  if ((await outcome.jsonValue()) === "fallback") {
    throw new Error("a widget on the demo page shows its fallback content; the console warning names the cause");
  }
}

/**
 * Runs axe-core on the page (open shadow roots included) and returns its results.
 *
 * @param {import("playwright-core").Page} page a page from `openPage`/`withPage`
 * @param {object} [options]
 * @param {string[]} [options.include] CSS selectors to audit; default: the whole page
 * @param {string[]} [options.exclude] CSS selectors to leave out
 * @param {string[]} [options.disableRules] axe rule ids to skip, each with a reason in the test
 */
export async function runAxe(page, { include = [], exclude = [], disableRules = [] } = {}) {
  let builder = new AxeBuilder({ page });
  for (const selector of include) {
    builder = builder.include(selector);
  }
  for (const selector of exclude) {
    builder = builder.exclude(selector);
  }
  if (disableRules.length > 0) {
    builder = builder.disableRules(disableRules);
  }
  return builder.analyze();
}

/**
 * Runs axe-core and throws a readable list of the violations, if any.
 *
 * @param {import("playwright-core").Page} page
 * @param {Parameters<typeof runAxe>[1]} [options]
 */
export async function assertNoAxeViolations(page, options) {
  const results = await runAxe(page, options);
  if (results.violations.length === 0) {
    return;
  }
  const lines = results.violations.flatMap((violation) => [
    `${violation.id} (${violation.impact}): ${violation.help}`,
    ...violation.nodes.map((node) => `    at ${node.target.join(" ")}: ${node.failureSummary ?? ""}`),
  ]);
  throw new Error(`axe-core found ${results.violations.length} violation(s):\n${lines.join("\n")}`);
}

/**
 * Saves a full-page screenshot as tests/artifacts/<name>.png and returns its path.
 *
 * @param {import("playwright-core").Page} page
 * @param {string} name file name without extension; characters other than
 *   letters, digits, `-` and `_` become `-`
 */
export async function saveScreenshot(page, name) {
  await mkdir(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, `${name.replace(/[^A-Za-z0-9_-]/g, "-")}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
