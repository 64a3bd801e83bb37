// The dist/ bundle on host pages: several instances, the script included
// twice, elements removed, moved and re-added, attribute changes, the
// loader's events, and hostile host CSS.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { launchBrowser, saveScreenshot, withPage } from "./harness/index.mjs";
import {
  dossierElement,
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

function requestsOf(file) {
  return servers.server.requests.filter((pathname) => pathname.endsWith(file)).length;
}

test("two instances share one module", async () => {
  const url = servers.serve(
    hostPage({
      body: `${searchElement({ id: "first" })}
${searchElement({ id: "second", attributes: 'api-base="/" locale="en"' })}
${dossierElement()}`,
    }),
  );
  const wasmBefore = requestsOf("/dvc-widgets.wasm");
  const bindingsBefore = requestsOf("/dvc-widgets-bindings.js");

  await withPage(browser, async (page) => {
    await page.goto(url);
    await waitForWidgets(page);

    for (const id of ["#first", "#second", "#dossier"]) {
      assert.equal(await widgetState(page, id), "ready", `${id} is mounted`);
    }
    assert.equal(requestsOf("/dvc-widgets.wasm") - wasmBefore, 1);
    assert.equal(requestsOf("/dvc-widgets-bindings.js") - bindingsBefore, 1);

    await page.locator("#first #dvc-query").fill("khai sinh");
    await page.locator("#first .dvc-result").first().waitFor();
    assert.equal(await page.locator("#second #dvc-query").inputValue(), "");
    assert.equal(await page.locator("#second .dvc-result").count(), 0);
    assert.equal(await page.locator("#second label[for=dvc-query]").textContent(), "Search administrative procedures");
    assert.equal(await page.locator("#first label[for=dvc-query]").textContent(), "Tìm thủ tục hành chính");
    await saveScreenshot(page, "embed-two-instances");
  });
});

test("script included twice is harmless", async () => {
  // The same URL twice is one module; a second URL is a second copy.
  const url = servers.serve(
    hostPage({
      body: searchElement(),
      loaders: ["/dist/dvc-widgets.js", "/dist/dvc-widgets.js", "/dist/dvc-widgets.js?copy=2"],
    }),
  );
  const wasmBefore = requestsOf("/dvc-widgets.wasm");

  await withPage(browser, async (page) => {
    await page.goto(url);
    await waitForWidgets(page);

    assert.equal(await widgetState(page, "#search"), "ready");
    assert.equal(requestsOf("/dvc-widgets.wasm") - wasmBefore, 1);
    await page.locator("#search #dvc-query").fill("khai sinh");
    await page.locator("#search .dvc-result").first().waitFor();
  });
});

test("removed element unmounts and remounts", async () => {
  const url = servers.serve(hostPage({ body: `<div id="holder">${searchElement()}</div>` }));

  await withPage(browser, async (page) => {
    await page.goto(url);
    await waitForWidgets(page);
    await page.locator("#search #dvc-query").fill("khai sinh");

    const afterRemoval = await page.evaluate(async () => {
      const element = document.querySelector("#search");
      element.remove();
      // The unmount runs in a microtask, so a move within one task keeps the widget.
      await new Promise((resolve) => setTimeout(resolve, 0));
      window.removedElement = element;
      return element.shadowRoot.childElementCount;
    });
    assert.equal(afterRemoval, 0, "the view is unmounted");

    await page.evaluate(() => document.querySelector("#holder").append(window.removedElement));
    await page.locator("#search .dvc-root").waitFor();
    assert.equal(await widgetState(page, "#search"), "ready");
    assert.equal(await page.locator("#search #dvc-query").inputValue(), "", "a new mount starts empty");
    await page.locator("#search #dvc-query").fill("ho tich");
    await page.locator("#search .dvc-result").first().waitFor();
  });
});

test("moved element keeps its state", async () => {
  const url = servers.serve(hostPage({ body: `<div id="left">${searchElement()}</div><div id="right"></div>` }));

  await withPage(browser, async (page) => {
    await page.goto(url);
    await waitForWidgets(page);
    await page.locator("#search #dvc-query").fill("khai sinh");
    await page.locator("#search .dvc-result").first().waitFor();

    await page.evaluate(() => document.querySelector("#right").append(document.querySelector("#search")));
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));

    assert.equal(await page.locator("#right #search #dvc-query").inputValue(), "khai sinh");
    assert.ok((await page.locator("#search .dvc-result").count()) > 0, "results are still shown");
  });
});

test("attribute change reaches mounted widget", async () => {
  const url = servers.serve(hostPage({ body: searchElement() }));

  await withPage(browser, async (page) => {
    await page.goto(url);
    await waitForWidgets(page);
    assert.equal(await page.locator("#search .dvc-label").textContent(), "Tìm thủ tục hành chính");

    await page.evaluate(() => document.querySelector("#search").setAttribute("locale", "en"));
    await page.locator("#search .dvc-label", { hasText: "Search administrative procedures" }).waitFor();

    await page.evaluate(() => document.querySelector("#search").removeAttribute("locale"));
    await page.locator("#search .dvc-label", { hasText: "Tìm thủ tục hành chính" }).waitFor();

    // A change to an invalid value replaces the widget with the list of problems.
    await page.evaluate(() => document.querySelector("#search").setAttribute("page-size", "500"));
    await page.locator("#search .dvc-config-errors").waitFor();
  });
});

