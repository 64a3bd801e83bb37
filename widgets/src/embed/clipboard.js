// Clipboard access for the widgets; web-sys exposes the Clipboard API only
// behind unstable flags.

/**
 * Copies `text` to the clipboard; resolves to false where the Clipboard API
 * is missing (pages not served over HTTPS) or the browser refuses.
 */
export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
