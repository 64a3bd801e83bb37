//! Procedure endpoints: search, detail, and the filter menus.

use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::Json;
use dvc_core::api::{
    NameCountList, ProcedureSearchResponse, ProcedureSummary, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE,
    MAX_QUERY_BYTES,
};
use dvc_core::model::{is_valid_procedure_code, ChannelKind, Level, Procedure};
use dvc_core::search::{Filters, SearchRequest};

use super::ApiFailure;
use crate::state::AppState;

/// Query parameters `GET /procedures` reads; other parameters are ignored.
const SEARCH_PARAMETERS: [&str; 6] = ["q", "level", "field", "agency", "page", "limit"];

/// Largest page number accepted, far past any real catalogue, so the offset
/// computation cannot overflow.
const MAX_PAGE: u32 = 1_000_000;

/// A validated `GET /procedures` request.
#[derive(Debug, PartialEq, Eq)]
struct SearchParameters {
    query: String,
    filters: Filters,
    page: u32,
    limit: u32,
}

/// `GET /procedures?q=&level=&field=&agency=&page=&limit=`.
pub async fn search(
    State(state): State<AppState>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Json<ProcedureSearchResponse>, ApiFailure> {
    let Query(pairs) = query
        .map_err(|_| ApiFailure::invalid_parameter("Tham số truy vấn không đúng định dạng URL."))?;
    let parameters = parse_search_parameters(&pairs)?;

    let catalogue = state.catalogue();
    let offset = (parameters.page as usize - 1) * parameters.limit as usize;
    let results = catalogue.index().search(&SearchRequest {
        query: parameters.query,
        filters: parameters.filters,
        offset,
        limit: parameters.limit as usize,
    });

    let items = results
        .hits
        .into_iter()
        .filter_map(|hit| {
            let procedure = catalogue.procedures().get(hit.doc)?;
            Some(ProcedureSummary {
                highlights: hit.name_highlights,
                ..summarise(procedure)
            })
        })
        .collect();

    Ok(Json(ProcedureSearchResponse {
        items,
        total: results.total,
        page: parameters.page,
        limit: parameters.limit,
        facets: results.facets,
    }))
}

/// `GET /procedures/{code}`.
pub async fn detail(
    State(state): State<AppState>,
    code: Result<Path<String>, PathRejection>,
) -> Result<Json<Procedure>, ApiFailure> {
    let Path(code) = code.map_err(|_| invalid_procedure_code())?;
    if !is_valid_procedure_code(&code) {
        return Err(invalid_procedure_code());
    }
    match state.catalogue().get(&code) {
        Some(procedure) => Ok(Json(procedure.clone())),
        None => Err(ApiFailure::new(
            axum::http::StatusCode::NOT_FOUND,
            "procedure_not_found",
            format!("Không tìm thấy thủ tục có mã {code}."),
        )),
    }
}

/// `GET /fields`.
pub async fn fields(State(state): State<AppState>) -> Json<NameCountList> {
    Json(state.catalogue().fields().clone())
}

/// `GET /agencies`.
pub async fn agencies(State(state): State<AppState>) -> Json<NameCountList> {
    Json(state.catalogue().agencies().clone())
}

fn invalid_procedure_code() -> ApiFailure {
    ApiFailure::new(
        axum::http::StatusCode::BAD_REQUEST,
        "invalid_procedure_code",
        "Mã thủ tục không hợp lệ: mã có dạng một chữ số, dấu chấm và sáu chữ số, ví dụ 1.001193.",
    )
}

/// Builds the search-result form of a procedure, without highlights.
pub fn summarise(procedure: &Procedure) -> ProcedureSummary {
    let mut agencies: Vec<String> = Vec::new();
    for name in procedure
        .agencies
        .competent
        .iter()
        .chain(&procedure.agencies.executing)
    {
        if !agencies.contains(name) {
            agencies.push(name.clone());
        }
    }
    ProcedureSummary {
        code: procedure.code.clone(),
        name: procedure.name.clone(),
        levels: procedure.levels.clone(),
        fields: procedure.fields.clone(),
        agencies,
        online: procedure
            .channels
            .iter()
            .any(|channel| channel.kind == ChannelKind::Online),
        highlights: Vec::new(),
    }
}

fn parse_search_parameters(pairs: &[(String, String)]) -> Result<SearchParameters, ApiFailure> {
    for name in SEARCH_PARAMETERS {
        if pairs.iter().filter(|(key, _)| key == name).count() > 1 {
            return Err(ApiFailure::invalid_parameter(format!(
                "Tham số {name} chỉ được truyền một lần."
            )));
        }
    }
    let value = |name: &str| {
        pairs
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.trim())
            .filter(|value| !value.is_empty())
    };

    let query = value("q").unwrap_or_default();
    if query.len() > MAX_QUERY_BYTES {
        return Err(ApiFailure::invalid_parameter(format!(
            "Từ khóa tìm kiếm quá dài (tối đa {MAX_QUERY_BYTES} byte)."
        )));
    }

    let level = match value("level") {
        None => None,
        Some(name) => Some(Level::from_api_name(name).ok_or_else(|| {
            let known: Vec<&str> = Level::ALL.iter().map(|level| level.as_str()).collect();
            ApiFailure::invalid_parameter(format!(
                "Cấp thực hiện không hợp lệ; dùng một trong các giá trị: {}.",
                known.join(", ")
            ))
        })?),
    };

    let filter_text = |name: &str, label: &str| match value(name) {
        Some(text) if text.len() > MAX_QUERY_BYTES => Err(ApiFailure::invalid_parameter(format!(
            "Giá trị lọc {label} quá dài (tối đa {MAX_QUERY_BYTES} byte)."
        ))),
        other => Ok(other.map(str::to_owned)),
    };
    let field = filter_text("field", "lĩnh vực")?;
    let agency = filter_text("agency", "cơ quan")?;

    let page = parse_number(value("page"), "page", 1, MAX_PAGE, 1)?;
    let limit = parse_number(value("limit"), "limit", 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE)?;

    Ok(SearchParameters {
        query: query.to_owned(),
        filters: Filters {
            level,
            field,
            agency,
        },
        page,
        limit,
    })
}

