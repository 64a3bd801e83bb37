// Search endpoint over HTTP: latency at one connection, throughput and
// latency at 64 and at 1,000 connections from wrk on loopback, and the demo
// portal's memory before and after the load.
//
// Usage: node tests/bench/http-load.mjs --out FILE --wrk BIN [--data FILE] [--seconds N]
// Writes a Markdown section to FILE and `key=value` figures to FILE.figures.

import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

import { repoRoot, sharedDataFile, startPortal } from "../harness/index.mjs";
import { figuresText, formatMegabytes, markdownTable, parseOptions } from "./report.mjs";

const TARGET_REQUESTS_PER_SECOND = 10_000;
const LOAD_CONNECTIONS = 64;

/** Connections of the last run, which checks errors and memory rather than speed. */
const MANY_CONNECTIONS = 1_000;

const options = parseOptions(process.argv.slice(2), ["out", "wrk"]);
const seconds = Number(options.seconds ?? 10);

/**
 * Reads the queries of the repository's search quality sets and, when the
 * shared data is there, its development set: citizen wording with and
 * without accents, abbreviations and procedure codes.
 */
function queries() {
  const files = ["held-out.json", "natural.json"].map((name) =>
    path.join(repoRoot, "widgets", "core", "tests", "search-queries", name),
  );
  const shared = sharedDataFile("search", "dev-queries.json");
  if (shared) {
    files.push(shared);
  }
  return files.flatMap((file) => JSON.parse(readFileSync(file, "utf8")).map((entry) => entry.query));
}

/**
 * Builds the request paths of the mix: every query on page 1, and every
 * fifth query also on page 2 and every seventh with a level filter, as the
 * widget sends them when a citizen pages or filters.
 */
function requestPaths(list) {
  const paths = [];
  list.forEach((query, index) => {
    const q = encodeURIComponent(query);
    paths.push(`/api/v1/procedures?q=${q}&page=1&limit=10`);
    if (index % 5 === 0) {
      paths.push(`/api/v1/procedures?q=${q}&page=2&limit=10`);
    }
    if (index % 7 === 0) {
      paths.push(`/api/v1/procedures?q=${q}&level=province&page=1&limit=10`);
    }
  });
  return paths;
}

/** Builds a wrk script that sends the paths in turn, each wrk thread from its own start. */
function wrkScript(paths) {
  const list = paths.map((item) => `  ${JSON.stringify(item)},`).join("\n");
  return `local paths = {\n${list}\n}
local index = 0
setup = function(thread)
  index = index + 1
  thread:set("start", index * 37)
end
init = function()
  counter = start or 0
end
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
`;
}

/** Converts a wrk duration such as `850.00us`, `1.23ms` or `2.01s` to milliseconds. */
function toMilliseconds(text) {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(text.trim());
  if (!match) {
    throw new Error(`unexpected wrk duration ${text}`);
  }
  const factor = { us: 0.001, ms: 1, s: 1000, m: 60_000 }[match[2]];
  return Number(match[1]) * factor;
}

/** Reads the figures of `wrk --latency` output. */
function parseWrk(output) {
  const percentile = (name) => {
    const match = new RegExp(`^\\s+${name}%\\s+(\\S+)`, "m").exec(output);
    if (!match) {
      throw new Error(`no ${name}% latency in wrk output:\n${output}`);
    }
    return toMilliseconds(match[1]);
  };
  const number = (pattern) => Number(pattern.exec(output)?.[1] ?? 0);
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  return {
    requestsPerSecond: number(/^Requests\/sec:\s+([\d.]+)/m),
    requests: number(/^\s+(\d+) requests in/m),
    p50: percentile(50),
    p90: percentile(90),
    p99: percentile(99),
    non2xx: number(/Non-2xx or 3xx responses: (\d+)/),
    socketErrors: socketErrors ? socketErrors.slice(1).reduce((total, value) => total + Number(value), 0) : 0,
  };
}

/** Runs wrk against `url` and returns its parsed figures and raw output. */
async function runWrk(url, script, { threads, connections, duration }) {
  const args = [`-t${threads}`, `-c${connections}`, `-d${duration}s`, "--latency", "--timeout", "5s", "-s", script, url];
  const { stdout } = await promisify(execFile)(options.wrk, args, { maxBuffer: 16 * 1024 * 1024 });
  return { ...parseWrk(stdout), command: `wrk ${args.join(" ")}`, output: stdout };
}

/** Reads a `kB` field of /proc/PID/status, such as `VmRSS` or `VmHWM`, in bytes. */
function statusBytes(pid, field) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
  if (!match) {
    throw new Error(`no ${field} in /proc/${pid}/status`);
  }
  return Number(match[1]) * 1024;
}

const data = options.data ?? sharedDataFile("tthc", "procedures-national-2026.jsonl.gz");
const catalogue = data ? `\`${path.basename(data)}\`` : "the built-in sample catalogue (no shared data found)";
const paths = requestPaths(queries());
const scratch = mkdtempSync(path.join(tmpdir(), "dvc-bench-"));
const script = path.join(scratch, "search-mix.lua");
writeFileSync(script, wrkScript(paths));

