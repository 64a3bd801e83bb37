// Starts the real demo portal binary for a test file and stops it afterwards.

import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import readline from "node:readline";

import { portalBin, siteDir } from "./paths.mjs";

/** The line the portal prints on stdout once its socket is bound. */
const LISTENING_LINE = /^dvc-demo-portal listening on (http:\/\/\S+?)\/?$/;

/** How much of the portal's output is kept for error messages. */
const KEPT_OUTPUT_LINES = 200;

/** Portals still running, stopped when the test process exits. */
const running = new Set();
process.on("exit", () => {
  for (const child of running) {
    child.kill("SIGKILL");
  }
});

/**
 * A running demo portal.
 * @typedef {object} Portal
 * @property {string} url base URL without a trailing slash, e.g. `http://127.0.0.1:41234`
 * @property {number} pid process id, e.g. to read the portal's memory from /proc/PID/status
 * @property {() => string} output the portal's recent stdout and stderr lines
 * @property {() => Promise<void>} stop sends SIGTERM and waits for the exit (SIGKILL after 5 s)
 */

/**
 * Starts `dvc-demo-portal --addr 127.0.0.1:0 --site <demo/site/dist>` and resolves
 * once it prints its address.
 *
 * @param {object} [options]
 * @param {string} [options.data] catalogue to load (`--data`); default: the built-in sample
 * @param {string} [options.today] day the demo dossiers are generated around, YYYY-MM-DD
 *   (`--today`); fix it so generated dossiers and due dates are the same on every run
 * @param {string[]} [options.extraArgs] more portal flags, e.g. `["--lookup-rate-limit", "3"]`
 * @param {number} [options.startTimeoutMs] how long to wait for the address line;
 *   loading the full national catalogue takes a few seconds
 * @returns {Promise<Portal>}
 */
export async function startPortal({ data, today, extraArgs = [], startTimeoutMs = 120_000 } = {}) {
  if (!existsSync(portalBin)) {
    throw new Error(
      `demo portal binary not found at ${portalBin}; run \`cargo xtask test browser\` ` +
        "or `cargo build --release -p dvc-demo-portal` (or set DVC_PORTAL_BIN)",
    );
  }
  if (!existsSync(siteDir)) {
    throw new Error(
      `demo page not built at ${siteDir}; run \`cargo xtask test wasm\` (or set DVC_SITE_DIR)`,
    );
  }

  const args = ["--addr", "127.0.0.1:0", "--site", siteDir];
  if (data) {
    args.push("--data", data);
  }
  if (today) {
    args.push("--today", today);
  }
  args.push(...extraArgs);

  const child = spawn(portalBin, args, { stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  const exited = new Promise((resolve) => {
    child.once("exit", (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
  });

  const recent = [];
  const keep = (line) => {
    recent.push(line);
    if (recent.length > KEPT_OUTPUT_LINES) {
      recent.shift();
    }
  };
  readline.createInterface({ input: child.stderr }).on("line", keep);
  const stdoutLines = readline.createInterface({ input: child.stdout });

  const output = () => recent.join("\n");
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) {
      return;
    }
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  };

  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`demo portal printed no address within ${startTimeoutMs} ms:\n${output()}`));
    }, startTimeoutMs);

    stdoutLines.on("line", (line) => {
      keep(line);
      const match = LISTENING_LINE.exec(line.trim());
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`demo portal exited (code ${code}, signal ${signal}) before listening:\n${output()}`));
    });
  }).catch(async (error) => {
    await stop();
    throw error;
  });

  return { url, pid: child.pid, output, stop };
}
