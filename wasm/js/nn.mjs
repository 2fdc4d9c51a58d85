// nn: PyTorch-shaped modules over the C++ engine. nn.Linear and nn.<Activation> describe modules;
// nn.Sequential builds a C++ model from them, which trains in C++ (model.fit runs many steps per
// call); nn.fromJSON rebuilds a saved one.
import { checkBoolean, checkOptions, describe } from './memory.mjs';
import { toPyTorch } from './pytorch.mjs';

/**
 * @param {object} ctx  the shared context: Module, memory, unwrap, catalog, activation, collectOptions,
 *   readOptions, registry, limits, lossIndex, initIndex; sets ctx.Parameter and ctx.Sequential.
 */
export function createNn(ctx) {
  const { Module, memory, unwrap, catalog, registry, activation, collectOptions, readOptions, limits, lossIndex, initIndex } = ctx;
  const { WasmBuffer, matrix, withStaged, readFloats, writeFloats } = memory;
  let nextSeed = 0;
  /** values, carrying a read-only `shape` as PyTorch tensors do. */
  const withShape = (values, shape) => Object.defineProperty(values, 'shape', { value: Object.freeze([...shape]) });
  const MODULE = Symbol('module');

  /** nn.Linear(in_features, out_features, { bias = true }). */
  function Linear(inFeatures, outFeatures, options = {}) {
    for (const [k, v] of [['in_features', inFeatures], ['out_features', outFeatures]]) {
      if (!Number.isInteger(v) || v < 1 || v > limits.maxFeatures) {
        throw new RangeError(`nn.Linear: ${k} must be an integer between 1 and ${limits.maxFeatures} (got ${describe(v)})`);
      }
    }
    checkOptions('nn.Linear', options, ['bias']);
    checkBoolean('nn.Linear', 'bias', options?.bias);
    return Object.freeze({ [MODULE]: true, kind: 'linear', in: inFeatures, out: outFeatures, bias: options.bias ?? true, type: 'Linear' });
  }

  const nn = { Linear };
  for (const a of registry) {
    nn[a.module] = (...args) => {
      const where = `nn.${a.module}`;
      const { dim = -1, ...rest } = collectOptions(a, args, where);
      if (a.kind === 'vector' && dim !== -1 && dim !== 1) {
        throw new RangeError(`${where}: inside a network only dim=1 (or -1), the features of each example, is supported (got ${dim})`);
      }
      if ('out' in rest || 'shape' in rest) throw new TypeError(`${where}: 'out' and 'shape' are options of F.${a.name}, not of the module`);
      const opts = readOptions(a, rest, 1, where);
      return Object.freeze({ [MODULE]: true, kind: 'activation', id: a.id, name: a.name, type: a.module, params: opts.params });
    };
  }

  /** A given seed (range-checked by the core) or the next of the module's own sequence. */
  const seedOf = (where, seed) => {
    if (seed === undefined) return nextSeed++;
    if (typeof seed !== 'number') throw new TypeError(`${where}: 'seed' must be a number (got ${describe(seed)})`);
    return seed;
  };

  class Parameter {
    #model;
    #info;
    constructor(model, info) {
      this.#model = model;
      this.#info = info;
    }
    get name() { return this.#info.name; }
    get shape() { return [...this.#info.shape]; }
    get model() { return this.#model; }
    /** A copy of the values. */
    get data() { this.#model._check('Parameter.data'); return readFloats(this.#info.ptr, this.#info.length); }
    /** A copy of the gradient from the last backward pass. */
    get grad() { this.#model._check('Parameter.grad'); return readFloats(this.#info.gradPtr, this.#info.length); }
    get numel() { return this.#info.length; }
  }

  class Sequential {
    #id;
    #modules;
    #params;
    constructor(modules, options, where = 'nn.Sequential') {
      const { seed, init = 'pytorch' } = checkOptions(where, options, ['seed', 'init']);
      if (!Array.isArray(modules) || !modules.length) throw new TypeError(`${where}: give at least one module, e.g. nn.Sequential(nn.Linear(2, 1))`);
      if (modules.length > limits.maxModules) throw new RangeError(`${where}: ${modules.length} modules is more than the limit of ${limits.maxModules}`);
      modules.forEach((m, i) => {
        if (!m || !m[MODULE]) throw new TypeError(`${where}: argument ${i} is not a module (got ${describe(m)}); use nn.Linear(...), nn.ReLU(), ...`);
      });
      if (!initIndex.has(init)) throw new TypeError(`${where}: init must be one of ${catalog.inits.join(', ')} (got ${describe(init)})`);
      this.#modules = modules;
      this.#id = unwrap(where, Module.sessionCreate(modules.map((m) => ({ ...m }))));
      try {
        unwrap(where, Module.sessionInit(this.#id, initIndex.get(init), seedOf(where, seed)));
        this.#params = unwrap(where, Module.sessionParameters(this.#id)).map((p) => new Parameter(this, p));
      } catch (e) {
        this.dispose();  // the C++ model must not outlive a constructor that throws
        throw e;
      }
    }
    /** @internal throws after dispose(), naming the call that used the model */
    _check(where = 'model') {
      if (!this.#id) throw new Error(`${where}: the model was used after dispose(); build a new one`);
      return this.#id;
    }
    get modules() { return [...this.#modules]; }
    get inFeatures() { return this.#modules[0].in; }
    get outFeatures() {
      for (let i = this.#modules.length - 1; i >= 0; i--) if (this.#modules[i].kind === 'linear') return this.#modules[i].out;
      return 0;
    }

    /** y = model(x) for x of shape [N, in] (flat row-major or rows); returns a Float32Array [N, out]. */
    forward(x) {
      const id = this._check('model.forward');
      const xs = matrix(x, 'model.forward', 'x');
      const n = this.#examples(xs.length, this.inFeatures, 'model.forward', 'x');
      return withStaged('model.forward', [xs], (px) => {
        const r = unwrap('model.forward', Module.sessionForward(id, px, n));
        return readFloats(r.ptr, n * r.width);
      });
    }

    /**
     * Every module's output for x, as PyTorch forward hooks would see them: an array of
     * { module, kind, width, values: Float32Array [N, width] }, in module order (the last is the output).
     */
    intermediates(x) {
      const id = this._check('model.intermediates');
      const xs = matrix(x, 'model.intermediates', 'x');
      const n = this.#examples(xs.length, this.inFeatures, 'model.intermediates', 'x');
      return withStaged('model.intermediates', [xs], (px) => {
        const r = unwrap('model.intermediates', Module.sessionForward(id, px, n));
        return r.modules.map((m) => ({ module: m.module, kind: this.#modules[m.module].kind, width: m.width, values: readFloats(m.ptr, n * m.width) }));
      });
    }

    /**
     * `loss(model(x), y).backward()` without an optimizer step: afterwards every Parameter.grad, and
     * diagnostics(), describe this data (e.g. the whole training set). Returns the loss.
     */
    backward(x, y, options) {
      const where = 'model.backward';
      const id = this._check(where);
      const { loss = 'mse_loss' } = checkOptions(where, options, ['loss']);
      const d = this.#prepare(where, x, y, loss);
      const out = this.outFeatures;
      const grad = new Float32Array(d.n * out);
      return withStaged(where, [d.xs, d.ys, grad], (px, py, pg) => {
        const r = unwrap(where, Module.sessionForward(id, px, d.n));
        const ce = loss === 'cross_entropy';
        const value = unwrap(where, Module.lossValue(d.loss, 'mean', r.ptr, py, ce ? d.n : d.n * out, ce ? out : 1, pg, 0));
        unwrap(where, Module.sessionBackward(id, pg));
        return value;
      });
    }

    #examples(length, width, where, what) {
      if (length % width !== 0) throw new RangeError(`${where}: ${what} has ${length} values, not a multiple of ${width} features`);
      const n = length / width;
      if (n > limits.maxExamples) throw new RangeError(`${where}: ${n} examples is more than the limit of ${limits.maxExamples}`);
      return n;
    }

    parameters() { this._check('model.parameters'); return [...this.#params]; }
    named_parameters() { return this.parameters().map((p) => [p.name, p]); }

    /**
     * PyTorch's state_dict: { '0.weight': [out, in], '0.bias': [out], '1.weight' (PReLU): [1] }, each a
     * Float32Array copy carrying its `shape`.
     */
    state_dict() {
      this._check('model.state_dict');
      return Object.fromEntries(this.#params.map((p) => [p.name, withShape(p.data, p.shape)]));
    }

    /**
     * Loads values by PyTorch's keys (arrays or nested rows; right lengths, and shapes where given).
     * { strict: true } (the default, as in PyTorch) needs every key and no other; with strict: false
     * missing and unexpected keys are skipped, and the keys present are loaded.
     */
    load_state_dict(sd, options) {
      const where = 'model.load_state_dict';
      const id = this._check(where);
      const { strict = true } = checkOptions(where, options, ['strict']);
      checkBoolean(where, 'strict', strict);
      if (!sd || typeof sd !== 'object') throw new TypeError(`${where}: expected an object of parameter arrays`);
      const all = unwrap(where, Module.sessionParameters(id));
      const known = new Set(all.map((p) => p.name));
      const infos = all.filter((p) => strict || Object.hasOwn(sd, p.name));
      const unexpected = Object.keys(sd).filter((k) => !known.has(k));
      const missing = all.map((p) => p.name).filter((k) => !Object.hasOwn(sd, k));
      if (!strict && !infos.length) {  // e.g. keys of a wrapped model ('module.0.weight'): nothing would load
        throw new RangeError(`${where}: no key matches this model's (${[...known].join(', ')})${unexpected.length ? `; got ${unexpected.slice(0, 5).join(', ')}` : ''}`);
      }
      if (strict && (unexpected.length || missing.length)) {
        throw new Error(`${where}: ${missing.length ? `missing keys ${missing.join(', ')}` : ''}${missing.length && unexpected.length ? '; ' : ''}${unexpected.length ? `unexpected keys ${unexpected.join(', ')}` : ''}`);
      }
      const values = infos.map((p) => {
        const raw = sd[p.name];
        // Rows must have the parameter's shape ([out, in]); a flat array its length (checked before copying).
        if (Array.isArray(raw) && Array.isArray(raw[0]) && (p.shape.length !== 2 || raw.length !== p.shape[0] || raw[0].length !== p.shape[1])) {
          throw new RangeError(`${where}: '${p.name}' has ${raw.length} rows of ${raw[0].length} values but its shape is [${p.shape}]`);
        }
        if ((Array.isArray(raw) || ArrayBuffer.isView(raw)) && !Array.isArray(raw[0]) && raw.length !== p.length) {
          throw new RangeError(`${where}: '${p.name}' needs ${p.length} values (shape [${p.shape}]), got ${raw.length}`);
        }
        const v = matrix(raw, where, p.name);
        const arr = v instanceof WasmBuffer ? v.toArray() : v;
        if (arr.length !== p.length) throw new RangeError(`${where}: '${p.name}' needs ${p.length} values (shape [${p.shape}]), got ${arr.length}`);
        const shape = sd[p.name]?.shape;
        if (Array.isArray(shape) && shape.join() !== p.shape.join()) {
          throw new RangeError(`${where}: '${p.name}' has shape [${shape}] but the model's is [${p.shape}]`);
        }
        if (!arr.every(Number.isFinite)) throw new RangeError(`${where}: '${p.name}' contains a non-finite value`);
        return arr;
      });
      infos.forEach((p, i) => writeFloats(p.ptr, values[i]));
      return this;
    }

    /** Re-initialises every Linear layer: init 'pytorch' | 'xavier' | 'kaiming' | 'playground' | 'zeros'. */
    reset_parameters(options) {
      const where = 'model.reset_parameters';
      const id = this._check(where);
      const { init = 'pytorch', seed } = checkOptions(where, options, ['init', 'seed']);
      if (!initIndex.has(init)) throw new TypeError(`${where}: init must be one of ${catalog.inits.join(', ')} (got ${describe(init)})`);
      unwrap(where, Module.sessionInit(id, initIndex.get(init), seedOf(where, seed)));
      return this;
    }

    #prepare(where, x, y, lossName) {
      if (!lossIndex.has(lossName)) throw new TypeError(`${where}: loss must be one of ${catalog.losses.map((l) => l.name).join(', ')} (got ${describe(lossName)})`);
      const xs = matrix(x, where, 'x');
      const n = this.#examples(xs.length, this.inFeatures, where, 'x');
      if (n === 0) throw new RangeError(`${where}: x is empty (it needs at least one example)`);
      const ys = matrix(y, where, 'y');
      const width = lossName === 'cross_entropy' ? 1 : this.outFeatures;
      if (ys.length !== n * width) {
        throw new RangeError(`${where}: y has ${ys.length} values but ${n} examples need ${n * width}${lossName === 'cross_entropy' ? ' class indices' : ''}`);
      }
      return { xs, ys, n, loss: lossIndex.get(lossName) };
    }

    /**
     * Trains in C++: { loss, optimizer, steps | epochs, batch_size (≥ 1; omitted: the full batch), shuffle,
     * seed (an integer 0 … 2^53) }.
     * Returns the loss of every step (Float32Array). A second call continues the same sequence of
     * batches, like a PyTorch DataLoader's generator: k calls of one epoch give the same bits as one
     * call of k epochs (also when `steps` ends mid-epoch), at no extra cost per call. The sequence
     * restarts (stored order, shuffle seeded afresh) when the data, batch_size, shuffle or seed change.
     */
    fit(x, y, options) {
      const where = 'model.fit';
      const id = this._check(where);
      const { loss = 'mse_loss', optimizer, steps, epochs, batch_size: batchSize, shuffle = false, seed = 0 } =
        checkOptions(where, options, ['loss', 'optimizer', 'steps', 'epochs', 'batch_size', 'shuffle', 'seed']);
      if (!(optimizer instanceof ctx.Optimizer) || optimizer.model !== this) throw new TypeError(`${where}: pass optimizer: ap.optim.SGD(model.parameters(), {lr}) (or Adam) for this model`);
      if (steps === undefined && epochs === undefined) throw new TypeError(`${where}: give steps or epochs`);
      const d = this.#prepare(where, x, y, loss);
      optimizer._activate();
      // Counts and the seed are range-checked by the core (integers within its limits).
      const o = { loss: d.loss, steps: steps ?? 0, epochs: epochs ?? 0, shuffle, seed };
      if (batchSize !== undefined) o.batch_size = batchSize;
      return withStaged(where, [d.xs, d.ys], (px, py) => unwrap(where, Module.sessionTrain(id, px, py, d.n, o)));
    }

    /** One optimizer step on (x, y); returns the loss before the step. */
    train_step(x, y, options) {
      const { loss = 'mse_loss', optimizer } = checkOptions('model.train_step', options, ['loss', 'optimizer']);
      return this.fit(x, y, { loss, optimizer, steps: 1 })[0];
    }

    /** Mean loss and accuracy on (x, y). */
    evaluate(x, y, options) {
      const id = this._check('model.evaluate');
      const { loss = 'mse_loss' } = checkOptions('model.evaluate', options, ['loss']);
      const d = this.#prepare('model.evaluate', x, y, loss);
      return withStaged('model.evaluate', [d.xs, d.ys], (px, py) => unwrap('model.evaluate', Module.sessionEvaluate(id, px, py, d.n, d.loss)));
    }

    /** Per activation layer: inactive (dead) and saturated fraction per neuron, gradient norm, statistics. */
    diagnostics() {
      return unwrap('model.diagnostics', Module.sessionDiagnose(this._check('model.diagnostics')));
    }

    /** A plain object that nn.fromJSON rebuilds (architecture and weights). */
    toJSON() {
      return {
        format: 'activation-playground/sequential@1',
        modules: this.#modules.map((m) => (m.kind === 'linear'
          ? { type: 'Linear', in: m.in, out: m.out, bias: m.bias }
          : { type: m.type, params: Object.fromEntries(activation(m.name).params.map((p, i) => [p.name, p.choices ? p.choices[m.params[i]] : m.params[i]])) })),
        state_dict: Object.fromEntries(Object.entries(this.state_dict()).map(([k, v]) => [k, Array.from(v)])),
      };
    }

    /** Runnable Python that rebuilds this network with these weights, in the module or functional style. */
    toPyTorch(options) {
      const { style = 'module' } = checkOptions('model.toPyTorch', options, ['style']);
      return toPyTorch(this, style, activation);
    }

    /** Frees the C++ model; the object cannot be used afterwards. Safe to call twice. */
    dispose() {
      if (!this.#id) return;
      Module.sessionDispose(this.#id);
      this.#id = 0;
    }
  }

  nn.Sequential = (...modules) => new Sequential(modules);
  nn.Sequential.withOptions = (options, ...modules) => new Sequential(modules, options, 'nn.Sequential.withOptions');
  const moduleTypes = new Set(registry.map((a) => a.module));
  nn.fromJSON = (json, ...rest) => {
    if (rest.length) throw new TypeError(`nn.fromJSON: takes one argument, the JSON text or object (got ${rest.length + 1})`);
    try {
      return fromJSON(json);
    } catch (e) {
      // Errors of the functions it calls (nn.Linear, model.load_state_dict, ...) keep their names after this one.
      const Kind = e instanceof RangeError ? RangeError : e instanceof TypeError ? TypeError : Error;
      const message = String(e?.message ?? e);
      throw new Kind(message.startsWith('nn.fromJSON:') ? message : `nn.fromJSON: ${message}`);
    }
  };
  function fromJSON(json) {
    let obj = json;
    if (typeof json === 'string') {
      try {
        obj = JSON.parse(json);
      } catch (e) {
        throw new TypeError(`nn.fromJSON: the text is not valid JSON (${e.message})`);
      }
    }
    if (!obj || obj.format !== 'activation-playground/sequential@1' || !Array.isArray(obj.modules)) {
      throw new TypeError("nn.fromJSON: not a model exported by toJSON() (format 'activation-playground/sequential@1')");
    }
    onlyKeys(obj, ['format', 'modules', 'state_dict'], 'the document');
    const modules = obj.modules.map((m, i) => {
      if (m === null || typeof m !== 'object') throw new TypeError(`nn.fromJSON: module ${i} must be an object (got ${describe(m)})`);
      if (m.type !== 'Linear' && !moduleTypes.has(m.type)) throw new TypeError(`nn.fromJSON: module ${i} has unknown type ${JSON.stringify(m.type)}`);
      onlyKeys(m, m.type === 'Linear' ? ['type', 'in', 'out', 'bias'] : ['type', 'params'], `module ${i}`);
      if (m.type === 'Linear') return Linear(m.in, m.out, { bias: m.bias ?? true });
      if (m.params !== undefined && (m.params === null || typeof m.params !== 'object' || Array.isArray(m.params))) {
        throw new TypeError(`nn.fromJSON: module ${i}'s params must be an object (got ${describe(m.params)})`);
      }
      return nn[m.type](m.params ?? {});
    });
    const model = new Sequential(modules);
    try {
      model.load_state_dict(obj.state_dict);
    } catch (e) {
      model.dispose();
      throw e;
    }
    return model;
  }
  /** A misspelt key in a saved model would otherwise be dropped without a word (e.g. 'bais': false). */
  function onlyKeys(obj, accepted, what) {
    const extra = Object.keys(obj).find((k) => !accepted.includes(k));
    if (extra !== undefined) throw new TypeError(`nn.fromJSON: ${what} has unknown key ${JSON.stringify(extra)} (accepted: ${accepted.join(', ')})`);
  }
  nn.Module = Sequential;
  ctx.Parameter = Parameter;
  ctx.Sequential = Sequential;
  return nn;
}
