//! Search quality over the real national catalogue.
//!
//! The catalogue and the development queries live outside the repository
//! (they come from third-party scrapes without a licence), in the shared data
//! folder: `DVC_SHARED_DATA`, or else `../shared/data` beside the workspace.
//! Without it these tests print "skipped: set DVC_SHARED_DATA" and pass.
//!
//! The test reads only the raw fields the search indexes (code, name,
//! levels, field, agencies, applicant types, result names), because this
//! crate cannot use the demo portal's importer.
//!
//! `HELD_OUT` is a set of citizen-style queries written for this test and not
//! used to tune the ranking: it measures how the search does on queries its
//! author did not tune for.

// clippy.toml allows unwrap in test functions only; the loaders here are
// helpers of an integration test, where a panic is a test failure too.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader};
use std::path::PathBuf;

use dvc_core::model::{Agencies, Level, Procedure, ProcedureResult};
use dvc_core::search::{SearchIndex, SearchRequest};
use dvc_core::text::{fold, nfc};

/// Query, kind, and the codes of which at least one should rank in the top 5.
const HELD_OUT: &[(&str, &str, &[&str])] = &[
    // Without marks.
    ("dang ky khai sinh", "no-accent", &["1.001193"]),
    ("dang ky ket hon", "no-accent", &["1.000894"]),
    ("dang ky tam tru", "no-accent", &["1.004194"]),
    ("dang ky thuong tru", "no-accent", &["1.004222"]),
    ("khai bao tam vang", "no-accent", &["1.003677"]),
    (
        "cap lai the can cuoc",
        "no-accent",
        &["1.014064", "1.000757", "2.001194"],
    ),
    ("tach ho", "no-accent", &["1.010038"]),
    ("xac nhan tinh trang hon nhan", "no-accent", &["1.004873"]),
    ("dang ky giam ho", "no-accent", &["1.004837"]),
    ("chung thuc ban sao", "no-accent", &["2.000815"]),
    (
        "cap phieu ly lich tu phap",
        "no-accent",
        &["3.000330", "3.000333"],
    ),
    (
        "dang ky thanh lap ho kinh doanh",
        "no-accent",
        &["1.001612"],
    ),
    (
        "cham dut hoat dong ho kinh doanh",
        "no-accent",
        &["1.001266"],
    ),
    ("cap giay phep lai xe quoc te", "no-accent", &["3.000353"]),
    (
        "gia han tam tru cho nguoi nuoc ngoai",
        "no-accent",
        &["1.001146", "1.003326"],
    ),
    (
        "cap thi thuc dien tu",
        "no-accent",
        &["1.002756", "1.002757"],
    ),
    ("hoan thue gia tri gia tang", "no-accent", &["1.007037"]),
    ("khoi phuc ma so thue", "no-accent", &["1.008510"]),
    ("tach thua dat", "no-accent", &["1.012784"]),
    ("cong nhan ho ngheo", "no-accent", &["1.011606", "1.011607"]),
    ("dang ky nhan cha me con", "no-accent", &["1.001022"]),
    // Raw Telex keystrokes.
    ("ddawng kys khai sinh", "telex-raw", &["1.001193"]),
    ("gia hanj tamj trus", "telex-raw", &["1.002755"]),
    (
        "caaps laij ther cawn cuwowcs",
        "telex-raw",
        &["1.014064", "1.000757", "2.001194"],
    ),
    ("ddooir giaays pheps lais xe", "telex-raw", &["3.000347"]),
    (
        "xacs nhaanj tinhf trangj hoon nhaan",
        "telex-raw",
        &["1.004873"],
    ),
    // Raw VNI keystrokes.
    ("d9a8ng ky1 ta5m tru1", "vni-raw", &["1.004194"]),
    ("ca61p ho65 chie61u", "vni-raw", &["1.001456", "1.001471"]),
    ("d9a8ng ky1 khai tu73", "vni-raw", &["1.000656"]),
    // Abbreviations.
    ("cap lai gplx", "abbreviation", &["3.000348"]),
    ("doi gplx nuoc ngoai", "abbreviation", &["3.000351"]),
    (
        "cap lai the bhyt",
        "abbreviation",
        &["1.001294", "1.001327"],
    ),
    ("dang ky thanh lap htx", "abbreviation", &["1.005280"]),
    ("cap doi so do", "abbreviation", &["1.012783"]),
    (
        "lam lai cccd",
        "abbreviation",
        &["1.014064", "1.000757", "2.001194"],
    ),
    ("xac nhan so cmnd", "abbreviation", &["1.012566"]),
    ("huong bhxh mot lan", "abbreviation", &["1.001613"]),
    ("hoan thue GTGT", "abbreviation", &["1.007037"]),
    // Colloquial names.
    ("lam giay khai sinh", "colloquial", &["1.001193"]),
    (
        "xin visa",
        "colloquial",
        &["1.001194", "1.003342", "1.002756", "1.002757"],
    ),
    ("nhap ho khau", "colloquial", &["1.004222"]),
    ("giay xac nhan doc than", "colloquial", &["1.004873"]),
    (
        "mat ho chieu",
        "colloquial",
        &["1.001445", "1.010385", "1.010386"],
    ),
    ("bang lai xe quoc te", "colloquial", &["3.000353"]),
    // Typos.
    ("dang ky kahi sinh", "typo", &["1.001193"]),
    ("dnag ky tam tru", "typo", &["1.004194"]),
    ("xoa dang ky tam tur", "typo", &["1.010028"]),
    ("gia han tma tru", "typo", &["1.002755"]),
    ("dang ky kai tu", "typo", &["1.000656"]),
    ("dangky kethon", "typo", &["1.000894"]),
    // Accented, mixed and upper case.
    ("Đăng ký khai tử", "accented", &["1.000656"]),
    (
        "cấp đổi thẻ căn cước",
        "accented",
        &["1.000889", "1.014063", "2.001195"],
    ),
    ("ĐĂNG KÍ KẾT HÔN", "accented", &["1.000894"]),
    ("đăng ký xe lần đầu", "accented", &["1.012575", "1.013066"]),
    ("đăng ky tam tru", "mixed", &["1.004194"]),
    ("1.004222", "code", &["1.004222"]),
];

