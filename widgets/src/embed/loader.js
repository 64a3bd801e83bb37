// dvc-widgets loader: the one script a host page includes.
//
//   <script type="module" src="/vendor/dvc-widgets/dvc-widgets.js"
//           integrity="sha384-…" crossorigin="anonymous"></script>
//
// This file is a template, not a wasm-bindgen snippet: `cargo xtask dist`
// writes it to dist/dvc-widgets.js with the wasm's SHA-384 filled in, so the
// host's integrity attribute on this script also pins the wasm it loads.
//
// What it does:
// - defines every <dvc-*> element at once, before any download, so the
//   elements of a page upgrade immediately; a second copy of this script
//   finds them defined and changes nothing;
// - when the first element connects, downloads the wasm, checks its SHA-384,
//   compiles it (streaming when the server sends application/wasm) and
//   instantiates it once for every widget on the page;
// - mounts each element into its own open shadow root, forwards attribute
//   changes, and unmounts on disconnect;
// - leaves the element's own light-DOM content (for example a link to the
//   official portal) visible while loading and whenever the widget cannot
//   run, and names the cause in one console warning per cause;
// - after a panic, shows the failed widget's fallback and restarts the
//   others on a fresh instance of the same compiled module.

/** Files of the bundle, next to this loader. */
const WASM_FILE = "dvc-widgets.wasm";
const BINDINGS_FILE = "dvc-widgets-bindings.js";

/** SHA-384 of WASM_FILE in SRI form; `cargo xtask dist` replaces the marker. */
const WASM_INTEGRITY = "@WASM_INTEGRITY@";

/**
 * Element names and their observed attributes. A unit test of the widgets
 * crate checks this table against the Rust registry (`WIDGETS` in lib.rs).
 */
const WIDGETS = {
  "dvc-procedure-search": ["api-base", "level", "field", "agency", "locale", "page-size", "placeholder", "request-timeout"],
  "dvc-dossier-status": ["api-base", "locale", "verifier-label", "portal-url", "request-timeout"],
};

/** Event the wasm's panic hook dispatches on `window` just before the instance traps. */
const RUNTIME_FAILURE_EVENT = "dvc-widgets-runtime-failure";

/**
 * Restarts of the wasm instance after failures before every widget on the
 * page gives up and shows its fallback, so a widget that fails again on
 * every start cannot loop.
 */
const MAX_RESTARTS = 3;

/**
 * Causes of showing the fallback content, sent as the `reason` of
 * `dvc-fallback`. A browser that lacks a needed feature gets no event: the
 * elements stay undefined there.
 */
const Reason = Object.freeze({
  csp: "csp",
  integrity: "integrity",
  network: "network",
  wasm: "wasm",
  start: "start",
  crash: "crash",
});

/** A reason to show the fallback, with the console line that explains it. */
class LoadFailure extends Error {
  constructor(reason, message, cause) {
    super(message, { cause });
    this.name = "LoadFailure";
    this.reason = reason;
  }
}

const warned = new Set();

/** Logs `message` once per `key`, so twenty widgets do not repeat one cause. */
function warnOnce(key, message, cause) {
  if (warned.has(key)) {
    return;
  }
  warned.add(key);
  if (cause === undefined) {
    console.warn(message);
  } else {
    console.warn(message, cause);
  }
}

// ---------------------------------------------------------------------------
// Loading the wasm module

let runtimePromise;

/** Returns the wasm-bindgen bindings, instantiated once; later calls share the promise. */
function loadRuntime() {
  runtimePromise ??= startRuntime().catch((error) => {
    const failure =
      error instanceof LoadFailure ? error : new LoadFailure(Reason.start, "dvc-widgets: the widgets failed to start.", error);
    warnOnce(`load:${failure.reason}`, failure.message, failure.cause);
    throw failure;
  });
  return runtimePromise;
}

