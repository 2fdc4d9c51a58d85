// The trainer's lessons (issue #12) as data: each sets a configuration in the state table's keys
// (web/state.mjs TRAINER_KEYS), says what to watch, and may ask a question before it runs whose
// answer the trainer reveals from a measured outcome. Every text is a key of STRINGS.lessons
// (web/strings.mjs), so a translation is one file. Each configuration was tuned by training it with
// the JS API (web/build-config.mjs, the worker's own builder); tests/node/lessons.test.mjs trains
// every lesson and asserts the outcome its check claims.
import { TRAINER_KEYS, paramKeys, parseValue } from './state.mjs';

/**
 * What a lesson's `plots` may name: the views of the trainer it points at.
 * heatmap: output over the plane with the points; neurons: one tile per hidden neuron;
 * histograms: per layer pre-activations with saturated/dead regions shaded; gradients: gradient
 * norm per layer (log scale); dead: the dead-neuron count; loss: the loss curves.
 */
export const PLOTS = ['heatmap', 'neurons', 'histograms', 'gradients', 'dead', 'loss'];

/**
 * Outcomes a check can name, each read from a trainer snapshot ({ epoch, testAccuracy, trainAccuracy,
 * testLoss, trainLoss, diagnostics: [{ module, inactive, weightGradNorm }], linears? }). Only hidden
 * layers count: with `linears` in the snapshot, diagnostics at or after the last Linear module (the
 * output head) are left out. A neuron is dead when it passes no gradient for any training input
 * (inactive === 1).
 */
export const METRICS = {
  testAccuracy: (s) => s.testAccuracy,
  trainAccuracy: (s) => s.trainAccuracy,
  testLoss: (s) => s.testLoss,
  trainLoss: (s) => s.trainLoss,
  deadCount: (s) => hiddenDiagnostics(s).reduce((n, d) => n + Array.from(d.inactive).filter((f) => f === 1).length, 0),
  deadFraction: (s) => {
    const h = hiddenDiagnostics(s);
    const total = h.reduce((n, d) => n + d.inactive.length, 0);
    return total ? METRICS.deadCount(s) / total : 0;
  },
  // The first hidden layer's weight-gradient norm over the last hidden layer's (vanishing: ≪ 1).
  gradNormRatio: (s) => {
    const h = hiddenDiagnostics(s);
    return h.length ? h[0].weightGradNorm / h[h.length - 1].weightGradNorm : NaN;
  },
  maxHiddenGradNorm: (s) => Math.max(...hiddenDiagnostics(s).map((d) => d.weightGradNorm)),
};

function hiddenDiagnostics(s) {
  const last = s.linears?.length ? Math.max(...s.linears.map((l) => l.module)) : Infinity;
  return (s.diagnostics ?? []).filter((d) => d.module < last);
}

const base = { noise: 0.1, points: 300, seed: 1, speed: 'max' };

/**
 * One lesson; its texts are the STRINGS.lessons keys `<id>.title`, `.text`, `.watch`, `.q`,
 * `.a.<choice>`, `.explain` and `.contrast`.
 */
function lesson(id, plots, state, { answer, choices, check }, contrast) {
  const k = (name) => `${id}.${name}`;
  return {
    id, title: k('title'), text: k('text'), watch: k('watch'), plots, state,
    question: { prompt: k('q'), answer, explain: k('explain'), choices: choices.map((c) => ({ id: c, label: k(`a.${c}`) })), check },
    ...(contrast && { contrast: { label: k('contrast'), ...contrast } }),
  };
}

const accuracy = (atEpoch, bound) => ({ metric: 'testAccuracy', atEpoch, ...bound });

/**
 * The lessons, in menu order. Each: { id (URL value of `lesson`), title, text, watch (STRINGS.lessons
 * keys), plots (PLOTS), state (TRAINER_KEYS values as state.mjs parses them; missing keys take their
 * defaults), question?: { prompt, choices: [{ id, label }], answer (a choice id), explain, check? },
 * contrast?: { label, state (changes to the lesson's state), check? } }. A check is
 * { metric (METRICS), atEpoch, above? | below? | atMost? | atLeast? } or an array of them (all must
 * hold). The `measured` comments are what each configuration gave when it was tuned.
 */
