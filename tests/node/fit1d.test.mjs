// The 1-D fit's worker run (web/fit1d-run.mjs) on the real module: what its snapshot draws is the
// core's network — the units' contributions plus the output bias give model.forward at every plotted
// x — every target is learnt (the loss falls), dead units and centres are what the weights say, and
// a race's contestants start from the same weights.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from '../../dist/node.mjs';
import { Fit1dRun, contributions } from '../../web/fit1d-run.mjs';
import { CURVE_SAMPLES, FIT1D_RANGE, TARGET_CHOICES, TARGET_SAMPLES, parsePointsText, pointsText, targetData } from '../../web/fit1d-targets.mjs';
import { FIT1D_KEYS, contextOf, defaults, readState } from '../../web/state.mjs';

const ap = await load();
const ctx = contextOf(ap);
const base = defaults(FIT1D_KEYS, ctx);
const USER_POINTS = '-2.5,1,-1,-0.5,0,0.8,1.2,-0.2,2.6,1.4';
const cfgOf = (over = {}) => ({ ...base, xy: USER_POINTS, ...over, view: 'fit1d' });

function withRun(cfg, fn, options) {
  const run = new Fit1dRun(ap, cfg, options);
  try {
    return fn(run);
  } finally {
    run.dispose();
  }
}

/**
 * The largest |Σ_j c_j(x) + bias − output(x)| over the plotted x, relative to the size of the terms:
 * the core's forward sums in float32, so it can only promise agreement to a few float32 ulps of the
 * largest partial sums (Σ|c_j| + |bias|); where those stay within 1 the bound is 1e-6 absolutely.
 */
function sumMismatch(fit) {
  const S = fit.xs.length, H = fit.v.length;
  let worst = 0;
  for (let i = 0; i < S; i++) {
    let sum = fit.outBias, scale = Math.abs(fit.outBias);
    for (let j = 0; j < H; j++) {
      sum += fit.contributions[j * S + i];
      scale += Math.abs(fit.contributions[j * S + i]);
    }
    worst = Math.max(worst, Math.abs(sum - fit.output[i]) / Math.max(1, scale));
  }
  return worst;
}

test('fit1d: the units\' contributions plus the output bias equal model.forward at every plotted x (1e-6)', () => {
  for (const activation of ['relu', 'tanh', 'sigmoid', 'gelu', 'leaky_relu', 'step']) {
    for (const target of TARGET_CHOICES) {
      withRun(cfgOf({ activation, target, units: 12 }), (run) => {
        for (const epochs of [0, 400]) {
          run.trainSteps(epochs);
          const { fit } = run.snapshot().msg;
          assert.equal(fit.xs.length, CURVE_SAMPLES);
          assert.deepEqual(Array.from(fit.output), Array.from(run.model.forward(fit.xs)), 'output is model.forward');
          const err = sumMismatch(fit);
          assert.ok(err <= 1e-6, `${activation} on ${target} after ${epochs} epochs: mismatch ${err}`);
        }
      });
    }
  }
});

test('fit1d: the sum check fails when a contribution is wrong (a unit left out, weights swapped, pre-activations)', () => {
  withRun(cfgOf({ activation: 'tanh', target: 'sin', units: 8 }), (run) => {
    run.trainSteps(300);
    const { fit } = run.snapshot().msg;
    const S = fit.xs.length;
    const live = fit.dead.indexOf(0);
    const dropped = fit.contributions.slice();
    dropped.fill(0, live * S, (live + 1) * S);
    assert.ok(sumMismatch({ ...fit, contributions: dropped }) > 1e-3);
    const swapped = contributions(run.model.intermediates(fit.xs)[1].values, Float32Array.from(fit.v).reverse(), S);
    assert.ok(sumMismatch({ ...fit, contributions: swapped }) > 1e-3);
    const pre = contributions(run.model.intermediates(fit.xs)[0].values, fit.v, S);
    assert.ok(sumMismatch({ ...fit, contributions: pre }) > 1e-3);
  });
});

test('fit1d: every target is learnt: the loss falls to under half within 600 epochs (ReLU and tanh, with and without noise)', () => {
  for (const activation of ['relu', 'tanh']) {
    for (const target of TARGET_CHOICES) {
      for (const noise of [0, 0.2]) {
        withRun(cfgOf({ activation, target, noise }), (run) => {
          const first = run.currentLoss();
          assert.equal(run.trainSteps(600), '');
          const last = run.snapshot().msg.trainLoss;
          assert.ok(Number.isFinite(first) && last < 0.5 * first, `${activation} on ${target}, noise ${noise}: ${first} → ${last}`);
          assert.equal(run.epoch, 600);
        });
      }
    }
  }
});

