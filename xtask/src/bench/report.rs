//! The record of a full benchmark run: the machine it ran on, a summary
//! against the targets, and each benchmark's section, written to
//! docs/benchmarks.md.

use std::fmt::Write as _;
use std::path::Path;

use crate::process::output_of;
use crate::{workspace, Result};

/// The output of one benchmark: a Markdown section and named figures.
pub struct Section {
    pub markdown: String,
    /// `key=value` pairs the summary reads, e.g. `bundle_gzip_bytes=363604`.
    pub figures: Vec<(String, String)>,
}

impl Section {
    /// Returns the figure `key` as a number, when the benchmark reported it.
    fn number(&self, key: &str) -> Option<f64> {
        self.figures
            .iter()
            .find(|(name, _)| name == key)
            .and_then(|(_, value)| value.parse().ok())
    }
}

/// Reads a `key=value` figures file written by a benchmark script.
pub fn read_figures(path: &Path) -> Result<Vec<(String, String)>> {
    let text = std::fs::read_to_string(path)
        .map_err(|err| format!("cannot read benchmark figures {}: {err}", path.display()))?;
    Ok(text
        .lines()
        .filter_map(|line| line.split_once('='))
        .map(|(key, value)| (key.trim().to_owned(), value.trim().to_owned()))
        .collect())
}

/// The machine and its state when the run started.
pub struct Machine {
    cores: usize,
    memory: String,
    cpu_model: String,
    load_average: String,
    started_at: String,
    commit: String,
}

