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
// @ts-expect-error no such activation
ap.F.swoosh(y);
const names: string[] = ap.listActivations().map((a: ActivationInfo) => a.name);
const simd: boolean = ap.buildInfo().simd;
console.log(y, g, s, z, names, simd);
// @ts-expect-error options must not be a boolean
ap.F.relu(y, true);
// @ts-expect-error load takes an options object
await load(42);
