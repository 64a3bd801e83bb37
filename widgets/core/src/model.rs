//! Procedures (thủ tục hành chính, TTHC) and dossier status records.
//!
//! Field names follow the portal API's JSON (snake_case English). Every text
//! field contains plain NFC text: the importer strips the source's HTML, and the
//! widgets render it as text, never as markup.

use serde::{Deserialize, Serialize};

use crate::date::{Date, LocalDateTime};

/// One administrative procedure as published in the national database.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Procedure {
    /// National code, one digit, a dot and six digits (`1.001193`).
    pub code: String,
    pub name: String,
    /// Government levels that carry out the procedure (cấp thực hiện).
    pub levels: Vec<Level>,
    /// Subject areas (lĩnh vực), for example "Hộ tịch".
    pub fields: Vec<String>,
    /// Applicant types (đối tượng thực hiện), for example "Công dân Việt Nam".
    pub applicant_types: Vec<String>,
    pub agencies: Agencies,
    /// Receiving address for paper dossiers (địa chỉ tiếp nhận), when published.
    pub receiving_address: Option<String>,
    /// Number of the decision that published the procedure (số quyết định).
    pub decision_number: Option<String>,
    /// Kind of procedure (loại thủ tục), as published.
    pub procedure_type: Option<String>,
    /// Submission channels (cách thức thực hiện) with time and fees.
    pub channels: Vec<Channel>,
    /// Documents to submit (thành phần hồ sơ), grouped by case.
    pub dossier_cases: Vec<DossierCase>,
    /// Ordered steps (trình tự thực hiện).
    pub steps: Vec<Step>,
    /// Requirements and conditions (yêu cầu, điều kiện), one entry a paragraph.
    pub conditions: Vec<String>,
    /// Legal documents the procedure rests on (căn cứ pháp lý).
    pub legal_basis: Vec<LegalDocument>,
    /// Results the citizen receives (kết quả).
    pub results: Vec<ProcedureResult>,
    /// Names or codes of related procedures (thủ tục hành chính liên quan).
    pub related_procedures: Vec<String>,
    /// The procedure's page on the national portal.
    pub official_url: Option<String>,
}

/// Government level that carries out a procedure (cấp thực hiện).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Cấp bộ: a ministry or another central body.
    Ministry,
    /// Cấp tỉnh.
    Province,
    /// Cấp huyện: abolished on 2025-07-01, still named by older records.
    District,
    /// Cấp xã: communes, wards and special zones.
    Commune,
    /// Cơ quan khác.
    Other,
}

impl Level {
    pub const ALL: [Level; 5] = [
        Level::Ministry,
        Level::Province,
        Level::District,
        Level::Commune,
        Level::Other,
    ];

    /// Returns the API name (`ministry`, `province`, …), as used in `?level=`.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Ministry => "ministry",
            Level::Province => "province",
            Level::District => "district",
            Level::Commune => "commune",
            Level::Other => "other",
        }
    }

    /// Parses an API name, case-insensitively.
    pub fn from_api_name(name: &str) -> Option<Level> {
        Level::ALL
            .into_iter()
            .find(|level| level.as_str().eq_ignore_ascii_case(name.trim()))
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            Level::Ministry => "Cấp bộ",
            Level::Province => "Cấp tỉnh",
            Level::District => "Cấp huyện",
            Level::Commune => "Cấp xã",
            Level::Other => "Cơ quan khác",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Level::Ministry => "Ministry",
            Level::Province => "Province",
            Level::District => "District",
            Level::Commune => "Commune",
            Level::Other => "Other agency",
        }
    }
}

/// Agencies involved in a procedure, each list in published order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Agencies {
    /// Cơ quan có thẩm quyền.
    pub competent: Vec<String>,
    /// Cơ quan thực hiện.
    pub executing: Vec<String>,
    /// Cơ quan được ủy quyền.
    pub authorised: Vec<String>,
    /// Cơ quan phối hợp.
    pub coordinating: Vec<String>,
}

impl Agencies {
    /// Iterates over every agency name, competent ones first, without repeats.
    pub fn all(&self) -> impl Iterator<Item = &str> {
        let mut seen: Vec<&str> = Vec::new();
        self.competent
            .iter()
            .chain(&self.executing)
            .chain(&self.authorised)
            .chain(&self.coordinating)
            .map(String::as_str)
            .filter(move |name| {
                if seen.contains(name) {
                    false
                } else {
                    seen.push(name);
                    true
                }
            })
    }
}

