//! `cargo xtask bench fuzz`: runs each cargo-fuzz target in `fuzz/` for a
//! bounded time, one after another, and prints what each run covered.

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use crate::process::{describe, header, output_of, run};
use crate::tools::ToolPath;
use crate::{workspace, Result};

pub const USAGE: &str = "\
cargo xtask bench fuzz [TARGET...] [--seconds N]
    Runs each fuzz target of fuzz/ (all of them by default) for N seconds
    (default 60), one after another, with `cargo +nightly fuzz run`, then
    prints runs, coverage and crashes per target. Needs a nightly toolchain;
    installs cargo-fuzz when it is missing. Not part of `bench all`.";

const DEFAULT_SECONDS: u64 = 60;

/// A libFuzzer timeout: one input running longer than this counts as a
/// crash, so a hang cannot eat the whole time budget.
const INPUT_TIMEOUT_SECONDS: u64 = 10;

/// A fuzz target of `fuzz/Cargo.toml` with its libFuzzer dictionary in `fuzz/dicts/`.
struct Target {
    name: &'static str,
    dictionary: Option<&'static str>,
}

const TARGETS: &[Target] = &[
    Target {
        name: "dossier_code",
        dictionary: None,
    },
    Target {
        name: "import_record",
        dictionary: Some("import.dict"),
    },
    Target {
        name: "import_bytes",
        dictionary: Some("import.dict"),
    },
    Target {
        name: "search_query",
        dictionary: Some("search.dict"),
    },
    Target {
        name: "date_parsers",
        dictionary: None,
    },
    Target {
        name: "api_json",
        dictionary: Some("api.dict"),
    },
];

/// Numbers of one run, read from libFuzzer's status lines and final stats.
#[derive(Debug, Default, PartialEq)]
struct RunStats {
    runs: Option<u64>,
    executions_per_second: Option<u64>,
    /// Code edges reached (libFuzzer's `cov:`).
    coverage: Option<u64>,
    /// Distinct features, a finer measure than edges (libFuzzer's `ft:`).
    features: Option<u64>,
    /// Inputs in libFuzzer's corpus at the end (its `corp:`), which keeps
    /// only inputs that add coverage. The corpus directory may hold more.
    corpus: Option<u64>,
    peak_rss_mb: Option<u64>,
    /// Inputs libFuzzer saved because they crashed, hung or ran out of memory.
    artifacts: Vec<String>,
}

impl RunStats {
    fn read_line(&mut self, line: &str) {
        if let Some(value) = line.strip_prefix("stat::number_of_executed_units:") {
            self.runs = value.trim().parse().ok();
        } else if let Some(value) = line.strip_prefix("stat::average_exec_per_sec:") {
            self.executions_per_second = value.trim().parse().ok();
        } else if let Some(value) = line.strip_prefix("stat::peak_rss_mb:") {
            self.peak_rss_mb = value.trim().parse().ok();
        } else if let Some(path) = line.split("Test unit written to ").nth(1) {
            self.artifacts.push(path.trim().to_owned());
        } else if let Some(status) = line.strip_prefix('#') {
            // A status line: `#65536 pulse cov: 812 ft: 2950 corp: 180/9Kb ...`.
            let mut words = status.split_whitespace();
            if let Some(runs) = words.next().and_then(|count| count.parse().ok()) {
                self.runs = Some(runs);
            }
            while let Some(word) = words.next() {
                match word {
                    "cov:" => self.coverage = words.next().and_then(|n| n.parse().ok()),
                    "ft:" => self.features = words.next().and_then(|n| n.parse().ok()),
                    "corp:" => {
                        // `corp: 180/9Kb`: inputs, then their total size.
                        self.corpus = words
                            .next()
                            .and_then(|value| value.split('/').next())
                            .and_then(|n| n.parse().ok());
                    }
                    _ => {}
                }
            }
        }
    }
}

