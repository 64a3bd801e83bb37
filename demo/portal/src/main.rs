//! `dvc-demo-portal`: runs the demo portal server.
//!
//! Prints exactly one line to standard output once it listens,
//! `dvc-demo-portal listening on http://IP:PORT`, which scripts and browser
//! tests wait for. Logs go to standard error.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use dvc_core::date::Date;
use dvc_demo_portal::config::Cli;
use dvc_demo_portal::dossiers::{self, DemoDossier, GeneratorSettings};
use dvc_demo_portal::import::{self, Import};
use dvc_demo_portal::state::today_in_vietnam;
use dvc_demo_portal::{serve, AppState};
use tokio::net::TcpListener;
use tracing_subscriber::EnvFilter;

/// Dossiers of each status that `--print-demo-dossiers` lists without `--json`.
const PRINTED_PER_STATUS: usize = 3;

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging();

    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn init_logging() {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
}

fn run(cli: Cli) -> Result<(), String> {
    let started = Instant::now();
    let config = cli.server_config();
    let today = cli.today.unwrap_or_else(today_in_vietnam);

    let catalogue = load_catalogue(&cli)?;
    tracing::info!("import: {}", catalogue.report);
    if catalogue.procedures.is_empty() {
        tracing::warn!(
            "the catalogue is empty: searches return nothing and no demo dossiers exist"
        );
    }

    if cli.print_demo_dossiers {
        let demo = dossiers::generate(&catalogue.procedures, &GeneratorSettings::new(today));
        return print_demo_dossiers(&demo, today, cli.json);
    }

    if let Some(dir) = &config.site_dir {
        if !dir.is_dir() {
            return Err(format!(
                "--site {}: not a directory; build the demo page with trunk first or leave out --site",
                dir.display()
            ));
        }
    }

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|error| format!("failed to start the async runtime: {error}"))?;
    runtime.block_on(async move {
        let state = AppState::new(catalogue.procedures, config);
        tracing::info!(
            procedures = state.catalogue().len(),
            demo_dossiers = state.dossiers().len(),
            %today,
            "state ready"
        );

        let shutdown = shutdown_signal()?;
        let listener = TcpListener::bind(cli.addr)
            .await
            .map_err(|error| format!("cannot listen on {}: {error}", cli.addr))?;
        let addr = listener
            .local_addr()
            .map_err(|error| format!("cannot read the bound address: {error}"))?;

        announce(&format!("dvc-demo-portal listening on http://{addr}"))?;
        tracing::info!(
            startup_ms = started.elapsed().as_millis() as u64,
            "serving; stop with Ctrl-C"
        );

        serve(listener, state, shutdown)
            .await
            .map_err(|error| format!("server failed: {error}"))?;
        tracing::info!("stopped");
        Ok(())
    })
}

fn load_catalogue(cli: &Cli) -> Result<Import, String> {
    match &cli.data {
        Some(path) => {
            import::import_file(path).map_err(|error| format!("--data {}: {error}", path.display()))
        }
        None => Ok(import::import_builtin_sample()),
    }
}

/// Prints the one stdout line that scripts wait for, flushed at once.
fn announce(line: &str) -> Result<(), String> {
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{line}")
        .and_then(|()| stdout.flush())
        .map_err(|error| format!("cannot write to standard output: {error}"))
}

fn print_demo_dossiers(demo: &[DemoDossier], today: Date, json: bool) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    let write_error = |error: std::io::Error| format!("cannot write to standard output: {error}");

    if json {
        for dossier in demo {
            let line = serde_json::to_string(&dossier.summary(today))
                .map_err(|error| format!("cannot encode a dossier summary: {error}"))?;
            writeln!(out, "{line}").map_err(write_error)?;
        }
        return out.flush().map_err(write_error);
    }

    writeln!(
        out,
        "Demo dossiers as of {today} ({} in all; --json lists every one)",
        demo.len()
    )
    .map_err(write_error)?;
    writeln!(
        out,
        "{:<28} {:<8} {:<44} HẠN",
        "MÃ HỒ SƠ", "XÁC MINH", "TRẠNG THÁI"
    )
    .map_err(write_error)?;
    for status in dvc_core::model::StatusCode::ALL {
        let of_status = demo
            .iter()
            .filter(|dossier| dossier.status.status == status)
            .take(PRINTED_PER_STATUS);
        for dossier in of_status {
            let summary = dossier.summary(today);
            let due = match (summary.due_date, summary.working_days_left) {
                (Some(due), Some(left)) if left < 0 => {
                    format!("{due}, quá hạn {} ngày làm việc", -left)
                }
                (Some(due), Some(left)) => format!("{due}, còn {left} ngày làm việc"),
                (Some(due), None) => format!("{due}"),
                (None, _) => "chưa có".to_owned(),
            };
            let label = format!("{} {}", summary.status, summary.status_label);
            let cases = if summary.cases.is_empty() {
                String::new()
            } else {
                format!(" [{}]", summary.cases.join(", "))
            };
            writeln!(
                out,
                "{:<28} {:<8} {:<44} {due}{cases}",
                summary.code, summary.verifier, label
            )
            .map_err(write_error)?;
        }
    }
    out.flush().map_err(write_error)
}

/// Installs the Ctrl-C and SIGTERM handlers and returns a future that
/// completes on either. Installing them before the address is announced means
/// a signal sent right after the announcement stops the server gracefully.
fn shutdown_signal() -> Result<impl std::future::Future<Output = ()> + Send + 'static, String> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let install = |kind: SignalKind, name: &str| {
            signal(kind).map_err(|error| format!("cannot listen for {name}: {error}"))
        };
        let mut interrupt = install(SignalKind::interrupt(), "Ctrl-C")?;
        let mut terminate = install(SignalKind::terminate(), "SIGTERM")?;
        Ok(async move {
            tokio::select! {
                _ = interrupt.recv() => tracing::info!("Ctrl-C received, shutting down"),
                _ = terminate.recv() => tracing::info!("SIGTERM received, shutting down"),
            }
        })
    }
    #[cfg(not(unix))]
    {
        Ok(async {
            match tokio::signal::ctrl_c().await {
                Ok(()) => tracing::info!("Ctrl-C received, shutting down"),
                Err(error) => {
                    tracing::error!("cannot listen for Ctrl-C: {error}");
                    std::future::pending::<()>().await;
                }
            }
        })
    }
}
