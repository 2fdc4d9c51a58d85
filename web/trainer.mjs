// The training view: mirrors its state (web/state.mjs) in its controls and the URL, sends it to the
// worker, and draws what the worker posts. It never trains and never computes the network itself.
import { showActivationParams } from './activation-params.mjs';
import { activationsPerLayer } from './build-config.mjs';
import { adoptCss } from './css.mjs';
import { DIAGRAM_CSS, createDiagram } from './diagram.mjs';
import { drawOutput, drawPoints } from './heatmap.mjs';
import { createLessonPanel } from './lesson-panel.mjs';
import { LESSONS } from './lessons.mjs';
import { PLOTS_CSS, histogram, lossChart, seriesChart } from './plots.mjs';
import { TO_WORKER } from './protocol.mjs';
import { restartRun, showPlaying, wireTransport } from './run-control.mjs';
import { TRAINER_KEYS, defaults, readState, writeUrl } from './state.mjs';
import { STRINGS } from './strings.mjs';
import { mountTrainerIO } from './trainer-io.mjs';
import { mountRace } from './race.mjs';
import { renderTrainer, selectNumber } from './trainer-view.mjs';

const BOX = [-6, 6, -6, 6];
const GRID = 64;
const SLOW_DRAW_MS = 100;
const LIVE_KEYS = new Set(['lr', 'speed']);            // sent to the running network, no rebuild
const VIEW_KEYS = new Set(['show_test', 'discretize', 'race']); // drawing only, or another part's

/**
 * Mounts a trainer into `root`.
 * @param {HTMLElement} root
 * @param {{ ap, ctx, client: import('./worker-client.mjs').WorkerClient, id: string, prefix?: string,
 *   syncUrl?: boolean, get?: (key: string) => string | null }} options `get` reads the initial state
 *   (URL parameters or element attributes); `prefix` is the combined page's `trainer.`
 */