async function startRuntime() {
  if (WASM_INTEGRITY.startsWith("@")) {
    throw new LoadFailure(
      Reason.integrity,
      "dvc-widgets: this loader has no wasm integrity value; use dist/dvc-widgets.js written by `cargo xtask dist`, not the template.",
    );
  }

  const wasmUrl = new URL(WASM_FILE, import.meta.url);
  const bindingsUrl = new URL(BINDINGS_FILE, import.meta.url);
  const [module, bindings] = await Promise.all([loadModule(wasmUrl), importBindings(bindingsUrl)]);

  try {
    bindings.initSync({ module });
  } catch (error) {
    throw new LoadFailure(Reason.start, "dvc-widgets: the wasm module failed to start.", error);
  }
  return bindings;
}

async function importBindings(url) {
  try {
    return await import(url.href);
  } catch (error) {
    throw new LoadFailure(Reason.network, `dvc-widgets: could not load ${url.href}.`, error);
  }
}

/** Downloads the wasm with its integrity checked by the browser, then compiles it. */
async function loadModule(url) {
  const response = await fetchVerified(url);
  try {
    return await compile(response, url);
  } catch (error) {
    if (/Content Security Policy/i.test(String(error?.message))) {
      throw new LoadFailure(
        Reason.csp,
        "dvc-widgets: the page's Content-Security-Policy does not allow WebAssembly; add 'wasm-unsafe-eval' to script-src.",
        error,
      );
    }
    throw new LoadFailure(Reason.wasm, `dvc-widgets: this browser cannot compile ${url.href}.`, error);
  }
}

async function fetchVerified(url) {
  let response;
  try {
    // `integrity` makes the browser refuse a body whose SHA-384 differs;
    // unlike SubtleCrypto it also works on plain-http pages.
    response = await fetch(url, { integrity: WASM_INTEGRITY });
  } catch (error) {
    throw await diagnoseFetchFailure(url, error);
  }
  if (!response.ok) {
    throw new LoadFailure(Reason.network, `dvc-widgets: ${url.href} returned HTTP ${response.status}.`);
  }
  return response;
}

/**
 * Tells an integrity mismatch from a network error. fetch() rejects with the
 * same TypeError for both (and for a CORS refusal), so a second request
 * without `integrity` decides: if the file arrives, only its hash was wrong.
 */
async function diagnoseFetchFailure(url, error) {
  let retry;
  try {
    retry = await fetch(url);
  } catch {
    return new LoadFailure(
      Reason.network,
      `dvc-widgets: could not download ${url.href} (network error, CORS refusal, or the page's Content-Security-Policy connect-src).`,
      error,
    );
  }
  if (!retry.ok) {
    return new LoadFailure(Reason.network, `dvc-widgets: ${url.href} returned HTTP ${retry.status}.`, error);
  }
  const actual = await digest(await retry.arrayBuffer());
  return new LoadFailure(
    Reason.integrity,
    `dvc-widgets: refused ${url.href}: its SHA-384 ${actual ?? "(not computed)"} differs from ${WASM_INTEGRITY} ` +
      "in the loader. Serve the files of one `cargo xtask dist` build together.",
  );
}

/** SHA-384 in SRI form, or null where SubtleCrypto is missing (plain-http pages). */
async function digest(bytes) {
  if (globalThis.crypto?.subtle === undefined) {
    return null;
  }
  const hash = new Uint8Array(await crypto.subtle.digest("SHA-384", bytes));
  return `sha384-${btoa(String.fromCharCode(...hash))}`;
}

/**
 * Compiles while downloading when the server sends application/wasm. Browsers
 * refuse streaming compilation for any other type, so then the body is read
 * first, which is slower but works.
 */
