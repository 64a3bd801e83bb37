//! Deterministic generator of realistic demo dossiers over a procedure catalogue.
//!
//! Every status of the national list appears, in equal numbers. Each dossier
//! follows the usual one-stop path (tiếp nhận → thẩm định → phê duyệt → trả kết
//! quả) as far as its status reaches, with due dates counted in working days
//! from the channel's processing time. Some dossiers run late, some had a
//! supplement request that moved the due date, some wait for a fee.
//!
//! NOTE: times are chosen by day, not against the clock, so an event dated
//! today may carry a later time of day than the current one.

use std::collections::HashMap;

use dvc_core::date::{Date, LocalDateTime};
use dvc_core::model::{
    ChannelKind, DossierStatus, FeeDue, Procedure, ProcedureRef, ProgressStep, StatusCode,
    SupplementRequest, TimeUnit,
};

use super::people::{fake_name, mask_name};
use super::random::SplitMix64;
use super::units::{units_for, ReceivingUnit};
use super::working_days::{add_working_days, last_working_day_until, subtract_working_days};
use super::DemoDossier;

/// Number of demo dossiers generated at start-up.
pub const DEFAULT_DOSSIER_COUNT: usize = 300;

/// Seed of the demo data; changing it changes every code and verifier.
pub const DEFAULT_SEED: u64 = 0x00D0_55E5_2026_0001;

/// Working days a citizen gets to respond to a supplement request in the demo.
/// NOTE: each procedure and one-stop system sets its own time; this is a
/// plausible value, not a legal one.
const SUPPLEMENT_RESPONSE_DAYS: u32 = 10;

/// Settings of the generator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratorSettings {
    /// The day the dossiers are seen from: every event happens on or before it.
    pub today: Date,
    pub count: usize,
    pub seed: u64,
}

impl GeneratorSettings {
    pub fn new(today: Date) -> GeneratorSettings {
        GeneratorSettings {
            today,
            count: DEFAULT_DOSSIER_COUNT,
            seed: DEFAULT_SEED,
        }
    }
}

/// Generates demo dossiers over `procedures`; none when the catalogue is empty.
/// The same procedures and settings always give the same dossiers.
pub fn generate(procedures: &[Procedure], settings: &GeneratorSettings) -> Vec<DemoDossier> {
    if procedures.is_empty() {
        return Vec::new();
    }
    let mut random = SplitMix64::new(settings.seed);

    let mut drafts: Vec<Draft> = Vec::with_capacity(settings.count);
    for index in 0..settings.count {
        let status = StatusCode::ALL[index % StatusCode::ALL.len()];
        let Some(procedure) = random.pick(procedures) else {
            break;
        };
        if let Some(draft) = draft_dossier(procedure, status, settings.today, &mut random) {
            drafts.push(draft);
        }
    }

    assign_codes(&mut drafts);
    drafts.into_iter().map(|draft| draft.dossier).collect()
}

/// A dossier before its code is known: codes count per unit and day, so they
/// are assigned once every dossier exists.
struct Draft {
    unit: &'static ReceivingUnit,
    dossier: DemoDossier,
}

