//! The real `dvc-demo-portal` binary under 1,000 simultaneous connections
//! on loopback: every search succeeds, the process memory stays bounded, and
//! the per-client dossier lookup limit holds when each attempt names another
//! code and claims another address in forwarding headers.
//!
//! Speed is measured by `cargo xtask bench`, never asserted here.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::Barrier;

const BINARY: &str = env!("CARGO_BIN_EXE_dvc-demo-portal");

/// Connections open at the same time.
const CONNECTIONS: usize = 1_000;

/// Of those, how many send a dossier lookup instead of a search.
const LOOKUPS: usize = 200;

/// Lookups per client per minute on the server under test.
const LOOKUP_RATE_LIMIT: u32 = 20;

/// Growth of the portal's peak resident memory allowed during the run. The
/// sample catalogue is small, so this is mostly per-connection buffers: 64 MiB
/// over 1,000 connections allows 64 KiB each, several times what hyper needs.
const MAX_MEMORY_GROWTH_KIB: u64 = 64 * 1024;

/// Time allowed for the whole run. It is far more than the run takes, so a
/// slow shared machine does not fail the test but a hung server does.
const RUN_TIMEOUT: Duration = Duration::from_secs(45);

/// Search queries as citizens type them: accents or not, codes, typos.
const QUERIES: &[&str] = &[
    "khai sinh",
    "đăng ký khai sinh",
    "dang ky ket hon",
    "cấp hộ chiếu",
    "thuong tru",
    "1.001193",
    "giay phep lai xe",
    "xac nhan tinh trang hon nhan",
    "chứng thực bản sao",
    "khai tu",
];

/// A running binary, killed on drop.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts the binary and returns it with the `HOST:PORT` it listens on.
fn spawn_portal() -> (Running, String) {
    let rate_limit = LOOKUP_RATE_LIMIT.to_string();
    let mut child = Command::new(BINARY)
        .args(["--addr", "127.0.0.1:0", "--today", "2026-11-20"])
        .args([
            "--lookup-rate-limit",
            &rate_limit,
            "--lookup-failure-limit",
            "0",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let running = Running(child);
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).unwrap();
    let address = line
        .trim_end()
        .strip_prefix("dvc-demo-portal listening on http://")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .trim_end_matches('/')
        .to_owned();
    (running, address)
}

/// Reads a `kB` field of /proc/PID/status, such as `VmRSS` or `VmHWM`.
fn status_kib(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or_else(|| panic!("no {field} in /proc/{pid}/status"))
}

/// Makes sure this process, and so the portal it starts, may open enough
/// files: raises the soft limit up to the hard one with `prlimit` when needed.
fn ensure_open_files(needed: u64) {
    let soft = open_files_soft_limit();
    if soft >= needed {
        return;
    }

    let pid = std::process::id().to_string();
    let status = Command::new("prlimit")
        .args(["--pid", &pid, &format!("--nofile={needed}:")])
        .status();
    let raised = open_files_soft_limit();
    assert!(
        raised >= needed,
        "this test opens {CONNECTIONS} connections and needs {needed} open files, \
         but the limit is {soft} and raising it with prlimit failed ({status:?}); \
         run `ulimit -n {needed}` first"
    );
}

fn open_files_soft_limit() -> u64 {
    let limits = std::fs::read_to_string("/proc/self/limits").unwrap();
    let line = limits
        .lines()
        .find(|line| line.starts_with("Max open files"))
        .unwrap();
    let soft = line.split_whitespace().nth(3).unwrap();
    soft.parse().unwrap_or(u64::MAX)
}

/// Builds the request of connection `index`: a search, or for the first
/// `LOOKUPS` connections a lookup of a code of their own that also claims an
/// address of its own in every forwarding header the server could trust.
fn request(index: usize, address: &str) -> String {
    if index < LOOKUPS {
        let body = format!(r#"{{"code":"000.00.00.H99-260101-{index:04}","verifier":"1234"}}"#);
        let claimed = format!(
            "10.{}.{}.{}",
            index / 65_536,
            index / 256 % 256,
            index % 256
        );
        return format!(
            "POST /api/v1/dossiers/lookup HTTP/1.1\r\nHost: {address}\r\n\
             Content-Type: application/json\r\nContent-Length: {}\r\n\
             X-Forwarded-For: {claimed}\r\nX-Real-IP: {claimed}\r\n\
             Forwarded: for={claimed}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
    }

    let query = QUERIES[index % QUERIES.len()];
    format!(
        "GET /api/v1/procedures?q={}&limit=10 HTTP/1.1\r\nHost: {address}\r\n\
         Accept: application/json\r\nConnection: close\r\n\r\n",
        percent_encode(query)
    )
}

fn percent_encode(value: &str) -> String {
    value
        .bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                char::from(byte).to_string()
            }
            _ => format!("%{byte:02X}"),
        })
        .collect()
}

