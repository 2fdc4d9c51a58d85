// One 1-D fit inside the worker: y = f(x) on [−3, 3] by a network 1 → H → 1 (one hidden layer,
// linear output, MSE), trained full-batch. Its snapshot is what the "Fit a function" view draws: the
// network's output on a fine grid of x and every hidden unit's contribution to it (output weight ×
// activation), read from the core's intermediates. The surface is TrainingRun's (web/run.mjs), so
// the worker host schedules, races and checkpoints it alike.
import { activationModule } from './build-config.mjs';
import { curveXs, targetData } from './fit1d-targets.mjs';
import { ThinnedSeries } from './series.mjs';

/** A unit whose contribution varies by less than this over the interval adds no shape: it is dead. */
export const DEAD_SPAN = 1e-4;

/**
 * Each hidden unit's contribution to the output at every x: c[j·S + i] = v_j · a_j(x_i), in float64
 * from the core's float32 activations `a` ([S, H] row-major, model.intermediates) and output weights `v`.
 * Their sum plus the output bias is the network's output up to float32 rounding.
 * @returns {Float64Array} [H, S], one unit per row
 */
export function contributions(a, v, S) {
  const H = v.length;
  const c = new Float64Array(H * S);
  for (let j = 0; j < H; j++) {
    for (let i = 0; i < S; i++) c[j * S + i] = a[i * H + j] * v[j];
  }
  return c;
}

export class Fit1dRun {
  /**
   * @param {object} ap the loaded module
   * @param {object} cfg FIT1D_KEYS values (web/state.mjs) and the activation parameters
   * @param {{ checkpoint?: { steps, model } }} options a checkpoint to restore instead of a fresh initialisation
   */
  constructor(ap, cfg, { checkpoint } = {}) {
    const { nn, optim } = ap;
    this.ap = ap;
    this.cfg = cfg;
    this.task = 'regression';
    this.classes = 1;
    this.loss = 'mse_loss';
    const data = targetData(cfg);
    this.points = data;
    this.nTrain = data.y.length;
    this.train = this.nTrain ? { X: this.#stage(data.X), y: this.#stage(data.y) } : null;
    this.xs = curveXs();
    this.model = nn.Sequential.withOptions({ seed: cfg.seed, init: cfg.init },
      nn.Linear(1, cfg.units), activationModule(ap, cfg.activation, cfg), nn.Linear(cfg.units, 1));
    if (checkpoint) this.model.load_state_dict(checkpoint.model.state_dict);
    this.initialState = this.model.state_dict();
    this.optimizer = cfg.optimizer === 'adam' ? optim.Adam(this.model.parameters(), { lr: cfg.lr })
      : optim.SGD(this.model.parameters(), { lr: cfg.lr, momentum: cfg.optimizer === 'momentum' ? 0.9 : 0 });
    this.stepsPerEpoch = 1;  // full batch: one step is one epoch
    this.steps = checkpoint?.steps ?? 0;
    this.lossHistory = new ThinnedSeries(1);
    this.firstLoss = NaN;
  }

  #stage(values) {
    const b = this.ap.buffer(values.length);
    b.set(values);
    return b;
  }

  get epoch() { return this.steps; }

  /** Trains `steps` full-batch steps; returns '' or what went wrong and what to change. */
  trainSteps(steps) {
    if (!this.train) return '';
    let losses;
    try {
      losses = this.model.fit(this.train.X, this.train.y, { loss: this.loss, optimizer: this.optimizer, steps, batch_size: this.nTrain, shuffle: false });
    } catch (e) {
      return this.#divergence(`training stopped: ${e.message}`);
    }
    this.steps += steps;
    if (Number.isNaN(this.firstLoss) && losses.length) this.firstLoss = losses[0];
    const last = losses[losses.length - 1];
    if (!Number.isFinite(last)) return this.#divergence(`the loss became ${last} (not a finite number)`);
    if (last > 1e4 * Math.max(1, this.firstLoss)) return this.#divergence(`the loss exploded to ${last.toExponential(2)}`);
    return '';
  }

  #divergence(what) {
    const lr = this.cfg.lr;
    return `${what} at epoch ${this.steps}. The learning rate (${lr}) is probably too large: lower it (try ${+(lr / 10).toPrecision(2)}) and press Reset.`;
  }

  /** The current loss on the training points (NaN without points). */
  currentLoss() {
    return this.train ? this.model.evaluate(this.train.X, this.train.y, { loss: this.loss }).loss : NaN;
  }

  /**
   * What the view draws, as typed arrays: xs, the output (model.forward), the units' contributions
   * [H, S] (float64), each unit's input weight w, bias b, output weight v, centre −b/w (±Infinity
   * or NaN for w = 0) and dead flag, the output bias, and the loss history. `full` is accepted for the
   * host's sake; every snapshot is small and complete.
   */
  snapshot({ full = true } = {}) {
    const { model, xs } = this;
    const loss = this.currentLoss();
    this.lossHistory.add(this.epoch, [loss]);
    const output = model.forward(xs);
    const a = model.intermediates(xs)[1].values;
    const sd = model.state_dict();
    const w = sd['0.weight'], b = sd['0.bias'], v = sd['2.weight'];
    const S = xs.length, H = v.length;
    const contrib = contributions(a, v, S);
    const centre = Float64Array.from(w, (wj, j) => -b[j] / wj);  // ±Infinity or NaN where w = 0: no centre
    const dead = new Uint8Array(H);
    for (let j = 0; j < H; j++) {
      let lo = Infinity, hi = -Infinity;
      for (let i = 0; i < S; i++) {
        const c = contrib[j * S + i];
        if (c < lo) lo = c;
        if (c > hi) hi = c;
      }
      dead[j] = hi - lo < DEAD_SPAN ? 1 : 0;
    }
    const lh = this.lossHistory.snapshot();
    const msg = {
      full, epoch: this.epoch, steps: this.steps, trainLoss: loss, testLoss: NaN, task: this.task, classes: this.classes,
      history: { epochs: lh.xs, train: lh.ys[0] },
      fit: { xs: xs.slice(), output, contributions: contrib, w: Float32Array.from(w), b: Float32Array.from(b), v: Float32Array.from(v), outBias: sd['2.bias'][0], centre, dead },
    };
    const f = msg.fit;
    const transfer = [lh.xs.buffer, lh.ys[0].buffer, f.xs.buffer, output.buffer, contrib.buffer, f.w.buffer, f.b.buffer, f.v.buffer, centre.buffer, dead.buffer];
    return { msg, transfer };
  }

  /** The network's output at every training point. */
  predictions() {
    return this.model.forward(this.points.X);
  }

  /** A checkpoint the page keeps: restoring it rebuilds the model (the optimizer's state restarts). */
  checkpoint() {
    return { steps: this.steps, model: this.model.toJSON() };
  }

  dispose() {
    this.model.dispose();
    this.train?.X.dispose();
    this.train?.y.dispose();
  }
}
