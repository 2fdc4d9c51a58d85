// The friendly, PyTorch-shaped API over the Embind module, assembled from one file per concern:
// memory.mjs (WASM memory, ap.buffer), activations.mjs (registry, F.<activation>), nn.mjs (modules,
// Sequential), optim.mjs, losses.mjs, pytorch.mjs (export), data.mjs (datasets, grid). Arguments are
// validated in JS and C++ error values become thrown Errors (C++ exceptions never cross into JS).
import { createMemory } from './memory.mjs';
import { createActivations, shortFloat } from './activations.mjs';
import { createNn } from './nn.mjs';
import { createOptim } from './optim.mjs';
import { createLosses } from './losses.mjs';
import { createData } from './data.mjs';

/** Creates the API object around an instantiated Emscripten module. */
export function createApi(Module, { variant }) {
  const built = Module.buildInfo();
  const info = Object.freeze({ ...built, variant, defaults: Object.freeze(Object.fromEntries(Object.entries(built.defaults).map(([k, v]) => [k, shortFloat(v)]))) });
  const limits = info.limits;
  const memory = createMemory(Module, limits);
  const { registry, activation, collectOptions, readOptions, F: activations } = createActivations(Module, memory, limits);
  const catalog = Module.catalog();
  const unwrap = (where, r) => {
    if (r instanceof Error) throw new Error(`${where}: ${r.message}`);
    return r;
  };
  const ctx = {
    Module, memory, unwrap, catalog, registry, activation, collectOptions, readOptions, limits,
    lossIndex: new Map(catalog.losses.map((l, i) => [l.name, i])),
    initIndex: new Map(catalog.inits.map((d, i) => [d, i])),
  };
  const nn = createNn(ctx);
  const { Optimizer, optim } = createOptim(ctx);
  ctx.Optimizer = Optimizer;
  const data = createData(ctx);
  const F = Object.freeze({ ...activations, ...createLosses(ctx) });

  return Object.freeze({
    /** Functional API: F.<activation>(x, ...) / .backward(x, gradOutput?, ...), and F.<loss>(input, target) / .backward. */
    F,
    /** Modules: nn.Sequential(nn.Linear(2, 8), nn.ReLU(), ...), nn.fromJSON(json). */
    nn: Object.freeze(nn),
    /** Optimizers: optim.SGD(model.parameters(), {lr, momentum, ...}), optim.Adam(...). */
    optim: Object.freeze(optim),
    /** Seeded 2-D datasets: datasets.circle({n, noise, seed}) → {X, y}; datasets.features(X, names). */
    datasets: Object.freeze(data.datasets),
    /** Heatmaps: grid(model, {n, box, features}) → output and every module's values on an n×n grid. */
    grid: data.grid,
    /** Names the core knows: losses and input features. */
    losses: () => catalog.losses.map((l) => l.name),
    features: () => [...data.featureNames],
    /** Initialisation schemes: pytorch, xavier, kaiming, playground, zeros. */
    inits: () => [...catalog.inits],
    /** The activation registry: names, module class names, parameters with defaults, formulas. */
    listActivations: () => registry,
    /** Registry entry for a name (functional or module class name); throws for unknown names. */
    activation,
    /** Which build runs (simd true/false, isa, variant) and the core's limits. */
    buildInfo: () => info,
    /** n float32s in WASM memory: pass it to F functions (as input or `out`) to copy nothing. */
    buffer: (n) => new memory.WasmBuffer(n),
    /** WASM memory in use: malloc'd bytes, the stack pointer and the memory size (for leak checks). */
    memoryStats: () => ({ ...Module.memoryStats(), memoryBytes: Module.HEAPU8.length }),
    /** The raw Embind module, whose functions return Error values instead of throwing (for tests). */
    _core: Object.freeze({
      forward: (...args) => {
        const r = Module.forward(...args);
        if (r instanceof Error) throw r;
        return r;
      },
      copyFloats: (dst, src, n) => Module.copyFloats(dst.ptr, src.ptr, n),
      peakMadd: (iterations) => Module.peakMadd(iterations),
      id: (name) => activation(name).id,
    }),
  });
}
