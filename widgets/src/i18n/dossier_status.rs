//! Strings of `<dvc-dossier-status>`, Vietnamese and English.
//!
//! Text that takes values is a function so each language can order words its
//! own way. Numbers and dates arrive already formatted for the locale, except
//! working-day counts, which each language words itself.

use dvc_core::calendar::PublicHoliday;
use dvc_core::date::{Date, LocalDateTime, Weekday};
use dvc_core::model::{ChannelKind, StatusCode};

use super::Locale;
use crate::dossier_status::config::ConfigProblem;

/// Every string the dossier status widget shows or announces.
pub struct Strings {
    // Form.
    pub intro: &'static str,
    pub code_label: &'static str,
    /// Takes an example code of the usual shape.
    pub code_hint: fn(&str) -> String,
    pub default_verifier_label: &'static str,
    pub verifier_hint: &'static str,
    pub submit: &'static str,
    pub code_missing: &'static str,
    /// Takes the maximum number of characters.
    pub code_too_long: fn(usize) -> String,
    pub code_control_character: &'static str,
    pub verifier_missing: &'static str,
    /// Takes the maximum number of characters.
    pub verifier_too_long: fn(usize) -> String,
    pub verifier_control_character: &'static str,
    /// Shown under the field when the code has another shape than usual.
    pub code_unusual: &'static str,

    // QR code of the receipt.
    pub qr_camera_button: &'static str,
    pub qr_photo_button: &'static str,
    pub qr_camera_instructions: &'static str,
    pub qr_video_label: &'static str,
    pub qr_stop: &'static str,
    pub qr_starting: &'static str,
    pub qr_camera_unavailable: &'static str,
    pub qr_reading_photo: &'static str,
    pub qr_no_code_found: &'static str,
    pub qr_not_a_dossier_code: &'static str,
    /// Takes the code read.
    pub qr_code_read: fn(&str) -> String,

    // Lookup and result.
    pub looking_up: &'static str,
    /// Takes the dossier code.
    pub result_heading: fn(&str) -> String,
    pub procedure_label: &'static str,
    pub status_label: &'static str,
    pub status_name: fn(StatusCode) -> &'static str,
    pub status_explanation: fn(StatusCode) -> &'static str,
    pub next_step_heading: &'static str,
    /// Takes the status, the submission channel and the processing unit.
    pub next_step: fn(StatusCode, ChannelKind, &str) -> String,
    pub received_label: &'static str,
    pub due_label: &'static str,
    pub finished_label: &'static str,
    pub deadline_label: &'static str,
    pub due_not_set: &'static str,
    /// Takes the working days left, 1 or more.
    pub working_days_left: fn(i64) -> String,
    pub due_today: &'static str,
    /// Takes the working days overdue, 1 or more.
    pub working_days_overdue: fn(i64) -> String,
    /// Takes the day the wait began, formatted.
    pub paused_since: fn(&str) -> String,
    pub paused: &'static str,
    /// Takes the working days that were left when the wait began, 1 or more.
    pub paused_days_left: fn(i64) -> String,
    /// The wait began on the due date itself.
    pub paused_on_due_date: &'static str,
    /// Takes the working days that were overdue when the wait began.
    pub paused_days_overdue: fn(i64) -> String,
    pub finished_on_time: &'static str,
    /// Takes the working days late, 1 or more.
    pub finished_late: fn(i64) -> String,
    pub ended_no_deadline: &'static str,
    /// Takes the names of the holidays, already joined.
    pub holidays_skipped: fn(&str) -> String,
    pub holiday_name: fn(PublicHoliday) -> &'static str,
    pub processing_unit_label: &'static str,
    pub applicant_label: &'static str,
    pub applicant_masked_note: &'static str,
    pub channel_label: &'static str,