/// Queries phrased as citizens ask, with extra words the names do not have
/// ("cho con", "bị mất", "hết hạn"). Unlike `HELD_OUT`, this set was used
/// while tuning the ranking, to find where extra words hurt.
const NATURAL: &[(&str, &str, &[&str])] = &[
    (
        "thủ tục làm căn cước cho con",
        "natural",
        &["1.014062", "1.012549", "1.012543"],
    ),
    ("làm hộ chiếu", "natural", &["1.001456", "1.001471"]),
    (
        "gia hạn visa cho người nước ngoài",
        "natural",
        &["1.001146", "1.003326", "1.000771", "1.002411"],
    ),
    (
        "đăng ký xe máy mới mua",
        "natural",
        &["1.012575", "1.013066", "1.013067"],
    ),
    ("đổi bằng lái xe hết hạn", "natural", &["3.000347"]),
    ("cấp lại bằng lái bị mất", "natural", &["3.000348"]),
    ("trích lục khai sinh", "natural", &["2.000635"]),
    ("bản sao giấy khai sinh", "natural", &["2.000635"]),
    (
        "đăng ký khai sinh cho con",
        "natural",
        &["1.001193", "1.000689"],
    ),
    ("khai tử cho người mất", "natural", &["1.000656"]),
    ("nhận nuôi con nuôi", "natural", &["2.001263"]),
    (
        "đăng ký tạm trú cho người thuê trọ",
        "natural",
        &["1.004194"],
    ),
    ("xác nhận cư trú", "natural", &["1.010041"]),
    ("chuyển hộ khẩu", "natural", &["1.004222"]),
    (
        "quyết toán thuế thu nhập cá nhân",
        "natural",
        &["1.014976", "1.008309", "2.002233"],
    ),
    ("hoàn thuế TNCN", "natural", &["1.008562", "2.002233"]),
    ("mã số thuế cá nhân", "natural", &["1.008498"]),
    ("đăng ký người phụ thuộc", "natural", &["1.008498"]),
    (
        "thành lập công ty",
        "natural",
        &["2.001199", "2.001583", "2.002042", "2.002043"],
    ),
    ("giải thể doanh nghiệp", "natural", &["2.002023"]),
    (
        "tạm ngừng kinh doanh hộ kinh doanh",
        "natural",
        &["1.001570"],
    ),
    ("xin lý lịch tư pháp", "natural", &["3.000333", "3.000330"]),
    ("sao y bản chính", "natural", &["2.000815"]),
    ("rút bảo hiểm xã hội một lần", "natural", &["1.001613"]),
    (
        "thẻ bảo hiểm y tế cho trẻ em",
        "natural",
        &["2.000986", "1.003116", "2.000639"],
    ),
    ("tài khoản định danh mức 2", "natural", &["3.000228"]),
    ("vneid mức 2", "natural", &["3.000228"]),
    (
        "khóa căn cước điện tử",
        "natural",
        &["3.000271", "3.000276"],
    ),
    ("cấp đổi sổ đỏ", "natural", &["1.012783"]),
    (
        "chuyển mục đích sử dụng đất",
        "natural",
        &["1.013823", "1.013949", "1.013992"],
    ),
    (
        "báo mất hộ chiếu",
        "natural",
        &["1.001445", "1.010385", "1.010386"],
    ),
    (
        "tố cáo công an",
        "natural",
        &["1.003482", "1.003523", "1.004327"],
    ),
    ("trợ giúp pháp lý miễn phí", "natural", &["2.000829"]),
    ("hòa giải tranh chấp đất đai", "natural", &["1.012812"]),
    ("đăng ký con dấu mới", "natural", &["2.001403"]),
    (
        "nghiệm thu phòng cháy chữa cháy",
        "natural",
        &["3.000493", "3.000490"],
    ),
    ("thu hồi bằng lái", "natural", &["3.000352"]),
    ("đăng ký sang tên xe", "natural", &["1.013076"]),
    ("giấy phép mua bán vàng miếng", "natural", &["1.000616"]),
    ("dang ky ho kinh doanh ca the", "natural", &["1.001612"]),
    (
        "xac nhan tinh trang hon nhan de ket hon",
        "natural",
        &["1.004873"],
    ),
    ("lam lai giay khai sinh", "natural", &["1.004884"]),
    ("dang ky tam vang", "natural", &["1.003677"]),
    ("xac nhan cmnd 9 so", "natural", &["1.012566"]),
    (
        "nhap quoc tich viet nam",
        "natural",
        &["2.002039", "2.002797"],
    ),
    (
        "doi the can cuoc het han",
        "natural",
        &["1.014063", "2.001195", "1.000889"],
    ),
    ("ket hon voi nguoi nuoc ngoai", "natural", &["2.000806"]),
    ("giấy phép lái xe quốc tế", "natural", &["3.000353"]),
];

