// The <dvc-procedure-search> on the demo page, as the browser tests drive it.
// Playwright's CSS and role locators pierce open shadow roots, so plain
// selectors below reach inside the widget.

import { waitForDemoWasm } from "./harness/index.mjs";

/** The demo page's procedure search element. */
export const WIDGET = "#demo-procedure-search";

/** Path of the search endpoint, to recognise the widget's search requests. */
export const SEARCH_PATH = "/api/v1/procedures";

/** Locators of the widget's parts. */
export function widget(page) {
  const host = page.locator(WIDGET);
  return {
    host,
    root: host.locator(".dvc-root"),
    input: host.locator("#dvc-query"),
    results: host.locator(".dvc-result"),
    resultLinks: host.locator(".dvc-result-link"),
    count: host.locator(".dvc-results-count"),
    status: host.locator("[role=status][aria-live=polite]"),
    levelFilter: host.locator("#dvc-filter-level"),
    fieldFilter: host.locator("#dvc-filter-field"),
    loadMore: host.locator(".dvc-load-more"),
    empty: host.locator(".dvc-empty"),
    error: host.locator(".dvc-error"),
    retry: host.locator(".dvc-error button"),
    detail: host.locator(".dvc-detail"),
    detailTitle: host.locator("#dvc-detail-title"),
    back: host.locator(".dvc-back"),
    searchView: host.locator(".dvc-search-view"),
  };
}

/**
 * Opens the demo page, sets `attributes` on the widget and waits until the
 * widget is mounted.
 *
 * @param {import("playwright-core").Page} page
 * @param {string} url the portal's base URL
 * @param {object} [options]
 * @param {Record<string, string>} [options.attributes] attributes to set on the element
 * @param {string} [options.hash] fragment to open the page with, without `#`
 */
export async function openDemo(page, url, { attributes = {}, hash = "" } = {}) {
  await page.goto(`${url}/${hash ? `#${hash}` : ""}`);
  await waitForDemoWasm(page);
  await setAttributes(page, attributes);
  await widget(page).root.waitFor({ state: "attached" });
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
 * Records the `q` of every search request the page sends, in order.
 *
 * @param {import("playwright-core").Page} page
 * @returns {string[]} filled in as requests go out
 */
export function recordSearches(page) {
  const queries = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.pathname === SEARCH_PATH) {
      queries.push(url.searchParams.get("q") ?? "");
    }
  });
  return queries;
}

/** Whether `request` is a search for `query`. */
export function isSearchFor(request, query) {
  const url = new URL(request.url());
  return url.pathname === SEARCH_PATH && url.searchParams.get("q") === query;
}

/**
 * Fetches a search from the portal directly, for the expected results.
 *
 * @returns {Promise<{ items: { code: string, name: string }[], total: number }>}
 */
export async function searchApi(page, url, query, params = {}) {
  const search = new URLSearchParams({ q: query, ...params });
  const response = await page.request.get(`${url}${SEARCH_PATH}?${search}`);
  if (!response.ok()) {
    throw new Error(`search for ${query} failed with HTTP ${response.status()}`);
  }
  return response.json();
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
    return `${element.tagName.toLowerCase()}${id}${classes} "${element.textContent.trim()}"`;
  });
}

/**
 * Counts writes to the search field's `value` made by page scripts, so a test
 * can prove the widget never rewrites what the citizen typed. Call before
 * the page loads.
 */
export async function countValueWrites(page) {
  await page.addInitScript(() => {
    const descriptor = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value");
    window.dvcQueryValueWrites = 0;
    Object.defineProperty(HTMLInputElement.prototype, "value", {
      ...descriptor,
      set(value) {
        if (this.id === "dvc-query") {
          window.dvcQueryValueWrites += 1;
        }
        descriptor.set.call(this, value);
      },
    });
  });
  return () => page.evaluate(() => window.dvcQueryValueWrites);
}
