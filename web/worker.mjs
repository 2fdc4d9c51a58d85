// The training worker: owns the model and the data, trains in C++ (model.fit runs many steps per
// call) and posts plain typed arrays for the page to draw. The page never trains.
import { load } from '../dist/index.mjs';

let ap = null;
let state = null;  // { cfg, model, opt, train: {X, y, n}, test: {X, y, n}, epoch, history }
let running = false;
let timer = 0;

const post = (msg, transfer = []) => self.postMessage(msg, transfer);
const fail = (e) => post({ type: 'error', message: e.message });

// One module for the worker's life. Messages can arrive while it loads; each handler awaits this same
// promise (in arrival order) instead of starting a load of its own, which gave models of one instance
// to the functions of another.
const ready = load().then((module) => {
  ap = module;
  post({ type: 'ready', buildInfo: ap.buildInfo() });
});
ready.catch(fail);  // reported at once; every handler also rethrows it

/** The dataset split, its input features, and a fresh network for `cfg`. */
function build(cfg) {
  const { nn, optim, datasets } = ap;
  const info = datasets.list().find((d) => d.name === cfg.dataset);
  if (!info) throw new Error(`unknown dataset ${JSON.stringify(cfg.dataset)}`);
  const data = datasets[cfg.dataset]({ n: cfg.points, noise: cfg.noise, seed: cfg.seed, classes: cfg.classes });
  const X = datasets.features(data.X, cfg.features);
  const k = cfg.features.length;
  const nTrain = Math.max(1, Math.min(data.n - 1, Math.round(data.n * cfg.trainFraction)));
  const split = (a, w, from, to) => a.slice(from * w, to * w);
  const task = info.task;
  const out = task === 'multiclass' ? data.classes : 1;
  const mods = [];
  let width = k;
  for (const h of cfg.hidden) {
    mods.push(nn.Linear(width, h), nn[cfg.activationModule](...cfg.activationArgs));
    width = h;
  }
  mods.push(nn.Linear(width, out));
  if (task === 'classification') mods.push(nn.Sigmoid());
  if (task === 'regression') mods.push(nn.Tanh());  // targets are in [-1, 1]
  const model = nn.Sequential.withOptions({ seed: cfg.seed, init: cfg.init }, ...mods);
  const opt = cfg.optimizer === 'adam'
    ? optim.Adam(model.parameters(), { lr: cfg.lr, regularization: cfg.regularization, regularization_rate: cfg.regularizationRate })
    : optim.SGD(model.parameters(), { lr: cfg.lr, momentum: cfg.momentum, regularization: cfg.regularization, regularization_rate: cfg.regularizationRate });
  const loss = task === 'classification' ? 'binary_cross_entropy' : task === 'multiclass' ? 'cross_entropy' : 'mse_loss';
  return {
    cfg, model, opt, loss, task, classes: data.classes,
    points: { X: data.X, y: data.y, nTrain },
    train: { X: split(X, k, 0, nTrain), y: split(data.y, 1, 0, nTrain) },
    test: { X: split(X, k, nTrain, data.n), y: split(data.y, 1, nTrain, data.n) },
    epoch: 0, history: [],
  };
}

/** Loss curves, the heatmap of the output, every hidden neuron's grid, and the diagnostics. */
function snapshot() {
  const s = state;
  const ev = (d) => (d.y.length ? s.model.evaluate(d.X, d.y, { loss: s.loss }) : { loss: NaN, accuracy: NaN });
  const te = ev(s.test), tr = ev(s.train);  // train last: the diagnostics then cover every training input
  s.history.push([s.epoch, tr.loss, te.loss]);
  const diag = s.model.diagnostics();
  const g = ap.grid(s.model, { n: s.cfg.grid, box: s.cfg.box, features: s.cfg.features });
  const mods = s.model.modules;
  const lastLinear = mods.map((m) => m.kind).lastIndexOf('linear');
  const hidden = [];
  g.modules.forEach((m, i) => {
    // Hidden neurons: the activations before the last Linear layer (not the output head).
    if (mods[i].kind === 'activation' && i < lastLinear) hidden.push({ module: i, width: m.width, values: m.values });
  });
  const output = s.task === 'multiclass' ? argmaxPlanes(g.output, s.classes) : g.output;
  const transfer = [output.buffer, ...hidden.map((h) => h.values.buffer)];
  post({
    type: 'state', epoch: s.epoch, trainLoss: tr.loss, testLoss: te.loss, trainAccuracy: tr.accuracy, testAccuracy: te.accuracy,
    history: s.history.slice(-2000), grid: { n: g.n, box: g.box, output, hidden },
    diagnostics: diag.map((d) => ({ module: d.module, inactive: Array.from(d.inactive), weightGradNorm: d.weightGradNorm })),
    task: s.task, classes: s.classes,
  }, transfer);
}

/** For k classes (logits as k planes of n points): per grid point, the winning class + its probability, packed as class + p. */
function argmaxPlanes(logits, k) {
  const n = logits.length / k;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0, sum = 0;
    for (let c = 1; c < k; c++) if (logits[c * n + i] > logits[best * n + i]) best = c;
    for (let c = 0; c < k; c++) sum += Math.exp(logits[c * n + i] - logits[best * n + i]);
    out[i] = best + 1 / sum;  // integer part: class; fraction: confidence
  }
  return out;
}

/** `speed` epochs (0: as many as fit in the time budget), one fit() call per epoch so every epoch reshuffles. */
function trainChunk(budgetMs) {
  const s = state;
  const t0 = performance.now();
  const batch = Math.min(s.cfg.batchSize, s.train.y.length);
  let done = 0;
  do {
    s.model.fit(s.train.X, s.train.y, { loss: s.loss, optimizer: s.opt, epochs: 1, batch_size: batch, shuffle: true, seed: s.cfg.seed + s.epoch });
    s.epoch++;
    done++;
  } while (s.cfg.speed ? done < s.cfg.speed : performance.now() - t0 < budgetMs);
}

function loop() {
  if (!running || !state) return;
  try {
    trainChunk(12);
    snapshot();
  } catch (e) {
    running = false;
    fail(e);
    return;
  }
  timer = setTimeout(loop, 16);
}

self.onmessage = async (e) => {
  const msg = e.data;
  try {
    await ready;
    if (msg.type === 'configure') {
      clearTimeout(timer);
      state?.model.dispose();
      state = null;
      state = build(msg.cfg);
      post({ type: 'points', X: state.points.X, y: state.points.y, nTrain: state.points.nTrain, task: state.task, classes: state.classes });
      snapshot();
      if (running) loop();
    } else if (msg.type === 'play') {
      running = true;
      clearTimeout(timer);
      loop();
    } else if (msg.type === 'pause') {
      running = false;
      clearTimeout(timer);
    } else if (msg.type === 'step' && state) {
      state.model.fit(state.train.X, state.train.y, { loss: state.loss, optimizer: state.opt, epochs: 1, batch_size: Math.min(state.cfg.batchSize, state.train.y.length), shuffle: true, seed: state.cfg.seed + state.epoch });
      state.epoch++;
      snapshot();
    } else if (msg.type === 'speed' && state) {
      state.cfg.speed = msg.speed;
    } else if (msg.type === 'lr' && state) {
      state.opt.lr = msg.lr;
      state.cfg.lr = msg.lr;
    }
  } catch (err) {
    running = false;
    fail(err);
  }
};