async function compile(response, url) {
  const type = response.headers.get("content-type") ?? "";
  const isWasmType = type.split(";")[0].trim().toLowerCase() === "application/wasm";
  if (isWasmType && typeof WebAssembly.compileStreaming === "function") {
    return WebAssembly.compileStreaming(response);
  }
  if (!isWasmType) {
    warnOnce(
      "mime",
      `dvc-widgets: ${url.href} was served as "${type || "no Content-Type"}" instead of application/wasm, ` +
        "so it is compiled after the download instead of during it; configure the server to send " +
        "Content-Type: application/wasm for .wasm files.",
    );
  }
  return WebAssembly.compile(await response.arrayBuffer());
}

// ---------------------------------------------------------------------------
// Stylesheets

/** Shadow-root sheet while loading or showing the fallback: only display. */
let fallbackSheet;

/** One CSSStyleSheet per sheet name, shared by every shadow root. */
const sheetsByName = new Map();

/** Adopted sheets per element name, in cascade order. */
const sheetsByTag = new Map();

function getFallbackSheet() {
  if (fallbackSheet === undefined) {
    fallbackSheet = new CSSStyleSheet();
    fallbackSheet.replaceSync(":host { display: block; } :host([hidden]) { display: none; }");
  }
  return fallbackSheet;
}

/**
 * Returns the widget's sheets from the wasm as constructed stylesheets. They
 * are CSSOM objects, not inline <style> elements, so a page whose policy is
 * `style-src 'self'` still applies them.
 */
function widgetSheets(tag, runtime) {
  let sheets = sheetsByTag.get(tag);
  if (sheets !== undefined) {
    return sheets;
  }
  sheets = runtime.widgetStylesheets(tag).map(([name, css]) => {
    let sheet = sheetsByName.get(name);
    if (sheet === undefined) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      sheetsByName.set(name, sheet);
    }
    return sheet;
  });
  sheetsByTag.set(tag, sheets);
  return sheets;
}

// ---------------------------------------------------------------------------
// Elements

/** Connected widget elements, for restarts. */
const connectedElements = new Set();

/** Elements by the id of their current mount, to find the one a panic names. */
const elementsByMountId = new Map();

let lastMountId = 0;

/** Incremented at each restart; mounts of an older generation are stale. */
let generation = 0;

/** Failures waiting for the restart, collected until a microtask runs it. */
let pendingFailure;

/** The element whose call into the module is running, to blame it for a panic the hook cannot place. */
let callingElement = null;

let restarts = 0;

/** Set when the module failed too often; every widget then shows its fallback. */
let runtimeDead = false;

class DvcWidgetElement extends HTMLElement {
  #internals = attachInternalsSafely(this);
  /** `{ widget, mountId, generation }` while a widget is mounted. */
  #mounted;
  #loading = false;
  #unmountScheduled = false;
  /** Set when this element's widget failed; it keeps its fallback from then on. */
  #crashed = false;

  connectedCallback() {
    connectedElements.add(this);
    // Moving an element disconnects and reconnects it in one task; the
    // scheduled unmount is cancelled so the widget keeps its state.
    if (this.#unmountScheduled) {
      this.#unmountScheduled = false;
      return;
    }
    if (this.#mounted === undefined && !this.#loading) {
      this.#start();
    }
  }

  disconnectedCallback() {
    connectedElements.delete(this);
    if (this.#mounted === undefined) {
      return;
    }
    this.#unmountScheduled = true;
    queueMicrotask(() => {
      if (this.#unmountScheduled) {
        this.#unmountScheduled = false;
        this.#unmount();
      }
    });
  }

  attributeChangedCallback(name, oldValue, newValue) {
    const mounted = this.#mounted;
    // A widget still loading reads every attribute when it mounts.
    if (oldValue === newValue || !isLive(mounted)) {
      return;
    }
    try {
      callingElement = this;
      mounted.widget.attributeChanged(name, newValue);
    } catch (error) {
      runtimeFailed(this, error);
    } finally {
      callingElement = null;
    }
  }

  #start() {
    const root = this.#shadowRoot();
    if (root === null) {
      return;
    }
    if (this.#crashed || runtimeDead) {
      this.#showFallback(Reason.crash);
      return;
    }

