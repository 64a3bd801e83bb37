// Locations the browser tests use. `cargo xtask test` sets the environment
// variables; the defaults match a plain checkout after `cargo xtask test wasm`
// and `cargo build --release -p dvc-demo-portal`.

import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The workspace root (the parent of tests/). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The release `dvc-demo-portal` binary. */
export const portalBin =
  process.env.DVC_PORTAL_BIN ?? path.join(repoRoot, "target", "release", "dvc-demo-portal");

/** The demo page built by trunk, served by the portal with `--site`. */
export const siteDir = process.env.DVC_SITE_DIR ?? path.join(repoRoot, "demo", "site", "dist");

/** The browser bundle written by `cargo xtask dist`. */
export const distDir = process.env.DVC_DIST_DIR ?? path.join(repoRoot, "dist");

/** Screenshots and other files kept after a run (gitignored). */
export const artifactsDir = path.join(repoRoot, "tests", "artifacts");

/**
 * Returns the path of a file under the shared data directory ($DVC_SHARED_DATA),
 * or null when the variable is unset or the file is missing, so full-catalogue
 * tests can skip: `test("…", { skip: !file && "no shared data" }, …)`.
 *
 * @param {...string} parts path segments below the data directory,
 *   e.g. `sharedDataFile("tthc", "procedures-national-2026.jsonl.gz")`
 * @returns {string | null}
 */
export function sharedDataFile(...parts) {
  const dataDir = process.env.DVC_SHARED_DATA;
  if (!dataDir) {
    return null;
  }
  const file = path.join(dataDir, ...parts);
  return existsSync(file) ? file : null;
}
