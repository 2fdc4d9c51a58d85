// One training run inside the worker: its data (held in WASM buffers for the run's life), its
// network and optimizer, the training position, and the histories the page draws. Training is
// model.fit over the whole chunk, so the C++ loop runs many steps per call.
import { networkFromState } from './build-config.mjs';
import { ThinnedSeries } from './series.mjs';
import { addSpace } from './space-run.mjs';

const MAX_KEPT_STEP_LOSSES = 1 << 20;

/** The "Output" menu per task (build-config.mjs's OUTPUT_HEADS also reads aliases such as 'linear' for logits). */
export const OUTPUT_CHOICES = { classification: ['sigmoid', 'logits'], multiclass: ['softmax'], regression: ['linear', 'tanh'] };

export class TrainingRun {
  /**
   * @param {object} ap the loaded module
   * @param {object} cfg the trainer's state values (web/state.mjs) plus { grid, box }
   * @param {{ checkpoint?: { steps, model } }} options a checkpoint to restore instead of a fresh initialisation
   */
  constructor(ap, cfg, { checkpoint } = {}) {
    this.ap = ap;
    this.cfg = cfg;
    const net = networkFromState(ap, cfg, { data: cfg.userData });
    if (checkpoint) {
      try {
        loadCheckpoint(ap, net.model, checkpoint);
      } catch (e) {
        net.model.dispose();  // a refused checkpoint leaves nothing behind in WASM memory
        throw e;
      }
    }
    this.notices = net.notices;
    this.task = net.task;
    this.classes = net.classes;
    this.loss = net.loss;
    this.probabilities = net.probabilities;
    this.features = net.features;
    this.points = { X: Float32Array.from(net.points.X), y: Float32Array.from(net.points.y) };
    this.nTrain = net.points.nTrain;
    this.inputs = new Float32Array(net.train.X.length + net.test.X.length);  // every row after the input features
    this.inputs.set(net.train.X);
    this.inputs.set(net.test.X, net.train.X.length);
    this.train = this.#stage(net.train.X, net.train.y);
    this.test = this.#stage(net.test.X, net.test.y);
    this.model = net.model;
    this.initialState = this.model.state_dict();
    this.optimizer = net.optimizer;
    this.batch = net.batchSize;
    this.stepsPerEpoch = Math.ceil(this.nTrain / this.batch);
    this.steps = checkpoint?.steps ?? 0;
    this.lossHistory = new ThinnedSeries(2);
    this.gradHistory = null;  // sized at the first snapshot (one series per hidden layer)
    this.deadHistory = new ThinnedSeries(1);
    this.stepLosses = new Float32Array(1024);
    this.stepLossCount = 0;
    this.firstLoss = NaN;
  }