/// A way to submit the dossier, with its processing time and fees.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Channel {
    pub kind: ChannelKind,
    pub processing_time: Option<ProcessingTime>,
    #[serde(default)]
    pub fees: Vec<Fee>,
    /// Free-text description published with the channel.
    #[serde(default)]
    pub description: Option<String>,
}

/// Submission channel (hình thức nộp).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChannelKind {
    /// Trực tiếp.
    InPerson,
    /// Trực tuyến.
    Online,
    /// Dịch vụ bưu chính.
    Postal,
}

impl ChannelKind {
    pub fn label_vi(self) -> &'static str {
        match self {
            ChannelKind::InPerson => "Trực tiếp",
            ChannelKind::Online => "Trực tuyến",
            ChannelKind::Postal => "Dịch vụ bưu chính",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            ChannelKind::InPerson => "In person",
            ChannelKind::Online => "Online",
            ChannelKind::Postal => "By post",
        }
    }
}

/// Statutory processing time (thời hạn giải quyết) of one channel.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProcessingTime {
    /// Amount of `unit`; fractional values such as 0.5 days occur.
    pub value: f64,
    pub unit: TimeUnit,
    /// The published wording, kept because it often adds conditions.
    #[serde(default)]
    pub text: String,
}

/// Unit of a processing time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeUnit {
    /// Ngày làm việc.
    WorkingDay,
    /// Ngày (calendar days).
    Day,
    Hour,
    Month,
    Year,
    /// A unit the source names but this model does not know.
    Other,
}

impl TimeUnit {
    pub fn label_vi(self) -> &'static str {
        match self {
            TimeUnit::WorkingDay => "ngày làm việc",
            TimeUnit::Day => "ngày",
            TimeUnit::Hour => "giờ",
            TimeUnit::Month => "tháng",
            TimeUnit::Year => "năm",
            TimeUnit::Other => "",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            TimeUnit::WorkingDay => "working days",
            TimeUnit::Day => "days",
            TimeUnit::Hour => "hours",
            TimeUnit::Month => "months",
            TimeUnit::Year => "years",
            TimeUnit::Other => "",
        }
    }
}

/// One fee or charge (phí, lệ phí) of a channel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fee {
    /// Purpose of the fee, for example "Lệ phí".
    pub name: String,
    /// Amount in đồng; 0 means free, `None` means the text gives no single amount.
    pub amount_vnd: Option<u64>,
    /// The published wording.
    #[serde(default)]
    pub text: String,
}

/// Documents to submit in one case (trường hợp) of a procedure.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DossierCase {
    /// The case's title; `None` when the procedure has a single, unnamed case.
    pub name: Option<String>,
    pub components: Vec<DossierComponent>,
}

/// One document of a dossier (thành phần hồ sơ).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DossierComponent {
    pub name: String,
    /// Number of originals (bản chính).
    pub originals: u32,
    /// Number of copies (bản sao).
    pub copies: u32,
    /// Blank forms (mẫu đơn, tờ khai) to fill in.
    pub forms: Vec<Form>,
}

/// A downloadable blank form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Form {
    pub name: String,
    /// Download address; only `https:` and `http:` addresses are kept.
    pub url: Option<String>,
}

/// One step of the procedure (trình tự thực hiện).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Step {
    /// The number after "Bước", when the source numbers its steps.
    pub number: Option<u32>,
    /// First line of the step.
    pub title: String,
    /// The rest of the step's text, paragraphs separated by blank lines.
    pub description: String,
}

/// A legal document of the procedure's legal basis.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LegalDocument {
    /// Document number such as `02/2011/QH13` or `123/2015/NĐ-CP`.
    pub number: Option<String>,
    pub title: String,
}

/// A document or decision the procedure produces.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProcedureResult {
    /// National result code such as `KQ.G15.000031`.
    pub code: Option<String>,
    pub name: String,
}

/// Returns true when `code` has the national shape: a digit, a dot, six digits.
pub fn is_national_procedure_code(code: &str) -> bool {
    let bytes = code.as_bytes();
    bytes.len() == 8
        && bytes[0].is_ascii_digit()
        && bytes[1] == b'.'
        && bytes[2..].iter().all(u8::is_ascii_digit)
}

/// Returns true for a procedure code the API accepts: a national code, or a
/// province's local copy that appends the agency id (`1.000494.000.00.00.H29`).
pub fn is_valid_procedure_code(code: &str) -> bool {
    if code.len() > 64 {
        return false;
    }
    let (national, suffix) = match code.get(..8) {
        Some(prefix) => (prefix, &code[8..]),
        None => return false,
    };
    if !is_national_procedure_code(national) {
        return false;
    }
    suffix.is_empty()
        || (suffix.starts_with('.')
            && suffix[1..]
                .split('.')
                .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_alphanumeric())))
}

