// A fixed set of computations run through the npm module in Node and in every engine (fixtures/module.html);
// the runner compares the results bit for bit. Both WASM builds are deterministic by design (own kernels
// with a fixed summation order, no engine Math.* in the numbers), so every engine must give Node's bits.
//
// Results are float32 bit patterns in hex. NaNs are written as "NaN": WebAssembly leaves a NaN's sign and
// payload to the engine (spec: NaN propagation is nondeterministic), so only "is NaN" is compared for them.

/** Float32 values (or an array of numbers) → one hex word per value, "NaN" for any NaN. */
export function bits(values) {
  const f = Float32Array.from(values);
  const u = new Uint32Array(f.buffer);
  return Array.from(u, (w, i) => (Number.isNaN(f[i]) ? 'NaN' : w.toString(16).padStart(8, '0'))).join(' ');
}

/** Inputs: a sweep over [-12, 12] plus the edges the registry's conventions are about. */
export function inputs() {
  const xs = [];
  for (let i = 0; i <= 240; i++) xs.push(-12 + i * 0.1);
  xs.push(0, -0, 1e-7, -1e-7, 1e-40, -1e-40, 0.5, -0.5, 3, -3, 20, -20, 88.7, -88.7, 89.5, -104, 1e30, -1e30, Infinity, -Infinity, NaN);
  return Float32Array.from(xs);
}

/** Every registry activation and its gradient (default parameters), the losses, and two seeded training runs. */
export function compute(ap) {
  const out = {};
  const x = inputs();
  const g = Float32Array.from(x, (_, i) => ((i % 7) - 3) * 0.375);  // a gradOutput that is not all ones
  for (const a of ap.listActivations()) {
    const params = Object.fromEntries(a.params.map((p) => [p.name, p.default]));
    if (a.kind === 'elementwise') {
      out[`${a.name}`] = bits(ap.F[a.name](x, params));
      out[`${a.name}.backward`] = bits(ap.F[a.name].backward(x, g, params));
    } else {
      const rows = Math.floor(x.length / 4);
      const opts = { ...params, shape: [rows, 4], dim: 1 };
      const xv = x.subarray(0, rows * 4).map((v) => (Number.isFinite(v) ? v : 1));  // a row with ±Inf is NaN by convention, kept out
      out[`${a.name}`] = bits(ap.F[a.name](xv, opts));
      out[`${a.name}.backward`] = bits(ap.F[a.name].backward(xv, g.subarray(0, rows * 4), opts));
    }
  }
  const p = Float32Array.from({ length: 64 }, (_, i) => 0.02 + (0.96 * i) / 63);
  const t = Float32Array.from({ length: 64 }, (_, i) => (i * 5) % 2);
  out.bce = bits([ap.F.binary_cross_entropy(p, t)]);
  out['bce.backward'] = bits(ap.F.binary_cross_entropy.backward(p, t));
  out.mse = bits([ap.F.mse_loss(p, t)]);

  const { nn, optim, datasets } = ap;
  const runs = [
    ['sgd-momentum', (m) => optim.SGD(m.parameters(), { lr: 0.1, momentum: 0.9 }), 'Tanh', 'xor'],
    ['adam', (m) => optim.Adam(m.parameters(), { lr: 0.01 }), 'ReLU', 'spiral'],
  ];
  for (const [name, makeOpt, act, set] of runs) {
    const data = datasets[set]({ n: 120, noise: 0.1, seed: 3 });
    const model = nn.Sequential.withOptions({ seed: 7, init: 'playground' },
      nn.Linear(2, 6), nn[act](), nn.Linear(6, 6), nn[act](), nn.Linear(6, 1), nn.Sigmoid());
    const losses = model.fit(data.X, data.y, { loss: 'binary_cross_entropy', optimizer: makeOpt(model), epochs: 5, batch_size: 8, shuffle: true, seed: 5 });
    out[`${name}.data`] = bits(data.X) + ' | ' + bits(data.y);
    out[`${name}.losses`] = bits(losses);
    for (const [k, v] of Object.entries(model.state_dict())) out[`${name}.${k}`] = bits(v);
    out[`${name}.forward`] = bits(model.forward(data.X));
    model.dispose();
  }
  return out;
}

/** Differences between two results, as readable lines (empty when bit-identical). */
export function diff(expected, actual) {
  const lines = [];
  for (const key of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
    if (expected[key] === actual[key]) continue;
    if (!(key in actual) || !(key in expected)) {
      lines.push(`${key}: only in ${key in actual ? 'the engine' : 'Node'}`);
      continue;
    }
    const e = expected[key].split(' '), a = actual[key].split(' ');
    const i = e.findIndex((w, j) => w !== a[j]);
    const n = e.filter((w, j) => w !== a[j]).length;
    lines.push(`${key}: ${n} of ${e.length} values differ, first at [${i}]: Node ${e[i]}, engine ${a[i]}`);
  }
  return lines;
}
