use std::collections::{HashMap, HashSet};

use dvc_core::dossier_code::looks_usual;
use dvc_core::model::{
    Channel, ChannelKind, DossierCase, DossierComponent, Fee, Level, Procedure, ProcessingTime,
    TimeUnit,
};

use super::*;

fn date(y: i32, m: u8, d: u8) -> Date {
    Date::from_ymd(y, m, d).unwrap()
}

fn procedure(code: &str, level: Level, days: f64, unit: TimeUnit, fee: Option<u64>) -> Procedure {
    Procedure {
        code: code.into(),
        name: format!("Thủ tục mẫu {code}"),
        levels: vec![level],
        fields: vec!["Hộ tịch".into()],
        channels: vec![
            Channel {
                kind: ChannelKind::InPerson,
                processing_time: Some(ProcessingTime {
                    value: days,
                    unit,
                    text: String::new(),
                }),
                fees: fee
                    .map(|amount| Fee {
                        name: "Lệ phí".into(),
                        amount_vnd: Some(amount),
                        text: String::new(),
                    })
                    .into_iter()
                    .collect(),
                description: None,
            },
            Channel {
                kind: ChannelKind::Online,
                processing_time: None,
                fees: Vec::new(),
                description: None,
            },
        ],
        dossier_cases: vec![DossierCase {
            name: None,
            components: vec![DossierComponent {
                name: "Tờ khai đăng ký khai sinh".into(),
                originals: 1,
                ..DossierComponent::default()
            }],
        }],
        ..Procedure::default()
    }
}

fn catalogue() -> Vec<Procedure> {
    vec![
        procedure("1.001193", Level::Commune, 3.0, TimeUnit::WorkingDay, None),
        procedure(
            "2.000815",
            Level::Province,
            15.0,
            TimeUnit::WorkingDay,
            Some(100_000),
        ),
        procedure("1.000001", Level::Ministry, 30.0, TimeUnit::Day, Some(0)),
        procedure("3.000346", Level::Commune, 8.0, TimeUnit::Hour, None),
        Procedure {
            code: "1.000002".into(),
            name: "Thủ tục không có kênh".into(),
            ..Procedure::default()
        },
    ]
}

const TODAY: (i32, u8, u8) = (2026, 11, 20);

fn generated() -> Vec<DemoDossier> {
    let today = date(TODAY.0, TODAY.1, TODAY.2);
    generate(&catalogue(), &GeneratorSettings::new(today))
}

#[test]
fn generation_is_deterministic() {
    assert_eq!(generated(), generated());
    let other_day = generate(&catalogue(), &GeneratorSettings::new(date(2026, 11, 23)));
    assert_ne!(generated(), other_day);
}

#[test]
fn empty_catalogue_gives_none() {
    let settings = GeneratorSettings::new(date(2026, 11, 20));
    assert!(generate(&[], &settings).is_empty());
}

#[test]
fn every_status_appears() {
    let dossiers = generated();
    assert_eq!(dossiers.len(), DEFAULT_DOSSIER_COUNT);
    let statuses: HashSet<StatusCode> = dossiers.iter().map(|d| d.status.status).collect();
    assert_eq!(statuses.len(), 10);
}

#[test]
fn codes_unique_and_usual() {
    let dossiers = generated();
    let codes: HashSet<&str> = dossiers.iter().map(|d| d.status.code.as_str()).collect();
    assert_eq!(codes.len(), dossiers.len());
    for dossier in &dossiers {
        let code = &dossier.status.code;
        assert!(looks_usual(code), "{code}");
        let received = dossier.status.received_at.date();
        let yymmdd = format!(
            "-{:02}{:02}{:02}-",
            received.year() % 100,
            received.month(),
            received.day()
        );
        assert!(code.contains(&yymmdd), "{code} received {received}");
    }
}

#[test]
fn daily_counters_start_at_one() {
    let mut counters: HashMap<String, Vec<u32>> = HashMap::new();
    for dossier in generated() {
        let (prefix, counter) = dossier.status.code.rsplit_once('-').unwrap();
        counters
            .entry(prefix.to_owned())
            .or_default()
            .push(counter.parse().unwrap());
    }
    for (prefix, mut numbers) in counters {
        numbers.sort_unstable();
        let expected: Vec<u32> = (1..=numbers.len() as u32).collect();
        assert_eq!(numbers, expected, "{prefix}");
    }
}

#[test]
fn verifiers_are_four_digits() {
    for dossier in generated() {
        assert_eq!(dossier.verifier.len(), 4);
        assert!(dossier.verifier.bytes().all(|b| b.is_ascii_digit()));
    }
}

#[test]
fn nothing_happens_after_today() {
    let today = date(TODAY.0, TODAY.1, TODAY.2);
    for dossier in generated() {
        let status = &dossier.status;
        assert!(status.received_at.date() <= today, "{}", status.code);
        assert!(working_days::is_working_day(status.received_at.date()));
        if let Some(end) = status.finished_at {
            assert!(end.date() <= today, "{}", status.code);
            assert!(end >= status.received_at, "{}", status.code);
        }
        for step in &status.steps {
            assert!(step.started_at.date() <= today, "{}", status.code);
            assert!(step.started_at >= status.received_at, "{}", status.code);
            if let Some(end) = step.finished_at {
                assert!(end.date() <= today, "{} {}", status.code, step.name);
                assert!(end >= step.started_at, "{} {}", status.code, step.name);
            }
        }
        for request in &status.supplement_requests {
            assert!(request.requested_at.date() <= today, "{}", status.code);
        }
    }
}

