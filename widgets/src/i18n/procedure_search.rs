//! Strings of `<dvc-procedure-search>`, Vietnamese and English.
//!
//! Text that takes values is a function so each language can order words its
//! own way; numbers arrive already formatted for the locale.

use super::Locale;
use crate::procedure_search::config::ConfigProblem;

/// Every string the procedure search shows or announces.
pub struct Strings {
    // Search form.
    pub search_label: &'static str,
    pub search_hint: &'static str,
    pub default_placeholder: &'static str,
    pub search_button: &'static str,

    // Scope and filters.
    pub scope_intro: &'static str,
    pub filters_legend: &'static str,
    pub filter_all: &'static str,
    pub level_label: &'static str,
    pub field_label: &'static str,
    pub agency_label: &'static str,
    pub clear_filters: &'static str,
    pub facet_option: fn(&str, &str) -> String,
    pub remove_filter: fn(&str, &str) -> String,

    // Results.
    pub results_heading: &'static str,
    /// Visible and announced count; takes the formatted number.
    pub results_found: fn(&str) -> String,
    /// Takes the formatted numbers shown and total.
    pub results_shown: fn(&str, &str) -> String,
    pub searching: &'static str,
    pub loading_more: &'static str,
    pub load_more: &'static str,
    pub code_label: &'static str,
    pub online_badge: &'static str,
    pub no_results: fn(&str) -> String,
    pub no_results_announcement: &'static str,
    pub suggestions_heading: &'static str,
    pub suggestion_spelling: &'static str,
    pub suggestion_fewer_words: &'static str,
    pub suggestion_filters: &'static str,
    pub example_queries_label: &'static str,
    pub example_queries: &'static [&'static str],

    // Errors.
    pub error_heading: &'static str,
    pub detail_error_heading: &'static str,
    pub error_network: &'static str,
    /// Takes the formatted number of seconds.
    pub error_timeout: fn(&str) -> String,
    pub error_status: fn(u16) -> String,
    pub error_malformed: &'static str,
    pub error_not_found: fn(&str) -> String,
    pub retry: &'static str,

    // Configuration problems, shown instead of the widget.
    pub config_heading: &'static str,
    pub config_problem: fn(&ConfigProblem) -> String,

    // Detail view.
    pub back_to_results: &'static str,
    pub loading_detail: &'static str,
    pub submit_online: &'static str,
    pub official_page: &'static str,
    pub opens_in_new_tab: &'static str,
    pub copy_link: &'static str,
    pub link_copied: &'static str,
    pub copy_failed: &'static str,
    pub print: &'static str,
    pub not_published: &'static str,
    pub applicant_types_heading: &'static str,
    pub procedure_type_label: &'static str,
    pub decision_number_label: &'static str,
    pub channels_heading: &'static str,
    pub channel_column: &'static str,
    pub processing_time_column: &'static str,
    pub fees_column: &'static str,
    pub description_column: &'static str,
    pub free_of_charge: &'static str,
    /// Takes the formatted amount in đồng.
    pub fee_amount: fn(&str) -> String,
    pub documents_heading: &'static str,
    pub single_case_name: &'static str,
    pub originals: fn(u32) -> String,
    pub copies: fn(u32) -> String,
    pub forms_label: &'static str,
    pub steps_heading: &'static str,
    pub step_number: fn(u32) -> String,
    pub conditions_heading: &'static str,
    pub legal_basis_heading: &'static str,
    pub results_of_procedure_heading: &'static str,
    pub agencies_heading: &'static str,
    pub competent_agencies: &'static str,
    pub executing_agencies: &'static str,
    pub authorised_agencies: &'static str,
    pub coordinating_agencies: &'static str,
    pub receiving_address_heading: &'static str,
    pub related_procedures_heading: &'static str,
}

/// Returns the strings of `locale`.
pub fn strings(locale: Locale) -> &'static Strings {
    match locale {
        Locale::Vi => &VI,
        Locale::En => &EN,
    }
}

const LEVEL_VALUES: &str = "ministry, province, district, commune, other";