    this.#showLoading(root);
    this.#loading = true;
    loadRuntime().then(
      (runtime) => {
        this.#loading = false;
        if (runtimeDead) {
          this.#showFallback(Reason.crash);
          return;
        }
        // During a restart the restart itself mounts every connected element.
        if (this.isConnected && this.#mounted === undefined && pendingFailure === undefined) {
          this.#mount(runtime);
        }
      },
      (failure) => {
        this.#loading = false;
        this.#showFallback(failure.reason);
      },
    );
  }

  #shadowRoot() {
    try {
      return this.shadowRoot ?? this.attachShadow({ mode: "open" });
    } catch (error) {
      // The page attached a closed shadow root to this element itself.
      warnOnce(`shadow:${this.localName}`, `dvc-widgets: <${this.localName}> already has a closed shadow root; leaving it as it is.`, error);
      return null;
    }
  }

  #mount(runtime) {
    const root = this.shadowRoot;
    const container = document.createElement("div");
    container.className = "dvc-container";
    const mountId = ++lastMountId;

    // Registered before the call, so a panic during the mount names this element.
    elementsByMountId.set(mountId, this);
    try {
      callingElement = this;
      root.adoptedStyleSheets = widgetSheets(this.localName, runtime);
      root.replaceChildren(container);
      const widget = runtime.mountWidget(this.localName, this, container, mountId);
      this.#mounted = { widget, mountId, generation };
    } catch (error) {
      elementsByMountId.delete(mountId);
      runtimeFailed(this, error);
      return;
    } finally {
      callingElement = null;
    }

    this.#setState("ready");
    this.dispatchEvent(new CustomEvent("dvc-ready", { bubbles: true }));
  }

  #unmount() {
    const mounted = this.#mounted;
    this.#mounted = undefined;
    elementsByMountId.delete(mounted.mountId);
    if (isLive(mounted)) {
      try {
        callingElement = this;
        mounted.widget.free();
      } catch (error) {
        runtimeFailed(this, error);
      } finally {
        callingElement = null;
      }
    }
    this.shadowRoot?.replaceChildren();
    this.#setState(null);
  }

  #showLoading(root) {
    root.adoptedStyleSheets = [getFallbackSheet()];
    root.replaceChildren(document.createElement("slot"));
    this.#setState("loading");
  }

  /** Shows the light-DOM content, which keeps the host page's styles. */
  #showFallback(reason) {
    const root = this.shadowRoot;
    if (root !== null) {
      root.adoptedStyleSheets = [getFallbackSheet()];
      root.replaceChildren(document.createElement("slot"));
    }
    this.#setState("fallback");
    this.dispatchEvent(new CustomEvent("dvc-fallback", { bubbles: true, detail: { reason } }));
  }

  #setState(state) {
    const states = this.#internals?.states;
    if (states === undefined) {
      return;
    }
    try {
      for (const name of ["loading", "ready", "fallback"]) {
        if (name === state) {
          states.add(name);
        } else {
          states.delete(name);
        }
      }
    } catch {
      // Chromium before 125 accepts only `--name` states; the states are optional.
    }
  }

  /**
   * Shows the fallback of every element whose widget failed and remounts
   * the others on a fresh instance. Runs in a microtask after the failure,
   * when no frame of the old instance is on the stack.
   */
  static restartAfterFailure(runtime) {
    const failure = pendingFailure;
    pendingFailure = undefined;
    restarts += 1;
    generation += 1;
    elementsByMountId.clear();

    for (const element of failure.culprits) {
      element.#mounted = undefined;
      element.#crashed = true;
      element.#showFallback(Reason.crash);
    }
    // An element without a shadow root (the page gave it a closed one) never mounted.
    const survivors = [...connectedElements].filter((element) => !element.#crashed && element.shadowRoot !== null);

    if (restarts > MAX_RESTARTS || !restartInstance(runtime)) {
      runtimeDead = true;
      console.error(
        `dvc-widgets: the wasm module failed ${restarts} times on this page; every widget now shows its fallback content.`,
        ...failure.causes,
      );
      for (const element of survivors) {
        element.#mounted = undefined;
        element.#showFallback(Reason.crash);
      }
      return;
    }

    const failed = [...failure.culprits].map((element) => `<${element.localName}>`);
    console.error(
      `dvc-widgets: ${failed.length > 0 ? failed.join(", ") : "a widget"} failed and shows its fallback content; ` +
        `${survivors.length} other widget(s) restart on a fresh wasm instance and lose what was typed in them.`,
      ...failure.causes,
    );

    for (const element of survivors) {
      element.#mounted = undefined;
      if (!element.#loading) {
        element.#mount(runtime);
      }
    }
  }
}

