//! The part of dvc-widgets that runs the same in the browser and on the server.
//!
//! - [`model`]: procedures and dossier status records as the portal API carries them.
//! - [`api`]: request and response bodies of portal API v1.
//! - [`calendar`]: Vietnamese working days, public holidays and the lunar calendar.
//! - [`date`]: calendar dates and Vietnam local times, without a time-zone database.
//! - [`text`]: Vietnamese text folding for search.
//! - [`search`]: the procedure search index behind `GET /api/v1/procedures`.
//!
//! Nothing here touches the DOM or the network, so every rule is unit tested natively.

pub mod api;
pub mod calendar;
pub mod date;
pub mod dossier_code;
pub mod model;
pub mod search;
pub mod text;
