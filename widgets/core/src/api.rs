//! Request and response bodies of portal API v1 (`/api/v1`).
//!
//! The server serialises these types and the widgets deserialise them, so the
//! two sides cannot drift apart. The OpenAPI document describes the same shapes.

use serde::{Deserialize, Serialize};

use crate::model::Level;

/// Path prefix of every v1 endpoint.
pub const API_PREFIX: &str = "/api/v1";

/// Default and maximum page sizes of `GET /procedures`.
pub const DEFAULT_PAGE_SIZE: u32 = 10;
pub const MAX_PAGE_SIZE: u32 = 50;

/// Maximum length of a search query, in bytes; longer queries are rejected.
pub const MAX_QUERY_BYTES: usize = 256;

/// Body of `GET /procedures`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ProcedureSearchResponse {
    /// Best match first; catalogue order when there is no query.
    pub items: Vec<ProcedureSummary>,
    /// Number of procedures that match the query and filters.
    pub total: usize,
    /// 1-based page number.
    pub page: u32,
    pub limit: u32,
    pub facets: Facets,
}

/// A procedure as a search result.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProcedureSummary {
    pub code: String,
    pub name: String,
    pub levels: Vec<Level>,
    pub fields: Vec<String>,
    /// Competent and executing agencies.
    pub agencies: Vec<String>,
    /// True when one of the channels is online (trực tuyến).
    pub online: bool,
    /// Matched ranges of `name`, for the widget to mark.
    pub highlights: Vec<TextRange>,
}

/// A half-open range of characters (Unicode scalar values, not bytes and not
/// UTF-16 units) in a string.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextRange {
    pub start: u32,
    pub end: u32,
}

/// Counts of the matching procedures per filter value.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Facets {
    /// Values are level API names (`ministry`, `province`, …).
    pub levels: Vec<FacetCount>,
    pub fields: Vec<FacetCount>,
    pub agencies: Vec<FacetCount>,
}

/// One filter value and how many procedures have it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetCount {
    pub value: String,
    pub count: usize,
}

/// Body of `GET /fields` and `GET /agencies`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameCountList {
    /// Most procedures first, then by name.
    pub items: Vec<NameCount>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameCount {
    pub name: String,
    pub count: usize,
}

/// Body of `POST /dossiers/lookup`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DossierLookupRequest {
    /// The dossier code (mã hồ sơ) as typed; the server normalises it.
    pub code: String,
    /// Second factor proving ownership, by default the last 4 digits of the
    /// applicant's personal identification number.
    pub verifier: String,
}

/// Body of `GET /health`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    /// Always `ok` when the server responds.
    pub status: String,
    pub version: String,
    /// Number of procedures in the loaded catalogue.
    pub procedures: usize,
}

/// Body of every error response.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error: ApiError,
}

/// An error: a stable English code for programs and a Vietnamese message for people.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    /// Stable code such as `not_found`, `invalid_parameter` or `rate_limited`.
    pub code: String,
    /// Vietnamese message that can be shown to a citizen.
    pub message: String,
}
