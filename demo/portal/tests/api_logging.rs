//! Request logs carry method, path, status and latency, and no personal data:
//! no query strings, dossier codes, verifiers or client addresses.

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};

use common::{relaxed_config, start};
use serde_json::json;

/// A log sink the test can read back.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn logs_leave_out_personal_data() {
    let captured = Captured::default();
    let writer = captured.clone();
    // Everything the server side logs at debug level; the test client's own
    // connection logs name the address and are left out.
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::new(
            "debug,reqwest=off,hyper_util::client=off",
        ))
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .init();

    let server = start(relaxed_config()).await;
    let dossier = server.state.dossiers().dossiers()[0].clone();
    server.get("/procedures?q=nguyen%20van%20bimat").await;
    for verifier in [dossier.verifier.clone(), "0000".to_owned()] {
        server
            .client
            .post(server.api("/dossiers/lookup"))
            .json(&json!({"code": dossier.status.code, "verifier": verifier}))
            .send()
            .await
            .unwrap();
    }

    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(log.contains("path=/api/v1/procedures"), "{log}");
    assert!(log.contains("path=/api/v1/dossiers/lookup"), "{log}");
    assert!(log.contains("status=404"), "{log}");
    assert!(log.contains("latency_us="), "{log}");
    assert!(!log.contains("bimat"), "query string logged: {log}");
    assert!(
        !log.contains(&dossier.status.code),
        "dossier code logged: {log}"
    );
    assert!(
        !log.contains(&format!("verifier={}", dossier.verifier)),
        "verifier logged: {log}"
    );
    assert!(!log.contains("127.0.0.1"), "client address logged: {log}");
    assert!(
        !log.contains(&dossier.status.applicant_masked),
        "applicant logged: {log}"
    );
}
