// From the trainer's state (web/state.mjs's TRAINER_KEYS values) to data, network, loss and optimizer,
// over the public JS API only: the worker trains what this builds, and the lesson tests
// (tests/node/lessons.test.mjs) train the very same thing in Node. Plain functions, no DOM.
import { TRAINER_KEYS, contextOf, defaults } from './state.mjs';

/**
 * How each output choice (state key `output`) is realised per task: the module after the last Linear
 * layer (`head`), the loss the network trains with, and how its outputs become probabilities for
 * drawing (`probabilities`: 'sigmoid' applies σ to a logit, 'softmax' a softmax over the logits,
 * 'identity' uses the output as it is). PyTorch's advice is followed: a two-class problem either ends
 * in Sigmoid with binary cross-entropy or ends linear with BCE-with-logits (numerically stabler);
 * a multi-class network ends linear and cross_entropy applies log_softmax itself — never a Softmax
 * module before cross_entropy. '2-class softmax' (output=softmax on two classes) is two logits with
 * cross_entropy, the same model as one logit with a sigmoid.
 */
export const OUTPUT_HEADS = {
  classification: {
    auto: { head: 'Sigmoid', loss: 'binary_cross_entropy', probabilities: 'identity', outputs: 1 },
    sigmoid: { head: 'Sigmoid', loss: 'binary_cross_entropy', probabilities: 'identity', outputs: 1 },
    logits: { head: null, loss: 'binary_cross_entropy_with_logits', probabilities: 'sigmoid', outputs: 1 },
    linear: { head: null, loss: 'binary_cross_entropy_with_logits', probabilities: 'sigmoid', outputs: 1 },
    softmax: { head: null, loss: 'cross_entropy', probabilities: 'softmax', outputs: 2 },
  },
  multiclass: {
    auto: { head: null, loss: 'cross_entropy', probabilities: 'softmax' },
    logits: { head: null, loss: 'cross_entropy', probabilities: 'softmax' },
    linear: { head: null, loss: 'cross_entropy', probabilities: 'softmax' },
    softmax: { head: null, loss: 'cross_entropy', probabilities: 'softmax' },
  },
  regression: {
    auto: { head: 'Tanh', loss: 'mse_loss', probabilities: 'identity', outputs: 1 },  // targets lie in [-1, 1]
    tanh: { head: 'Tanh', loss: 'mse_loss', probabilities: 'identity', outputs: 1 },
    linear: { head: null, loss: 'mse_loss', probabilities: 'identity', outputs: 1 },
    logits: { head: null, loss: 'mse_loss', probabilities: 'identity', outputs: 1 },
  },
};

/** The state with every missing key at its default (state.mjs's table, resolved against the module). */
export function withDefaults(ap, values = {}) {
  return { ...defaults(TRAINER_KEYS, contextOf(ap)), ...values };
}

/**
 * One activation name per hidden layer: a single name applies to every layer; a comma list names the
 * layers in order, and a list shorter than the network repeats its last name.
 * @param {string} activation the state's `activation` value ('tanh' or 'relu,relu,sigmoid')
 * @param {number} depth number of hidden layers
 * @returns {string[]}
 */
export function activationsPerLayer(activation, depth) {
  const names = String(activation).split(',').map((s) => s.trim()).filter(Boolean);
  return Array.from({ length: depth }, (_, i) => names[Math.min(i, names.length - 1)]);
}

/** The nn module of one activation, its parameters (negative_slope, alpha, …) read from the state's keys by PyTorch name. */
export function activationModule(ap, name, values) {
  const a = ap.listActivations().find((e) => e.name === name);
  if (!a) throw new Error(`unknown activation ${JSON.stringify(name)}`);
  const params = {};
  for (const p of a.params) if (values[p.name] !== undefined) params[p.name] = values[p.name];
  return ap.nn[a.module](params);
}

/**
 * Builds everything a trainer configuration describes.
 * @param {object} ap the loaded module
 * @param {object} state TRAINER_KEYS values as state.mjs parses them (strings for hidden, features and
 *   activation lists; numbers; missing keys take their defaults)
 * @param {{ data?: { X, y, task, classes } }} [options] the user's own points instead of the state's dataset
 * @returns {{ values, task, classes, head, loss, probabilities, outputs, notices: string[],
 *   modules, model, optimizer, features: string[], points: {X, y, n, nTrain},
 *   train: {X, y}, test: {X, y}, batchSize, stepsPerEpoch, steps: 0, epoch: 0 }}
 *   `modules` are the nn modules in order (Linear, activation, …, Linear[, head]); `model` is the
 *   Sequential built from them with the state's seed and init; `notices` say which requested choice
 *   did not fit the task and what was used instead. Dispose with `net.model.dispose()`.
 */
