//! `cargo xtask bench`: runs the benchmarks by name, and with no name runs
//! every one except fuzzing and writes docs/benchmarks.md.

mod browser;
mod fuzz;
mod report;

use std::path::PathBuf;

use crate::process::{describe, header, run_streaming};
use crate::tools::{cargo_run_portal_binary, ToolPath};
use crate::{workspace, Result};

use report::{Machine, Section};

pub const USAGE: &str = "\
cargo xtask bench [NAME|all] [--data DIR]
    Runs one benchmark and prints its figures, or all of them (the default),
    which also writes docs/benchmarks.md with the machine and the command:
      size     gzip and brotli sizes of the bundle, and what the wasm contains
               (twiggy); builds the demo page with trunk first
      browser  time to interactive widgets and keystroke to results in
               headless Chromium with the CPU slowed down 4x
      search   server search latency over the full catalogue (dvc-bench-search)
      http     search throughput and latency over HTTP from wrk at 1 and 64
               connections, and the portal's peak memory; installs wrk with
               apt-get when it is missing
      fuzz     every fuzz target of fuzz/ for a bounded time with nightly
               cargo-fuzz, never part of `all`:
               cargo xtask bench fuzz [TARGET...] [--seconds N] (default 60 each)
    --data DIR  shared data directory; default: $DVC_SHARED_DATA, else
                ../shared/data beside the checkout";

/// One benchmark; add a new one by adding a row to `BENCHES`.
struct Bench {
    name: &'static str,
    run: fn(&BenchOptions) -> Result<Section>,
}

const BENCHES: &[Bench] = &[
    Bench {
        name: "size",
        run: browser::size,
    },
    Bench {
        name: "browser",
        run: browser::timing,
    },
    Bench {
        name: "search",
        run: search,
    },
    Bench {
        name: "http",
        run: browser::http_load,
    },
];

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

    let mut remaining = args.iter();
    while let Some(arg) = remaining.next() {
        match arg.as_str() {
            "--data" => {
                let dir = remaining
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

    let all = name == "all";
    let selected: Vec<&Bench> = if all {
        BENCHES.iter().collect()
    } else {
        let bench = BENCHES
            .iter()
            .find(|bench| bench.name == name)
            .ok_or_else(|| format!("unknown benchmark `{name}`\n\n{USAGE}"))?;
        vec![bench]
    };

    // The load average is read before anything is built, so it shows what
    // else was running on the machine.
    let machine = Machine::describe();
    println!("machine: {}", machine.line());

    let options = BenchOptions {
        tools: ToolPath::new()?,
        data: data.or_else(workspace::shared_data_beside_checkout),
    };
    let mut sections = Vec::new();
    for bench in selected {
        header(&format!("bench {}", bench.name));
        sections.push((bench.name, (bench.run)(&options)?));
    }

    if all {
        let command = std::iter::once("cargo xtask bench".to_owned())
            .chain(args.iter().cloned())
            .collect::<Vec<_>>()
            .join(" ");
        let document = report::document(&machine, &command, &sections);
        let path = workspace::root().join("docs").join("benchmarks.md");
        std::fs::write(&path, document)
            .map_err(|err| format!("cannot write {}: {err}", path.display()))?;
        println!("\nwrote {}", path.display());
    }
    Ok(())
}

/// Runs dvc-bench-search and keeps its output for the record; its overall
/// latency lines become the summary's figures.
fn search(options: &BenchOptions) -> Result<Section> {
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

    let mut command = cargo_run_portal_binary(&options.tools, BINARY);
    command.arg("--data").arg(data);
    let description = describe(&command);
    let mut lines = Vec::new();
    let status = run_streaming(&mut command, |line| lines.push(line.to_owned()))?;
    if !status.success() {
        return Err(format!("`{description}` failed ({status})"));
    }

    // Each `latency, SET: …` line belongs to the catalogue of the `== …`
    // heading above it.
    let mut catalogue = String::new();
    let mut figures = Vec::new();
    for line in &lines {
        if let Some(heading) = line.strip_prefix("== ") {
            catalogue = heading.to_owned();
        }
        let latency = line
            .strip_prefix("latency, ")
            .and_then(|rest| rest.split_once(": "));
        if let Some((set, values)) = latency {
            let values = values.split("  (").next().unwrap_or(values);
            figures.push((format!("{catalogue}, {set}"), values.to_owned()));
        }
    }
    let markdown = format!(
        "## Search latency in process\n\n\
         `dvc-bench-search` (release build) times the search index directly, without \
         HTTP, over the shared catalogue and over a catalogue scaled up from it; it \
         also scores the search quality. Its output:\n\n```text\n{}\n```\n",
        lines.join("\n")
    );
    Ok(Section { markdown, figures })
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
