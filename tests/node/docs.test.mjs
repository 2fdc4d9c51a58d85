// The activation docs are generated from the registry; a stale committed copy fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { load } from '../../dist/node.mjs';

test('docs/activations.md matches the registry', async () => {
  const script = new URL('../../scripts/gen-docs.mjs', import.meta.url).pathname;
  execFileSync(process.execPath, [script, '--check'], { stdio: 'pipe' });  // throws on exit code 1
  const md = readFileSync(new URL('../../docs/activations.md', import.meta.url), 'utf8');
  const ap = await load();
  for (const a of ap.listActivations()) assert.ok(md.includes(`\`${a.name}\``), `${a.name} is documented`);
});

// The README states what `npm pack` ships; it went stale once when files were added.
test("the README's package figures are what npm pack --dry-run lists now (file count exact, size within 5 %)", () => {
  const root = new URL('../..', import.meta.url).pathname;
  const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const m = readme.match(/`npm pack --dry-run` now: (\d+) files, ([\d.]+) kB packed, ([\d.]+) MB unpacked/);
  assert.ok(m, 'the README states the package figures');
  assert.equal(Number(m[1]), pack.entryCount, 'files in the package (after a build: npm pack lists dist/ as it is now)');
  const near = (stated, actual, what) => assert.ok(Math.abs(stated - actual) <= 0.05 * actual, `${what}: README ${stated}, npm pack ${actual}`);
  near(Number(m[2]) * 1000, pack.size, 'packed bytes');
  near(Number(m[3]) * 1e6, pack.unpackedSize, 'unpacked bytes');
});