#[test]
fn due_date_only_after_acceptance() {
    for dossier in generated() {
        let status = &dossier.status;
        let expects_due = !matches!(status.status, StatusCode::Submitted | StatusCode::Rejected);
        assert_eq!(status.due_date.is_some(), expects_due, "{}", status.code);
        if let Some(due) = status.due_date {
            assert!(due >= status.received_at.date(), "{}", status.code);
        }
    }
}

#[test]
fn finished_exactly_when_final() {
    for dossier in generated() {
        let status = &dossier.status;
        assert_eq!(
            status.finished_at.is_some(),
            status.status.is_final(),
            "{} status {}",
            status.code,
            status.status.number()
        );
    }
}

#[test]
fn histories_have_several_steps() {
    for dossier in generated() {
        let status = &dossier.status;
        assert!(!status.steps.is_empty(), "{}", status.code);
        if status.status == StatusCode::Returned {
            assert!(status.steps.len() >= 4, "{}", status.code);
            assert!(status.steps.iter().all(|step| step.finished_at.is_some()));
        }
        if !status.status.is_final() && status.status != StatusCode::Accepted {
            let open = status
                .steps
                .iter()
                .filter(|s| s.finished_at.is_none())
                .count();
            assert_eq!(open, 1, "{} status {}", status.code, status.status.number());
        }
        for step in &status.steps {
            assert!(!step.unit.is_empty());
        }
    }
}

#[test]
fn supplement_requests_realistic() {
    let dossiers = generated();
    for dossier in &dossiers {
        let status = &dossier.status;
        let open = status
            .supplement_requests
            .iter()
            .filter(|r| r.fulfilled_at.is_none())
            .count();
        let expected_open = usize::from(status.status == StatusCode::SupplementRequested);
        assert_eq!(open, expected_open, "{}", status.code);
        for request in &status.supplement_requests {
            assert!(!request.items.is_empty());
            assert!(request.respond_by.is_some());
            if request.fulfilled_at.is_some() {
                assert!(request.new_due_date > request.previous_due_date);
                assert_eq!(request.new_due_date, status.due_date, "{}", status.code);
            }
        }
    }
}

#[test]
fn masked_names_hide_given_names() {
    for dossier in generated() {
        let masked = &dossier.status.applicant_masked;
        assert!(masked.contains("**"), "{masked}");
        assert!(
            !masked.contains("Mẫu") && !masked.contains("Thử"),
            "{masked}"
        );
    }
}

#[test]
fn submitted_dossiers_came_online() {
    for dossier in generated() {
        if dossier.status.status == StatusCode::Submitted {
            assert_eq!(dossier.status.channel, ChannelKind::Online);
        }
    }
}

#[test]
fn every_case_is_covered() {
    let today = date(TODAY.0, TODAY.1, TODAY.2);
    let cases: HashSet<&str> = generated()
        .iter()
        .flat_map(|d| d.summary(today).cases)
        .collect();
    for case in [
        "overdue",
        "on_time",
        "finished_late",
        "finished_on_time",
        "supplement_open",
        "supplement_fulfilled",
        "fee_due",
        "fee_paid",
    ] {
        assert!(cases.contains(case), "{case} missing");
    }
}

#[test]
fn summary_counts_days_left() {
    let today = date(TODAY.0, TODAY.1, TODAY.2);
    for dossier in generated() {
        let summary = dossier.summary(today);
        match summary.working_days_left {
            Some(left) => {
                assert!(summary.due_date.is_some());
                assert_eq!(left < 0, summary.cases.contains(&"overdue"));
            }
            None => assert!(
                dossier.status.status.is_final()
                    || dossier.status.status.is_waiting_for_citizen()
                    || summary.due_date.is_none()
            ),
        }
    }
}

#[test]
fn store_finds_only_with_verifier() {
    let dossiers = generated();
    let first = dossiers[0].clone();
    let store = DossierStore::new(dossiers);
    let code = first.status.code.as_str();
    assert_eq!(store.find(code, &first.verifier), Some(&first.status));
    let wrong = if first.verifier == "1111" {
        "2222"
    } else {
        "1111"
    };
    assert_eq!(store.find(code, wrong), None);
    assert_eq!(store.find("000.00.00.H00-000000-0000", "0000"), None);
    assert_eq!(store.find(code, ""), None);
}

#[test]
fn verifier_comparison() {
    assert!(verifiers_match("1234", "1234"));
    assert!(!verifiers_match("1234", "1235"));
    assert!(!verifiers_match("1234", "12340"));
    assert!(!verifiers_match("1234", "123"));
    assert!(!verifiers_match("1234", ""));
    assert!(verifiers_match("", ""));
}
