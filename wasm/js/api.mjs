// The friendly, PyTorch-shaped API over the Embind module, assembled from one file per concern:
// api-activations.mjs (registry, F.<activation>, names, build info, over memory.mjs's WASM memory),
// nn.mjs (modules, Sequential), optim.mjs, losses.mjs, pytorch.mjs (export), data.mjs (datasets,
// grid). Arguments are validated in JS and C++ error values become thrown Errors (C++ exceptions
// never cross into JS).
import { activationParts } from './api-activations.mjs';
import { createNn } from './nn.mjs';
import { createOptim } from './optim.mjs';
import { createLosses } from './losses.mjs';
import { createData } from './data.mjs';

/** Creates the API object around an instantiated Emscripten module. */
export function createApi(Module, options) {
  const { ctx, members } = activationParts(Module, options);
  ctx.lossIndex = new Map(ctx.catalog.losses.map((l, i) => [l.name, i]));
  ctx.initIndex = new Map(ctx.catalog.inits.map((d, i) => [d, i]));
  const nn = createNn(ctx);
  const { Optimizer, optim } = createOptim(ctx);
  ctx.Optimizer = Optimizer;
  const data = createData(ctx);

  return Object.freeze({
    ...members,
    /** Functional API: F.<activation>(x, ...) / .backward(x, gradOutput?, ...), and F.<loss>(input, target) / .backward. */
    F: Object.freeze({ ...members.F, ...createLosses(ctx) }),
    /** Modules: nn.Sequential(nn.Linear(2, 8), nn.ReLU(), ...), nn.fromJSON(json). */
    nn: Object.freeze(nn),
    /** Optimizers: optim.SGD(model.parameters(), {lr, momentum, ...}), optim.Adam(...). */
    optim: Object.freeze(optim),
    /** Seeded 2-D datasets: datasets.circle({n, noise, seed}) → {X, y}; datasets.features(X, names). */
    datasets: Object.freeze(data.datasets),
    /** Heatmaps: grid(model, {n, box, features}) → output and every module's values on an n×n grid. */
    grid: data.grid,
  });
}