test("events report mount and procedure", async () => {
  const url = servers.serve(hostPage({ body: searchElement() }));

  await withPage(browser, async (page) => {
    await recordWidgetEvents(page);
    await page.addInitScript(() => {
      window.openEvents = [];
      document.addEventListener("dvc-procedure-open", (event) => window.openEvents.push(event.detail));
    });
    await page.goto(url);
    await waitForWidgets(page);
    assert.deepEqual(await widgetEvents(page), [{ type: "dvc-ready", id: "search", reason: null }]);

    await page.locator("#search #dvc-query").fill("khai sinh");
    await page.locator("#search .dvc-result-link").first().click();
    await page.locator("#search .dvc-detail").waitFor();
    const opened = await page.evaluate(() => window.openEvents);
    assert.equal(opened.length, 1);
    assert.deepEqual(Object.keys(opened[0]).sort(), ["code", "name"]);
    assert.match(opened[0].code, /^\d+\.\d+$/);
  });
});

/** Computed styles inside the widget at `host`, at `inner`. */
async function computed(page, host, inner, properties) {
  return page.evaluate(
    ([hostSelector, innerSelector, names]) => {
      const element = document.querySelector(hostSelector).shadowRoot.querySelector(innerSelector);
      const style = getComputedStyle(element);
      return Object.fromEntries(names.map((name) => [name, style.getPropertyValue(name)]));
    },
    [host, inner, properties],
  );
}

test("hostile host CSS stays outside", async () => {
  const hostile = `<style>
    html { font-size: 62.5%; }
    body { font: italic 1.2rem/1 "Times New Roman", serif; color: #ff0000; letter-spacing: 3px;
           text-transform: uppercase; text-align: center; word-spacing: 4px; }
    *, *::before, *::after { box-sizing: content-box; }
    dvc-procedure-search, dvc-dossier-status { font-size: 9px; color: #00ff00; line-height: 0.8; }
    input, button, select { font-size: 1rem !important; font-family: serif !important; }
    label { font-weight: 400; text-decoration: underline; }
  </style>`;
  const url = servers.serve(hostPage({ head: hostile, body: `${searchElement()}${dossierElement()}` }));

  await withPage(browser, async (page) => {
    await page.goto(url);
    await waitForWidgets(page);
    const properties = ["font-size", "font-style", "color", "letter-spacing", "text-transform", "text-align", "line-height"];

    for (const host of ["#search", "#dossier"]) {
      const root = await computed(page, host, ".dvc-root", properties);
      assert.equal(root["font-size"], "16px", `${host} font size`);
      assert.equal(root["font-style"], "normal", `${host} font style`);
      assert.equal(root.color, "rgb(27, 31, 36)", `${host} colour`);
      assert.equal(root["letter-spacing"], "normal", `${host} letter spacing`);
      assert.equal(root["text-transform"], "none", `${host} text transform`);
      assert.equal(root["text-align"], "start", `${host} alignment`);
      assert.equal(root["line-height"], "24px", `${host} line height`);

      const input = await computed(page, host, "input", ["font-size", "box-sizing", "font-family"]);
      assert.equal(input["font-size"], "16px", `${host} input font size`);
      assert.equal(input["box-sizing"], "border-box", `${host} input box sizing`);
      assert.doesNotMatch(input["font-family"], /^serif/, `${host} input font`);
    }

    const label = await computed(page, "#search", ".dvc-label", ["font-size", "font-weight", "text-decoration-line"]);
    assert.equal(label["font-size"], "20px");
    assert.equal(label["font-weight"], "700");
    assert.equal(label["text-decoration-line"], "none");
    await saveScreenshot(page, "embed-hostile-host");
  });
});

test("host stylesheet styles pending elements", async () => {
  // The loader never runs on this page, as in a browser without modules.
  const url = servers.serve(
    hostPage({
      head: '<link rel="stylesheet" href="/dist/dvc-widgets.css">',
      body: `${searchElement()}${dossierElement()}`,
      loaders: [],
    }),
  );

  await withPage(browser, async (page) => {
    await page.goto(url);
    for (const [host, minHeight] of [
      ["#search", "180px"],
      ["#dossier", "320px"],
    ]) {
      const style = await page.evaluate((selector) => {
        const computedStyle = getComputedStyle(document.querySelector(selector));
        return { display: computedStyle.display, minHeight: computedStyle.minHeight };
      }, host);
      assert.equal(style.display, "block", `${host} display`);
      assert.equal(style.minHeight, minHeight, `${host} min-height`);
    }
  });
});

test("forced colours keep borders", async () => {
  const url = servers.serve(hostPage({ body: `${searchElement()}${dossierElement()}` }));

  await withPage(browser, async (page) => {
    await page.emulateMedia({ forcedColors: "active" });
    await page.goto(url);
    await waitForWidgets(page);

    // Backgrounds disappear in forced colours, so fields and buttons need borders.
    for (const host of ["#search", "#dossier"]) {
      for (const inner of ["input", ".dvc-button"]) {
        const border = await computed(page, host, inner, ["border-top-style", "border-top-width"]);
        assert.equal(border["border-top-style"], "solid", `${host} ${inner} border style`);
        assert.equal(border["border-top-width"], "2px", `${host} ${inner} border width`);
      }
    }
    await saveScreenshot(page, "embed-forced-colors");
  });
});
