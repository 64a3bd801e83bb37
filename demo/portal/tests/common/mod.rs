//! Helpers shared by the integration tests: a hand-made catalogue and an
//! in-process server on an ephemeral loopback port.

#![allow(dead_code)]

use std::net::SocketAddr;
use std::path::PathBuf;

use dvc_core::date::Date;
use dvc_core::model::{
    Agencies, Channel, ChannelKind, DossierCase, DossierComponent, Fee, LegalDocument, Level,
    Procedure, ProcessingTime, Step, TimeUnit,
};
use dvc_demo_portal::config::ServerConfig;
use dvc_demo_portal::rate_limit::LookupLimits;
use dvc_demo_portal::{serve, AppState};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// A server running on 127.0.0.1 with a random port; stopped on drop.
pub struct TestServer {
    pub base: String,
    pub addr: SocketAddr,
    pub state: AppState,
    pub client: reqwest::Client,
    stop: Option<oneshot::Sender<()>>,
}

impl TestServer {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub fn api(&self, path: &str) -> String {
        format!("{}/api/v1{}", self.base, path)
    }

    /// Sends `GET /api/v1{path}`.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.api(path)).send().await.unwrap()
    }

    /// Sends `GET /api/v1{path}`, expects 200 and decodes the JSON body.
    pub async fn get_json<T: serde::de::DeserializeOwned>(&self, path: &str) -> T {
        let response = self.get(path).await;
        assert_eq!(response.status(), reqwest::StatusCode::OK, "GET {path}");
        response.json().await.unwrap()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// Returns the day the demo dossiers of the tests are generated around.
pub fn test_today() -> Date {
    Date::from_ymd(2026, 11, 20).unwrap()
}

/// Settings with limits high enough that tests other than the rate-limit
/// tests never reach them.
pub fn relaxed_config() -> ServerConfig {
    ServerConfig {
        lookup_limits: LookupLimits {
            per_client_per_minute: 10_000,
            failures_per_code: 10_000,
            ..LookupLimits::default()
        },
        today: Some(test_today()),
        ..ServerConfig::default()
    }
}

/// Starts a server over the hand-made catalogue.
pub async fn start(config: ServerConfig) -> TestServer {
    start_with(catalogue(), config).await
}

pub async fn start_with(procedures: Vec<Procedure>, config: ServerConfig) -> TestServer {
    let state = AppState::new(procedures, config);
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = oneshot::channel::<()>();
    let served = state.clone();
    tokio::spawn(async move {
        serve(listener, served, async {
            let _ = stopped.await;
        })
        .await
        .unwrap();
    });
    TestServer {
        base: format!("http://{addr}"),
        addr,
        state,
        client: reqwest::Client::new(),
        stop: Some(stop),
    }
}

fn channel(kind: ChannelKind, days: f64, fee: Option<u64>) -> Channel {
    Channel {
        kind,
        processing_time: Some(ProcessingTime {
            value: days,
            unit: TimeUnit::WorkingDay,
            text: format!("{days} Ngày làm việc"),
        }),
        fees: fee
            .map(|amount| Fee {
                name: "Lệ phí".into(),
                amount_vnd: Some(amount),
                text: format!("Lệ phí: {amount} Đồng"),
            })
            .into_iter()
            .collect(),
        description: None,
    }
}

fn procedure(code: &str, name: &str, level: Level, field: &str, agency: &str) -> Procedure {
    Procedure {
        code: code.into(),
        name: name.into(),
        levels: vec![level],
        fields: vec![field.into()],
        applicant_types: vec!["Công dân Việt Nam".into()],
        agencies: Agencies {
            competent: vec![agency.into()],
            executing: vec![agency.into()],
            ..Agencies::default()
        },
        channels: vec![
            channel(ChannelKind::InPerson, 5.0, Some(50_000)),
            channel(ChannelKind::Online, 3.0, None),
        ],
        dossier_cases: vec![DossierCase {
            name: None,
            components: vec![DossierComponent {
                name: format!("Tờ khai {}", name.to_lowercase()),
                originals: 1,
                copies: 0,
                forms: Vec::new(),
            }],
        }],
        steps: vec![Step {
            number: Some(1),
            title: "Nộp hồ sơ".into(),
            description: String::new(),
        }],
        legal_basis: vec![LegalDocument {
            number: Some("60/2014/QH13".into()),
            title: "Luật Hộ tịch".into(),
        }],
        ..Procedure::default()
    }
}

/// Returns a small catalogue: 12 procedures over three levels, five fields and four agencies.
pub fn catalogue() -> Vec<Procedure> {
    let commune = "UBND cấp xã";
    let province = "Sở Tư pháp";
    let police = "Công an cấp xã";
    vec![
        procedure(
            "1.001193",
            "Thủ tục đăng ký khai sinh",
            Level::Commune,
            "Hộ tịch",
            commune,
        ),
        procedure(
            "1.000656",
            "Thủ tục đăng ký khai tử",
            Level::Commune,
            "Hộ tịch",
            commune,
        ),
        procedure(
            "1.000894",
            "Thủ tục đăng ký kết hôn",
            Level::Commune,
            "Hộ tịch",
            commune,
        ),
        procedure(
            "1.004746",
            "Thủ tục cấp bản sao trích lục hộ tịch",
            Level::Commune,
            "Hộ tịch",
            commune,
        ),
        procedure(
            "2.000908",
            "Thủ tục cấp bản sao từ sổ gốc",
            Level::Province,
            "Chứng thực",
            province,
        ),
        procedure(
            "2.000815",
            "Thủ tục chứng thực bản sao từ bản chính",
            Level::Commune,
            "Chứng thực",
            commune,
        ),
        procedure(
            "1.004194",
            "Thủ tục đăng ký thường trú",
            Level::Commune,
            "Cư trú",
            police,
        ),
        procedure(
            "1.004222",
            "Thủ tục đăng ký tạm trú",
            Level::Commune,
            "Cư trú",
            police,
        ),
        procedure(
            "1.001777",
            "Cấp phiếu lý lịch tư pháp",
            Level::Province,
            "Lý lịch tư pháp",
            province,
        ),
        procedure(
            "2.001263",
            "Thủ tục thay đổi, cải chính hộ tịch",
            Level::Commune,
            "Hộ tịch",
            commune,
        ),
        procedure(
            "1.008901",
            "Đăng ký khai sinh có yếu tố nước ngoài",
            Level::Province,
            "Hộ tịch",
            province,
        ),
        procedure(
            "3.000346",
            "Cấp giấy phép hoạt động của tổ chức hành nghề công chứng",
            Level::Ministry,
            "Công chứng",
            "Bộ Tư pháp",
        ),
    ]
}

/// Returns the folder of the shared data files, or `None` (after saying so)
/// when it is not available on this machine.
pub fn shared_data_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("DVC_SHARED_DATA") {
        return Some(PathBuf::from(dir));
    }
    // demo/portal → workspace root → its sibling `shared/data`.
    let fallback = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    if fallback.is_dir() {
        return Some(fallback);
    }
    println!("skipped: set DVC_SHARED_DATA");
    None
}

/// Sends `request` as it is over a new TCP connection and returns everything
/// the server sends back until it closes the connection.
pub async fn raw_http(addr: SocketAddr, request: Vec<u8>) -> String {
    tokio::task::spawn_blocking(move || {
        use std::io::{Read, Write};
        let mut stream = std::net::TcpStream::connect(addr).unwrap();
        stream
            .set_read_timeout(Some(std::time::Duration::from_secs(10)))
            .unwrap();
        // The server may respond and close before the whole body is written.
        let _ = stream.write_all(&request);
        let mut response = Vec::new();
        let _ = stream.read_to_end(&mut response);
        String::from_utf8_lossy(&response).into_owned()
    })
    .await
    .unwrap()
}
