// The npm package as a user gets it: `npm pack`, install the tarball into a fresh folder, then run
// the README's examples there (ESM, CommonJS, and TypeScript type-checked with tsc --strict).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { build as viteBuild } from 'vite';
import webpack from 'webpack';

const root = new URL('../..', import.meta.url).pathname;
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** The code block that follows `<!-- example: name -->` in the README. */
function example(name) {
  const m = readme.match(new RegExp(`<!-- example: ${name} -->\\s*\`\`\`\\w*\\n([\\s\\S]*?)\`\`\``));
  assert.ok(m, `README has an example named ${name}`);
  return m[1];
}

test('npm pack, install into a fresh folder, run the README examples (ESM, CJS, TypeScript), bundle with Vite and webpack', { timeout: 240_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ap-package-'));
  try {
    execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', dir], { cwd: root, stdio: 'pipe' });
    const tgz = readdirSync(dir).find((f) => f.endsWith('.tgz'));
    assert.ok(tgz, 'npm pack wrote a tarball');
    const app = join(dir, 'app');
    execFileSync('mkdir', ['-p', app]);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--offline', join(dir, tgz)], { cwd: app, stdio: 'pipe' });
    const files = readdirSync(join(app, 'node_modules', 'activation-playground', 'dist'));
    for (const f of ['index.mjs', 'node.mjs', 'node.cjs', 'index.d.ts', 'node.d.cts', 'ap_simd.wasm', 'ap_nosimd.wasm']) {
      assert.ok(files.includes(f), `the package ships dist/${f}`);
    }
    assert.ok(!files.includes('page'), 'dist/page/ (the page\'s activations-only module) stays out of the package');
    // The package stands on its own: its licence, and every file the README links, are in it.
    const pkg = join(app, 'node_modules', 'activation-playground');
    const readme = readFileSync(join(pkg, 'README.md'), 'utf8');
    const links = [...readme.matchAll(/\]\(([^)#]+)\)/g)].map((m) => m[1]).filter((l) => !/^[a-z]+:/.test(l));
    assert.ok(links.length >= 3, `README links: ${links}`);
    for (const f of ['LICENSE', 'CHANGELOG.md', ...links]) assert.ok(existsSync(join(pkg, f)), `the package ships ${f}`);
    assert.match(readFileSync(join(pkg, 'LICENSE'), 'utf8'), /^MIT License/);

    writeFileSync(join(app, 'esm.mjs'), example('node-esm'));
    const esm = execFileSync(process.execPath, ['esm.mjs'], { cwd: app, encoding: 'utf8' });
    assert.match(esm, /^true$/m);
    assert.match(esm, /\[ 0, 0, 0, 1\.5 \]/);
    assert.match(esm, /\[ 0, 0, 0, 1 \]/);
    assert.match(esm, /^2000 true$/m);
    assert.match(esm, /'0\.weight', '0\.bias', '2\.weight'/);

    writeFileSync(join(app, 'cjs.cjs'), example('node-cjs'));
    const cjs = execFileSync(process.execPath, ['cjs.cjs'], { cwd: app, encoding: 'utf8' });
    assert.match(cjs, /^false$/m);
    assert.match(cjs, /\[ 0\.5 \]/);

    writeFileSync(join(app, 'main.mts'), example('typescript'));
    writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { strict: true, module: 'node16', moduleResolution: 'node16', target: 'es2022', outDir: 'out', types: [] },
      files: ['main.mts'],
    }));
    execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'], { cwd: app, stdio: 'pipe' });
    const ts = execFileSync(process.execPath, ['out/main.mjs'], { cwd: app, encoding: 'utf8' });
    assert.match(ts, /^1$/m);

    await bundleAndRun(app);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A browser app importing the installed package, bundled by Vite 6 and webpack 5, run in Chromium. */
async function bundleAndRun(app) {
  writeFileSync(join(app, 'main.js'), `import { load } from 'activation-playground';
load().then((ap) => {
  const m = ap.nn.Sequential(ap.nn.Linear(2, 2), ap.nn.ReLU());
  document.body.dataset.result = JSON.stringify({ simd: ap.buildInfo().simd, relu: Array.from(ap.F.relu([-1, 2])), out: m.forward([[1, 1]]).length });
}, (e) => { document.body.dataset.result = JSON.stringify({ error: e.message }); });
`);
  writeFileSync(join(app, 'index.html'), '<!doctype html><html><head><link rel="icon" href="data:,"></head><body><script type="module" src="./main.js"></script></body></html>');
  await viteBuild({ root: app, logLevel: 'silent', build: { outDir: join(app, 'vite-out'), emptyOutDir: true } });
  await new Promise((resolve, reject) => webpack({
    mode: 'production', context: app, entry: './main.js', target: 'web',
    output: { path: join(app, 'webpack-out'), filename: 'main.js', publicPath: 'auto' },
    resolve: { modules: [join(app, 'node_modules')] },
  }, (err, stats) => (err || stats.hasErrors() ? reject(err ?? new Error(stats.toString('errors-only'))) : resolve())));
  writeFileSync(join(app, 'webpack-out', 'index.html'), '<!doctype html><html><head><link rel="icon" href="data:,"></head><body><script src="./main.js"></script></body></html>');

  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'] });
  try {
    for (const out of ['vite-out', 'webpack-out']) {
      const server = spawn(process.execPath, [join(root, 'scripts', 'serve.mjs'), '--port', '0'], { env: { ...process.env, ROOT: join(app, out) }, stdio: ['ignore', 'pipe', 'inherit'] });
      try {
        const url = await new Promise((resolve) => server.stdout.on('data', (d) => { const m = String(d).match(/http:\/\/[\d.:]+\//); if (m) resolve(m[0]); }));
        const page = await browser.newPage();
        const problems = [];
        page.on('console', (m) => ['error', 'warning'].includes(m.type()) && problems.push(m.text()));
        page.on('pageerror', (e) => problems.push(e.message));
        await page.goto(url);
        await page.waitForFunction(() => document.body.dataset.result, null, { timeout: 20_000 });
        const result = JSON.parse(await page.evaluate(() => document.body.dataset.result));
        assert.deepEqual(result, { simd: true, relu: [0, 2], out: 2 }, `${out}: ${JSON.stringify(result)}`);
        assert.deepEqual(problems, [], `${out} console`);
        await page.close();
      } finally {
        server.kill();
      }
    }
  } finally {
    await browser.close();
  }
}
