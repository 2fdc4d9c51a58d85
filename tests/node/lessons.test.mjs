// The trainer's lessons (web/lessons.mjs): every configuration is valid under the state table, ids are
// unique and URL-safe, every text exists in STRINGS.lessons — and every lesson shows what it claims:
// each check is trained with web/build-config.mjs (the worker's own builder and training loop) and
// must hold at its epoch and still a quarter later (the trainer evaluates at the first snapshot past it),
// in the SIMD build and in the fallback (browsers without WASM SIMD), which give the same bits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from '../../dist/node.mjs';
import { LESSONS, METRICS, PLOTS, checksOf, evaluateCheck, lessonById, validateLessons } from '../../web/lessons.mjs';
import { OUTPUT_HEADS, activationsPerLayer, measure, networkFromState, trainEpochs } from '../../web/build-config.mjs';
import { STRINGS } from '../../web/strings.mjs';
import { TRAINER_KEYS, contextOf, readState } from '../../web/state.mjs';

const ap = await load();
const fallback = await load({ simd: false });
const ctx = contextOf(ap);

test('lessons: at least six, the required ones among them, valid under the state table', () => {
  assert.ok(LESSONS.length >= 6);
  for (const id of ['linear', 'step', 'vanishing', 'dying-relu', 'sigmoid-output', 'softmax']) assert.ok(lessonById(id), id);
  assert.deepEqual(validateLessons(ctx, STRINGS.lessons), []);
});

test('lessons: ids unique and URL-safe; ?lesson=<id> and trainer.lesson=<id> read back', () => {
  assert.equal(new Set(LESSONS.map((l) => l.id)).size, LESSONS.length);
  for (const l of LESSONS) {
    assert.match(l.id, /^[a-z0-9-]+$/);
    assert.equal(encodeURIComponent(l.id), l.id);
    const q = new URLSearchParams(`lesson=${l.id}&trainer.lesson=${l.id}`);
    assert.equal(readState(TRAINER_KEYS, (k) => q.get(k), ctx).values.lesson, l.id);
    assert.equal(readState(TRAINER_KEYS, (k) => q.get(k), ctx, { prefix: 'trainer.' }).values.lesson, l.id);
  }
});

test('lessons: every text key exists, every lesson key of STRINGS is used', () => {
  const used = new Set();
  for (const l of LESSONS) {
    const keys = [l.title, l.text, l.watch, l.question?.prompt, l.question?.explain, ...(l.question?.choices ?? []).map((c) => c.label), l.contrast?.label];
    for (const k of keys.filter(Boolean)) {
      assert.equal(typeof STRINGS.lessons[k], 'string', k);
      used.add(k);
    }
    for (const p of l.plots) assert.ok(PLOTS.includes(p), p);
  }
  const unused = Object.keys(STRINGS.lessons).filter((k) => !used.has(k) && !/^(ui|metric)\./.test(k));
  assert.deepEqual(unused, []);
  for (const m of Object.keys(METRICS)) assert.equal(typeof STRINGS.lessons[`metric.${m}`], 'string', m);
});

test('validateLessons reports a bad state, a bad check and a missing text', () => {
  const l = LESSONS[0];
  const saved = { state: l.state, q: l.question };
  try {
    l.state = { ...l.state, lr: 50, hidden: '4,x', wat: 1 };
    l.question = { ...l.question, check: { metric: 'nope', atEpoch: 0 }, prompt: 'no.such.key' };
    const problems = validateLessons(ctx, STRINGS.lessons).join('\n');
    for (const s of ['lr=', 'hidden=', 'wat', 'unknown metric', 'atEpoch', 'no text "no.such.key"']) assert.ok(problems.includes(s), s);
  } finally {
    l.state = saved.state;
    l.question = saved.q;
  }
});

test('build-config: heads, losses and per-layer activations follow the state', () => {
  const kinds = (net) => net.modules.map((m) => (m.kind === 'linear' ? `L${m.in}x${m.out}` : m.type));
  let net = networkFromState(ap, { dataset: 'circle', hidden: '3,2', activation: 'relu,leaky_relu', negative_slope: 0.2, points: 40 });
  assert.deepEqual(kinds(net), ['L2x3', 'ReLU', 'L3x2', 'LeakyReLU', 'L2x1', 'Sigmoid']);
  assert.deepEqual(net.modules[3].params, [0.2]);
  assert.equal(net.loss, 'binary_cross_entropy');
  assert.equal(net.train.y.length + net.test.y.length, 40);
  assert.equal(net.train.y.length, 20);  // train_pct defaults to 50
  net.model.dispose();
  net = networkFromState(ap, { dataset: 'circle', hidden: '', output: 'logits', features: 'x1_squared,x2_squared,x1' });
  assert.deepEqual(kinds(net), ['L3x1']);
  assert.equal(net.loss, 'binary_cross_entropy_with_logits');
  assert.equal(net.probabilities, 'sigmoid');
  net.model.dispose();
  net = networkFromState(ap, { dataset: 'spirals', classes: 4, hidden: '5', output: 'sigmoid', points: 80 });
  assert.deepEqual(kinds(net), ['L2x5', 'Tanh', 'L5x4']);
  assert.equal(net.loss, 'cross_entropy');
  assert.equal(net.notices.length, 1);  // sigmoid does not fit a multi-class task
  net.model.dispose();
  net = networkFromState(ap, { dataset: 'plane', hidden: '2' });
  assert.deepEqual(kinds(net), ['L2x2', 'Tanh', 'L2x1', 'Tanh']);
  assert.equal(net.loss, 'mse_loss');
  net.model.dispose();
  assert.deepEqual(activationsPerLayer('relu,tanh', 3), ['relu', 'tanh', 'tanh']);
  for (const task of Object.keys(OUTPUT_HEADS)) assert.ok(OUTPUT_HEADS[task].auto, task);
});

