// One made-up registry entry (tests/cpp/extra_activation.hpp, compiled into build-wasm/extra/) and no
// other edit reaches the bindings, F and nn, the PyTorch export, the types, the docs and the page's
// menus. (Its kernels and gradients: ctest's "native extra entry" tests.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { load } from '../../dist/node.mjs';
import { loadVariant } from '../../dist/load.mjs';
import { renderDocs, renderTypes } from '../../scripts/registry-text.mjs';
import { contextOf } from '../../web/state.mjs';

const dir = new URL(`${process.env.AP_EXTRA_DIR ?? '../../build-wasm/extra'}/`, import.meta.url);
const NAME = 'test_xtanh', MODULE = 'TestXTanh';

async function loadExtra() {
  assert.ok(existsSync(new URL('ap_simd.mjs', dir)), `no module with the test entry in ${dir.pathname}: build build-wasm first`);
  return loadVariant({ simd: true }, (file) => readFile(new URL(file, dir)), { simd: () => import(new URL('ap_simd.mjs', dir).href) });
}

const checks = {
  bindings: (ap) => ap.listActivations().some((a) => a.name === NAME && a.module === MODULE),
  types: async (ap) => {
    const dts = renderTypes(ap, await readFile(new URL('../../wasm/js/index.d.ts', import.meta.url), 'utf8'));
    return dts.includes(`'${NAME}'`) && dts.includes(`'${MODULE}'`);
  },
  docs: (ap) => renderDocs(ap).includes(`| \`${NAME}\` | \`${MODULE}\` |`),
  menus: (ap) => {
    const ctx = contextOf(ap);  // what the explorer's and the trainer's menus list
    return [ctx.allActivations, ctx.activations].every((list) => list.some((a) => a.name === NAME));
  },
};

test('the module built without the test entry does not have it (the checks below can fail)', async () => {
  const ap = await load();
  for (const [what, check] of Object.entries(checks)) assert.equal(await check(ap), false, what);
  assert.equal(ap.F[NAME], undefined);
});

test('a test-only registry entry reaches the bindings, the types, the docs and the page\'s menus', async () => {
  const ap = await loadExtra();
  for (const [what, check] of Object.entries(checks)) assert.equal(await check(ap), true, what);
});

test('a test-only registry entry runs through F and nn and exports to PyTorch', async () => {
  const ap = await loadExtra();
  const x = [-3, -0.5, 0, 0.25, 2, 7];
  const y = ap.F[NAME](x), g = ap.F[NAME].backward(x);
  x.forEach((v, i) => {
    const t = Math.tanh(v);
    assert.ok(Math.abs(y[i] - v * t) <= 1e-6, `value at ${v}`);
    assert.ok(Math.abs(g[i] - (t + v * (1 - t * t))) <= 1e-6, `gradient at ${v}`);
  });
  const model = ap.nn.Sequential(ap.nn.Linear(2, 3), ap.nn[MODULE](), ap.nn.Linear(3, 1));
  assert.equal(model.forward([[0.5, -1]]).length, 1);
  assert.match(model.toPyTorch({ style: 'module' }), /^ {4}Lambda\(lambda x: x \* torch\.tanh\(x\)\),$/m);
  assert.match(model.toPyTorch({ style: 'functional' }), /^ {4}x = x \* torch\.tanh\(x\)$/m);
  model.dispose();
});