/// Runs `cargo xtask bench fuzz`.
pub fn run_fuzz_bench(args: &[String]) -> Result {
    let mut seconds = DEFAULT_SECONDS;
    let mut selected: Vec<&Target> = Vec::new();

    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--seconds" => {
                let value = args
                    .next()
                    .ok_or_else(|| format!("--seconds needs a value\n\n{USAGE}"))?;
                seconds = value
                    .parse()
                    .ok()
                    .filter(|seconds| *seconds > 0)
                    .ok_or_else(|| {
                        format!("invalid --seconds `{value}`: expected a whole number above 0")
                    })?;
            }
            flag if flag.starts_with('-') => {
                return Err(format!("unknown argument `{flag}`\n\n{USAGE}"))
            }
            name => {
                let target = TARGETS
                    .iter()
                    .find(|target| target.name == name)
                    .ok_or_else(|| format!("unknown fuzz target `{name}`\n\n{USAGE}"))?;
                selected.push(target);
            }
        }
    }
    if selected.is_empty() {
        selected = TARGETS.iter().collect();
    }

    let tools = ToolPath::new()?;
    ensure_nightly()?;
    ensure_cargo_fuzz(&tools)?;
    warn_about_unlisted_targets(&tools);

    let mut results = Vec::new();
    for target in selected {
        header(&format!(
            "fuzz {target} for {seconds} s",
            target = target.name
        ));
        let outcome = run_target(&tools, target, seconds);
        results.push((target.name, outcome));
    }

    print_summary(&results, seconds);
    let failed: Vec<&str> = results
        .iter()
        .filter(|(_, outcome)| !matches!(outcome, Ok(stats) if stats.artifacts.is_empty()))
        .map(|(name, _)| *name)
        .collect();
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "fuzzing failed for {}; minimise each saved input with \
             `cargo +nightly fuzz tmin TARGET PATH` (see fuzz/README.md)",
            failed.join(", ")
        ))
    }
}

fn ensure_nightly() -> Result {
    let toolchains = output_of("rustup", &["toolchain", "list"]).unwrap_or_default();
    if toolchains.lines().any(|line| line.starts_with("nightly")) {
        return Ok(());
    }
    Err(
        "cargo-fuzz needs a nightly toolchain, and `rustup toolchain list` shows none; \
         install one with `rustup toolchain install nightly`"
            .to_owned(),
    )
}

fn ensure_cargo_fuzz(tools: &ToolPath) -> Result {
    if let Some(path) = tools.find("cargo-fuzz") {
        let version = output_of(&path, &["--version"]).unwrap_or_default();
        println!("cargo-fuzz: {version} installed");
        return Ok(());
    }
    println!("cargo-fuzz: not found, installing");
    run(tools.command("cargo").args(["install", "cargo-fuzz"]))
}

/// Prints a warning for each target of `fuzz/Cargo.toml` that `TARGETS`
/// lacks, so a new target is not silently left out of the benchmark.
fn warn_about_unlisted_targets(tools: &ToolPath) {
    let mut list = fuzz_command(tools);
    list.args(["fuzz", "list"]).stderr(Stdio::null());
    let Ok(output) = list.output() else {
        return;
    };
    for name in String::from_utf8_lossy(&output.stdout).lines() {
        if !TARGETS.iter().any(|target| target.name == name.trim()) {
            println!("warning: fuzz target `{name}` is not in xtask's list, so it is not run");
        }
    }
}

/// Creates `cargo +nightly` in the workspace root through the rustup proxy on
/// `PATH`, because the `CARGO` that runs xtask is a toolchain's own cargo,
/// which does not understand `+nightly`.
fn fuzz_command(tools: &ToolPath) -> Command {
    let mut command = tools.command("cargo");
    command.arg("+nightly").current_dir(workspace::root());
    command
}

