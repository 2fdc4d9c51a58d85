// The browser scenarios, written once and run in every engine (tests/engines/run.mjs). They use only the
// driver interface (drivers/base.mjs) and find controls by the names a user sees (page-helper.mjs), so
// they hold for the page as the page contract describes it, not for its ids:
//   explorer: region "Activation explorer" with a select "Activation";
//   trainer:  region "Train a network" with "Dataset", "Noise", "Training data %", "Batch size",
//             "Learning rate", "Activation for all layers", buttons "Play" (named "Pause" while training),
//             "Step", "Reset", and readouts "Epoch", "Training loss", "Test loss";
//   <html data-build="simd|fallback" data-ready="true"> after load; ?wasm=fallback forces the fallback.
//   embeds:   tests/engines/fixtures/embeds.html: <activation-playground> explorer (#ex) and trainer (#tr),
//             whose controls carry the same names inside their shadow roots, and an iframe of
//             index.html?embed=1&view=softmax (#fr) that posts to its parent, with a "Temperature (number)"
//             field and meters "softmax 1"… drawn as bars.
// What they evaluate in the page is in in-page.mjs.
import { diff } from './compute.mjs';
import { visibleAlerts } from './page-helper.mjs';
import { pageState, engineHasSimd, canvasSignature, regionText, embedsState, meterBars, commandFrame } from './in-page.mjs';

export { visibleAlerts };

const EXPLORER = { within: 'Activation explorer' };
const TRAINER = { within: 'Train a network' };
// On the embeds page: the explorer and trainer elements (no names of their own) and the iframe.
const EX = { host: 'ex' };
const TR = { host: 'tr' };
const FRAME = { frame: 'fr' };
export const CLASSIC = ['step', 'sigmoid', 'tanh', 'relu', 'leaky_relu', 'softmax'];

class Failure extends Error {}
function check(ok, message) {
  if (!ok) throw new Failure(message);
}

// --- shared steps ---------------------------------------------------------------------------------

