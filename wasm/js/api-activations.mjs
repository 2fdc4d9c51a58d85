// The part of the API that needs only the activations' bindings (wasm/bindings.cpp and
// bindings_catalog.cpp): F's activations, the registry, the core's name tables, build info and WASM
// memory. api.mjs adds the MLP engine to it; the page's first, activations-only module uses it alone.
import { createMemory } from './memory.mjs';
import { createActivations, shortFloat } from './activations.mjs';
import { torchCode } from './pytorch.mjs';

/** The members every API object has, and the context the engine's parts (nn, optim, losses, data) build on. */
export function activationParts(Module, { variant }) {
  const built = Module.buildInfo();
  const info = Object.freeze({ ...built, variant, defaults: Object.freeze(Object.fromEntries(Object.entries(built.defaults).map(([k, v]) => [k, shortFloat(v)]))) });
  const limits = info.limits;
  const memory = createMemory(Module, limits);
  const { registry, activation, collectOptions, readOptions, F } = createActivations(Module, memory, limits);
  const catalog = Module.catalog();
  const unwrap = (where, r) => {
    if (r instanceof Error) throw new Error(`${where}: ${r.message}`);
    return r;
  };
  const ctx = { Module, memory, unwrap, catalog, registry, activation, collectOptions, readOptions, limits };
  const members = {
    /** Functional API: F.<activation>(x, ...) / .backward(x, gradOutput?, ...) (the full API adds F.<loss>). */
    F,
    /** Seeded 2-D datasets: list() names them (the full API adds the generators). */
    datasets: { list: () => catalog.datasets.map((d) => ({ ...d })) },
    /** Names the core knows: losses and input features. */
    losses: () => catalog.losses.map((l) => l.name),
    features: () => [...catalog.features],
    /** Initialisation schemes: pytorch, xavier, kaiming, playground, zeros. */
    inits: () => [...catalog.inits],
    /** The activation registry: names, module class names, parameters with defaults, formulas. */
    listActivations: () => registry,
    /** Registry entry for a name (functional or module class name); throws for unknown names. */
    activation,
    /** How PyTorch writes an activation applied to x: { functional, module }, with these parameters (defaults otherwise). */
    pytorchCode: (name, params = {}, { dim = 1 } = {}) => torchCode(activation(name, 'ap.pytorchCode'), params, { dim }),
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
      id: (name) => activation(name, 'ap._core.id').id,
    }),
  };
  return { ctx, members };
}

/** The activations-only API over a module built without the MLP engine (the page's first view). */
export function createActivationsApi(Module, options) {
  const { members } = activationParts(Module, options);
  return Object.freeze({ ...members, F: Object.freeze(members.F), datasets: Object.freeze(members.datasets) });
}
