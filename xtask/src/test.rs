//! `cargo xtask test`: every check CI runs, in order, stopping at the first failure.

use std::ffi::OsString;
use std::fs;
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::process::{header, run, run_keeping_summary};
use crate::tools::{self, cargo, ToolPath, WASM_TARGET};
use crate::{site, workspace, Result};

pub const USAGE: &str = "\
cargo xtask test [STAGE...] [-- NODE_TEST_ARGS...]
    Installs the missing tools, then runs the stages in this order and stops at
    the first failure (default: all of them):
      fmt          cargo fmt --all --check
      clippy       clippy -D warnings on the native workspace, all targets
                   (test targets may unwrap and expect)
      clippy-wasm  the same for dvc-widgets on wasm32-unknown-unknown
      unit         cargo test --workspace (unit, integration and server HTTP tests)
      wasm         browser bundle (cargo xtask dist), then trunk release
                   build of demo/site
      browser      release build of the portal, then node --test tests/*.test.mjs
                   (also runs `wasm`, which it needs)
    Arguments after `--` go to `node --test`; those ending in .mjs replace the
    default list of test files, e.g.
      cargo xtask test browser -- tests/smoke.test.mjs --test-name-pattern=health
    Environment: DVC_SHARED_DATA (default: ../shared/data beside the checkout,
    when it exists) points the full-catalogue tests at the shared data.";

/// One step of `cargo xtask test`.
struct Stage {
    name: &'static str,
    title: &'static str,
    run: fn(&mut TestRun) -> Result,
    /// Whether this stage runs a test runner whose summary lines are collected.
    runs_tests: bool,
}

/// The stages in the order they run; add a new check by adding a row.
const STAGES: &[Stage] = &[
    Stage {
        name: "fmt",
        title: "rustfmt check",
        run: fmt,
        runs_tests: false,
    },
    Stage {
        name: "clippy",
        title: "clippy, native workspace, all targets",
        run: clippy_native,
        runs_tests: false,
    },
    Stage {
        name: "clippy-wasm",
        title: "clippy, dvc-widgets for wasm32-unknown-unknown",
        run: clippy_wasm,
        runs_tests: false,
    },
    Stage {
        name: "unit",
        title: "cargo test: unit, integration and server HTTP tests",
        run: cargo_test,
        runs_tests: true,
    },
    Stage {
        name: "wasm",
        title: "wasm build: dist bundle, trunk release build of demo/site",
        run: wasm,
        runs_tests: false,
    },
    Stage {
        name: "browser",
        title: "browser tests: release portal, node --test",
        run: browser,
        runs_tests: true,
    },
];

/// State shared by the stages of one run.
struct TestRun {
    tools: ToolPath,
    /// Variables set on every child process.
    child_env: Vec<(&'static str, OsString)>,
    /// Arguments for `node --test` given after `--`.
    node_args: Vec<String>,
    /// Summary lines of the test runners, repeated at the end of the run.
    runner_summary: Vec<String>,
}

impl TestRun {
    fn cargo(&self) -> Command {
        let mut command = cargo(&self.tools);
        command.envs(self.child_env.iter().map(|(key, value)| (key, value)));
        command
    }
}

/// Outcome of one stage, for the summary table.
enum Outcome {
    Passed(Duration),
    Failed(Duration),
    NotRun,
}

/// Runs `cargo xtask test`.
pub fn run_tests(args: &[String]) -> Result {
    let (selected, node_args) = parse(args)?;
    let mut test_run = TestRun {
        tools: ToolPath::new()?,
        child_env: shared_data_env(),
        node_args,
        runner_summary: Vec::new(),
    };

    let started = Instant::now();
    header("Install tools");
    let install = install(&selected, &test_run.tools);
    let mut outcomes = vec![("install", timed_outcome(started, &install))];

    let mut failure = install.err();
    let mut ran_tests = false;
    for stage in STAGES.iter().filter(|stage| selected.contains(&stage.name)) {
        if failure.is_some() {
            outcomes.push((stage.name, Outcome::NotRun));
            continue;
        }

        header(&format!("{}: {}", stage.name, stage.title));
        let started = Instant::now();
        let result = (stage.run)(&mut test_run);
        outcomes.push((stage.name, timed_outcome(started, &result)));
        ran_tests |= stage.runs_tests;
        failure = result.err();
    }

    print_summary(&outcomes, &test_run.runner_summary, ran_tests);

    match failure {
        Some(error) => Err(error),
        None => Ok(()),
    }
}

/// Splits the arguments into stage names (in run order) and `node --test` arguments.
fn parse(args: &[String]) -> Result<(Vec<&'static str>, Vec<String>)> {
    let (stage_args, node_args) = match args.iter().position(|arg| arg == "--") {
        Some(split) => (&args[..split], args[split + 1..].to_vec()),
        None => (args, Vec::new()),
    };

    let mut requested = Vec::new();
    for arg in stage_args {
        let stage = STAGES
            .iter()
            .find(|stage| stage.name == arg)
            .ok_or_else(|| format!("unknown stage `{arg}`\n\n{USAGE}"))?;
        requested.push(stage.name);
    }
    if requested.is_empty() {
        requested = STAGES.iter().map(|stage| stage.name).collect();
    }
    if requested.contains(&"browser") && !requested.contains(&"wasm") {
        requested.push("wasm");
    }

    let in_run_order = STAGES
        .iter()
        .map(|stage| stage.name)
        .filter(|name| requested.contains(name))
        .collect();
    Ok((in_run_order, node_args))
}

/// Points the full-catalogue tests at `<root>/../shared/data` unless the caller set
/// `DVC_SHARED_DATA` already.
fn shared_data_env() -> Vec<(&'static str, OsString)> {
    if let Some(chosen) = std::env::var_os("DVC_SHARED_DATA") {
        println!("DVC_SHARED_DATA={}", chosen.to_string_lossy());
        return Vec::new();
    }
    match workspace::shared_data_beside_checkout() {
        Some(dir) => {
            println!(
                "DVC_SHARED_DATA={} (found beside the checkout)",
                dir.display()
            );
            vec![("DVC_SHARED_DATA", dir.into_os_string())]
        }
        None => {
            println!(
                "DVC_SHARED_DATA unset and ../shared/data not found: full-catalogue tests skip"
            );
            Vec::new()
        }
    }
}

fn install(selected: &[&str], tools: &ToolPath) -> Result {
    let needs_wasm_tools = selected
        .iter()
        .any(|name| ["clippy-wasm", "wasm", "browser"].contains(name));
    if needs_wasm_tools {
        tools::ensure_wasm_build_tools(tools)?;
    }
    if selected.contains(&"browser") {
        tools::ensure_browser()?;
    }
    Ok(())
}

fn fmt(test_run: &mut TestRun) -> Result {
    run(test_run.cargo().args(["fmt", "--all", "--check"]))
}

fn clippy_native(test_run: &mut TestRun) -> Result {
    clippy(test_run, &["--workspace"])
}

fn clippy_wasm(test_run: &mut TestRun) -> Result {
    clippy(test_run, &["-p", "dvc-widgets", "--target", WASM_TARGET])
}

/// Runs clippy with warnings denied over every target of `selection`, in two passes.
///
/// Test code may unwrap and expect, because a panic there is a test failure with a
/// location. clippy.toml exempts `#[test]` functions and `#[cfg(test)]` modules
/// only, not the helper modules of integration tests, so the test targets get a
/// second pass with those two lints allowed.
fn clippy(test_run: &mut TestRun, selection: &[&str]) -> Result {
    run(test_run
        .cargo()
        .arg("clippy")
        .args(selection)
        .args(["--lib", "--bins", "--examples", "--benches", "--locked"])
        .args(["--", "-D", "warnings"]))?;

    run(test_run
        .cargo()
        .arg("clippy")
        .args(selection)
        .args(["--tests", "--locked"])
        .args(["--", "-D", "warnings"])
        .args(["-A", "clippy::unwrap_used", "-A", "clippy::expect_used"]))
}

fn cargo_test(test_run: &mut TestRun) -> Result {
    let mut command = test_run.cargo();
    command.args(["test", "--workspace", "--locked"]);
    run_keeping_summary(&mut command, is_cargo_summary, &mut test_run.runner_summary)
}

fn wasm(test_run: &mut TestRun) -> Result {
    site::build(&test_run.tools)
}

fn browser(test_run: &mut TestRun) -> Result {
    run(test_run.cargo().args([
        "build",
        "--release",
        "--locked",
        "-p",
        "dvc-demo-portal",
        "--bin",
        "dvc-demo-portal",
    ]))?;

    let (files, flags): (Vec<String>, Vec<String>) = test_run
        .node_args
        .iter()
        .cloned()
        .partition(|arg| arg.ends_with(".mjs"));
    let files = if files.is_empty() {
        default_test_files()?
    } else {
        absolute_paths(files)?
    };

    let mut command = test_run.tools.command("node");
    command
        .args(["--test", "--test-reporter=tap"])
        .args(flags)
        .args(&files)
        .current_dir(workspace::tests_dir())
        .envs(test_run.child_env.iter().map(|(key, value)| (key, value)))
        .env("DVC_PORTAL_BIN", workspace::portal_binary())
        .env("DVC_SITE_DIR", workspace::site_dist_dir())
        .env("DVC_DIST_DIR", workspace::dist_dir());
    run_keeping_summary(&mut command, is_node_summary, &mut test_run.runner_summary)
}

/// `tests/*.test.mjs`, listed here because Node 20 takes no glob patterns.
fn default_test_files() -> Result<Vec<PathBuf>> {
    let tests_dir = workspace::tests_dir();
    let entries = fs::read_dir(&tests_dir)
        .map_err(|err| format!("cannot read {}: {err}", tests_dir.display()))?;

    let mut files: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.path())
        .filter(|path| path.to_string_lossy().ends_with(".test.mjs"))
        .collect();
    files.sort();

    if files.is_empty() {
        return Err(format!("no *.test.mjs files in {}", tests_dir.display()));
    }
    Ok(files)
}

/// Resolves test files given on the command line against the caller's directory,
/// because node runs in `tests/`.
fn absolute_paths(files: Vec<String>) -> Result<Vec<PathBuf>> {
    files
        .into_iter()
        .map(|file| {
            std::path::absolute(&file).map_err(|err| format!("invalid test file `{file}`: {err}"))
        })
        .collect()
}

fn timed_outcome(started: Instant, result: &Result) -> Outcome {
    match result {
        Ok(()) => Outcome::Passed(started.elapsed()),
        Err(_) => Outcome::Failed(started.elapsed()),
    }
}

/// libtest's closing line per test binary, e.g. `test result: ok. 5 passed; 0 failed; …`.
fn is_cargo_summary(line: &str) -> bool {
    line.starts_with("test result:")
}

/// node's TAP reporter ends with top-level comments such as `# pass 3` and `# fail 0`.
fn is_node_summary(line: &str) -> bool {
    const KEYS: [&str; 8] = [
        "tests",
        "suites",
        "pass",
        "fail",
        "cancelled",
        "skipped",
        "todo",
        "duration_ms",
    ];
    line.strip_prefix("# ")
        .and_then(|rest| rest.split_whitespace().next())
        .is_some_and(|key| KEYS.contains(&key))
}

/// Passed, failed and skipped counts added up over every runner summary line.
#[derive(Debug, Default, PartialEq)]
struct Totals {
    passed: u64,
    failed: u64,
    skipped: u64,
}

fn totals(summary: &[String]) -> Totals {
    let mut totals = Totals::default();
    for line in summary {
        if let Some(counts) = line.strip_prefix("test result:") {
            // `ok. 5 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in …`
            for part in counts.split(';') {
                let mut words = part.split_whitespace().rev();
                let (Some(label), Some(count)) = (words.next(), words.next()) else {
                    continue;
                };
                let Ok(count) = count.parse::<u64>() else {
                    continue;
                };
                match label {
                    "passed" => totals.passed += count,
                    "failed" => totals.failed += count,
                    "ignored" => totals.skipped += count,
                    _ => {}
                }
            }
        } else if let Some(rest) = line.strip_prefix("# ") {
            let mut words = rest.split_whitespace();
            let (Some(key), Some(count)) = (words.next(), words.next()) else {
                continue;
            };
            let Ok(count) = count.parse::<u64>() else {
                continue;
            };
            match key {
                "pass" => totals.passed += count,
                "fail" | "cancelled" => totals.failed += count,
                "skipped" | "todo" => totals.skipped += count,
                _ => {}
            }
        }
    }
    totals
}

/// Prints each stage's outcome and duration, then the runners' own summary lines,
/// and last a plain `N passed, N failed, N skipped` total.
fn print_summary(outcomes: &[(&str, Outcome)], runner_summary: &[String], ran_tests: bool) {
    header("Summary");
    for (name, outcome) in outcomes {
        match outcome {
            Outcome::Passed(duration) => {
                println!("  ok      {:>7.1} s  {name}", duration.as_secs_f64())
            }
            Outcome::Failed(duration) => {
                println!("  FAILED  {:>7.1} s  {name}", duration.as_secs_f64())
            }
            Outcome::NotRun => println!("  not run            {name}"),
        }
    }

    if !ran_tests {
        return;
    }
    println!();
    for line in runner_summary {
        println!("{line}");
    }
    let totals = totals(runner_summary);
    println!(
        "Total: {} passed, {} failed, {} skipped",
        totals.passed, totals.failed, totals.skipped
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|arg| arg.to_string()).collect()
    }

    #[test]
    fn parse_defaults_to_every_stage() {
        let (stages, node_args) = parse(&[]).unwrap();
        assert_eq!(stages.len(), STAGES.len());
        assert!(node_args.is_empty());
    }

    #[test]
    fn parse_browser_adds_wasm_in_run_order() {
        let (stages, _) = parse(&strings(&["browser", "fmt"])).unwrap();
        assert_eq!(stages, vec!["fmt", "wasm", "browser"]);
    }

    #[test]
    fn parse_passes_node_args() {
        let (_, node_args) = parse(&strings(&["browser", "--", "a.test.mjs", "--x"])).unwrap();
        assert_eq!(node_args, vec!["a.test.mjs", "--x"]);
    }

    #[test]
    fn parse_rejects_unknown_stage() {
        let error = parse(&strings(&["lint"])).err().unwrap();
        assert!(error.contains("unknown stage `lint`"), "{error}");
    }

    #[test]
    fn node_summary_lines() {
        assert!(is_node_summary("# pass 3"));
        assert!(is_node_summary("# fail 0"));
        assert!(!is_node_summary("# Subtest: smoke"));
        assert!(!is_node_summary("    # pass 1"));
    }

    #[test]
    fn totals_over_cargo_and_node() {
        let summary = strings(&[
            "test result: ok. 5 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.01s",
            "test result: FAILED. 2 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.20s",
            "# tests 4",
            "# pass 3",
            "# fail 0",
            "# cancelled 1",
            "# skipped 2",
            "# todo 0",
        ]);
        assert_eq!(
            totals(&summary),
            Totals {
                passed: 10,
                failed: 2,
                skipped: 3
            }
        );
    }
}
