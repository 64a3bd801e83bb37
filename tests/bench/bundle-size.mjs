// Bundle size benchmark. It reports the raw, gzip and brotli sizes of what a
// host page downloads: loader and glue JavaScript, the wasm, the optional host
// stylesheet. It also sizes the widgets' own CSS compiled into the wasm, and
// lists the largest crates in the wasm by twiggy.
//
// Usage: node tests/bench/bundle-size.mjs --dir DIR --source TEXT --out FILE
//          [--twiggy BIN --unoptimised-wasm FILE]
// Writes a Markdown section to FILE and `key=value` figures to FILE.figures.

import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { constants, brotliCompressSync, gzipSync } from "node:zlib";

import { repoRoot } from "../harness/index.mjs";
import { figuresText, formatKilobytes, markdownTable, parseOptions } from "./report.mjs";

/** Targets for the total gzip size of loader, glue, wasm and host CSS. */
const TARGET_GZIP_BYTES = 100_000;
const GOAL_GZIP_BYTES = 60_000;

/** Crates listed in the twiggy breakdown. */
const TOP_CRATES = 15;

const options = parseOptions(process.argv.slice(2), ["dir", "source", "out"]);

/** Sizes of one file: raw, gzip -9 and brotli at quality 11. */
function compressedSizes(bytes) {
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }).length,
  };
}

/** Lists every file below `dir`, with paths relative to it. */
function listFiles(dir, prefix = "") {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(prefix, entry.name);
    return entry.isDirectory() ? listFiles(dir, relative) : [relative];
  });
}

/**
 * Picks the files a host page downloads: every JavaScript file (loader, glue
 * and snippets) and the wasm. The demo page's own HTML, CSS and `demo-*.js`
 * are left out;
 * the host stylesheet comes from `styles/host.css`, which both the trunk
 * build and `cargo xtask dist` ship unchanged.
 */
function bundleFiles(dir) {
  const files = listFiles(dir)
    .filter((file) => file.endsWith(".wasm") || (file.endsWith(".js") && !path.basename(file).startsWith("demo-")))
    .map((file) => ({ name: file, bytes: readFileSync(path.join(dir, file)) }));
  const hostCss = path.join(dir, "dvc-widgets.css");
  const hostCssFile = listFiles(dir).includes("dvc-widgets.css")
    ? hostCss
    : path.join(repoRoot, "styles", "host.css");
  files.push({ name: `${path.basename(hostCssFile)} (host stylesheet)`, bytes: readFileSync(hostCssFile) });
  return files;
}

function kindOf(name) {
  if (name.endsWith(".wasm")) {
    return "wasm";
  }
  return name.endsWith(".js") ? "JavaScript" : "CSS";
}

function sum(rows, key) {
  return rows.reduce((total, row) => total + row.sizes[key], 0);
}

/** Sizes the widgets' stylesheets, which widgets/src/styles.rs compiles into the wasm. */
function embeddedCss() {
  const styles = path.join(repoRoot, "styles");
  const read = (name) => readFileSync(path.join(styles, name));
  return [
    { name: "shared (tokens.css + base.css)", bytes: Buffer.concat([read("tokens.css"), read("base.css")]) },
    { name: "procedure search (procedure-search.css)", bytes: read("procedure-search.css") },
    { name: "dossier status (dossier-status.css)", bytes: read("dossier-status.css") },
  ].map((entry) => ({ name: entry.name, sizes: compressedSizes(entry.bytes) }));
}

/**
 * Sums twiggy's shallow sizes by crate, from the wasm before wasm-bindgen and
 * wasm-opt, where function names are still present. Custom sections (names,
 * wasm-bindgen's description) are reported apart because the bundle has none.
 */
