// F.<loss>(input, target) and F.<loss>.backward: the core's losses, named as in torch.nn.functional.
import { checkOptions, describe, toFloat32 } from './memory.mjs';

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
    // The core checks the reduction's name; 'none' gives one loss per element (per row for cross_entropy).
    const run = (input, target, options, backward) => {
      const { reduction = 'mean' } = checkOptions(where, options, ['reduction']);
      if (typeof reduction !== 'string') throw new TypeError(`${where}: reduction must be 'mean', 'sum' or 'none' (got ${describe(reduction)})`);
      const d = prepare(input, target);
      const count = l.name === 'cross_entropy' ? d.n : d.y.length;
      const grad = backward ? new Float32Array(d.y.length) : null;
      const elements = reduction === 'none' ? new Float32Array(count) : null;
      return withStaged(where, [d.y, d.t, ...(grad ? [grad] : []), ...(elements ? [elements] : [])], (py, pt, ...rest) => {
        const pg = grad ? rest.shift() : 0, pe = elements ? rest.shift() : 0;
        const value = unwrap(where, Module.lossValue(lossIndex.get(l.name), reduction, py, pt, d.n, d.c, pg, pe));
        if (backward) return readFloats(pg, d.y.length);
        return elements ? readFloats(pe, count) : value;
      });
    };
    /** The loss: a number for reduction 'mean' (default) or 'sum', a Float32Array for 'none'. */
    const fn = (input, target, options) => run(input, target, options, false);
    /** d loss / d input (for reduction 'none': of the sum of the elements, i.e. a grad_output of ones). */
    fn.backward = (input, target, options) => run(input, target, options, true);
    Object.defineProperty(fn, 'name', { value: l.name });
    losses[l.name] = fn;
  }
  return losses;
}
