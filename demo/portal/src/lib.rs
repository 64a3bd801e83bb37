//! The demo portal: portal API v1 over an imported procedure catalogue, with
//! generated demo dossiers and the developer demo page.
//!
//! Start it in-process (as the integration tests do) with [`serve`]:
//!
//! ```no_run
//! # async fn run() -> std::io::Result<()> {
//! use dvc_demo_portal::{config::ServerConfig, import, serve, AppState};
//!
//! let catalogue = import::import_builtin_sample();
//! let state = AppState::new(catalogue.procedures, ServerConfig::default());
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
//! serve(listener, state, std::future::pending()).await
//! # }
//! ```

pub mod api;
pub mod app;
pub mod catalogue;
pub mod config;
pub mod demo_list;
pub mod dossiers;
pub mod import;
pub mod rate_limit;
pub mod site;
pub mod state;

pub use app::{router, serve};
pub use state::AppState;
