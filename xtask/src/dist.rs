//! `cargo xtask dist`: the browser bundle in `dist/`, ready to copy to a web server.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use base64::Engine;
use sha2::{Digest, Sha384};

use crate::process::{header, output_of, run};
use crate::tools::{self, cargo, ToolPath, WASM_TARGET};
use crate::{workspace, Result};

pub const USAGE: &str = "\
cargo xtask dist
    Installs the missing tools, then builds the browser bundle in dist/:
      dvc-widgets.js            the loader, the one script a host page includes
      dvc-widgets.wasm          the widgets (wasm-release profile, wasm-opt -Oz)
      dvc-widgets-bindings.js   wasm-bindgen glue, loaded by the loader
      snippets/                 JavaScript the glue imports
      dvc-widgets.css           optional stylesheet for the host page
      manifest.json             size and SHA-384 integrity (SRI) of each file
    docs/embedding.md explains how to serve and embed them.";

/// Cargo profile of the bundle: opt-level "z", LTO, `panic = "abort"`.
const PROFILE: &str = "wasm-release";

/// binaryen release whose `wasm-opt` the bundle is optimised with.
///
/// Debian's binaryen 108 produces wasm that fails at start-up, so any other
/// version on `PATH` is rejected.
const WASM_OPT_VERSION: &str = "132";

/// Name wasm-bindgen gives the glue (`NAME.js`) and its wasm (`NAME_bg.wasm`).
const BINDINGS_NAME: &str = "dvc-widgets-bindings";

const LOADER_FILE: &str = "dvc-widgets.js";
const WASM_FILE: &str = "dvc-widgets.wasm";
const HOST_CSS_FILE: &str = "dvc-widgets.css";
const MANIFEST_FILE: &str = "manifest.json";

/// Placeholder in the loader template that becomes the wasm's integrity.
const INTEGRITY_MARKER: &str = "@WASM_INTEGRITY@";

/// Runs `cargo xtask dist`.
pub fn run_dist(args: &[String]) -> Result {
    if let Some(arg) = args.first() {
        return Err(format!("unknown argument `{arg}`\n\n{USAGE}"));
    }
    let tools = ToolPath::new()?;

    header("Install tools");
    tools::ensure_bundle_tools(&tools)?;

    header("Build the browser bundle");
    build(&tools)
}

/// Builds `dist/`: compiles the widgets, runs wasm-bindgen and wasm-opt,
/// fills in the loader, and writes the manifest.
///
/// Everything is written to a staging directory of this process first, so
/// two builds at once do not delete each other's files, and `dist/` is
/// replaced only when every step succeeded.
pub fn build(tools: &ToolPath) -> Result {
    run(cargo(tools)
        .env("CARGO_ENCODED_RUSTFLAGS", bundle_rustflags())
        .args([
            "build",
            "--locked",
            "-p",
            "dvc-widgets",
            "--lib",
            "--target",
            WASM_TARGET,
            "--profile",
            PROFILE,
        ]))?;

    let staging = workspace::target_dir().join(format!("dist-staging-{}", std::process::id()));
    recreate_dir(&staging)?;
    let files = match stage_bundle(tools, &staging) {
        Ok(files) => files,
        Err(error) => {
            // Best effort: the error that stopped the build is the one to report.
            _ = fs::remove_dir_all(&staging);
            return Err(error);
        }
    };

    let dist = workspace::dist_dir();
    if dist.exists() {
        fs::remove_dir_all(&dist)
            .map_err(|err| format!("cannot remove {}: {err}", dist.display()))?;
    }
    fs::rename(&staging, &dist).map_err(|err| {
        format!(
            "cannot move {} to {}: {err}; was another `cargo xtask dist` writing {} \
             at the same time? Run the command again",
            staging.display(),
            dist.display(),
            dist.display()
        )
    })?;

    print_sizes(&dist, &files)
}

/// Writes every file of the bundle to `staging` and returns them as listed
/// in the manifest.
fn stage_bundle(tools: &ToolPath, staging: &Path) -> Result<Vec<BundleFile>> {
    let compiled = workspace::target_dir()
        .join(WASM_TARGET)
        .join(PROFILE)
        .join("dvc_widgets.wasm");
    run(tools
        .command("wasm-bindgen")
        .args([
            "--target",
            "web",
            "--no-typescript",
            "--out-name",
            BINDINGS_NAME,
        ])
        .arg("--out-dir")
        .arg(staging)
        .arg(&compiled))?;

    let unoptimised = staging.join(format!("{BINDINGS_NAME}_bg.wasm"));
    let wasm_opt = find_wasm_opt(tools)?;
    run(tools
        .command(&wasm_opt.to_string_lossy())
        .arg("-Oz")
        .arg(&unoptimised)
        .arg("-o")
        .arg(staging.join(WASM_FILE)))?;
    remove_file(&unoptimised)?;

    let wasm_integrity = integrity(&read(&staging.join(WASM_FILE))?);
    let loader = fill_loader(&read_text(&workspace::loader_template())?, &wasm_integrity)?;
    write(&staging.join(LOADER_FILE), loader.as_bytes())?;
    copy(&workspace::host_stylesheet(), &staging.join(HOST_CSS_FILE))?;

    let files = bundle_files(staging)?;
    write(
        &staging.join(MANIFEST_FILE),
        manifest_json(env!("CARGO_PKG_VERSION"), &files).as_bytes(),
    )?;
    Ok(files)
}

