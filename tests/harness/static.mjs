// A small HTTP server on 127.0.0.1 for embedding tests. It serves test pages
// with the headers a test chooses (a Content-Security-Policy, for example)
// and directories such as dist/ with chosen MIME types or replaced files. It
// forwards /api/ to a demo portal, so the widgets' requests stay same-origin.

import { readFile } from "node:fs/promises";
import http from "node:http";
import path from "node:path";

/** MIME types by extension; a mount may override them. */
const TYPES = {
  ".css": "text/css; charset=utf-8",
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".wasm": "application/wasm",
};

/**
 * A running static server.
 * @typedef {object} StaticServer
 * @property {string} url base URL without a trailing slash
 * @property {(pathname: string, html: string, headers?: Record<string, string>) => void} page
 *   serves `html` at `pathname` with extra response headers
 * @property {(prefix: string, dir: string, options?: MountOptions) => void} mount
 *   serves the files of `dir` below `prefix` (which starts and ends with `/`)
 * @property {string[]} requests paths requested so far, in order
 * @property {() => Promise<void>} stop
 */

/**
 * @typedef {object} MountOptions
 * @property {Record<string, string>} [types] MIME types by extension, over the defaults
 * @property {Record<string, Buffer | string | null>} [replace] bodies served instead of
 *   the files at these paths relative to `dir`; `null` answers 404
 */

/**
 * Starts the server on an ephemeral port of 127.0.0.1.
 *
 * @param {object} [options]
 * @param {string} [options.apiUrl] base URL that `/api/…` requests are forwarded to
 * @returns {Promise<StaticServer>}
 */
export async function startStaticServer({ apiUrl } = {}) {
  const pages = new Map();
  const mounts = [];
  const requests = [];

  const server = http.createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    requests.push(url.pathname);
    try {
      if (apiUrl !== undefined && url.pathname.startsWith("/api/")) {
        await forward(request, response, `${apiUrl}${url.pathname}${url.search}`);
        return;
      }

      const page = pages.get(url.pathname);
      if (page !== undefined) {
        response.writeHead(200, { "content-type": TYPES[".html"], ...page.headers });
        response.end(page.html);
        return;
      }

      const mount = mounts.find((candidate) => url.pathname.startsWith(candidate.prefix));
      if (mount !== undefined) {
        await serveFile(response, mount, decodeURIComponent(url.pathname.slice(mount.prefix.length)));
        return;
      }

      // Browsers ask for it on every page; an error response would be logged.
      if (url.pathname === "/favicon.ico") {
        response.writeHead(204);
        response.end();
        return;
      }

      response.writeHead(404, { "content-type": "text/plain" });
      response.end("not found");
    } catch (error) {
      response.writeHead(500, { "content-type": "text/plain" });
      response.end(String(error));
    }
  });

  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    page(pathname, html, headers = {}) {
      pages.set(pathname, { html, headers });
    },
    mount(prefix, dir, { types = {}, replace = {} } = {}) {
      mounts.push({ prefix, dir, types: { ...TYPES, ...types }, replace });
    },
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function serveFile(response, mount, relative) {
  const file = path.resolve(mount.dir, relative);
  if (!file.startsWith(path.resolve(mount.dir) + path.sep)) {
    response.writeHead(403, { "content-type": "text/plain" });
    response.end("outside the mounted directory");
    return;
  }

  let body = mount.replace[relative];
  if (body === null) {
    response.writeHead(404, { "content-type": "text/plain" });
    response.end("not found");
    return;
  }
  if (body === undefined) {
    try {
      body = await readFile(file);
    } catch {
      response.writeHead(404, { "content-type": "text/plain" });
      response.end("not found");
      return;
    }
  }
  const type = mount.types[path.extname(file)] ?? "application/octet-stream";
  response.writeHead(200, { "content-type": type, "cache-control": "no-store" });
  response.end(body);
}

/** Forwards a request to the portal and copies its response back. */
async function forward(request, response, target) {
  const chunks = [];
  for await (const chunk of request) {
    chunks.push(chunk);
  }
  const headers = { ...request.headers };
  delete headers.host;
  delete headers.connection;

  const upstream = await fetch(target, {
    method: request.method,
    headers,
    body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
  });
  const body = Buffer.from(await upstream.arrayBuffer());
  const copied = {};
  upstream.headers.forEach((value, name) => {
    // fetch() has already decoded the body.
    if (!["content-encoding", "content-length", "transfer-encoding", "connection"].includes(name)) {
      copied[name] = value;
    }
  });
  response.writeHead(upstream.status, copied);
  response.end(body);
}