fn run_target(tools: &ToolPath, target: &Target, seconds: u64) -> Result<RunStats> {
    let fuzz_dir = workspace::root().join("fuzz");
    let corpus = fuzz_dir.join("corpus").join(target.name);
    fs::create_dir_all(&corpus)
        .map_err(|err| format!("cannot create {}: {err}", corpus.display()))?;

    let mut command = fuzz_command(tools);
    command
        .args(["fuzz", "run", "--jobs", "1", target.name])
        .arg(&corpus)
        .arg(fuzz_dir.join("seeds").join(target.name))
        .arg("--")
        .arg(format!("-max_total_time={seconds}"))
        .arg(format!("-timeout={INPUT_TIMEOUT_SECONDS}"))
        .arg("-print_final_stats=1");
    if let Some(dictionary) = target.dictionary {
        command.arg(format!(
            "-dict={}",
            fuzz_dir.join("dicts").join(dictionary).display()
        ));
    }

    let description = describe(&command);
    println!("$ {description}");
    let mut child = command
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|err| format!("cannot start `{description}`: {err}"))?;

    // libFuzzer reports on stderr, so pass it through and keep the numbers.
    let mut stats = RunStats::default();
    if let Some(stderr) = child.stderr.take() {
        for line in BufReader::new(stderr).lines() {
            let Ok(line) = line else { break };
            let _ = writeln!(std::io::stderr(), "{line}");
            stats.read_line(&line);
        }
    }
    let status = child
        .wait()
        .map_err(|err| format!("cannot wait for `{description}`: {err}"))?;

    if status.success() || !stats.artifacts.is_empty() {
        Ok(stats)
    } else {
        Err(format!("`{description}` failed ({status})"))
    }
}

fn print_summary(results: &[(&str, Result<RunStats>)], seconds: u64) {
    header(&format!("fuzz summary ({seconds} s per target)"));
    println!(
        "{:<14} {:>12} {:>8} {:>6} {:>8} {:>8} {:>7}  result",
        "target", "runs", "exec/s", "cov", "features", "corpus", "rss MB"
    );
    for (name, outcome) in results {
        match outcome {
            Ok(stats) => {
                let result = if stats.artifacts.is_empty() {
                    "ok".to_owned()
                } else {
                    format!("CRASH {}", stats.artifacts.join(", "))
                };
                println!(
                    "{name:<14} {:>12} {:>8} {:>6} {:>8} {:>8} {:>7}  {result}",
                    number(stats.runs),
                    number(stats.executions_per_second),
                    number(stats.coverage),
                    number(stats.features),
                    number(stats.corpus),
                    number(stats.peak_rss_mb),
                );
            }
            Err(message) => println!("{name:<14} FAILED {message}"),
        }
    }
}

fn number(value: Option<impl ToString>) -> String {
    value.map_or_else(|| "-".to_owned(), |value| value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stats_read_from_libfuzzer_output() {
        let mut stats = RunStats::default();
        for line in [
            "INFO: Seed: 1234",
            "#2\tINITED cov: 40 ft: 41 corp: 1/1b exec/s: 0 rss: 30Mb",
            "#65536\tpulse  cov: 812 ft: 2950 corp: 180/9Kb lim: 80 exec/s: 32768 rss: 60Mb",
            "#70000\tDONE   cov: 815 ft: 2990 corp: 181/9Kb lim: 80 exec/s: 35000 rss: 61Mb",
            "Done 70000 runs in 2 second(s)",
            "stat::number_of_executed_units: 70000",
            "stat::average_exec_per_sec:     35000",
            "stat::peak_rss_mb:              61",
        ] {
            stats.read_line(line);
        }

        assert_eq!(stats.runs, Some(70000));
        assert_eq!(stats.executions_per_second, Some(35000));
        assert_eq!(stats.coverage, Some(815));
        assert_eq!(stats.features, Some(2990));
        assert_eq!(stats.corpus, Some(181));
        assert_eq!(stats.peak_rss_mb, Some(61));
        assert!(stats.artifacts.is_empty());
    }

    #[test]
    fn stats_keep_crash_artifact() {
        let mut stats = RunStats::default();
        stats.read_line("#4096\tNEW    cov: 90 ft: 100 corp: 9/90b exec/s: 4096 rss: 40Mb");
        stats.read_line(
            "artifact_prefix='fuzz/artifacts/x/'; Test unit written to fuzz/artifacts/x/crash-ab12",
        );

        assert_eq!(stats.runs, Some(4096));
        assert_eq!(stats.coverage, Some(90));
        assert_eq!(stats.artifacts, vec!["fuzz/artifacts/x/crash-ab12"]);
    }
}
