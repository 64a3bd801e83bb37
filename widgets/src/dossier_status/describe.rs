//! Meaning of a dossier's status for the citizen: deadline arithmetic in
//! working days, the current progress step, open supplement requests and
//! fees. No browser types here, so every rule is unit tested natively.

use dvc_core::calendar::{PublicHoliday, WorkingCalendar};
use dvc_core::date::Date;
use dvc_core::model::{DossierStatus, FeeDue, StatusCode, SupplementRequest};

/// Position of the due date (ngày hẹn trả) relative to a given day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DueState {
    /// No due date yet: it is set when the one-stop desk accepts the dossier.
    NotSet,
    /// The processing clock runs: positive working days left, 0 on the due
    /// date, negative by the working days overdue; `None` when today is unknown.
    Running {
        due: Date,
        working_days_left: Option<i64>,
    },
    /// The dossier waits for the citizen (supplement or payment), and that
    /// time does not count against the due date.
    Paused {
        due: Date,
        /// The day the wait began, when the record shows it.
        since: Option<Date>,
        /// Working days that were left on `since` (negative when already overdue).
        working_days_left_then: Option<i64>,
    },
    /// The result was produced (status 9 or 10): positive `working_days_late`
    /// means after the due date, 0 or less means on time.
    Finished {
        due: Date,
        finished: Date,
        working_days_late: i64,
    },
    /// Processing ended without a result (status 3, 7 or 8): no deadline applies.
    Ended { due: Option<Date> },
}

/// Returns the position of the due date of `dossier` relative to `today`.
pub fn due_state(
    calendar: &WorkingCalendar,
    dossier: &DossierStatus,
    today: Option<Date>,
) -> DueState {
    let status = dossier.status;
    if matches!(
        status,
        StatusCode::Rejected | StatusCode::WithdrawalRequested | StatusCode::Stopped
    ) {
        return DueState::Ended {
            due: dossier.due_date,
        };
    }

    let Some(due) = dossier.due_date else {
        return DueState::NotSet;
    };

    if status.is_final() {
        // A finished dossier without its end time is judged on the due date.
        let finished = dossier.finished_at.map_or(due, |time| time.date());
        return DueState::Finished {
            due,
            finished,
            working_days_late: calendar.working_days_between(due, finished),
        };
    }

    if status.is_waiting_for_citizen() {
        let since = wait_started(dossier);
        return DueState::Paused {
            due,
            since,
            working_days_left_then: since.map(|since| calendar.working_days_between(since, due)),
        };
    }

    DueState::Running {
        due,
        working_days_left: today.map(|today| calendar.working_days_between(today, due)),
    }
}

/// Returns the day the dossier began waiting for the citizen: the latest open
/// supplement request for status 5, the start of the unfinished step for
/// status 6.
fn wait_started(dossier: &DossierStatus) -> Option<Date> {
    match dossier.status {
        StatusCode::SupplementRequested => open_supplement_requests(dossier)
            .map(|request| request.requested_at)
            .max()
            .map(|time| time.date()),
        StatusCode::PaymentRequested => dossier
            .steps
            .iter()
            .rev()
            .find(|step| step.finished_at.is_none())
            .map(|step| step.started_at.date()),
        _ => None,
    }
}

/// Returns the public holidays that fall after `from` and up to `to`, in
/// calendar order without repeats, so a count of working days can name the
/// days off it skipped.
pub fn holidays_between(calendar: &WorkingCalendar, from: Date, to: Date) -> Vec<PublicHoliday> {
    let (start, end) = if from <= to { (from, to) } else { (to, from) };
    let mut holidays = Vec::new();
    let mut date = start;
    while date < end {
        let Some(next) = date.add_days(1) else {
            break;
        };
        date = next;
        if let Some(holiday) = calendar.holiday(date) {
            if !holidays.contains(&holiday.occasion) {
                holidays.push(holiday.occasion);
            }
        }
    }
    holidays
}

/// Returns the supplement requests still waiting for the citizen's documents.
pub fn open_supplement_requests(
    dossier: &DossierStatus,
) -> impl Iterator<Item = &SupplementRequest> {
    dossier
        .supplement_requests
        .iter()
        .filter(|request| request.fulfilled_at.is_none())
}