fn shared_data() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("DVC_SHARED_DATA") {
        return Some(PathBuf::from(path));
    }
    let beside = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    beside.is_dir().then_some(beside)
}

fn split_list(text: &str) -> Vec<String> {
    nfc(text)
        .split(", ")
        .map(str::trim)
        .filter(|part| !part.is_empty() && *part != "Không có thông tin")
        .map(str::to_owned)
        .collect()
}

fn level(label: &str) -> Option<Level> {
    match label {
        "Cấp bộ" => Some(Level::Ministry),
        "Cấp tỉnh" => Some(Level::Province),
        "Cấp huyện" => Some(Level::District),
        "Cấp xã" => Some(Level::Commune),
        "Cơ quan khác" => Some(Level::Other),
        _ => None,
    }
}

/// Reads the fields the search indexes from one raw record.
fn procedure(record: &serde_json::Value) -> Procedure {
    let text = |key: &str| record[key].as_str().unwrap_or("").to_owned();
    let results = nfc(&text("ket_qua_xu_ly"))
        .split("Mã:")
        .next()
        .unwrap_or("")
        .trim()
        .to_owned();
    Procedure {
        code: text("ma_thu_tuc").trim().to_owned(),
        name: nfc(text("ten_thu_tuc").trim()),
        levels: split_list(&text("cap_thuc_hien"))
            .iter()
            .filter_map(|label| level(label))
            .collect(),
        fields: split_list(&text("linh_vuc")),
        applicant_types: split_list(&text("doi_tuong_thuc_hien")),
        agencies: Agencies {
            competent: split_list(&text("co_quan_co_tham_quyen")),
            executing: split_list(&text("co_quan_thuc_hien")),
            authorised: split_list(&text("co_quan_duoc_uy_quyen")),
            coordinating: split_list(&text("co_quan_phoi_hop")),
        },
        results: vec![ProcedureResult {
            code: None,
            name: results,
        }],
        ..Procedure::default()
    }
}

