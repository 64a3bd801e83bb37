// Test pages that embed the dist/ bundle the way a host site does, served
// from 127.0.0.1 by the harness's static server, with /api/ forwarded to a
// demo portal.

import { distDir, startPortal, startStaticServer } from "./harness/index.mjs";

/** The policy docs/embedding.md recommends, for a bundle and API on the page's own origin. */
export const STRICT_CSP = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** Fallback content of the procedure search, as a host writes it. */
export const SEARCH_FALLBACK = "Tra cứu thủ tục trên Cổng Dịch vụ công quốc gia";

/** Fallback content of the dossier status widget. */
export const DOSSIER_FALLBACK = "Tra cứu hồ sơ trên Cổng Dịch vụ công quốc gia";

/** Returns a procedure search element with its fallback link. */
export function searchElement({ id = "search", attributes = 'api-base="/"' } = {}) {
  return `<dvc-procedure-search id="${id}" ${attributes}>
  <a href="https://dichvucong.gov.vn">${SEARCH_FALLBACK}</a>
</dvc-procedure-search>`;
}

/** Returns a dossier status element with its fallback link. */
export function dossierElement({ id = "dossier", attributes = 'api-base="/"' } = {}) {
  return `<dvc-dossier-status id="${id}" ${attributes}>
  <a href="https://dichvucong.gov.vn">${DOSSIER_FALLBACK}</a>
</dvc-dossier-status>`;
}

/**
 * Returns a host page: `body`, with the loader script(s) in the head.
 *
 * @param {object} options
 * @param {string} options.body
 * @param {string} [options.head] more head content, e.g. a stylesheet link
 * @param {string[]} [options.loaders] loader URLs, one script tag each
 */
export function hostPage({ body, head = "", loaders = ["/dist/dvc-widgets.js"] }) {
  const scripts = loaders.map((src) => `<script type="module" src="${src}"></script>`).join("\n");
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>Trang nhúng thử</title>
${head}
${scripts}
</head>
<body>
<h1>Trang nhúng thử</h1>
${body}
</body>
</html>
`;
}

/**
 * Starts a demo portal and a static server that serves dist/ at /dist/ and
 * forwards /api/ to the portal. `serve(html, headers)` serves a page at a
 * new path and returns its URL.
 */
export async function startEmbedServers() {
  const portal = await startPortal({ today: "2026-03-02" });
  const server = await startStaticServer({ apiUrl: portal.url });
  server.mount("/dist/", distDir);
  let pageCount = 0;
  return {
    portal,
    server,
    serve(html, headers = {}) {
      pageCount += 1;
      const pathname = `/page-${pageCount}.html`;
      server.page(pathname, html, headers);
      return `${server.url}${pathname}`;
    },
    stop: async () => {
      await server.stop();
      await portal.stop();
    },
  };
}

/** Resolves once every widget element on the page is mounted or shows its fallback. */
export async function waitForWidgets(page, timeoutMs = 30_000) {
  await page.waitForFunction(
    () => {
      const elements = [...document.querySelectorAll("dvc-procedure-search, dvc-dossier-status")];
      return elements.length > 0 && elements.every((element) => element.matches(":state(ready), :state(fallback)"));
    },
    null,
    { timeout: timeoutMs },
  );
}

/** Returns the custom state (`ready`, `fallback`, `loading`) of the element at `selector`. */
export async function widgetState(page, selector) {
  return page.evaluate((target) => {
    const element = document.querySelector(target);
    return ["ready", "fallback", "loading"].find((state) => element.matches(`:state(${state})`)) ?? null;
  }, selector);
}

/** Records `dvc-fallback` reasons and `dvc-ready` counts on the page, from before any script runs. */
export async function recordWidgetEvents(page) {
  await page.addInitScript(() => {
    window.widgetEvents = [];
    for (const type of ["dvc-ready", "dvc-fallback"]) {
      document.addEventListener(type, (event) => {
        window.widgetEvents.push({ type, id: event.target.id, reason: event.detail?.reason ?? null });
      });
    }
  });
}

/** Returns the events recorded by `recordWidgetEvents`. */
export async function widgetEvents(page) {
  return page.evaluate(() => window.widgetEvents);
}

/** Returns the `dvc-fallback` events recorded by `recordWidgetEvents`, as `id:reason`. */
export async function fallbackReasons(page) {
  const events = await widgetEvents(page);
  return events.filter((event) => event.type === "dvc-fallback").map((event) => `${event.id}:${event.reason}`);
}
