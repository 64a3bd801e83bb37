//! Filter menus with the number of matching procedures per value.
//!
//! Native `<select>` menus: they are keyboard- and screen-reader-operable on
//! every platform, and stay usable on a phone with about 140 fields. A
//! dimension fixed by the host's scope gets no menu.

use dvc_core::api::{FacetCount, Facets};
use dvc_core::model::Level;
use leptos::ev::Event;
use leptos::prelude::*;

use super::state::{Filters, ResultsState};
use super::Ui;

/// One filterable dimension of the catalogue.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Dimension {
    Level,
    Field,
    Agency,
}

impl Dimension {
    fn id(self) -> &'static str {
        match self {
            Dimension::Level => "dvc-filter-level",
            Dimension::Field => "dvc-filter-field",
            Dimension::Agency => "dvc-filter-agency",
        }
    }

    fn selected(self, filters: &Filters) -> Option<String> {
        match self {
            Dimension::Level => filters.level.map(|level| level.as_str().to_string()),
            Dimension::Field => filters.field.clone(),
            Dimension::Agency => filters.agency.clone(),
        }
    }

    /// Returns `filters` with this dimension set to `value` (`None` for all).
    fn with_value(self, filters: &Filters, value: Option<String>) -> Filters {
        let mut filters = filters.clone();
        match self {
            Dimension::Level => filters.level = value.as_deref().and_then(Level::from_api_name),
            Dimension::Field => filters.field = value,
            Dimension::Agency => filters.agency = value,
        }
        filters
    }

    fn counts(self, facets: &Facets) -> &[FacetCount] {
        match self {
            Dimension::Level => &facets.levels,
            Dimension::Field => &facets.fields,
            Dimension::Agency => &facets.agencies,
        }
    }
}

/// Renders the filter menus once a search has results to filter.
pub(crate) fn filters(ui: Ui) -> impl IntoView {
    let facets = Memo::new(move |_| {
        ui.controller.results.with(|results| match results {
            ResultsState::Loaded(list) => Some(list.facets.clone()),
            ResultsState::Loading {
                previous: Some(list),
            } => Some(list.facets.clone()),
            _ => None,
        })
    });
    let has_filters = move || !ui.controller.filters.with(Filters::is_empty);
    let visible = move || facets.with(Option::is_some) || has_filters();
    let scope_fixes = move |dimension: Dimension| {
        ui.config.with(|config| {
            let scope = &config.search.scope;
            match dimension {
                Dimension::Level => scope.level.is_some(),
                Dimension::Field => scope.field.is_some(),
                Dimension::Agency => scope.agency.is_some(),
            }
        })
    };

    let menu = move |dimension: Dimension| {
        move || (!scope_fixes(dimension)).then(|| facet_menu(ui, dimension, facets))
    };

    view! {
        <Show when=visible>
            <fieldset class="dvc-filters" part="filters">
                <legend class="dvc-filters-legend">{move || ui.text.get().filters_legend}</legend>
                <div class="dvc-filter-menus">
                    {menu(Dimension::Level)}
                    {menu(Dimension::Field)}
                    {menu(Dimension::Agency)}
                </div>
                <Show when=has_filters>
                    <button
                        type="button"
                        class="dvc-button dvc-button-secondary"
                        on:click=move |_| ui.controller.set_filters(Filters::default())
                    >
                        {move || ui.text.get().clear_filters}
                    </button>
                </Show>
            </fieldset>
        </Show>
    }
}

/// Renders a labelled menu of "All" and each value with its count. The chosen
/// value stays listed even when the latest counts no longer include it.
fn facet_menu(ui: Ui, dimension: Dimension, facets: Memo<Option<Facets>>) -> impl IntoView {
    let selected = Memo::new(move |_| {
        ui.controller
            .filters
            .with(|filters| dimension.selected(filters))
    });
    let options = move || {
        let text = ui.text.get();
        let locale = ui.locale.get();
        let selected = selected.get();
        let mut counts: Vec<FacetCount> = facets.with(|facets| {
            facets
                .as_ref()
                .map(|facets| dimension.counts(facets).to_vec())
                .unwrap_or_default()
        });
        if let Some(value) = &selected {
            if !counts.iter().any(|count| &count.value == value) {
                counts.insert(
                    0,
                    FacetCount {
                        value: value.clone(),
                        count: 0,
                    },
                );
            }
        }

        counts
            .into_iter()
            .map(|count| {
                let name = match dimension {
                    Dimension::Level => Level::from_api_name(&count.value)
                        .map(|level| locale.level_label(level).to_string())
                        .unwrap_or_else(|| count.value.clone()),
                    Dimension::Field | Dimension::Agency => count.value.clone(),
                };
                let label = (text.facet_option)(&name, &locale.format_integer(count.count as u64));
                let is_selected = selected.as_deref() == Some(count.value.as_str());
                view! { <option value=count.value prop:selected=is_selected>{label}</option> }
            })
            .collect_view()
    };
    let label = move || {
        let text = ui.text.get();
        match dimension {
            Dimension::Level => text.level_label,
            Dimension::Field => text.field_label,
            Dimension::Agency => text.agency_label,
        }
    };
    let on_change = move |event: Event| {
        let value = event_target_value(&event);
        let value = (!value.is_empty()).then_some(value);
        let filters = ui
            .controller
            .filters
            .with_untracked(|filters| dimension.with_value(filters, value));
        ui.controller.set_filters(filters);
    };

    view! {
        <div class="dvc-filter">
            <label class="dvc-label dvc-filter-label" for=dimension.id()>{label}</label>
            <select id=dimension.id() class="dvc-select" part="select" on:change=on_change>
                <option value="" prop:selected=move || selected.with(Option::is_none)>
                    {move || ui.text.get().filter_all}
                </option>
                {options}
            </select>
        </div>
    }
}
