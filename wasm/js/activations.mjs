// The activation registry as JS sees it, PyTorch-style argument parsing, and F.<activation>.
import { checkOptions, describe, toFloat32 } from './memory.mjs';

/** A float32 value as the shortest decimal that rounds back to it (0.01f → 0.01, not 0.009999999776). */
export const shortFloat = (v) => {
  for (let p = 1; p <= 9; p++) {
    const s = Number(v.toPrecision(p));
    if (Math.fround(s) === Math.fround(v)) return s;
  }
  return v;
};

/**
 * @param {object} Module  the instantiated module
 * @param {object} memory  createMemory()'s result
 * @param {object} limits  the core's limits
 */
export function createActivations(Module, memory, limits) {
  const registry = Object.freeze(Module.listActivations().map((a) => Object.freeze({
    ...a,
    aliases: a.aliases ? a.aliases.split(',') : [],
    tolerance: Object.freeze({ ulp: a.tolerance.ulp, abs: shortFloat(a.tolerance.abs) }),
    params: Object.freeze(a.params.map((p) => {
      const choices = p.choices ? p.choices.split('|') : undefined;
      return Object.freeze({ ...p, default: choices ? choices[p.default] : shortFloat(p.default), ...(choices && { choices }) });
    })),
  })));
  const kernelPath = 1;  // the vector kernels (SIMD instructions in the SIMD build)
  const byName = new Map();
  for (const a of registry) {
    for (const n of [a.name, a.module, ...a.aliases]) byName.set(n, a);
  }

  /** Registry entry for a functional or module name; throws with the known names otherwise. */
  function activation(name, where = 'ap.activation') {
    const a = typeof name === 'string' ? byName.get(name) : undefined;
    if (!a) {
      throw new Error(`${where}: unknown activation ${JSON.stringify(name)} (known: ${registry.map((r) => r.name).join(', ')})`);
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
    checkOptions(where, options, [...allowed]);
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

  const { WasmBuffer, withStaged } = memory;
  const paramScratch = memory.alloc(8 * Float32Array.BYTES_PER_ELEMENT, 'load');

  function run(a, direction, x, gradOutput, rest) {
    const where = `F.${a.name}${direction === 'backward' ? '.backward' : ''}`;
    const xa = x instanceof WasmBuffer ? x : toFloat32(x, where, direction === 'backward' ? 'input' : 'x');
    const n = xa.length;
    if (n > limits.maxElements) {
      throw new RangeError(`${where}: ${n} elements is more than the limit of ${limits.maxElements}`);
    }
    const opt = readOptions(a, collectOptions(a, rest, where), n, where);
    const args = [xa];
    if (direction === 'backward' && gradOutput !== undefined && gradOutput !== null) {
      const ga = gradOutput instanceof WasmBuffer ? gradOutput : toFloat32(gradOutput, where, 'gradOutput');
      if (ga.length !== n) throw new RangeError(`${where}: gradOutput has ${ga.length} elements but the input has ${n}`);
      args.push(ga);
    }
    const out = opt.out;
    if (out !== undefined && !((out instanceof Float32Array || out instanceof WasmBuffer) && out.length === n)) {
      throw new TypeError(`${where}: option 'out' must be a Float32Array or ap.buffer of length ${n} (got ${describe(out)})`);
    }
    args.push(out instanceof WasmBuffer ? out : n);
    return withStaged(where, args, (...ptrs) => {
      const [xPtr, yPtr] = [ptrs[0], ptrs[ptrs.length - 1]];
      const gPtr = ptrs.length === 3 ? ptrs[1] : 0;
      memory.writeFloats(paramScratch, opt.params);
      const pPtr = a.params.length ? paramScratch : 0;
      const err = direction === 'forward'
        ? Module.forward(a.id, xPtr, yPtr, n, pPtr, opt.size, opt.stride, kernelPath)
        : Module.backward(a.id, xPtr, gPtr, yPtr, n, pPtr, opt.size, opt.stride, kernelPath);
      if (err instanceof Error) throw new Error(`${where}: ${err.message}`);
      if (out instanceof WasmBuffer) return out;
      if (out) {
        out.set(memory.viewFloats(yPtr, n));
        return out;
      }
      return memory.readFloats(yPtr, n);
    });
  }

  const F = {};
  for (const a of registry) {
    const fn = (x, ...rest) => run(a, 'forward', x, undefined, rest);
    fn.backward = (x, gradOutput, ...rest) => run(a, 'backward', x, gradOutput, rest);
    Object.defineProperty(fn, 'name', { value: a.name });
    F[a.name] = fn;
  }

  return { registry, activation, collectOptions, readOptions, F };
}