  #stage(X, y) {
    const bx = this.ap.buffer(X.length), by = this.ap.buffer(y.length);
    bx.set(X);
    by.set(y);
    return { X: bx, y: by, n: y.length };
  }

  get epoch() { return this.steps / this.stepsPerEpoch; }

  /**
   * Trains `steps` optimizer steps in one fit call (the core continues its shuffled sequence).
   * Returns '' or, when the loss stops being finite or explodes, a message saying what to change.
   */
  trainSteps(steps) {
    let losses;
    try {
      losses = this.model.fit(this.train.X, this.train.y, {
        loss: this.loss, optimizer: this.optimizer, steps, batch_size: this.batch, shuffle: true, seed: this.cfg.seed,
      });
    } catch (e) {
      return this.#divergence(`training stopped: ${e.message}`);
    }
    this.steps += steps;
    this.#keepLosses(losses);
    if (Number.isNaN(this.firstLoss) && losses.length) this.firstLoss = losses[0];
    for (const v of losses) {
      if (!Number.isFinite(v)) return this.#divergence(`the training loss became ${v} (not a finite number)`);
    }
    const last = losses[losses.length - 1];
    if (last > 1e4 * Math.max(1, this.firstLoss)) return this.#divergence(`the training loss exploded to ${last.toExponential(2)}`);
    return '';
  }

  #divergence(what) {
    const lr = this.cfg.lr;
    return `${what} at epoch ${Math.floor(this.epoch)}. The learning rate (${lr}) is probably too large for this network: ` +
      `lower it (try ${+(lr / 10).toPrecision(2)}) and press Reset.`;
  }

  #keepLosses(losses) {
    const need = this.stepLossCount + losses.length;
    if (need > MAX_KEPT_STEP_LOSSES) return;
    if (need > this.stepLosses.length) {
      const grown = new Float32Array(Math.min(MAX_KEPT_STEP_LOSSES, Math.max(need, 2 * this.stepLosses.length)));
      grown.set(this.stepLosses.subarray(0, this.stepLossCount));
      this.stepLosses = grown;
    }
    this.stepLosses.set(losses, this.stepLossCount);
    this.stepLossCount = need;
  }

  /**
   * What the page draws, as plain values and typed arrays (transferable). Every snapshot has the
   * losses, accuracies, loss history and output planes; a `full` one also has the diagnostics (dead
   * shares and gradient norms over the whole training set), their histories, the histograms, the
   * neuron planes and the weights, which the page redraws at most a few times a second.
   */
  snapshot({ full = true } = {}) {
    const { model, ap, cfg } = this;
    const ev = (d) => (d.n ? model.evaluate(d.X, d.y, { loss: this.loss }) : { loss: NaN, accuracy: NaN });
    const te = ev(this.test), tr = ev(this.train);
    const epoch = this.epoch;
    this.lossHistory.add(epoch, [tr.loss, te.loss]);
    const g = ap.grid(model, { n: cfg.grid, box: cfg.box, features: this.features, copy: false });
    const output = outputPlanes(g.output, this.probabilities, g.n);
    const lh = this.lossHistory.snapshot();
    const msg = {
      full, epoch, steps: this.steps, trainLoss: tr.loss, testLoss: te.loss, trainAccuracy: tr.accuracy, testAccuracy: te.accuracy,
      task: this.task, classes: this.classes, outputChoices: OUTPUT_CHOICES[this.task],
      history: { epochs: lh.xs, train: lh.ys[0], test: lh.ys[1] },
      grid: { n: g.n, box: g.box, ...output },
    };
    const transfer = [lh.xs.buffer, ...lh.ys.map((y) => y.buffer), ...Object.values(output).map((a) => a.buffer)];
    if (full && !cfg.lite) this.#fullParts(msg, transfer, g);
    if (cfg.space) addSpace(this, msg, transfer);  // the "space bent by the layers" view's pictures
    return { msg, transfer: [...new Set(transfer)] };
  }

  #fullParts(msg, transfer, g) {
    const { model } = this;
    const epoch = msg.epoch;
    const mods = model.modules;
    const lastLinear = mods.map((m) => m.kind).lastIndexOf('linear');
    // The grid's planes are views into WASM memory: copied before anything else may grow it.
    const hidden = [];
    g.modules.forEach((m, i) => {
      if (mods[i].kind === 'activation' && i < lastLinear) hidden.push({ module: i, width: m.width, values: m.values.slice() });
    });
    const featureKey = `${g.n}|${g.box}`;
    const points = this.featureKey === featureKey ? null : g.points.slice();
    // Dead shares and gradient norms both over the whole training set: one backward without a step.
    if (this.train.n) model.backward(this.train.X, this.train.y, { loss: this.loss });
    const diag = model.diagnostics().filter((d) => d.module < lastLinear);  // hidden layers, not the output head
    this.gradHistory ??= new ThinnedSeries(diag.length);
    this.gradHistory.add(epoch, diag.map((d) => d.weightGradNorm));
    const dead = diag.reduce((s, d) => s + Array.from(d.inactive).filter((f) => f === 1).length, 0);
    this.deadHistory.add(epoch, [dead]);
    const linears = [];
    const sd = model.state_dict();
    mods.forEach((m, i) => {
      if (m.kind === 'linear') linears.push({ module: i, in: m.in, out: m.out, weight: sd[`${i}.weight`], bias: sd[`${i}.bias`] ?? new Float32Array(m.out) });
    });
    const histograms = this.#histograms(mods, lastLinear);
    const gh = this.gradHistory.snapshot(), dh = this.deadHistory.snapshot();
    Object.assign(msg, {
      gradNorms: { epochs: gh.xs, layers: gh.ys },
      deadCounts: { epochs: dh.xs, counts: dh.ys[0] },
      linears,
      histograms,
      diagnostics: diag.map((d) => ({ module: d.module, inactive: d.inactive, saturated: d.saturated, weightGradNorm: d.weightGradNorm })),
    });
    msg.grid.hidden = hidden;
    if (points) {  // every input feature on the grid (the diagram's feature tiles), once per grid
      this.featureKey = featureKey;
      msg.grid.features = featuresOnGrid(this.ap, points, g.n);
      transfer.push(...msg.grid.features.planes.map((p) => p.buffer));
    }
    transfer.push(gh.xs.buffer, ...gh.ys.map((y) => y.buffer), dh.xs.buffer, dh.ys[0].buffer, ...hidden.map((h) => h.values.buffer),
      ...linears.flatMap((l) => [l.weight.buffer, l.bias.buffer]), ...histograms.flatMap((h) => [h.edges.buffer, h.counts.buffer]));
  }

  /**
   * Per hidden layer: a histogram of its pre-activations over the training set, the activation's
   * saturated (|f′| < 0.01) and dead (f′ = 0) ranges, and the share of inputs that land in each.
   */
  #histograms(mods, lastLinear) {
    if (!this.train.n) return [];
    const outs = this.model.intermediates(this.train.X);
    const result = [];
    mods.forEach((m, i) => {
      if (m.kind !== 'activation' || i >= lastLinear || i === 0) return;
      const z = outs[i - 1].values;
      const fn = this.ap.F[m.name];
      const params = Object.fromEntries(this.ap.activation(m.name).params.map((p, k) => [p.name, p.choices ? p.choices[m.params[k]] : m.params[k]]));
      const g = fn.backward(z, null, params);
      let saturated = 0, dead = 0;
      for (const v of g) {
        if (v === 0) dead++;
        if (Math.abs(v) < 0.01) saturated++;
      }
      result.push({ module: i, fn: m.name, ...binned(z, 30), shareSaturated: saturated / g.length, shareDead: dead / g.length, ...this.#regions(m.name, fn, params) });
    });
    return result;
  }

  /** Where f′ vanishes, sampled over the chart's x range: [[a, b], …] for |f′| < 0.01 and for f′ = 0. */
  #regions(name, fn, params) {
    this.regionCache ??= new Map();
    const key = `${name}:${JSON.stringify(params)}`;
    if (!this.regionCache.has(key)) {
      const { chartXMin: lo, chartXMax: hi } = this.ap.buildInfo().limits;
      const xs = Float32Array.from({ length: 601 }, (_, i) => lo + ((hi - lo) * i) / 600);
      const d = fn.backward(xs, null, params);
      const ranges = (test) => {
        const out = [];
        let start = null;
        xs.forEach((x, i) => {
          if (test(d[i]) && start === null) start = i === 0 ? -Infinity : x;
          if ((!test(d[i]) || i === xs.length - 1) && start !== null) {
            out.push([start, test(d[i]) ? Infinity : x]);
            start = null;
          }
        });
        return out;
      };
      this.regionCache.set(key, { saturated: ranges((v) => Math.abs(v) < 0.01), dead: ranges((v) => v === 0) });
    }
    return this.regionCache.get(key);
  }

  /** The network's predictions for every point, as probabilities ([n] for P(class 1), [n, k] for k classes) or values. */
  predictions() {
    const out = this.model.forward(this.inputs);
    const n = this.points.y.length, k = out.length / n;
    if (this.probabilities === 'sigmoid') return out.map((z) => 1 / (1 + Math.exp(-z)));
    if (this.probabilities !== 'softmax') return out;
    const p = new Float32Array(out.length);
    for (let r = 0; r < n; r++) {
      const row = out.subarray(r * k, (r + 1) * k);
      const m = Math.max(...row);
      let sum = 0;
      for (let c = 0; c < k; c++) sum += (p[r * k + c] = Math.exp(row[c] - m));
      for (let c = 0; c < k; c++) p[r * k + c] /= sum;
    }
    return k === 2 && this.task === 'classification' ? p.filter((_, i) => i % 2 === 1) : p;
  }

  /** Sets one weight (col ≥ 0) or bias (col = −1) of the `layer`-th Linear module. */
  setWeight(layer, row, col, value) {
    if (!Number.isFinite(value)) throw new Error('a weight must be a finite number');
    const linears = this.model.modules.map((m, i) => [m, i]).filter(([m]) => m.kind === 'linear');
    const [m, i] = linears[layer] ?? [];
    if (!m || !Number.isInteger(row) || row < 0 || row >= m.out || !Number.isInteger(col) || col < -1 || col >= m.in) {
      throw new Error(`no weight at layer ${layer}, row ${row}, column ${col}`);
    }
    const sd = this.model.state_dict();
    if (col === -1) sd[`${i}.bias`][row] = value;
    else sd[`${i}.weight`][row * m.in + col] = value;
    this.model.load_state_dict(sd);
  }

  /** A checkpoint the page keeps: restoring it rebuilds the model (the optimizer's state restarts). */
  checkpoint() {
    return { steps: this.steps, model: this.model.toJSON() };
  }

  dispose() {
    this.model.dispose();
    for (const d of [this.train, this.test]) {
      d.X.dispose();
      d.y.dispose();
    }
  }
}

