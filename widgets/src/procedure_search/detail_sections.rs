//! The sections of a procedure's detail, one function per section of the model.
//!
//! Every section of the national procedure page is shown, with "not
//! published" where the catalogue has nothing, so a citizen can tell a
//! missing section from a section the widget skipped. Optional facts
//! (receiving address, related procedures) appear only when present.

use dvc_core::model::{Agencies, Channel, DossierCase, DossierComponent, Procedure, Step};
use leptos::prelude::*;

use super::format::{fee, processing_time};
use super::Ui;
use crate::i18n::procedure_search::Strings;
use crate::i18n::Locale;
use crate::links::safe_http_url;

/// Renders every section of `procedure`, in the order of the national portal's page.
pub(crate) fn sections(ui: Ui, procedure: &Procedure) -> impl IntoView {
    let text = ui.text.get_untracked();
    let locale = ui.locale.get_untracked();

    view! {
        {facts(text, locale, procedure)}
        {list_section(text, text.applicant_types_heading, &procedure.applicant_types, true)}
        {channels(text, locale, &procedure.channels)}
        {documents(text, &procedure.dossier_cases)}
        {steps(text, &procedure.steps)}
        {paragraph_section(text, text.conditions_heading, &procedure.conditions)}
        {legal_basis(text, procedure)}
        {results(text, procedure)}
        {agencies(text, &procedure.agencies)}
        {procedure.receiving_address.clone().filter(|address| !address.trim().is_empty()).map(|address| {
            section(text.receiving_address_heading, view! { <p class="dvc-prose">{address}</p> })
        })}
        {list_section(text, text.related_procedures_heading, &procedure.related_procedures, true)}
    }
}

/// Wraps `body` in a titled section of the detail.
fn section(heading: &'static str, body: impl IntoView) -> impl IntoView {
    view! {
        <section class="dvc-detail-section">
            <h3 class="dvc-section-title">{heading}</h3>
            {body}
        </section>
    }
}

fn not_published(text: &'static Strings) -> AnyView {
    view! { <p class="dvc-not-published">{text.not_published}</p> }.into_any()
}

