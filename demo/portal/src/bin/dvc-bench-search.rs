//! Search benchmark: quality and latency of the procedure search over the
//! shared national catalogue, then latency over a catalogue 100 times larger.
//!
//! Usage: `dvc-bench-search [--data DIR] [--queries FILE]...`, where DIR is
//! the shared data folder holding `tthc/procedures-national-2026.jsonl.gz`
//! and `search/dev-queries.json` (default: the `DVC_SHARED_DATA` variable).
//! Each FILE is a further query set in the same format; by default these are
//! the repository's sets in `widgets/core/tests/search-queries/`. Quality is
//! printed per set; latency over the development set, as the target is set
//! for it, and over all sets together. `cargo xtask bench search` runs it in a
//! release build.
//!
//! Quality: Success@1 and Success@5 (share of queries with an expected code
//! first, or in the top 5) and MRR@10 (mean reciprocal rank of the first
//! expected code in the top 10, 0 when absent). Latency: each query is run
//! repeatedly after a warm-up, one thread, and every run is one sample.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use dvc_core::model::Procedure;
use dvc_core::search::{SearchIndex, SearchRequest};
use dvc_demo_portal::import::import_file;

const USAGE: &str = "Usage: dvc-bench-search [--data DIR] [--queries FILE]...

Runs the search-quality queries over the shared catalogue and prints
Success@1, Success@5, MRR@10 and query latency, then latency over a
catalogue 100 times larger.

Options:
  --data DIR      shared data folder with tthc/ and search/ (default: $DVC_SHARED_DATA)
  --queries FILE  a further query set, a JSON list of {query, kind, expect_any};
                  repeatable (default: the sets in widgets/core/tests/search-queries/)
  -h, --help      print this help";

/// The repository's own query sets, used when no `--queries` is given.
const DEFAULT_QUERY_SETS: [&str; 2] = ["held-out.json", "natural.json"];

/// Runs of each query when measuring latency, after one warm-up run; fewer
/// over the scaled catalogue, where each run takes about a hundred times
/// longer.
const RUNS_PER_QUERY: usize = 200;
const SCALED_RUNS_PER_QUERY: usize = 10;

/// Copies of the catalogue in the scaled run.
const SCALE: usize = 100;

/// Hits requested per query, as the widget's first page.
const PAGE_SIZE: usize = 10;

/// One query of the development set.
struct DevQuery {
    query: String,
    kind: String,
    expected: Vec<String>,
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("dvc-bench-search: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Command-line options.
struct Options {
    data: PathBuf,
    query_sets: Vec<PathBuf>,
}

fn run() -> Result<(), String> {
    let Some(options) = parse_options(std::env::args().skip(1).collect())? else {
        println!("{USAGE}");
        return Ok(());
    };
    let data = options.data;

    println!("machine: {}", machine_conditions());
    let catalogue_path = data.join("tthc/procedures-national-2026.jsonl.gz");
    let import = import_file(&catalogue_path)
        .map_err(|error| format!("cannot import {}: {error}", catalogue_path.display()))?;
    println!("catalogue: {}", import.report);
    let procedures = import.procedures;
    if procedures.is_empty() {
        return Err(format!(
            "the importer returned no procedures from {}",
            catalogue_path.display()
        ));
    }
    let queries = read_queries(&data.join("search/dev-queries.json"))?;
    let mut other_sets = Vec::new();
    for path in &options.query_sets {
        other_sets.push((path.clone(), read_queries(path)?));
    }
    let mut all_queries: Vec<&DevQuery> = queries.iter().collect();
    all_queries.extend(other_sets.iter().flat_map(|(_, set)| set));

    println!();
    println!("== shared catalogue ({} procedures)", procedures.len());
    let index = build(&procedures);
    println!("development set:");
    report_quality(&index, &procedures, &queries, true);
    for (path, set) in &other_sets {
        println!("{}:", path.display());
        report_quality(&index, &procedures, set, false);
    }
    let dev_queries: Vec<&DevQuery> = queries.iter().collect();
    report_latency(
        "development set",
        &index,
        &dev_queries,
        RUNS_PER_QUERY,
        true,
    );
    report_latency("all sets", &index, &all_queries, RUNS_PER_QUERY, false);

    println!();
    let scaled = scale(&procedures, SCALE);
    println!(
        "== {SCALE}x catalogue ({} procedures, synthetic copies with distinct codes)",
        scaled.len()
    );
    drop(index);
    let index = build(&scaled);
    report_latency(
        "development set",
        &index,
        &dev_queries,
        SCALED_RUNS_PER_QUERY,
        true,
    );
    report_latency(
        "all sets",
        &index,
        &all_queries,
        SCALED_RUNS_PER_QUERY,
        false,
    );
    Ok(())
}

/// Reads the options; returns `None` for `--help`.
fn parse_options(args: Vec<String>) -> Result<Option<Options>, String> {
    let mut data = std::env::var_os("DVC_SHARED_DATA").map(PathBuf::from);
    let mut query_sets = Vec::new();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--data" => {
                let value = args
                    .next()
                    .ok_or_else(|| format!("--data needs a folder\n\n{USAGE}"))?;
                data = Some(PathBuf::from(value));
            }
            "--queries" => {
                let value = args
                    .next()
                    .ok_or_else(|| format!("--queries needs a file\n\n{USAGE}"))?;
                query_sets.push(PathBuf::from(value));
            }
            "-h" | "--help" => return Ok(None),
            other => return Err(format!("unknown argument `{other}`\n\n{USAGE}")),
        }
    }
    let data = data.ok_or_else(|| {
        format!("no data folder: pass --data DIR or set DVC_SHARED_DATA\n\n{USAGE}")
    })?;
    if !data.is_dir() {
        return Err(format!("data folder {} not found", data.display()));
    }
    if query_sets.is_empty() {
        let repository_sets =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../widgets/core/tests/search-queries");
        query_sets = DEFAULT_QUERY_SETS
            .iter()
            .map(|name| repository_sets.join(name))
            .filter(|path| path.is_file())
            .collect();
    }
    Ok(Some(Options { data, query_sets }))
}