export function networkFromState(ap, state, { data: ownData } = {}) {
  const values = withDefaults(ap, state);
  const { nn, optim, datasets } = ap;
  const notices = [];
  const info = ownData ?? datasets.list().find((d) => d.name === values.dataset);
  if (!info) throw new Error(`unknown dataset ${JSON.stringify(values.dataset)}`);
  const task = info.task;
  const data = ownData ? { ...ownData, n: ownData.y.length }
    : datasets[values.dataset]({ n: values.points, noise: values.noise, seed: values.seed, classes: values.classes });
  if (data.n < 2) throw new Error('the data needs at least two points: click on the heatmap to add some');
  const features = String(values.features).split(',').map((s) => s.trim()).filter(Boolean);
  const X = datasets.features(data.X, features);
  const k = features.length;
  const nTrain = Math.max(1, Math.min(data.n - 1, Math.round((data.n * values.train_pct) / 100)));

  let choice = OUTPUT_HEADS[task][values.output];
  if (!choice) {
    notices.push(`output ${values.output} does not fit a ${task} task; using ${task === 'multiclass' ? 'logits with softmax' : 'auto'}`);
    choice = OUTPUT_HEADS[task].auto;
  }
  const outputs = choice.outputs ?? data.classes;

  const widths = String(values.hidden).split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  const acts = activationsPerLayer(values.activation, widths.length);
  const modules = [];
  let width = k;
  widths.forEach((h, i) => {
    modules.push(nn.Linear(width, h), activationModule(ap, acts[i], values));
    width = h;
  });
  modules.push(nn.Linear(width, outputs));
  if (choice.head) modules.push(nn[choice.head]());
  const model = nn.Sequential.withOptions({ seed: values.seed, init: values.init }, ...modules);

  const reg = { regularization: values.regularization, regularization_rate: values.reg_rate };
  const optimizer = values.optimizer === 'adam'
    ? optim.Adam(model.parameters(), { lr: values.lr, ...reg })
    : optim.SGD(model.parameters(), { lr: values.lr, momentum: values.optimizer === 'momentum' ? 0.9 : 0, ...reg });

  const batchSize = Math.min(values.batch_size, nTrain);
  const split = (a, w, from, to) => a.slice(from * w, to * w);
  return {
    values, task, classes: data.classes, head: choice.head, loss: choice.loss, probabilities: choice.probabilities, outputs, notices,
    modules, model, optimizer, features,
    points: { X: data.X, y: data.y, n: data.n, nTrain },
    train: { X: split(X, k, 0, nTrain), y: split(data.y, 1, 0, nTrain) },
    test: { X: split(X, k, nTrain, data.n), y: split(data.y, 1, nTrain, data.n) },
    batchSize, stepsPerEpoch: Math.ceil(nTrain / batchSize), steps: 0, epoch: 0,
  };
}

/**
 * Trains `epochs` epochs (whole or fractional; rounded to optimizer steps) the way the trainer's
 * worker does: model.fit with `steps`, shuffling with the state's seed. The core continues one
 * shuffled sequence across fit calls (and evaluate/diagnostics between them change nothing), so
 * 500 epochs in one call or in many chunks give the same weights, bit for bit.
 * Returns the losses of the steps taken (Float32Array).
 */
export function trainEpochs(net, epochs = 1) {
  const steps = Math.round(epochs * net.stepsPerEpoch);
  const losses = steps > 0 ? net.model.fit(net.train.X, net.train.y, {
    loss: net.loss, optimizer: net.optimizer, steps, batch_size: net.batchSize, shuffle: true, seed: net.values.seed,
  }) : new Float32Array(0);
  net.steps += steps;
  net.epoch = net.steps / net.stepsPerEpoch;
  return losses;
}

/**
 * The measurable part of a trainer snapshot: losses and accuracies on both splits, and per hidden
 * activation layer (the output head excluded) the dead share of each neuron (`inactive`, over the
 * training inputs), the saturated share and the gradient norm of the Linear layer feeding it (from
 * the last training step). The worker adds the heatmap grids; lessons' checks read this.
 */
export function measure(net) {
  const m = net.model;
  const ev = (d) => (d.y.length ? m.evaluate(d.X, d.y, { loss: net.loss }) : { loss: NaN, accuracy: NaN });
  const te = ev(net.test), tr = ev(net.train);  // train last: the diagnostics then cover every training input
  const lastLinear = m.modules.map((x) => x.kind).lastIndexOf('linear');
  const diagnostics = m.diagnostics().filter((d) => d.module < lastLinear).map((d) => ({
    module: d.module, inactive: Array.from(d.inactive), saturated: Array.from(d.saturated), weightGradNorm: d.weightGradNorm,
  }));
  return { epoch: net.epoch, trainLoss: tr.loss, testLoss: te.loss, trainAccuracy: tr.accuracy, testAccuracy: te.accuracy, diagnostics };
}
