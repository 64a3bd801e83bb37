// Script injection through everything the widgets show or read: procedure
// texts served by the real demo portal from a crafted catalogue, API
// responses that skip the portal's cleanup (route interception), and the
// widgets' own attributes. Every payload calls `dvcXssHit(label)` or
// `alert()` when it runs, so the checks are: no hit was recorded, no dialog
// opened, and the shadow DOM contains no event-handler attribute, no script
// element and no `javascript:` address.

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { promisify } from "node:util";

import { launchBrowser, portalBin, repoRoot, startPortal, waitForDemoWasm, withPage } from "./harness/index.mjs";
import * as dossierPage from "./dossier-status-page.mjs";
import * as searchPage from "./procedure-search-page.mjs";

/** Code of the crafted procedure; the demo dossiers also refer to it. */
const HOSTILE_CODE = "1.009901";

/**
 * Payloads as markup. The importer removes real tags and decodes entities
 * once. So the catalogue carries them entity-encoded as well, to reach the
 * widgets as literal `<img …>` text. Route-intercepted responses carry them raw.
 */
const PAYLOADS = [
  `<script>dvcXssHit("script")</script>`,
  `<img src=x onerror="dvcXssHit('img')">`,
  `<svg onload="dvcXssHit('svg')"></svg>`,
  `<a href="javascript:dvcXssHit('a')">bấm</a>`,
  `<iframe src="javascript:alert(1)"></iframe>`,
  `"><img src=x onerror=alert(1)>`,
];

/** Addresses that must never become a link. */
const JAVASCRIPT_URLS = [
  "javascript:dvcXssHit('url')",
  " JaVaScRiPt:dvcXssHit('url-case')",
  "java\tscript:dvcXssHit('url-tab')",
  "data:text/html,<script>dvcXssHit('data')</script>",
];

/** Encodes `<`, `>`, `"` and `&` as HTML entities. */
function encodeEntities(text) {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
}

let dataDir;
let portal;
let browser;
let hostileDossier;

before(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "dvc-xss-"));
  const catalogue = path.join(dataDir, "hostile-procedures.jsonl");
  await writeFile(catalogue, await hostileCatalogue());

  // The lookup limits are off so each test can look the dossier up again.
  const options = {
    data: catalogue,
    today: dossierPage.TODAY,
    extraArgs: ["--lookup-rate-limit", "0", "--lookup-failure-limit", "0"],
  };
  portal = await startPortal(options);
  browser = await launchBrowser();

  hostileDossier = await dossierOfHostileProcedure(await demoDossiersFor(catalogue));
});

after(async () => {
  await browser?.close();
  await portal?.stop();
  if (dataDir) {
    await rm(dataDir, { recursive: true, force: true });
  }
});

/**
 * Builds a catalogue in the national raw JSONL format: the sample's birth
 * registration record with hostile text in every field the widgets show,
 * plus one plain record so searches have something else to find.
 */
async function hostileCatalogue() {
  const sample = path.join(repoRoot, "demo", "portal", "data", "sample-procedures.jsonl");
  const [template, plain] = (await readFile(sample, "utf8")).split("\n").filter((line) => line.trim() !== "");
  const record = JSON.parse(template);
  const encoded = PAYLOADS.map(encodeEntities).join(" ");
  const raw = PAYLOADS.join(" ");

  Object.assign(record, {
    ma_thu_tuc: HOSTILE_CODE,
    detail_url: "javascript:dvcXssHit('official_url')",
    ten_thu_tuc: `Thủ tục thử ${encoded} &amp;lt;b&amp;gt; ${raw}`,
    linh_vuc: `Hộ tịch ${encoded}`,
    co_quan_thuc_hien: `Ủy ban ${encoded}`,
    co_quan_co_tham_quyen: `Ủy ban ${encoded}`,
    doi_tuong_thuc_hien: `Công dân ${encoded}`,
    dia_chi_tiep_nhan: `Bộ phận Một cửa ${encoded}`,
    trinh_tu_thuc_hien: `Bước 1: Nộp hồ sơ ${encoded}\nBước 2: Nhận kết quả ${raw}`,
    yeu_cau_dieu_kien: `Điều kiện ${encoded}`,
    thanh_phan_ho_so:
      "* Giấy tờ phải nộp:Tên giấy tờMẫu đơn, tờ khaiSố lượng" +
      `Tờ khai ${encoded}javascript:dvcXssHit('form')1 bản chính` +
      `Giấy tờ thứ hai ${encoded}https://example.gov.vn/x.docx" onclick="dvcXssHit('form-quote')1 bản chính`,
    raw_text: "",
  });
  return `${JSON.stringify(record)}\n${plain}\n`;
}

/** Lists the demo dossiers the portal generates from `catalogue`. */
async function demoDossiersFor(catalogue) {
  const { stdout } = await promisify(execFile)(
    portalBin,
    ["--print-demo-dossiers", "--json", "--today", dossierPage.TODAY, "--data", catalogue],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  const dossiers = stdout
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line));
  assert.ok(dossiers.length > 0, "the hostile catalogue has demo dossiers");
  return dossiers;
}

