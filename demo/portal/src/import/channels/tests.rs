use super::*;

fn parse(text: &str) -> (Vec<Channel>, Vec<WarningKind>) {
    let mut warnings = Vec::new();
    let channels = parse_table(text, &mut warnings);
    (
        channels,
        warnings.into_iter().map(|warning| warning.kind).collect(),
    )
}

fn time(channel: &Channel) -> (f64, TimeUnit) {
    let time = channel.processing_time.as_ref().expect("processing time");
    (time.value, time.unit)
}

const HEADER: &str = "Hình thức nộpThời gianPhí, lệ phíMô tả";

#[test]
fn rows_with_units_and_descriptions() {
    let (channels, warnings) = parse(&format!(
        "{HEADER}Trực tiếp20 Ngày làm việcMiễn phíNộp tại Bộ phận Một cửa.Trực tuyến15 NgàyMiễn phíDịch vụ bưu chính8 GiờMiễn phí"
    ));
    assert!(warnings.is_empty(), "{warnings:?}");
    let kinds: Vec<ChannelKind> = channels.iter().map(|channel| channel.kind).collect();
    assert_eq!(
        kinds,
        vec![
            ChannelKind::InPerson,
            ChannelKind::Online,
            ChannelKind::Postal
        ]
    );
    assert_eq!(time(&channels[0]), (20.0, TimeUnit::WorkingDay));
    assert_eq!(time(&channels[1]), (15.0, TimeUnit::Day));
    assert_eq!(time(&channels[2]), (8.0, TimeUnit::Hour));
    assert_eq!(
        channels[0].description.as_deref(),
        Some("Nộp tại Bộ phận Một cửa.")
    );
    assert_eq!(channels[1].description, None);
    assert_eq!(channels[0].fees[0].amount_vnd, Some(0));
    assert_eq!(channels[0].fees[0].text, "Miễn phí");
    assert_eq!(
        channels[0]
            .processing_time
            .as_ref()
            .map(|t| t.text.as_str()),
        Some("20 Ngày làm việc")
    );
}

#[test]
fn bare_number_time_has_unknown_unit() {
    let (channels, warnings) = parse(&format!(
        "{HEADER}Trực tuyến1Miễn phíDịch vụ bưu chính1Miễn phíTrực tiếp1Miễn phí"
    ));
    assert_eq!(channels.len(), 3);
    for channel in &channels {
        assert_eq!(time(channel), (1.0, TimeUnit::Other));
        assert_eq!(channel.fees[0].amount_vnd, Some(0));
    }
    assert_eq!(warnings, vec![WarningKind::ProcessingTimeUnitMissing; 3]);
}

#[test]
fn bare_number_unit_from_description() {
    let (channels, warnings) = parse(&format!(
        "{HEADER}Trực tuyến5Miễn phí05 (năm) ngày làm việc kể từ ngày nhận hồ sơ đầy đủ."
    ));
    assert_eq!(time(&channels[0]), (5.0, TimeUnit::WorkingDay));
    assert_eq!(warnings, vec![WarningKind::ProcessingTimeUnitInferred]);
}

#[test]
fn fee_amount_and_note() {
    let (channels, warnings) = parse(&format!(
        "{HEADER}Trực tiếp7 Ngày làm việc50,000 Việt Nam Đồng(Luật Căn cước: 50.000 đồng/thẻ căn cước)Nộp tại Công an cấp xã."
    ));
    assert!(warnings.is_empty(), "{warnings:?}");
    let fee = &channels[0].fees[0];
    assert_eq!(fee.amount_vnd, Some(50_000));
    assert_eq!(fee.name, DEFAULT_FEE_NAME);
    assert_eq!(
        fee.text,
        "50,000 Việt Nam Đồng (Luật Căn cước: 50.000 đồng/thẻ căn cước)"
    );
    assert_eq!(
        channels[0].description.as_deref(),
        Some("Nộp tại Công an cấp xã.")
    );
}

