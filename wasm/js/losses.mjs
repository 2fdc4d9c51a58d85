// F.<loss>(input, target) and F.<loss>.backward: the core's losses, named as in torch.nn.functional.
import { toFloat32 } from './memory.mjs';

/**
 * @param {object} ctx  the shared context: Module, memory, unwrap, catalog, lossIndex
 */
export function createLosses(ctx) {
  const { Module, memory, unwrap, catalog, lossIndex } = ctx;
  const { withStaged, readFloats } = memory;
  const losses = {};
  for (const l of catalog.losses) {
    const where = `F.${l.name}`;
    const prepare = (input, target) => {
      const y = toFloat32(input, where, 'input');
      const t = toFloat32(target, where, 'target');
      if (!y.length) throw new RangeError(`${where}: input is empty`);
      let n = y.length, c = 1;
      if (l.name === 'cross_entropy') {
        if (!t.length || y.length % t.length !== 0) throw new RangeError(`${where}: input [N, C] needs N class indices as target (got ${y.length} and ${t.length} values)`);
        n = t.length;
        c = y.length / t.length;
      } else if (t.length !== y.length) {
        throw new RangeError(`${where}: input has ${y.length} values but target has ${t.length}`);
      }
      return { y, t, n, c };
    };
    const fn = (input, target) => {
      const d = prepare(input, target);
      return withStaged(where, [d.y, d.t], (py, pt) => unwrap(where, Module.lossValue(lossIndex.get(l.name), py, pt, d.n, d.c, 0)));
    };
    fn.backward = (input, target) => {
      const d = prepare(input, target);
      return withStaged(where, [d.y, d.t, new Float32Array(d.y.length)], (py, pt, pg) => {
        unwrap(where, Module.lossValue(lossIndex.get(l.name), py, pt, d.n, d.c, pg));
        return readFloats(pg, d.y.length);
      });
    };
    Object.defineProperty(fn, 'name', { value: l.name });
    losses[l.name] = fn;
  }
  return losses;
}
