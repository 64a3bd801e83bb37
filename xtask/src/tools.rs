//! Installs the tools the build and the tests need, skipping each one that is
//! already there at the pinned version.

use std::env;
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::process::{output_of, run};
use crate::{workspace, Result};

/// Trunk 0.22 releases need rustc 1.96.1, and 0.21.14 builds with rustc 1.95, the
/// workspace's `rust-version`.
pub const TRUNK_VERSION: &str = "0.21.14";

/// The compilation target of the widgets.
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// playwright-core 1.65 declares `node >= 20`.
const MIN_NODE_MAJOR: u32 = 20;

/// Debian's browser and its matching driver (the driver depends on the exact browser version).
const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// The `PATH` given to every child process: the npm executables of `tests/`
/// (binaryen's `wasm-opt`) first, then cargo's install directory, then the caller's `PATH`.
///
/// `wasm-opt` comes first because Debian's binaryen 108 produces wasm that fails at
/// start-up; trunk also rejects any version other than the one pinned in Trunk.toml.
pub struct ToolPath {
    path: OsString,
}

impl ToolPath {
    pub fn new() -> Result<Self> {
        let mut entries = vec![workspace::node_bin_dir(), cargo_bin_dir()];
        if let Some(inherited) = env::var_os("PATH") {
            entries.extend(env::split_paths(&inherited));
        }
        let path = env::join_paths(entries).map_err(|err| format!("cannot build PATH: {err}"))?;
        Ok(Self { path })
    }

    /// Returns the value to set as `PATH` in child processes.
    pub fn value(&self) -> &OsString {
        &self.path
    }

    /// Creates a command for `program`, found on this `PATH`, with this `PATH` set.
    pub fn command(&self, program: &str) -> Command {
        let resolved = self.find(program).unwrap_or_else(|| PathBuf::from(program));
        let mut command = Command::new(resolved);
        command.env("PATH", &self.path);
        command
    }

    /// Finds an executable on this `PATH`.
    pub fn find(&self, program: &str) -> Option<PathBuf> {
        env::split_paths(&self.path)
            .map(|dir| dir.join(program))
            .find(|candidate| is_executable(candidate))
    }
}

/// Creates a cargo command in the workspace root, using the cargo that started
/// `cargo xtask` so nested builds use the same toolchain.
pub fn cargo(tools: &ToolPath) -> Command {
    let program = env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(program);
    command.env("PATH", tools.value());
    command.current_dir(workspace::root());
    command
}

/// Creates `cargo run --release -p dvc-demo-portal --bin BINARY --`; the caller adds
/// the binary's own arguments.
pub fn cargo_run_portal_binary(tools: &ToolPath, binary: &str) -> Command {
    let mut command = cargo(tools);
    command
        .args([
            "run",
            "--release",
            "--locked",
            "-p",
            "dvc-demo-portal",
            "--bin",
            binary,
        ])
        .arg("--");
    command
}

/// Installs everything the wasm build needs: the tools of the bundle
/// ([`ensure_bundle_tools`]) and trunk for the demo page.
pub fn ensure_wasm_build_tools(tools: &ToolPath) -> Result {
    ensure_bundle_tools(tools)?;
    ensure_cargo_tool(tools, "trunk", "trunk", TRUNK_VERSION, Locked::Yes)
}

/// Installs what `cargo xtask dist` needs: the wasm32 target, wasm-bindgen-cli
/// matching Cargo.lock, and the npm packages (binaryen's `wasm-opt`).
pub fn ensure_bundle_tools(tools: &ToolPath) -> Result {
    ensure_wasm_target()?;

    // NOTE: `--locked` fails for wasm-bindgen-cli 0.2.130: its lockfile pins a
    // webpki-roots release that crates.io no longer has.
    let bindgen_version = workspace::locked_version("wasm-bindgen")?;
    ensure_cargo_tool(
        tools,
        "wasm-bindgen",
        "wasm-bindgen-cli",
        &bindgen_version,
        Locked::No,
    )?;

    ensure_node_packages(tools)
}

/// Installs Debian's Chromium and ChromeDriver when either is missing.
pub fn ensure_browser() -> Result {
    if is_executable(Path::new(CHROMIUM)) && is_executable(Path::new(CHROMEDRIVER)) {
        println!("chromium: {CHROMIUM} and {CHROMEDRIVER} present");
        return Ok(());
    }

    if !is_root() {
        return Err(format!(
            "{CHROMIUM} or {CHROMEDRIVER} is missing; install both in one command \
             (as root): apt-get update && apt-get install -y chromium chromium-driver"
        ));
    }

    run(Command::new("apt-get").arg("update"))?;
    run(Command::new("apt-get")
        // With its recommended packages (fonts among them), as on the machines
        // where the browser tests were written: text metrics depend on them.
        .args(["install", "-y", "chromium", "chromium-driver"])
        .env("DEBIAN_FRONTEND", "noninteractive"))
}