fn load_catalogue(data: &std::path::Path) -> Vec<Procedure> {
    let file = std::fs::File::open(data.join("tthc/procedures-national-2026.jsonl.gz")).unwrap();
    let reader = BufReader::new(flate2::read::GzDecoder::new(file));
    reader
        .lines()
        .map(|line| line.unwrap())
        .filter(|line| !line.trim().is_empty())
        .map(|line| procedure(&serde_json::from_str(&line).unwrap()))
        .collect()
}

struct Scores {
    success_at_1: f64,
    success_at_5: f64,
    mrr_at_10: f64,
}

/// Runs the queries and returns the scores, printing every query that misses
/// the top 5.
fn evaluate(
    index: &SearchIndex,
    catalogue: &[Procedure],
    queries: &[(String, String, Vec<String>)],
) -> Scores {
    let mut at_1 = 0.0;
    let mut at_5 = 0.0;
    let mut reciprocal = 0.0;
    for (query, kind, expected) in queries {
        let results = index.search(&SearchRequest {
            query: query.clone(),
            limit: 10,
            ..SearchRequest::default()
        });
        let codes: Vec<&str> = results
            .hits
            .iter()
            .map(|hit| catalogue[hit.doc].code.as_str())
            .collect();
        let rank = codes
            .iter()
            .position(|code| expected.iter().any(|e| e == code));
        if rank == Some(0) {
            at_1 += 1.0;
        }
        if rank.is_some_and(|rank| rank < 5) {
            at_5 += 1.0;
        }
        if rank != Some(0) {
            let top: Vec<String> = results
                .hits
                .iter()
                .take(5)
                .map(|hit| {
                    let procedure = &catalogue[hit.doc];
                    let name: String = procedure.name.chars().take(60).collect();
                    format!("{} {}", procedure.code, name)
                })
                .collect();
            let rank = rank.map_or("missing".to_owned(), |rank| format!("rank {}", rank + 1));
            println!("{rank} [{kind}] {query:?} expected {expected:?}, got {top:#?}");
        }
        if let Some(rank) = rank {
            reciprocal += 1.0 / (rank as f64 + 1.0);
        }
    }
    let count = queries.len() as f64;
    Scores {
        success_at_1: at_1 / count,
        success_at_5: at_5 / count,
        mrr_at_10: reciprocal / count,
    }
}

fn owned(queries: &[(&str, &str, &[&str])]) -> Vec<(String, String, Vec<String>)> {
    queries
        .iter()
        .map(|(query, kind, codes)| {
            (
                (*query).to_owned(),
                (*kind).to_owned(),
                codes.iter().map(|code| (*code).to_owned()).collect(),
            )
        })
        .collect()
}

fn dev_queries(data: &std::path::Path) -> Vec<(String, String, Vec<String>)> {
    let text = std::fs::read_to_string(data.join("search/dev-queries.json")).unwrap();
    let list: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    list.iter()
        .map(|entry| {
            (
                entry["query"].as_str().unwrap().to_owned(),
                entry["kind"].as_str().unwrap_or("").to_owned(),
                entry["expect_any"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|code| code.as_str().unwrap().to_owned())
                    .collect(),
            )
        })
        .collect()
}

#[test]
fn held_out_set_is_large_and_known() {
    assert!(HELD_OUT.len() >= 40);
    assert!(NATURAL.len() >= 40);
    let Some(data) = shared_data() else {
        println!("skipped: set DVC_SHARED_DATA");
        return;
    };
    let catalogue = load_catalogue(&data);
    for (query, _, codes) in HELD_OUT.iter().chain(NATURAL) {
        for code in *codes {
            assert!(
                catalogue.iter().any(|procedure| procedure.code == *code),
                "{query}: {code} is not in the catalogue"
            );
        }
    }
}

