// CommonJS consumer, type-checked against dist/node.d.cts.
import ap = require('activation-playground');

async function main(): Promise<void> {
  const m = await ap.load({ simd: false });
  const y: Float32Array = m.F.sigmoid([0]);
  const simd: boolean = m.buildInfo().simd;
  console.log(y, simd);
}
void main();
