// Browser timing benchmark: time from navigation to interactive widgets, and
// from a typed query to results on screen, in headless Chromium with the CPU
// slowed down 4× (CDP Emulation.setCPUThrottlingRate). Every run uses a new
// browser context, so nothing is cached: a first visit.
//
// Usage: node tests/bench/browser-timing.mjs --out FILE [--runs N] [--data FILE]
// Writes a Markdown section to FILE and `key=value` figures to FILE.figures.

import { writeFileSync } from "node:fs";

import { launchBrowser, startPortal } from "../harness/index.mjs";
import { figuresText, formatMilliseconds, markdownTable, median, parseOptions } from "./report.mjs";

const CPU_SLOWDOWN = 4;
const TARGET_INTERACTIVE_MS = 300;
const GOAL_INTERACTIVE_MS = 150;

/** The query typed into the procedure search. */
const QUERY = "đăng ký khai sinh";

/** The widget's wait after the last input event before it searches (widgets/src/procedure_search/state.rs). */
const SEARCH_DEBOUNCE_MS = 300;

const options = parseOptions(process.argv.slice(2), ["out"]);
const runs = Number(options.runs ?? 7);

/**
 * Runs in the page before its scripts. Records, with `performance.now()`
 * (milliseconds since navigation start), when each widget becomes
 * interactive: its first input exists inside the shadow root and is enabled.
 * Checked once per animation frame, so a time is late by at most one frame.
 */
function recordInteractive() {
  const marks = {};
  window.dvcBenchMarks = marks;
  const enabledInput = (tag, id) => {
    const input = document.querySelector(tag)?.shadowRoot?.querySelector(`#${id}`);
    return input && !input.disabled;
  };
  const check = () => {
    const now = performance.now();
    if (marks.search === undefined && enabledInput("dvc-procedure-search", "dvc-query")) {
      marks.search = now;
    }
    if (marks.dossier === undefined && enabledInput("dvc-dossier-status", "dvc-code")) {
      marks.dossier = now;
    }
    if (marks.search === undefined || marks.dossier === undefined) {
      requestAnimationFrame(check);
    }
  };
  requestAnimationFrame(check);
}

/**
 * Runs in the page once the search is interactive. Records the input event's
 * time and the first moment a result is in the shadow DOM, seen by a
 * MutationObserver (which runs right after the change, before paint).
 */