/// Returns the supplement requests whose documents have arrived.
pub fn answered_supplement_requests(
    dossier: &DossierStatus,
) -> impl Iterator<Item = &SupplementRequest> {
    dossier
        .supplement_requests
        .iter()
        .filter(|request| request.fulfilled_at.is_some())
}

/// Returns the position of the step the dossier is at: the last unfinished
/// one, or the latest step when none is open (an accepted dossier waiting
/// to be handed on). `None` once processing has ended.
pub fn current_step(dossier: &DossierStatus) -> Option<usize> {
    if dossier.status.is_final() {
        return None;
    }
    dossier
        .steps
        .iter()
        .rposition(|step| step.finished_at.is_none())
        .or_else(|| dossier.steps.len().checked_sub(1))
}

/// Returns the total of the unpaid fees in đồng, or `None` when nothing is
/// due or the sum would overflow.
pub fn unpaid_total(fees: &[FeeDue]) -> Option<u64> {
    let mut total: u64 = 0;
    let mut any = false;
    for fee in fees.iter().filter(|fee| !fee.paid) {
        total = total.checked_add(fee.amount_vnd)?;
        any = true;
    }
    any.then_some(total)
}

/// Groups of statuses that share a look and a kind of next step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusFamily {
    /// 1, 2, 4: the dossier is on its way; nothing to do yet.
    InProgress,
    /// 5, 6: the citizen must act.
    ActionNeeded,
    /// 9, 10: a result exists.
    Done,
    /// 3, 7, 8: processing ended without a result.
    Ended,
}

impl StatusFamily {
    pub fn of(status: StatusCode) -> StatusFamily {
        match status {
            StatusCode::Submitted | StatusCode::Accepted | StatusCode::Processing => {
                StatusFamily::InProgress
            }
            StatusCode::SupplementRequested | StatusCode::PaymentRequested => {
                StatusFamily::ActionNeeded
            }
            StatusCode::Completed | StatusCode::Returned => StatusFamily::Done,
            StatusCode::Rejected | StatusCode::WithdrawalRequested | StatusCode::Stopped => {
                StatusFamily::Ended
            }
        }
    }

    /// Returns the CSS class suffix, also used by tests to find the family.
    pub fn class_name(self) -> &'static str {
        match self {
            StatusFamily::InProgress => "in-progress",
            StatusFamily::ActionNeeded => "action-needed",
            StatusFamily::Done => "done",
            StatusFamily::Ended => "ended",
        }
    }
}

#[cfg(test)]
mod tests {
    use dvc_core::date::LocalDateTime;
    use dvc_core::model::{ChannelKind, ProcedureRef, ProgressStep};

    use super::*;

    const CALENDAR: WorkingCalendar = WorkingCalendar::vietnam();

    fn date(year: i32, month: u8, day: u8) -> Date {
        Date::from_ymd(year, month, day).unwrap()
    }

    fn at(year: i32, month: u8, day: u8) -> LocalDateTime {
        LocalDateTime::new(date(year, month, day), 9, 30, 0).unwrap()
    }

    fn step(name: &str, started: LocalDateTime, finished: Option<LocalDateTime>) -> ProgressStep {
        ProgressStep {
            name: name.into(),
            unit: "Bộ phận Một cửa".into(),
            started_at: started,
            finished_at: finished,
            deadline: None,
        }
    }

    fn dossier(status: StatusCode, due: Option<Date>) -> DossierStatus {
        DossierStatus {
            code: "000.17.22.H56-260223-0001".into(),
            procedure: ProcedureRef {
                code: "1.001193".into(),
                name: "Thủ tục đăng ký khai sinh".into(),
            },
            status,
            received_at: at(2026, 2, 23),
            due_date: due,
            finished_at: None,
            processing_unit: "Bộ phận Một cửa UBND phường Hạc Thành".into(),
            applicant_masked: "Trần T** M**".into(),
            channel: ChannelKind::Online,
            steps: vec![
                step("Tiếp nhận hồ sơ", at(2026, 2, 23), Some(at(2026, 2, 23))),
                step("Thẩm định hồ sơ", at(2026, 2, 23), None),
            ],
            supplement_requests: Vec::new(),
            fees_due: Vec::new(),
        }
    }