export const LESSONS = [
  // measured: test accuracy 0.44 from epoch 50 to 2000; tanh 0.97 at epoch 300
  lesson('linear', ['heatmap', 'loss'],
    { ...base, dataset: 'circle', hidden: '4,4', activation: 'linear', lr: 0.03 },
    { answer: 'low', choices: ['high', 'mid', 'low'], check: accuracy(300, { below: 0.75 }) },
    { state: { activation: 'tanh' }, check: accuracy(300, { above: 0.9 }) }),
  // measured: hidden gradient norms exactly 0, 8 of 8 neurons dead, test accuracy 0.59 at epochs 100-2000
  lesson('step', ['gradients', 'dead', 'neurons'],
    { ...base, dataset: 'circle', hidden: '4,4', activation: 'step', lr: 0.03 },
    { answer: 'frozen', choices: ['change', 'frozen', 'explode'],
      check: [{ metric: 'maxHiddenGradNorm', atEpoch: 100, atMost: 0 }, { metric: 'deadFraction', atEpoch: 100, atLeast: 1 }] },
    { state: { activation: 'tanh' }, check: accuracy(300, { above: 0.9 }) }),
  // measured at epoch 100: layer gradient norms 6.0e-6 … 1.3e-2 (first/last 4.5e-4), test accuracy
  // 0.50 (to epoch 2000); tanh: first/last 3.0, test accuracy 0.97 at epoch 300
  lesson('vanishing', ['gradients', 'histograms', 'loss'],
    { ...base, dataset: 'circle', hidden: '6,6,6,6,6,6', activation: 'sigmoid', lr: 0.03 },
    { answer: 'orders', choices: ['same', 'ten', 'orders', 'larger'], check: { metric: 'gradNormRatio', atEpoch: 100, below: 0.01 } },
    { state: { activation: 'tanh' }, check: [{ metric: 'gradNormRatio', atEpoch: 100, above: 0.3 }, accuracy(300, { above: 0.9 })] }),
  // measured: 20 of 24 ReLU neurons dead from epoch 100 to 2000, test accuracy 0.50;
  // leaky_relu: 0 dead, test accuracy 0.97 / 0.95 / 0.97 at epochs 100 / 200 / 300
  lesson('dying-relu', ['dead', 'neurons', 'gradients'],
    { ...base, dataset: 'circle', hidden: '8,8,8', activation: 'relu', lr: 2 },
    { answer: 'most', choices: ['none', 'few', 'most'], check: { metric: 'deadFraction', atEpoch: 100, above: 0.5 } },
    { state: { activation: 'leaky_relu', negative_slope: 0.01 }, check: [{ metric: 'deadCount', atEpoch: 200, atMost: 0 }, accuracy(200, { above: 0.9 })] }),
  // measured: test accuracy 0.967 / 0.973 at epochs 200 / 300, step for step the same with output=logits
  lesson('sigmoid-output', ['heatmap', 'loss'],
    { ...base, dataset: 'circle', hidden: '4,4', activation: 'tanh', output: 'sigmoid', lr: 0.03 },
    { answer: 'same', choices: ['same', 'logits', 'sigmoid'], check: accuracy(300, { above: 0.9 }) },
    { state: { output: 'logits' }, check: accuracy(300, { above: 0.9 }) }),
  // measured: test accuracy 0.94 / 0.97 / 0.98 at epochs 100 / 200 / 1000; no hidden layer: 0.43 at epoch 200
  lesson('softmax', ['heatmap', 'loss'],
    { ...base, dataset: 'spirals', classes: 3, points: 600, noise: 0, seed: 2, hidden: '16,16', activation: 'relu', output: 'softmax', optimizer: 'adam', lr: 0.01, batch_size: 20 },
    { answer: 'yes', choices: ['yes', 'no'], check: accuracy(200, { above: 0.9 }) },
    { state: { hidden: '' }, check: accuracy(200, { below: 0.6 }) }),
  // measured: test accuracy 0.967 from epoch 50 to 2000; with x1, x2: 0.43
  lesson('features', ['heatmap'],
    { ...base, dataset: 'circle', hidden: '', features: 'x1_squared,x2_squared', lr: 0.03 },
    { answer: 'yes', choices: ['yes', 'no'], check: accuracy(100, { above: 0.9 }) },
    { state: { features: 'x1,x2' }, check: accuracy(100, { below: 0.75 }) }),
  // measured: test accuracy 0.50 at epoch 300 (0.65 from epoch 375 to 2000), the neurons of each layer
  // identical; xavier: 0.947 at epoch 300
  lesson('zero-init', ['neurons', 'heatmap'],
    { ...base, dataset: 'circle', hidden: '4,4', activation: 'sigmoid', init: 'zeros', lr: 0.3 },
    { answer: 'no', choices: ['yes', 'no'], check: accuracy(300, { below: 0.75 }) },
    { state: { init: 'xavier' }, check: accuracy(300, { above: 0.9 }) }),
  // measured: test loss 44.16, test accuracy 0.553 and every gradient norm exactly 0 from epoch 25 to
  // 2000; output=logits: test accuracy 0.967-0.973 from epoch 25 to 2000
  lesson('saturated-output', ['loss', 'gradients'],
    { ...base, dataset: 'circle', hidden: '8,8', activation: 'leaky_relu', output: 'sigmoid', optimizer: 'momentum', lr: 0.5 },
    { answer: 'stuck', choices: ['recover', 'stuck', 'nan'],
      check: [{ metric: 'testLoss', atEpoch: 100, above: 10 }, { metric: 'maxHiddenGradNorm', atEpoch: 100, atMost: 0 }] },
    { state: { output: 'logits' }, check: accuracy(500, { above: 0.9 }) }),
];

