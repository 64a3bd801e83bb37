//! Paths inside the workspace and the tool versions it pins.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};

use crate::Result;

/// Returns the workspace root: the parent of this crate's directory.
pub fn root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| manifest_dir.to_path_buf())
}

/// Returns cargo's target directory, honouring `CARGO_TARGET_DIR` like cargo does.
pub fn target_dir() -> PathBuf {
    match env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => root().join(dir),
        None => root().join("target"),
    }
}

/// Returns the path of the release build of the demo portal binary.
pub fn portal_binary() -> PathBuf {
    target_dir().join("release").join("dvc-demo-portal")
}

/// Returns the directory of the developer demo page sources (a trunk project).
pub fn site_dir() -> PathBuf {
    root().join("demo").join("site")
}

/// Returns the directory trunk writes the built demo page to, which the portal serves with `--site`.
pub fn site_dist_dir() -> PathBuf {
    site_dir().join("dist")
}

/// Returns the directory `cargo xtask dist` writes the browser bundle to.
pub fn dist_dir() -> PathBuf {
    root().join("dist")
}

/// Returns the loader template that `cargo xtask dist` fills in.
pub fn loader_template() -> PathBuf {
    root()
        .join("widgets")
        .join("src")
        .join("embed")
        .join("loader.js")
}

/// Returns the optional host-page stylesheet shipped as `dist/dvc-widgets.css`.
pub fn host_stylesheet() -> PathBuf {
    root().join("styles").join("host.css")
}

/// Returns the node project directory with the browser tests and their npm dependencies.
pub fn tests_dir() -> PathBuf {
    root().join("tests")
}

/// Returns the directory of the executables npm installs for the tests, `wasm-opt` among them.
pub fn node_bin_dir() -> PathBuf {
    tests_dir().join("node_modules").join(".bin")
}

/// Returns the shared data directory beside the checkout (`<root>/../shared/data`), when it exists.
pub fn shared_data_beside_checkout() -> Option<PathBuf> {
    let candidate = root().join("..").join("shared").join("data");
    let candidate = candidate.canonicalize().ok()?;
    candidate.is_dir().then_some(candidate)
}

/// Reads the version of a package from Cargo.lock.
///
/// Fails when the package is missing or locked at more than one version, because
/// the wasm-bindgen CLI must match exactly one crate version.
pub fn locked_version(package: &str) -> Result<String> {
    let lock_path = root().join("Cargo.lock");
    let lock = fs::read_to_string(&lock_path)
        .map_err(|err| format!("cannot read {}: {err}", lock_path.display()))?;

    let versions = versions_in_lock(&lock, package);
    match versions.as_slice() {
        [version] => Ok(version.clone()),
        [] => Err(format!(
            "package `{package}` not found in {}",
            lock_path.display()
        )),
        _ => Err(format!(
            "package `{package}` is locked at several versions ({}) in {}; \
             the wasm-bindgen CLI can match only one",
            versions.join(", "),
            lock_path.display()
        )),
    }
}

/// Collects the `version` of every `[[package]]` entry named `package`.
fn versions_in_lock(lock: &str, package: &str) -> Vec<String> {
    let name_line = format!("name = \"{package}\"");
    let mut versions = Vec::new();
    let mut in_named_package = false;

    for line in lock.lines().map(str::trim) {
        if line == "[[package]]" {
            in_named_package = false;
        } else if line.starts_with("name = ") {
            in_named_package = line == name_line;
        } else if in_named_package {
            if let Some(version) = quoted_value(line, "version") {
                versions.push(version.to_owned());
                in_named_package = false;
            }
        }
    }

    versions
}

/// Returns the value of a `key = "value"` TOML line.
pub fn quoted_value<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let rest = line.trim().strip_prefix(key)?.trim_start();
    let rest = rest.strip_prefix('=')?.trim();
    rest.strip_prefix('"')?.split('"').next()
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOCK: &str = r#"
[[package]]
name = "wasm-bindgen"
version = "0.2.130"
source = "registry+https://github.com/rust-lang/crates.io-index"
dependencies = [
 "wasm-bindgen-macro",
]

[[package]]
name = "wasm-bindgen-macro"
version = "0.2.131"
"#;

    #[test]
    fn lock_version_of_exact_name() {
        assert_eq!(versions_in_lock(LOCK, "wasm-bindgen"), vec!["0.2.130"]);
    }

    #[test]
    fn lock_version_ignores_dependency_lists() {
        assert_eq!(
            versions_in_lock(LOCK, "wasm-bindgen-macro"),
            vec!["0.2.131"]
        );
    }

    #[test]
    fn lock_version_of_missing_package() {
        assert!(versions_in_lock(LOCK, "trunk").is_empty());
    }

    #[test]
    fn quoted_value_with_spaces() {
        assert_eq!(
            quoted_value(r#"wasm_bindgen = "0.2.130""#, "wasm_bindgen"),
            Some("0.2.130")
        );
        assert_eq!(
            quoted_value(r#"wasm_bindgen="0.2.130""#, "wasm_bindgen"),
            Some("0.2.130")
        );
        assert_eq!(
            quoted_value(r#"wasm_opt = "version_132""#, "wasm_bindgen"),
            None
        );
    }
}