function watchForResults() {
  const root = document.querySelector("dvc-procedure-search").shadowRoot;
  const marks = window.dvcBenchMarks;
  root.querySelector("#dvc-query").addEventListener("input", (event) => {
    marks.input = event.timeStamp;
  });
  const observer = new MutationObserver(() => {
    if (marks.input !== undefined && root.querySelector(".dvc-result")) {
      marks.results = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(root, { childList: true, subtree: true, characterData: true });
}

/** Measures one first visit: navigation, both widgets interactive, then one search. */
async function measureOnce(browser, url) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
    await page.addInitScript(recordInteractive);

    await page.goto(`${url}/`);
    await page.waitForFunction(
      () => window.dvcBenchMarks.search !== undefined && window.dvcBenchMarks.dossier !== undefined,
      null,
      { timeout: 60_000 },
    );

    await page.evaluate(watchForResults);
    await page.locator("dvc-procedure-search #dvc-query").fill(QUERY);
    await page.waitForFunction(() => window.dvcBenchMarks.results !== undefined, null, { timeout: 60_000 });

    return await page.evaluate(() => {
      const marks = window.dvcBenchMarks;
      const navigation = performance.getEntriesByType("navigation")[0];
      const wasm = performance.getEntriesByType("resource").find((entry) => entry.name.endsWith(".wasm"));
      const search = performance
        .getEntriesByType("resource")
        .filter((entry) => entry.name.includes("/api/v1/procedures?"))
        .at(-1);
      return {
        searchInteractive: marks.search,
        dossierInteractive: marks.dossier,
        domContentLoaded: navigation.domContentLoadedEventEnd,
        wasmLoaded: wasm?.responseEnd ?? NaN,
        keystrokeToResults: marks.results - marks.input,
        requestSent: search.startTime - marks.input,
        requestToResponse: search.responseEnd - search.startTime,
        responseToResults: marks.results - search.responseEnd,
      };
    });
  } finally {
    await context.close();
  }
}

const portal = await startPortal({ data: options.data, today: "2026-03-02" });
const browser = await launchBrowser();
const samples = [];
try {
  // One visit first, so the portal and the browser have started up fully.
  await measureOnce(browser, portal.url);
  for (let run = 1; run <= runs; run += 1) {
    const sample = await measureOnce(browser, portal.url);
    samples.push(sample);
    console.log(
      `run ${run}/${runs}: search interactive ${formatMilliseconds(sample.searchInteractive)}, ` +
        `dossier interactive ${formatMilliseconds(sample.dossierInteractive)}, ` +
        `keystroke to results ${formatMilliseconds(sample.keystrokeToResults)}`,
    );
  }
} finally {
  await browser.close();
  await portal.stop();
}

const medianOf = (key) => median(samples.map((sample) => sample[key]));
const rangeOf = (key) => {
  const values = samples.map((sample) => sample[key]);
  return `${formatMilliseconds(Math.min(...values))} – ${formatMilliseconds(Math.max(...values))}`;
};
const row = (label, key) => [label, `**${formatMilliseconds(medianOf(key))}**`, rangeOf(key)];

const interactive = Math.max(medianOf("searchInteractive"), medianOf("dossierInteractive"));
const met = interactive <= TARGET_INTERACTIVE_MS;
const catalogue = options.data ? `the catalogue \`${options.data}\`` : "the built-in sample catalogue";
const lines = [
  "## Time to interactive and keystroke to results",
  "",
  `Headless Chromium (Debian, through playwright-core) with the CPU slowed down ${CPU_SLOWDOWN}× ` +
    "(CDP `Emulation.setCPUThrottlingRate`), network not throttled (loopback), the demo page served " +
    `by the release portal over ${catalogue}. Each run is a first visit in a new browser context; ` +
    `median and range of ${runs} runs after one warm-up run. Times are \`performance.now()\` from ` +
    "navigation start.",
  "",
  "- *Interactive*: the widget's first input (`#dvc-query`, `#dvc-code`) exists in its shadow root " +
    "and is enabled, checked once per animation frame.",
  `- *Keystroke to results*: from the input event of the query \`${QUERY}\` (filled at once, as a paste) ` +
    "until the first result is in the shadow DOM (MutationObserver). It includes the widget's " +
    `${SEARCH_DEBOUNCE_MS} ms wait after the last input event, which the rows below it split out.`,
  "",
  markdownTable(
    ["Measure", "Median", "Range"],
    [
      row("DOMContentLoaded", "domContentLoaded"),
      row("wasm downloaded", "wasmLoaded"),
      row("procedure search interactive", "searchInteractive"),
      row("dossier status interactive", "dossierInteractive"),
      row("keystroke to results", "keystrokeToResults"),
      row("– input to request sent (debounce)", "requestSent"),
      row("– request to response (network and server)", "requestToResponse"),
      row("– response to results in the DOM (decode and render)", "responseToResults"),
    ],
  ),
  "",
  `Target: interactive ≤ ${TARGET_INTERACTIVE_MS} ms now, on the way to ${GOAL_INTERACTIVE_MS} ms. ` +
    `Measured ${formatMilliseconds(interactive)} (the later widget): **${met ? "met" : "missed"}**.`,
];

const section = `${lines.join("\n")}\n`;
process.stdout.write(`\n${section}`);
writeFileSync(options.out, section);
writeFileSync(
  `${options.out}.figures`,
  figuresText({
    interactive_ms: Math.round(interactive),
    keystroke_to_results_ms: Math.round(medianOf("keystrokeToResults")),
    browser_runs: runs,
  }),
);
