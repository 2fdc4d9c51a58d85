// Example consumer code, type-checked with tsc --strict against dist/index.d.ts.
import { load, simdSupported, type ActivationInfo } from 'activation-playground';

const ap = await load({ simd: simdSupported() });
const y: Float32Array = ap.F.relu(new Float32Array([-1, 2]));
const g: Float32Array = ap.F.leaky_relu.backward([1, -1], null, { negative_slope: 0.2 });
const s: Float32Array = ap.F.softmax([1, 2, 3, 4], { shape: [2, 2], dim: 1 });
const z: Float32Array = ap.F.leaky_relu(y, 0.1);
const t: Float32Array = ap.F.threshold(y, 0.5, -1);
const ge: Float32Array = ap.F.gelu(y, 'tanh');
const ls: Float32Array = ap.F.log_softmax(y, { dim: 0 });
console.log(t, ge, ls);
const { nn, optim, datasets } = ap;
const data = datasets.circle({ n: 100, noise: 0.1, seed: 1 });
const model = nn.Sequential(nn.Linear(2, 8), nn.ReLU(), nn.Linear(8, 1), nn.LeakyReLU({ negative_slope: 0.2 }));
const opt = optim.SGD(model.parameters(), { lr: 0.1, momentum: 0.9 });
const losses: Float32Array = model.fit(data.X, data.y, { loss: 'binary_cross_entropy_with_logits', optimizer: opt, epochs: 5, batch_size: 10 });
const acc: number = model.evaluate(data.X, data.y, { loss: 'binary_cross_entropy_with_logits' }).accuracy;
const sd: Record<string, Float32Array> = model.state_dict();
const heat = ap.grid(model, { n: 50 });
const mse: number = ap.F.mse_loss([1], [0]);
const perElement: Float32Array = ap.F.mse_loss([1, 2], [0, 0], { reduction: 'none' });
const summed: number = ap.F.cross_entropy([1, 2], [1], { reduction: 'sum' });
const buf = ap.buffer(4);
ap.F.relu(buf, { out: buf });
console.log(losses, acc, sd, heat.output, mse, perElement, summed, model.toPyTorch({ style: 'functional' }));
buf.dispose();
model.dispose();
// @ts-expect-error unknown loss name
model.fit(data.X, data.y, { loss: 'hinge', optimizer: opt, steps: 1 });
// @ts-expect-error not a reduction
ap.F.mse_loss([1], [0], { reduction: 'nope' });
// @ts-expect-error no such activation
ap.F.swoosh(y);
const names: string[] = ap.listActivations().map((a: ActivationInfo) => a.name);
const ranges: string[] = ap.listActivations().map((a) => `${a.range} within ${a.tolerance.ulp} ulp or ${a.tolerance.abs}`);
// @ts-expect-error the registry is read-only
ap.listActivations()[0].tolerance.ulp = 8;
const simd: boolean = ap.buildInfo().simd;
console.log(y, g, s, z, names, ranges, simd);
// @ts-expect-error options must not be a boolean
ap.F.relu(y, true);
// @ts-expect-error load takes an options object
await load(42);
