// WASM memory for every part of the JS layer: argument checks for numeric arrays, cache-line-aligned
// allocation, staging of arguments into one block per call, and ap.buffer (WasmBuffer).

const F32 = Float32Array.BYTES_PER_ELEMENT;
/** Alignment of every block this layer allocates in WASM memory: one cache line. */
const ALIGN = 64;
const alignUp = (bytes) => Math.ceil(bytes / ALIGN) * ALIGN;

/** A value as an error message names it: 'an Array of length 3', 'string abc'. */
export function describe(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an Array of length ${v.length}`;
  if (ArrayBuffer.isView(v)) return `a ${v.constructor.name} of length ${v.length}`;
  return typeof v === 'object' ? `a ${v.constructor?.name ?? 'Object'}` : `${typeof v} ${String(v)}`;
}

/**
 * Checks an options object: a plain object (undefined counts as {}) whose every key is one of
 * `accepted`; throws a TypeError naming the function, the unknown key and the accepted ones.
 * Returns the object.
 */
export function checkOptions(where, options, accepted) {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options) || ArrayBuffer.isView(options)) {
    throw new TypeError(`${where}: options must be an object (got ${describe(options)})`);
  }
  for (const key of Object.keys(options)) {
    if (!accepted.includes(key)) throw new TypeError(`${where}: unknown option '${key}' (accepted: ${accepted.join(', ')})`);
  }
  return options;
}

/** An optional boolean option: undefined or true or false, else a TypeError naming it. */
export function checkBoolean(where, name, value) {
  if (value !== undefined && typeof value !== 'boolean') throw new TypeError(`${where}: '${name}' must be true or false (got ${describe(value)})`);
  return value;
}

/** Float32Array view of `x`, or a Float32Array copy of an array of numbers; throws TypeError otherwise. */
export function toFloat32(x, where, what) {
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

/**
 * The memory half of the API over one Emscripten module instance.
 * @param {object} Module  the instantiated module (HEAPF32, _memalign, _free)
 * @param {{maxElements: number}} limits  the core's limits
 */
export function createMemory(Module, limits) {
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
        throw new RangeError(`ap.buffer: length must be an integer in [0, ${limits.maxElements}] (got ${String(length)})`);
      }
      this.#ptr = alloc(length * F32, 'ap.buffer');
      this.#length = length;
      freeOnCollect?.register(this, this.#ptr, this);
    }
    /** Byte offset in WASM memory; throws after dispose(). */
    get ptr() {
      if (!this.#ptr) throw new Error('ap.buffer: used after dispose()');
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

  /** Rows (array of arrays) or a flat numeric array → Float32Array, or a WasmBuffer as is. */
  function matrix(value, where, what) {
    if (value instanceof WasmBuffer) return value;
    if (Array.isArray(value) && value.length && Array.isArray(value[0])) {
      const w = value[0].length;
      const flat = new Float32Array(value.length * w);
      value.forEach((row, r) => {
        if (!Array.isArray(row) || row.length !== w) throw new TypeError(`${where}: ${what} rows must all have ${w} values (row ${r})`);
        row.forEach((v, c) => {
          if (typeof v !== 'number') throw new TypeError(`${where}: ${what}[${r}][${c}] must be a number (got ${describe(v)})`);
          flat[r * w + c] = v;
        });
      });
      return flat;
    }
    return toFloat32(value, where, what);
  }

  /**
   * Runs fn(pointers...) with every argument in WASM memory, in one block freed afterwards: a
   * WasmBuffer is used in place, a Float32Array is copied in, a number k reserves k floats (an
   * output). Each staged array starts on a cache line.
   */
  function withStaged(where, args, fn) {
    const floats = (a) => (typeof a === 'number' ? a : a.length);
    const segment = (a) => alignUp(floats(a) * F32);
    const total = args.reduce((s, a) => s + (a instanceof WasmBuffer ? 0 : segment(a)), 0);
    const block = total ? alloc(total, where) : 0;
    try {
      let next = block;
      const ptrs = args.map((a) => {
        if (a instanceof WasmBuffer) return a.ptr;
        const p = next;
        next += segment(a);
        if (typeof a !== 'number') Module.HEAPF32.set(a, p >> 2);  // HEAPF32 read afresh: alloc may have grown memory
        return p;
      });
      return fn(...ptrs);
    } finally {
      if (block) Module._free(block);
    }
  }

  /** A copy of n floats at byte offset ptr. */
  const readFloats = (ptr, n) => Module.HEAPF32.slice(ptr >> 2, (ptr >> 2) + n);
  /** A view of n floats at byte offset ptr, valid until WASM memory next grows. */
  const viewFloats = (ptr, n) => new Float32Array(Module.HEAPF32.buffer, ptr, n);
  /** Copies values (a Float32Array) to byte offset ptr. */
  const writeFloats = (ptr, values) => Module.HEAPF32.set(values, ptr >> 2);

  return { alloc, WasmBuffer, matrix, withStaged, readFloats, viewFloats, writeFloats };
}