/// The status of one dossier (hồ sơ), as the lookup endpoint returns it.
///
/// Contains no personal data beyond the masked applicant name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DossierStatus {
    /// The dossier code (mã hồ sơ), normalised.
    pub code: String,
    pub procedure: ProcedureRef,
    pub status: StatusCode,
    pub received_at: LocalDateTime,
    /// Appointment to return the result (ngày hẹn trả); `None` before acceptance.
    pub due_date: Option<Date>,
    /// When processing ended, for statuses that end it.
    pub finished_at: Option<LocalDateTime>,
    /// The unit handling the dossier now.
    pub processing_unit: String,
    /// Applicant name with all but initials masked, for example "Nguyễn V** A**".
    pub applicant_masked: String,
    pub channel: ChannelKind,
    /// Progress records, oldest first.
    pub steps: Vec<ProgressStep>,
    pub supplement_requests: Vec<SupplementRequest>,
    pub fees_due: Vec<FeeDue>,
}

/// Code and name of a procedure, as a dossier refers to it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcedureRef {
    pub code: String,
    pub name: String,
}

/// One progress record of a dossier.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProgressStep {
    /// Action taken, for example "Thẩm định hồ sơ".
    pub name: String,
    /// Department that did it.
    pub unit: String,
    pub started_at: LocalDateTime,
    /// `None` while the step is still under way.
    pub finished_at: Option<LocalDateTime>,
    /// Statutory end of the step, when the one-stop system sets one.
    pub deadline: Option<LocalDateTime>,
}

/// A request that the citizen supply more documents (status 5).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SupplementRequest {
    pub requested_at: LocalDateTime,
    /// Unit that asked.
    pub requested_by: String,
    /// Missing documents or corrections, one entry each.
    pub items: Vec<String>,
    /// Date by which the citizen should supply the documents, when set.
    pub respond_by: Option<Date>,
    /// When the supplement arrived; `None` while still awaited.
    pub fulfilled_at: Option<LocalDateTime>,
    /// Due dates before and after the request, when it moved them.
    pub previous_due_date: Option<Date>,
    pub new_due_date: Option<Date>,
}

/// A fee or tax the citizen must pay (status 6), or has paid.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeDue {
    pub name: String,
    pub amount_vnd: u64,
    pub paid: bool,
}

/// Dossier status (TrangThaiHoSo) as one-stop systems report it to the national portal.
///
/// Serialised as its national number (1 to 10).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StatusCode {
    /// 1 Mới đăng ký: submitted online, not yet accepted.
    Submitted,
    /// 2 Được tiếp nhận.
    Accepted,
    /// 3 Không được tiếp nhận.
    Rejected,
    /// 4 Đang xử lý.
    Processing,
    /// 5 Yêu cầu bổ sung giấy tờ.
    SupplementRequested,
    /// 6 Yêu cầu thực hiện nghĩa vụ tài chính.
    PaymentRequested,
    /// 7 Công dân yêu cầu rút hồ sơ.
    WithdrawalRequested,
    /// 8 Dừng xử lý.
    Stopped,
    /// 9 Đã xử lý xong: the result is ready at the desk.
    Completed,
    /// 10 Đã trả kết quả.
    Returned,
}

impl StatusCode {
    pub const ALL: [StatusCode; 10] = [
        StatusCode::Submitted,
        StatusCode::Accepted,
        StatusCode::Rejected,
        StatusCode::Processing,
        StatusCode::SupplementRequested,
        StatusCode::PaymentRequested,
        StatusCode::WithdrawalRequested,
        StatusCode::Stopped,
        StatusCode::Completed,
        StatusCode::Returned,
    ];

    /// Returns the national number, 1 to 10.
    pub fn number(self) -> u8 {
        match self {
            StatusCode::Submitted => 1,
            StatusCode::Accepted => 2,
            StatusCode::Rejected => 3,
            StatusCode::Processing => 4,
            StatusCode::SupplementRequested => 5,
            StatusCode::PaymentRequested => 6,
            StatusCode::WithdrawalRequested => 7,
            StatusCode::Stopped => 8,
            StatusCode::Completed => 9,
            StatusCode::Returned => 10,
        }
    }

    pub fn from_number(number: u8) -> Option<StatusCode> {
        StatusCode::ALL
            .into_iter()
            .find(|status| status.number() == number)
    }

