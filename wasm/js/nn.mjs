// PyTorch-shaped networks over the C++ engine: nn.Sequential / nn.Linear / nn.<Activation>,
// optim.SGD / optim.Adam, F.<loss>, datasets and heatmap grids. Training runs in C++ (model.fit runs
// many steps per call); this layer validates arguments, stages data into WASM memory and turns
// error values into thrown Errors.

const F32 = Float32Array.BYTES_PER_ELEMENT;

/**
 * @param {object} ctx { Module, registry, activation, collectOptions, readOptions, toFloat32, describe, alloc, WasmBuffer, limits }
 */
export function createNn(ctx) {
  const { Module, registry, activation, collectOptions, readOptions, toFloat32, describe, alloc, alignUp, WasmBuffer, limits } = ctx;
  const catalog = Module.catalog();
  const lossIndex = new Map(catalog.losses.map((l, i) => [l.name, i]));
  const datasetIndex = new Map(catalog.datasets.map((d, i) => [d.name, i]));
  const initIndex = new Map(catalog.inits.map((d, i) => [d, i]));
  let nextSeed = 0;

  const unwrap = (where, r) => {
    if (r instanceof Error) throw new Error(`${where}: ${r.message}`);
    return r;
  };

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

  /** Runs fn(pointers...) with every array staged into WASM memory (WasmBuffers are used in place). */
  function withStaged(where, arrays, fn) {
    const staged = arrays.map((a) => (a instanceof WasmBuffer ? null : a));
    // Each array starts on a cache line, as alloc's blocks do.
    const segment = (a) => alignUp(a.length * F32);
    const total = staged.reduce((s, a) => s + (a ? segment(a) : 0), 0);
    const block = total ? alloc(total, where) : 0;
    try {
      let next = block;
      const ptrs = arrays.map((a, i) => {
        if (!staged[i]) return a.ptr;
        const p = next;
        next += segment(a);
        Module.HEAPF32.set(a, p >> 2);
        return p;
      });
      return fn(...ptrs);
    } finally {
      if (block) Module._free(block);
    }
  }

  // ---- modules --------------------------------------------------------------------------------
  const MODULE = Symbol('module');

  /** nn.Linear(in_features, out_features, { bias = true }). */
  function Linear(inFeatures, outFeatures, options = {}) {
    for (const [k, v] of [['in_features', inFeatures], ['out_features', outFeatures]]) {
      if (!Number.isInteger(v) || v < 1 || v > limits.maxFeatures) {
        throw new RangeError(`nn.Linear: ${k} must be an integer between 1 and ${limits.maxFeatures} (got ${describe(v)})`);
      }
    }
    if (options === null || typeof options !== 'object') throw new TypeError('nn.Linear: options must be an object, e.g. { bias: false }');
    if (options.bias !== undefined && typeof options.bias !== 'boolean') throw new TypeError(`nn.Linear: bias must be true or false (got ${describe(options.bias)})`);
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
    get data() { this.#model._check(); return Module.HEAPF32.slice(this.#info.ptr >> 2, (this.#info.ptr >> 2) + this.#info.length); }
    /** A copy of the gradient from the last backward pass. */
    get grad() { this.#model._check(); return Module.HEAPF32.slice(this.#info.gradPtr >> 2, (this.#info.gradPtr >> 2) + this.#info.length); }
    get numel() { return this.#info.length; }
  }

  class Sequential {
    #id;
    #modules;
    #params;
    constructor(modules, { seed, init = 'pytorch' } = {}) {
      const where = 'nn.Sequential';
      if (!modules.length) throw new TypeError(`${where}: give at least one module, e.g. nn.Sequential(nn.Linear(2, 1))`);
      if (modules.length > limits.maxModules) throw new RangeError(`${where}: ${modules.length} modules is more than the limit of ${limits.maxModules}`);
      modules.forEach((m, i) => {
        if (!m || !m[MODULE]) throw new TypeError(`${where}: argument ${i} is not a module (got ${describe(m)}); use nn.Linear(...), nn.ReLU(), ...`);
      });
      if (!initIndex.has(init)) throw new TypeError(`${where}: init must be one of ${catalog.inits.join(', ')} (got ${describe(init)})`);
      this.#modules = modules;
      this.#id = unwrap(where, Module.sessionCreate(modules.map((m) => ({ ...m }))));
      const s = seed ?? nextSeed++;
      if (!Number.isInteger(s) || s < 0) {
        Module.sessionDispose(this.#id);
        throw new TypeError(`${where}: seed must be a non-negative integer`);
      }
      unwrap(where, Module.sessionInit(this.#id, initIndex.get(init), s));
      this.#params = unwrap(where, Module.sessionParameters(this.#id)).map((p) => new Parameter(this, p));
    }
    /** @internal throws after dispose() */
    _check() {
      if (!this.#id) throw new Error('model: used after dispose()');
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
      const id = this._check();
      const xs = matrix(x, 'model.forward', 'x');
      const n = this.#examples(xs.length, this.inFeatures, 'model.forward', 'x');
      return withStaged('model.forward', [xs], (px) => {
        const r = unwrap('model.forward', Module.sessionForward(id, px, n));
        return Module.HEAPF32.slice(r.ptr >> 2, (r.ptr >> 2) + n * r.width);
      });
    }

    #examples(length, width, where, what) {
      if (length % width !== 0) throw new RangeError(`${where}: ${what} has ${length} values, not a multiple of ${width} features`);
      const n = length / width;
      if (n > limits.maxExamples) throw new RangeError(`${where}: ${n} examples is more than the limit of ${limits.maxExamples}`);
      return n;
    }

    parameters() { this._check(); return [...this.#params]; }
    named_parameters() { return this.parameters().map((p) => [p.name, p]); }

    /** PyTorch's state_dict: { '0.weight': Float32Array [out*in], '0.bias': ..., '1.weight' (PReLU) }. */
    state_dict() {
      this._check();
      return Object.fromEntries(this.#params.map((p) => [p.name, p.data]));
    }

    /** Loads values by PyTorch's keys (strict: every key, right lengths; arrays or nested rows). */
    load_state_dict(sd) {
      const id = this._check();
      const where = 'model.load_state_dict';
      if (!sd || typeof sd !== 'object') throw new TypeError(`${where}: expected an object of parameter arrays`);
      const infos = unwrap(where, Module.sessionParameters(id));
      const known = new Set(infos.map((p) => p.name));
      const unexpected = Object.keys(sd).filter((k) => !known.has(k));
      const missing = infos.map((p) => p.name).filter((k) => !Object.hasOwn(sd, k));
      if (unexpected.length || missing.length) {
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
        if (!arr.every(Number.isFinite)) throw new RangeError(`${where}: '${p.name}' contains a non-finite value`);
        return arr;
      });
      infos.forEach((p, i) => Module.HEAPF32.set(values[i], p.ptr >> 2));
      return this;
    }

    /** Re-initialises every Linear layer: init 'pytorch' | 'xavier' | 'kaiming' | 'playground' | 'zeros'. */
    reset_parameters({ init = 'pytorch', seed } = {}) {
      const id = this._check();
      if (!initIndex.has(init)) throw new TypeError(`model.reset_parameters: init must be one of ${catalog.inits.join(', ')}`);
      if (seed != null && (!Number.isInteger(seed) || seed < 0)) throw new TypeError(`model.reset_parameters: seed must be a non-negative integer (got ${describe(seed)})`);
      unwrap('model.reset_parameters', Module.sessionInit(id, initIndex.get(init), seed ?? nextSeed++));
      return this;
    }

    #prepare(where, x, y, lossName) {
      if (!lossIndex.has(lossName)) throw new TypeError(`${where}: loss must be one of ${catalog.losses.map((l) => l.name).join(', ')} (got ${describe(lossName)})`);
      const xs = matrix(x, where, 'x');
      const n = this.#examples(xs.length, this.inFeatures, where, 'x');
      const ys = matrix(y, where, 'y');
      const width = lossName === 'cross_entropy' ? 1 : this.outFeatures;
      if (ys.length !== n * width) {
        throw new RangeError(`${where}: y has ${ys.length} values but ${n} examples need ${n * width}${lossName === 'cross_entropy' ? ' class indices' : ''}`);
      }
      return { xs, ys, n, loss: lossIndex.get(lossName) };
    }

    /**
     * Trains in C++: { loss, optimizer, steps | epochs, batch_size (default: full batch), shuffle, seed }.
     * Returns the loss of every step (Float32Array).
     */
    fit(x, y, options = {}) {
      const id = this._check();
      const where = 'model.fit';
      const { loss = 'mse_loss', optimizer, steps, epochs, batch_size: batchSize = 0, shuffle = false, seed = 0 } = options;
      if (!(optimizer instanceof Optimizer) || optimizer.model !== this) throw new TypeError(`${where}: pass optimizer: ap.optim.SGD(model.parameters(), {lr}) (or Adam) for this model`);
      if (steps === undefined && epochs === undefined) throw new TypeError(`${where}: give steps or epochs`);
      for (const [k, v] of [['steps', steps], ['epochs', epochs], ['batch_size', batchSize], ['seed', seed]]) {
        if (v !== undefined && (!Number.isInteger(v) || v < 0)) throw new TypeError(`${where}: ${k} must be a non-negative integer (got ${describe(v)})`);
      }
      const d = this.#prepare(where, x, y, loss);
      optimizer._activate();
      return withStaged(where, [d.xs, d.ys], (px, py) => unwrap(where, Module.sessionTrain(id, px, py, d.n, {
        loss: d.loss, steps: steps ?? 0, epochs: epochs ?? 0, batch_size: batchSize, shuffle: Boolean(shuffle), seed,
      })));
    }

    /** One optimizer step on (x, y); returns the loss before the step. */
    train_step(x, y, { loss = 'mse_loss', optimizer } = {}) {
      return this.fit(x, y, { loss, optimizer, steps: 1 })[0];
    }

    /** Mean loss and accuracy on (x, y). */
    evaluate(x, y, { loss = 'mse_loss' } = {}) {
      const id = this._check();
      const d = this.#prepare('model.evaluate', x, y, loss);
      return withStaged('model.evaluate', [d.xs, d.ys], (px, py) => unwrap('model.evaluate', Module.sessionEvaluate(id, px, py, d.n, d.loss)));
    }

    /** Per activation layer: inactive (dead) and saturated fraction per neuron, gradient norm, statistics. */
    diagnostics() {
      return unwrap('model.diagnostics', Module.sessionDiagnose(this._check()));
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
    toPyTorch({ style = 'module' } = {}) {
      return toPyTorch(this, style);
    }

    /** Frees the C++ model; the object cannot be used afterwards. Safe to call twice. */
    dispose() {
      if (!this.#id) return;
      Module.sessionDispose(this.#id);
      this.#id = 0;
    }
  }

  function toPyTorch(model, style) {
    if (style !== 'module' && style !== 'functional') throw new TypeError("toPyTorch: style must be 'module' or 'functional'");
    const sd = model.state_dict();
    const mods = model.modules;
    const py = (v) => (typeof v === 'string' ? `'${v}'` : Number.isInteger(v) ? `${v}.0` : String(v));
    const argsOf = (m) => activation(m.name).params.map((p, i) => `${p.name}=${py(p.choices ? p.choices[m.params[i]] : m.params[i])}`);
    const tensor = (name) => {
      const shape = mods[Number(name.split('.')[0])].kind === 'linear' && name.endsWith('weight')
        ? `.reshape(${mods[Number(name.split('.')[0])].out}, ${mods[Number(name.split('.')[0])].in})` : '';
      return `torch.tensor([${Array.from(sd[name], (v) => v.toPrecision(9)).join(', ')}])${shape}`;
    };
    const lines = ['# Generated by activation-playground: the same network and weights in PyTorch.', 'import torch', 'import torch.nn as nn', 'import torch.nn.functional as F', ''];
    if (style === 'module') {
      const parts = mods.map((m) => {
        if (m.kind === 'linear') return `nn.Linear(${m.in}, ${m.out}${m.bias ? '' : ', bias=False'})`;
        const args = argsOf(m).filter((a) => !a.startsWith('weight='));
        if (activation(m.name).kind === 'vector') args.unshift('dim=1');
        if (m.name === 'prelu') return 'nn.PReLU()';
        if (['step', 'sine', 'gaussian'].includes(m.name)) return `Lambda(${m.name === 'step' ? 'lambda x: torch.heaviside(x, torch.zeros(()))' : m.name === 'sine' ? 'torch.sin' : 'lambda x: torch.exp(-x * x)'})`;
        return `nn.${m.type}(${args.join(', ')})`;
      });
      if (mods.some((m) => ['step', 'sine', 'gaussian'].includes(m.name))) {
        lines.push('class Lambda(nn.Module):', '    def __init__(self, fn):', '        super().__init__()', '        self.fn = fn', '', '    def forward(self, x):', '        return self.fn(x)', '');
      }
      lines.push(`model = nn.Sequential(\n    ${parts.join(',\n    ')},\n)`);
      lines.push('model.load_state_dict({');
      for (const name of Object.keys(sd)) lines.push(`    '${name}': ${tensor(name)},`);
      lines.push('})');
    } else {
      lines.push('params = {');
      for (const name of Object.keys(sd)) lines.push(`    '${name}': ${tensor(name)},`);
      lines.push('}', '', '', 'def model(x):');
      mods.forEach((m, i) => {
        if (m.kind === 'linear') lines.push(`    x = F.linear(x, params['${i}.weight']${m.bias ? `, params['${i}.bias']` : ''})`);
        else if (m.name === 'prelu') lines.push(`    x = F.prelu(x, params['${i}.weight'])`);
        else if (m.name === 'step') lines.push('    x = torch.heaviside(x, torch.zeros(()))');
        else if (m.name === 'linear') lines.push('    x = x');
        else if (m.name === 'sine') lines.push('    x = torch.sin(x)');
        else if (m.name === 'gaussian') lines.push('    x = torch.exp(-x * x)');
        else if (['sigmoid', 'tanh'].includes(m.name)) lines.push(`    x = torch.${m.name}(x)`);
        else {
          const args = argsOf(m);
          if (activation(m.name).kind === 'vector') args.unshift('dim=1');
          lines.push(`    x = F.${m.name}(x${args.length ? `, ${args.join(', ')}` : ''})`);
        }
      });
      lines.push('    return x');
    }
    return `${lines.join('\n')}\n`;
  }

  nn.Sequential = (...modules) => new Sequential(modules);
  nn.Sequential.withOptions = (options, ...modules) => new Sequential(modules, options);
  const moduleTypes = new Set(registry.map((a) => a.module));
  nn.fromJSON = (json) => {
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
    const modules = obj.modules.map((m, i) => {
      if (m === null || typeof m !== 'object') throw new TypeError(`nn.fromJSON: module ${i} must be an object (got ${describe(m)})`);
      if (m.type === 'Linear') return Linear(m.in, m.out, { bias: m.bias ?? true });
      if (!moduleTypes.has(m.type)) throw new TypeError(`nn.fromJSON: module ${i} has unknown type ${JSON.stringify(m.type)}`);
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
  nn.Module = Sequential;

  // ---- optimizers -----------------------------------------------------------------------------
  class Optimizer {
    #model;
    #options;
    constructor(params, options, kind, where) {
      if (!Array.isArray(params) || !params.length || !(params[0] instanceof Parameter)) {
        throw new TypeError(`${where}: pass model.parameters()`);
      }
      const model = params[0].model;
      if (params.some((p) => p.model !== model)) throw new TypeError(`${where}: all parameters must belong to one model`);
      if (options === null || typeof options !== 'object') throw new TypeError(`${where}: options must be an object, e.g. { lr: 0.1 }`);
      const o = { kind, ...options };
      if (kind === 'adam' && options.betas !== undefined) {
        if (!Array.isArray(options.betas) || options.betas.length !== 2) throw new TypeError(`${where}: betas must be [beta1, beta2]`);
        [o.beta1, o.beta2] = options.betas;
        delete o.betas;
      }
      const allowed = kind === 'adam' ? ['lr', 'betas', 'eps', 'weight_decay', 'regularization', 'regularization_rate']
        : ['lr', 'momentum', 'dampening', 'nesterov', 'weight_decay', 'regularization', 'regularization_rate'];
      for (const k of Object.keys(options)) if (!allowed.includes(k)) throw new TypeError(`${where}: unknown option '${k}' (allowed: ${allowed.join(', ')})`);
      if (o.regularization !== undefined) {
        const r = { none: 0, l1: 1, l2: 2 }[o.regularization];
        if (r === undefined) throw new TypeError(`${where}: regularization must be 'none', 'l1' or 'l2'`);
        o.regularization = r;
      }
      this.#model = model;
      this.#options = o;
      this.where = where;
      this._activate();
    }
    get model() { return this.#model; }
    /** @internal makes this the optimizer the model's session steps with (state restarts when switching). */
    _activate() {
      const id = this.#model._check();
      if (Optimizer.active.get(id) === this) return;
      unwrap(this.where, Module.sessionSetOptimizer(id, this.#options));
      Optimizer.active.set(id, this);
    }
    /** The learning rate; setting it takes effect from the next step. */
    get lr() { return this.#options.lr; }
    set lr(v) {
      this._activate();
      unwrap(`${this.where}.lr`, Module.sessionSetLr(this.#model._check(), v));
      this.#options.lr = v;
    }
    /** One update from the gradients of the last backward pass (model.fit does this itself). */
    step() {
      this._activate();
      unwrap(`${this.where}.step`, Module.sessionStep(this.#model._check()));
    }
    static active = new Map();
  }
  const optim = {
    SGD: (params, options = {}) => new Optimizer(params, options, 'sgd', 'optim.SGD'),
    Adam: (params, options = {}) => new Optimizer(params, options, 'adam', 'optim.Adam'),
  };

  // ---- losses in F ----------------------------------------------------------------------------
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
    const fn = (input, target) => {
      const d = prepare(input, target);
      return withStaged(where, [d.y, d.t], (py, pt) => unwrap(where, Module.lossValue(lossIndex.get(l.name), py, pt, d.n, d.c, 0)));
    };
    fn.backward = (input, target) => {
      const d = prepare(input, target);
      return withStaged(where, [d.y, d.t, new Float32Array(d.y.length)], (py, pt, pg) => {
        unwrap(where, Module.lossValue(lossIndex.get(l.name), py, pt, d.n, d.c, pg));
        return Module.HEAPF32.slice(pg >> 2, (pg >> 2) + d.y.length);
      });
    };
    Object.defineProperty(fn, 'name', { value: l.name });
    losses[l.name] = fn;
  }

  // ---- datasets and grids ---------------------------------------------------------------------
  const featureNames = catalog.features;
  function featureMask(features, where) {
    const list = features ?? ['x1', 'x2'];
    if (!Array.isArray(list) || !list.length) throw new TypeError(`${where}: features must be a non-empty array of ${featureNames.join(', ')}`);
    let mask = 0;
    for (const f of list) {
      const k = featureNames.indexOf(f);
      if (k < 0) throw new TypeError(`${where}: unknown feature ${JSON.stringify(f)} (known: ${featureNames.join(', ')})`);
      mask |= 1 << k;
    }
    return mask;
  }
  const datasets = { list: () => catalog.datasets.map((d) => ({ ...d })) };
  for (const d of catalog.datasets) {
    datasets[d.name] = (options = {}) => {
      const where = `datasets.${d.name}`;
      if (options === null || typeof options !== 'object') throw new TypeError(`${where}: options must be an object`);
      const allowed = ['n', 'noise', 'seed', 'classes', 'function'];
      for (const k of Object.keys(options)) if (!allowed.includes(k)) throw new TypeError(`${where}: unknown option '${k}' (allowed: ${allowed.join(', ')})`);
      const o = { ...options };
      if (o.function !== undefined) {
        try {
          o.function = activation(o.function).id;
        } catch (e) {
          throw new TypeError(`${where}: 'function': ${e.message}`);
        }
      }
      const r = unwrap(where, Module.makeDataset(datasetIndex.get(d.name), o));
      return { X: r.x, y: r.y, n: r.n, classes: r.classes, task: d.task };
    };
  }
  /** Input features of 2-D points: features(X, ['x1', 'x2', 'sin_x1']) → Float32Array [n, k]. */
  datasets.features = (points, features) => {
    const where = 'datasets.features';
    const mask = featureMask(features, where);
    const p = matrix(points, where, 'points');
    if (p.length % 2) throw new RangeError(`${where}: points must be [n, 2]`);
    const n = p.length / 2, k = features.length;
    return withStaged(where, [p, new Float32Array(n * k)], (pp, po) => {
      unwrap(where, Module.applyFeatures(pp, n, mask, po));
      return Module.HEAPF32.slice(po >> 2, (po >> 2) + n * k);
    });
  };

  /**
   * The network on an n×n grid over box [x0, x1, y0, y1] (image order: top row is y1), after the
   * given input features: { n, output, modules: [{module, width, values}] }. Values are one n×n image
   * per neuron (feature-major: values[j·n² + p] is neuron j at point p), output likewise [out, n²].
   * With { copy: false } the arrays are views into WASM memory, valid until the next grid() of the
   * same model (training does not touch them).
   */
  function grid(model, { n = 100, box = [-6, 6, -6, 6], features, copy = true } = {}) {
    const where = 'grid';
    if (!(model instanceof Sequential)) throw new TypeError(`${where}: the first argument must be a model from nn.Sequential`);
    if (!Number.isInteger(n) || n < 2 || n > limits.maxGrid) throw new RangeError(`${where}: n must be an integer between 2 and ${limits.maxGrid}`);
    if (!Array.isArray(box) || box.length !== 4 || !box.every(Number.isFinite)) throw new TypeError(`${where}: box must be [x0, x1, y0, y1]`);
    const mods = unwrap(where, Module.sessionGrid(model._check(), n, box[0], box[1], box[2], box[3], featureMask(features, where)));
    const heap = Module.HEAPF32;
    const view = (m) => {
      const v = new Float32Array(heap.buffer, m.ptr, n * n * m.width);
      return copy ? v.slice() : v;
    };
    const modules = mods.map((m) => ({ module: m.module, width: m.width, values: view(m) }));
    return { n, box: [...box], output: modules[modules.length - 1].values, modules };
  }

  return { nn, optim, losses, datasets, grid, featureNames: [...featureNames], lossNames: catalog.losses.map((l) => l.name), inits: [...catalog.inits] };
}