#[test]
fn held_out_queries_rank_well() {
    let Some(data) = shared_data() else {
        println!("skipped: set DVC_SHARED_DATA");
        return;
    };
    let catalogue = load_catalogue(&data);
    let index = SearchIndex::new(&catalogue);
    let scores = evaluate(&index, &catalogue, &owned(HELD_OUT));
    println!(
        "held-out ({} queries): Success@1 {:.3}, Success@5 {:.3}, MRR@10 {:.3}",
        HELD_OUT.len(),
        scores.success_at_1,
        scores.success_at_5,
        scores.mrr_at_10
    );
    assert!(
        scores.success_at_5 >= 0.9,
        "Success@5 {}",
        scores.success_at_5
    );
    assert!(scores.mrr_at_10 >= 0.8, "MRR@10 {}", scores.mrr_at_10);
}

#[test]
fn natural_queries_rank_well() {
    let Some(data) = shared_data() else {
        println!("skipped: set DVC_SHARED_DATA");
        return;
    };
    let catalogue = load_catalogue(&data);
    let index = SearchIndex::new(&catalogue);
    let scores = evaluate(&index, &catalogue, &owned(NATURAL));
    println!(
        "natural ({} queries): Success@1 {:.3}, Success@5 {:.3}, MRR@10 {:.3}",
        NATURAL.len(),
        scores.success_at_1,
        scores.success_at_5,
        scores.mrr_at_10
    );
    assert!(
        scores.success_at_5 >= 0.85,
        "Success@5 {}",
        scores.success_at_5
    );
    assert!(scores.mrr_at_10 >= 0.75, "MRR@10 {}", scores.mrr_at_10);
}

#[test]
fn dev_queries_meet_targets() {
    let Some(data) = shared_data() else {
        println!("skipped: set DVC_SHARED_DATA");
        return;
    };
    let catalogue = load_catalogue(&data);
    let index = SearchIndex::new(&catalogue);
    let queries = dev_queries(&data);
    let scores = evaluate(&index, &catalogue, &queries);
    println!(
        "dev ({} queries): Success@1 {:.3}, Success@5 {:.3}, MRR@10 {:.3}",
        queries.len(),
        scores.success_at_1,
        scores.success_at_5,
        scores.mrr_at_10
    );
    assert!(
        scores.success_at_5 >= 0.95,
        "Success@5 {}",
        scores.success_at_5
    );
    assert!(scores.mrr_at_10 >= 0.85, "MRR@10 {}", scores.mrr_at_10);
}

/// Every abbreviation and colloquial name in the table finds, among its top
/// 10, a procedure whose name or field names what the entry means: all the
/// words of one of its meanings, or the abbreviation itself where the
/// catalogue writes only that (`BNN` for `bệnh nghề nghiệp`).
#[test]
fn abbreviation_table_meanings_are_in_catalogue() {
    let Some(data) = shared_data() else {
        println!("skipped: set DVC_SHARED_DATA");
        return;
    };
    let catalogue = load_catalogue(&data);
    let index = SearchIndex::new(&catalogue);
    let folded: Vec<String> = catalogue
        .iter()
        .map(|procedure| {
            fold(&format!(
                "{} {}",
                procedure.name,
                procedure.fields.join(" ")
            ))
        })
        .collect();

    for (typed, meanings) in dvc_core::search::abbreviation_table() {
        let meaning_words: Vec<Vec<String>> = meanings
            .iter()
            .chain(std::iter::once(&typed))
            .map(|meaning| fold(meaning).split(' ').map(str::to_owned).collect())
            .collect();
        let contains_meaning = |doc: usize| {
            let words: Vec<&str> = folded[doc].split(' ').collect();
            meaning_words
                .iter()
                .any(|meaning| meaning.iter().all(|word| words.contains(&word.as_str())))
        };
        assert!(
            (0..catalogue.len()).any(contains_meaning),
            "{typed}: no procedure name or field says {meanings:?}"
        );

        let results = index.search(&SearchRequest {
            query: typed.to_owned(),
            limit: 10,
            ..SearchRequest::default()
        });
        assert!(
            results.hits.iter().any(|hit| contains_meaning(hit.doc)),
            "{typed}: no top-10 hit says {meanings:?}"
        );
    }
}