test('fit1d: dead units and centres are read from the weights: a ReLU unit off on all of [−3, 3] is dead', () => {
  const cfg = cfgOf({ activation: 'relu', units: 3 });
  const doc = withRun(cfg, (run) => run.checkpoint().model);
  const sd = doc.state_dict;
  sd['0.weight'] = [1, 1, 0];  // unit 1: relu(x − 5) = 0 on [−3, 3]; unit 2: hinge at x = 2; unit 3: no hinge
  sd['0.bias'] = [-5, -2, 0.5];
  sd['2.weight'] = [1, 1, 1];
  withRun(cfg, (run) => {
    const { fit } = run.snapshot().msg;
    assert.deepEqual(Array.from(fit.dead), [1, 0, 1]);
    assert.equal(fit.centre[1], 2);
    assert.equal(fit.centre[2], -Infinity);
    assert.ok(sumMismatch(fit) <= 1e-6);
  }, { checkpoint: { steps: 7, model: doc } });
});

test('fit1d: race contestants (another activation, same seed) start from the same weights; a checkpoint restores the fit', () => {
  const weights = (activation) => withRun(cfgOf({ activation, units: 16 }), (run) => Object.fromEntries(['0.weight', '0.bias', '2.weight', '2.bias'].map((k) => [k, Array.from(run.initialState[k])])));
  const relu = weights('relu');
  for (const other of ['tanh', 'gelu', 'sigmoid']) assert.deepEqual(weights(other), relu, other);
  assert.notDeepEqual(withRun(cfgOf({ seed: 2, units: 16 }), (run) => Array.from(run.initialState['0.weight'])), relu['0.weight']);
  const cfg = cfgOf({ activation: 'tanh' });
  const [saved, output] = withRun(cfg, (run) => {
    run.trainSteps(50);
    return [run.checkpoint(), Array.from(run.snapshot().msg.fit.output)];
  });
  withRun(cfg, (run) => {
    assert.equal(run.epoch, 50);
    assert.deepEqual(Array.from(run.snapshot().msg.fit.output), output);
  }, { checkpoint: saved });
});

test('fit1d: targets are sampled on [−3, 3]; noise is seeded; no points means no training and no crash', () => {
  const clean = targetData({ target: 'abs', noise: 0, seed: 1 });
  assert.equal(clean.X.length, TARGET_SAMPLES);
  assert.ok(clean.X.every((x) => x > FIT1D_RANGE[0] && x < FIT1D_RANGE[1]));
  clean.X.forEach((x, i) => assert.equal(clean.y[i], Math.fround(Math.abs(x))));
  const a = targetData({ target: 'sin', noise: 0.3, seed: 5 }), b = targetData({ target: 'sin', noise: 0.3, seed: 5 });
  assert.deepEqual(a, b);
  assert.notDeepEqual(a.y, targetData({ target: 'sin', noise: 0.3, seed: 6 }).y);
  assert.throws(() => targetData({ target: 'cubic' }), /unknown target "cubic"/);
  withRun(cfgOf({ target: 'points', xy: '' }), (run) => {
    assert.equal(run.nTrain, 0);
    assert.equal(run.trainSteps(10), '');
    const { msg } = run.snapshot();
    assert.ok(Number.isNaN(msg.trainLoss));
    assert.equal(msg.fit.output.length, CURVE_SAMPLES);
  });
});

test('fit1d: typed points are read or refused with a reason; the state table checks pairs and ranges', () => {
  assert.deepEqual(parsePointsText('-1,0.5; 0 1\n2.5, -3'), { list: '-1,0.5,0,1,2.5,-3' });
  assert.deepEqual(parsePointsText(''), { list: '' });
  assert.match(parsePointsText('1,2; 3').problem, /"3" is not an x,y pair/);
  assert.match(parsePointsText('4,0').problem, /x must be within \[-3, 3\]/);
  assert.match(parsePointsText('0,11').problem, /y within \[-10, 10\]/);
  assert.equal(pointsText('-1,0.5,0,1'), '-1,0.5; 0,1');
  const q = new URLSearchParams('fit1d.xy=1,2,3&fit1d.units=40&fit1d.target=sawtooth&fit1d.activation=gelu');
  const { values, notices } = readState(FIT1D_KEYS, (k) => q.get(k), ctx, { prefix: 'fit1d.' });
  assert.equal(values.target, 'sawtooth');
  assert.equal(values.activation, 'gelu');
  assert.equal(values.xy, '');
  assert.equal(values.units, base.units);
  assert.equal(notices.length, 2);
  assert.match(notices.join('; '), /fit1d\.xy=.*x,y pairs/);
  assert.match(notices.join('; '), /fit1d\.units=.*outside \[1, 32\]/);
});