/// Gives each draft its code `<unit id>-<yyMMdd>-<NNNN>`, counting from 0001
/// per receiving unit and day in order of reception.
fn assign_codes(drafts: &mut [Draft]) {
    let mut order: Vec<usize> = (0..drafts.len()).collect();
    order.sort_by_key(|&index| {
        let draft = &drafts[index];
        (draft.unit.id, draft.dossier.status.received_at, index)
    });

    let mut counters: HashMap<(&'static str, Date), u32> = HashMap::new();
    for index in order {
        let draft = &mut drafts[index];
        let received = draft.dossier.status.received_at.date();
        let counter = counters.entry((draft.unit.id, received)).or_insert(0);
        *counter += 1;
        draft.dossier.status.code = format!(
            "{}-{:02}{:02}{:02}-{:04}",
            draft.unit.id,
            received.year().rem_euclid(100),
            received.month(),
            received.day(),
            counter
        );
    }
}

/// The people and places involved in one dossier.
struct Cast {
    desk: String,
    department: String,
    approver: String,
}

fn draft_dossier(
    procedure: &Procedure,
    status: StatusCode,
    today: Date,
    random: &mut SplitMix64,
) -> Option<Draft> {
    let level = procedure.levels.first().copied();
    let unit = *random.pick(&units_for(level))?;
    let channel = choose_channel(procedure, status, random);
    let processing_days = processing_working_days(procedure, channel);
    let cast = cast_for(procedure, unit);

    let plan = Plan::new(status, processing_days, today, random)?;
    let received_at = plan.received_at;

    let mut status_record = DossierStatus {
        code: String::new(),
        procedure: ProcedureRef {
            code: procedure.code.clone(),
            name: procedure.name.clone(),
        },
        status,
        received_at,
        due_date: None,
        finished_at: None,
        processing_unit: cast.desk.clone(),
        applicant_masked: mask_name(&fake_name(random)),
        channel,
        steps: Vec::new(),
        supplement_requests: Vec::new(),
        fees_due: Vec::new(),
    };
    plan.fill(&mut status_record, procedure, &cast, random)?;

    Some(Draft {
        unit,
        dossier: DemoDossier {
            status: status_record,
            verifier: format!("{:04}", random.below(10_000)),
        },
    })
}

fn choose_channel(
    procedure: &Procedure,
    status: StatusCode,
    random: &mut SplitMix64,
) -> ChannelKind {
    // Status 1 exists only for dossiers submitted online.
    if status == StatusCode::Submitted {
        return ChannelKind::Online;
    }
    let kinds: Vec<ChannelKind> = procedure.channels.iter().map(|c| c.kind).collect();
    random
        .pick(&kinds)
        .copied()
        .unwrap_or(ChannelKind::InPerson)
}

/// Converts the channel's processing time to working days, between 1 and 60;
/// 5 when the procedure publishes none.
fn processing_working_days(procedure: &Procedure, kind: ChannelKind) -> u32 {
    let time = procedure
        .channels
        .iter()
        .filter(|channel| channel.kind == kind)
        .chain(&procedure.channels)
        .find_map(|channel| channel.processing_time.as_ref());
    let Some(time) = time else {
        return 5;
    };
    let value = if time.value.is_finite() {
        time.value.max(0.0)
    } else {
        0.0
    };
    let days = match time.unit {
        TimeUnit::WorkingDay => value,
        // Five working days in seven calendar days.
        TimeUnit::Day => value * 5.0 / 7.0,
        TimeUnit::Hour => value / 8.0,
        TimeUnit::Month => value * 22.0,
        TimeUnit::Year => value * 250.0,
        // NOTE: many published times give a number without a unit; working
        // days are the usual unit of processing times, so the number is read so.
        TimeUnit::Other if value > 0.0 => value,
        TimeUnit::Other => 5.0,
    };
    (days.ceil() as u32).clamp(1, 60)
}

fn cast_for(procedure: &Procedure, unit: &ReceivingUnit) -> Cast {
    let agencies = &procedure.agencies;
    let department = agencies
        .executing
        .first()
        .or(agencies.competent.first())
        .cloned()
        .unwrap_or_else(|| "Phòng chuyên môn".to_owned());
    let competent = agencies.competent.first().unwrap_or(&department);
    Cast {
        desk: unit.name.to_owned(),
        department: department.clone(),
        approver: format!("Lãnh đạo {competent}"),
    }
}

/// How far one dossier has got, in working days from its reception.
struct Plan {
    status: StatusCode,
    processing_days: u32,
    /// Working days from reception to today.
    elapsed_days: u32,
    /// For open dossiers: the due date has passed. For finished ones: the
    /// result came after the due date.
    late: bool,
    /// A fulfilled supplement request, as (day requested, working days until fulfilled).
    past_supplement: Option<(u32, u32)>,
    received: Date,
    received_at: LocalDateTime,
}

impl Plan {
    fn new(
        status: StatusCode,
        processing_days: u32,
        today: Date,
        random: &mut SplitMix64,
    ) -> Option<Plan> {
        let p = processing_days;
        let late = match status {
            StatusCode::Processing | StatusCode::PaymentRequested => random.chance(35),
            StatusCode::Completed | StatusCode::Returned => random.chance(25),
            _ => false,
        };
        let past_supplement = match status {
            StatusCode::Processing | StatusCode::Completed | StatusCode::Returned
                if p >= 2 && random.chance(30) =>
            {
                Some((random.between(1, p - 1), random.between(1, 5)))
            }
            _ => None,
        };
        let waited = past_supplement.map_or(0, |(_, waited)| waited);

        let elapsed_days = match status {
            StatusCode::Submitted | StatusCode::Accepted => random.between(0, 1),
            StatusCode::Rejected => random.between(0, 30),
            StatusCode::Processing if late => p + waited + random.between(1, 6),
            StatusCode::Processing => {
                let earliest = past_supplement.map_or(1, |(day, waited)| day + waited + 1);
                random.between(earliest, (p + waited).max(earliest))
            }
            StatusCode::SupplementRequested => random.between(1, p + SUPPLEMENT_RESPONSE_DAYS),
            StatusCode::PaymentRequested if late => p + random.between(1, 4),
            StatusCode::PaymentRequested => random.between(1, p),
            StatusCode::WithdrawalRequested | StatusCode::Stopped => random.between(2, 40),
            StatusCode::Completed => p + waited + random.between(4, 10),
            StatusCode::Returned => p + waited + random.between(8, 45),
        };

        // Dossiers are received on working days, during office hours.
        let received = subtract_working_days(last_working_day_until(today), elapsed_days);
        let received_at = at(
            received,
            random.between(7, 16) as u8,
            random.between(0, 59) as u8,
        )?;

        Some(Plan {
            status,
            processing_days: p,
            elapsed_days,
            late,
            past_supplement,
            received,
            received_at,
        })
    }

    fn day(&self, offset: u32) -> Date {
        add_working_days(self.received, offset)
    }

    fn moment(&self, offset: u32, hour: u8, minute: u8) -> Option<LocalDateTime> {
        at(self.day(offset), hour, minute)
    }

    fn fill(
        &self,
        record: &mut DossierStatus,
        procedure: &Procedure,
        cast: &Cast,
        random: &mut SplitMix64,
    ) -> Option<()> {
        let p = self.processing_days;
        let now_day = self.elapsed_days;

        // Submitted online and still waiting at the desk: no due date yet.
        if self.status == StatusCode::Submitted {
            record.steps.push(finished_step(
                "Nộp hồ sơ trực tuyến",
                "Cổng Dịch vụ công",
                self.received_at,
                self.received_at,
                None,
            ));
            record.steps.push(ProgressStep {
                name: "Tiếp nhận hồ sơ".to_owned(),
                unit: cast.desk.clone(),
                started_at: self.received_at,
                finished_at: None,
                deadline: self.moment(1, 17, 0),
            });
            return Some(());
        }

        let intake_end = add_minutes(self.received_at, random.between(10, 45));
        let intake_deadline = self.moment(0, 17, 0);

        if self.status == StatusCode::Rejected {
            record.steps.push(finished_step(
                "Tiếp nhận hồ sơ",
                &cast.desk,
                self.received_at,
                intake_end,
                intake_deadline,
            ));
            record.steps.push(finished_step(
                "Từ chối tiếp nhận: hồ sơ chưa đủ thành phần theo quy định",
                &cast.desk,
                intake_end,
                intake_end,
                None,
            ));
            record.finished_at = Some(intake_end);
            return Some(());
        }

        record.steps.push(finished_step(
            "Tiếp nhận hồ sơ",
            &cast.desk,
            self.received_at,
            intake_end,
            intake_deadline,
        ));

        // The due date, moved by a fulfilled supplement request.
        let original_due = self.day(p);
        let mut due = original_due;
        if let Some((requested_day, waited)) = self.past_supplement {
            let requested_at = self.moment(requested_day, 9, 30)?;
            let fulfilled_at = self.moment(requested_day + waited, 14, 15)?;
            due = add_working_days(original_due, waited);
            record.supplement_requests.push(SupplementRequest {
                requested_at,
                requested_by: cast.department.clone(),
                items: supplement_items(procedure, random),
                respond_by: Some(add_working_days(
                    requested_at.date(),
                    SUPPLEMENT_RESPONSE_DAYS,
                )),
                fulfilled_at: Some(fulfilled_at),
                previous_due_date: Some(original_due),
                new_due_date: Some(due),
            });
        }
        record.due_date = Some(due);
        let shift = self.past_supplement.map_or(0, |(_, waited)| waited);

        // Statutory ends of the steps: appraisal takes about 60% of the time.
        let appraisal_day = (p * 6 / 10).max(1) + shift;
        let approval_day = (p * 9 / 10).max((p * 6 / 10).max(1) + 1).min(p) + shift;
        let appraisal_deadline = self.moment(appraisal_day, 17, 0);
        let approval_deadline = self.moment(approval_day, 17, 0);

        match self.status {
            StatusCode::Accepted => {
                record.processing_unit = cast.desk.clone();
            }
            StatusCode::Processing => {
                if now_day > appraisal_day || self.late {
                    let finished = self.moment(appraisal_day.min(now_day), 15, 40)?;
                    record.steps.push(finished_step(
                        "Thẩm định hồ sơ",
                        &cast.department,
                        intake_end,
                        finished,
                        appraisal_deadline,
                    ));
                    record.steps.push(open_step(
                        "Phê duyệt kết quả",
                        &cast.approver,
                        finished,
                        approval_deadline,
                    ));
                    record.processing_unit = cast.approver.clone();
                } else {
                    record.steps.push(open_step(
                        "Thẩm định hồ sơ",
                        &cast.department,
                        intake_end,
                        appraisal_deadline,
                    ));
                    record.processing_unit = cast.department.clone();
                }
            }
            StatusCode::SupplementRequested => {
                // Requested before the due date; some citizens are already late to respond.
                let requested_day = now_day
                    .saturating_sub(random.between(0, SUPPLEMENT_RESPONSE_DAYS + 3))
                    .clamp(1, p.max(1))
                    .min(now_day);
                let requested_at = self.moment(requested_day, 10, 0)?;
                record.steps.push(finished_step(
                    "Thẩm định hồ sơ",
                    &cast.department,
                    intake_end,
                    requested_at,
                    appraisal_deadline,
                ));
                let respond_by = add_working_days(requested_at.date(), SUPPLEMENT_RESPONSE_DAYS);
                record.steps.push(open_step(
                    "Chờ công dân bổ sung hồ sơ",
                    &cast.desk,
                    requested_at,
                    at(respond_by, 17, 0),
                ));
                record.supplement_requests.push(SupplementRequest {
                    requested_at,
                    requested_by: cast.department.clone(),
                    items: supplement_items(procedure, random),
                    respond_by: Some(respond_by),
                    fulfilled_at: None,
                    previous_due_date: Some(due),
                    new_due_date: None,
                });
                record.processing_unit = cast.desk.clone();
            }
            StatusCode::PaymentRequested => {
                let notified_day = now_day.saturating_sub(random.between(0, 2)).max(1);
                let notified_at = self.moment(notified_day, 11, 0)?;
                record.steps.push(finished_step(
                    "Thẩm định hồ sơ",
                    &cast.department,
                    intake_end,
                    notified_at,
                    appraisal_deadline,
                ));
                record.steps.push(open_step(
                    "Thông báo nghĩa vụ tài chính, chờ công dân nộp phí",
                    &cast.desk,
                    notified_at,
                    None,
                ));
                record.fees_due = fees_of(procedure, false);
                record.processing_unit = cast.desk.clone();
            }
            StatusCode::WithdrawalRequested | StatusCode::Stopped => {
                let end_day = random.between(1, now_day.max(1));
                let end = self.moment(end_day, 15, 30)?;
                record.steps.push(finished_step(
                    "Thẩm định hồ sơ",
                    &cast.department,
                    intake_end,
                    end,
                    appraisal_deadline,
                ));
                let closing = if self.status == StatusCode::Stopped {
                    (
                        "Dừng xử lý hồ sơ theo đề nghị của cơ quan giải quyết",
                        &cast.approver,
                    )
                } else {
                    ("Công dân đề nghị rút hồ sơ", &cast.desk)
                };
                record
                    .steps
                    .push(finished_step(closing.0, closing.1, end, end, None));
                record.finished_at = Some(end);
                record.processing_unit = closing.1.clone();
            }
            StatusCode::Completed | StatusCode::Returned => {
                let appraisal_end = self.moment(appraisal_day, 15, 0)?;
                record.steps.push(finished_step(
                    "Thẩm định hồ sơ",
                    &cast.department,
                    intake_end,
                    appraisal_end,
                    appraisal_deadline,
                ));
                let end_day = if self.late {
                    p + shift + random.between(1, 3)
                } else {
                    approval_day.max(appraisal_day + 1).min(p + shift)
                };
                let approved_at = self.moment(end_day, 16, 0)?;
                record.steps.push(finished_step(
                    "Phê duyệt kết quả",
                    &cast.approver,
                    appraisal_end,
                    approved_at,
                    approval_deadline,
                ));
                record.finished_at = Some(approved_at);
                record.processing_unit = cast.desk.clone();
                if random.chance(40) {
                    record.fees_due = fees_of(procedure, true);
                }
                if self.status == StatusCode::Returned {
                    let return_day = (end_day + random.between(0, 3)).min(now_day);
                    let returned_at = self.moment(return_day, 9, 0)?.max(approved_at);
                    record.steps.push(finished_step(
                        "Trả kết quả",
                        &cast.desk,
                        returned_at,
                        returned_at,
                        self.moment(p + shift, 17, 0),
                    ));
                }
            }
            StatusCode::Submitted | StatusCode::Rejected => {}
        }
        Some(())
    }
}

fn finished_step(
    name: &str,
    unit: &str,
    started_at: LocalDateTime,
    finished_at: LocalDateTime,
    deadline: Option<LocalDateTime>,
) -> ProgressStep {
    ProgressStep {
        name: name.to_owned(),
        unit: unit.to_owned(),
        started_at,
        finished_at: Some(finished_at.max(started_at)),
        deadline,
    }
}

fn open_step(
    name: &str,
    unit: &str,
    started_at: LocalDateTime,
    deadline: Option<LocalDateTime>,
) -> ProgressStep {
    ProgressStep {
        name: name.to_owned(),
        unit: unit.to_owned(),
        started_at,
        finished_at: None,
        deadline,
    }
}

/// Picks one or two documents of the procedure for a supplement request.
fn supplement_items(procedure: &Procedure, random: &mut SplitMix64) -> Vec<String> {
    let names: Vec<&str> = procedure
        .dossier_cases
        .iter()
        .flat_map(|case| &case.components)
        .map(|component| component.name.trim())
        .filter(|name| !name.is_empty())
        .collect();
    if names.is_empty() {
        return vec![
            "Bản sao Căn cước công dân của người yêu cầu".to_owned(),
            "Tờ khai bổ sung chữ ký của người yêu cầu".to_owned(),
        ];
    }

    let mut items: Vec<String> = Vec::new();
    for _ in 0..random.between(1, 2) {
        if let Some(name) = random.pick(&names) {
            let item = format!("Bổ sung: {}", shorten(name, 160));
            if !items.contains(&item) {
                items.push(item);
            }
        }
    }
    items
}

/// Fees of the procedure that have an amount, or a typical charge when it has none.
fn fees_of(procedure: &Procedure, paid: bool) -> Vec<FeeDue> {
    let mut fees: Vec<FeeDue> = Vec::new();
    for fee in procedure.channels.iter().flat_map(|channel| &channel.fees) {
        if let Some(amount) = fee.amount_vnd.filter(|&amount| amount > 0) {
            let name = if fee.name.trim().is_empty() {
                "Lệ phí"
            } else {
                fee.name.trim()
            };
            if !fees.iter().any(|known| known.name == name) {
                fees.push(FeeDue {
                    name: shorten(name, 120),
                    amount_vnd: amount,
                    paid,
                });
            }
        }
    }
    if fees.is_empty() {
        fees.push(FeeDue {
            name: "Lệ phí".to_owned(),
            amount_vnd: 50_000,
            paid,
        });
    }
    fees
}

fn shorten(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_owned();
    }
    let mut short: String = text.chars().take(max_chars - 1).collect();
    short.push('…');
    short
}

fn at(date: Date, hour: u8, minute: u8) -> Option<LocalDateTime> {
    LocalDateTime::new(date, hour.min(23), minute.min(59), 0)
}

fn add_minutes(time: LocalDateTime, minutes: u32) -> LocalDateTime {
    LocalDateTime::in_vietnam_at(time.unix_seconds() + i64::from(minutes) * 60).unwrap_or(time)
}