/// Returns the caller's Rust flags plus one that writes paths below cargo's
/// home as `cargo/…`, so the panic locations in the wasm name no directory
/// of the build machine.
fn bundle_rustflags() -> String {
    let mut flags: Vec<String> = match std::env::var("CARGO_ENCODED_RUSTFLAGS") {
        Ok(encoded) if !encoded.is_empty() => encoded.split('\x1f').map(str::to_owned).collect(),
        _ => std::env::var("RUSTFLAGS")
            .map(|flags| flags.split_whitespace().map(str::to_owned).collect())
            .unwrap_or_default(),
    };
    flags.push(format!(
        "--remap-path-prefix={}=cargo",
        tools::cargo_home().display()
    ));
    flags.join("\x1f")
}

/// Returns the `wasm-opt` of binaryen [`WASM_OPT_VERSION`] from `PATH`
/// (the npm package in `tests/` comes first on it).
fn find_wasm_opt(tools: &ToolPath) -> Result<PathBuf> {
    let path = tools.find("wasm-opt").ok_or_else(|| {
        "wasm-opt not found; run `npm ci` in tests/ (it installs binaryen)".to_owned()
    })?;
    let version = output_of(&path, &["--version"]).unwrap_or_default();
    if !version.contains(&format!("version {WASM_OPT_VERSION}")) {
        return Err(format!(
            "{} reports `{version}`, but the bundle needs binaryen {WASM_OPT_VERSION} \
             (older releases produce wasm that fails at start-up); run `npm ci` in tests/",
            path.display()
        ));
    }
    Ok(path)
}

/// Fills the wasm's integrity into the loader template.
fn fill_loader(template: &str, wasm_integrity: &str) -> Result<String> {
    match template.matches(INTEGRITY_MARKER).count() {
        1 => Ok(template.replace(INTEGRITY_MARKER, wasm_integrity)),
        count => Err(format!(
            "{} should contain {INTEGRITY_MARKER} exactly once, found {count}",
            workspace::loader_template().display()
        )),
    }
}

/// Returns the SRI form of the SHA-384 of `bytes`: `sha384-` and base64.
fn integrity(bytes: &[u8]) -> String {
    let digest = Sha384::digest(bytes);
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// One file of the bundle, as listed in the manifest.
#[derive(Debug, PartialEq)]
struct BundleFile {
    /// Path below `dist/`, with `/` separators.
    path: String,
    role: &'static str,
    bytes: u64,
    integrity: String,
    /// Size after gzip -9, for the size report only.
    gzip_bytes: u64,
}

/// Lists every file below `dir` in path order, with role, size and integrity.
fn bundle_files(dir: &Path) -> Result<Vec<BundleFile>> {
    let mut paths = Vec::new();
    collect_files(dir, &mut paths)?;
    paths.sort();

    paths
        .into_iter()
        .map(|path| {
            let relative = path
                .strip_prefix(dir)
                .map_err(|err| format!("{}: {err}", path.display()))?
                .components()
                .map(|part| part.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            let content = read(&path)?;
            Ok(BundleFile {
                role: role_of(&relative),
                bytes: content.len() as u64,
                integrity: integrity(&content),
                gzip_bytes: gzip_size(&content)?,
                path: relative,
            })
        })
        .collect()
}

fn collect_files(dir: &Path, paths: &mut Vec<PathBuf>) -> Result {
    let entries =
        fs::read_dir(dir).map_err(|err| format!("cannot read {}: {err}", dir.display()))?;
    for entry in entries {
        let path = entry
            .map_err(|err| format!("cannot read {}: {err}", dir.display()))?
            .path();
        if path.is_dir() {
            collect_files(&path, paths)?;
        } else {
            paths.push(path);
        }
    }
    Ok(())
}

fn role_of(path: &str) -> &'static str {
    match path {
        LOADER_FILE => "loader",
        WASM_FILE => "wasm",
        HOST_CSS_FILE => "css",
        _ if path == format!("{BINDINGS_NAME}.js") => "bindings",
        _ if path.starts_with("snippets/") => "snippet",
        _ => "other",
    }
}

/// Writes the manifest JSON; xtask has no JSON library, and the few strings
/// are quoted by [`json_string`].
fn manifest_json(version: &str, files: &[BundleFile]) -> String {
    let entries: Vec<String> = files
        .iter()
        .map(|file| {
            format!(
                "    {{ \"path\": {}, \"role\": {}, \"bytes\": {}, \"integrity\": {} }}",
                json_string(&file.path),
                json_string(file.role),
                file.bytes,
                json_string(&file.integrity)
            )
        })
        .collect();
    format!(
        "{{\n  \"name\": \"dvc-widgets\",\n  \"version\": {},\n  \"entry\": {},\n  \"files\": [\n{}\n  ]\n}}\n",
        json_string(version),
        json_string(LOADER_FILE),
        entries.join(",\n")
    )
}

/// Quotes `text` as a JSON string, escaping what JSON requires.
fn json_string(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for character in text.chars() {
        match character {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            control if control < ' ' => quoted.push_str(&format!("\\u{:04x}", control as u32)),
            other => quoted.push(other),
        }
    }
    quoted.push('"');
    quoted
}

fn gzip_size(content: &[u8]) -> Result<u64> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder
        .write_all(content)
        .and_then(|()| encoder.finish())
        .map(|compressed| compressed.len() as u64)
        .map_err(|err| format!("gzip failed: {err}"))
}

