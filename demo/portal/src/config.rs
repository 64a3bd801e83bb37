//! Command-line options of `dvc-demo-portal` and the server settings built from them.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;

use axum::http::{HeaderValue, Uri};
use clap::Parser;
use dvc_core::date::Date;

use crate::rate_limit::LookupLimits;

/// Address the server binds when `--addr` is not given.
pub const DEFAULT_ADDR: SocketAddr =
    SocketAddr::new(std::net::IpAddr::V4(Ipv4Addr::LOCALHOST), 8080);

/// Demo portal: serves portal API v1 over a procedure catalogue, generated demo
/// dossiers and the developer demo page.
#[derive(Debug, Parser)]
#[command(name = "dvc-demo-portal", version, about, long_about = None)]
pub struct Cli {
    /// Address to listen on, as IP:PORT (port 0 picks a free port).
    #[arg(long, value_name = "HOST:PORT", default_value_t = DEFAULT_ADDR, value_parser = parse_addr)]
    pub addr: SocketAddr,

    /// Procedure catalogue to load instead of the built-in sample: JSON Lines
    /// (gzip-compressed or not) or the 2021 legacy JSON array.
    #[arg(long, value_name = "PATH")]
    pub data: Option<PathBuf>,

    /// Directory of the demo page built by trunk, served at `/`. Without it `/`
    /// shows a short placeholder page that links to the API.
    #[arg(long, value_name = "DIR")]
    pub site: Option<PathBuf>,

    /// Origin allowed to call the API from a browser (CORS), such as
    /// `http://127.0.0.1:8081`, or `*` for any origin. Repeatable. Default: none,
    /// because the demo page is served from this server's own origin and needs no
    /// CORS; add the origins of other pages that embed the widgets.
    #[arg(long = "cors-origin", value_name = "ORIGIN", value_parser = parse_cors_origin)]
    pub cors_origins: Vec<CorsOrigin>,

    /// Print demo dossier codes with their verifiers, status and due date, then exit.
    #[arg(long)]
    pub print_demo_dossiers: bool,

    /// With --print-demo-dossiers: print every demo dossier as one JSON object a line.
    #[arg(long, requires = "print_demo_dossiers")]
    pub json: bool,

    /// Day the demo dossiers are generated around, as YYYY-MM-DD. Default: today in
    /// Vietnam (UTC+7). Fix it to get the same dossiers on every run.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub today: Option<Date>,

    /// Serve a short list of demo dossier codes with their verifiers at
    /// `/demo/dossiers.json`, so the demo page can offer codes to try. The
    /// dossiers are generated and fake; `cargo xtask demo` turns this on.
    #[arg(long)]
    pub list_demo_dossiers: bool,

    /// Dossier lookups allowed per client IP address per minute; every attempt
    /// counts, whatever the dossier code. 0 turns the limit off.
    #[arg(long, value_name = "N", default_value_t = LookupLimits::default().per_client_per_minute)]
    pub lookup_rate_limit: u32,

    /// Failed lookups allowed per dossier code in 15 minutes before that code is
    /// locked for the rest of the window. 0 turns the lock off.
    #[arg(long, value_name = "N", default_value_t = LookupLimits::default().failures_per_code)]
    pub lookup_failure_limit: u32,
}

/// An origin allowed by CORS.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CorsOrigin {
    /// `*`: any origin.
    Any,
    /// One origin, `scheme://host[:port]`.
    Exact(HeaderValue),
}

/// Settings of a running server that do not come from the catalogue.
#[derive(Clone, Debug, Default)]
pub struct ServerConfig {
    /// Origins allowed by CORS; empty allows none.
    pub cors_origins: Vec<CorsOrigin>,
    /// Directory of the built demo page, if any.
    pub site_dir: Option<PathBuf>,
    pub lookup_limits: LookupLimits,
    /// Day the demo dossiers are generated around; today in Vietnam when unset.
    pub today: Option<Date>,
    /// Serve `/demo/dossiers.json` (generated demo dossiers only).
    pub list_demo_dossiers: bool,
}

impl Cli {
    /// Returns the server settings these options ask for.
    pub fn server_config(&self) -> ServerConfig {
        ServerConfig {
            cors_origins: self.cors_origins.clone(),
            site_dir: self.site.clone(),
            lookup_limits: LookupLimits {
                per_client_per_minute: self.lookup_rate_limit,
                failures_per_code: self.lookup_failure_limit,
                ..LookupLimits::default()
            },
            today: self.today,
            list_demo_dossiers: self.list_demo_dossiers,
        }
    }
}

