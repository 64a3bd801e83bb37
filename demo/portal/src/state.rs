//! State shared by every request.

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use dvc_core::date::Date;
use dvc_core::model::Procedure;

use crate::catalogue::Catalogue;
use crate::config::ServerConfig;
use crate::dossiers::{self, DossierStore, GeneratorSettings};
use crate::rate_limit::LookupLimiter;

/// Everything a handler reads: the catalogue, the demo dossiers, the lookup
/// limiter and the settings. Cloning is cheap (one reference count).
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Shared>,
}

struct Shared {
    catalogue: Catalogue,
    dossiers: DossierStore,
    limiter: LookupLimiter,
    config: ServerConfig,
}

impl AppState {
    /// Builds the state over `procedures`, with demo dossiers generated around
    /// `config.today` (today in Vietnam when unset).
    pub fn new(procedures: Vec<Procedure>, config: ServerConfig) -> AppState {
        let today = config.today.unwrap_or_else(today_in_vietnam);
        let demo = dossiers::generate(&procedures, &GeneratorSettings::new(today));
        AppState::with_dossiers(procedures, DossierStore::new(demo), config)
    }

    /// Builds the state with the given dossiers instead of generated ones.
    pub fn with_dossiers(
        procedures: Vec<Procedure>,
        dossiers: DossierStore,
        config: ServerConfig,
    ) -> AppState {
        let limiter = LookupLimiter::new(config.lookup_limits.clone());
        AppState {
            inner: Arc::new(Shared {
                catalogue: Catalogue::new(procedures),
                dossiers,
                limiter,
                config,
            }),
        }
    }

    pub fn catalogue(&self) -> &Catalogue {
        &self.inner.catalogue
    }

    pub fn dossiers(&self) -> &DossierStore {
        &self.inner.dossiers
    }

    pub fn limiter(&self) -> &LookupLimiter {
        &self.inner.limiter
    }

    pub fn config(&self) -> &ServerConfig {
        &self.inner.config
    }
}

/// Returns today's date in Vietnam (UTC+7) by the system clock.
pub fn today_in_vietnam() -> Date {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs() as i64);
    Date::in_vietnam_at(seconds)
        .or_else(|| Date::from_ymd(2026, 1, 1))
        .unwrap_or_else(|| unreachable!("2026-01-01 is a valid date"))
}