#[test]
fn fee_named_by_its_note() {
    let (channels, _) = parse(&format!(
        "{HEADER}Trực tuyến12 Ngày1,350,000 Việt Nam Đồng(Phí thẩm định hồ sơ khảo nghiệm: 1.350.000 đồng/loại)"
    ));
    assert_eq!(channels[0].fees[0].name, "Phí thẩm định hồ sơ khảo nghiệm");
    assert_eq!(channels[0].fees[0].amount_vnd, Some(1_350_000));
}

#[test]
fn glued_time_and_amount_split() {
    let (channels, warnings) = parse(&format!(
        "{HEADER}Trực tuyến1100 VNĐ(Phí công bố nội dung đăng ký doanh nghiệp: 100.000 đồng/lần (Thông tư số 47/2019/TT-BTC))Trực tiếp120 VNĐ(20.000 vnđ /tờ khai)"
    ));
    assert_eq!(channels.len(), 2);
    assert_eq!(time(&channels[0]), (1.0, TimeUnit::Other));
    assert_eq!(channels[0].fees[0].amount_vnd, Some(100_000));
    assert_eq!(
        channels[0].fees[0].name,
        "Phí công bố nội dung đăng ký doanh nghiệp"
    );
    assert_eq!(time(&channels[1]), (1.0, TimeUnit::Other));
    assert_eq!(channels[1].fees[0].amount_vnd, Some(20_000));
    assert_eq!(
        warnings
            .iter()
            .filter(|kind| **kind == WarningKind::FeeAmountFromNote)
            .count(),
        2
    );
}

#[test]
fn glued_grouped_amount_keeps_time() {
    let (channels, _) = parse(&format!(
        "{HEADER}Trực tiếp3100,000 Việt Nam Đồng(100.000 đồng/lần)"
    ));
    assert_eq!(time(&channels[0]), (3.0, TimeUnit::Other));
    assert_eq!(channels[0].fees[0].amount_vnd, Some(100_000));
}

#[test]
fn small_amount_without_confirmation_is_unclear() {
    let (channels, warnings) = parse(&format!("{HEADER}Trực tuyến120 VNĐ"));
    assert_eq!(channels[0].fees[0].amount_vnd, None);
    assert!(warnings.contains(&WarningKind::FeeUnclear));
}

#[test]
fn free_with_fee_in_note_is_unclear() {
    let (channels, warnings) = parse(&format!(
        "{HEADER}Trực tiếp20 Ngày làm việcMiễn phí(Mức thu lệ phí do Hội đồng nhân dân cấp tỉnh quy định)Trực tuyến5 NgàyMiễn phí(- Cấp lại do mất: 2.400.000 đồng/lần)"
    ));
    assert_eq!(channels[0].fees[0].amount_vnd, None);
    assert_eq!(channels[1].fees[0].amount_vnd, None);
    assert_eq!(warnings, vec![WarningKind::FeeUnclear; 2]);
}