/// Returns the status code of a raw HTTP/1.1 response.
fn status_code(response: &[u8]) -> u16 {
    let text = String::from_utf8_lossy(response);
    text.strip_prefix("HTTP/1.1 ")
        .and_then(|rest| rest.get(..3))
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("not an HTTP/1.1 response: {:?}", text.get(..80)))
}

/// Outcome of one connection: whether it was a lookup, and the status.
struct Outcome {
    lookup: bool,
    status: u16,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thousand_connections_all_served() {
    // Both ends of every connection live on this machine, the server's in
    // the child process; a margin covers the runtimes' own files.
    ensure_open_files(CONNECTIONS as u64 + 256);
    let (running, address) = spawn_portal();
    let pid = running.0.id();
    let resident_before = status_kib(pid, "VmRSS");

    // Every connection is open before any request goes out, so the server
    // has all of them open at once.
    let started = Instant::now();
    let barrier = Arc::new(Barrier::new(CONNECTIONS));
    let mut tasks = Vec::with_capacity(CONNECTIONS);
    for index in 0..CONNECTIONS {
        let barrier = Arc::clone(&barrier);
        let address = address.clone();
        tasks.push(tokio::spawn(async move {
            let mut stream = TcpStream::connect(&address).await.unwrap();
            barrier.wait().await;
            stream
                .write_all(request(index, &address).as_bytes())
                .await
                .unwrap();
            let mut response = Vec::new();
            stream.read_to_end(&mut response).await.unwrap();
            Outcome {
                lookup: index < LOOKUPS,
                status: status_code(&response),
            }
        }));
    }

    let mut outcomes = Vec::with_capacity(CONNECTIONS);
    for task in tasks {
        let outcome = tokio::time::timeout(RUN_TIMEOUT, task)
            .await
            .expect("a connection got no response in time")
            .expect("a connection task failed");
        outcomes.push(outcome);
    }
    let elapsed = started.elapsed();

    let searches: Vec<u16> = outcomes
        .iter()
        .filter(|outcome| !outcome.lookup)
        .map(|outcome| outcome.status)
        .collect();
    assert_eq!(searches.len(), CONNECTIONS - LOOKUPS);
    let failed_searches = searches.iter().filter(|status| **status != 200).count();
    assert_eq!(failed_searches, 0, "search statuses: {searches:?}");

    // Unknown codes get 404 while the client has attempts left, then 429.
    // The bucket refills one attempt every 60 / LOOKUP_RATE_LIMIT seconds.
    let lookups: Vec<u16> = outcomes
        .iter()
        .filter(|outcome| outcome.lookup)
        .map(|outcome| outcome.status)
        .collect();
    let admitted = lookups.iter().filter(|status| **status == 404).count() as u64;
    let limited = lookups.iter().filter(|status| **status == 429).count() as u64;
    assert_eq!(
        admitted + limited,
        LOOKUPS as u64,
        "lookup statuses other than 404 and 429: {lookups:?}"
    );
    let refilled = elapsed.as_secs() * u64::from(LOOKUP_RATE_LIMIT) / 60 + 1;
    assert!(
        admitted >= u64::from(LOOKUP_RATE_LIMIT),
        "only {admitted} lookups admitted"
    );
    assert!(
        admitted <= u64::from(LOOKUP_RATE_LIMIT) + refilled,
        "{admitted} lookups admitted in {elapsed:?}: varying the code or the \
         forwarding headers dodged the limit of {LOOKUP_RATE_LIMIT} a minute"
    );

    let peak = status_kib(pid, "VmHWM");
    assert!(
        peak.saturating_sub(resident_before) <= MAX_MEMORY_GROWTH_KIB,
        "peak memory grew from {resident_before} kB to {peak} kB"
    );
    eprintln!(
        "{CONNECTIONS} connections in {elapsed:?}; lookups admitted {admitted}, limited \
         {limited}; portal memory {resident_before} kB before, peak {peak} kB"
    );
}
