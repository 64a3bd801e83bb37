//! Stylesheets shared by every widget; each widget adds its own after these.
//!
//! The CSS files live in `styles/` at the repository root and are compiled
//! into the wasm module, so the widgets need no stylesheet request and work
//! under a `style-src 'self'` policy (see `embed/loader.js`).

use crate::embed::Stylesheet;

/// The `--dvc-*` custom properties hosts set to theme the widgets.
pub const TOKENS: Stylesheet = Stylesheet {
    name: "tokens",
    css: include_str!("../../styles/tokens.css"),
};

/// The `:host` reset against inherited host styles, and shared components
/// (buttons, fields, focus, errors, visually hidden text).
pub const BASE: Stylesheet = Stylesheet {
    name: "base",
    css: include_str!("../../styles/base.css"),
};
