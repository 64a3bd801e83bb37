//! The loaded procedure catalogue with the indexes the API reads.

use std::collections::{BTreeMap, HashMap};

use dvc_core::api::{NameCount, NameCountList};
use dvc_core::model::Procedure;
use dvc_core::search::SearchIndex;

/// Procedures, their search index and precomputed filter menus. Built once at
/// start-up and shared read-only by every request.
pub struct Catalogue {
    procedures: Vec<Procedure>,
    index: SearchIndex,
    by_code: HashMap<String, usize>,
    fields: NameCountList,
    agencies: NameCountList,
}

impl Catalogue {
    /// Builds the catalogue. When two procedures share a code, `/procedures/{code}`
    /// returns the first one; both stay searchable.
    pub fn new(procedures: Vec<Procedure>) -> Catalogue {
        let index = SearchIndex::new(&procedures);

        let mut by_code = HashMap::with_capacity(procedures.len());
        for (position, procedure) in procedures.iter().enumerate() {
            by_code.entry(procedure.code.clone()).or_insert(position);
        }

        let fields = count_names(
            procedures
                .iter()
                .map(|p| p.fields.iter().map(String::as_str)),
        );
        let agencies = count_names(procedures.iter().map(|p| p.agencies.all()));

        Catalogue {
            procedures,
            index,
            by_code,
            fields,
            agencies,
        }
    }

    pub fn procedures(&self) -> &[Procedure] {
        &self.procedures
    }

    pub fn index(&self) -> &SearchIndex {
        &self.index
    }

    pub fn len(&self) -> usize {
        self.procedures.len()
    }

    pub fn is_empty(&self) -> bool {
        self.procedures.is_empty()
    }

    /// Returns the procedure with exactly this code.
    pub fn get(&self, code: &str) -> Option<&Procedure> {
        self.by_code
            .get(code)
            .and_then(|&position| self.procedures.get(position))
    }

    /// Fields (lĩnh vực) with the number of procedures in each, most first.
    pub fn fields(&self) -> &NameCountList {
        &self.fields
    }

    /// Agencies with the number of procedures naming each, most first.
    pub fn agencies(&self) -> &NameCountList {
        &self.agencies
    }
}

/// Counts each name once per procedure, then sorts by count (descending) and name.
fn count_names<'a, P, N>(per_procedure: P) -> NameCountList
where
    P: Iterator<Item = N>,
    N: Iterator<Item = &'a str>,
{
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for names in per_procedure {
        let mut seen: Vec<&str> = Vec::new();
        for name in names {
            let name = name.trim();
            if name.is_empty() || seen.contains(&name) {
                continue;
            }
            seen.push(name);
            *counts.entry(name).or_default() += 1;
        }
    }

    let mut items: Vec<NameCount> = counts
        .into_iter()
        .map(|(name, count)| NameCount {
            name: name.to_owned(),
            count,
        })
        .collect();
    items.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    NameCountList { items }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dvc_core::model::Agencies;

    fn procedure(code: &str, fields: &[&str], agencies: &[&str]) -> Procedure {
        Procedure {
            code: code.into(),
            name: format!("Thủ tục {code}"),
            fields: fields.iter().map(|f| f.to_string()).collect(),
            agencies: Agencies {
                competent: agencies.iter().map(|a| a.to_string()).collect(),
                ..Agencies::default()
            },
            ..Procedure::default()
        }
    }

    #[test]
    fn fields_counted_once_per_procedure() {
        let catalogue = Catalogue::new(vec![
            procedure("1.000001", &["Hộ tịch", "Hộ tịch"], &["UBND cấp xã"]),
            procedure("1.000002", &["Hộ tịch"], &["UBND cấp xã"]),
            procedure("1.000003", &["Cư trú"], &["Công an cấp xã"]),
        ]);
        let fields = &catalogue.fields().items;
        assert_eq!(fields[0].name, "Hộ tịch");
        assert_eq!(fields[0].count, 2);
        assert_eq!(fields[1].name, "Cư trú");
        assert_eq!(catalogue.agencies().items[0].count, 2);
    }

    #[test]
    fn duplicate_code_returns_first() {
        let mut second = procedure("1.000001", &[], &[]);
        second.name = "Bản thứ hai".into();
        let catalogue = Catalogue::new(vec![procedure("1.000001", &[], &[]), second]);
        assert_eq!(
            catalogue.get("1.000001").map(|p| p.name.as_str()),
            Some("Thủ tục 1.000001")
        );
        assert!(catalogue.get("1.000002").is_none());
    }
}