/** The lesson with this id, or undefined. */
export function lessonById(id) {
  return LESSONS.find((l) => l.id === id);
}

/** A check as a list (a single check or an array of them). */
export const checksOf = (check) => (check === undefined ? [] : Array.isArray(check) ? check : [check]);

/**
 * Evaluates a check (or a list of them) on a trainer snapshot. Each check is meant to be read at the
 * first snapshot whose epoch reaches its atEpoch: a trainer keeps (latches) each result once it is
 * ready, since later epochs may differ (the lesson tests also hold each check at 1.25 × atEpoch).
 * @returns {{ ready: boolean, passed: boolean, results: {check, ready, value, passed}[] }} `ready`
 *   once every check's epoch is reached; `passed` when ready and every check holds
 */
export function evaluateCheck(check, snapshot) {
  const results = checksOf(check).map((c) => {
    const value = METRICS[c.metric](snapshot);
    const passed = Number.isFinite(value) && (c.above === undefined || value > c.above) && (c.below === undefined || value < c.below)
      && (c.atMost === undefined || value <= c.atMost) && (c.atLeast === undefined || value >= c.atLeast);
    return { check: c, ready: snapshot.epoch >= c.atEpoch, value, passed };
  });
  const ready = results.every((r) => r.ready);
  return { ready, passed: ready && results.every((r) => r.passed), results };
}

/**
 * Checks every lesson against the state table and itself; returns a list of problems ('' none).
 * @param {object} ctx state.mjs contextOf(ap)
 * @param {object} [strings] STRINGS.lessons, to check that every text key exists
 */
export function validateLessons(ctx, strings) {
  const problems = [];
  // The trainer's keys and the activation parameters (negative_slope, alpha, …), as the URL reads them.
  const keys = new Map([...paramKeys(ctx), ...TRAINER_KEYS].map((e) => [e.key, e]));
  const ids = new Set();
  for (const l of LESSONS) {
    const where = `lesson ${JSON.stringify(l.id)}`;
    if (!/^[a-z0-9-]+$/.test(l.id)) problems.push(`${where}: id must be lower-case letters, digits and hyphens`);
    if (ids.has(l.id)) problems.push(`${where}: id repeated`);
    ids.add(l.id);
    const states = [['state', l.state], ...(l.contrast ? [['contrast.state', { ...l.state, ...l.contrast.state }]] : [])];
    for (const [name, state] of states) {
      for (const [k, v] of Object.entries(state)) {
        const entry = keys.get(k);
        if (!entry) {
          problems.push(`${where}: ${name}.${k} is not a trainer key or activation parameter`);
          continue;
        }
        const r = parseValue(entry, String(v), ctx);
        if ('problem' in r) problems.push(`${where}: ${name}: ${r.problem}`);
        else if (String(r.value) !== String(v)) problems.push(`${where}: ${name}.${k} is ${JSON.stringify(v)}, the table reads ${JSON.stringify(r.value)}`);
      }
    }
    if (l.question) {
      const q = l.question;
      if (!q.choices?.some((c) => c.id === q.answer)) problems.push(`${where}: the answer is not one of the choices`);
      if (new Set(q.choices.map((c) => c.id)).size !== q.choices.length) problems.push(`${where}: choice ids repeat`);
    }
    for (const c of [...checksOf(l.question?.check), ...checksOf(l.contrast?.check)]) {
      if (!(c.metric in METRICS)) problems.push(`${where}: unknown metric ${c.metric}`);
      if (!Number.isInteger(c.atEpoch) || c.atEpoch < 1) problems.push(`${where}: atEpoch must be a positive whole number`);
      if (!['above', 'below', 'atMost', 'atLeast'].some((b) => b in c)) problems.push(`${where}: a check needs above, below, atMost or atLeast`);
    }
    for (const p of l.plots ?? []) if (!PLOTS.includes(p)) problems.push(`${where}: unknown plot ${p}`);
    if (strings) {
      const textKeys = [l.title, l.text, l.watch, l.question?.prompt, l.question?.explain, ...(l.question?.choices ?? []).map((c) => c.label), l.contrast?.label];
      for (const k of textKeys.filter((x) => x !== undefined)) if (typeof strings[k] !== 'string') problems.push(`${where}: no text ${JSON.stringify(k)} in STRINGS.lessons`);
    }
  }
  return problems;
}