    // Supplement requests and fees.
    pub supplement_heading: &'static str,
    /// Takes the unit that asked and the time, formatted.
    pub supplement_requested: fn(&str, &str) -> String,
    pub supplement_respond_by_label: &'static str,
    pub supplement_no_deadline: &'static str,
    /// Takes the working days left until the date, 1 or more.
    pub supplement_days_left: fn(i64) -> String,
    pub supplement_due_today: &'static str,
    /// Takes the working days since the date passed, 1 or more.
    pub supplement_days_overdue: fn(i64) -> String,
    /// Takes the processing unit.
    pub supplement_where: fn(&str) -> String,
    pub supplement_history_heading: &'static str,
    /// Takes the time the supplement arrived, formatted.
    pub supplement_answered: fn(&str) -> String,
    /// Takes the previous and the new due date, formatted.
    pub supplement_due_moved: fn(&str, &str) -> String,
    pub fees_heading: &'static str,
    /// Takes the amount formatted with digit grouping.
    pub amount_vnd: fn(&str) -> String,
    pub fee_paid: &'static str,
    pub fee_unpaid: &'static str,
    /// Takes the amount, formatted by `amount_vnd`.
    pub fees_total: fn(&str) -> String,

    // Progress steps.
    pub steps_heading: &'static str,
    pub step_current: &'static str,
    /// The latest step, finished, while no later step has started.
    pub step_latest: &'static str,
    pub step_done: &'static str,
    /// Takes a formatted time.
    pub step_started: fn(&str) -> String,
    /// Takes a formatted time.
    pub step_finished: fn(&str) -> String,
    /// Takes a formatted time.
    pub step_deadline: fn(&str) -> String,
    pub step_finished_late: &'static str,
    pub no_steps: &'static str,
    pub national_portal_link: &'static str,
    pub custom_portal_link: &'static str,

    // Errors.
    pub error_heading: &'static str,
    pub error_not_found: &'static str,
    /// Added to the not-found message when the code has an unusual shape.
    pub error_not_found_unusual_code: &'static str,
    /// Takes the wait, worded by `wait_seconds` or `wait_minutes`; `None`
    /// when the server named no wait.
    pub error_rate_limited: fn(Option<&str>) -> String,
    pub error_code_locked: fn(Option<&str>) -> String,
    pub wait_seconds: fn(u64) -> String,
    pub wait_minutes: fn(u64) -> String,
    pub error_network: &'static str,
    /// Takes the formatted number of seconds.
    pub error_timeout: fn(&str) -> String,
    pub error_malformed: &'static str,
    pub error_status: fn(u16) -> String,
    pub retry: &'static str,

    // Screen reader announcements.
    /// Takes the status name.
    pub announce_found: fn(&str) -> String,
    pub announce_failed: &'static str,

    // Configuration problems, shown instead of the widget.
    pub config_heading: &'static str,
    pub config_problem: fn(&ConfigProblem) -> String,

    // Dates.
    pub date: fn(Date) -> String,
    pub date_with_weekday: fn(Date) -> String,
    pub date_time: fn(LocalDateTime) -> String,
}

/// Returns the strings of `locale`.
pub fn strings(locale: Locale) -> &'static Strings {
    match locale {
        Locale::Vi => &VI,
        Locale::En => &EN,
    }
}