/** A network's layers in words: 'Linear(2, 4), tanh, Linear(4, 1), sigmoid'. */
function describeModules(modules) {
  return modules.map((m) => (m.kind === 'linear' ? `Linear(${m.in}, ${m.out})` : m.name)).join(', ');
}

/**
 * Loads a checkpoint's weights into `model`. A checkpoint from a file (`file: true`, `model` the
 * file's JSON text: the trainer's Load model) is first checked by the API's own reader (nn.fromJSON: format, module list, every
 * parameter's shape and values) and must describe the same layers as the trainer's network.
 * Throws an Error saying what is wrong; the model is then unchanged.
 */
export function loadCheckpoint(ap, model, checkpoint) {
  const doc = checkpoint?.model;
  if (!checkpoint?.file) {
    model.load_state_dict(doc.state_dict);
    return;
  }
  let parsed;
  try {
    parsed = ap.nn.fromJSON(doc);
  } catch (e) {
    throw new Error(`Load model: ${e.message}`);
  }
  try {
    const have = describeModules(parsed.modules), want = describeModules(model.modules);
    if (have !== want) throw new Error(`Load model: the file's network is ${have.slice(0, 300)}; this trainer's is ${want}. Set the trainer's layers, activations and output to match, then load it again.`);
    model.load_state_dict(parsed.state_dict());
  } finally {
    parsed.dispose();
  }
}

