// The friendly, PyTorch-shaped layer over the Embind module. Validates every argument in JS,
// moves data through WASM memory, and turns error values returned by C++ into thrown Errors
// (C++ exceptions never cross into JS). Everything it lists comes from the C++ registry.
import { createNn } from './nn.mjs';

const F32 = Float32Array.BYTES_PER_ELEMENT;
/** Alignment of every block this layer allocates in WASM memory: one cache line. */
const ALIGN = 64;
const alignUp = (bytes) => Math.ceil(bytes / ALIGN) * ALIGN;

function describe(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an Array of length ${v.length}`;
  if (ArrayBuffer.isView(v)) return `a ${v.constructor.name} of length ${v.length}`;
  return typeof v === 'object' ? `a ${v.constructor?.name ?? 'Object'}` : `${typeof v} ${String(v)}`;
}

/** Float32Array view of `x`, or a Float32Array copy of an array of numbers; throws TypeError otherwise. */
function toFloat32(x, where, what) {
  if (x && typeof x === 'object' && typeof x.ptr === 'number' && typeof x.toArray === 'function') {
    throw new TypeError(`${where}: ${what} is a buffer of another module instance; use that instance's F`);
  }
  if (x instanceof Float32Array) return x;
  if (Array.isArray(x) || (ArrayBuffer.isView(x) && !(x instanceof DataView))) {
    for (let i = 0; i < x.length; i++) {
      const v = x[i];
      if (typeof v !== 'number') {
        throw new TypeError(`${where}: ${what}[${i}] must be a number (got ${describe(v)})`);
      }
    }
    return Float32Array.from(x, Number);
  }
  throw new TypeError(`${where}: ${what} must be a Float32Array or an array of numbers (got ${describe(x)})`);
}

/** Creates the API object around an instantiated Emscripten module. */
/** A float32 value as the shortest decimal that rounds back to it (0.01f → 0.01, not 0.009999999776). */
const shortFloat = (v) => {
  for (let p = 1; p <= 9; p++) {
    const s = Number(v.toPrecision(p));
    if (Math.fround(s) === Math.fround(v)) return s;
  }
  return v;
};