const portal = await startPortal({ data, today: "2026-03-02" });
let single;
let loaded;
let many;
let residentBefore;
let peak;
try {
  residentBefore = statusBytes(portal.pid, "VmRSS");
  console.log(`portal at ${portal.url}, pid ${portal.pid}, ${formatMegabytes(residentBefore)} resident`);

  // Warm-up: every path once, so no first-request cost is measured.
  for (const item of paths) {
    const response = await fetch(`${portal.url}${item}`);
    if (!response.ok) {
      throw new Error(`GET ${item} returned HTTP ${response.status}`);
    }
    await response.arrayBuffer();
  }

  single = await runWrk(portal.url, script, { threads: 1, connections: 1, duration: Math.min(5, seconds) });
  console.log(single.command);
  console.log(single.output);
  loaded = await runWrk(portal.url, script, { threads: 2, connections: LOAD_CONNECTIONS, duration: seconds });
  console.log(loaded.command);
  console.log(loaded.output);
  many = await runWrk(portal.url, script, { threads: 2, connections: MANY_CONNECTIONS, duration: Math.min(5, seconds) });
  console.log(many.command);
  console.log(many.output);
  peak = statusBytes(portal.pid, "VmHWM");
} finally {
  await portal.stop();
  rmSync(scratch, { recursive: true, force: true });
}

const formatMs = (ms) => `${ms.toFixed(2)} ms`;
const formatRate = (rate) => Math.round(rate).toLocaleString("en-US");
const met = loaded.requestsPerSecond >= TARGET_REQUESTS_PER_SECOND;
const errors = [single, loaded, many].reduce((total, run) => total + run.non2xx + run.socketErrors, 0);
const lines = [
  "## Search endpoint over HTTP",
  "",
  `\`GET /api/v1/procedures\` on the release demo portal over ${catalogue}, from wrk on loopback. ` +
    `The mix has ${paths.length} requests: the queries of the repository's search quality sets` +
    `${sharedDataFile("search", "dev-queries.json") ? " and the shared development set" : ""}, ` +
    "page 1 of each, page 2 of every fifth and a level filter on every seventh, sent in turn. " +
    "wrk, the portal and the other processes of the machine share its cores, so these are lower bounds.",
  "",
  markdownTable(
    ["Load", "Requests/s", "p50", "p90", "p99", "Errors"],
    [
      [
        "1 connection, 1 thread",
        formatRate(single.requestsPerSecond),
        formatMs(single.p50),
        formatMs(single.p90),
        formatMs(single.p99),
        String(single.non2xx + single.socketErrors),
      ],
      [
        `${LOAD_CONNECTIONS} connections, 2 threads`,
        `**${formatRate(loaded.requestsPerSecond)}**`,
        formatMs(loaded.p50),
        formatMs(loaded.p90),
        `**${formatMs(loaded.p99)}**`,
        String(loaded.non2xx + loaded.socketErrors),
      ],
      [
        `${MANY_CONNECTIONS.toLocaleString("en-US")} connections, 2 threads`,
        formatRate(many.requestsPerSecond),
        formatMs(many.p50),
        formatMs(many.p90),
        formatMs(many.p99),
        String(many.non2xx + many.socketErrors),
      ],
    ],
  ),
  "",
  `Commands: ${[single, loaded, many].map((run) => `\`${run.command.replace(script, "search-mix.lua")}\``).join(", ")}; ` +
    "the script is generated by tests/bench/http-load.mjs. Errors count non-2xx responses and socket errors.",
  "",
  `Target: ≥ ${formatRate(TARGET_REQUESTS_PER_SECOND)} requests/s. Measured ${formatRate(loaded.requestsPerSecond)}: ` +
    `**${met ? "met" : "missed"}**.`,
  "",
  "## Demo portal memory",
  "",
  markdownTable(
    ["Measure", "Value"],
    [
      ["resident after loading the catalogue (VmRSS)", formatMegabytes(residentBefore)],
      [
        `peak resident after the load runs, ${MANY_CONNECTIONS.toLocaleString("en-US")} connections included (VmHWM)`,
        `**${formatMegabytes(peak)}**`,
      ],
    ],
  ),
  "",
  `Read from /proc/PID/status of the portal process over ${catalogue}.`,
];

const section = `${lines.join("\n")}\n`;
process.stdout.write(`\n${section}`);
writeFileSync(options.out, section);
writeFileSync(
  `${options.out}.figures`,
  figuresText({
    requests_per_second: Math.round(loaded.requestsPerSecond),
    loaded_p50_ms: loaded.p50,
    loaded_p99_ms: loaded.p99,
    single_p50_ms: single.p50,
    single_p99_ms: single.p99,
    many_connections_errors: many.non2xx + many.socketErrors,
    many_connections_p99_ms: many.p99,
    http_errors: errors,
    resident_bytes: residentBefore,
    peak_resident_bytes: peak,
  }),
);
if (errors > 0) {
  console.error(`${errors} requests failed during the load runs`);
  process.exitCode = 1;
}