/// Installs the npm packages of `tests/` from its lockfile unless they are
/// already installed from the current lockfile.
pub fn ensure_node_packages(tools: &ToolPath) -> Result {
    ensure_node_version(tools)?;

    let tests_dir = workspace::tests_dir();
    let lockfile = tests_dir.join("package-lock.json");
    let installed_marker = tests_dir.join("node_modules").join(".package-lock.json");
    if is_newer_or_same(&installed_marker, &lockfile) {
        println!("npm packages: installed from the current tests/package-lock.json");
        return Ok(());
    }

    run(tools
        .command("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(&tests_dir))
}

fn ensure_node_version(tools: &ToolPath) -> Result {
    let node = tools.find("node").ok_or_else(|| {
        format!("Node.js not found on PATH; install Node.js {MIN_NODE_MAJOR} or newer")
    })?;
    let version = output_of(&node, &["--version"])
        .ok_or_else(|| format!("`{} --version` failed", node.display()))?;

    let major = version
        .trim_start_matches('v')
        .split('.')
        .next()
        .and_then(|major| major.parse::<u32>().ok());
    match major {
        Some(major) if major >= MIN_NODE_MAJOR => {
            println!("node: {version}");
            Ok(())
        }
        _ => Err(format!(
            "Node.js {version} is too old: the browser tests need Node.js {MIN_NODE_MAJOR} or newer"
        )),
    }
}

fn ensure_wasm_target() -> Result {
    let installed = output_of("rustup", &["target", "list", "--installed"]);
    match installed {
        Some(list) if list.lines().any(|line| line.trim() == WASM_TARGET) => {
            println!("rust target: {WASM_TARGET} installed");
            Ok(())
        }
        Some(_) => run(Command::new("rustup").args(["target", "add", WASM_TARGET])),
        None => {
            // Without rustup the toolchain may still ship the target (e.g. a distro rustc).
            // If it does not, the wasm build fails with cargo's own error.
            println!("rust target: rustup not found, assuming {WASM_TARGET} is available");
            Ok(())
        }
    }
}

/// Whether `cargo install` may use the crate's own lockfile.
#[derive(Clone, Copy, PartialEq)]
enum Locked {
    Yes,
    No,
}

/// Installs `krate` at `version` with `cargo install` unless `binary --version`
/// already prints that version.
fn ensure_cargo_tool(
    tools: &ToolPath,
    binary: &str,
    krate: &str,
    version: &str,
    locked: Locked,
) -> Result {
    let found_version = installed_version(tools, binary);
    if found_version.as_deref() == Some(version) {
        println!("{binary}: {version} installed");
        return Ok(());
    }

    match &found_version {
        Some(other) => println!("{binary}: found {other}, installing {version}"),
        None => println!("{binary}: not found, installing {version}"),
    }
    let mut install = cargo(tools);
    install.arg("install");
    if locked == Locked::Yes {
        install.arg("--locked");
    }
    install.args([krate, "--version", version]);
    run(&mut install)?;

    let after_install = installed_version(tools, binary);
    if after_install.as_deref() == Some(version) {
        Ok(())
    } else {
        Err(format!(
            "installed {krate} {version}, but `{binary} --version` on PATH reports {}; \
             remove the other copy or put {} first on PATH",
            after_install.as_deref().unwrap_or("nothing"),
            cargo_bin_dir().display()
        ))
    }
}

/// Reads the version from `binary --version` output such as `trunk 0.21.14`.
fn installed_version(tools: &ToolPath, binary: &str) -> Option<String> {
    let path = tools.find(binary)?;
    let output = output_of(path, &["--version"])?;
    output.split_whitespace().nth(1).map(str::to_owned)
}

fn cargo_bin_dir() -> PathBuf {
    cargo_home().join("bin")
}

/// Returns cargo's home directory: `CARGO_HOME`, else `~/.cargo`.
pub fn cargo_home() -> PathBuf {
    env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from(".cargo"))
}

fn is_root() -> bool {
    output_of("id", &["-u"]).as_deref() == Some("0")
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path)
        .map(|metadata| metadata.is_file() && metadata.permissions().mode() & 0o111 != 0)
        .unwrap_or(false)
}

/// True when `path` exists and was modified no earlier than `reference`.
fn is_newer_or_same(path: &Path, reference: &Path) -> bool {
    let modified = |path: &Path| {
        fs::metadata(path)
            .and_then(|metadata| metadata.modified())
            .ok()
    };
    match (modified(path), modified(reference)) {
        (Some(path_time), Some(reference_time)) => path_time >= reference_time,
        _ => false,
    }
}
