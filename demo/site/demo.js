// Behaviour of the demo page: the language switch and the embed code
// generator. It is an external module, like the widgets' loader, so the page
// needs no inline script.

/** Directory the snippets give for the files of dist/ on the host's server. */
const VENDOR_PATH = "/vendor/dvc-widgets";

/** Fallback links as a host page would write them, by widget and locale. */
const FALLBACK_LINKS = {
  "dvc-procedure-search": {
    vi: "Tra cứu thủ tục trên Cổng Dịch vụ công quốc gia",
    en: "Look up procedures on the National Public Service Portal",
  },
  "dvc-dossier-status": {
    vi: "Tra cứu hồ sơ trên Cổng Dịch vụ công quốc gia",
    en: "Check a dossier on the National Public Service Portal",
  },
};

const NATIONAL_PORTAL = "https://dichvucong.gov.vn";

/** Attributes the generator sets, per widget, besides `api-base` and `locale`. */
const WIDGET_ATTRIBUTES = {
  "dvc-procedure-search": ["level", "field", "agency"],
  "dvc-dossier-status": ["portal-url", "verifier-label"],
};

/** Theme properties of the form with their defaults from styles/tokens.css. */
const THEME_DEFAULTS = {
  "--dvc-color-primary": "#0b5cad",
  "--dvc-color-text": "#1b1f24",
  "--dvc-radius": "6px",
};

const TEXT = {
  vi: {
    title: "dvc-widgets: trang minh hoạ cho nhà phát triển",
    nav: "Trang minh hoạ",
    copied: "Đã sao chép.",
    copyFailed: "Trình duyệt không cho sao chép; mã đã được chọn, bấm Ctrl+C.",
    noTheme: "/* Giữ màu và hình dạng mặc định: không cần CSS. */",
    placeholderHead: "<!-- Trong <head>: các tệp của dist/ trên máy chủ của bạn -->",
    placeholderBody: "<!-- Chỗ đặt tiện ích; nội dung bên trong hiện khi tiện ích không chạy được -->",
  },
  en: {
    title: "dvc-widgets: demo page for developers",
    nav: "Demo page",
    copied: "Copied.",
    copyFailed: "The browser does not allow copying; the code is selected, press Ctrl+C.",
    noTheme: "/* Default colours and shape: no CSS needed. */",
    placeholderHead: "<!-- In <head>: the files of dist/ on your server -->",
    placeholderBody: "<!-- Where the widget goes; its content shows when the widget cannot run -->",
  },
};

const manifestIntegrity = new Map();

function currentLanguage() {
  return document.documentElement.lang === "en" ? "en" : "vi";
}

// ---------------------------------------------------------------------------
// Language

function applyLanguage(language) {
  const text = TEXT[language];
  document.documentElement.lang = language;
  document.title = text.title;
  document.querySelector(".portal-nav")?.setAttribute("aria-label", text.nav);

  // The portal's own widgets follow the page, which shows an attribute
  // change reaching a mounted widget.
  for (const element of document.querySelectorAll("#demo-procedure-search, #demo-dossier-status")) {
    if (language === "vi") {
      element.removeAttribute("locale");
    } else {
      element.setAttribute("locale", language);
    }
  }
  renderSnippets();
}

function setUpLanguageSwitch() {
  const button = document.getElementById("demo-language");
  button?.addEventListener("click", () => {
    const language = currentLanguage() === "vi" ? "en" : "vi";
    const url = new URL(window.location.href);
    if (language === "vi") {
      url.searchParams.delete("lang");
    } else {
      url.searchParams.set("lang", language);
    }
    history.replaceState(null, "", url);
    applyLanguage(language);
  });

  const requested = new URL(window.location.href).searchParams.get("lang");
  if (requested === "en") {
    applyLanguage("en");
  }
}

// ---------------------------------------------------------------------------
// Embed code generator

const form = document.getElementById("demo-form");
const preview = document.getElementById("demo-preview");
const themeSheet = new CSSStyleSheet();

/** Reads the generator's choices from the form. */
function readChoices() {
  const data = new FormData(form);
  const widget = String(data.get("widget"));
  const attributes = [["api-base", String(data.get("api-base") ?? "").trim()]];
  for (const name of WIDGET_ATTRIBUTES[widget]) {
    attributes.push([name, String(data.get(name) ?? "").trim()]);
  }
  const locale = String(data.get("locale"));
  if (locale !== "vi") {
    attributes.push(["locale", locale]);
  }

  const theme = {};
  for (const [name, fallback] of Object.entries(THEME_DEFAULTS)) {
    const value = String(data.get(name) ?? "");
    theme[name] = name === "--dvc-radius" ? `${Math.max(0, Number(value) || 0)}px` : value || fallback;
  }
  return { widget, locale, attributes: attributes.filter(([, value]) => value !== ""), theme };
}

/** Changed theme properties only, so the CSS snippet stays empty for the defaults. */
function themeChanges(theme) {
  return Object.entries(theme).filter(([name, value]) => value.toLowerCase() !== THEME_DEFAULTS[name]);
}

/**
 * Updates the preview in place when only attributes change, as a host page
 * does when it changes an attribute, and creates a new element when the
 * widget changes.
 */
