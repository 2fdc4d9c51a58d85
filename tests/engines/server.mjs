// The repository served on 127.0.0.1 (on port AP_ENGINES_PORT, else on a free ephemeral one), with the
// MIME types of scripts/serve.mjs, logging every request: the same failed-request check and .wasm bookkeeping work in every engine, including
// WebKit, whose classic WebDriver session reports no network events.
import { createServer } from 'node:http';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.mjs': 'text/javascript', '.js': 'text/javascript',
  '.cjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ts': 'text/plain', '.md': 'text/plain; charset=utf-8',
};

const HEAD_SCRIPT = '/__engines/head.js';

/**
 * Serves `root`. With `headScript` (JavaScript source), every HTML page gets
 * `<script src="/__engines/head.js">` as the first element of its <head>, so that script runs before
 * anything of the page's own, in every engine (a document-start script where the driver has none).
 * @returns {Promise<{ url: string, log: {path: string, status: number}[], close(): Promise<void> }>}
 */
export async function startServer(root, { port = Number(process.env.AP_ENGINES_PORT ?? 0), headScript = null } = {}) {
  const log = [];
  const server = createServer((req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      log.push({ path: req.url, status: 400 });
      res.writeHead(400).end('bad request');
      return;
    }
    if (headScript !== null && path === HEAD_SCRIPT) {
      log.push({ path, status: 200 });
      res.writeHead(200, { 'content-type': TYPES['.js'], 'cache-control': 'no-cache' }).end(headScript);
      return;
    }
    if (path.endsWith('/')) path += 'index.html';
    const file = normalize(join(root, path));
    let st = null;
    if (file.startsWith(root + sep)) {
      try {
        st = statSync(file);
      } catch {}
    }
    if (!st || !st.isFile()) {
      log.push({ path, status: 404 });
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    if (headScript !== null && extname(file) === '.html') {
      const html = readFileSync(file, 'utf8');
      const at = html.match(/<head\b[^>]*>/i);
      if (!at) {
        log.push({ path, status: 500 });
        res.writeHead(500, { 'content-type': 'text/plain' }).end(`${path} has no <head> for the test's head script`);
        return;
      }
      log.push({ path, status: 200 });
      const end = at.index + at[0].length;
      const body = `${html.slice(0, end)}<script src="${HEAD_SCRIPT}"></script>${html.slice(end)}`;
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-cache' }).end(body);
      return;
    }
    log.push({ path, status: 200 });
    res.writeHead(200, { 'content-type': type, 'content-length': st.size, 'cache-control': 'no-cache' });
    createReadStream(file).pipe(res);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    log,
    close: () => new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve());
    }),
  };
}
