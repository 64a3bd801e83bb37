//! Builds the developer demo page (`demo/site`): the browser bundle, which
//! the page embeds like any host site, then the page with trunk in release mode.

use std::fs;
use std::path::Path;

use crate::process::run;
use crate::tools::{cargo, ToolPath};
use crate::{dist, workspace, Result};

/// Builds `dist/` ([`dist::build`]), then `demo/site/dist` with
/// `trunk build --release --offline`, which copies `dist/` to `widgets/`.
///
/// Trunk must not download anything: `cargo fetch --locked` fills cargo's cache first
/// (trunk's offline mode also passes `--offline` to cargo), and the wasm-bindgen and
/// wasm-opt versions are pinned so trunk takes the installed binaries from `PATH`.
pub fn build(tools: &ToolPath) -> Result {
    dist::build(tools)?;

    let bindgen_version = workspace::locked_version("wasm-bindgen")?;
    check_trunk_pin(&bindgen_version)?;

    run(cargo(tools).args(["fetch", "--locked"]))?;

    let site_dir = workspace::site_dir();
    run(tools
        .command("trunk")
        .args(["build", "--release", "--offline", "--locked"])
        .current_dir(&site_dir)
        .env("TRUNK_TOOLS_WASM_BINDGEN", &bindgen_version))?;

    let dist = workspace::site_dist_dir();
    check_references(&dist)?;
    print_sizes(&dist)
}

/// Fails when `dist/index.html` refers to a file that is not in `dist`.
///
/// Two trunk builds running at once in demo/site (for example a manual
/// `trunk build` beside `cargo xtask test`) share trunk's staging directory and
/// can delete each other's files, which would otherwise surface later as 404s
/// in the browser tests.
fn check_references(dist: &Path) -> Result {
    let index_path = dist.join("index.html");
    let index = fs::read_to_string(&index_path)
        .map_err(|err| format!("cannot read {}: {err}", index_path.display()))?;

    let missing: Vec<&str> = root_relative_paths(&index)
        .into_iter()
        .filter(|path| !dist.join(path).is_file())
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    Err(format!(
        "{} refers to files that are missing from {}: {}; was another trunk build \
         running in demo/site at the same time? Run the command again",
        index_path.display(),
        dist.display(),
        missing.join(", ")
    ))
}

/// File types trunk writes into dist; other root-relative links, such as
/// `/api/v1/openapi.json`, go to the portal.
const ASSET_EXTENSIONS: [&str; 9] = [
    "css", "js", "mjs", "wasm", "svg", "png", "ico", "webp", "woff2",
];

/// Collects the root-relative asset paths (`"/x.css"` or `'/x.js'`) in index.html:
/// the CSS, the icon, the JS glue, its snippets and the wasm.
fn root_relative_paths(html: &str) -> Vec<&str> {
    let mut paths = Vec::new();
    for quote in ['"', '\''] {
        let opening = format!("{quote}/");
        let mut rest = html;
        while let Some(start) = rest.find(&opening) {
            rest = &rest[start + opening.len()..];
            let Some(end) = rest.find(quote) else { break };
            let path = &rest[..end];
            rest = &rest[end + quote.len_utf8()..];

            let is_asset = path
                .rsplit_once('.')
                .is_some_and(|(_, extension)| ASSET_EXTENSIONS.contains(&extension));
            if is_asset && !path.starts_with('/') {
                paths.push(path);
            }
        }
    }
    paths
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_from_trunk_output() {
        let html = r#"<link rel="stylesheet" href="/demo-1.css"/>
<script type="module">
import init, * as bindings from '/dvc-widgets-2.js';
const wasm = await init({ module_or_path: '/dvc-widgets-2_bg.wasm' });
</script>
<link rel="modulepreload" href="/snippets/dvc-widgets-3/src/embed/elements.js">
<a href="/api/v1/openapi.json">API</a> <a href="https://dichvucong.gov.vn">portal</a>
<a href="//cdn.invalid/x.js">x</a>"#;

        let paths = root_relative_paths(html);

        assert_eq!(
            paths,
            vec![
                "demo-1.css",
                "snippets/dvc-widgets-3/src/embed/elements.js",
                "dvc-widgets-2.js",
                "dvc-widgets-2_bg.wasm",
            ]
        );
    }
}