function renderPreview(choices) {
  let element = preview.firstElementChild;
  if (element?.localName !== choices.widget) {
    element = document.createElement(choices.widget);
    const link = document.createElement("a");
    link.href = NATIONAL_PORTAL;
    link.textContent = FALLBACK_LINKS[choices.widget].vi;
    element.append(link);
    preview.replaceChildren(element);
  }

  const wanted = new Map(choices.attributes);
  for (const name of ["api-base", "locale", ...WIDGET_ATTRIBUTES[choices.widget]]) {
    const value = wanted.get(name);
    if (value === undefined) {
      element.removeAttribute(name);
    } else if (element.getAttribute(name) !== value) {
      element.setAttribute(name, value);
    }
  }

  // A constructed stylesheet, like the widgets' own, so no inline style is needed.
  const declarations = Object.entries(choices.theme)
    .map(([name, value]) => `${name}: ${value};`)
    .join(" ");
  themeSheet.replaceSync(`#demo-preview > * { ${declarations} }`);

  for (const fieldset of form.querySelectorAll("[data-widget]")) {
    fieldset.hidden = fieldset.dataset.widget !== choices.widget;
  }
}

function escapeHtml(text) {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
}

function integrityAttribute(path) {
  const integrity = manifestIntegrity.get(path);
  return integrity === undefined ? "" : ` integrity="${integrity}" crossorigin="anonymous"`;
}

function renderSnippets() {
  if (form === null) {
    return;
  }
  const choices = readChoices();
  const text = TEXT[currentLanguage()];

  const attributes = choices.attributes.map(([name, value]) => ` ${name}="${escapeHtml(value)}"`).join("");
  const html = [
    text.placeholderHead,
    `<link rel="stylesheet" href="${VENDOR_PATH}/dvc-widgets.css"${integrityAttribute("dvc-widgets.css")}>`,
    `<script type="module" src="${VENDOR_PATH}/dvc-widgets.js"${integrityAttribute("dvc-widgets.js")}></script>`,
    "",
    text.placeholderBody,
    `<${choices.widget}${attributes}>`,
    `  <a href="${NATIONAL_PORTAL}">${escapeHtml(FALLBACK_LINKS[choices.widget][choices.locale])}</a>`,
    `</${choices.widget}>`,
  ].join("\n");
  document.getElementById("demo-html").textContent = html;

  const changes = themeChanges(choices.theme);
  const css =
    changes.length === 0
      ? text.noTheme
      : [`${choices.widget} {`, ...changes.map(([name, value]) => `  ${name}: ${value};`), "}"].join("\n");
  document.getElementById("demo-css").textContent = css;
}

function render() {
  renderPreview(readChoices());
  renderSnippets();
}

/** Lists the events the preview widget dispatches, with their whole detail. */
function logEvents() {
  const list = document.getElementById("demo-events");
  for (const type of ["dvc-ready", "dvc-fallback", "dvc-procedure-open", "dvc-dossier-result"]) {
    preview.addEventListener(type, (event) => {
      const item = document.createElement("li");
      const detail = event.detail === null || event.detail === undefined ? "" : ` ${JSON.stringify(event.detail)}`;
      item.textContent = `${type}${detail}`;
      list.append(item);
      list.scrollTop = list.scrollHeight;
    });
  }
}

async function loadManifest() {
  try {
    const response = await fetch("/widgets/manifest.json");
    if (!response.ok) {
      return;
    }
    const manifest = await response.json();
    for (const file of manifest.files ?? []) {
      manifestIntegrity.set(file.path, file.integrity);
    }
    renderSnippets();
  } catch (error) {
    console.warn("demo page: could not read /widgets/manifest.json; the snippets show no integrity.", error);
  }
}

async function copySnippet(button) {
  const code = document.getElementById(button.dataset.copy);
  const status = document.getElementById("demo-copy-status");
  const text = TEXT[currentLanguage()];
  try {
    await navigator.clipboard.writeText(code.textContent);
    status.textContent = text.copied;
  } catch {
    const range = document.createRange();
    range.selectNodeContents(code);
    window.getSelection()?.removeAllRanges();
    window.getSelection()?.addRange(range);
    status.textContent = text.copyFailed;
  }
}

function setUpGenerator() {
  if (form === null || preview === null) {
    return;
  }
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, themeSheet];
  form.addEventListener("input", render);
  form.addEventListener("change", render);
  form.addEventListener("submit", (event) => event.preventDefault());
  for (const button of document.querySelectorAll(".demo-copy")) {
    button.addEventListener("click", () => copySnippet(button));
  }
  logEvents();
  render();
  loadManifest();
}

// ---------------------------------------------------------------------------
// Sample dossier codes

// Lists the running portal's generated dossiers (`cargo xtask demo` starts it
// with --list-demo-dossiers). Without them the aside keeps only the command
// that prints codes. Every value goes in as text.
async function loadDemoDossiers() {
  const list = document.getElementById("demo-dossier-list");
  const body = list?.querySelector("tbody");
  if (!list || !body) {
    return;
  }

  let data;
  try {
    const response = await fetch("/demo/dossiers.json", { cache: "no-store" });
    if (!response.ok) {
      return;
    }
    data = await response.json();
  } catch {
    return;
  }
  if (data?.enabled !== true || !Array.isArray(data.items)) {
    return;
  }

  for (const item of data.items) {
    if (typeof item?.code !== "string" || typeof item.verifier !== "string") {
      continue;
    }
    const url = new URL(window.location.href);
    url.searchParams.set("ma-ho-so", item.code);
    url.hash = "demo-dossier-status";

    const link = document.createElement("a");
    link.href = url.href;
    link.textContent = item.code;
    const verifier = document.createElement("code");
    verifier.textContent = item.verifier;
    const status = `${item.status ?? ""} ${item.status_label ?? ""}`.trim();

    const row = document.createElement("tr");
    for (const content of [link, verifier, status]) {
      const cell = document.createElement("td");
      cell.append(content);
      row.append(cell);
    }
    body.append(row);
  }
  list.hidden = body.children.length === 0;
}

setUpGenerator();
setUpLanguageSwitch();
loadDemoDossiers();