    fn supplement(requested: LocalDateTime, fulfilled: Option<LocalDateTime>) -> SupplementRequest {
        SupplementRequest {
            requested_at: requested,
            requested_by: "UBND phường".into(),
            items: vec!["Giấy chứng sinh".into()],
            respond_by: None,
            fulfilled_at: fulfilled,
            previous_due_date: None,
            new_due_date: None,
        }
    }

    #[test]
    fn running_counts_working_days_left() {
        // Monday 2 March 2026 to Thursday 5 March: three working days left.
        let record = dossier(StatusCode::Processing, Some(date(2026, 3, 5)));
        assert_eq!(
            due_state(&CALENDAR, &record, Some(date(2026, 3, 2))),
            DueState::Running {
                due: date(2026, 3, 5),
                working_days_left: Some(3)
            }
        );
    }

    #[test]
    fn running_on_due_date_and_overdue() {
        let record = dossier(StatusCode::Accepted, Some(date(2026, 2, 26)));
        let on_the_day = due_state(&CALENDAR, &record, Some(date(2026, 2, 26)));
        assert_eq!(
            on_the_day,
            DueState::Running {
                due: date(2026, 2, 26),
                working_days_left: Some(0)
            }
        );
        // Thursday 26 February to Monday 2 March: Friday and Monday are past.
        let overdue = due_state(&CALENDAR, &record, Some(date(2026, 3, 2)));
        assert_eq!(
            overdue,
            DueState::Running {
                due: date(2026, 2, 26),
                working_days_left: Some(-2)
            }
        );
    }

    #[test]
    fn running_skips_tet() {
        // Thursday 12 February 2026 to Monday 23 February: Tết takes 16 to 20 February.
        let record = dossier(StatusCode::Processing, Some(date(2026, 2, 23)));
        let state = due_state(&CALENDAR, &record, Some(date(2026, 2, 12)));
        assert_eq!(
            state,
            DueState::Running {
                due: date(2026, 2, 23),
                working_days_left: Some(2)
            }
        );
        assert_eq!(
            holidays_between(&CALENDAR, date(2026, 2, 12), date(2026, 2, 23)),
            vec![PublicHoliday::LunarNewYear]
        );
    }

    #[test]
    fn no_holidays_in_an_ordinary_week() {
        assert!(holidays_between(&CALENDAR, date(2026, 3, 2), date(2026, 3, 9)).is_empty());
        // The order of the arguments does not matter.
        assert_eq!(
            holidays_between(&CALENDAR, date(2026, 5, 4), date(2026, 4, 28)),
            vec![PublicHoliday::ReunificationDay, PublicHoliday::LabourDay]
        );
    }

    #[test]
    fn running_without_today_has_no_count() {
        let record = dossier(StatusCode::Processing, Some(date(2026, 3, 5)));
        assert_eq!(
            due_state(&CALENDAR, &record, None),
            DueState::Running {
                due: date(2026, 3, 5),
                working_days_left: None
            }
        );
    }

    #[test]
    fn not_set_before_acceptance() {
        let record = dossier(StatusCode::Submitted, None);
        assert_eq!(
            due_state(&CALENDAR, &record, Some(date(2026, 3, 2))),
            DueState::NotSet
        );
    }

    #[test]
    fn supplement_pauses_the_clock() {
        let mut record = dossier(StatusCode::SupplementRequested, Some(date(2026, 2, 23)));
        record.supplement_requests = vec![
            supplement(at(2026, 1, 5), Some(at(2026, 1, 8))),
            supplement(at(2026, 2, 12), None),
        ];
        assert_eq!(
            due_state(&CALENDAR, &record, Some(date(2026, 3, 2))),
            DueState::Paused {
                due: date(2026, 2, 23),
                since: Some(date(2026, 2, 12)),
                working_days_left_then: Some(2),
            }
        );
    }

