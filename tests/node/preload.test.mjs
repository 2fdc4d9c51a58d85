// index.html preloads the whole static module graph of web/app.mjs (scripts/gen-preload.mjs), so the
// browser requests every module at once instead of one import level per round trip.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { preloadBlock, staticGraph, staticImports, withBlock } from '../../scripts/gen-preload.mjs';

const root = new URL('../../', import.meta.url);
const html = readFileSync(new URL('index.html', root), 'utf8');

test('staticImports reads imports and re-exports, over several lines, and skips import() calls', () => {
  const source = [
    "import { a } from './a.mjs';",
    "import {\n  b,\n  c,\n} from './bc.mjs';",
    "import './side-effect.mjs';",
    "import d from \"./d.mjs\";",
    "export { e } from './e.mjs';",
    "const lazy = await import('./lazy.mjs');",
    "  // a comment that says import",
  ].join('\n');
  assert.deepEqual(staticImports(source), ['./a.mjs', './bc.mjs', './side-effect.mjs', './d.mjs', './e.mjs']);
});

test('index.html preloads exactly the static graph of web/app.mjs, and every preloaded file is served', () => {
  assert.equal(withBlock(html, preloadBlock()), html, 'stale list: run node scripts/gen-preload.mjs');
  const graph = staticGraph();
  assert.equal(graph[0], 'web/app.mjs');
  for (const needed of ['web/explorer.mjs', 'web/vendor/uplot/uPlot.esm.min.js', 'dist/api-activations.mjs', 'dist/simd.mjs']) {
    assert.ok(graph.includes(needed), `${needed} is in the graph`);
  }
  // The training views, the worker and the whole module's API come after the explorer's first chart.
  for (const lazy of ['web/trainer.mjs', 'web/worker-client.mjs', 'dist/ap_simd.mjs', 'dist/index.mjs', 'dist/nn.mjs']) {
    assert.ok(!graph.includes(lazy), `${lazy} is loaded later, not preloaded`);
  }
  for (const path of graph) assert.ok(existsSync(new URL(path, root)), `${path} exists (after the build)`);
});

test('a stale list is found: dropping one link changes the block', () => {
  const graph = staticGraph();
  assert.notEqual(withBlock(html, preloadBlock(graph.slice(1))), html);
});