    /// Returns true when processing has ended (3, 7, 8, 9 or 10).
    pub fn is_final(self) -> bool {
        matches!(
            self,
            StatusCode::Rejected
                | StatusCode::WithdrawalRequested
                | StatusCode::Stopped
                | StatusCode::Completed
                | StatusCode::Returned
        )
    }

    /// Returns true while the dossier waits for the citizen (5 and 6); that
    /// time does not count against the due date.
    pub fn is_waiting_for_citizen(self) -> bool {
        matches!(
            self,
            StatusCode::SupplementRequested | StatusCode::PaymentRequested
        )
    }

    /// Returns the national label.
    pub fn label_vi(self) -> &'static str {
        match self {
            StatusCode::Submitted => "Mới đăng ký",
            StatusCode::Accepted => "Được tiếp nhận",
            StatusCode::Rejected => "Không được tiếp nhận",
            StatusCode::Processing => "Đang xử lý",
            StatusCode::SupplementRequested => "Yêu cầu bổ sung giấy tờ",
            StatusCode::PaymentRequested => "Yêu cầu thực hiện nghĩa vụ tài chính",
            StatusCode::WithdrawalRequested => "Công dân yêu cầu rút hồ sơ",
            StatusCode::Stopped => "Dừng xử lý",
            StatusCode::Completed => "Đã xử lý xong",
            StatusCode::Returned => "Đã trả kết quả",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            StatusCode::Submitted => "Submitted",
            StatusCode::Accepted => "Accepted",
            StatusCode::Rejected => "Not accepted",
            StatusCode::Processing => "Being processed",
            StatusCode::SupplementRequested => "More documents requested",
            StatusCode::PaymentRequested => "Payment requested",
            StatusCode::WithdrawalRequested => "Withdrawal requested",
            StatusCode::Stopped => "Processing stopped",
            StatusCode::Completed => "Result ready",
            StatusCode::Returned => "Result returned",
        }
    }
}

impl Serialize for StatusCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u8(self.number())
    }
}

impl<'de> Deserialize<'de> for StatusCode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let number = u8::deserialize(deserializer)?;
        StatusCode::from_number(number).ok_or_else(|| {
            serde::de::Error::custom(format!("dossier status {number} is not in 1..=10"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn national_code_shape() {
        assert!(is_national_procedure_code("1.001193"));
        assert!(!is_national_procedure_code("1.00119"));
        assert!(!is_national_procedure_code("1,001193"));
        assert!(!is_national_procedure_code("a.001193"));
    }

    #[test]
    fn local_code_with_agency_suffix() {
        assert!(is_valid_procedure_code("1.001193"));
        assert!(is_valid_procedure_code("1.000494.000.00.00.H29"));
        assert!(!is_valid_procedure_code("1.000494."));
        assert!(!is_valid_procedure_code("1.000494..H29"));
        assert!(!is_valid_procedure_code("1.000494/../x"));
        assert!(!is_valid_procedure_code("1.0ố0494"));
        assert!(!is_valid_procedure_code(""));
    }

    #[test]
    fn status_serialises_as_number() {
        for status in StatusCode::ALL {
            let json = serde_json::to_string(&status).unwrap();
            assert_eq!(json, status.number().to_string());
            let back: StatusCode = serde_json::from_str(&json).unwrap();
            assert_eq!(back, status);
        }
        assert!(serde_json::from_str::<StatusCode>("0").is_err());
        assert!(serde_json::from_str::<StatusCode>("11").is_err());
    }

    #[test]
    fn final_statuses() {
        let finals: Vec<u8> = StatusCode::ALL
            .into_iter()
            .filter(|s| s.is_final())
            .map(StatusCode::number)
            .collect();
        assert_eq!(finals, vec![3, 7, 8, 9, 10]);
    }

    #[test]
    fn level_api_names_round_trip() {
        for level in Level::ALL {
            assert_eq!(Level::from_api_name(level.as_str()), Some(level));
        }
        assert_eq!(Level::from_api_name(" Province "), Some(Level::Province));
        assert_eq!(Level::from_api_name("tinh"), None);
    }

    #[test]
    fn agencies_all_skips_repeats() {
        let agencies = Agencies {
            competent: vec!["Bộ Tư pháp".into()],
            executing: vec!["Bộ Tư pháp".into(), "UBND cấp xã".into()],
            ..Agencies::default()
        };
        let all: Vec<&str> = agencies.all().collect();
        assert_eq!(all, vec!["Bộ Tư pháp", "UBND cấp xã"]);
    }
}