pub static VI: Strings = Strings {
    search_label: "Tìm thủ tục hành chính",
    search_hint: "Gõ tên thủ tục, có dấu hoặc không dấu. Kết quả hiện ngay bên dưới khi bạn gõ.",
    default_placeholder: "Ví dụ: đăng ký khai sinh",
    search_button: "Tìm",

    scope_intro: "Chỉ tìm trong:",
    filters_legend: "Lọc kết quả",
    filter_all: "Tất cả",
    level_label: "Cấp thực hiện",
    field_label: "Lĩnh vực",
    agency_label: "Cơ quan thực hiện",
    clear_filters: "Xóa bộ lọc",
    facet_option: |name, count| format!("{name} ({count})"),
    remove_filter: |label, value| format!("Bỏ lọc {label}: {value}"),

    results_heading: "Kết quả tìm kiếm",
    results_found: |count| format!("Tìm thấy {count} thủ tục"),
    results_shown: |shown, total| format!("Đang hiển thị {shown} trên {total} thủ tục"),
    searching: "Đang tìm…",
    loading_more: "Đang tải thêm…",
    load_more: "Xem thêm thủ tục",
    code_label: "Mã thủ tục",
    online_badge: "Có nộp trực tuyến",
    no_results: |query| format!("Không tìm thấy thủ tục nào phù hợp với “{query}”."),
    no_results_announcement: "Không tìm thấy thủ tục nào",
    suggestions_heading: "Bạn có thể:",
    suggestion_spelling: "kiểm tra lại chính tả, hoặc gõ không dấu;",
    suggestion_fewer_words: "dùng ít từ hơn, ví dụ “khai sinh” thay cho cả câu;",
    suggestion_filters: "bỏ bớt bộ lọc.",
    example_queries_label: "Thử tìm:",
    example_queries: &["khai sinh", "kết hôn", "hộ chiếu", "lý lịch tư pháp"],

    error_heading: "Không tải được kết quả",
    detail_error_heading: "Không tải được thông tin thủ tục",
    error_network: "Không kết nối được tới máy chủ tra cứu. Hãy kiểm tra kết nối mạng rồi thử lại.",
    error_timeout: |seconds| {
        format!("Máy chủ tra cứu không trả lời sau {seconds} giây. Hãy thử lại.")
    },
    error_status: |status| format!("Máy chủ tra cứu báo lỗi (mã {status}). Hãy thử lại sau."),
    error_malformed: "Máy chủ tra cứu trả về dữ liệu không đọc được. Hãy thử lại sau.",
    error_not_found: |code| format!("Không tìm thấy thủ tục có mã {code}."),
    retry: "Thử lại",

    config_heading: "Công cụ tra cứu thủ tục chưa được cấu hình đúng",
    config_problem: |problem| {
        match problem {
        ConfigProblem::MissingApiBase => "Thiếu thuộc tính api-base: địa chỉ máy chủ API của cổng dịch vụ công, ví dụ api-base=\"https://dichvucong.example.gov.vn\".".to_string(),
        ConfigProblem::InvalidApiBase(value) => format!("Thuộc tính api-base=\"{value}\" không hợp lệ: cần một địa chỉ bắt đầu bằng https:// hoặc http://, hoặc một đường dẫn bắt đầu bằng /."),
        ConfigProblem::InvalidLevel(value) => format!("Thuộc tính level=\"{value}\" không hợp lệ: dùng một trong các giá trị {LEVEL_VALUES}."),
        ConfigProblem::InvalidLocale(value) => format!("Thuộc tính locale=\"{value}\" không hợp lệ: dùng vi hoặc en."),
        ConfigProblem::InvalidPageSize(value) => format!("Thuộc tính page-size=\"{value}\" không hợp lệ: cần một số nguyên từ 1 đến 50."),
        ConfigProblem::InvalidRequestTimeout(value) => format!("Thuộc tính request-timeout=\"{value}\" không hợp lệ: cần số giây từ 1 đến 120."),
    }
    },

    back_to_results: "Quay lại kết quả",
    loading_detail: "Đang tải thông tin thủ tục…",
    submit_online: "Nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia",
    official_page: "Xem trên Cổng Dịch vụ công quốc gia",
    opens_in_new_tab: "(mở trong thẻ mới)",
    copy_link: "Sao chép liên kết",
    link_copied: "Đã sao chép liên kết.",
    copy_failed: "Không sao chép được. Hãy chọn và sao chép liên kết này:",
    print: "In thông tin",
    not_published: "Chưa có thông tin.",
    applicant_types_heading: "Đối tượng thực hiện",
    procedure_type_label: "Loại thủ tục",
    decision_number_label: "Quyết định công bố",
    channels_heading: "Cách thức thực hiện",
    channel_column: "Hình thức nộp",
    processing_time_column: "Thời hạn giải quyết",
    fees_column: "Phí, lệ phí",
    description_column: "Mô tả",
    free_of_charge: "Miễn phí",
    fee_amount: |amount| format!("{amount} đồng"),
    documents_heading: "Thành phần hồ sơ",
    single_case_name: "Hồ sơ gồm",
    originals: |count| format!("Bản chính: {count}"),
    copies: |count| format!("Bản sao: {count}"),
    forms_label: "Mẫu đơn, tờ khai:",
    steps_heading: "Trình tự thực hiện",
    step_number: |number| format!("Bước {number}"),
    conditions_heading: "Yêu cầu, điều kiện",
    legal_basis_heading: "Căn cứ pháp lý",
    results_of_procedure_heading: "Kết quả thực hiện",
    agencies_heading: "Cơ quan thực hiện",
    competent_agencies: "Cơ quan có thẩm quyền",
    executing_agencies: "Cơ quan thực hiện",
    authorised_agencies: "Cơ quan được ủy quyền",
    coordinating_agencies: "Cơ quan phối hợp",
    receiving_address_heading: "Địa chỉ tiếp nhận hồ sơ",
    related_procedures_heading: "Thủ tục hành chính liên quan",
};

