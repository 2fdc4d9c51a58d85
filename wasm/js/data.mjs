// Seeded 2-D datasets (datasets.circle, ...), input features, and heatmap grids.
import { checkBoolean, checkOptions, describe } from './memory.mjs';

/**
 * @param {object} ctx  the shared context: Module, memory, unwrap, catalog, activation, Sequential
 */
export function createData(ctx) {
  const { Module, memory, unwrap, catalog, activation } = ctx;
  const { matrix, withStaged, readFloats, viewFloats } = memory;
  const datasetIndex = new Map(catalog.datasets.map((d, i) => [d.name, i]));
  const featureNames = catalog.features;
  /** Feature names → their indices, in the caller's order (repeats kept); undefined → the core's default (x1, x2). */
  function featureIds(features, where) {
    if (features === undefined) return undefined;
    if (!Array.isArray(features) || !features.length) throw new TypeError(`${where}: features must be a non-empty array of ${featureNames.join(', ')}`);
    return features.map((f) => {
      const k = featureNames.indexOf(f);
      if (k < 0) throw new TypeError(`${where}: unknown feature ${JSON.stringify(f)} (known: ${featureNames.join(', ')})`);
      return k;
    });
  }
  const datasets = { list: () => catalog.datasets.map((d) => ({ ...d })) };
  for (const d of catalog.datasets) {
    datasets[d.name] = (options = {}) => {
      const where = `datasets.${d.name}`;
      checkOptions(where, options, ['n', 'noise', 'seed', 'classes', 'function']);
      const o = { ...options };
      if (o.function !== undefined) {
        try {
          o.function = activation(o.function, `${where}: 'function'`).id;
        } catch (e) {
          throw new TypeError(e.message);
        }
      }
      const r = unwrap(where, Module.makeDataset(datasetIndex.get(d.name), o));
      return { X: r.x, y: r.y, n: r.n, classes: r.classes, task: d.task };
    };
  }
  /**
   * Input features of 2-D points, columns in the order given (a name may repeat):
   * features(X, ['x1', 'x2', 'sin_x1']) → Float32Array [n, 3]; without names, x1 and x2.
   */
  datasets.features = (points, features) => {
    const where = 'datasets.features';
    const ids = featureIds(features, where);
    const p = matrix(points, where, 'points');
    if (p.length % 2) throw new RangeError(`${where}: points must be [n, 2]`);
    const n = p.length / 2, k = ids ? ids.length : 2;
    return withStaged(where, [p, n * k], (pp, po) => {
      unwrap(where, Module.applyFeatures(pp, n, ids, po));
      return readFloats(po, n * k);
    });
  };

  /**
   * The network on an n×n grid over box [x0, x1, y0, y1] (image order: top row is y1), after the
   * given input features: { n, box, points, output, modules: [{module, width, values}] }. `points`
   * holds the grid's x plane then its y plane ([2, n²]: both box edges are sampled). Values are one n×n image
   * per neuron (feature-major: values[j·n² + p] is neuron j at point p), output likewise [out, n²].
   * With { copy: false } the arrays are views into WASM memory, valid until the next grid() of the
   * same model and only until WASM memory grows: any call that allocates (a new model, a larger batch,
   * a dataset, ap.buffer) may grow it, and a view of the old memory is then empty (length 0). Read
   * them before the next such call, or keep the default copies.
   */
  function grid(model, options) {
    const where = 'grid';
    const { n = 100, box = [-6, 6, -6, 6], features, copy = true } = checkOptions(where, options, ['n', 'box', 'features', 'copy']);
    checkBoolean(where, 'copy', copy);
    if (!(model instanceof ctx.Sequential)) throw new TypeError(`${where}: the first argument must be a model from nn.Sequential`);
    if (typeof n !== 'number') throw new TypeError(`${where}: 'n' must be a number (got ${describe(n)})`);  // the core checks its range
    if (!Array.isArray(box) || box.length !== 4 || !box.every(Number.isFinite)) throw new TypeError(`${where}: box must be [x0, x1, y0, y1]`);
    const r = unwrap(where, Module.sessionGrid(model._check(where), n, box[0], box[1], box[2], box[3], featureIds(features, where)));
    const view = (m) => (copy ? readFloats(m.ptr, n * n * m.width) : viewFloats(m.ptr, n * n * m.width));
    const modules = r.modules.map((m) => ({ module: m.module, width: m.width, values: view(m) }));
    return { n, box: [...box], points: view({ ptr: r.points, width: 2 }), output: modules[modules.length - 1].values, modules };
  }

  return { datasets, grid, featureNames: [...featureNames] };
}
