// The benchmark harness must not rot: its quick mode runs every candidate on every workload and
// writes a report (no timing assertions — speed is reported by `npm run bench`, not tested).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

test('npm run bench -- --quick produces a full report', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'ap-bench-smoke-'));
  try {
    const out = join(dir, 'RESULTS.md');
    execFileSync(process.execPath, [new URL('../../bench/run.mjs', import.meta.url).pathname, '--quick', '--out', out], { stdio: 'pipe' });
    const md = readFileSync(out, 'utf8');
    for (const row of ['wasm-simd', 'wasm-fallback', 'native', 'tfjs-wasm', 'tfjs-cpu', 'tfjs-wasm layers', 'tfjs-wasm backprop', 'playground-style JS', 'brain.js 1.6.1', 'convnetjs 0.3.0']) {
      assert.match(md, new RegExp(`\\| ${row.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\|`), `row for ${row}`);
    }
    for (const heading of ['## Targets', '## W1–W3', '## Long run', '## W4', '## In the browser', '## Bounds']) assert.ok(md.includes(heading), heading);
    assert.match(md, /\| ours wasm-simd \| [\d.]+ M \|/, 'the browser variant ran ours');
    assert.match(md, /\| wasm-simd \| [\d.]+ G\/s \|.*G\/s \| [\d.]+ \| [\d.]+ \|/, 'W4: paired and column relu / memcpy ratios');
    assert.match(md, /\| chunked \(100 epochs a call\) \| [\d,]+ \| [\d,]+ \| [\d,]+ \| [\d.]+ \|/, 'the long run ran');
    assert.match(md, /\| relu vs WASM memcpy \(paired\) \| [\d.]+ \|/, 'the relu target row');
    assert.match(md, /\| tfjs-wasm \| – \| [\d.]+ M \| [\d.]+ \| [\d.]+ \|/, 'the browser variant ran TensorFlow.js');
    assert.match(md, /\| tfjs-wasm backprop \| – \| [\d.]+ M \| – \| [\d.]+ \|/, 'the browser variant ran its fastest path');
    assert.match(md, /Ratios \(ours \/ tfjs-wasm, its fastest path\): W1 \d+×/, 'the browser ratio is against the fastest path');
    // Each candidate really trained W1 (the balanced circle, where a constant guess scores 0.5): ours
    // separate it even in quick mode; every peer does better than the constant guess.
    const lines = md.split('\n');
    const start = lines.findIndex((l) => l.startsWith('| candidate | W1 train'));
    const end = lines.indexOf('', start);
    const accCol = lines[start].split('|').map((s) => s.trim()).indexOf('W1 acc');
    const accs = Object.fromEntries(lines.slice(start + 2, end).map((l) => l.split('|').map((c) => c.trim())).map((c) => [c[1], Number(c[accCol])]));
    assert.equal(Object.keys(accs).length, 10, `W1 rows: ${Object.keys(accs)}`);
    for (const [name, acc] of Object.entries(accs)) {
      assert.ok(['wasm-simd', 'wasm-fallback', 'native'].includes(name) ? acc >= 0.95 : acc > 0.55, `W1 accuracy of ${name}: ${acc}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
