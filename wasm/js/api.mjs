// The friendly, PyTorch-shaped layer over the Embind module. Validates every argument in JS,
// moves data through WASM memory, and turns error values returned by C++ into thrown Errors
// (C++ exceptions never cross into JS). Everything it lists comes from the C++ registry.

const F32 = Float32Array.BYTES_PER_ELEMENT;

function describe(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an Array of length ${v.length}`;
  if (ArrayBuffer.isView(v)) return `a ${v.constructor.name}`;
  return typeof v === 'object' ? `a ${v.constructor?.name ?? 'Object'}` : `${typeof v} ${String(v)}`;
}

/** Float32Array view of `x`, or a Float32Array copy of an array of numbers; throws TypeError otherwise. */
function toFloat32(x, where, what) {
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
export function createApi(Module, { variant }) {
  const registry = Object.freeze(Module.listActivations().map((a) => Object.freeze({
    ...a,
    aliases: a.aliases ? a.aliases.split(',') : [],
    params: Object.freeze(a.params.map((p) => {
      const choices = p.choices ? p.choices.split('|') : undefined;
      return Object.freeze({ ...p, default: choices ? choices[p.default] : p.default, ...(choices && { choices }) });
    })),
  })));
  const info = Object.freeze({ ...Module.buildInfo(), variant });
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

  /** malloc that throws a RangeError instead of returning 0. */
  function alloc(bytes, where) {
    const p = Module._malloc(Math.max(bytes, F32));
    if (!p) throw new RangeError(`${where}: could not allocate ${bytes} bytes of WASM memory`);
    return p;
  }

  function run(a, direction, x, gradOutput, rest) {
    const where = `F.${a.name}${direction === 'backward' ? '.backward' : ''}`;
    const xs = toFloat32(x, where, direction === 'backward' ? 'input' : 'x');
    const n = xs.length;
    if (n > limits.maxElements) {
      throw new RangeError(`${where}: ${n} elements is more than the limit of ${limits.maxElements}`);
    }
    const opt = readOptions(a, collectOptions(a, rest, where), n, where);
    let gs = null;
    if (direction === 'backward' && gradOutput !== undefined && gradOutput !== null) {
      gs = toFloat32(gradOutput, where, 'gradOutput');
      if (gs.length !== n) {
        throw new RangeError(`${where}: gradOutput has ${gs.length} elements but the input has ${n}`);
      }
    }
    if (opt.out !== undefined && !(opt.out instanceof Float32Array && opt.out.length === n)) {
      throw new TypeError(`${where}: option 'out' must be a Float32Array of length ${n} (got ${describe(opt.out)})`);
    }
    // One block: params | x | gradOutput | result. HEAPF32 is read afresh after malloc (growth detaches views).
    const np = a.params.length;
    const block = alloc((np + n * (gs ? 3 : 2)) * F32, where);
    try {
      const pPtr = block, xPtr = block + np * F32, gPtr = xPtr + n * F32, yPtr = gs ? gPtr + n * F32 : gPtr;
      const heap = Module.HEAPF32;
      heap.set(opt.params, pPtr >> 2);
      heap.set(xs, xPtr >> 2);
      if (gs) heap.set(gs, gPtr >> 2);
      const err = direction === 'forward'
        ? Module.forward(a.id, xPtr, yPtr, n, np ? pPtr : 0, opt.size, opt.stride, kernelPath)
        : Module.backward(a.id, xPtr, gs ? gPtr : 0, yPtr, n, np ? pPtr : 0, opt.size, opt.stride, kernelPath);
      if (err instanceof Error) throw new Error(`${where}: ${err.message}`);
      const view = Module.HEAPF32.subarray(yPtr >> 2, (yPtr >> 2) + n);
      if (opt.out) {
        opt.out.set(view);
        return opt.out;
      }
      return view.slice();
    } finally {
      Module._free(block);
    }
  }

  const F = {};
  for (const a of registry) {
    const fn = (x, ...rest) => run(a, 'forward', x, undefined, rest);
    fn.backward = (x, gradOutput, ...rest) => run(a, 'backward', x, gradOutput, rest);
    Object.defineProperty(fn, 'name', { value: a.name });
    F[a.name] = fn;
  }
  Object.freeze(F);

  return Object.freeze({
    /** Functional API: F.<name>(x, options?) and F.<name>.backward(x, gradOutput?, options?). */
    F,
    /** The activation registry: names, module class names, parameters with defaults, formulas. */
    listActivations: () => registry,
    /** Registry entry for a name (functional or module class name); throws for unknown names. */
    activation,
    /** Which build runs (simd true/false, isa, variant) and the core's limits. */
    buildInfo: () => info,
    /** WASM memory in use: malloc'd bytes, the stack pointer and the memory size (for leak checks). */
    memoryStats: () => ({ ...Module.memoryStats(), memoryBytes: Module.HEAPU8.length }),
    /** The raw Embind module, whose functions return Error values instead of throwing (for tests). */
    _core: Object.freeze({
      forward: (...args) => {
        const r = Module.forward(...args);
        if (r instanceof Error) throw r;
        return r;
      },
    }),
  });
}
