// The page's first module (dist/page/ap_act_*, the activations without the MLP engine) computes
// exactly what the whole module computes: same kernels, same registry, same names and limits. The
// explorer and the softmax view run on it until the whole module arrives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { load } from '../../dist/node.mjs';
import { createActivationsApi } from '../../dist/api-activations.mjs';
import { rng, int, inputs, validParams } from './random_cases.mjs';

const dist = new URL('../../dist/', import.meta.url);

async function loadPage(variant) {
  const name = `page/ap_act_${variant}`;
  const factory = (await import(new URL(`${name}.mjs`, dist).href)).default;
  const Module = await factory({ wasmBinary: await readFile(new URL(`${name}.wasm`, dist)) });
  return createActivationsApi(Module, { variant });
}

for (const variant of ['simd', 'nosimd']) {
  const whole = await load({ simd: variant === 'simd' });
  const page = await loadPage(variant);

  test(`the activations-only module (${variant}) has the whole module's registry, names, limits and defaults, and no engine`, () => {
    assert.deepEqual(page.listActivations(), whole.listActivations());
    assert.deepEqual(page.buildInfo(), whole.buildInfo());
    for (const names of ['losses', 'features', 'inits']) assert.deepEqual(page[names](), whole[names](), names);
    assert.deepEqual(page.datasets.list(), whole.datasets.list());
    for (const engine of ['nn', 'optim', 'grid']) assert.equal(page[engine], undefined, `${engine} is the whole module's`);
    assert.equal(page.F.mse_loss, undefined);
    assert.deepEqual(Object.keys(page.F).sort(), whole.listActivations().map((a) => a.name).sort());
  });

  test(`every activation and its gradient (${variant}): the activations-only module equals the whole module bit for bit`, () => {
    const rand = rng(7);
    for (const a of whole.listActivations()) {
      for (let c = 0; c < 6; c++) {
        const n = int(rand, 1, 90);
        const x = inputs(rand, n);
        const opts = validParams(a, rand);
        if (a.kind === 'vector') Object.assign(opts, { shape: [1, n], dim: -1 });
        const what = `${a.name}(${JSON.stringify(opts)}), n = ${n}`;
        assert.deepEqual(page.F[a.name](x, opts), whole.F[a.name](x, opts), `${what} value`);
        assert.deepEqual(page.F[a.name].backward(x, null, opts), whole.F[a.name].backward(x, null, opts), `${what} gradient`);
      }
    }
  });

  test(`the activations-only module (${variant}) refuses bad input as the whole one does, and keeps working`, () => {
    assert.throws(() => page.F.relu('no'), (e) => e.message === (() => { try { whole.F.relu('no'); } catch (w) { return w.message; } return ''; })());
    assert.throws(() => page.activation('nope'), /nope/);
    assert.deepEqual(Array.from(page.F.relu(Float32Array.of(-1, 2))), [0, 2]);
  });
}
