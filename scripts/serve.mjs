// Static file server for the playground: `node scripts/serve.mjs [--port N]` (or PORT=N).
// Serves the repository root on 127.0.0.1 with the MIME types browsers need for modules and wasm,
// as a static host would: compressed (brotli or gzip, as the browser accepts), with an ETag so a
// second visit revalidates each file in one small 304 instead of downloading it again.
import { createServer } from 'node:http';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(process.env.ROOT ?? join(fileURLToPath(import.meta.url), '..', '..'));
const argPort = process.argv.indexOf('--port');
const port = Number(argPort > 0 ? process.argv[argPort + 1] : process.env.PORT ?? 8080);
const host = process.env.HOST ?? '127.0.0.1';
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`serve: invalid port '${process.argv[argPort + 1] ?? process.env.PORT}'`);
  process.exit(2);
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.mjs': 'text/javascript', '.js': 'text/javascript',
  '.cjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ts': 'text/plain', '.md': 'text/plain; charset=utf-8',
};

const COMPRESSIBLE = new Set(['.html', '.mjs', '.js', '.cjs', '.css', '.json', '.wasm', '.svg', '.ts', '.md']);
const compressed = new Map();  // `${file}:${etag}:${encoding}` → Buffer, made once per file version

/** The file's bytes in `encoding` ('br' or 'gzip'), compressed on first request and kept. */
function compressedBytes(file, etag, encoding) {
  const key = `${file}:${etag}:${encoding}`;
  if (!compressed.has(key)) {
    const raw = readFileSync(file);
    compressed.set(key, encoding === 'br'
      ? brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } })
      : gzipSync(raw, { level: 9 }));
  }
  return compressed.get(key);
}

/** The best encoding the request accepts among brotli and gzip, or ''. */
function encodingFor(req) {
  const accepted = String(req.headers['accept-encoding'] ?? '');
  if (/\bbr\b/.test(accepted)) return 'br';
  if (/\bgzip\b/.test(accepted)) return 'gzip';
  return '';
}

const server = createServer((req, res) => {
  let path;
  try {
    path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  } catch {
    res.writeHead(400).end('bad request');
    return;
  }
  if (path.endsWith('/')) path += 'index.html';
  const file = normalize(join(root, path));
  if (file !== root && !file.startsWith(root + sep)) {
    res.writeHead(403).end('forbidden');
    return;
  }
  let st;
  try {
    st = statSync(file);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  if (!st.isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  const etag = `"${st.size.toString(36)}-${Math.floor(st.mtimeMs).toString(36)}"`;
  // no-cache: keep it, but ask each time (files are not versioned by name); the ETag makes asking cheap.
  const headers = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache', etag, vary: 'accept-encoding' };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers).end();
    return;
  }
  const encoding = COMPRESSIBLE.has(extname(file)) && st.size > 512 ? encodingFor(req) : '';
  if (encoding) {
    const body = compressedBytes(file, etag, encoding);
    res.writeHead(200, { ...headers, 'content-encoding': encoding, 'content-length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
    return;
  }
  res.writeHead(200, { ...headers, 'content-length': st.size });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
});
server.on('error', (e) => {
  console.error(`serve: ${e.code === 'EADDRINUSE' ? `port ${port} is in use; try --port ${port + 1}` : e.message}`);
  process.exit(1);
});
server.listen(port, host, () => {
  console.log(`Activation Playground: http://${host}:${server.address().port}/`);
});
