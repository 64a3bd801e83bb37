// Helpers shared by the benchmark scripts: options, statistics and Markdown.

/**
 * Parses `--name value` pairs into an object and fails when one of
 * `required` is missing.
 *
 * @param {string[]} args
 * @param {string[]} required
 * @returns {Record<string, string>}
 */
export function parseOptions(args, required) {
  const options = {};
  for (let index = 0; index < args.length; index += 1) {
    const name = args[index];
    if (!name.startsWith("--")) {
      throw new Error(`unexpected argument ${name}: options are --name value pairs`);
    }
    const value = args[index + 1];
    if (value === undefined) {
      throw new Error(`${name} needs a value`);
    }
    options[name.slice(2)] = value;
    index += 1;
  }
  for (const name of required) {
    if (options[name] === undefined) {
      throw new Error(`missing --${name}`);
    }
  }
  return options;
}

/** Returns the median of `values` (the mean of the two middle ones for an even count). */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Formats a byte count in kB (1,000 bytes) with one decimal. */
export function formatKilobytes(bytes) {
  return `${(bytes / 1000).toFixed(1)} kB`;
}

/** Formats a byte count in MB (1,000,000 bytes) with one decimal. */
export function formatMegabytes(bytes) {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** Formats milliseconds with no decimals. */
export function formatMilliseconds(ms) {
  return `${Math.round(ms)} ms`;
}

/** Builds a Markdown table; cells are inserted as they are. */
export function markdownTable(headers, rows) {
  const line = (cells) => `| ${cells.join(" | ")} |`;
  return [line(headers), line(headers.map(() => "---")), ...rows.map(line)].join("\n");
}

/** Writes `figures` as `key=value` lines, the format `cargo xtask bench` reads. */
export function figuresText(figures) {
  return `${Object.entries(figures)
    .map(([key, value]) => `${key}=${value}`)
    .join("\n")}\n`;
}