pub static VI: Strings = Strings {
    intro: "Nhập mã hồ sơ và thông tin xác minh để xem hồ sơ đang ở bước nào, hạn trả kết quả và việc bạn cần làm.",
    code_label: "Mã hồ sơ",
    code_hint: |example| {
        format!(
            "In trên giấy tiếp nhận hồ sơ và hẹn trả kết quả, thường có dạng {example} \
             (mã cơ quan, ngày nộp, số thứ tự). Mã có dạng khác vẫn tra cứu được."
        )
    },
    default_verifier_label: "4 số cuối số định danh cá nhân (CCCD)",
    verifier_hint: "Để xác minh bạn là người nộp hồ sơ. Tiện ích không lưu thông tin này.",
    submit: "Tra cứu",
    code_missing: "Nhập mã hồ sơ in trên giấy tiếp nhận hồ sơ.",
    code_too_long: |max| format!("Mã hồ sơ quá dài: tối đa {max} ký tự. Hãy kiểm tra lại mã."),
    code_control_character: "Mã hồ sơ có ký tự không hợp lệ. Hãy gõ lại mã thay vì dán.",
    verifier_missing: "Nhập thông tin xác minh.",
    verifier_too_long: |max| format!("Thông tin xác minh quá dài: tối đa {max} ký tự."),
    verifier_control_character: "Thông tin xác minh có ký tự không hợp lệ. Hãy gõ lại.",
    code_unusual: "Mã này khác dạng thường gặp. Vẫn có thể tra cứu; nếu không tìm thấy, hãy so lại từng ký tự với giấy tiếp nhận.",

    qr_camera_button: "Quét mã QR trên giấy tiếp nhận",
    qr_photo_button: "Chọn ảnh chụp mã QR",
    qr_camera_instructions: "Đưa mã QR trên giấy tiếp nhận vào khung hình.",
    qr_video_label: "Hình ảnh từ máy ảnh",
    qr_stop: "Dừng quét",
    qr_starting: "Đang mở máy ảnh…",
    qr_camera_unavailable: "Không mở được máy ảnh. Bạn có thể chọn ảnh chụp mã QR, hoặc nhập mã bằng tay.",
    qr_reading_photo: "Đang đọc mã QR trong ảnh…",
    qr_no_code_found: "Không thấy mã QR trong ảnh. Hãy chụp rõ và đủ sáng, hoặc nhập mã bằng tay.",
    qr_not_a_dossier_code: "Mã QR này không chứa mã hồ sơ. Hãy nhập mã bằng tay.",
    qr_code_read: |code| format!("Đã đọc mã hồ sơ {code}. Hãy nhập thông tin xác minh rồi bấm Tra cứu."),

    looking_up: "Đang tra cứu hồ sơ…",
    result_heading: |code| format!("Hồ sơ {code}"),
    procedure_label: "Thủ tục",
    status_label: "Trạng thái",
    status_name: StatusCode::label_vi,
    status_explanation: |status| match status {
        StatusCode::Submitted => "Hồ sơ đã được gửi trực tuyến và đang chờ bộ phận một cửa kiểm tra để tiếp nhận.",
        StatusCode::Accepted => "Bộ phận một cửa đã tiếp nhận hồ sơ và chuyển đến cơ quan giải quyết.",
        StatusCode::Rejected => "Hồ sơ không được tiếp nhận, nên sẽ không được giải quyết. Lý do thường là hồ sơ không thuộc thẩm quyền của cơ quan hoặc chưa đủ điều kiện.",
        StatusCode::Processing => "Cơ quan có thẩm quyền đang thẩm định và giải quyết hồ sơ.",
        StatusCode::SupplementRequested => "Cơ quan giải quyết cần bạn bổ sung hoặc sửa giấy tờ trước khi giải quyết tiếp.",
        StatusCode::PaymentRequested => "Cơ quan đã thông báo khoản phí, lệ phí hoặc thuế bạn phải nộp trước khi nhận kết quả.",
        StatusCode::WithdrawalRequested => "Hồ sơ đã được rút theo đề nghị của người nộp, nên cơ quan không giải quyết tiếp.",
        StatusCode::Stopped => "Cơ quan đã dừng xử lý hồ sơ, ví dụ vì giấy tờ không được bổ sung đúng hạn hoặc hồ sơ không đủ điều kiện giải quyết.",
        StatusCode::Completed => "Hồ sơ đã giải quyết xong. Kết quả đang chờ bạn nhận.",
        StatusCode::Returned => "Kết quả đã được trả cho người nộp hồ sơ.",
    },
    next_step_heading: "Việc bạn cần làm",
    next_step: |status, channel, unit| match status {
        StatusCode::Submitted => "Bạn chưa cần làm gì. Khi hồ sơ được tiếp nhận, bạn sẽ có ngày hẹn trả kết quả; nếu hồ sơ thiếu giấy tờ, cơ quan sẽ báo để bạn bổ sung.".to_string(),
        StatusCode::Accepted | StatusCode::Processing => "Bạn chưa cần làm gì. Nếu cần bổ sung giấy tờ hoặc nộp phí, cơ quan sẽ báo cho bạn.".to_string(),
        StatusCode::Rejected => format!("Xem lý do trong thông báo của bộ phận một cửa (tin nhắn, thư điện tử hoặc tài khoản trên cổng dịch vụ công), hoặc hỏi {unit}. Bạn có thể chuẩn bị lại và nộp hồ sơ mới."),
        StatusCode::SupplementRequested => "Nộp đủ các giấy tờ nêu dưới đây trước hạn. Khi cơ quan nhận đủ, hồ sơ được giải quyết tiếp và ngày hẹn trả được tính lại.".to_string(),
        StatusCode::PaymentRequested => format!("Nộp khoản tiền nêu dưới đây trực tuyến trên cổng dịch vụ công hoặc tại {unit}, và giữ biên lai. Hồ sơ được giải quyết tiếp khi cơ quan nhận được tiền."),
        StatusCode::WithdrawalRequested => format!("Nếu bạn không đề nghị rút hồ sơ, hãy liên hệ ngay {unit}. Muốn được giải quyết, bạn cần nộp hồ sơ mới."),
        StatusCode::Stopped => format!("Liên hệ {unit} để biết lý do và cách nộp lại hồ sơ."),
        StatusCode::Completed => match channel {
            ChannelKind::Postal => format!("Kết quả sẽ được gửi qua dịch vụ bưu chính tới địa chỉ bạn đã đăng ký. Nếu chưa nhận được, hãy liên hệ {unit}."),
            ChannelKind::Online => format!("Nhận kết quả tại {unit}, mang theo giấy tiếp nhận hồ sơ và giấy tờ tùy thân. Nếu cơ quan trả kết quả điện tử, bạn cũng xem được trong tài khoản trên cổng dịch vụ công."),
            ChannelKind::InPerson => format!("Nhận kết quả tại {unit}, mang theo giấy tiếp nhận hồ sơ và giấy tờ tùy thân."),
        },
        StatusCode::Returned => format!("Bạn không cần làm gì thêm. Nếu chưa nhận được kết quả, hãy liên hệ {unit}."),
    },
    received_label: "Ngày tiếp nhận",
    due_label: "Ngày hẹn trả kết quả",
    finished_label: "Ngày xử lý xong",
    deadline_label: "Thời hạn",
    due_not_set: "Chưa có. Ngày hẹn trả được tính khi hồ sơ được tiếp nhận.",
    working_days_left: |days| format!("Còn {days} ngày làm việc"),
    due_today: "Hôm nay là ngày hẹn trả kết quả",
    working_days_overdue: |days| format!("Quá hạn {days} ngày làm việc"),
    paused_since: |date| format!("Tạm dừng tính thời hạn từ {date} trong khi chờ bạn"),
    paused: "Tạm dừng tính thời hạn trong khi chờ bạn",
    paused_days_left: |days| format!("lúc đó còn {days} ngày làm việc"),
    paused_on_due_date: "lúc đó là đúng ngày hẹn trả",
    paused_days_overdue: |days| format!("lúc đó đã quá hạn {days} ngày làm việc"),
    finished_on_time: "Giải quyết đúng hạn",
    finished_late: |days| format!("Giải quyết trễ hạn {days} ngày làm việc"),
    ended_no_deadline: "Hồ sơ đã dừng nên không còn tính thời hạn.",
    holidays_skipped: |names| format!("Không tính ngày nghỉ: {names}."),
    holiday_name: PublicHoliday::label_vi,
    processing_unit_label: "Cơ quan đang xử lý",
    applicant_label: "Người nộp hồ sơ",
    applicant_masked_note: "(tên đã được che bớt để bảo vệ thông tin cá nhân)",
    channel_label: "Hình thức nộp",

    supplement_heading: "Giấy tờ cần bổ sung",
    supplement_requested: |unit, time| format!("{unit} yêu cầu lúc {time}:"),
    supplement_respond_by_label: "Hạn bổ sung",
    supplement_no_deadline: "Cơ quan chưa ghi hạn bổ sung; hãy nộp sớm.",
    supplement_days_left: |days| format!("còn {days} ngày làm việc"),
    supplement_due_today: "hôm nay là hạn cuối",
    supplement_days_overdue: |days| format!("đã quá hạn {days} ngày làm việc"),
    supplement_where: |unit| format!("Nộp giấy tờ bổ sung tại {unit}, hoặc trực tuyến nếu bạn đã nộp hồ sơ qua cổng dịch vụ công."),
    supplement_history_heading: "Các lần bổ sung trước",
    supplement_answered: |time| format!("Đã bổ sung lúc {time}."),
    supplement_due_moved: |previous, new| format!("Ngày hẹn trả đổi từ {previous} sang {new}."),
    fees_heading: "Phí, lệ phí",
    amount_vnd: |amount| format!("{amount} đồng"),
    fee_paid: "đã nộp",
    fee_unpaid: "chưa nộp",
    fees_total: |amount| format!("Tổng số tiền cần nộp: {amount}"),

    steps_heading: "Tiến trình xử lý",
    step_current: "Đang thực hiện",
    step_latest: "Bước gần nhất",
    step_done: "Đã xong",
    step_started: |time| format!("Bắt đầu: {time}"),
    step_finished: |time| format!("Hoàn thành: {time}"),
    step_deadline: |time| format!("Hạn: {time}"),
    step_finished_late: "Hoàn thành sau hạn",
    no_steps: "Chưa có bước xử lý nào được ghi nhận.",
    national_portal_link: "Xem hồ sơ trên Cổng Dịch vụ công quốc gia",
    custom_portal_link: "Xem hồ sơ trên cổng dịch vụ công",

    error_heading: "Không tra cứu được hồ sơ",
    error_not_found: "Không tìm thấy hồ sơ khớp với mã hồ sơ và thông tin xác minh đã nhập. Hãy kiểm tra lại cả hai.",
    error_not_found_unusual_code: "Mã bạn nhập khác dạng thường gặp; hãy so lại từng ký tự với giấy tiếp nhận.",
    error_rate_limited: |wait| match wait {
        Some(wait) => format!("Bạn đã tra cứu quá nhiều lần. Vui lòng chờ {wait} rồi thử lại."),
        None => "Bạn đã tra cứu quá nhiều lần. Vui lòng chờ ít phút rồi thử lại.".to_string(),
    },
    error_code_locked: |wait| match wait {
        Some(wait) => format!("Mã hồ sơ này tạm bị khóa tra cứu vì thông tin xác minh bị nhập sai nhiều lần. Vui lòng chờ {wait} rồi thử lại."),
        None => "Mã hồ sơ này tạm bị khóa tra cứu vì thông tin xác minh bị nhập sai nhiều lần. Vui lòng thử lại sau.".to_string(),
    },
    wait_seconds: |seconds| format!("{seconds} giây"),
    wait_minutes: |minutes| format!("{minutes} phút"),
    error_network: "Không kết nối được tới máy chủ tra cứu. Kiểm tra kết nối mạng rồi thử lại.",
    error_timeout: |seconds| format!("Máy chủ tra cứu không trả lời sau {seconds} giây. Vui lòng thử lại."),
    error_malformed: "Máy chủ tra cứu trả về dữ liệu không đọc được. Vui lòng thử lại sau.",
    error_status: |status| format!("Hệ thống tra cứu đang gặp sự cố (mã lỗi {status}). Vui lòng thử lại sau."),
    retry: "Thử lại",

    announce_found: |status| format!("Đã tìm thấy hồ sơ. Trạng thái: {status}."),
    announce_failed: "Không tra cứu được hồ sơ.",

    config_heading: "Tiện ích tra cứu hồ sơ chưa được cấu hình đúng",
    config_problem: |problem| match problem {
        ConfigProblem::MissingApiBase => {
            "Thiếu thuộc tính api-base: địa chỉ máy chủ API của cổng, ví dụ api-base=\"https://dichvucong.example.gov.vn\".".to_string()
        }
        ConfigProblem::InvalidApiBase(value) => format!(
            "api-base=\"{value}\" không hợp lệ: cần địa chỉ http(s) đầy đủ hoặc đường dẫn bắt đầu bằng /, không có ? hoặc #."
        ),
        ConfigProblem::InvalidLocale(value) => {
            format!("locale=\"{value}\" không được hỗ trợ: dùng vi hoặc en.")
        }
        ConfigProblem::InvalidPortalUrl(value) => {
            format!("portal-url=\"{value}\" không hợp lệ: cần địa chỉ http(s) đầy đủ.")
        }
        ConfigProblem::InvalidRequestTimeout(value) => format!(
            "request-timeout=\"{value}\" không hợp lệ: cần số giây từ 1 đến 120."
        ),
    },

    date: |date| format!("{:02}/{:02}/{}", date.day(), date.month(), date.year()),
    date_with_weekday: |date| {
        let weekday = match date.weekday() {
            Weekday::Monday => "Thứ Hai",
            Weekday::Tuesday => "Thứ Ba",
            Weekday::Wednesday => "Thứ Tư",
            Weekday::Thursday => "Thứ Năm",
            Weekday::Friday => "Thứ Sáu",
            Weekday::Saturday => "Thứ Bảy",
            Weekday::Sunday => "Chủ Nhật",
        };
        format!("{weekday}, {:02}/{:02}/{}", date.day(), date.month(), date.year())
    },
    date_time: |time| {
        let date = time.date();
        format!(
            "{:02}:{:02} ngày {:02}/{:02}/{}",
            time.hour(),
            time.minute(),
            date.day(),
            date.month(),
            date.year()
        )
    },
};