impl Machine {
    /// Reads the machine's description from /proc, `date` and git.
    pub fn describe() -> Machine {
        let cores = std::thread::available_parallelism().map_or(0, usize::from);
        let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
        let memory = proc_field(&meminfo, "MemTotal")
            .and_then(|value| value.trim_end_matches("kB").trim().parse::<u64>().ok())
            .map_or_else(
                || "unknown".to_owned(),
                |kib| format!("{:.1} GiB", kib as f64 / 1024.0 / 1024.0),
            );
        let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let cpu_model = proc_field(&cpuinfo, "model name").unwrap_or_else(|| "unknown".to_owned());
        let load_average = std::fs::read_to_string("/proc/loadavg")
            .ok()
            .map(|text| {
                text.split_whitespace()
                    .take(3)
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_else(|| "unknown".to_owned());
        let started_at = output_of("date", &["-u", "+%Y-%m-%d %H:%M UTC"])
            .unwrap_or_else(|| "unknown".to_owned());
        let commit = commit_description();
        Machine {
            cores,
            memory,
            cpu_model,
            load_average,
            started_at,
            commit,
        }
    }

    /// Returns the one-line description printed before the benchmarks run.
    pub fn line(&self) -> String {
        format!(
            "{} cores ({}), {} memory, load average {} (1, 5, 15 min)",
            self.cores, self.cpu_model, self.memory, self.load_average
        )
    }
}

/// Returns the value of the first `name: value` line of a /proc file.
fn proc_field(text: &str, name: &str) -> Option<String> {
    text.lines()
        .filter_map(|line| line.split_once(':'))
        .find(|(key, _)| key.trim() == name)
        .map(|(_, value)| value.trim().to_owned())
}

/// Returns the short commit id, marked when the working tree has changes.
fn commit_description() -> String {
    let root = workspace::root();
    let root = root.to_string_lossy();
    let commit = output_of("git", &["-C", &root, "rev-parse", "--short", "HEAD"])
        .unwrap_or_else(|| "unknown".to_owned());
    let dirty = output_of("git", &["-C", &root, "status", "--porcelain"])
        .is_some_and(|status| !status.is_empty());
    if dirty {
        format!("{commit} with uncommitted changes in the working tree")
    } else {
        commit
    }
}

/// A target from the project's goals and the figure it is checked against.
struct Target {
    goal: &'static str,
    key: &'static str,
    format: fn(f64) -> String,
    met: fn(f64) -> bool,
}

const TARGETS: &[Target] = &[
    Target {
        goal: "total bundle ≤ 100 kB gzip now, on the way to 60 kB",
        key: "bundle_gzip_bytes",
        format: |bytes| format!("{:.1} kB gzip", bytes / 1000.0),
        met: |bytes| bytes <= 100_000.0,
    },
    Target {
        goal: "interactive ≤ 300 ms at 4× CPU slowdown now, on the way to 150 ms",
        key: "interactive_ms",
        format: |ms| format!("{ms:.0} ms (median)"),
        met: |ms| ms <= 300.0,
    },
    Target {
        goal: "≥ 10,000 search requests/s at 64 connections",
        key: "requests_per_second",
        format: |rate| format!("{rate:.0} requests/s"),
        met: |rate| rate >= 10_000.0,
    },
];

/// A further figure listed in the summary, without a target.
struct Figure {
    key: &'static str,
    label: &'static str,
    format: fn(f64) -> String,
}

const OTHER_FIGURES: &[Figure] = &[
    Figure {
        key: "bundle_brotli_bytes",
        label: "total bundle, brotli",
        format: |bytes| format!("{:.1} kB", bytes / 1000.0),
    },
    Figure {
        key: "keystroke_to_results_ms",
        label: "keystroke to results (with the 300 ms debounce), median",
        format: |ms| format!("{ms:.0} ms"),
    },
    Figure {
        key: "loaded_p50_ms",
        label: "search over HTTP at 64 connections, p50",
        format: |ms| format!("{ms:.2} ms"),
    },
    Figure {
        key: "loaded_p99_ms",
        label: "search over HTTP at 64 connections, p99",
        format: |ms| format!("{ms:.2} ms"),
    },
    Figure {
        key: "single_p50_ms",
        label: "search over HTTP at 1 connection, p50",
        format: |ms| format!("{ms:.2} ms"),
    },
    Figure {
        key: "single_p99_ms",
        label: "search over HTTP at 1 connection, p99",
        format: |ms| format!("{ms:.2} ms"),
    },
    Figure {
        key: "many_connections_p99_ms",
        label: "search over HTTP at 1,000 connections, p99",
        format: |ms| format!("{ms:.2} ms"),
    },
    Figure {
        key: "many_connections_errors",
        label: "errors (non-2xx responses, socket errors) at 1,000 connections",
        format: |count| format!("{count:.0}"),
    },
    Figure {
        key: "peak_resident_bytes",
        label: "demo portal peak memory (VmHWM) after the load runs",
        format: |bytes| format!("{:.1} MB", bytes / 1_000_000.0),
    },
];

/// Builds docs/benchmarks.md from the sections of a full run.
pub fn document(machine: &Machine, command: &str, sections: &[(&str, Section)]) -> String {
    let mut text = String::new();
    let _ = writeln!(text, "# Benchmarks\n");
    let _ = writeln!(
        text,
        "Written by `{command}` on {}, at commit {}. Run it again to refresh this page; \
         `cargo xtask bench NAME` runs one benchmark and only prints.\n",
        machine.started_at, machine.commit
    );
    let _ = writeln!(text, "## Machine\n");
    let _ = writeln!(text, "| | |\n| --- | --- |");
    let _ = writeln!(text, "| CPU | {} |", machine.cpu_model);
    let _ = writeln!(text, "| cores (nproc) | {} |", machine.cores);
    let _ = writeln!(text, "| memory | {} |", machine.memory);
    let _ = writeln!(
        text,
        "| load average at start (1, 5, 15 min) | {} |",
        machine.load_average
    );
    let _ = writeln!(
        text,
        "\nThe machine is shared: a load average above the core count means other \
         processes took CPU time during the run, so times are longer and rates \
         lower than on an idle machine.\n"
    );

    let find = |key: &str| sections.iter().find_map(|(_, section)| section.number(key));
    let _ = writeln!(text, "## Summary\n");
    let _ = writeln!(text, "| Target | Measured | Met |\n| --- | --- | --- |");
    for target in TARGETS {
        let (measured, met) = match find(target.key) {
            Some(value) => (
                (target.format)(value),
                if (target.met)(value) { "yes" } else { "**no**" },
            ),
            None => ("not measured".to_owned(), "unknown"),
        };
        let _ = writeln!(text, "| {} | {measured} | {met} |", target.goal);
    }
    let _ = writeln!(text, "\n| Other figure | Measured |\n| --- | --- |");
    for figure in OTHER_FIGURES {
        if let Some(value) = find(figure.key) {
            let _ = writeln!(text, "| {} | {} |", figure.label, (figure.format)(value));
        }
    }
    if let Some((_, search)) = sections.iter().find(|(name, _)| *name == "search") {
        for (key, value) in &search.figures {
            let _ = writeln!(text, "| in-process search, {key} | {value} |");
        }
    }
    text.push('\n');

    for (_, section) in sections {
        text.push_str(section.markdown.trim_end());
        text.push_str("\n\n");
    }
    text
}
