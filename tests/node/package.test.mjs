// The npm package as a user gets it: `npm pack`, install the tarball into a fresh folder, then run
// the README's examples there (ESM, CommonJS, and TypeScript type-checked with tsc --strict).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** The code block that follows `<!-- example: name -->` in the README. */
function example(name) {
  const m = readme.match(new RegExp(`<!-- example: ${name} -->\\s*\`\`\`\\w*\\n([\\s\\S]*?)\`\`\``));
  assert.ok(m, `README has an example named ${name}`);
  return m[1];
}

test('npm pack, install into a fresh folder, run the README examples (ESM, CJS, TypeScript)', { timeout: 180_000 }, () => {
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
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