/** A histogram of `values` in `bins` equal bins between their extremes (a point range is widened by ±0.5). */
export function binned(values, bins) {
  let lo = Infinity, hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!(hi > lo)) [lo, hi] = [lo - 0.5, hi + 0.5];
  const edges = Float32Array.from({ length: bins + 1 }, (_, i) => lo + ((hi - lo) * i) / bins);
  const counts = new Float32Array(bins);
  for (const v of values) counts[Math.min(bins - 1, Math.floor(((v - lo) / (hi - lo)) * bins))]++;
  return { edges, counts };
}

/**
 * Output planes for drawing: the probability of class 1 (two classes), the value (regression), or
 * for several classes the winning class and its softmax probability as two planes — never packed
 * into one float, which rounds confident regions into the next class.
 * @param {Float32Array} out the grid's output module values, [outputs, n²]
 * @param {'identity'|'sigmoid'|'softmax'} probabilities how outputs become probabilities (build-config.mjs)
 */
export function outputPlanes(out, probabilities, n) {
  const size = n * n;
  const k = out.length / size;
  if (probabilities === 'identity') return { output: Float32Array.from(out) };
  if (probabilities === 'sigmoid') return { output: out.map((z) => 1 / (1 + Math.exp(-z))) };
  const cls = new Uint8Array(size), conf = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (out[c * size + i] > out[best * size + i]) best = c;
    let sum = 0;
    for (let c = 0; c < k; c++) sum += Math.exp(out[c * size + i] - out[best * size + i]);
    cls[i] = best;
    conf[i] = 1 / sum;
  }
  if (k === 2) return { output: cls.map((c, i) => (c === 1 ? conf[i] : 1 - conf[i])) };
  return { classIndex: cls, confidence: conf };
}

/**
 * Every input feature at the grid's points, from the core (ap.datasets.features), one plane per
 * feature: { names, planes: [Float32Array n²] } in the order of ap.features().
 * @param {Float32Array} points the grid's x plane, then its y plane (ap.grid's `points`)
 */
function featuresOnGrid(ap, points, n) {
  const count = n * n, names = ap.features();
  const xy = new Float32Array(2 * count);
  for (let p = 0; p < count; p++) {
    xy[2 * p] = points[p];
    xy[2 * p + 1] = points[count + p];
  }
  const rows = ap.datasets.features(xy, names);  // [n², k]
  const planes = names.map((_, j) => {
    const plane = new Float32Array(count);
    for (let p = 0; p < count; p++) plane[p] = rows[p * names.length + j];
    return plane;
  });
  return { names, planes };
}