function attachInternalsSafely(element) {
  try {
    return element.attachInternals();
  } catch {
    return undefined;
  }
}

/** Returns whether calls may go to this mount, which needs the current and healthy instance. */
function isLive(mounted) {
  return mounted !== undefined && mounted.generation === generation && pendingFailure === undefined;
}

/** Replaces the wasm instance with a fresh one from the same compiled module. */
function restartInstance(runtime) {
  try {
    runtime.scheduleRestart();
    // Carries out the restart before any call that passes strings: the glue
    // copies those into the old instance's memory before replacing it.
    runtime.applyRestart();
    return true;
  } catch (error) {
    console.error("dvc-widgets: the wasm instance could not be restarted.", error);
    return false;
  }
}

/**
 * Records that the wasm instance may be inconsistent after a panic or an
 * exception thrown through its frames. `element` is the widget to blame,
 * when known. Until the restart no call goes into the old instance.
 *
 * Only the first failure before the restart names a culprit. Code that
 * still runs in the broken instance (a pending task, say) can panic in turn,
 * inside another widget's owner, without that widget being at fault.
 */
function runtimeFailed(element, cause) {
  if (runtimeDead) {
    return;
  }
  if (pendingFailure === undefined) {
    pendingFailure = { culprits: new Set(element === null ? [] : [element]), causes: [] };
    queueMicrotask(() => {
      loadRuntime().then((runtime) => DvcWidgetElement.restartAfterFailure(runtime));
    });
  }
  if (cause !== undefined) {
    pendingFailure.causes.push(cause);
  }
}

/** Listener of the panic hook's event; runs while the panicking instance is still on the stack. */
function onRuntimeFailure(event) {
  const mountId = event.detail?.mountId;
  runtimeFailed(elementsByMountId.get(mountId) ?? callingElement);
}

/** Names of the features the widgets need that this browser lacks. */
function missingFeatures() {
  const missing = [];
  if (typeof customElements !== "object") {
    missing.push("custom elements");
  }
  if (typeof Element.prototype.attachShadow !== "function") {
    missing.push("shadow DOM");
  }
  if (typeof WebAssembly !== "object") {
    missing.push("WebAssembly");
  }
  if (!("adoptedStyleSheets" in Document.prototype)) {
    missing.push("constructable stylesheets");
  }
  return missing;
}

/**
 * Defines one subclass per element name and returns how many it defined. A
 * name that is already defined, for example by an earlier copy of this
 * script, is left alone.
 */
function defineElements() {
  let defined = 0;
  for (const [tag, observedAttributes] of Object.entries(WIDGETS)) {
    if (customElements.get(tag) !== undefined) {
      continue;
    }
    customElements.define(
      tag,
      class extends DvcWidgetElement {
        static observedAttributes = observedAttributes;
      },
    );
    defined += 1;
  }
  return defined;
}

const missing = missingFeatures();
if (missing.length > 0) {
  warnOnce("unsupported", `dvc-widgets: this browser lacks ${missing.join(", ")}; the widgets' fallback content stays visible.`);
} else if (defineElements() > 0) {
  window.addEventListener(RUNTIME_FAILURE_EVENT, onRuntimeFailure);
}
