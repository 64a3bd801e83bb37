//! `cargo xtask bench`: runs the benchmarks by name.

mod fuzz;

use std::path::PathBuf;

use crate::process::{header, run};
use crate::tools::{cargo_run_portal_binary, ToolPath};
use crate::{workspace, Result};

pub const USAGE: &str = "\
cargo xtask bench [NAME|all] [--data DIR]
    Runs one benchmark, or all of them (the default):
      search   server search latency over the full catalogue (dvc-bench-search)
      fuzz     every fuzz target of fuzz/ for a bounded time with nightly
               cargo-fuzz, never part of `all`:
               cargo xtask bench fuzz [TARGET...] [--seconds N] (default 60 each)
    --data DIR  shared data directory; default: $DVC_SHARED_DATA, else
                ../shared/data beside the checkout";

/// One benchmark; add a new one by adding a row to `BENCHES`.
struct Bench {
    name: &'static str,
    run: fn(&BenchOptions) -> Result,
}

const BENCHES: &[Bench] = &[Bench {
    name: "search",
    run: search,
}];

struct BenchOptions {
    tools: ToolPath,
    data: Option<PathBuf>,
}

/// Runs `cargo xtask bench`.
pub fn run_benches(args: &[String]) -> Result {
    // Fuzzing takes its own arguments and needs nightly, so it is dispatched
    // before the options of the other benchmarks and never runs in `all`.
    if let Some((name, rest)) = args.split_first() {
        if name == "fuzz" {
            return fuzz::run_fuzz_bench(rest);
        }
    }

    let mut name = "all".to_owned();
    let mut data = std::env::var_os("DVC_SHARED_DATA").map(PathBuf::from);

    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--data" => {
                let dir = args
                    .next()
                    .ok_or_else(|| format!("--data needs a value\n\n{USAGE}"))?;
                let absolute = std::path::absolute(dir)
                    .map_err(|err| format!("invalid --data path `{dir}`: {err}"))?;
                data = Some(absolute);
            }
            flag if flag.starts_with('-') => {
                return Err(format!("unknown argument `{flag}`\n\n{USAGE}"))
            }
            bench => name = bench.to_owned(),
        }
    }

    let selected: Vec<&Bench> = if name == "all" {
        BENCHES.iter().collect()
    } else {
        let bench = BENCHES
            .iter()
            .find(|bench| bench.name == name)
            .ok_or_else(|| format!("unknown benchmark `{name}`\n\n{USAGE}"))?;
        vec![bench]
    };

    let options = BenchOptions {
        tools: ToolPath::new()?,
        data: data.or_else(workspace::shared_data_beside_checkout),
    };
    for bench in selected {
        header(&format!("bench {}", bench.name));
        (bench.run)(&options)?;
    }
    Ok(())
}

fn search(options: &BenchOptions) -> Result {
    const BINARY: &str = "dvc-bench-search";
    if !portal_has_binary(BINARY) {
        return Err(format!(
            "the search benchmark binary `{BINARY}` does not exist yet in demo/portal; \
             it comes with the search work"
        ));
    }
    let data = options.data.as_ref().ok_or(
        "the search benchmark needs the shared data: pass --data DIR or set DVC_SHARED_DATA",
    )?;

    run(cargo_run_portal_binary(&options.tools, BINARY)
        .arg("--data")
        .arg(data))
}

/// Checks whether demo/portal declares `binary`, as `src/bin/<binary>.rs`,
/// `src/bin/<binary>/main.rs`, or a `[[bin]]` entry in its Cargo.toml.
fn portal_has_binary(binary: &str) -> bool {
    let portal = workspace::root().join("demo").join("portal");
    let bin_dir = portal.join("src").join("bin");
    if bin_dir.join(format!("{binary}.rs")).is_file()
        || bin_dir.join(binary).join("main.rs").is_file()
    {
        return true;
    }

    let manifest = std::fs::read_to_string(portal.join("Cargo.toml")).unwrap_or_default();
    manifest
        .lines()
        .any(|line| workspace::quoted_value(line, "name") == Some(binary))
}
