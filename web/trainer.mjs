// The training view: reads the controls, sends a configuration to the worker, draws what it posts.
// Menus, limits and defaults come from the module (registry, datasets, buildInfo), never literals.
import { LineChart } from './charts.mjs';
import { drawNeuron, drawOutput, drawPoints } from './heatmap.mjs';
import { trainerChoices } from './menus.mjs';
import { readState, writeState } from './state.mjs';

const $ = (id) => document.getElementById(id);
const BOX = [-6, 6, -6, 6];

/** The training view's URL keys and the controls they mirror. */
const URL_STATE = [
  { key: 'data', id: 'dataset', kind: 'select' },
  { key: 'classes', id: 'classes', kind: 'select' },
  { key: 'noise', id: 'noise', kind: 'number' },
  { key: 'points', id: 'points', kind: 'number' },
  { key: 'train', id: 'train-frac', kind: 'number' },
  { key: 'seed', id: 'seed', kind: 'number' },
  { key: 'features', id: 'features', kind: 'checkboxes' },
  { key: 'hidden', id: 'hidden', kind: 'text' },
  { key: 'act', id: 'train-activation', kind: 'select' },
  { key: 'opt', id: 'optimizer', kind: 'select' },
  { key: 'lr', id: 'lr', kind: 'number' },
  { key: 'batch', id: 'batch', kind: 'number' },
  { key: 'reg', id: 'reg', kind: 'select' },
  { key: 'rate', id: 'reg-rate', kind: 'number' },
  { key: 'init', id: 'init', kind: 'select' },
  { key: 'speed', id: 'speed', kind: 'select' },
];

/** Parses "8, 8" into layer widths within the core's limits; throws a message a person can act on. */
export function parseHidden(text, limits) {
  const parts = text.split(',').map((s) => s.trim()).filter(Boolean);
  if (parts.length > limits.playgroundMaxLayers) throw new Error(`at most ${limits.playgroundMaxLayers} hidden layers`);
  return parts.map((p) => {
    const v = Number(p);
    if (!Number.isInteger(v) || v < 1 || v > limits.playgroundMaxLayerWidth) {
      throw new Error(`hidden layer sizes must be whole numbers from 1 to ${limits.playgroundMaxLayerWidth} (got ${JSON.stringify(p)})`);
    }
    return v;
  });
}

