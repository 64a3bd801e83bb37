//! The real `dvc-demo-portal` binary: the stdout line, demo dossier printing,
//! and clear errors for bad options.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

use dvc_core::api::Health;

const BINARY: &str = env!("CARGO_BIN_EXE_dvc-demo-portal");

/// A running binary, killed on drop.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts the binary and returns it with the base URL from its stdout line.
fn spawn(args: &[&str]) -> (Running, String) {
    let mut child = Command::new(BINARY)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let running = Running(child);
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).unwrap();
    let base = line
        .trim_end()
        .strip_prefix("dvc-demo-portal listening on ")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .to_owned();
    (running, base)
}

/// Runs the binary to completion, killing it and failing the test when it
/// has not exited within a minute (a server that should have stopped).
fn run(args: &[&str]) -> Output {
    let child = Command::new(BINARY)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id().to_string();

    // The output is read while waiting, so a full pipe cannot stall the binary.
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = sender.send(child.wait_with_output());
    });
    match receiver.recv_timeout(Duration::from_secs(60)) {
        Ok(output) => output.unwrap(),
        Err(_) => {
            let _ = Command::new("kill").args(["-KILL", &pid]).status();
            panic!("dvc-demo-portal {args:?} did not exit within a minute");
        }
    }
}

#[tokio::test]
async fn binary_prints_address_and_serves() {
    let (_running, base) = spawn(&["--addr", "127.0.0.1:0", "--today", "2026-11-20"]);
    assert!(base.starts_with("http://127.0.0.1:"), "{base}");
    let port: u16 = base.rsplit(':').next().unwrap().parse().unwrap();
    assert_ne!(port, 0);

    let response = reqwest::get(format!("{base}/api/v1/health")).await.unwrap();
    assert_eq!(response.status(), reqwest::StatusCode::OK);
    let health: Health = response.json().await.unwrap();
    assert_eq!(health.status, "ok");
}

#[test]
fn binary_stops_on_sigterm() {
    let (mut running, _base) = spawn(&["--addr", "127.0.0.1:0"]);
    let pid = running.0.id().to_string();
    let killed = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(killed.success());
    let status = running.0.wait().unwrap();
    assert!(status.success(), "{status:?}");
}

#[test]
fn demo_dossiers_as_json_lines() {
    let output = run(&["--print-demo-dossiers", "--json", "--today", "2026-11-20"]);
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    for line in text.lines() {
        let summary: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(summary["code"].is_string(), "{line}");
        assert_eq!(summary["verifier"].as_str().unwrap().len(), 4, "{line}");
        let status = summary["status"].as_u64().unwrap();
        assert!((1..=10).contains(&status), "{line}");
        assert!(summary["cases"].is_array(), "{line}");
    }

    // The same day gives the same dossiers.
    let again = run(&["--print-demo-dossiers", "--json", "--today", "2026-11-20"]);
    assert_eq!(String::from_utf8(again.stdout).unwrap(), text);
}

#[test]
fn demo_dossiers_as_table() {
    let output = run(&["--print-demo-dossiers", "--today", "2026-11-20"]);
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.starts_with("Demo dossiers as of 2026-11-20"), "{text}");
}

#[test]
fn bad_options_fail_clearly() {
    let cases: [(&[&str], &str); 6] = [
        (&["--addr", "nowhere"], "invalid address"),
        (&["--today", "20/11/2026"], "invalid date"),
        (&["--cors-origin", "example.vn"], "invalid origin"),
        (&["--json"], "--print-demo-dossiers"),
        (&["--lookup-rate-limit", "many"], "--lookup-rate-limit"),
        (&["--no-such-flag"], "--no-such-flag"),
    ];
    for (args, expected) in cases {
        let output = run(args);
        assert!(!output.status.success(), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(output.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn bad_paths_fail_clearly() {
    let missing = std::env::temp_dir().join("dvc-portal-no-such-file.jsonl");
    let missing = missing.to_str().unwrap();
    let output = run(&["--addr", "127.0.0.1:0", "--data", missing]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--data"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");

    let output = run(&["--addr", "127.0.0.1:0", "--site", missing]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("not a directory"), "{stderr}");
}

#[test]
fn help_names_cors_default() {
    let output = run(&["--help"]);
    assert!(output.status.success());
    let help = String::from_utf8(output.stdout).unwrap();
    for option in [
        "--addr",
        "--data",
        "--site",
        "--cors-origin",
        "--print-demo-dossiers",
        "--json",
        "--today",
        "--lookup-rate-limit",
        "--lookup-failure-limit",
    ] {
        assert!(help.contains(option), "{option} missing from --help");
    }
    assert!(help.contains("Default: none"), "{help}");
}
