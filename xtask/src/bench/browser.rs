//! The benchmarks measured by node scripts in tests/bench/: bundle size,
//! browser timing and HTTP load. Each script writes a Markdown section to
//! `target/bench/NAME.md` and its figures to `NAME.md.figures`.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::report::{read_figures, Section};
use super::BenchOptions;
use crate::process::{output_of, run};
use crate::tools::{
    cargo, ensure_browser, ensure_node_packages, ensure_wasm_build_tools, ToolPath,
};
use crate::{site, workspace, Result};

/// twiggy release installed when it is missing, for the wasm breakdown.
const TWIGGY_VERSION: &str = "0.7.0";

/// Seconds of the 64-connection HTTP load run.
const LOAD_SECONDS: &str = "10";

/// First visits measured in the browser, after one warm-up visit.
const BROWSER_RUNS: &str = "7";

/// Runs the bundle size benchmark over a fresh trunk build of the demo page.
pub fn size(options: &BenchOptions) -> Result<Section> {
    let tools = &options.tools;
    ensure_wasm_build_tools(tools)?;
    site::build(tools)?;
    ensure_node_packages(tools)?;

    let (dir, source) = bundle_dir();
    let mut args = vec![
        "--dir".to_owned(),
        dir.to_string_lossy().into_owned(),
        "--source".to_owned(),
        source,
    ];
    match ensure_twiggy(tools) {
        Some(twiggy) => {
            let unoptimised = workspace::target_dir()
                .join("wasm32-unknown-unknown")
                .join("wasm-release")
                .join("dvc_widgets.wasm");
            args.extend([
                "--twiggy".to_owned(),
                twiggy.to_string_lossy().into_owned(),
                "--unoptimised-wasm".to_owned(),
                unoptimised.to_string_lossy().into_owned(),
            ]);
        }
        None => println!("twiggy is not available: the wasm breakdown is left out"),
    }
    run_script(options, "bundle-size.mjs", "size", &args)
}

/// Returns the directory of the bundle the demo page was just built with,
/// and how the report names it.
///
/// The demo page serves the `cargo xtask dist` bundle from `widgets/` when
/// its build makes one; an older trunk-only build has the wasm and glue at
/// the top of `demo/site/dist`, from the same profile and `wasm-opt -Oz`.
fn bundle_dir() -> (PathBuf, String) {
    let site = workspace::site_dist_dir();
    let bundle = site.join("widgets");
    if bundle.join("manifest.json").is_file() {
        let source = "`demo/site/dist/widgets`, the bundle `cargo xtask dist` builds, \
                      as the demo page serves it";
        return (bundle, source.to_owned());
    }
    let source = "`demo/site/dist`, the trunk release build of the demo page \
                  (its wasm and glue; the demo page's own files are left out)";
    (site, source.to_owned())
}

/// Runs the time-to-interactive and keystroke-to-results benchmark.
pub fn timing(options: &BenchOptions) -> Result<Section> {
    prepare_page_and_portal(&options.tools)?;
    let args = ["--runs".to_owned(), BROWSER_RUNS.to_owned()];
    run_script(options, "browser-timing.mjs", "browser", &args)
}

/// Runs the HTTP load benchmark with wrk, installing wrk when it is missing.
pub fn http_load(options: &BenchOptions) -> Result<Section> {
    prepare_page_and_portal(&options.tools)?;
    let wrk = ensure_wrk(&options.tools)?;
    let args = [
        "--wrk".to_owned(),
        wrk.to_string_lossy().into_owned(),
        "--seconds".to_owned(),
        LOAD_SECONDS.to_owned(),
    ];
    run_script(options, "http-load.mjs", "http", &args)
}

/// Builds what the node scripts start: the release portal and, when it is
/// missing, the demo page it serves.
fn prepare_page_and_portal(tools: &ToolPath) -> Result {
    ensure_browser()?;
    ensure_node_packages(tools)?;
    if !workspace::site_dist_dir().join("index.html").is_file() {
        ensure_wasm_build_tools(tools)?;
        site::build(tools)?;
    }
    run(cargo(tools).args([
        "build",
        "--release",
        "--locked",
        "-p",
        "dvc-demo-portal",
        "--bin",
        "dvc-demo-portal",
    ]))
}

/// Runs `node tests/bench/SCRIPT --out target/bench/NAME.md ARGS` and reads
/// the section and figures it wrote.
fn run_script(
    options: &BenchOptions,
    script: &str,
    name: &str,
    args: &[String],
) -> Result<Section> {
    let out_dir = workspace::target_dir().join("bench");
    std::fs::create_dir_all(&out_dir)
        .map_err(|err| format!("cannot create {}: {err}", out_dir.display()))?;
    let out = out_dir.join(format!("{name}.md"));

    let mut command = options.tools.command("node");
    command
        .arg(workspace::tests_dir().join("bench").join(script))
        .arg("--out")
        .arg(&out)
        .args(args)
        .current_dir(workspace::root())
        .env("DVC_PORTAL_BIN", workspace::portal_binary())
        .env("DVC_SITE_DIR", workspace::site_dist_dir());
    if let Some(data) = &options.data {
        command.env("DVC_SHARED_DATA", data);
    }
    run(&mut command)?;

    let markdown = std::fs::read_to_string(&out)
        .map_err(|err| format!("cannot read {}: {err}", out.display()))?;
    let figures = read_figures(&PathBuf::from(format!("{}.figures", out.display())))?;
    Ok(Section { markdown, figures })
}

/// Returns twiggy, installing it with cargo when it is missing; `None` when
/// that fails, because the breakdown is useful but not essential.
fn ensure_twiggy(tools: &ToolPath) -> Option<PathBuf> {
    if let Some(twiggy) = tools.find("twiggy") {
        return Some(twiggy);
    }
    let installed = run(cargo(tools).args(["install", "twiggy", "--version", TWIGGY_VERSION]));
    if let Err(message) = installed {
        println!("installing twiggy failed: {message}");
    }
    tools.find("twiggy")
}

/// Returns Debian's wrk, installing it with apt-get when it is missing.
fn ensure_wrk(tools: &ToolPath) -> Result<PathBuf> {
    if let Some(wrk) = tools.find("wrk") {
        return Ok(wrk);
    }
    let is_root = output_of("id", &["-u"]).as_deref() == Some("0");
    if !is_root {
        return Err("wrk is missing; install it (as root): apt-get install -y wrk".to_owned());
    }

    let install = || {
        run(Command::new("apt-get")
            .args(["install", "-y", "--no-install-recommends", "wrk"])
            .env("DEBIAN_FRONTEND", "noninteractive"))
    };
    if install().is_err() {
        run(Command::new("apt-get").arg("update"))?;
        install()?;
    }
    tools
        .find("wrk")
        .or_else(|| Some(Path::new("/usr/bin/wrk").to_path_buf()).filter(|path| path.is_file()))
        .ok_or_else(|| "apt-get installed wrk, but it is not on PATH".to_owned())
}