export function startTrainer(ap) {
  const info = ap.buildInfo();
  const { limits, defaults } = info;
  const worker = new Worker(new URL('./worker.mjs', import.meta.url), { type: 'module' });
  const error = (m) => {
    $('train-error').textContent = m;
    $('train-error').hidden = !m;
  };

  // Menus from the module.
  for (const d of ap.datasets.list()) $('dataset').add(new Option(`${d.name.replace(/_/g, ' ')} (${d.task})`, d.name));
  $('dataset').value = 'circle';
  for (const [label, value] of trainerChoices(ap)) $('train-activation').add(new Option(label, value));
  $('train-activation').value = 'tanh';
  const features = $('features');
  for (const f of ap.features()) {
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.value = f;
    box.checked = f === 'x1' || f === 'x2';
    label.append(box, ` ${f.replace('_squared', '²').replace('_times_', '·').replace('_', ' ')}`);
    features.append(label);
  }
  $('points').min = String(limits.minDatasetPoints);
  $('points').max = String(limits.maxDatasetPoints);
  $('points').value = String(defaults.datasetPoints);
  $('lr').value = String(defaults.learningRate);  // float32 values arrive rounded (api.mjs)
  $('batch').value = String(defaults.batchSize);
  $('noise').value = String(defaults.noise);
  $('train-frac').value = String(Math.round(defaults.trainFraction * 100));
  for (let k = 2; k <= limits.maxClasses; k++) $('classes').add(new Option(String(k), String(k)));
  for (const scheme of ap.inits()) $('init').add(new Option(scheme, scheme));
  $('init').value = 'playground';
  $('classes').value = '3';
  const urlProblems = readState(URL_STATE, $);
  // The class count only means something for the multi-class sets.
  const taskOf = new Map(ap.datasets.list().map((d) => [d.name, d.task]));
  const syncClasses = () => {
    $('classes').disabled = taskOf.get($('dataset').value) !== 'multiclass';
  };
  syncClasses();
  $('dataset').addEventListener('change', syncClasses);

  const lossChart = new LineChart($('loss-chart'), { padding: { left: 48, right: 12, top: 26, bottom: 28 } });

  function config() {
    const activation = ap.activation($('train-activation').value);
    const selected = [...features.querySelectorAll('input:checked')].map((b) => b.value);
    if (!selected.length) throw new Error('choose at least one input feature');
    const lr = Number($('lr').value), batch = Number($('batch').value), points = Number($('points').value);
    if (!(lr > 0 && lr <= limits.playgroundMaxLearningRate)) throw new Error(`the learning rate must be a number in (0, ${limits.playgroundMaxLearningRate}]`);
    if (!Number.isInteger(batch) || batch < 1 || batch > limits.maxDatasetPoints) throw new Error(`the batch size must be a whole number from 1 to ${limits.maxDatasetPoints}`);
    if (!Number.isInteger(points) || points < limits.minDatasetPoints || points > limits.maxDatasetPoints) {
      throw new Error(`the number of points must be a whole number from ${limits.minDatasetPoints} to ${limits.maxDatasetPoints}`);
    }
    return {
      dataset: $('dataset').value, noise: Number($('noise').value), points, seed: Number($('seed').value) || 1,
      classes: Number($('classes').value), trainFraction: Number($('train-frac').value) / 100, features: selected,
      hidden: parseHidden($('hidden').value, limits), activationModule: activation.module, activationArgs: [],
      optimizer: $('optimizer').value, lr, momentum: $('optimizer').value === 'sgd-momentum' ? 0.9 : 0, batchSize: batch,
      regularization: $('reg').value, regularizationRate: Number($('reg-rate').value) || 0, init: $('init').value,
      grid: 80, box: BOX, speed: Number($('speed').value),
    };
  }

  let playing = false;
  let points = null;
  function configure() {
    try {
      const cfg = config();
      error('');
      writeState(URL_STATE, $);
      worker.postMessage({ type: 'configure', cfg });
    } catch (e) {
      error(e.message);
    }
  }

  worker.onmessage = (e) => {
    const m = e.data;
    if (m.type === 'error') {
      error(m.message);
      playing = false;
      $('play').textContent = '▶ Train';
    } else if (m.type === 'points') {
      points = m;
    } else if (m.type === 'state') {
      draw(m);
    }
  };
  worker.onerror = (e) => error(`the training worker failed: ${e.message}`);

  function draw(s) {
    const heat = $('heatmap');
    drawOutput(heat, s.grid, s.task);
    if (points) drawPoints(heat, s.grid.box, points, s.task);
    $('epoch').textContent = String(s.epoch);
    const fmt = (v) => (Number.isFinite(v) ? v.toFixed(4) : '–');
    $('train-loss').textContent = fmt(s.trainLoss);
    $('test-loss').textContent = fmt(s.testLoss);
    $('accuracy').textContent = s.task === 'regression' ? '–' : `${(100 * s.testAccuracy).toFixed(1)} %`;
    const xs = Float32Array.from(s.history, (h) => h[0]);
    lossChart.setData({
      xs, xRange: [xs[0] ?? 0, Math.max(1, xs[xs.length - 1] ?? 1)],
      series: [
        { label: 'train loss', ys: Float32Array.from(s.history, (h) => h[1]), color: '#2563eb' },
        { label: 'test loss', ys: Float32Array.from(s.history, (h) => h[2]), color: '#ea580c', dash: [5, 3] },
      ],
    });
    drawNeurons(s);
    document.body.dataset.trainEpoch = String(s.epoch);
  }

  function drawNeurons(s) {
    const box = $('neurons');
    const want = s.grid.hidden.map((h) => h.width).join(',');
    if (box.dataset.shape !== want) {
      box.replaceChildren();
      s.grid.hidden.forEach((h, l) => {
        const col = document.createElement('div');
        col.className = 'layer';
        col.innerHTML = `<div class="layer-title">layer ${l + 1}</div>`;
        for (let j = 0; j < h.width; j++) {
          const c = document.createElement('canvas');
          c.width = c.height = 44;
          c.title = `layer ${l + 1}, neuron ${j + 1}`;
          col.append(c);
        }
        box.append(col);
      });
      box.dataset.shape = want;
    }
    let dead = 0;
    s.grid.hidden.forEach((h, l) => {
      const tiles = box.children[l].querySelectorAll('canvas');
      const d = s.diagnostics.find((x) => x.module === h.module);
      tiles.forEach((c, j) => {
        drawNeuron(c, h.values, s.grid.n, j);
        const isDead = d && d.inactive[j] === 1;
        c.classList.toggle('dead', Boolean(isDead));
        c.title = `layer ${l + 1}, neuron ${j + 1}${d ? ` — passes no gradient for ${(100 * d.inactive[j]).toFixed(0)} % of the training inputs` : ''}${isDead ? ' (dead)' : ''}`;
        dead += isDead ? 1 : 0;
      });
    });
    $('dead-count').textContent = String(dead);
    const norms = s.diagnostics.map((d) => d.weightGradNorm.toExponential(1));
    $('grad-norms').textContent = norms.length ? norms.join(' → ') : '–';
  }

  $('play').addEventListener('click', () => {
    playing = !playing;
    $('play').textContent = playing ? '‖ Pause' : '▶ Train';
    worker.postMessage({ type: playing ? 'play' : 'pause' });
  });
  $('step').addEventListener('click', () => worker.postMessage({ type: 'step' }));
  $('reset').addEventListener('click', configure);
  for (const id of ['play', 'step', 'reset']) $(id).disabled = false;  // disabled in the HTML until wired
  for (const { id } of URL_STATE) {
    if (!['features', 'lr', 'speed'].includes(id)) $(id).addEventListener('change', configure);
  }
  features.addEventListener('change', configure);
  $('speed').addEventListener('change', () => {
    writeState(URL_STATE, $);
    worker.postMessage({ type: 'speed', speed: Number($('speed').value) });
  });
  $('lr').addEventListener('change', () => {
    const lr = Number($('lr').value);
    if (lr > 0 && lr <= limits.playgroundMaxLearningRate) {
      error('');
      writeState(URL_STATE, $);
      worker.postMessage({ type: 'lr', lr });
    } else error(`the learning rate must be a number in (0, ${limits.playgroundMaxLearningRate}]`);
  });
  configure();
  if (urlProblems.length) error(urlProblems.join('; '));
}