function crateBreakdown(twiggy, wasm) {
  const csv = execFileSync(twiggy, ["top", "-n", "1000000", "--format", "csv", wasm], {
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  const totals = new Map();
  let codeAndData = 0;
  for (const line of csv.split("\n").slice(1)) {
    const match = /^(.*),(\d+),[\d.]+,[\d.]*,[\d.]*$/.exec(line);
    if (!match) {
      continue;
    }
    const [, item, size] = match;
    // wasm-bindgen removes its descriptor functions and exports.
    if (/subsection|custom section|^"?Σ|\.\.\. and|__wbindgen_describe/.test(item)) {
      continue;
    }
    const bytes = Number(size);
    codeAndData += bytes;
    const crate = crateOf(item);
    totals.set(crate, (totals.get(crate) ?? 0) + bytes);
  }
  const rows = [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, TOP_CRATES);
  return { rows, codeAndData };
}

/** Guesses the crate of a twiggy item from its demangled path. */
function crateOf(item) {
  const name = item.replace(/^"|"$/g, "").replace(/^<+(&mut |&)?/, "");
  if (/^data\[/.test(name)) {
    return "data segments (strings, tables, CSS)";
  }
  if (/^(code|func)\[/.test(name) || /^(table|elem|import|export|type|global|memory)/.test(name)) {
    return "unnamed code, tables, imports, exports";
  }
  // A generic impl such as `<T as leptos::IntoView>::…` belongs to the trait's crate.
  const path = /^[A-Z]\w* as (.*)$/.exec(name)?.[1] ?? name;
  return /^([A-Za-z_][A-Za-z0-9_]*)/.exec(path)?.[1] ?? "other";
}

const source = options.source;
const rows = bundleFiles(options.dir).map((file) => ({
  name: file.name,
  kind: kindOf(file.name),
  sizes: compressedSizes(file.bytes),
}));
const total = { raw: sum(rows, "raw"), gzip: sum(rows, "gzip"), brotli: sum(rows, "brotli") };
const css = embeddedCss();

const lines = [];
lines.push("## Bundle size", "");
lines.push(`Files from ${source}. Each file is compressed on its own, as a web server sends it:`);
lines.push("gzip at level 9, brotli at quality 11 (Node.js zlib). 1 kB = 1,000 bytes.", "");
lines.push(
  markdownTable(
    ["File", "Kind", "Raw", "gzip", "brotli"],
    [
      ...rows.map((row) => [
        `\`${row.name}\``,
        row.kind,
        formatKilobytes(row.sizes.raw),
        formatKilobytes(row.sizes.gzip),
        formatKilobytes(row.sizes.brotli),
      ]),
      ["**Total**", "", formatKilobytes(total.raw), `**${formatKilobytes(total.gzip)}**`, formatKilobytes(total.brotli)],
    ],
  ),
);
lines.push("");
const met = total.gzip <= TARGET_GZIP_BYTES;
lines.push(
  `Target: total ≤ ${formatKilobytes(TARGET_GZIP_BYTES)} gzip now, on the way to ${formatKilobytes(GOAL_GZIP_BYTES)}. ` +
    `Measured ${formatKilobytes(total.gzip)}: **${met ? "met" : `missed by ${formatKilobytes(total.gzip - TARGET_GZIP_BYTES)}`}**.`,
);
lines.push("");
lines.push("### Per widget", "");
lines.push(
  "One wasm module holds both widgets, and the widgets crate has no Cargo feature per widget yet, " +
    "so the code of each widget cannot be measured apart: the total above is what a page with " +
    "either or both widgets downloads. Each widget's own CSS is compiled into the wasm; its share:",
);
lines.push("");
lines.push(
  markdownTable(
    ["Stylesheet inside the wasm", "Raw", "gzip", "brotli"],
    css.map((entry) => [
      entry.name,
      formatKilobytes(entry.sizes.raw),
      formatKilobytes(entry.sizes.gzip),
      formatKilobytes(entry.sizes.brotli),
    ]),
  ),
);

const figures = {
  bundle_source: source,
  bundle_raw_bytes: total.raw,
  bundle_gzip_bytes: total.gzip,
  bundle_brotli_bytes: total.brotli,
};
for (const row of rows) {
  if (row.kind === "wasm") {
    figures.wasm_gzip_bytes = row.sizes.gzip;
  }
}

if (options.twiggy && options["unoptimised-wasm"]) {
  const wasm = options["unoptimised-wasm"];
  const { rows: crates, codeAndData } = crateBreakdown(options.twiggy, wasm);
  lines.push("", "### What the wasm contains", "");
  lines.push(
    `\`twiggy top\` on \`${path.relative(repoRoot, wasm)}\` (${formatKilobytes(statSync(wasm).size)} raw), ` +
      "the module before wasm-bindgen and wasm-opt, because the optimised one has no names. " +
      `Shallow sizes of code and data summed by crate, out of ${formatKilobytes(codeAndData)} of code and data; ` +
      "wasm-opt later removes or shrinks part of each, so read them as proportions:",
  );
  lines.push("");
  lines.push(
    markdownTable(
      ["Crate or item", "Bytes before wasm-opt", "Share"],
      crates.map(([crate, bytes]) => [
        crate,
        formatKilobytes(bytes),
        `${((100 * bytes) / codeAndData).toFixed(1)} %`,
      ]),
    ),
  );
}

const section = `${lines.join("\n")}\n`;
process.stdout.write(section);
writeFileSync(options.out, section);
writeFileSync(`${options.out}.figures`, figuresText(figures));
