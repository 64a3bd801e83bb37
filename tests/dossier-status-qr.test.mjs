// The QR scan of the receipt in <dvc-dossier-status>. Debian's Chromium has
// no BarcodeDetector on Linux, so the tests that scan install a stand-in
// detector and camera before the page loads. The widget's own code, the
// file input and the video element are real.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import {
  assertNoAxeViolations,
  launchBrowser,
  saveScreenshot,
  startPortal,
  waitForDemoWasm,
  withPage,
} from "./harness/index.mjs";
import {
  TODAY,
  WIDGET,
  demoDossiers,
  fixClock,
  focusedElement,
  openDemo,
  pick,
  waitForOutcomeFocus,
  widget,
} from "./dossier-status-page.mjs";

/** An 8 × 8 grey PNG: a real image for createImageBitmap; the stand-in detector reads it. */
const PHOTO = {
  name: "bien-nhan.png",
  mimeType: "image/png",
  buffer: Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAAAAADhZOFXAAAADklEQVR4nGNogAIGyhgAgIQgAQ2AJGEAAAAASUVORK5CYII=",
    "base64",
  ),
};

/** A host name the browser maps to 127.0.0.1, so the page is plain http and not a secure context. */
const PLAIN_HTTP_HOST = "portal.test";

let portal;
let browser;
let dossier;

before(async () => {
  portal = await startPortal({
    today: TODAY,
    extraArgs: ["--lookup-rate-limit", "0", "--lookup-failure-limit", "0"],
  });
  browser = await launchBrowser();
  dossier = pick(await demoDossiers(), "of status 9", (d) => d.status === 9);
});

after(async () => {
  await browser?.close();
  await portal?.stop();
});

/**
 * Installs a stand-in BarcodeDetector that finds `qrText` after
 * `emptyFrames` empty results, and a camera that either fails with
 * `cameraError` or streams a canvas. Records what the widget asked for.
 */
async function installScanner(page, { qrText, emptyFrames = 0, cameraError = null }) {
  await page.addInitScript(
    ([text, empty, error]) => {
      window.dvcScan = { formats: null, detectCalls: 0, tracks: [] };
      window.BarcodeDetector = class {
        constructor(options) {
          window.dvcScan.formats = options?.formats ?? null;
        }

        async detect() {
          window.dvcScan.detectCalls += 1;
          return window.dvcScan.detectCalls > empty ? [{ rawValue: text, format: "qr_code" }] : [];
        }
      };
      // Plain-http pages have no navigator.mediaDevices at all.
      if (!navigator.mediaDevices) {
        return;
      }
      navigator.mediaDevices.getUserMedia = async () => {
        if (error) {
          throw new DOMException("no camera", error);
        }
        // A canvas that keeps drawing replaces the camera's frames.
        const canvas = document.createElement("canvas");
        canvas.width = 64;
        canvas.height = 48;
        const context = canvas.getContext("2d");
        let shade = 0;
        setInterval(() => {
          shade = (shade + 16) % 256;
          context.fillStyle = `rgb(${shade}, ${shade}, ${shade})`;
          context.fillRect(0, 0, canvas.width, canvas.height);
        }, 50);
        const stream = canvas.captureStream(10);
        window.dvcScan.tracks.push(...stream.getTracks());
        return stream;
      };
    },
    [qrText, emptyFrames, cameraError],
  );
}

/** Returns a receipt link whose parameter carries the code with an en dash, in lower case. */
function receiptLink(code) {
  const typed = code.replace("-", "\u2013").toLowerCase();
  return `https://dichvucong.example.gov.vn/tra-cuu?ma-ho-so=${encodeURIComponent(typed)}`;
}

test("no scanner without BarcodeDetector", async () => {
  await withPage(browser, async (page) => {
    await openDemo(page, portal.url);
    assert.equal(await page.evaluate(() => typeof window.BarcodeDetector), "undefined");
    assert.equal(await widget(page).qr.count(), 0);
  });
});