async function openPage(d, ctx, query = '') {
  await d.open(ctx.page(query));
  // Ready, or stop early at an alert or an error the engine reported (the runner lists those).
  const end = Date.now() + 30_000;
  for (;;) {
    const s = await d.evaluate(pageState);
    if (s.ready === 'true') return s;
    const alerts = await d.evaluate(visibleAlerts);
    const errors = [...(await d.pendingErrors()), ...ctx.failedRequests()];
    if (alerts.length || errors.length || Date.now() > end) {
      throw new Failure(`the page did not become ready (<html data-ready=${JSON.stringify(s.ready)}>)${alerts.length ? `; it says: ${alerts.join(' | ')}` : ''}${errors.length ? '; see the errors below' : ''}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function noAlerts(d, where) {
  const alerts = await d.evaluate(visibleAlerts);
  check(alerts.length === 0, `${where}: the page shows ${alerts.length} alert(s): ${alerts.join(' | ')}`);
}

const number = (text) => (/^-?\d+(\.\d+)?(e[-+]?\d+)?$/i.test(String(text).trim()) ? Number(text) : NaN);

async function readouts(d) {
  return {
    epoch: number(await d.text('Epoch', TRAINER)),
    train: await d.text('Training loss', TRAINER),
    test: await d.text('Test loss', TRAINER),
  };
}

/** Resets the trainer and trains exactly one epoch with Step; returns the readouts at epoch 1. */
async function resetAndStep(d) {
  await d.click('Reset', TRAINER);
  await d.waitForText('Epoch 0 after Reset', 'Epoch', TRAINER, (t) => number(t) === 0);
  await d.click('Step', TRAINER);
  await d.waitForText('Epoch 1 after Step', 'Epoch', TRAINER, (t) => number(t) === 1);
  await d.waitForText('a test loss at epoch 1', 'Test loss', TRAINER, (t) => Number.isFinite(number(t)));
  return readouts(d);
}

const wasmRequests = (log) => log.filter((r) => r.path.endsWith('.wasm')).map((r) => r.path.replace(/^.*\//, ''));

// --- the scenarios --------------------------------------------------------------------------------

export const scenarios = [
  {
    name: 'the page loads its build with no console errors, failed requests or alerts',
    async run(d, ctx) {
      const s = await openPage(d, ctx);
      const simd = await d.evaluate(engineHasSimd);
      check(['simd', 'fallback'].includes(s.build), `<html data-build> is ${JSON.stringify(s.build)}, expected simd or fallback`);
      check(s.build === (simd ? 'simd' : 'fallback'), `the engine ${simd ? 'validates' : 'rejects'} WASM SIMD but the page loaded the ${s.build} build`);
      ctx.note('build', s.build);
      const wasm = wasmRequests(ctx.requests());
      // The activations-only module for the explorer, then the whole one for the worker: the build's two, once each.
      const v = simd ? 'simd' : 'nosimd';
      check(JSON.stringify([...wasm].sort()) === JSON.stringify([`ap_${v}.wasm`, `ap_act_${v}.wasm`].sort()), `.wasm requests: ${wasm.join(', ') || 'none'}`);
      for (const region of ['Activation explorer', 'Train a network']) {
        const names = await d.names({ within: region }).catch((e) => e);
        check(Array.isArray(names) && names.length > 0, `region ${JSON.stringify(region)}: ${names instanceof Error ? names.message : 'no named controls'}`);
      }
      // The trainer's worker loads its own module and posts a first snapshot: losses at epoch 0.
      await d.waitForText('the trainer\'s first snapshot (a number in Test loss)', 'Test loss', TRAINER, (t) => Number.isFinite(number(t)));
      await noAlerts(d, 'after load');
      return `build ${s.build}`;
    },
  },

  {
    name: 'the explorer draws each of the six classic activations and shows its formula',
    async run(d, ctx) {
      await openPage(d, ctx);
      const seen = new Map();
      for (const fn of CLASSIC) {
        await d.select('Activation', fn, EXPLORER);
        const value = await d.text('Activation', EXPLORER);
        check(value === fn, `the Activation select shows ${JSON.stringify(value)} after choosing ${fn}`);
        const formula = ctx.node.formulas[fn];
        await waitForRegionText(d, 'Activation explorer', formula, fn);
        // The chart is drawn when it differs from the charts before (redraws may wait for a frame).
        const sig = await waitForNewChart(d, fn, seen);
        seen.set(fn, sig.hash);
        if (fn === 'tanh') await d.screenshot(ctx.screen('explorer'), EXPLORER);
      }
      return `${new Set(seen.values()).size} distinct charts for ${seen.size} functions`;
    },
  },

  {
    name: 'the trainer trains XOR: Step, Play, the test loss falls, Pause, Reset',
    async run(d, ctx) {
      await openPage(d, ctx);
      await d.select('Dataset', 'xor', TRAINER);
      check((await d.text('Dataset', TRAINER)) === 'xor', 'the Dataset select does not show xor');
      await d.waitForText('Epoch 0 for the new dataset', 'Epoch', TRAINER, (t) => number(t) === 0);
      await d.click('Step', TRAINER);
      await d.waitForText('Epoch 1 after Step', 'Epoch', TRAINER, (t) => number(t) === 1);
      const first = await waitForEpoch(d, 1);
      const firstLoss = number(first.test);
      // One epoch a frame while the screenshot is taken, so it shows the network mid-training (at full
      // speed XOR has converged a few thousand epochs later, by the time the shot is taken); then full speed.
      await d.select('Speed', '1', TRAINER);
      await d.click('Play', TRAINER);
      await d.waitForText('the Play button to be named "Pause" while training', 'Pause', { ...TRAINER, role: 'button' }, () => true);
      const mid = await waitForEpoch(d, 100, 60_000);
      await d.screenshot(ctx.screen('trainer'), TRAINER);
      const shot = await readouts(d);
      await d.select('Speed', 'max', TRAINER);
      const later = await waitForEpoch(d, 300, 60_000);
      const laterLoss = number(later.test);
      check(laterLoss < firstLoss, `the test loss did not fall: ${first.test} at epoch 1, ${mid.test} at epoch ${mid.epoch}, ${later.test} at epoch ${later.epoch}`);
      await d.click('Pause', TRAINER);
      await d.waitForText('the Pause button to be named "Play" again', 'Play', { ...TRAINER, role: 'button' }, () => true);
      // Reset rebuilds the same seeded network: one Step gives the same readouts as the first time.
      const again = await resetAndStep(d);
      check(again.test === first.test && again.train === first.train,
        `after Reset, epoch 1 shows training/test loss ${again.train} / ${again.test}; the first epoch 1 showed ${first.train} / ${first.test}`);
      ctx.note('xor epoch 1', `${again.train} / ${again.test}`);
      await noAlerts(d, 'after training');
      return `test loss ${first.test} at epoch 1 → ${later.test} at epoch ${later.epoch}; screenshot between epochs ${mid.epoch} and ${shot.epoch} (test loss ${shot.test})`;
    },
  },

  {
    name: 'the URL round-trips: a link sets the controls, a change rewrites the link',
    async run(d, ctx) {
      // Old link spellings from the README (aliases of the current keys).
      const link = '?fn=leaky_relu&negative_slope=0.25&data=xor&noise=0.2&train=60&batch=5&lr=0.1&act=relu';
      await openPage(d, ctx, link);
      // Some controls show the state once the worker's first snapshot arrives (the network diagram's menus).
      const same = (got, want) => (Number.isFinite(Number(want)) ? Number(got) === Number(want) : got === want);
      const expect = (name, opts, want) => d.waitForText(`${name} to show ${want}, as the link says`, name, opts, (got) => same(got, want), { timeout: 10_000 });
      await expect('Activation', EXPLORER, 'leaky_relu');
      await expect('Dataset', TRAINER, 'xor');
      await expect('Noise', TRAINER, '0.2');
      await expect('Training data %', TRAINER, '60');
      await expect('Batch size', TRAINER, '5');
      await expect('Learning rate', TRAINER, '0.1');
      await expect('Activation for all layers', TRAINER, 'relu');
      await noAlerts(d, 'after loading the link');

      const before = (await d.evaluate(pageState)).href;
      await d.select('Activation', 'elu', EXPLORER);
      const afterSelect = await d.waitFor('the URL to change after choosing elu', (b) => location.href !== b && location.href, [before]);
      await d.type('Batch size', '7', TRAINER);
      const changed = await d.waitFor('the URL to change after typing a batch size', (b) => location.href !== b && location.href, [afterSelect]);
      // Round trip: the rewritten link, loaded fresh, shows the changed and the unchanged settings.
      await openPage(d, ctx, new URL(changed).search);
      await expect('Activation', EXPLORER, 'elu');
      await expect('Batch size', TRAINER, '7');
      await expect('Dataset', TRAINER, 'xor');
      await expect('Learning rate', TRAINER, '0.1');
      await expect('Training data %', TRAINER, '60');
      await noAlerts(d, 'after loading the rewritten link');
      return new URL(changed).search;
    },
  },

  {
    name: '?wasm=fallback loads the fallback build in the page and the worker, with the same numbers',
    async run(d, ctx) {
      await openPage(d, ctx, '?data=xor');
      const simdEpoch1 = await resetAndStep(d);
      ctx.requests();  // only the fallback page's requests below
      const s = await openPage(d, ctx, '?wasm=fallback&data=xor');
      check(s.build === 'fallback', `<html data-build> is ${JSON.stringify(s.build)} with ?wasm=fallback`);
      const sig = await d.evaluate(canvasSignature, 'Activation explorer');
      check(!sig.error && sig.coloured > 300, `the explorer chart with the fallback build: ${sig.error ?? `${sig.coloured} coloured pixels`}`);
      const fbEpoch1 = await resetAndStep(d);
      const wasm = wasmRequests(ctx.requests());
      // The fallback pair, and neither module of the SIMD build (the explorer's nor the worker's).
      check(wasm.includes('ap_nosimd.wasm') && wasm.includes('ap_act_nosimd.wasm') && !wasm.includes('ap_simd.wasm') && !wasm.includes('ap_act_simd.wasm'),
        `.wasm requests with ?wasm=fallback: ${wasm.join(', ')}`);
      // Both builds give the same bits, so the readouts after one epoch from the same seed are equal.
      check(JSON.stringify(fbEpoch1) === JSON.stringify(simdEpoch1),
        `epoch 1 readouts differ: SIMD build ${JSON.stringify(simdEpoch1)}, fallback ${JSON.stringify(fbEpoch1)}`);
      await noAlerts(d, 'with the fallback build');
      return `${wasm.length} wasm request(s): ${[...new Set(wasm)].join(', ')}`;
    },
  },

  {
    name: 'two <activation-playground> elements and an iframe on one page work at once',
    async run(d, ctx) {
      await d.open(ctx.url('/tests/engines/fixtures/embeds.html'));
      await d.waitFor('both elements ready and the iframe\'s ready message', () => {
        const el = (id) => document.getElementById(id)?.dataset.ready === 'true';
        return el('ex') && el('tr') && window.frameEvents.some((e) => e.type === 'ready');
      }, [], { timeout: 30_000 });
      // The explorer element: its chart has curves, and choosing another activation by the select's
      // name (inside its shadow root) draws another chart.
      const first = await waitForChart(d, 'the explorer element\'s chart', { id: 'ex' }, () => true);
      await d.select('Activation', 'sigmoid', EX);
      check((await d.text('Activation', EX)) === 'sigmoid', 'the explorer element\'s Activation select does not show sigmoid');
      const chart = await waitForChart(d, 'the explorer element\'s chart for sigmoid', { id: 'ex' }, (s) => s.hash !== first.hash);
      // The trainer element, as a user drives it: Play, the Epoch readout counts, Pause.
      check(number(await d.text('Epoch', TR)) === 0, `the trainer element's Epoch readout shows ${await d.text('Epoch', TR)} before Play`);
      await d.click('Play', { ...TR, role: 'button' });
      await d.waitForText('the trainer element\'s Play button to be named "Pause"', 'Pause', { ...TR, role: 'button' }, () => true);
      const epoch = await d.waitForText('the trainer element past epoch 3', 'Epoch', TR, (t) => number(t) > 3, { timeout: 30_000 });
      await d.click('Pause', { ...TR, role: 'button' });
      await d.waitForText('the trainer element\'s Pause button to be named "Play" again', 'Play', { ...TR, role: 'button' }, () => true);
      // The iframe: its softmax bars are drawn to their values; a command from the parent (temperature
      // 0.5 sharpens the distribution) rebuilds it, it says ready again and the largest bar grows.
      const before = await softmaxBars(d, 'at temperature 1');
      await d.evaluate(commandFrame, { type: 'set', key: 'temperature', value: '0.5' });
      const t = await d.waitForText('the iframe\'s Temperature to show 0.5', 'Temperature (number)', FRAME, (v) => number(v) === 0.5);
      const top = before.indexOf(Math.max(...before));
      const after = await softmaxBars(d, 'at temperature 0.5', (v) => v[top] > before[top]);
      const s = await d.evaluate(embedsState);
      check(s.errors.length === 0, `error events: ${s.errors.join(' | ')}`);
      check(s.epochs > 0, 'the trainer element sent no epoch events');
      check(s.frame.filter((f) => f === 'ready').length >= 2, `iframe messages: ${s.frame.join(', ')}`);
      await d.screenshot(ctx.screen('embeds'));
      const p = (v) => v.map((x) => x.toFixed(3)).join('/');
      return `explorer ${first.coloured} → ${chart.coloured} coloured pixels (tanh → sigmoid); trainer past epoch 3 at ${epoch}, paused, ${s.epochs} epoch events; `
        + `iframe softmax ${p(before)} at T=1, ${p(after)} at T=${t}`;
    },
  },

  {
    name: "the npm module's dist/index.mjs and dist/single.mjs compute Node's bits",
    async run(d, ctx) {
      check(!ctx.node.error, `the module fails in Node already, so there is nothing to compare with: ${ctx.node.error}`);
      const simd = await d.evaluate(engineHasSimd);
      const done = [];
      for (const [entry, mode] of [['index', 'auto'], ['index', 'false'], ['single', 'auto'], ['single', 'false']]) {
        ctx.requests();
        await d.open(ctx.url(`/tests/engines/fixtures/module.html?entry=${entry}&simd=${mode}`));
        const raw = await d.waitFor(`dist/${entry}.mjs (simd=${mode}) to finish`, () => document.documentElement.dataset.result, [], { timeout: 30_000 });
        const r = JSON.parse(raw);
        check(!r.error, `dist/${entry}.mjs simd=${mode}: ${r.error}`);
        const wantSimd = mode === 'auto' ? simd : false;
        check(r.simd === wantSimd, `dist/${entry}.mjs simd=${mode} ran the ${r.simd ? 'SIMD' : 'fallback'} build`);
        const differences = diff(ctx.node.values, r.values);
        check(differences.length === 0, `dist/${entry}.mjs (${r.variant}) differs from Node in ${differences.length} result(s):\n      ${differences.slice(0, 8).join('\n      ')}`);
        const wasm = wasmRequests(ctx.requests());
        if (entry === 'single') check(wasm.length === 0, `dist/single.mjs requested ${wasm.join(', ')}`);
        else check(wasm.length === 1 && wasm[0] === `ap_${r.variant}.wasm`, `dist/index.mjs (${r.variant}) requested: ${wasm.join(', ') || 'no .wasm'}`);
        done.push(`${entry}/${r.variant}`);
      }
      return `${Object.keys(ctx.node.values).length} results bit-identical in ${done.join(', ')}`;
    },
  },
];

// The explorer shows a vector function as softmax([x, 0])[0] = e^x / (e^x + 1), which is σ(x): softmax's
// picture may be sigmoid's, curve and derivative alike. Every other pair must differ.
const MAY_LOOK_ALIKE = { softmax: ['sigmoid'] };

/** Waits until the canvas of the element `where` ({ id }) has curves and satisfies pred; returns its signature. */
async function waitForChart(d, what, where, pred) {
  const end = Date.now() + 20_000;
  for (;;) {
    const s = await d.evaluate(canvasSignature, null, where);
    if (!s.error && s.coloured > 300 && pred(s)) return s;
    if (Date.now() > end) throw new Failure(`${what}: ${s.error ?? `${s.coloured} coloured pixels${pred(s) ? '' : ', the same picture as before'}`}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Waits until the iframe's softmax bars are drawn (each fill coloured and as long as its value says,
 * to a pixel of rounding) and their values sum to 1 and satisfy pred; returns the values.
 */
async function softmaxBars(d, when, pred = () => true) {
  const end = Date.now() + 20_000;
  for (;;) {
    const { error, bars } = await d.evaluate(meterBars, 'fr', 'softmax');
    const values = (bars ?? []).map((b) => b.value);
    const wrong = error ?? (bars.length < 2 ? `${bars.length} softmax meters`
      : bars.find((b) => !b.inked || !(Math.abs(b.share - b.value) < 0.02)) ?? null);
    const sum = values.reduce((a, b) => a + b, 0);
    if (!wrong && Math.abs(sum - 1) < 1e-5 && pred(values)) return values;
    if (Date.now() > end) {
      throw new Failure(`the iframe's softmax bars ${when}: ${typeof wrong === 'string' ? wrong
        : wrong ? `${wrong.name} = ${wrong.value} ${wrong.inked ? `fills ${wrong.share.toFixed(3)} of its track` : 'has no coloured fill'}`
          : `values ${values.join(', ')} (sum ${sum})`}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until the explorer's chart has curves and differs from the charts before (redraws may wait for a frame). */
async function waitForNewChart(d, fn, seen) {
  const end = Date.now() + 10_000;
  const others = [...seen.entries()].filter(([name]) => !(MAY_LOOK_ALIKE[fn] ?? []).includes(name));
  const previous = [...seen.values()].at(-1);
  for (;;) {
    const s = await d.evaluate(canvasSignature, 'Activation explorer');
    if (s.error) throw new Failure(s.error);
    if (s.coloured > 300 && s.hash !== previous && !others.some(([, h]) => h === s.hash)) return s;
    if (Date.now() > end) {
      const same = [...seen.entries()].find(([, h]) => h === s.hash)?.[0];
      throw new Failure(`${fn}: the chart has ${s.coloured} coloured pixels${same ? ` and is the same picture as ${same}'s` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function waitForRegionText(d, region, formula, fn) {
  const end = Date.now() + 10_000;
  for (;;) {
    const text = await d.evaluate(regionText, region);
    if (text === null) throw new Failure(`no single element named ${JSON.stringify(region)}`);
    if (text.includes(formula)) return text;
    if (Date.now() > end) throw new Failure(`the explorer does not show ${fn}'s formula ${JSON.stringify(formula)} (it shows: ${text.slice(0, 300)})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits for the Epoch readout to reach `epoch` with a number in Test loss; returns the readouts. */
async function waitForEpoch(d, epoch, timeout = 30_000) {
  const end = Date.now() + timeout;
  for (;;) {
    const r = await readouts(d);
    if (r.epoch >= epoch && Number.isFinite(number(r.test))) return r;
    if (Date.now() > end) throw new Failure(`training did not reach epoch ${epoch} (readouts ${JSON.stringify(r)})`);
    await new Promise((res) => setTimeout(res, 150));
  }
}