#[test]
fn free_with_exemption_note_stays_free() {
    let (channels, warnings) = parse(&format!(
        "{HEADER}Trực tiếp1 Ngày làm việcMiễn phí(Miễn lệ phí đăng ký khai sinh đúng hạn)"
    ));
    assert_eq!(channels[0].fees[0].amount_vnd, Some(0));
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn foreign_currency_has_no_vnd_amount() {
    let (channels, warnings) = parse(&format!(
        "{HEADER}Trực tuyến5 Ngày làm việc145 USD(Thẻ tạm trú: 145 USD/thẻ.)"
    ));
    assert_eq!(channels[0].fees[0].amount_vnd, None);
    assert_eq!(
        channels[0].fees[0].text,
        "145 USD (Thẻ tạm trú: 145 USD/thẻ.)"
    );
    assert_eq!(warnings, vec![WarningKind::FeeForeignCurrency]);
}

#[test]
fn no_information_cells() {
    let (channels, warnings) = parse(&format!(
        "{HEADER}Trực tiếpKhông có thông tinKhông có thông tin(1) Trường hợp nộp tại trụ sở.Dịch vụ bưu chính3 Ngày làm việcKhông có thông tin"
    ));
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(channels[0].processing_time, None);
    assert!(channels[0].fees.is_empty());
    assert_eq!(
        channels[0].description.as_deref(),
        Some("(1) Trường hợp nộp tại trụ sở.")
    );
    assert_eq!(time(&channels[1]), (3.0, TimeUnit::WorkingDay));
}

#[test]
fn channel_named_inside_description() {
    let (channels, _) = parse(&format!(
        "{HEADER}Trực tuyến2 GiờMiễn phí- Trực tiếp: nộp tại trụ sở; Trực tuyến qua Cổng.Trực tiếp2 GiờMiễn phí"
    ));
    assert_eq!(channels.len(), 2);
    assert_eq!(
        channels[0].description.as_deref(),
        Some("- Trực tiếp: nộp tại trụ sở; Trực tuyến qua Cổng.")
    );
}

#[test]
fn truncated_note_kept() {
    let (channels, _) = parse(&format!("{HEADER}Trực tuyến1 Ngày100 VNĐ("));
    assert_eq!(channels.len(), 1);
    assert_eq!(time(&channels[0]), (1.0, TimeUnit::Day));
    assert_eq!(channels[0].fees[0].text, "100 VNĐ");
}

#[test]
fn weeks_become_days() {
    let (channels, _) = parse(&format!("{HEADER}Trực tiếp2 TuầnMiễn phí"));
    assert_eq!(time(&channels[0]), (14.0, TimeUnit::Day));
}

#[test]
fn text_outside_rows_flagged() {
    let (channels, warnings) = parse(&format!("{HEADER}Xem hướng dẫnTrực tiếp1 ThángMiễn phí"));
    assert_eq!(time(&channels[0]), (1.0, TimeUnit::Month));
    assert_eq!(warnings, vec![WarningKind::ChannelUnparsed]);
}

#[test]
fn empty_and_garbage_tables() {
    assert!(parse("Không có thông tin").0.is_empty());
    assert!(parse("").0.is_empty());
    assert!(parse(HEADER).0.is_empty());
    for garbage in [
        "Trực tiếp",
        "Trực tiếp9999999999999999999999 Ngày",
        "Trực tuyến((((",
        "Trực tiếp1,",
        "Trực tiếp1.5.5 Giờ",
    ] {
        let _ = parse(&format!("{HEADER}{garbage}"));
    }
}

#[test]
fn time_from_sentences() {
    let time = parse_time_text("07 Ngày làm việc").expect("time");
    assert_eq!((time.value, time.unit), (7.0, TimeUnit::WorkingDay));
    let time = parse_time_text("Ngay trong ngày tiếp nhận hồ sơ; trường hợp nhận hồ sơ sau 15 giờ thì trả trong ngày làm việc tiếp theo.")
        .expect("time");
    assert_eq!((time.value, time.unit), (0.0, TimeUnit::WorkingDay));
    let time =
        parse_time_text("a) Tối đa 06 ngày làm việc kể từ ngày nhận đủ hồ sơ").expect("time");
    assert_eq!((time.value, time.unit), (6.0, TimeUnit::WorkingDay));
    assert!(time.text.starts_with("a) Tối đa"));
    assert_eq!(parse_time_text("Không quy định"), None);
    assert_eq!(parse_time_text("30"), None);
    assert_eq!(parse_time_text("Theo hướng dẫn hằng năm"), None);
}

#[test]
fn channel_names_folded() {
    assert_eq!(kind_from_name("TRỰC TIẾP"), Some(ChannelKind::InPerson));
    assert_eq!(
        kind_from_name("Dịch vụ bưu chính"),
        Some(ChannelKind::Postal)
    );
    assert_eq!(kind_from_name("Trực tuyến"), Some(ChannelKind::Online));
    assert_eq!(kind_from_name("Fax"), None);
}