fn parse_number(
    text: Option<&str>,
    name: &str,
    min: u32,
    max: u32,
    default: u32,
) -> Result<u32, ApiFailure> {
    let Some(text) = text else {
        return Ok(default);
    };
    match text.parse::<u32>() {
        Ok(number) if (min..=max).contains(&number) => Ok(number),
        _ => Err(ApiFailure::invalid_parameter(format!(
            "Tham số {name} phải là số nguyên từ {min} đến {max}."
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn defaults_without_parameters() {
        let parsed = parse_search_parameters(&[]).unwrap();
        assert_eq!(parsed.query, "");
        assert_eq!(parsed.page, 1);
        assert_eq!(parsed.limit, DEFAULT_PAGE_SIZE);
        assert_eq!(parsed.filters, Filters::default());
    }

    #[test]
    fn all_parameters_read() {
        let parsed = parse_search_parameters(&pairs(&[
            ("q", " khai sinh "),
            ("level", "Commune"),
            ("field", "Hộ tịch"),
            ("agency", "UBND"),
            ("page", "3"),
            ("limit", "50"),
            ("unknown", "ignored"),
        ]))
        .unwrap();
        assert_eq!(parsed.query, "khai sinh");
        assert_eq!(parsed.filters.level, Some(Level::Commune));
        assert_eq!(parsed.filters.field.as_deref(), Some("Hộ tịch"));
        assert_eq!(parsed.filters.agency.as_deref(), Some("UBND"));
        assert_eq!((parsed.page, parsed.limit), (3, 50));
    }

    #[test]
    fn empty_values_mean_absent() {
        let parsed =
            parse_search_parameters(&pairs(&[("level", ""), ("page", " "), ("q", "")])).unwrap();
        assert_eq!(parsed.filters.level, None);
        assert_eq!(parsed.page, 1);
    }

    #[test]
    fn out_of_range_rejected() {
        for bad in [
            ("limit", "0"),
            ("limit", "51"),
            ("limit", "-1"),
            ("limit", "ten"),
            ("page", "0"),
            ("page", "1.5"),
            ("page", "99999999999"),
            ("level", "tinh"),
        ] {
            let error = parse_search_parameters(&pairs(&[bad])).unwrap_err();
            assert_eq!(error.code, "invalid_parameter", "{bad:?}");
        }
    }

    #[test]
    fn long_query_rejected() {
        let long = "a".repeat(MAX_QUERY_BYTES + 1);
        assert!(parse_search_parameters(&pairs(&[("q", &long)])).is_err());
        let exact = "a".repeat(MAX_QUERY_BYTES);
        assert!(parse_search_parameters(&pairs(&[("q", &exact)])).is_ok());
    }

    #[test]
    fn repeated_parameter_rejected() {
        assert!(parse_search_parameters(&pairs(&[("q", "a"), ("q", "b")])).is_err());
    }
}