export function createApi(Module, { variant }) {
  const registry = Object.freeze(Module.listActivations().map((a) => Object.freeze({
    ...a,
    aliases: a.aliases ? a.aliases.split(',') : [],
    tolerance: Object.freeze({ ulp: a.tolerance.ulp, abs: shortFloat(a.tolerance.abs) }),
    params: Object.freeze(a.params.map((p) => {
      const choices = p.choices ? p.choices.split('|') : undefined;
      return Object.freeze({ ...p, default: choices ? choices[p.default] : shortFloat(p.default), ...(choices && { choices }) });
    })),
  })));
  const built = Module.buildInfo();
  const info = Object.freeze({ ...built, variant, defaults: Object.freeze(Object.fromEntries(Object.entries(built.defaults).map(([k, v]) => [k, shortFloat(v)]))) });
  const limits = info.limits;
  const kernelPath = 1;  // the vector kernels (SIMD instructions in the SIMD build)
  const byName = new Map();
  for (const a of registry) {
    for (const n of [a.name, a.module, ...a.aliases]) byName.set(n, a);
  }

  /** Registry entry for a functional or module name; throws with the known names otherwise. */
  function activation(name) {
    const a = typeof name === 'string' ? byName.get(name) : undefined;
    if (!a) {
      throw new Error(`unknown activation ${JSON.stringify(name)} (known: ${registry.map((r) => r.name).join(', ')})`);
    }
    return a;
  }

  /**
   * PyTorch-style arguments after the input: positional parameter values in registry order
   * (F.threshold(x, 0.5, -1), F.gelu(x, 'tanh')) and/or one options object last.
   */
  function collectOptions(a, rest, where) {
    let options = {};
    if (rest.length && rest[rest.length - 1] !== null && typeof rest[rest.length - 1] === 'object' &&
        !ArrayBuffer.isView(rest[rest.length - 1])) {
      options = rest[rest.length - 1];
      rest = rest.slice(0, -1);
    } else if (rest.length && (rest[rest.length - 1] === undefined || rest[rest.length - 1] === null)) {
      rest = rest.slice(0, -1);
    }
    if (Array.isArray(options)) throw new TypeError(`${where}: options must be an object (got ${describe(options)})`);
    if (rest.length > a.params.length) {
      throw new TypeError(a.params.length
        ? `${where}: takes at most ${a.params.length} positional parameter(s) (${a.params.map((p) => p.name).join(', ')}), got ${rest.length}`
        : `${where}: takes no positional parameter`);
    }
    const merged = { ...options };
    rest.forEach((v, k) => {
      const name = a.params[k].name;
      if (name in options) throw new TypeError(`${where}: '${name}' given both positionally and as an option`);
      merged[name] = v;
    });
    return merged;
  }

  /** Numeric parameters (in registry order) and the vector layout from user options. */
  function readOptions(a, options, n, where) {
    const allowed = new Set(a.params.map((p) => p.name));
    allowed.add('out');
    if (a.kind === 'vector') ['dim', 'shape'].forEach((k) => allowed.add(k));
    for (const key of Object.keys(options)) {
      if (!allowed.has(key)) {
        throw new TypeError(`${where}: unknown option '${key}' (allowed: ${[...allowed].join(', ')})`);
      }
    }
    const params = a.params.map((p) => {
      if (p.required && options[p.name] === undefined) {
        throw new TypeError(`${where}: parameter '${p.name}' is required (as in PyTorch)`);
      }
      const v = options[p.name] ?? p.default;
      if (p.choices) {
        const k = p.choices.indexOf(v);
        if (k < 0) throw new TypeError(`${where}: '${p.name}' must be one of ${p.choices.map((c) => `'${c}'`).join(', ')} (got ${describe(v)})`);
        return k;
      }
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new TypeError(`${where}: '${p.name}' must be a finite number (got ${describe(v)})`);
      }
      return v;
    });
    let size = 1, stride = 1;
    if (a.kind === 'vector') {
      const shape = options.shape ?? [n];
      if (!Array.isArray(shape) || shape.length < 1 || !shape.every((d) => Number.isInteger(d) && d >= 0)) {
        throw new TypeError(`${where}: option 'shape' must be an array of non-negative integers (got ${JSON.stringify(shape)})`);
      }
      if (shape.reduce((p, d) => p * d, 1) !== n) {
        throw new RangeError(`${where}: shape ${JSON.stringify(shape)} does not match the input's ${n} elements`);
      }
      const dim = options.dim ?? -1;
      if (!Number.isInteger(dim) || dim < -shape.length || dim >= shape.length) {
        throw new RangeError(`${where}: option 'dim' must be an integer in [${-shape.length}, ${shape.length - 1}] for shape ${JSON.stringify(shape)} (got ${String(dim)})`);
      }
      const d = dim < 0 ? dim + shape.length : dim;
      size = shape[d];
      stride = shape.slice(d + 1).reduce((p, k) => p * k, 1);
    }
    return { params, size, stride, out: options.out };
  }

  /**
   * Cache-line-aligned malloc that throws a RangeError instead of returning 0. (Plain malloc here
   * aligns to 8 bytes, which splits 16-byte vector loads and stores across cache lines.)
   */
  function alloc(bytes, where) {
    const p = Module._memalign(ALIGN, Math.max(bytes, F32));
    if (!p) throw new RangeError(`${where}: could not allocate ${bytes} bytes of WASM memory`);
    return p;
  }

  const freeOnCollect = typeof FinalizationRegistry === 'function' ? new FinalizationRegistry((ptr) => Module._free(ptr)) : null;

  /**
   * n float32s in WASM memory. `array` is a fresh Float32Array view at every access (memory growth
   * replaces the underlying buffer, which would leave an old view empty). Passing a WasmBuffer as
   * input, gradOutput or `out` to F functions copies nothing.
   */
  class WasmBuffer {
    #ptr;
    #length;
    constructor(length) {
      if (!Number.isInteger(length) || length < 0 || length > limits.maxElements) {
        throw new RangeError(`buffer: length must be an integer in [0, ${limits.maxElements}] (got ${String(length)})`);
      }
      this.#ptr = alloc(length * F32, 'buffer');
      this.#length = length;
      freeOnCollect?.register(this, this.#ptr, this);
    }
    /** Byte offset in WASM memory; throws after dispose(). */
    get ptr() {
      if (!this.#ptr) throw new Error('buffer: used after dispose()');
      return this.#ptr;
    }
    get length() {
      return this.#length;
    }
    /** A Float32Array view of the buffer, valid until the next call that may grow WASM memory. */
    get array() {
      return new Float32Array(Module.HEAPF32.buffer, this.ptr, this.#length);
    }
    /** Copies values in (a Float32Array or an array of numbers of the same length). */
    set(values) {
      const v = toFloat32(values, 'buffer.set', 'values');
      if (v.length !== this.#length) throw new RangeError(`buffer.set: got ${v.length} values for a buffer of ${this.#length}`);
      this.array.set(v);
      return this;
    }
    /** A copy as an ordinary Float32Array. */
    toArray() {
      return this.array.slice();
    }
    /** Frees the WASM memory; the buffer cannot be used afterwards. Safe to call twice. */
    dispose() {
      if (!this.#ptr) return;
      freeOnCollect?.unregister(this);
      Module._free(this.#ptr);
      this.#ptr = 0;
    }
  }

  const paramScratch = alloc(8 * F32, 'load');

  /** Pointer and length of an argument: a WasmBuffer as is, anything else staged into `staging`. */
  function stage(value, where, what, staging) {
    if (value instanceof WasmBuffer) return { ptr: value.ptr, length: value.length };
    const data = toFloat32(value, where, what);
    staging.push(data);
    return { data, length: data.length };
  }

  function run(a, direction, x, gradOutput, rest) {
    const where = `F.${a.name}${direction === 'backward' ? '.backward' : ''}`;
    const staging = [];
    const xa = stage(x, where, direction === 'backward' ? 'input' : 'x', staging);
    const n = xa.length;
    if (n > limits.maxElements) {
      throw new RangeError(`${where}: ${n} elements is more than the limit of ${limits.maxElements}`);
    }
    const opt = readOptions(a, collectOptions(a, rest, where), n, where);
    let ga = null;
    if (direction === 'backward' && gradOutput !== undefined && gradOutput !== null) {
      ga = stage(gradOutput, where, 'gradOutput', staging);
      if (ga.length !== n) throw new RangeError(`${where}: gradOutput has ${ga.length} elements but the input has ${n}`);
    }
    const out = opt.out;
    if (out !== undefined && !((out instanceof Float32Array || out instanceof WasmBuffer) && out.length === n)) {
      throw new TypeError(`${where}: option 'out' must be a Float32Array or ap.buffer of length ${n} (got ${describe(out)})`);
    }
    const outPtr = out instanceof WasmBuffer ? out.ptr : 0;
    // Everything that is not already in WASM memory goes into one block (inputs, then the result).
    const segment = alignUp(n * F32);  // each array starts on a cache line
    const stagedBytes = ((xa.data ? 1 : 0) + (ga?.data ? 1 : 0) + (outPtr ? 0 : 1)) * segment;
    const block = stagedBytes ? alloc(stagedBytes, where) : 0;
    try {
      let next = block;
      const place = (arg) => {
        if (!arg.data) return arg.ptr;
        const p = next;
        next += segment;
        Module.HEAPF32.set(arg.data, p >> 2);  // HEAPF32 read afresh: alloc may have grown memory
        return p;
      };
      const xPtr = place(xa);
      const gPtr = ga ? place(ga) : 0;
      const yPtr = outPtr || next;
      Module.HEAPF32.set(opt.params, paramScratch >> 2);
      const pPtr = a.params.length ? paramScratch : 0;
      const err = direction === 'forward'
        ? Module.forward(a.id, xPtr, yPtr, n, pPtr, opt.size, opt.stride, kernelPath)
        : Module.backward(a.id, xPtr, gPtr, yPtr, n, pPtr, opt.size, opt.stride, kernelPath);
      if (err instanceof Error) throw new Error(`${where}: ${err.message}`);
      if (outPtr) return out;
      const view = Module.HEAPF32.subarray(yPtr >> 2, (yPtr >> 2) + n);
      if (out) {
        out.set(view);
        return out;
      }
      return view.slice();
    } finally {
      if (block) Module._free(block);
    }
  }

  const nnApi = createNn({ Module, registry, activation, collectOptions, readOptions, toFloat32, describe, alloc, alignUp, WasmBuffer, limits });
  const F = {};
  for (const a of registry) {
    const fn = (x, ...rest) => run(a, 'forward', x, undefined, rest);
    fn.backward = (x, gradOutput, ...rest) => run(a, 'backward', x, gradOutput, rest);
    Object.defineProperty(fn, 'name', { value: a.name });
    F[a.name] = fn;
  }
  Object.assign(F, nnApi.losses);
  Object.freeze(F);

  return Object.freeze({
    /** Functional API: F.<activation>(x, ...) / .backward(x, gradOutput?, ...), and F.<loss>(input, target) / .backward. */
    F,
    /** Modules: nn.Sequential(nn.Linear(2, 8), nn.ReLU(), ...), nn.fromJSON(json). */
    nn: Object.freeze(nnApi.nn),
    /** Optimizers: optim.SGD(model.parameters(), {lr, momentum, ...}), optim.Adam(...). */
    optim: Object.freeze(nnApi.optim),
    /** Seeded 2-D datasets: datasets.circle({n, noise, seed}) → {X, y}; datasets.features(X, names). */
    datasets: Object.freeze(nnApi.datasets),
    /** Heatmaps: grid(model, {n, box, features}) → output and every module's values on an n×n grid. */
    grid: nnApi.grid,
    /** Names the core knows: losses and input features. */
    losses: () => [...nnApi.lossNames],
    features: () => [...nnApi.featureNames],
    /** Initialisation schemes: pytorch, xavier, kaiming, playground, zeros. */
    inits: () => [...nnApi.inits],
    /** The activation registry: names, module class names, parameters with defaults, formulas. */
    listActivations: () => registry,
    /** Registry entry for a name (functional or module class name); throws for unknown names. */
    activation,
    /** Which build runs (simd true/false, isa, variant) and the core's limits. */
    buildInfo: () => info,
    /** n float32s in WASM memory: pass it to F functions (as input or `out`) to copy nothing. */
    buffer: (n) => new WasmBuffer(n),
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