export function mountTrainer(root, { ap, ctx, client, id, prefix = '', syncUrl = true, get }) {
  const { $ } = renderTrainer(root, { uid: id, ctx, lessons: LESSONS });
  for (const css of [DIAGRAM_CSS, PLOTS_CSS]) adoptCss(root.getRootNode(), css);
  const read = readState(TRAINER_KEYS, get ?? (() => null), ctx, { prefix });
  let values = read.values;
  let playing = false;
  let points = null;
  let lastState = null;
  let lastFull = null;       // the last snapshot with the diagnostics part
  let checkpoint = null;
  let resuming = false;     // restarted while playing: the restored run's first (paused) snapshot does not stop the view
  let userData = null;      // the user's own points (clicked, imported), instead of the dataset
  const pending = new Map(); // export format → resolve
  const notices = [...read.notices];

  const notice = (m) => { $('notice').textContent = m; $('notice').hidden = !m; };
  const error = (m) => { $('error').textContent = m; $('error').hidden = !m; };

  const diagram = createDiagram($('diagram'), {
    strings: STRINGS.diagram, limits: ctx.limits, activations: ctx.activations.map((a) => ({ name: a.name, module: a.module })),
    onAction: (action) => diagramAction(action),
  });
  const losses = lossChart($('loss-chart'), { strings: STRINGS.plots });
  const grads = seriesChart($('grad-chart'), { strings: STRINGS.plots, title: 'Gradient norm per layer', yLabel: '‖∂L/∂W‖', log: true });
  const histCharts = [];
  const deads = seriesChart($('dead-chart'), { strings: STRINGS.plots, title: 'Dead neurons', yLabel: 'neurons' });

  // ---- state ↔ controls ------------------------------------------------------------------------
  /** One number (or menu) per parameter of the activations in use, named as in PyTorch (negative_slope, alpha, …). */
  function showParams() {
    const widths = values.hidden ? values.hidden.split(',') : [];
    const used = [...new Set(activationsPerLayer(values.activation, widths.length))].map((n) => ctx.activations.find((a) => a.name === n)).filter(Boolean);
    showActivationParams($('act-params'), used, { values, onChange: (patch) => change(patch), onError: error });
  }

  function showValues() {
    showParams();
    for (const key of ['dataset', 'classes', 'optimizer', 'regularization', 'init', 'speed']) $(key).value = String(values[key]);
    for (const key of ['noise', 'train_pct', 'batch_size', 'points', 'seed']) $(key).value = String(values[key]);
    $('noise-value').textContent = String(values.noise);
    $('train_pct-value').textContent = `${values.train_pct} %`;
    selectNumber($('lr'), values.lr);
    selectNumber($('reg_rate'), values.reg_rate);
    $('show_test').checked = values.show_test;
    $('discretize').checked = values.discretize;
    $('lesson').value = values.lesson;
    $('classes').disabled = ctx.datasets.find((d) => d.name === values.dataset)?.task !== 'multiclass';
    $('reg_rate').disabled = values.regularization === 'none';
  }

  function saveUrl() {
    if (syncUrl) writeUrl(TRAINER_KEYS, values, ctx, { prefix });
  }

  /** Applies changed keys: drawing-only keys redraw, live keys go to the running network, the rest rebuild it. */
  function change(patch) {
    values = { ...values, ...patch };
    showValues();
    saveUrl();
    const keys = Object.keys(patch);
    if (keys.every((k) => VIEW_KEYS.has(k))) return redraw();
    if (keys.some((k) => ['dataset', 'classes', 'noise', 'points', 'seed'].includes(k))) userData = null;
    if (keys.every((k) => LIVE_KEYS.has(k))) {
      for (const k of keys) send({ type: TO_WORKER.set, key: k, value: values[k] });
      return undefined;
    }
    return configure();
  }

  function config() {
    return { ...values, grid: GRID, box: BOX, userData };
  }

  function configure({ keepMessages = false } = {}) {
    if (!keepMessages) error('');
    checkpoint = null;
    send({ type: TO_WORKER.configure, cfg: config() });
  }

  // ---- the worker ------------------------------------------------------------------------------
  const send = client.connect(id, (m) => {
    switch (m.type) {
      case 'points': points = { ...m, box: BOX }; io.refreshClasses(); break;
      case 'exported': pending.get(m.format)?.(m.text); pending.delete(m.format); break;
      case 'state':
        if (m.full) lastFull = m;
        if (m.grid.features) gridFeatures = m.grid.features;
        lastState = m;
        // Stopped by the worker (a lesson's epoch) — not the paused snapshot of a restore before its play.
        if (playing && m.playing === false && !resuming) setPlaying(false);
        if (m.playing) resuming = false;
        drawSoon();
        break;
      case 'checkpoint': checkpoint = m.checkpoint; break;
      case 'loaded': error(''); notice(STRINGS.trainer.modelLoaded(m.parameters)); break;
      case 'diverged': setPlaying(false); error(m.message); break;
      case 'error': setPlaying(false); error(m.message); for (const r of pending.values()) r(null); pending.clear(); break;
      case 'restarted':
        notice(restartRun(send, { reason: m.reason, checkpoint, cfg: config(), playing }));
        resuming = playing;
        break;
      default: break;
    }
  });

  function setPlaying(on) {
    playing = on;
    showPlaying($('play'), $('play-icon'), on);
  }

  // ---- drawing ---------------------------------------------------------------------------------
  function redraw() {
    if (lastState) draw(lastState);
  }

  // The worker posts snapshots at its own pace. Drawing each as it arrives let a slower engine fall
  // behind without bound (WebKitGTK drew seconds late: Pause and Reset seemed ignored while old
  // snapshots were drawn); instead the latest snapshot is drawn once per frame and older ones are dropped.
  let drawQueued = false;
  function drawSoon() {
    if (drawQueued) return;
    drawQueued = true;
    requestAnimationFrame(() => {
      drawQueued = false;
      redraw();
    });
  }

  let lastSlowDraw = -Infinity;
  let slowQueued = false;  // drawSlow is waiting for its task
  function draw(s) {
    const heat = $('heatmap');
    drawOutput(heat, s.grid, s.task, { discretize: values.discretize });
    if (points) drawPoints(heat, s.grid.box, points, s.task, { showTest: values.show_test });
    const fmt = (v) => (Number.isFinite(v) ? v.toFixed(4) : '–');
    $('epoch').textContent = String(Math.floor(s.epoch));
    $('train-loss').textContent = fmt(s.trainLoss);
    $('test-loss').textContent = fmt(s.testLoss);
    $('accuracy').textContent = s.task === 'regression' || !Number.isFinite(s.testAccuracy) ? '–' : `${(100 * s.testAccuracy).toFixed(1)} %`;
    losses.update({ epochs: s.history.epochs, train: s.history.train, test: s.history.test });
    if (s.full) lessonPanel.snapshot(s);
    root.dataset.trainEpoch = String(Math.floor(s.epoch));
    root.dispatchEvent(new CustomEvent('trainer-state', { detail: { epoch: s.epoch, trainLoss: s.trainLoss, testLoss: s.testLoss } }));
    // The diagram, the histograms and the diagnostics charts follow at most 10 times a second while
    // training: the heatmap, the readouts and the loss curve are what must move every frame. They are
    // drawn in a task of their own after the frame, so that a frame never carries both (a race's
    // first frame did: the trainer's last full draw as it paused, and four new lanes).
    const now = performance.now();
    if ((playing && now - lastSlowDraw < SLOW_DRAW_MS) || !lastFull) return;
    lastSlowDraw = now;
    if (slowQueued) return;
    slowQueued = true;
    setTimeout(() => {
      slowQueued = false;
      if (lastState && lastFull) drawSlow(lastState, lastFull);
    }, 0);
  }

  function drawSlow(s, f) {
    const layerNames = f.gradNorms.layers.map((_, l) => `layer ${l + 1}`);
    grads.update({ xs: f.gradNorms.epochs, series: f.gradNorms.layers.map((ys, l) => ({ label: layerNames[l], ys })) });
    deads.update({ xs: f.deadCounts.epochs, series: [{ label: 'dead neurons', ys: f.deadCounts.counts }] });
    diagram.update(networkOf(f), {
      n: s.grid.n, hidden: f.grid.hidden.map((h) => h.values), output: s.task === 'multiclass' ? s.grid : s.grid.output,
      features: featurePlanes(), task: s.task, dead: f.diagnostics.map((d) => d.inactive),
    });
    drawHistograms(f.histograms ?? []);
    const dead = f.diagnostics.reduce((sum, d, l) => sum + (l < f.grid.hidden.length ? Array.from(d.inactive).filter((f) => f === 1).length : 0), 0);
    $('dead-count').textContent = String(dead);
  }

  /** One histogram of pre-activations per hidden layer, with the activation's flat regions shaded. */
  function drawHistograms(hs) {
    while (histCharts.length < hs.length) {
      const div = document.createElement('div');
      $('histograms').append(div);
      histCharts.push({ div, chart: histogram(div, { strings: STRINGS.plots }) });
    }
    while (histCharts.length > hs.length) {
      const h = histCharts.pop();
      h.chart.destroy();
      h.div.remove();
    }
    hs.forEach((h, l) => histCharts[l].chart.update({ ...h, title: `Layer ${l + 1}: pre-activations of ${h.fn}` }));
  }

  function networkOf(s) {
    const widths = values.hidden ? values.hidden.split(',').map(Number) : [];
    const acts = activationsPerLayer(values.activation, widths.length);
    const selected = new Set(values.features.split(','));
    return {
      features: ctx.features.map((name) => ({ name, label: featureLabel(name), selected: selected.has(name) })),
      layers: widths.map((width, l) => ({ width, activation: acts[l] })),
      output: { width: s.linears.at(-1)?.out ?? 1, kind: values.output === 'auto' ? s.outputChoices[0] : values.output, choices: s.outputChoices },
      linears: s.linears,
    };
  }

  let gridFeatures = null;  // every input feature on the grid, from the worker (once per grid)
  /** The diagram's feature tiles, in ctx.features' order. */
  function featurePlanes() {
    return gridFeatures ? ctx.features.map((f) => gridFeatures.planes[gridFeatures.names.indexOf(f)]) : undefined;
  }

  // ---- the diagram's actions -------------------------------------------------------------------
  function diagramAction(a) {
    const widths = values.hidden ? values.hidden.split(',').map(Number) : [];
    const acts = activationsPerLayer(values.activation, widths.length);
    const setLayers = (w, names) => change({ hidden: w.join(','), activation: (names.length ? names : [acts[0] ?? values.activation.split(',')[0]]).join(',') });
    switch (a.type) {
      case 'toggleFeature': {
        const sel = new Set(values.features.split(','));
        if (sel.has(a.name) && sel.size === 1) return error('choose at least one input feature');
        if (sel.has(a.name)) sel.delete(a.name); else sel.add(a.name);
        return change({ features: ctx.features.filter((f) => sel.has(f)).join(',') });
      }
      case 'addLayer': return widths.length < ctx.limits.playgroundMaxLayers && setLayers([...widths, 2], [...acts, acts.at(-1) ?? values.activation.split(',')[0]]);
      case 'removeLayer': return widths.length > 0 && setLayers(widths.slice(0, -1), acts.slice(0, -1));
      case 'addNeuron': widths[a.layer] = Math.min(ctx.limits.playgroundMaxLayerWidth, widths[a.layer] + 1); return setLayers(widths, acts);
      case 'removeNeuron': widths[a.layer] = Math.max(1, widths[a.layer] - 1); return setLayers(widths, acts);
      case 'layerActivation': acts[a.layer] = a.activation; return setLayers(widths, acts);
      case 'allActivation': return change({ activation: a.activation });
      case 'output': return change({ output: a.kind });
      case 'setWeight': return send({ type: TO_WORKER.setWeight, layer: a.layer, row: a.row, col: a.col, value: a.value });
      default: return undefined;
    }
  }

  const io = mountTrainerIO({
    $, ap, ctx, error, notice,
    getPoints: () => points,
    getValues: () => values,
    setUserData: (data) => {
      userData = data;
      if (data.y.length >= 2) configure({ keepMessages: true });
    },
    request: (format) => new Promise((resolve, reject) => {
      pending.set(format, (text) => (text === null ? reject(new Error(`export ${format} failed`)) : resolve(text)));
      send({ type: TO_WORKER.exportModel, format });
    }),
    loadModel: (text) => send({ type: TO_WORKER.restore, cfg: config(), checkpoint: { steps: 0, model: text, file: true } }),
  });

  mountRace($('race'), {
    ctx, client, id, config,
    getRace: () => values.race,
    setRace: (list) => change({ race: list }),
    onStart: () => {
      setPlaying(false);
      send({ type: TO_WORKER.pause });
    },
  });

  // ---- controls --------------------------------------------------------------------------------
  $('play').addEventListener('click', () => { resuming = false; });  // before wireTransport's own listener
  wireTransport($, { send, reset: () => configure(), isPlaying: () => playing, setPlaying });
  $('regenerate').addEventListener('click', () => change({ seed: (values.seed + 1) % 2147483647 }));
  const numberKeys = new Set(['classes', 'noise', 'train_pct', 'batch_size', 'points', 'seed', 'lr', 'reg_rate']);
  for (const key of ['dataset', 'classes', 'noise', 'train_pct', 'batch_size', 'points', 'seed', 'lr', 'optimizer', 'regularization', 'reg_rate', 'init', 'speed']) {
    $(key).addEventListener('change', () => {
      const raw = $(key).value;
      if (!numberKeys.has(key)) return change({ [key]: raw });
      const entry = TRAINER_KEYS.find((e) => e.key === key);
      const min = typeof entry.min === 'function' ? entry.min(ctx) : entry.min, max = typeof entry.max === 'function' ? entry.max(ctx) : entry.max;
      const v = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(v) || v < min || v > max || (entry.type === 'int' && !Number.isInteger(v))) {
        $(key).setAttribute('aria-invalid', 'true');
        return error(`${key.replace('_', ' ')} must be ${entry.type === 'int' ? 'a whole number' : 'a number'} from ${min} to ${max}`);
      }
      $(key).removeAttribute('aria-invalid');
      return change({ [key]: v });
    });
  }
  for (const key of ['noise', 'train_pct']) $(key).addEventListener('input', () => { $(`${key}-value`).textContent = key === 'noise' ? $(key).value : `${$(key).value} %`; });
  for (const key of ['show_test', 'discretize']) $(key).addEventListener('change', () => change({ [key]: $(key).checked }));
  $('lesson').addEventListener('change', () => applyLesson($('lesson').value));

  const lessonPanel = createLessonPanel($('lesson-box'), {
    onApply: (state, lessonId) => applyState(state, lessonId),
    pauseAt: (epoch) => send({ type: TO_WORKER.set, key: 'pauseAt', value: epoch }),
  });

  /** Replaces the whole configuration (a lesson's), paused, and rebuilds the network. */
  function applyState(state, lessonId) {
    setPlaying(false);
    send({ type: TO_WORKER.pause });
    values = { ...defaults(TRAINER_KEYS, ctx), ...state, lesson: lessonId, predict: values.predict };
    userData = null;
    showValues();
    saveUrl();
    configure();
  }

  function applyLesson(lessonId) {
    const lesson = LESSONS.find((l) => l.id === lessonId);
    if (!lesson) {
      lessonPanel.show('');
      return change({ lesson: '' });
    }
    applyState(lesson.state, lesson.id);
    return lessonPanel.show(lesson.id, { question: values.predict });  // after the rebuild: its question asks the new run to stop at the check's epoch
  }

  for (const id2 of ['play', 'step', 'reset']) $(id2).disabled = false;  // disabled in the template until wired
  showValues();
  if (values.lesson && LESSONS.some((l) => l.id === values.lesson)) applyLesson(values.lesson);
  else {
    if (values.lesson) notices.push(`ignored ${prefix}lesson=${JSON.stringify(values.lesson.slice(0, 40))}: no such lesson`);
    configure();
  }
  if (notices.length) notice(notices.join('; '));
  saveUrl();  // old spellings become the current keys
  return { setPlaying, values: () => values };
}

function featureLabel(name) {
  return name.replace('_squared', '²').replace('_times_', '').replace('sin_', 'sin ');
}