/// Lists code, levels, fields, type and publishing decision as a description list.
fn facts(text: &'static Strings, locale: Locale, procedure: &Procedure) -> impl IntoView {
    let levels = procedure
        .levels
        .iter()
        .map(|level| locale.level_label(*level))
        .collect::<Vec<_>>()
        .join(", ");
    let mut rows: Vec<(&'static str, String)> = vec![(text.code_label, procedure.code.clone())];
    if !levels.is_empty() {
        rows.push((text.level_label, levels));
    }
    if !procedure.fields.is_empty() {
        rows.push((text.field_label, procedure.fields.join(", ")));
    }
    if let Some(kind) = procedure
        .procedure_type
        .clone()
        .filter(|kind| !kind.trim().is_empty())
    {
        rows.push((text.procedure_type_label, kind));
    }
    if let Some(number) = procedure
        .decision_number
        .clone()
        .filter(|number| !number.trim().is_empty())
    {
        rows.push((text.decision_number_label, number));
    }

    view! {
        <dl class="dvc-facts">
            {rows
                .into_iter()
                .map(|(term, value)| view! {
                    <div class="dvc-fact">
                        <dt>{term}</dt>
                        <dd>{value}</dd>
                    </div>
                })
                .collect_view()}
        </dl>
    }
}

/// Renders a section listing `items`. An empty `optional` section is left out.
fn list_section(
    text: &'static Strings,
    heading: &'static str,
    items: &[String],
    optional: bool,
) -> Option<AnyView> {
    let items: Vec<String> = items
        .iter()
        .filter(|item| !item.trim().is_empty())
        .cloned()
        .collect();
    if items.is_empty() && optional {
        return None;
    }
    let body = if items.is_empty() {
        not_published(text)
    } else {
        view! {
            <ul class="dvc-list">
                {items.into_iter().map(|item| view! { <li>{item}</li> }).collect_view()}
            </ul>
        }
        .into_any()
    };
    Some(section(heading, body).into_any())
}

/// Renders paragraphs of free text; the stylesheet keeps their line breaks.
fn paragraph_section(
    text: &'static Strings,
    heading: &'static str,
    paragraphs: &[String],
) -> impl IntoView {
    let paragraphs: Vec<String> = paragraphs
        .iter()
        .filter(|paragraph| !paragraph.trim().is_empty())
        .cloned()
        .collect();
    let body = if paragraphs.is_empty() {
        not_published(text)
    } else {
        paragraphs
            .into_iter()
            .map(|paragraph| view! { <p class="dvc-prose">{paragraph}</p> })
            .collect_view()
            .into_any()
    };
    section(heading, body)
}

/// Renders the channels table, one row per channel with its time, fees and
/// notes. On narrow widgets the stylesheet stacks each row and labels each
/// cell from its `data-label`.
fn channels(text: &'static Strings, locale: Locale, channels: &[Channel]) -> impl IntoView {
    let body = if channels.is_empty() {
        not_published(text)
    } else {
        let rows = channels
            .iter()
            .map(|channel| {
                let time = channel
                    .processing_time
                    .as_ref()
                    .map(|time| processing_time(locale, time))
                    .filter(|time| !time.is_empty())
                    .unwrap_or_else(|| text.not_published.to_string());
                let fees: Vec<String> = channel
                    .fees
                    .iter()
                    .map(|item| fee(locale, text, item))
                    .filter(|item| !item.is_empty())
                    .collect();
                let fees = if fees.is_empty() {
                    view! { {text.not_published} }.into_any()
                } else {
                    view! {
                        <ul class="dvc-plain-list">
                            {fees.into_iter().map(|item| view! { <li>{item}</li> }).collect_view()}
                        </ul>
                    }
                    .into_any()
                };
                // No text node at all when empty, so the stacked layout can hide the cell.
                let description = channel
                    .description
                    .clone()
                    .filter(|description| !description.trim().is_empty());

                view! {
                    <tr>
                        <th scope="row" data-label=text.channel_column>{locale.channel_label(channel.kind)}</th>
                        <td data-label=text.processing_time_column>{time}</td>
                        <td data-label=text.fees_column>{fees}</td>
                        <td class="dvc-prose" data-label=text.description_column>{description}</td>
                    </tr>
                }
            })
            .collect_view();

        view! {
            <div class="dvc-table-wrap">
                <table class="dvc-channels">
                    <thead>
                        <tr>
                            <th scope="col">{text.channel_column}</th>
                            <th scope="col">{text.processing_time_column}</th>
                            <th scope="col">{text.fees_column}</th>
                            <th scope="col">{text.description_column}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    section(text.channels_heading, body)
}

/// Lists the documents to submit, grouped by case, with counts and form links.
fn documents(text: &'static Strings, cases: &[DossierCase]) -> impl IntoView {
    let cases: Vec<&DossierCase> = cases
        .iter()
        .filter(|case| !case.components.is_empty())
        .collect();
    let body = if cases.is_empty() {
        not_published(text)
    } else {
        let single = cases.len() == 1;
        cases
            .into_iter()
            .map(|case| {
                let name = case
                    .name
                    .clone()
                    .filter(|name| !name.trim().is_empty())
                    .or_else(|| (!single).then(|| text.single_case_name.to_string()));
                view! {
                    <div class="dvc-case">
                        {name.map(|name| view! { <h4 class="dvc-case-title">{name}</h4> })}
                        <ul class="dvc-documents">
                            {case.components.iter().map(|component| document(text, component)).collect_view()}
                        </ul>
                    </div>
                }
            })
            .collect_view()
            .into_any()
    };
    section(text.documents_heading, body)
}

fn document(text: &'static Strings, component: &DossierComponent) -> impl IntoView {
    let forms = (!component.forms.is_empty()).then(|| {
        view! {
            <div class="dvc-forms">
                <p class="dvc-meta-label">{text.forms_label}</p>
                <ul class="dvc-plain-list">
                    {component
                        .forms
                        .iter()
                        .map(|form| {
                            let name = if form.name.trim().is_empty() {
                                form.url.clone().unwrap_or_default()
                            } else {
                                form.name.clone()
                            };
                            match form.url.as_deref().and_then(safe_http_url) {
                                Some(url) => view! {
                                    <li>
                                        <a href=url.to_string() rel="noopener noreferrer">{name}</a>
                                    </li>
                                }
                                .into_any(),
                                None => view! { <li>{name}</li> }.into_any(),
                            }
                        })
                        .collect_view()}
                </ul>
            </div>
        }
    });

    view! {
        <li class="dvc-document">
            <p class="dvc-prose">{component.name.clone()}</p>
            <p class="dvc-document-counts">
                <span>{(text.originals)(component.originals)}</span>
                <span>{(text.copies)(component.copies)}</span>
            </p>
            {forms}
        </li>
    }
}

/// Lists the ordered steps, each description with its paragraphs.
fn steps(text: &'static Strings, steps: &[Step]) -> impl IntoView {
    let body = if steps.is_empty() {
        not_published(text)
    } else {
        view! {
            <ol class="dvc-steps">
                {steps
                    .iter()
                    .map(|step| {
                        let paragraphs: Vec<String> = step
                            .description
                            .split("\n\n")
                            .map(str::trim)
                            .filter(|paragraph| !paragraph.is_empty())
                            .map(str::to_string)
                            .collect();
                        view! {
                            <li class="dvc-step">
                                <p class="dvc-step-title">
                                    {step.number.map(|number| view! {
                                        <span class="dvc-step-number">{(text.step_number)(number)}": "</span>
                                    })}
                                    {step.title.clone()}
                                </p>
                                {paragraphs
                                    .into_iter()
                                    .map(|paragraph| view! { <p class="dvc-prose">{paragraph}</p> })
                                    .collect_view()}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        }
        .into_any()
    };
    section(text.steps_heading, body)
}

fn legal_basis(text: &'static Strings, procedure: &Procedure) -> impl IntoView {
    let body = if procedure.legal_basis.is_empty() {
        not_published(text)
    } else {
        view! {
            <ul class="dvc-list">
                {procedure
                    .legal_basis
                    .iter()
                    .map(|document| view! {
                        <li>
                            {document.number.clone().map(|number| view! {
                                <span class="dvc-document-number">{number}</span>
                                " "
                            })}
                            {document.title.clone()}
                        </li>
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    section(text.legal_basis_heading, body)
}

fn results(text: &'static Strings, procedure: &Procedure) -> impl IntoView {
    let body = if procedure.results.is_empty() {
        not_published(text)
    } else {
        view! {
            <ul class="dvc-list">
                {procedure
                    .results
                    .iter()
                    .map(|result| view! {
                        <li>
                            {result.name.clone()}
                            {result.code.clone().map(|code| view! {
                                " "
                                <span class="dvc-result-code-inline">"("{code}")"</span>
                            })}
                        </li>
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    section(text.results_of_procedure_heading, body)
}

/// Lists agencies by role, leaving out roles without agencies.
fn agencies(text: &'static Strings, agencies: &Agencies) -> impl IntoView {
    let groups: Vec<(&'static str, String)> = [
        (text.competent_agencies, &agencies.competent),
        (text.executing_agencies, &agencies.executing),
        (text.authorised_agencies, &agencies.authorised),
        (text.coordinating_agencies, &agencies.coordinating),
    ]
    .into_iter()
    .filter(|(_, names)| !names.is_empty())
    .map(|(role, names)| (role, names.join("; ")))
    .collect();

    let body = if groups.is_empty() {
        not_published(text)
    } else {
        view! {
            <dl class="dvc-facts">
                {groups
                    .into_iter()
                    .map(|(role, names)| view! {
                        <div class="dvc-fact">
                            <dt>{role}</dt>
                            <dd>{names}</dd>
                        </div>
                    })
                    .collect_view()}
            </dl>
        }
        .into_any()
    };
    section(text.agencies_heading, body)
}