const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn en_date(date: Date) -> String {
    let month = EN_MONTHS
        .get(usize::from(date.month()).saturating_sub(1))
        .copied()
        .unwrap_or_default();
    format!("{} {month} {}", date.day(), date.year())
}

/// Returns "1 working day" or "N working days".
fn en_working_days(days: i64) -> String {
    if days == 1 {
        "1 working day".to_string()
    } else {
        format!("{days} working days")
    }
}

pub static EN: Strings = Strings {
    intro: "Enter the dossier code and the verification details to see where your dossier is, when the result is due and what you need to do.",
    code_label: "Dossier code (mã hồ sơ)",
    code_hint: |example| {
        format!(
            "Printed on the receipt and appointment slip, usually shaped like {example} \
             (agency code, submission date, number). Codes of other shapes can be looked up too."
        )
    },
    default_verifier_label: "Last 4 digits of your personal identification number (CCCD)",
    verifier_hint: "Proves that you submitted the dossier. The widget does not keep it.",
    submit: "Look up",
    code_missing: "Enter the dossier code printed on your receipt.",
    code_too_long: |max| format!("The dossier code is too long: at most {max} characters. Please check it."),
    code_control_character: "The dossier code contains an invalid character. Type it instead of pasting it.",
    verifier_missing: "Enter the verification details.",
    verifier_too_long: |max| format!("The verification details are too long: at most {max} characters."),
    verifier_control_character: "The verification details contain an invalid character. Please type them again.",
    code_unusual: "This code has an unusual shape. It can still be looked up; if it is not found, compare it character by character with your receipt.",

    qr_camera_button: "Scan the QR code on your receipt",
    qr_photo_button: "Choose a photo of the QR code",
    qr_camera_instructions: "Hold the QR code on your receipt inside the frame.",
    qr_video_label: "Camera view",
    qr_stop: "Stop scanning",
    qr_starting: "Opening the camera…",
    qr_camera_unavailable: "The camera could not be opened. You can choose a photo of the QR code, or type the code.",
    qr_reading_photo: "Reading the QR code in the photo…",
    qr_no_code_found: "No QR code was found in the photo. Take a sharp, well-lit photo, or type the code.",
    qr_not_a_dossier_code: "This QR code holds no dossier code. Please type the code.",
    qr_code_read: |code| format!("Dossier code {code} read. Enter the verification details, then press Look up."),

    looking_up: "Looking up the dossier…",
    result_heading: |code| format!("Dossier {code}"),
    procedure_label: "Procedure",
    status_label: "Status",
    status_name: StatusCode::label_en,
    status_explanation: |status| match status {
        StatusCode::Submitted => "The dossier was submitted online and waits for the one-stop desk to check and accept it.",
        StatusCode::Accepted => "The one-stop desk accepted the dossier and passed it to the agency that decides on it.",
        StatusCode::Rejected => "The dossier was not accepted, so it will not be processed. Usually the agency is not competent for it or the conditions are not met.",
        StatusCode::Processing => "The competent agency is reviewing and processing the dossier.",
        StatusCode::SupplementRequested => "The agency needs you to add or correct documents before it can go on.",
        StatusCode::PaymentRequested => "The agency has told you the fee, charge or tax to pay before you receive the result.",
        StatusCode::WithdrawalRequested => "The dossier was withdrawn at the applicant's request, so the agency stopped processing it.",
        StatusCode::Stopped => "The agency stopped processing the dossier, for example because documents were not supplied in time or the conditions are not met.",
        StatusCode::Completed => "The dossier has been processed. The result is waiting for you.",
        StatusCode::Returned => "The result has been handed to the applicant.",
    },
    next_step_heading: "What you need to do",
    next_step: |status, channel, unit| match status {
        StatusCode::Submitted => "Nothing yet. Once the dossier is accepted it gets a due date; if documents are missing, the agency will tell you.".to_string(),
        StatusCode::Accepted | StatusCode::Processing => "Nothing yet. If documents or a payment are needed, the agency will tell you.".to_string(),
        StatusCode::Rejected => format!("Read the reason in the one-stop desk's notice (text message, email or your account on the public service portal), or ask {unit}. You can prepare and submit a new dossier."),
        StatusCode::SupplementRequested => "Hand in every document listed below before the deadline. Once the agency has them all, processing resumes and the due date is set again.".to_string(),
        StatusCode::PaymentRequested => format!("Pay the amount below online on the public service portal or at {unit}, and keep the receipt. Processing resumes once the agency has received the payment."),
        StatusCode::WithdrawalRequested => format!("If you did not ask to withdraw the dossier, contact {unit} at once. To have it processed you need to submit a new dossier."),
        StatusCode::Stopped => format!("Contact {unit} to learn why and how to submit the dossier again."),
        StatusCode::Completed => match channel {
            ChannelKind::Postal => format!("The result will be sent by post to the address you gave. If it does not arrive, contact {unit}."),
            ChannelKind::Online => format!("Collect the result at {unit}, bringing your receipt and an identity document. If the agency issues an electronic result, it is also in your account on the public service portal."),
            ChannelKind::InPerson => format!("Collect the result at {unit}, bringing your receipt and an identity document."),
        },
        StatusCode::Returned => format!("Nothing more to do. If you have not received the result, contact {unit}."),
    },
    received_label: "Received",
    due_label: "Result due",
    finished_label: "Processing ended",
    deadline_label: "Time limit",
    due_not_set: "Not yet. The due date is set when the dossier is accepted.",
    working_days_left: |days| format!("{} left", en_working_days(days)),
    due_today: "The result is due today",
    working_days_overdue: |days| format!("Overdue by {}", en_working_days(days)),
    paused_since: |date| format!("The time limit has been paused since {date} while the agency waits for you"),
    paused: "The time limit is paused while the agency waits for you",
    paused_days_left: |days| format!("{} were left then", en_working_days(days)),
    paused_on_due_date: "it was the due date itself",
    paused_days_overdue: |days| format!("it was overdue by {} then", en_working_days(days)),
    finished_on_time: "Processed on time",
    finished_late: |days| format!("Processed {} late", en_working_days(days)),
    ended_no_deadline: "Processing has ended, so no time limit applies.",
    holidays_skipped: |names| format!("Days off not counted: {names}."),
    holiday_name: PublicHoliday::label_en,
    processing_unit_label: "Handled by",
    applicant_label: "Applicant",
    applicant_masked_note: "(name partly hidden to protect personal data)",
    channel_label: "Submitted",

    supplement_heading: "Documents to add",
    supplement_requested: |unit, time| format!("{unit} asked on {time}:"),
    supplement_respond_by_label: "Deadline for the documents",
    supplement_no_deadline: "The agency set no deadline; hand them in soon.",
    supplement_days_left: |days| format!("{} left", en_working_days(days)),
    supplement_due_today: "today is the last day",
    supplement_days_overdue: |days| format!("overdue by {}", en_working_days(days)),
    supplement_where: |unit| format!("Hand in the documents at {unit}, or online if you submitted the dossier on the public service portal."),
    supplement_history_heading: "Earlier requests for documents",
    supplement_answered: |time| format!("Documents added on {time}."),
    supplement_due_moved: |previous, new| format!("The due date moved from {previous} to {new}."),
    fees_heading: "Fees and charges",
    amount_vnd: |amount| format!("{amount} VND"),
    fee_paid: "paid",
    fee_unpaid: "not paid",
    fees_total: |amount| format!("Total to pay: {amount}"),

    steps_heading: "Progress",
    step_current: "In progress",
    step_latest: "Latest step",
    step_done: "Done",
    step_started: |time| format!("Started: {time}"),
    step_finished: |time| format!("Finished: {time}"),
    step_deadline: |time| format!("Deadline: {time}"),
    step_finished_late: "Finished after the deadline",
    no_steps: "No processing step has been recorded yet.",
    national_portal_link: "See the dossier on the National Public Service Portal",
    custom_portal_link: "See the dossier on the public service portal",

    error_heading: "The dossier could not be looked up",
    error_not_found: "No dossier matches the dossier code and verification details you entered. Please check both.",
    error_not_found_unusual_code: "The code you entered has an unusual shape; compare it character by character with your receipt.",
    error_rate_limited: |wait| match wait {
        Some(wait) => format!("Too many lookups. Please wait {wait} and try again."),
        None => "Too many lookups. Please wait a few minutes and try again.".to_string(),
    },
    error_code_locked: |wait| match wait {
        Some(wait) => format!("Lookups of this dossier code are locked for a while because wrong verification details were entered too often. Please wait {wait} and try again."),
        None => "Lookups of this dossier code are locked for a while because wrong verification details were entered too often. Please try again later.".to_string(),
    },
    wait_seconds: |seconds| {
        if seconds == 1 {
            "1 second".to_string()
        } else {
            format!("{seconds} seconds")
        }
    },
    wait_minutes: |minutes| {
        if minutes == 1 {
            "1 minute".to_string()
        } else {
            format!("{minutes} minutes")
        }
    },
    error_network: "The lookup server could not be reached. Check your connection and try again.",
    error_timeout: |seconds| format!("The lookup server did not answer within {seconds} seconds. Please try again."),
    error_malformed: "The lookup server sent data that cannot be read. Please try again later.",
    error_status: |status| format!("The lookup service has a problem (error {status}). Please try again later."),
    retry: "Try again",

    announce_found: |status| format!("Dossier found. Status: {status}."),
    announce_failed: "The dossier could not be looked up.",

    config_heading: "The dossier status widget is not configured correctly",
    config_problem: |problem| match problem {
        ConfigProblem::MissingApiBase => {
            "The api-base attribute is missing: the address of the portal's API server, e.g. api-base=\"https://dichvucong.example.gov.vn\".".to_string()
        }
        ConfigProblem::InvalidApiBase(value) => format!(
            "api-base=\"{value}\" is invalid: use a full http(s) address or a path starting with /, without ? or #."
        ),
        ConfigProblem::InvalidLocale(value) => {
            format!("locale=\"{value}\" is not supported: use vi or en.")
        }
        ConfigProblem::InvalidPortalUrl(value) => {
            format!("portal-url=\"{value}\" is invalid: use a full http(s) address.")
        }
        ConfigProblem::InvalidRequestTimeout(value) => format!(
            "request-timeout=\"{value}\" is invalid: use a number of seconds from 1 to 120."
        ),
    },

    date: en_date,
    date_with_weekday: |date| {
        let weekday = match date.weekday() {
            Weekday::Monday => "Monday",
            Weekday::Tuesday => "Tuesday",
            Weekday::Wednesday => "Wednesday",
            Weekday::Thursday => "Thursday",
            Weekday::Friday => "Friday",
            Weekday::Saturday => "Saturday",
            Weekday::Sunday => "Sunday",
        };
        format!("{weekday}, {}", en_date(date))
    },
    date_time: |time| {
        format!(
            "{}, {:02}:{:02}",
            en_date(time.date()),
            time.hour(),
            time.minute()
        )
    },
};

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: i32, month: u8, day: u8) -> Date {
        Date::from_ymd(year, month, day).unwrap()
    }

    #[test]
    fn working_day_counts_in_words() {
        assert_eq!((VI.working_days_left)(3), "Còn 3 ngày làm việc");
        assert_eq!((VI.working_days_overdue)(2), "Quá hạn 2 ngày làm việc");
        assert_eq!((EN.working_days_left)(1), "1 working day left");
        assert_eq!((EN.working_days_overdue)(2), "Overdue by 2 working days");
    }

    #[test]
    fn dates_per_locale() {
        let day = date(2026, 3, 5);
        assert_eq!((VI.date)(day), "05/03/2026");
        assert_eq!((VI.date_with_weekday)(day), "Thứ Năm, 05/03/2026");
        assert_eq!((EN.date_with_weekday)(day), "Thursday, 5 March 2026");
        let time = LocalDateTime::new(day, 9, 5, 0).unwrap();
        assert_eq!((VI.date_time)(time), "09:05 ngày 05/03/2026");
        assert_eq!((EN.date_time)(time), "5 March 2026, 09:05");
    }

    #[test]
    fn fee_amount_in_vietnamese_form() {
        let amount = Locale::Vi.format_integer(1_550_000);
        assert_eq!((VI.amount_vnd)(&amount), "1.550.000 đồng");
        assert_eq!(
            (EN.amount_vnd)(&Locale::En.format_integer(50_000)),
            "50,000 VND"
        );
    }

    #[test]
    fn every_status_explained_in_both_locales() {
        for status in StatusCode::ALL {
            for text in [&VI, &EN] {
                assert!(!(text.status_explanation)(status).is_empty());
                let next = (text.next_step)(status, ChannelKind::InPerson, "UBND phường");
                assert!(!next.is_empty(), "{status:?}");
            }
        }
    }
}
