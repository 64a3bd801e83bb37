// The dist/ bundle where things go wrong: Content-Security-Policy with and
// without 'wasm-unsafe-eval', wasm served with the wrong MIME type, a wasm
// whose hash does not match, a missing wasm, a browser without WebAssembly,
// and one widget failing while others run.

import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { after, before, test } from "node:test";

import { distDir, launchBrowser, openPage, saveScreenshot, withPage } from "./harness/index.mjs";
import {
  DOSSIER_FALLBACK,
  SEARCH_FALLBACK,
  STRICT_CSP,
  dossierElement,
  fallbackReasons,
  hostPage,
  recordWidgetEvents,
  searchElement,
  startEmbedServers,
  waitForWidgets,
  widgetEvents,
  widgetState,
} from "./embed-page.mjs";

let servers;
let browser;

before(async () => {
  servers = await startEmbedServers();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await servers?.stop();
});

/** Console warnings of the session that start with `dvc-widgets:`. */
function loaderWarnings(session) {
  return session.consoleLog.filter((line) => line.startsWith("warning: dvc-widgets:"));
}

/** Records the page's CSP violations from before any script runs. */
async function recordViolations(page) {
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
}

test("strict policy runs the widgets", async () => {
  const url = servers.serve(hostPage({ body: `${searchElement()}${dossierElement()}` }), {
    "content-security-policy": STRICT_CSP,
  });

  await withPage(browser, async (page, session) => {
    await recordViolations(page);
    await page.goto(url);
    await waitForWidgets(page);

    assert.equal(await widgetState(page, "#search"), "ready");
    assert.equal(await widgetState(page, "#dossier"), "ready");
    await page.locator("#search #dvc-query").fill("khai sinh");
    await page.locator("#search .dvc-result").first().waitFor();

    // Styles arrive as constructed stylesheets, which style-src 'self' allows.
    const color = await page.evaluate(() => {
      const button = document.querySelector("#search").shadowRoot.querySelector(".dvc-button-primary");
      return getComputedStyle(button).backgroundColor;
    });
    assert.equal(color, "rgb(11, 92, 173)");
    assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
    assert.deepEqual(loaderWarnings(session), []);
  });
});

test("policy without wasm-unsafe-eval falls back", async () => {
  const policy = STRICT_CSP.replace(" 'wasm-unsafe-eval'", "");
  const url = servers.serve(hostPage({ body: `${searchElement()}${dossierElement()}` }), {
    "content-security-policy": policy,
  });

  await withPage(
    browser,
    async (page, session) => {
      await recordWidgetEvents(page);
      await page.goto(url);
      await waitForWidgets(page);

      assert.equal(await widgetState(page, "#search"), "fallback");
      assert.equal(await widgetState(page, "#dossier"), "fallback");
      await page.getByRole("link", { name: SEARCH_FALLBACK }).waitFor({ state: "visible" });
      await page.getByRole("link", { name: DOSSIER_FALLBACK }).waitFor({ state: "visible" });

      assert.deepEqual((await fallbackReasons(page)).sort(), ["dossier:csp", "search:csp"]);
      const warnings = loaderWarnings(session);
      assert.equal(warnings.length, 1, warnings.join("\n"));
      assert.match(warnings[0], /'wasm-unsafe-eval'/);
      await saveScreenshot(page, "embed-csp-fallback");
    },
    { allowedConsoleErrors: [/Refused to compile or instantiate WebAssembly module/] },
  );
});

test("wrong wasm MIME type still runs", async () => {
  servers.server.mount("/dist-text/", distDir, { types: { ".wasm": "text/plain" } });
  const url = servers.serve(hostPage({ body: searchElement(), loaders: ["/dist-text/dvc-widgets.js"] }));

  await withPage(browser, async (page, session) => {
    const wasmTypes = [];
    page.on("response", (response) => {
      if (response.url().endsWith(".wasm")) {
        wasmTypes.push(response.headers()["content-type"]);
      }
    });
    await page.goto(url);
    await waitForWidgets(page);

    assert.deepEqual(wasmTypes, ["text/plain"]);
    assert.equal(await widgetState(page, "#search"), "ready");
    await page.locator("#search #dvc-query").fill("khai sinh");
    await page.locator("#search .dvc-result").first().waitFor();
    const warnings = loaderWarnings(session);
    assert.equal(warnings.length, 1, warnings.join("\n"));
    assert.match(warnings[0], /served as "text\/plain" instead of application\/wasm/);
  });
});