    #[test]
    fn payment_pause_starts_with_the_open_step() {
        let mut record = dossier(StatusCode::PaymentRequested, Some(date(2026, 3, 11)));
        record.steps = vec![
            step("Thẩm định hồ sơ", at(2026, 2, 11), Some(at(2026, 2, 26))),
            step("Thông báo nghĩa vụ tài chính", at(2026, 2, 26), None),
        ];
        let DueState::Paused {
            since,
            working_days_left_then,
            ..
        } = due_state(&CALENDAR, &record, Some(date(2026, 3, 2)))
        else {
            panic!("a dossier waiting for payment is paused");
        };
        assert_eq!(since, Some(date(2026, 2, 26)));
        assert_eq!(working_days_left_then, Some(9));
    }

    #[test]
    fn pause_without_a_start_has_no_count() {
        let record = dossier(StatusCode::SupplementRequested, Some(date(2026, 2, 23)));
        assert_eq!(
            due_state(&CALENDAR, &record, Some(date(2026, 3, 2))),
            DueState::Paused {
                due: date(2026, 2, 23),
                since: None,
                working_days_left_then: None,
            }
        );
    }

    #[test]
    fn finished_on_time_and_late() {
        let mut record = dossier(StatusCode::Completed, Some(date(2026, 2, 26)));
        record.finished_at = Some(at(2026, 2, 25));
        assert_eq!(
            due_state(&CALENDAR, &record, Some(date(2026, 3, 2))),
            DueState::Finished {
                due: date(2026, 2, 26),
                finished: date(2026, 2, 25),
                working_days_late: -1
            }
        );

        record.status = StatusCode::Returned;
        record.finished_at = Some(at(2026, 3, 3));
        let DueState::Finished {
            working_days_late, ..
        } = due_state(&CALENDAR, &record, Some(date(2026, 3, 9)))
        else {
            panic!("a returned dossier is finished");
        };
        assert_eq!(working_days_late, 3);
    }

    #[test]
    fn ended_statuses_have_no_deadline() {
        for status in [
            StatusCode::Rejected,
            StatusCode::WithdrawalRequested,
            StatusCode::Stopped,
        ] {
            let record = dossier(status, Some(date(2026, 2, 26)));
            assert_eq!(
                due_state(&CALENDAR, &record, Some(date(2026, 3, 2))),
                DueState::Ended {
                    due: Some(date(2026, 2, 26))
                },
                "{status:?}"
            );
        }
    }

    #[test]
    fn current_step_is_the_last_unfinished() {
        let record = dossier(StatusCode::Processing, Some(date(2026, 3, 5)));
        assert_eq!(current_step(&record), Some(1));

        let mut finished = record.clone();
        finished.status = StatusCode::Returned;
        assert_eq!(current_step(&finished), None);

        let mut all_done = record;
        all_done.steps.truncate(1);
        assert_eq!(current_step(&all_done), Some(0));

        all_done.steps.clear();
        assert_eq!(current_step(&all_done), None);
    }

    #[test]
    fn unpaid_total_sums_unpaid_fees() {
        let fee = |amount_vnd, paid| FeeDue {
            name: "Lệ phí".into(),
            amount_vnd,
            paid,
        };
        assert_eq!(unpaid_total(&[]), None);
        assert_eq!(unpaid_total(&[fee(50_000, true)]), None);
        assert_eq!(
            unpaid_total(&[fee(50_000, false), fee(20_000, true), fee(1_500_000, false)]),
            Some(1_550_000)
        );
        assert_eq!(unpaid_total(&[fee(u64::MAX, false), fee(1, false)]), None);
    }

    #[test]
    fn every_status_has_a_family() {
        let families: Vec<&str> = StatusCode::ALL
            .into_iter()
            .map(|status| StatusFamily::of(status).class_name())
            .collect();
        assert_eq!(
            families,
            vec![
                "in-progress",
                "in-progress",
                "ended",
                "in-progress",
                "action-needed",
                "action-needed",
                "ended",
                "ended",
                "done",
                "done"
            ]
        );
    }

    #[test]
    fn open_and_answered_requests_split() {
        let mut record = dossier(StatusCode::SupplementRequested, Some(date(2026, 2, 23)));
        record.supplement_requests = vec![
            supplement(at(2026, 1, 5), Some(at(2026, 1, 8))),
            supplement(at(2026, 2, 12), None),
        ];
        assert_eq!(open_supplement_requests(&record).count(), 1);
        assert_eq!(answered_supplement_requests(&record).count(), 1);
    }
}
