//! Demo dossiers: generated status records that the lookup endpoint serves.

use std::collections::HashMap;

use dvc_core::date::Date;
use dvc_core::model::{DossierStatus, StatusCode};
use serde::Serialize;

pub mod generator;
mod people;
mod random;
mod units;
pub mod working_days;

pub use generator::{generate, GeneratorSettings, DEFAULT_DOSSIER_COUNT, DEFAULT_SEED};

/// Maximum verifier length, in bytes. The demo issues 4 digits, but a host may
/// use a longer second factor.
pub const MAX_VERIFIER_BYTES: usize = 32;

/// One generated dossier and the verifier that unlocks it.
#[derive(Clone, Debug, PartialEq)]
pub struct DemoDossier {
    pub status: DossierStatus,
    /// Second factor the citizen types: 4 digits, like the last digits of a CCCD.
    pub verifier: String,
}

/// The demo dossiers by normalised code.
#[derive(Debug, Default)]
pub struct DossierStore {
    dossiers: Vec<DemoDossier>,
    by_code: HashMap<String, usize>,
}

/// Verifier compared when the code is unknown, so both failures cost the same work.
const DECOY_VERIFIER: &str = "0000";

impl DossierStore {
    pub fn new(dossiers: Vec<DemoDossier>) -> DossierStore {
        let by_code = dossiers
            .iter()
            .enumerate()
            .map(|(position, dossier)| (dossier.status.code.clone(), position))
            .collect();
        DossierStore { dossiers, by_code }
    }

    pub fn dossiers(&self) -> &[DemoDossier] {
        &self.dossiers
    }

    pub fn len(&self) -> usize {
        self.dossiers.len()
    }

    pub fn is_empty(&self) -> bool {
        self.dossiers.is_empty()
    }

    /// Returns the status of the dossier `code` when `verifier` matches it.
    /// An unknown code and a wrong verifier both return `None` after the same
    /// comparison work, so timing does not tell them apart.
    pub fn find(&self, code: &str, verifier: &str) -> Option<&DossierStatus> {
        let dossier = self
            .by_code
            .get(code)
            .and_then(|&position| self.dossiers.get(position));
        let expected = dossier.map_or(DECOY_VERIFIER, |dossier| dossier.verifier.as_str());
        let matches = verifiers_match(expected, verifier);
        match dossier {
            Some(dossier) if matches => Some(&dossier.status),
            _ => None,
        }
    }
}

/// Compares two verifiers in time that depends only on [`MAX_VERIFIER_BYTES`],
/// not on where they first differ.
pub fn verifiers_match(expected: &str, given: &str) -> bool {
    let expected = expected.as_bytes();
    let given = given.as_bytes();
    let mut difference = u32::from(expected.len() != given.len());
    for position in 0..MAX_VERIFIER_BYTES {
        let a = expected.get(position).copied().unwrap_or(0);
        let b = given.get(position).copied().unwrap_or(0);
        difference |= u32::from(a ^ b);
    }
    std::hint::black_box(difference) == 0
}

/// Summary of one dossier, as `--print-demo-dossiers` prints it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DossierSummary {
    pub code: String,
    pub verifier: String,
    /// National status number, 1 to 10.
    pub status: u8,
    pub status_label: &'static str,
    pub procedure_code: String,
    pub procedure_name: String,
    pub received_date: Date,
    pub due_date: Option<Date>,
    /// Working days from `today` to the due date: negative once overdue.
    /// `None` for dossiers without a due date, already finished, or waiting
    /// for the citizen (statuses 5 and 6).
    pub working_days_left: Option<i64>,
    /// Cases the dossier shows, for tests that need one of each: `overdue`,
    /// `on_time`, `finished_late`, `finished_on_time`, `supplement_open`,
    /// `supplement_fulfilled`, `fee_due`, `fee_paid`.
    pub cases: Vec<&'static str>,
}

impl DemoDossier {
    /// Summarises the dossier as seen on `today`.
    pub fn summary(&self, today: Date) -> DossierSummary {
        let status = &self.status;
        let finished = status.finished_at.map(|time| time.date());
        let mut cases: Vec<&'static str> = Vec::new();

        // While the dossier waits for the citizen the due-date clock stops, so
        // days left would mislead.
        let counting = !status.status.is_final() && !status.status.is_waiting_for_citizen();
        let working_days_left = match (status.due_date, finished) {
            (Some(due), None) if counting => {
                let left = working_days::working_days_left(today, due);
                cases.push(if left < 0 { "overdue" } else { "on_time" });
                Some(left)
            }
            _ => None,
        };
        if let (Some(due), Some(end)) = (status.due_date, finished) {
            if matches!(status.status, StatusCode::Completed | StatusCode::Returned) {
                cases.push(if end > due {
                    "finished_late"
                } else {
                    "finished_on_time"
                });
            }
        }
        if status
            .supplement_requests
            .iter()
            .any(|r| r.fulfilled_at.is_none())
        {
            cases.push("supplement_open");
        }
        if status
            .supplement_requests
            .iter()
            .any(|r| r.fulfilled_at.is_some())
        {
            cases.push("supplement_fulfilled");
        }
        if status.fees_due.iter().any(|fee| !fee.paid) {
            cases.push("fee_due");
        }
        if status.fees_due.iter().any(|fee| fee.paid) {
            cases.push("fee_paid");
        }

        DossierSummary {
            code: status.code.clone(),
            verifier: self.verifier.clone(),
            status: status.status.number(),
            status_label: status.status.label_vi(),
            procedure_code: status.procedure.code.clone(),
            procedure_name: status.procedure.name.clone(),
            received_date: status.received_at.date(),
            due_date: status.due_date,
            working_days_left,
            cases,
        }
    }
}

#[cfg(test)]
mod tests;