pub static EN: Strings = Strings {
    search_label: "Search administrative procedures",
    search_hint: "Type a procedure name, in Vietnamese with or without accents. Results appear below as you type.",
    default_placeholder: "For example: đăng ký khai sinh",
    search_button: "Search",

    scope_intro: "Searching only:",
    filters_legend: "Filter results",
    filter_all: "All",
    level_label: "Level",
    field_label: "Field",
    agency_label: "Agency",
    clear_filters: "Clear filters",
    facet_option: |name, count| format!("{name} ({count})"),
    remove_filter: |label, value| format!("Remove filter {label}: {value}"),

    results_heading: "Search results",
    results_found: |count| {
        if count == "1" {
            "1 procedure found".to_string()
        } else {
            format!("{count} procedures found")
        }
    },
    results_shown: |shown, total| format!("Showing {shown} of {total} procedures"),
    searching: "Searching…",
    loading_more: "Loading more…",
    load_more: "Show more procedures",
    code_label: "Procedure code",
    online_badge: "Online submission",
    no_results: |query| format!("No procedure matches “{query}”."),
    no_results_announcement: "No procedures found",
    suggestions_heading: "You can:",
    suggestion_spelling: "check the spelling, or type without accents;",
    suggestion_fewer_words: "use fewer words, for example “khai sinh” instead of a sentence;",
    suggestion_filters: "remove some filters.",
    example_queries_label: "Try:",
    example_queries: &["khai sinh", "kết hôn", "hộ chiếu", "lý lịch tư pháp"],

    error_heading: "Results could not be loaded",
    detail_error_heading: "The procedure could not be loaded",
    error_network: "Could not reach the lookup server. Check your connection and try again.",
    error_timeout: |seconds| format!("The lookup server did not respond within {seconds} seconds. Please try again."),
    error_status: |status| format!("The lookup server returned an error (HTTP {status}). Please try again later."),
    error_malformed: "The lookup server sent a response that could not be read. Please try again later.",
    error_not_found: |code| format!("No procedure has the code {code}."),
    retry: "Try again",

    config_heading: "The procedure search is not configured correctly",
    config_problem: |problem| match problem {
        ConfigProblem::MissingApiBase => "The api-base attribute is missing: set it to the address of the portal API server, for example api-base=\"https://dichvucong.example.gov.vn\".".to_string(),
        ConfigProblem::InvalidApiBase(value) => format!("api-base=\"{value}\" is invalid: use an address starting with https:// or http://, or a path starting with /."),
        ConfigProblem::InvalidLevel(value) => format!("level=\"{value}\" is invalid: use one of {LEVEL_VALUES}."),
        ConfigProblem::InvalidLocale(value) => format!("locale=\"{value}\" is invalid: use vi or en."),
        ConfigProblem::InvalidPageSize(value) => format!("page-size=\"{value}\" is invalid: use a whole number from 1 to 50."),
        ConfigProblem::InvalidRequestTimeout(value) => format!("request-timeout=\"{value}\" is invalid: use a number of seconds from 1 to 120."),
    },

    back_to_results: "Back to results",
    loading_detail: "Loading the procedure…",
    submit_online: "Submit online on the National Public Service Portal",
    official_page: "View on the National Public Service Portal",
    opens_in_new_tab: "(opens in a new tab)",
    copy_link: "Copy link",
    link_copied: "Link copied.",
    copy_failed: "Copying failed. Select and copy this link:",
    print: "Print",
    not_published: "Not published.",
    applicant_types_heading: "Who can apply",
    procedure_type_label: "Procedure type",
    decision_number_label: "Publishing decision",
    channels_heading: "How to submit",
    channel_column: "Channel",
    processing_time_column: "Processing time",
    fees_column: "Fees",
    description_column: "Description",
    free_of_charge: "Free",
    fee_amount: |amount| format!("{amount} VND"),
    documents_heading: "Documents to submit",
    single_case_name: "Documents",
    originals: |count| format!("Originals: {count}"),
    copies: |count| format!("Copies: {count}"),
    forms_label: "Forms:",
    steps_heading: "Steps",
    step_number: |number| format!("Step {number}"),
    conditions_heading: "Requirements and conditions",
    legal_basis_heading: "Legal basis",
    results_of_procedure_heading: "What you receive",
    agencies_heading: "Agencies",
    competent_agencies: "Competent agency",
    executing_agencies: "Executing agency",
    authorised_agencies: "Authorised agency",
    coordinating_agencies: "Coordinating agency",
    receiving_address_heading: "Where to submit",
    related_procedures_heading: "Related procedures",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_count_agrees_in_number() {
        assert_eq!((EN.results_found)("1"), "1 procedure found");
        assert_eq!((EN.results_found)("1,200"), "1,200 procedures found");
        assert_eq!((VI.results_found)("2.117"), "Tìm thấy 2.117 thủ tục");
    }

    #[test]
    fn config_problems_name_the_attribute() {
        let problem = ConfigProblem::InvalidPageSize("500".into());
        assert!((VI.config_problem)(&problem).contains("page-size=\"500\""));
        assert!((EN.config_problem)(&problem).contains("page-size=\"500\""));
    }
}
