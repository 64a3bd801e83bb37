//! The demo portal: portal API v1 over an imported procedure catalogue.

pub mod import;
