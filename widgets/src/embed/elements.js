// Element classes of the dvc-widgets custom elements.
//
// A custom element class must be JavaScript, so this module owns the element
// lifecycle and calls back into Rust. `mount(host, container)` returns a
// wasm-bindgen `MountedWidget`; its `free()` drops the Leptos UnmountHandle,
// which unmounts the view and disposes its reactive owner.

// One CSSStyleSheet per stylesheet name, shared by every shadow root. Adopted
// stylesheets are CSSOM objects, not inline <style> elements, so a host page
// whose policy is `style-src 'self'` still applies them.
const sheets = new Map();

function adoptStylesheets(root, stylesheets) {
  const adopted = [];
  for (const [name, css] of stylesheets) {
    let sheet = sheets.get(name);
    if (sheet === undefined) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      sheets.set(name, sheet);
    }
    adopted.push(sheet);
  }
  root.adoptedStyleSheets = adopted;
}

// Shows the element's own light-DOM content (for example a link to the
// national portal) when the widget cannot be mounted.
function showFallback(root) {
  root.replaceChildren(document.createElement("slot"));
}

/**
 * Defines the custom element `tag` unless a class is already registered
 * under that name (for example by a second copy of the script), in which
 * case it returns false and changes nothing.
 */
export function defineWidgetElement(tag, observedAttributes, stylesheets, mount) {
  if (customElements.get(tag) !== undefined) {
    return false;
  }

  class WidgetElement extends HTMLElement {
    static get observedAttributes() {
      return observedAttributes;
    }

    connectedCallback() {
      if (this.dvcWidget !== undefined) {
        return;
      }

      // attachShadow may be called once per element: a re-connected
      // element reuses its root.
      const root = this.shadowRoot ?? this.attachShadow({ mode: "open" });
      const container = document.createElement("div");
      container.className = "dvc-container";
      try {
        adoptStylesheets(root, stylesheets);
        root.replaceChildren(container);
        this.dvcWidget = mount(this, container);
      } catch (error) {
        this.dvcWidget = undefined;
        showFallback(root);
        console.error(`<${tag}>: the widget failed to start, showing the fallback content.`, error);
      }
    }

    disconnectedCallback() {
      const widget = this.dvcWidget;
      this.dvcWidget = undefined;
      if (widget !== undefined) {
        widget.free();
      }
    }

    attributeChangedCallback(name, oldValue, newValue) {
      if (this.dvcWidget !== undefined && oldValue !== newValue) {
        this.dvcWidget.attributeChanged(name, newValue);
      }
    }
  }

  customElements.define(tag, WidgetElement);
  return true;
}

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
