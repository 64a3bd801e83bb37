// Reading the QR code of a dossier receipt with the browser's BarcodeDetector.
//
// BarcodeDetector and the camera are browser APIs that web-sys exposes only
// behind unstable flags, so this small module drives them and returns the
// text of the QR code to Rust, which decides whether it contains a dossier code.

const SCAN_INTERVAL_MS = 250;

function newDetector() {
  return new BarcodeDetector({ formats: ["qr_code"] });
}

/**
 * Returns whether the page may scan QR codes: it needs a secure context
 * (HTTPS or localhost), where browsers expose the camera, and a
 * BarcodeDetector, which many browsers lack (desktop Chromium on Linux among
 * them).
 */
export function qrScanSupported() {
  return window.isSecureContext === true && typeof window.BarcodeDetector === "function";
}

/** Returns whether the browser offers a camera API at all. */
export function cameraApiAvailable() {
  return typeof navigator.mediaDevices?.getUserMedia === "function";
}

/**
 * Shows the rear camera in `video` until a QR code is seen, and resolves with
 * its text. Rejects with the camera error (`NotAllowedError`,
 * `NotFoundError`, …), or with `AbortError` once `signal` aborts. The camera
 * is released in every case.
 */
export async function scanWithCamera(video, signal) {
  const detector = newDetector();
  const stream = await navigator.mediaDevices.getUserMedia({
    video: { facingMode: "environment" },
    audio: false,
  });
  const release = () => {
    for (const track of stream.getTracks()) {
      track.stop();
    }
    video.srcObject = null;
  };
  signal.addEventListener("abort", release, { once: true });

  try {
    video.srcObject = stream;
    // play() resolves only once frames arrive, so the loop starts at once
    // and fails only if playback itself fails.
    let playbackError = null;
    video.play().catch((error) => {
      playbackError = error;
    });
    while (!signal.aborted) {
      if (playbackError !== null) {
        throw playbackError;
      }
      // A frame that is not ready yet makes detect() reject; try the next one.
      const codes = await detector.detect(video).catch(() => []);
      const found = codes.find((code) => code.rawValue);
      if (found) {
        return found.rawValue;
      }
      await new Promise((resolve) => setTimeout(resolve, SCAN_INTERVAL_MS));
    }
    throw new DOMException("The scan was stopped.", "AbortError");
  } finally {
    release();
  }
}

/**
 * Reads the QR code in the photo chosen in the file `input`. Resolves with
 * its text, with "" when the photo contains no QR code or is not an image, and
 * with null when no file was chosen.
 */
export async function decodePhoto(input) {
  const file = input.files?.[0];
  // Clearing the input lets the citizen choose the same photo again.
  input.value = "";
  if (!file) {
    return null;
  }

  let bitmap;
  try {
    bitmap = await createImageBitmap(file);
    const codes = await newDetector().detect(bitmap);
    return codes.find((code) => code.rawValue)?.rawValue ?? "";
  } catch {
    return "";
  } finally {
    bitmap?.close();
  }
}
