// The SIMD and fallback WASM builds agree bit for bit on seeded random cases (api.test.mjs covers
// each activation's defaults on a fixed grid): activations with random parameters, lengths (tails
// of the 4-, 16- and 32-wide loops), layouts and edge values, and whole training runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from '../../dist/node.mjs';
import { rng, pick, int, uniform, inputs, validParams, network, data } from './random_cases.mjs';

const simd = await load({ simd: true });
const fallback = await load({ simd: false });
const SEED = Number(process.env.AP_TEST_SEED ?? 15);

/** Index of the first element where a and b differ (Object.is: ±0 differ, NaNs are equal), or -1. */
function firstDifference(a, b) {
  assert.equal(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

function assertSame(a, b, what, x) {
  const i = firstDifference(a, b);
  assert.equal(i, -1, i < 0 ? '' : `${what}: element ${i} (x = ${x?.[i]}): simd ${a[i]} vs fallback ${b[i]}`);
}

test('activations with random parameters, lengths and edge values: SIMD and fallback agree bit for bit', () => {
  const rand = rng(SEED);
  const entries = simd.listActivations();
  let compared = 0;
  for (let c = 0; c < 600; c++) {
    const a = entries[c % entries.length];
    const n = rand() < 0.7 ? int(rand, 0, 70) : int(rand, 71, 700);
    const x = inputs(rand, n);
    const g = Float32Array.from(inputs(rand, n), (v) => (Number.isFinite(v) ? Math.max(-1e3, Math.min(1e3, v)) : 1));
    const opts = validParams(a, rand);
    if (a.kind === 'vector') {
      const rows = pick(rand, [1, 2, 3, 5].filter((r) => n % r === 0));
      Object.assign(opts, { shape: [rows, n / rows], dim: pick(rand, [0, 1, -1]) });
      if (n === 0) Object.assign(opts, { shape: [0], dim: 0 });
    }
    const what = `case ${c}: ${a.name}(${JSON.stringify(opts)}), n = ${n}`;
    assertSame(simd.F[a.name](x, opts), fallback.F[a.name](x, opts), `${what} forward`, x);
    assertSame(simd.F[a.name].backward(x, g, opts), fallback.F[a.name].backward(x, g, opts), `${what} backward`, x);
    assertSame(simd.F[a.name].backward(x, null, opts), fallback.F[a.name].backward(x, null, opts), `${what} backward (ones)`, x);
    compared += 3 * n;
  }
  assert.ok(compared > 100000, `compared ${compared} values`);
});

test('seeded training runs: SIMD and fallback give the same losses and weights after every run', () => {
  const rand = rng(SEED + 1);
  for (let run = 0; run < 12; run++) {
    const loss = pick(rand, ['mse_loss', 'half_mse', 'binary_cross_entropy', 'binary_cross_entropy_with_logits', 'cross_entropy']);
    const seed = int(rand, 0, 1e6);
    const netSeed = int(rand, 0, 2 ** 31);
    const kind = pick(rand, ['SGD', 'Adam']);
    const options = kind === 'SGD'
      ? { lr: uniform(rand, 0.001, 0.2), momentum: pick(rand, [0, 0.9]), weight_decay: pick(rand, [0, 1e-3]) }
      : { lr: uniform(rand, 0.001, 0.05), betas: [0.9, pick(rand, [0.999, 0.99])], regularization: pick(rand, ['none', 'l1', 'l2']), regularization_rate: 0.01 };
    const n = int(rand, 4, 40);
    const fit = { loss, steps: int(rand, 5, 40), batch_size: int(rand, 1, n), shuffle: rand() < 0.5, seed: int(rand, 0, 1000) };
    const results = [simd, fallback].map((ap) => {
      const r = rng(netSeed);  // the same network and data in both builds
      const net = network(ap, r, { finalActivation: loss === 'binary_cross_entropy' ? 'Sigmoid' : undefined });
      const { x, y } = data(r, n, net.inputs, net.outputs, loss);
      const model = ap.nn.Sequential.withOptions({ seed, init: pick(rng(seed), ap.inits()) }, ...net.modules);
      const optimizer = ap.optim[kind](model.parameters(), options);
      const losses = model.fit(x, y, { ...fit, optimizer });
      const out = { losses, state: model.state_dict(), y: model.forward(x), types: net.modules.map((m) => m.type).join(' ') };
      model.dispose();
      return out;
    });
    const [a, b] = results;
    const what = `run ${run} (${a.types}; ${loss}; ${kind} ${JSON.stringify(options)}; ${JSON.stringify(fit)})`;
    assert.equal(a.losses.length, fit.steps);
    assertSame(a.losses, b.losses, `${what} losses`);
    for (const key of Object.keys(a.state)) assertSame(a.state[key], b.state[key], `${what} ${key}`);
    assertSame(a.y, b.y, `${what} outputs after training`);
  }
});