test('build-config: trainEpochs in chunks (with measurements between) equals one call', () => {
  const state = { dataset: 'xor', hidden: '4', activation: 'relu', points: 60, seed: 5, optimizer: 'adam', lr: 0.01 };
  const a = networkFromState(ap, state), b = networkFromState(ap, state);
  trainEpochs(a, 3);
  measure(a);
  trainEpochs(a, 4);
  trainEpochs(b, 7);
  assert.equal(a.epoch, 7);
  assert.deepEqual(a.model.state_dict(), b.model.state_dict());
  a.model.dispose();
  b.model.dispose();
});

test('evaluateCheck reads the worker snapshot shape (output head left out, thresholds, readiness)', () => {
  const snap = {
    epoch: 120, testAccuracy: 0.8,
    diagnostics: [{ module: 1, inactive: new Float32Array([1, 0]), weightGradNorm: 1e-5 }, { module: 3, inactive: new Float32Array([1, 1]), weightGradNorm: 1e-2 },
      { module: 5, inactive: new Float32Array([1]), weightGradNorm: 9 }],
    linears: [{ module: 0 }, { module: 2 }, { module: 4 }],
  };
  assert.equal(METRICS.deadCount(snap), 3);
  assert.equal(METRICS.deadFraction(snap), 0.75);
  assert.ok(Math.abs(METRICS.gradNormRatio(snap) - 1e-3) < 1e-9);
  assert.equal(METRICS.maxHiddenGradNorm(snap), 1e-2);
  assert.deepEqual(evaluateCheck({ metric: 'testAccuracy', atEpoch: 100, above: 0.75 }, snap).passed, true);
  assert.deepEqual(evaluateCheck({ metric: 'testAccuracy', atEpoch: 200, above: 0.75 }, snap).ready, false);
  assert.equal(evaluateCheck([{ metric: 'deadCount', atEpoch: 1, atMost: 3 }, { metric: 'testAccuracy', atEpoch: 1, below: 0.5 }], snap).passed, false);
});

/** Trains `state` and evaluates `check` at its epoch and at 1.25× that epoch; returns the measurements. */
function trainAndCheck(module, state, check, name, after) {
  const net = networkFromState(module, state);
  const epochs = [...new Set(checksOf(check).flatMap((c) => [c.atEpoch, Math.round(1.25 * c.atEpoch)]))].sort((x, y) => x - y);
  const seen = [];
  try {
    for (const e of epochs) {
      trainEpochs(net, e - net.epoch);
      const snap = measure(net);
      for (const c of checksOf(check)) {
        if (e !== c.atEpoch && e !== Math.round(1.25 * c.atEpoch)) continue;
        const r = evaluateCheck({ ...c, atEpoch: e }, snap);
        seen.push(`${c.metric}@${e}=${+r.results[0].value.toPrecision(3)}`);
        assert.ok(r.passed, `${name}: ${c.metric} at epoch ${e} is ${r.results[0].value}, the lesson claims ${JSON.stringify(c)}`);
      }
    }
    after?.(net);
  } finally {
    net.model.dispose();
  }
  return seen;
}

// Zero initialisation keeps every neuron of a layer identical: check the weights themselves.
function identicalRows(net) {
  const sd = net.model.state_dict();
  net.modules.forEach((m, i) => {
    if (m.kind !== 'linear') return;
    const w = sd[`${i}.weight`];
    for (let r = 1; r < m.out; r++) assert.deepEqual(w.slice(r * m.in, (r + 1) * m.in), w.slice(0, m.in), `layer ${i} row ${r}`);
  });
}

for (const lesson of LESSONS) {
  const runs = [];
  if (lesson.question?.check) runs.push(['lesson', lesson.state, lesson.question.check]);
  if (lesson.contrast?.check) runs.push(['contrast', { ...lesson.state, ...lesson.contrast.state }, lesson.contrast.check]);
  const builds = [['SIMD', ap], ['fallback', fallback]];
  for (const [[kind, state, check], [build, module]] of runs.flatMap((r) => builds.map((b) => [r, b]))) {
    test(`lesson ${lesson.id} (${kind}, ${build}) shows what it claims`, (t) => {
      const after = lesson.id === 'zero-init' && kind === 'lesson' ? identicalRows : undefined;
      t.diagnostic(trainAndCheck(module, state, check, `${lesson.id} ${kind} ${build}`, after).join(', '));
    });
  }
}
