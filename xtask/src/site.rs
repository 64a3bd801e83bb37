//! Builds the developer demo page (`demo/site`) with trunk in release mode.

use std::fs;
use std::path::Path;

use crate::process::run;
use crate::tools::{cargo, ToolPath};
use crate::{workspace, Result};

/// Builds `demo/site/dist` with `trunk build --release --offline`.
///
/// Trunk must not download anything: `cargo fetch --locked` fills cargo's cache first
/// (trunk's offline mode also passes `--offline` to cargo), and the wasm-bindgen and
/// wasm-opt versions are pinned so trunk takes the installed binaries from `PATH`.
pub fn build(tools: &ToolPath) -> Result {
    let bindgen_version = workspace::locked_version("wasm-bindgen")?;
    check_trunk_pin(&bindgen_version)?;

    run(cargo(tools).args(["fetch", "--locked"]))?;

    let site_dir = workspace::site_dir();
    run(tools
        .command("trunk")
        .args(["build", "--release", "--offline", "--locked"])
        .current_dir(&site_dir)
        .env("TRUNK_TOOLS_WASM_BINDGEN", &bindgen_version))?;

    print_sizes(&workspace::site_dist_dir())
}

/// Fails when demo/site/Trunk.toml pins a wasm-bindgen other than Cargo.lock's, so a
/// plain `trunk build` in demo/site uses the same version as `cargo xtask`.
fn check_trunk_pin(bindgen_version: &str) -> Result {
    let trunk_toml_path = workspace::site_dir().join("Trunk.toml");
    let trunk_toml = fs::read_to_string(&trunk_toml_path)
        .map_err(|err| format!("cannot read {}: {err}", trunk_toml_path.display()))?;

    let pinned = trunk_toml
        .lines()
        .find_map(|line| workspace::quoted_value(line, "wasm_bindgen"));
    match pinned {
        Some(version) if version == bindgen_version => Ok(()),
        Some(version) => Err(format!(
            "{} pins wasm_bindgen = \"{version}\" but Cargo.lock has wasm-bindgen {bindgen_version}; \
             set [tools] wasm_bindgen = \"{bindgen_version}\"",
            trunk_toml_path.display()
        )),
        None => Err(format!(
            "{} has no [tools] wasm_bindgen pin; add wasm_bindgen = \"{bindgen_version}\"",
            trunk_toml_path.display()
        )),
    }
}

/// Lists the files trunk wrote, with their sizes, so a size change shows in every log.
fn print_sizes(dist: &Path) -> Result {
    let entries =
        fs::read_dir(dist).map_err(|err| format!("cannot read {}: {err}", dist.display()))?;

    let mut files: Vec<(String, u64)> = entries
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| {
            let metadata = entry.metadata().ok()?;
            metadata.is_file().then(|| {
                (
                    entry.file_name().to_string_lossy().into_owned(),
                    metadata.len(),
                )
            })
        })
        .collect();
    files.sort();

    println!("built {}:", dist.display());
    for (name, bytes) in files {
        println!("  {bytes:>9} bytes  {name}");
    }
    Ok(())
}