/** Chromium's own console errors for a body whose hash differs from `integrity`. */
const INTEGRITY_ERRORS = [/Failed to find a valid digest in the 'integrity' attribute/, /SRI's integrity checks failed/];

/** Returns the built wasm and a valid module that differs from it by an appended custom section. */
async function tamperedWasm() {
  const original = await readFile(path.join(distDir, "dvc-widgets.wasm"));
  const name = Buffer.from("test");
  const section = Buffer.concat([Buffer.from([0x00, 1 + name.length, name.length]), name]);
  return { original, tampered: Buffer.concat([original, section]) };
}

function sri(bytes) {
  return `sha384-${createHash("sha384").update(bytes).digest("base64")}`;
}

test("integrity mismatch is refused", async () => {
  const { tampered } = await tamperedWasm();
  servers.server.mount("/dist-tampered/", distDir, { replace: { "dvc-widgets.wasm": tampered } });
  const url = servers.serve(hostPage({ body: searchElement(), loaders: ["/dist-tampered/dvc-widgets.js"] }));

  await withPage(
    browser,
    async (page, session) => {
      await recordWidgetEvents(page);
      await page.goto(url);
      await waitForWidgets(page);

      assert.equal(await widgetState(page, "#search"), "fallback");
      await page.getByRole("link", { name: SEARCH_FALLBACK }).waitFor({ state: "visible" });
      assert.deepEqual(await fallbackReasons(page), ["search:integrity"]);
      const warnings = loaderWarnings(session);
      assert.equal(warnings.length, 1, warnings.join("\n"));
      assert.ok(warnings[0].includes(sri(tampered)), `the warning names the served hash: ${warnings[0]}`);
    },
    { allowedConsoleErrors: INTEGRITY_ERRORS },
  );
});

test("tampered wasm runs with its own hash", async () => {
  // Control for the test above: the module itself is valid, so only the
  // integrity check stopped it.
  const { original, tampered } = await tamperedWasm();
  const loader = await readFile(path.join(distDir, "dvc-widgets.js"), "utf8");
  servers.server.mount("/dist-rehashed/", distDir, {
    replace: {
      "dvc-widgets.wasm": tampered,
      "dvc-widgets.js": loader.replace(sri(original), sri(tampered)),
    },
  });
  const url = servers.serve(hostPage({ body: searchElement(), loaders: ["/dist-rehashed/dvc-widgets.js"] }));

  await withPage(browser, async (page) => {
    await page.goto(url);
    await waitForWidgets(page);
    assert.equal(await widgetState(page, "#search"), "ready");
  });
});

test("missing wasm falls back", async () => {
  servers.server.mount("/dist-nowasm/", distDir, { replace: { "dvc-widgets.wasm": null } });
  const url = servers.serve(hostPage({ body: searchElement(), loaders: ["/dist-nowasm/dvc-widgets.js"] }));

  await withPage(
    browser,
    async (page, session) => {
      await recordWidgetEvents(page);
      await page.goto(url);
      await waitForWidgets(page);

      assert.equal(await widgetState(page, "#search"), "fallback");
      assert.deepEqual(await fallbackReasons(page), ["search:network"]);
      assert.match(loaderWarnings(session).join("\n"), /dvc-widgets\.wasm returned HTTP 404/);
    },
    // The 404 page fails the integrity check first; the loader's second
    // request distinguishes the two.
    { allowedConsoleErrors: [/status of 404/, ...INTEGRITY_ERRORS] },
  );
});

test("browser without WebAssembly falls back", async () => {
  const url = servers.serve(hostPage({ body: `${searchElement()}${dossierElement()}` }));

  await withPage(browser, async (page, session) => {
    await page.addInitScript(() => {
      delete window.WebAssembly;
    });
    await page.goto(url);
    await page.getByRole("link", { name: SEARCH_FALLBACK }).waitFor({ state: "visible" });
    await page.getByRole("link", { name: DOSSIER_FALLBACK }).waitFor({ state: "visible" });

    const defined = await page.evaluate(() => customElements.get("dvc-procedure-search") !== undefined);
    assert.equal(defined, false, "the elements stay undefined, so their content shows");
    const warnings = loaderWarnings(session);
    assert.equal(warnings.length, 1, warnings.join("\n"));
    assert.match(warnings[0], /lacks WebAssembly/);
  });
});

/**
 * Console errors and uncaught exceptions a failing widget causes: the panic
 * hook's line, the loader's line, the trap itself, and closures of the old
 * instance (a pending timer, say) that throw instead of running.
 */
const FAILURE_ERRORS = [
  /stopped on a Rust panic/,
  /failed and shows its fallback content/,
  /RuntimeError: unreachable/,
  /Cannot invoke closure from previous WASM instance/,
];

/**
 * Makes the widget at `selector` panic in Rust. The next createElement of
 * the page fails once, and Leptos unwraps that result. An invalid attribute
 * value then makes the widget render its list of problems, which creates
 * elements.
 */
async function makeWidgetPanic(page, selector) {
  await page.evaluate((target) => {
    if (window.failNextCreateElement === undefined) {
      const createElement = Document.prototype.createElement;
      Document.prototype.createElement = function (...args) {
        if (window.failNextCreateElement) {
          window.failNextCreateElement = false;
          throw new DOMException("injected failure", "InvalidStateError");
        }
        return createElement.apply(this, args);
      };
    }
    window.failNextCreateElement = true;
    document.querySelector(target).setAttribute("request-timeout", "999");
  }, selector);
}

/**
 * Runs `body` on a fresh page like `withPage`, but accepts the uncaught
 * exceptions of FAILURE_ERRORS (and `extra`), which a failing widget throws.
 */
async function withFailingPage(body, extra = []) {
  const expected = [...FAILURE_ERRORS, ...extra];
  const session = await openPage(browser, { allowedConsoleErrors: expected });
  try {
    await body(session.page, session);
  } finally {
    await session.close();
  }
  const unexpected = session.problems.filter((problem) => !expected.some((pattern) => pattern.test(problem)));
  assert.deepEqual(unexpected, []);
}

test("panic in one widget spares the others", async () => {
  const url = servers.serve(
    hostPage({
      body: `${searchElement({ id: "first" })}${dossierElement()}${searchElement({ id: "second" })}`,
    }),
    { "content-security-policy": STRICT_CSP },
  );

  await withFailingPage(async (page, session) => {
    await recordWidgetEvents(page);
    await page.goto(url);
    await waitForWidgets(page);
    await page.locator("#second #dvc-query").fill("ho tich");
    await page.locator("#second .dvc-result").first().waitFor();

    await makeWidgetPanic(page, "#dossier");

    await page.getByRole("link", { name: DOSSIER_FALLBACK }).waitFor({ state: "visible" });
    assert.equal(await widgetState(page, "#dossier"), "fallback");
    const panic = session.consoleLog.find((line) => line.includes("stopped on a Rust panic"));
    assert.match(panic ?? "", /<dvc-dossier-status> \(mount \d+\) stopped on a Rust panic at \S+\.rs:\d+:\d+/);

    // The others restart on a fresh instance and work.
    await page.locator("#first .dvc-root").waitFor();
    await page.locator("#second .dvc-root").waitFor();
    assert.equal(await widgetState(page, "#first"), "ready");
    assert.equal(await widgetState(page, "#second"), "ready");
    assert.equal(await page.locator("#second #dvc-query").inputValue(), "", "restarted widgets start empty");
    await page.locator("#first #dvc-query").fill("khai sinh");
    await page.locator("#first .dvc-result").first().waitFor();

    assert.deepEqual(await fallbackReasons(page), ["dossier:crash"]);
    const readyEvents = (await widgetEvents(page)).filter((event) => event.type === "dvc-ready");
    assert.equal(readyEvents.length, 5, "3 mounts, then 2 restarts");

    // Re-adding the failed element keeps its fallback.
    await page.evaluate(() => {
      const element = document.querySelector("#dossier");
      element.remove();
      document.body.append(element);
    });
    assert.equal(await widgetState(page, "#dossier"), "fallback");
    await saveScreenshot(page, "embed-panic-isolated");
  });
});

test("failed mount spares the others", async () => {
  const url = servers.serve(hostPage({ body: `${searchElement()}<div id="holder"></div>` }));

  await withFailingPage(async (page, session) => {
    await page.goto(url);
    await waitForWidgets(page);

    // A host script breaks one element before it connects: the mount reads
    // its attributes from inside the wasm, and that call now throws.
    await page.evaluate(() => {
      const element = document.createElement("dvc-dossier-status");
      element.id = "broken";
      element.setAttribute("api-base", "/");
      element.innerHTML = '<a href="https://dichvucong.gov.vn">Tra cứu hồ sơ trên Cổng Dịch vụ công quốc gia</a>';
      element.getAttribute = () => {
        throw new Error("injected failure");
      };
      document.querySelector("#holder").append(element);
    });

    await page.getByRole("link", { name: DOSSIER_FALLBACK }).waitFor({ state: "visible" });
    assert.equal(await widgetState(page, "#broken"), "fallback");
    assert.match(session.consoleLog.join("\n"), /<dvc-dossier-status> failed and shows its fallback content/);

    await page.locator("#search .dvc-root").waitFor();
    await page.locator("#search #dvc-query").fill("khai sinh");
    await page.locator("#search .dvc-result").first().waitFor();
  }, [/injected failure/]);
});

test("repeated failures stop every widget", async () => {
  const ids = ["w1", "w2", "w3", "w4", "w5"];
  const url = servers.serve(hostPage({ body: ids.map((id) => searchElement({ id })).join("\n") }));

  await withFailingPage(async (page, session) => {
    await page.goto(url);
    await waitForWidgets(page);

    // Each failure restarts the others, up to three times.
    for (const [index, id] of ids.slice(0, 3).entries()) {
      await makeWidgetPanic(page, `#${id}`);
      await page.waitForFunction((target) => document.querySelector(target).matches(":state(fallback)"), `#${id}`);
      for (const other of ids.slice(index + 1)) {
        await page.locator(`#${other} .dvc-root`).waitFor();
        assert.equal(await widgetState(page, `#${other}`), "ready", `#${other} after failure ${index + 1}`);
      }
    }

    // The fourth failure leaves no widget running.
    await makeWidgetPanic(page, "#w4");
    await page.waitForFunction(() =>
      [...document.querySelectorAll("dvc-procedure-search")].every((element) => element.matches(":state(fallback)")),
    );
    assert.match(session.consoleLog.join("\n"), /the wasm module failed 4 times on this page/);
  }, [/the wasm module failed 4 times/]);
});
