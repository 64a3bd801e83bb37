//! Filters by level, field and agency, and the facet counts over matches.

use crate::api::{FacetCount, Facets};
use crate::model::Level;
use crate::text::fold;

use super::index::{level_bit, Index};
use super::Filters;

/// Filters prepared against one index.
pub(crate) struct FilterSet {
    level: Option<u8>,
    /// Per field label, true when the filter admits it.
    fields: Option<Vec<bool>>,
    agencies: Option<Vec<bool>>,
}

impl FilterSet {
    /// Prepares `filters`: a field matches when its folded name equals the
    /// folded filter, an agency when its folded name contains it.
    pub(crate) fn new(filters: &Filters, index: &Index) -> FilterSet {
        let field = filters.field.as_deref().map(fold);
        let agency = filters.agency.as_deref().map(fold);
        FilterSet {
            level: filters.level.map(level_bit),
            fields: field.map(|field| {
                index
                    .field_labels
                    .folded
                    .iter()
                    .map(|name| *name == field)
                    .collect()
            }),
            agencies: agency.map(|agency| {
                index
                    .agency_labels
                    .folded
                    .iter()
                    .map(|name| name.contains(agency.as_str()))
                    .collect()
            }),
        }
    }

    pub(crate) fn admits(&self, index: &Index, doc: usize) -> bool {
        if let Some(bit) = self.level {
            if index.levels.get(doc).copied().unwrap_or(0) & bit == 0 {
                return false;
            }
        }
        if let Some(allowed) = &self.fields {
            if !any_allowed(allowed, index.fields.get(doc)) {
                return false;
            }
        }
        if let Some(allowed) = &self.agencies {
            if !any_allowed(allowed, index.agencies.get(doc)) {
                return false;
            }
        }
        true
    }
}

fn any_allowed(allowed: &[bool], ids: &[u32]) -> bool {
    ids.iter()
        .any(|id| allowed.get(*id as usize).copied().unwrap_or(false))
}

/// Counts levels, fields and agencies over `docs`. Fields and agencies are
/// listed most frequent first, then by name; levels in their fixed order.
pub(crate) fn count(index: &Index, docs: impl Iterator<Item = usize>) -> Facets {
    let mut levels = [0usize; Level::ALL.len()];
    let mut fields = vec![0usize; index.field_labels.names.len()];
    let mut agencies = vec![0usize; index.agency_labels.names.len()];

    for doc in docs {
        let mask = index.levels.get(doc).copied().unwrap_or(0);
        for (position, count) in levels.iter_mut().enumerate() {
            if mask & (1 << position) != 0 {
                *count += 1;
            }
        }
        for id in index.fields.get(doc) {
            if let Some(count) = fields.get_mut(*id as usize) {
                *count += 1;
            }
        }
        for id in index.agencies.get(doc) {
            if let Some(count) = agencies.get_mut(*id as usize) {
                *count += 1;
            }
        }
    }

    Facets {
        levels: Level::ALL
            .iter()
            .zip(levels)
            .filter(|(_, count)| *count > 0)
            .map(|(level, count)| FacetCount {
                value: level.as_str().to_owned(),
                count,
            })
            .collect(),
        fields: sorted_counts(&index.field_labels.names, &fields),
        agencies: sorted_counts(&index.agency_labels.names, &agencies),
    }
}

fn sorted_counts(names: &[String], counts: &[usize]) -> Vec<FacetCount> {
    let mut list: Vec<FacetCount> = names
        .iter()
        .zip(counts)
        .filter(|(_, count)| **count > 0)
        .map(|(name, count)| FacetCount {
            value: name.clone(),
            count: *count,
        })
        .collect();
    list.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    list
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Agencies, Procedure};

    fn procedure(field: &str, agency: &str, levels: Vec<Level>) -> Procedure {
        Procedure {
            name: "Thủ tục".into(),
            levels,
            fields: vec![field.into()],
            agencies: Agencies {
                competent: vec![agency.into()],
                ..Agencies::default()
            },
            ..Procedure::default()
        }
    }

    fn index() -> Index {
        Index::build(&[
            procedure("Hộ tịch", "Ủy ban nhân dân cấp xã", vec![Level::Commune]),
            procedure("Hộ tịch", "Sở Tư pháp", vec![Level::Province]),
            procedure(
                "Cư trú",
                "Công an cấp xã",
                vec![Level::Province, Level::Commune],
            ),
        ])
    }

    fn admitted(index: &Index, filters: Filters) -> Vec<usize> {
        let set = FilterSet::new(&filters, index);
        (0..index.len())
            .filter(|doc| set.admits(index, *doc))
            .collect()
    }

    #[test]
    fn level_filter() {
        let index = index();
        let filters = Filters {
            level: Some(Level::Commune),
            ..Filters::default()
        };
        assert_eq!(admitted(&index, filters), vec![0, 2]);
    }

    #[test]
    fn field_filter_folds_and_matches_whole_name() {
        let index = index();
        let filters = Filters {
            field: Some("ho tich".into()),
            ..Filters::default()
        };
        assert_eq!(admitted(&index, filters), vec![0, 1]);
        let filters = Filters {
            field: Some("ho".into()),
            ..Filters::default()
        };
        assert!(admitted(&index, filters).is_empty());
    }

    #[test]
    fn agency_filter_matches_part_of_name() {
        let index = index();
        let filters = Filters {
            agency: Some("CẤP XÃ".into()),
            ..Filters::default()
        };
        assert_eq!(admitted(&index, filters), vec![0, 2]);
    }

    #[test]
    fn facets_count_matches() {
        let index = index();
        let facets = count(&index, 0..3);
        let levels: Vec<(&str, usize)> = facets
            .levels
            .iter()
            .map(|facet| (facet.value.as_str(), facet.count))
            .collect();
        assert_eq!(levels, vec![("province", 2), ("commune", 2)]);
        assert_eq!(facets.fields[0].value, "Hộ tịch");
        assert_eq!(facets.fields[0].count, 2);
        assert_eq!(facets.fields[1].count, 1);
        assert_eq!(facets.agencies.len(), 3);
    }
}