/// Prints each file's raw and gzip size, so a size change shows in every log.
fn print_sizes(dist: &Path, files: &[BundleFile]) -> Result {
    println!("built {}:", dist.display());
    println!("  {:>9}  {:>9}  file", "bytes", "gzip -9");
    for file in files {
        println!("  {:>9}  {:>9}  {}", file.bytes, file.gzip_bytes, file.path);
    }
    let bytes: u64 = files.iter().map(|file| file.bytes).sum();
    let gzip_bytes: u64 = files.iter().map(|file| file.gzip_bytes).sum();
    println!("  {bytes:>9}  {gzip_bytes:>9}  total");
    Ok(())
}

fn recreate_dir(dir: &Path) -> Result {
    if dir.exists() {
        fs::remove_dir_all(dir).map_err(|err| format!("cannot remove {}: {err}", dir.display()))?;
    }
    fs::create_dir_all(dir).map_err(|err| format!("cannot create {}: {err}", dir.display()))
}

fn read(path: &Path) -> Result<Vec<u8>> {
    fs::read(path).map_err(|err| format!("cannot read {}: {err}", path.display()))
}

fn read_text(path: &Path) -> Result<String> {
    fs::read_to_string(path).map_err(|err| format!("cannot read {}: {err}", path.display()))
}

fn write(path: &Path, content: &[u8]) -> Result {
    fs::write(path, content).map_err(|err| format!("cannot write {}: {err}", path.display()))
}

fn copy(from: &Path, to: &Path) -> Result {
    fs::copy(from, to)
        .map(|_| ())
        .map_err(|err| format!("cannot copy {} to {}: {err}", from.display(), to.display()))
}

fn remove_file(path: &Path) -> Result {
    fs::remove_file(path).map_err(|err| format!("cannot remove {}: {err}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integrity_of_known_text() {
        // `printf abc | openssl dgst -sha384 -binary | base64`
        assert_eq!(
            integrity(b"abc"),
            "sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn"
        );
    }

    #[test]
    fn loader_marker_replaced_once() {
        let filled = fill_loader("const X = \"@WASM_INTEGRITY@\";", "sha384-abc").unwrap();
        assert_eq!(filled, "const X = \"sha384-abc\";");
    }

    #[test]
    fn loader_without_marker_rejected() {
        let error = fill_loader("const X = 1;", "sha384-abc").unwrap_err();
        assert!(error.contains("exactly once, found 0"), "{error}");
    }

    #[test]
    fn roles_of_bundle_files() {
        assert_eq!(role_of("dvc-widgets.js"), "loader");
        assert_eq!(role_of("dvc-widgets.wasm"), "wasm");
        assert_eq!(role_of("dvc-widgets.css"), "css");
        assert_eq!(role_of("dvc-widgets-bindings.js"), "bindings");
        assert_eq!(
            role_of("snippets/dvc-widgets-1/src/embed/elements.js"),
            "snippet"
        );
        assert_eq!(role_of("notes.txt"), "other");
    }

    #[test]
    fn manifest_lists_files() {
        let files = [BundleFile {
            path: "dvc-widgets.js".to_owned(),
            role: "loader",
            bytes: 12,
            integrity: "sha384-x".to_owned(),
            gzip_bytes: 10,
        }];
        assert_eq!(
            manifest_json("0.1.0", &files),
            "{\n  \"name\": \"dvc-widgets\",\n  \"version\": \"0.1.0\",\n  \"entry\": \"dvc-widgets.js\",\n  \
             \"files\": [\n    { \"path\": \"dvc-widgets.js\", \"role\": \"loader\", \"bytes\": 12, \
             \"integrity\": \"sha384-x\" }\n  ]\n}\n"
        );
    }

    #[test]
    fn json_string_escapes() {
        assert_eq!(json_string("a\"b\\c\n"), "\"a\\\"b\\\\c\\u000a\"");
    }
}