fn read_queries(path: &Path) -> Result<Vec<DevQuery>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    let list: Vec<serde_json::Value> = serde_json::from_str(&text)
        .map_err(|error| format!("{} is not a JSON list: {error}", path.display()))?;

    let mut queries = Vec::with_capacity(list.len());
    for (position, entry) in list.iter().enumerate() {
        let query = entry["query"]
            .as_str()
            .ok_or_else(|| format!("{}: entry {position} has no string `query`", path.display()))?;
        let expected: Vec<String> = entry["expect_any"]
            .as_array()
            .map(|codes| {
                codes
                    .iter()
                    .filter_map(|code| code.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        if expected.is_empty() {
            return Err(format!(
                "{}: entry {position} ({query:?}) has no codes in `expect_any`",
                path.display()
            ));
        }
        queries.push(DevQuery {
            query: query.to_owned(),
            kind: entry["kind"].as_str().unwrap_or("other").to_owned(),
            expected,
        });
    }
    Ok(queries)
}

fn build(procedures: &[Procedure]) -> SearchIndex {
    let started = Instant::now();
    let index = SearchIndex::new(procedures);
    let elapsed = started.elapsed();
    println!(
        "index: built in {:.1} ms, about {:.1} MiB of heap (estimate from the index's own vectors)",
        elapsed.as_secs_f64() * 1000.0,
        index.heap_bytes() as f64 / (1024.0 * 1024.0)
    );
    index
}

/// Success@1, Success@5 and MRR@10 over some queries.
#[derive(Default)]
struct Quality {
    queries: usize,
    first: usize,
    top_five: usize,
    reciprocal_rank: f64,
}

impl Quality {
    fn add(&mut self, rank: Option<usize>) {
        self.queries += 1;
        if rank == Some(0) {
            self.first += 1;
        }
        if rank.is_some_and(|rank| rank < 5) {
            self.top_five += 1;
        }
        if let Some(rank) = rank {
            self.reciprocal_rank += 1.0 / (rank as f64 + 1.0);
        }
    }

    fn line(&self) -> String {
        let count = self.queries.max(1) as f64;
        format!(
            "Success@1 {:.3}  Success@5 {:.3}  MRR@10 {:.3}  ({} queries)",
            self.first as f64 / count,
            self.top_five as f64 / count,
            self.reciprocal_rank / count,
            self.queries
        )
    }
}

fn report_quality(
    index: &SearchIndex,
    procedures: &[Procedure],
    queries: &[DevQuery],
    per_kind: bool,
) {
    let mut overall = Quality::default();
    let mut by_kind: BTreeMap<&str, Quality> = BTreeMap::new();
    let mut misses = Vec::new();

    for query in queries {
        let results = index.search(&request(&query.query));
        let rank = results.hits.iter().position(|hit| {
            procedures
                .get(hit.doc)
                .is_some_and(|procedure| query.expected.contains(&procedure.code))
        });
        overall.add(rank);
        by_kind.entry(&query.kind).or_default().add(rank);
        if rank.is_none_or(|rank| rank >= 5) {
            misses.push(format!(
                "    miss: {:?} ({}), expected {:?}",
                query.query, query.kind, query.expected
            ));
        }
    }

    println!("  quality: {}", overall.line());
    if per_kind {
        for (kind, quality) in &by_kind {
            println!("    {kind:<24} {}", quality.line());
        }
    }
    for miss in misses {
        println!("{miss}");
    }
}

fn report_latency(
    label: &str,
    index: &SearchIndex,
    queries: &[&DevQuery],
    runs: usize,
    per_kind: bool,
) {
    let mut all = Vec::with_capacity(queries.len() * runs);
    let mut by_kind: BTreeMap<&str, Vec<Duration>> = BTreeMap::new();
    // The median of each query's runs hardly moves when the scheduler hands
    // the core to another process during a run, which the percentiles of
    // single runs do on a busy machine.
    let mut slowest_median: (Duration, &str) = (Duration::ZERO, "");

    for query in queries {
        let request = request(&query.query);
        std::hint::black_box(index.search(&request));
        let mut own = Vec::with_capacity(runs);
        for _ in 0..runs {
            let started = Instant::now();
            let results = index.search(std::hint::black_box(&request));
            let elapsed = started.elapsed();
            std::hint::black_box(results);
            own.push(elapsed);
            by_kind.entry(&query.kind).or_default().push(elapsed);
        }
        own.sort_unstable();
        if let Some(median) = own.get(own.len() / 2) {
            if *median > slowest_median.0 {
                slowest_median = (*median, &query.query);
            }
        }
        all.extend(own);
    }

    println!(
        "latency, {label}: {}  ({} runs: {runs} of each query, page of {PAGE_SIZE})",
        percentiles(&mut all),
        all.len()
    );
    println!(
        "  slowest query by median: {:.3} ms ({:?})",
        slowest_median.0.as_secs_f64() * 1000.0,
        slowest_median.1
    );
    if per_kind {
        for (kind, samples) in &mut by_kind {
            println!("    {kind:<24} {}", percentiles(samples));
        }
    }
}

fn percentiles(samples: &mut [Duration]) -> String {
    samples.sort_unstable();
    let at = |share: f64| -> f64 {
        if samples.is_empty() {
            return 0.0;
        }
        let position = ((samples.len() as f64 * share).ceil() as usize).clamp(1, samples.len());
        samples[position - 1].as_secs_f64() * 1000.0
    };
    format!(
        "p50 {:.3} ms  p95 {:.3} ms  p99 {:.3} ms  max {:.3} ms",
        at(0.50),
        at(0.95),
        at(0.99),
        at(1.0)
    )
}

fn request(query: &str) -> SearchRequest {
    SearchRequest {
        query: query.to_owned(),
        limit: PAGE_SIZE,
        ..SearchRequest::default()
    }
}

/// Returns `copies` copies of the catalogue; every copy after the first gets
/// codes with a suffix (`1.001193.S001`), so no two procedures share a code.
fn scale(procedures: &[Procedure], copies: usize) -> Vec<Procedure> {
    let mut scaled = Vec::with_capacity(procedures.len() * copies);
    for copy in 0..copies {
        for procedure in procedures {
            let mut procedure = procedure.clone();
            if copy > 0 {
                procedure.code = format!("{}.S{copy:03}", procedure.code);
            }
            scaled.push(procedure);
        }
    }
    scaled
}

/// Describes the machine and its load, so that numbers measured on a busy
/// machine can be recognised.
fn machine_conditions() -> String {
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    let load = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|text| {
            let fields: Vec<&str> = text.split_whitespace().take(3).collect();
            (fields.len() == 3).then(|| fields.join(" "))
        })
        .unwrap_or_else(|| "unknown".to_owned());
    let profile = if cfg!(debug_assertions) {
        "debug build (numbers are not representative; use --release)"
    } else {
        "release build"
    };
    format!("{cores} cores, load average {load} (1, 5, 15 min), {profile}")
}
