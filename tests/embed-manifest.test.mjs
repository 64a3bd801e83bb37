// dist/manifest.json, written by `cargo xtask dist`, against the files it lists.

import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";

import { distDir } from "./harness/index.mjs";

const manifest = JSON.parse(await readFile(path.join(distDir, "manifest.json"), "utf8"));

function sri(bytes) {
  return `sha384-${createHash("sha384").update(bytes).digest("base64")}`;
}

async function filesBelow(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath ?? entry.path, entry.name)).split(path.sep).join("/"))
    .sort();
}

test("manifest names the loader as entry", () => {
  assert.equal(manifest.name, "dvc-widgets");
  assert.match(manifest.version, /^\d+\.\d+\.\d+/);
  assert.equal(manifest.entry, "dvc-widgets.js");
});

test("manifest lists loader, wasm and css", () => {
  const pathsOf = (role) => manifest.files.filter((file) => file.role === role).map((file) => file.path);
  assert.deepEqual(pathsOf("loader"), ["dvc-widgets.js"]);
  assert.deepEqual(pathsOf("wasm"), ["dvc-widgets.wasm"]);
  assert.deepEqual(pathsOf("css"), ["dvc-widgets.css"]);
  assert.deepEqual(pathsOf("bindings"), ["dvc-widgets-bindings.js"]);
  assert.ok(pathsOf("snippet").length > 0, "no snippet files listed");
  assert.deepEqual(pathsOf("other"), []);
});

test("manifest integrity matches each file", async () => {
  for (const file of manifest.files) {
    const bytes = await readFile(path.join(distDir, file.path));
    assert.equal(file.bytes, bytes.length, `size of ${file.path}`);
    assert.equal(file.integrity, sri(bytes), `integrity of ${file.path}`);
  }
});

test("manifest covers every dist file", async () => {
  const listed = manifest.files.map((file) => file.path).sort();
  const present = (await filesBelow(distDir)).filter((file) => file !== "manifest.json");
  assert.deepEqual(listed, present);
});

test("loader pins the wasm integrity", async () => {
  const loader = await readFile(path.join(distDir, "dvc-widgets.js"), "utf8");
  const wasm = manifest.files.find((file) => file.role === "wasm");
  assert.ok(loader.includes(`const WASM_INTEGRITY = "${wasm.integrity}";`), "loader lacks the wasm's integrity");
  assert.ok(!loader.includes("@WASM_INTEGRITY@"), "loader still has the template marker");
});

test("bindings import only listed snippets", async () => {
  const bindings = await readFile(path.join(distDir, "dvc-widgets-bindings.js"), "utf8");
  const listed = new Set(manifest.files.map((file) => file.path));
  const imports = [...bindings.matchAll(/from\s+["']\.\/([^"']+)["']/g)].map((match) => match[1]);
  assert.ok(imports.length > 0, "the bindings import no snippet");
  for (const imported of imports) {
    assert.ok(listed.has(imported), `${imported} is imported but not in the manifest`);
  }
});