/** Returns the first demo dossier whose procedure is the hostile one. */
async function dossierOfHostileProcedure(dossiers) {
  for (const dossier of dossiers) {
    const response = await fetch(`${portal.url}${dossierPage.LOOKUP_PATH}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ code: dossier.code, verifier: dossier.verifier }),
    });
    assert.equal(response.status, 200, `lookup of demo dossier ${dossier.code}`);
    if ((await response.json()).procedure.code === HOSTILE_CODE) {
      return dossier;
    }
  }
  throw new Error(`no demo dossier refers to procedure ${HOSTILE_CODE}`);
}

/** Records payload runs and dialogs; call before the page loads. */
async function watchForScripts(page) {
  await page.addInitScript(() => {
    window.dvcXssHits = [];
    window.dvcXssHit = (label) => window.dvcXssHits.push(label);
  });
  const dialogs = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    await dialog.dismiss();
  });
  return dialogs;
}

/**
 * Lists what in the widgets' shadow roots could run script: event-handler
 * attributes, script-like elements, `javascript:` or `data:` addresses, and
 * elements a payload would have created (`img` with `src=x`).
 */
async function dangerousNodes(page) {
  return page.evaluate(() => {
    const found = [];
    const urlAttributes = ["href", "src", "action", "formaction", "xlink:href", "data"];
    for (const host of document.querySelectorAll("dvc-procedure-search, dvc-dossier-status")) {
      const root = host.shadowRoot;
      if (!root) {
        found.push(`${host.localName} has no open shadow root`);
        continue;
      }
      for (const element of root.querySelectorAll("*")) {
        const tag = element.localName;
        if (["script", "iframe", "object", "embed"].includes(tag)) {
          found.push(`<${tag}> in ${host.localName}`);
        }
        if (tag === "img" && element.getAttribute("src") === "x") {
          found.push(`payload <img> in ${host.localName}`);
        }
        for (const attribute of element.attributes) {
          const name = attribute.name.toLowerCase();
          const value = attribute.value.replace(/[\s\u0000-\u001f]/g, "").toLowerCase();
          if (name.startsWith("on")) {
            found.push(`${tag}[${name}] in ${host.localName}`);
          }
          if (urlAttributes.includes(name) && /^(javascript|data|vbscript):/.test(value)) {
            found.push(`${tag}[${name}=${attribute.value}] in ${host.localName}`);
          }
        }
      }
    }
    return found;
  });
}

/** Fails when a payload ran, a dialog opened or the shadow DOM contains something that could run. */
async function assertNothingRan(page, dialogs) {
  // Image errors and `onload` fire asynchronously; give them a moment.
  await page.waitForTimeout(300);
  assert.deepEqual(await page.evaluate(() => window.dvcXssHits), [], "no payload ran");
  assert.deepEqual(dialogs, [], "no dialog opened");
  assert.deepEqual(await dangerousNodes(page), [], "nothing in the shadow DOM can run script");
}

test("portal catalogue texts shown as text", async () => {
  await withPage(browser, async (page) => {
    const dialogs = await watchForScripts(page);
    await searchPage.openDemo(page, portal.url);
    const ui = searchPage.widget(page);

    await ui.input.fill("thu tuc thu");
    await ui.results.first().waitFor();
    const name = (await ui.resultLinks.first().textContent()).trim();
    assert.match(name, /<img src=x onerror="dvcXssHit\('img'\)">/, "encoded markup reads as text");
    assert.match(name, /&lt;b&gt;/, "double-encoded entities are decoded once");
    assert.equal(name.split("<script>").length - 1, 1, "the importer removed the real script element");
    await assertNothingRan(page, dialogs);

    await ui.resultLinks.first().click();
    await ui.detailTitle.waitFor();
    const detailText = await ui.detail.textContent();
    assert.match(detailText, /<svg onload="dvcXssHit\('svg'\)">/);
    assert.match(detailText, /Bước|Nộp hồ sơ/);
    assert.equal(
      await ui.detail.locator("a[href^='javascript' i]").count(),
      0,
      "no javascript: link in the detail",
    );
    await assertNothingRan(page, dialogs);
  });
});

test("portal drops unsafe official and form URLs", async () => {
  await withPage(browser, async (page) => {
    const procedure = await (await page.request.get(`${portal.url}/api/v1/procedures/${HOSTILE_CODE}`)).json();
    assert.equal(procedure.official_url ?? null, null, "javascript: detail_url is not served");
    const formUrls = procedure.dossier_cases.flatMap((dossierCase) =>
      dossierCase.components.flatMap((component) => component.forms.map((form) => form.url)),
    );
    for (const url of formUrls) {
      assert.ok(url === null || url === undefined || /^https?:\/\/[^\s"]+$/.test(url), `form URL ${url}`);
    }
  });
});

test("dossier procedure name shown as text", async () => {
  await withPage(browser, async (page) => {
    const dialogs = await watchForScripts(page);
    await dossierPage.openDemo(page, portal.url);
    const ui = dossierPage.widget(page);

    await dossierPage.lookUp(page, hostileDossier.code, hostileDossier.verifier);
    await ui.title.waitFor();
    assert.match(await ui.result.textContent(), /<img src=x onerror="dvcXssHit\('img'\)">/);
    await assertNothingRan(page, dialogs);
  });
});

test("raw markup in API responses stays text", async () => {
  await withPage(browser, async (page) => {
    const dialogs = await watchForScripts(page);
    const raw = PAYLOADS.join(" ");
    const procedure = await (await page.request.get(`${portal.url}/api/v1/procedures/1.001193`)).json();

    // Responses as a hostile or broken server could send them, past the
    // portal's importer: raw tags in every text and script addresses in
    // every link.
    const hostileProcedure = structuredClone(procedure);
    hostileProcedure.code = HOSTILE_CODE;
    hostileProcedure.name = `Thủ tục ${raw}`;
    hostileProcedure.fields = [`Lĩnh vực ${raw}`];
    hostileProcedure.official_url = JAVASCRIPT_URLS[0];
    hostileProcedure.conditions = [raw];
    hostileProcedure.steps = [{ number: 1, title: raw, description: raw }];
    hostileProcedure.dossier_cases = [
      {
        name: raw,
        components: JAVASCRIPT_URLS.map((url, index) => ({
          name: `Tờ khai ${index} ${raw}`,
          originals: 1,
          copies: 0,
          forms: [{ name: `Mẫu ${raw}`, url }],
        })),
      },
    ];
    await page.route(
      (url) => url.pathname === `${searchPage.SEARCH_PATH}/${HOSTILE_CODE}`,
      (route) => route.fulfill({ json: hostileProcedure }),
    );
    await page.route(
      (url) => url.pathname === searchPage.SEARCH_PATH,
      (route) =>
        route.fulfill({
          json: {
            items: [
              {
                code: HOSTILE_CODE,
                name: hostileProcedure.name,
                levels: ["commune"],
                fields: hostileProcedure.fields,
                agencies: [raw],
                online: true,
                highlights: [],
              },
            ],
            total: 1,
            page: 1,
            limit: 10,
            facets: { levels: [], fields: [{ value: raw, count: 1 }], agencies: [{ value: raw, count: 1 }] },
          },
        }),
    );

    await searchPage.openDemo(page, portal.url);
    const ui = searchPage.widget(page);
    await ui.input.fill("thu tuc");
    await ui.results.first().waitFor();
    assert.equal((await ui.resultLinks.first().textContent()).trim(), hostileProcedure.name);
    await assertNothingRan(page, dialogs);

    await ui.resultLinks.first().click();
    await ui.detailTitle.waitFor();
    assert.equal((await ui.detailTitle.textContent()).trim(), hostileProcedure.name);
    await assertNothingRan(page, dialogs);
  });
});

test("raw markup in a lookup response stays text", async () => {
  await withPage(browser, async (page) => {
    const dialogs = await watchForScripts(page);
    const raw = PAYLOADS.join(" ");
    const status = await dossierPage.lookupApi(page, portal.url, hostileDossier.code, hostileDossier.verifier);
    const hostileStatus = structuredClone(status);
    hostileStatus.procedure.name = raw;
    hostileStatus.processing_unit = raw;
    for (const step of hostileStatus.steps) {
      step.name = raw;
      step.unit = raw;
    }
    await page.route(`**${dossierPage.LOOKUP_PATH}`, (route) => route.fulfill({ json: hostileStatus }));

    await dossierPage.openDemo(page, portal.url);
    const ui = dossierPage.widget(page);
    await dossierPage.lookUp(page, hostileDossier.code, hostileDossier.verifier);
    await ui.title.waitFor();
    assert.ok((await ui.result.textContent()).includes(raw), "the procedure name reads as the raw markup");
    await assertNothingRan(page, dialogs);
  });
});

test("hostile attribute values stay text", async () => {
  await withPage(browser, async (page) => {
    const dialogs = await watchForScripts(page);
    const markup = `"><img src=x onerror="dvcXssHit('attribute')"><svg onload=alert(1)>`;

    // The page address prefills the dossier code; a payload there is text too.
    await dossierPage.fixClock(page);
    await page.goto(`${portal.url}/?ma-ho-so=${encodeURIComponent(markup)}#tra-cuu-ho-so`);
    await waitForDemoWasm(page);
    await searchPage.setAttributes(page, { placeholder: markup, field: markup, agency: markup });
    await searchPage.widget(page).root.waitFor({ state: "attached" });
    await dossierPage.setAttributes(page, {
      "verifier-label": markup,
      "portal-url": JAVASCRIPT_URLS[0],
    });
    await assertNothingRan(page, dialogs);

    // Invalid values are quoted in the configuration error, as text.
    await searchPage.setAttributes(page, { "api-base": JAVASCRIPT_URLS[0], "page-size": markup });
    await dossierPage.setAttributes(page, { "api-base": JAVASCRIPT_URLS[1], locale: markup });
    await searchPage.widget(page).host.locator(".dvc-error").first().waitFor();
    const errorText = await searchPage.widget(page).host.locator(".dvc-error").first().textContent();
    assert.match(errorText, /javascript:dvcXssHit/);
    await assertNothingRan(page, dialogs);
  });
});