test("camera failure falls back to a photo", async () => {
  await withPage(browser, async (page) => {
    await installScanner(page, { qrText: receiptLink(dossier.code), cameraError: "NotFoundError" });
    await openDemo(page, portal.url);
    const ui = widget(page);
    const cameraButton = ui.host.locator(".dvc-qr-camera");
    const photoButton = ui.host.locator(".dvc-qr-photo");
    assert.ok(await cameraButton.isVisible(), "the camera is offered first");
    assert.ok(!(await photoButton.isVisible()), "the photo is the fallback");

    await cameraButton.click();
    await photoButton.waitFor({ state: "visible" });
    assert.match(await ui.host.locator(".dvc-qr-message").textContent(), /Không mở được máy ảnh/);
    assert.match(await focusedElement(page), /button\.dvc-button.*dvc-qr-photo/);
    await assertNoAxeViolations(page, { include: [WIDGET] });

    await ui.host.locator(".dvc-qr-file").setInputFiles(PHOTO);
    await page.waitForFunction(
      ([selector, code]) =>
        document.querySelector(selector).shadowRoot.querySelector("#dvc-code").value === code,
      [WIDGET, dossier.code],
    );
    assert.deepEqual(await page.evaluate(() => window.dvcScan.formats), ["qr_code"]);
    assert.match(await ui.host.locator(".dvc-qr-message").textContent(), /Đã đọc mã hồ sơ/);
    assert.match(await focusedElement(page), /^input#dvc-verifier/);
    await saveScreenshot(page, "dossier-status-qr-photo");

    await page.keyboard.type(dossier.verifier);
    await page.keyboard.press("Enter");
    await waitForOutcomeFocus(page);
    assert.equal((await ui.title.textContent()).trim(), `Hồ sơ ${dossier.code}`);
  });
});

test("camera scan fills the code and stops", async () => {
  await withPage(browser, async (page) => {
    await installScanner(page, { qrText: ` ${dossier.code.toLowerCase()} `, emptyFrames: 3 });
    await openDemo(page, portal.url);
    const ui = widget(page);

    await ui.host.locator(".dvc-qr-camera").click();
    await page.waitForFunction(
      ([selector, code]) =>
        document.querySelector(selector).shadowRoot.querySelector("#dvc-code").value === code,
      [WIDGET, dossier.code],
    );
    assert.ok((await page.evaluate(() => window.dvcScan.detectCalls)) > 3, "empty frames were skipped");
    const trackStates = await page.evaluate(() => window.dvcScan.tracks.map((track) => track.readyState));
    assert.deepEqual(trackStates, ["ended"], "the camera is released");
    assert.ok(!(await ui.host.locator(".dvc-qr-video").isVisible()), "the camera view is closed");
  });
});

test("camera view stops on request", async () => {
  await withPage(browser, async (page) => {
    // The detector never finds a code, so only the stop button ends the scan.
    await installScanner(page, { qrText: "x", emptyFrames: Number.MAX_SAFE_INTEGER });
    await openDemo(page, portal.url);
    const ui = widget(page);

    await ui.host.locator(".dvc-qr-camera").click();
    await ui.host.locator(".dvc-qr-video").waitFor({ state: "visible" });
    assert.match(await focusedElement(page), /button\..*dvc-qr-stop/);
    await assertNoAxeViolations(page, { include: [WIDGET] });
    await saveScreenshot(page, "dossier-status-qr-camera");

    await page.keyboard.press("Escape");
    await ui.host.locator(".dvc-qr-video").waitFor({ state: "hidden" });
    await page.waitForFunction(() => window.dvcScan.tracks.every((track) => track.readyState === "ended"));
    // Focus returns to the camera button once it is shown again, a frame later.
    await page.waitForFunction((selector) =>
      document
        .querySelector(selector)
        .shadowRoot.activeElement?.classList.contains("dvc-qr-camera"),
      WIDGET,
    );
  });
});

test("QR code without dossier code", async () => {
  await withPage(browser, async (page) => {
    await installScanner(page, { qrText: "https://example.vn/?q=1", cameraError: "NotAllowedError" });
    await openDemo(page, portal.url);
    const ui = widget(page);

    await ui.host.locator(".dvc-qr-camera").click();
    await ui.host.locator(".dvc-qr-photo").waitFor({ state: "visible" });
    await ui.host.locator(".dvc-qr-file").setInputFiles(PHOTO);
    await page.waitForFunction(
      (selector) =>
        document
          .querySelector(selector)
          .shadowRoot.querySelector(".dvc-qr-message")
          .textContent.includes("không chứa mã hồ sơ"),
      WIDGET,
    );
    assert.equal(await ui.code.inputValue(), "");
  });
});

test("no scanner on a plain-http page", async () => {
  const port = new URL(portal.url).port;
  const plainBrowser = await launchBrowser({
    extraArgs: [`--host-resolver-rules=MAP ${PLAIN_HTTP_HOST} 127.0.0.1`],
  });
  try {
    await withPage(plainBrowser, async (page) => {
      await installScanner(page, { qrText: dossier.code });
      await fixClock(page);
      await page.goto(`http://${PLAIN_HTTP_HOST}:${port}/#tra-cuu-ho-so`);
      await waitForDemoWasm(page);
      const ui = widget(page);
      await ui.code.waitFor();

      assert.equal(await page.evaluate(() => window.isSecureContext), false);
      assert.equal(await page.evaluate(() => typeof window.BarcodeDetector), "function");
      assert.equal(await ui.qr.count(), 0);
    });
  } finally {
    await plainBrowser.close();
  }
});