/// Parses `IP:PORT`; `localhost:PORT` means 127.0.0.1 so the default never
/// depends on name resolution.
fn parse_addr(text: &str) -> Result<SocketAddr, String> {
    if let Ok(addr) = text.parse::<SocketAddr>() {
        return Ok(addr);
    }
    if let Some(port) = text.strip_prefix("localhost:") {
        if let Ok(port) = port.parse::<u16>() {
            return Ok(SocketAddr::new(Ipv4Addr::LOCALHOST.into(), port));
        }
    }
    Err(format!(
        "invalid address {text:?}: expected IP:PORT such as 127.0.0.1:8080 or [::1]:8080"
    ))
}

fn parse_cors_origin(text: &str) -> Result<CorsOrigin, String> {
    if text == "*" {
        return Ok(CorsOrigin::Any);
    }

    let invalid = || {
        format!(
            "invalid origin {text:?}: expected scheme://host[:port] such as http://127.0.0.1:8081, or *"
        )
    };
    let uri: Uri = text.parse().map_err(|_| invalid())?;
    let scheme_ok = matches!(uri.scheme_str(), Some("http" | "https"));
    let path_ok = matches!(uri.path(), "" | "/") && uri.query().is_none();
    let authority = match uri.authority() {
        Some(authority) if scheme_ok && path_ok && !authority.as_str().contains('@') => authority,
        _ => return Err(invalid()),
    };

    // Browsers send the origin in lower case without a trailing slash.
    let origin = format!(
        "{}://{}",
        uri.scheme_str().unwrap_or("http"),
        authority.as_str().to_ascii_lowercase()
    );
    HeaderValue::from_str(&origin)
        .map(CorsOrigin::Exact)
        .map_err(|_| invalid())
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse_iso(text)
        .ok_or_else(|| format!("invalid date {text:?}: expected YYYY-MM-DD, such as 2026-12-04"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults() {
        let cli = Cli::try_parse_from(["dvc-demo-portal"]).unwrap();
        assert_eq!(cli.addr, DEFAULT_ADDR);
        assert!(cli.cors_origins.is_empty());
        assert!(cli.today.is_none());
        assert!(!cli.print_demo_dossiers);
    }

    #[test]
    fn addr_forms() {
        assert_eq!(parse_addr("127.0.0.1:0").unwrap().port(), 0);
        assert!(parse_addr("[::1]:8080").unwrap().is_ipv6());
        assert_eq!(
            parse_addr("localhost:9000").unwrap(),
            "127.0.0.1:9000".parse().unwrap()
        );
        assert!(parse_addr("8080").is_err());
        assert!(parse_addr("example.invalid:80").is_err());
        assert!(parse_addr("127.0.0.1:70000").is_err());
    }

    #[test]
    fn cors_origin_forms() {
        assert_eq!(parse_cors_origin("*").unwrap(), CorsOrigin::Any);
        assert_eq!(
            parse_cors_origin("http://127.0.0.1:8081/").unwrap(),
            CorsOrigin::Exact(HeaderValue::from_static("http://127.0.0.1:8081"))
        );
        assert_eq!(
            parse_cors_origin("https://Tinh.Example.VN").unwrap(),
            CorsOrigin::Exact(HeaderValue::from_static("https://tinh.example.vn"))
        );
        for bad in [
            "127.0.0.1:8081",
            "ftp://example.vn",
            "https://example.vn/path",
            "https://example.vn?x=1",
            "https://user@example.vn",
            "",
        ] {
            assert!(parse_cors_origin(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn json_requires_print() {
        assert!(Cli::try_parse_from(["dvc-demo-portal", "--json"]).is_err());
        let cli =
            Cli::try_parse_from(["dvc-demo-portal", "--print-demo-dossiers", "--json"]).unwrap();
        assert!(cli.json);
    }

    #[test]
    fn today_must_be_iso() {
        let cli = Cli::try_parse_from(["dvc-demo-portal", "--today", "2026-11-20"]).unwrap();
        assert_eq!(cli.today, Date::from_ymd(2026, 11, 20));
        assert!(Cli::try_parse_from(["dvc-demo-portal", "--today", "20/11/2026"]).is_err());
    }
}
