// The repository served on a free port of 127.0.0.1, with the MIME types of scripts/serve.mjs, logging
// every request: the same failed-request check and .wasm bookkeeping work in every engine, including
// WebKit, whose classic WebDriver session reports no network events.
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.mjs': 'text/javascript', '.js': 'text/javascript',
  '.cjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ts': 'text/plain', '.md': 'text/plain; charset=utf-8',
};

/** @returns {Promise<{ url: string, log: {path: string, status: number}[], close(): Promise<void> }>} */
export async function startServer(root) {
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
    log.push({ path, status: 200 });
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': st.size, 'cache-control': 'no-cache' });
    createReadStream(file).pipe(res);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
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
