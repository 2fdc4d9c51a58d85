// The "Fit a function" view: one hidden layer fitting y = f(x) on [−3, 3], drawn as the sum of its
// units' contributions. It mirrors its state (web/state.mjs FIT1D_KEYS) in its controls and the URL,
// sends it to the worker (a Fit1dRun, web/fit1d-run.mjs) and draws what the worker posts; it never
// trains or evaluates the network itself.
import { showActivationParams } from './activation-params.mjs';
import { adoptCss } from './css.mjs';
import { fit1dChart } from './fit1d-chart.mjs';
import { mountFit1dRace } from './fit1d-race.mjs';
import { FIT1D_RANGE, MAX_USER_POINTS, POINT_Y_LIMIT, parsePointsText, pointsText } from './fit1d-targets.mjs';
import { FIT1D_CSS, renderFit1d, selectNumber, showUnits, unitName, unitText } from './fit1d-view.mjs';
import { formatX, onPlot } from './fit1d-marks.mjs';
import { num } from './plot-frame.mjs';
import { PLOTS_CSS, seriesChart } from './plots.mjs';
import { TO_WORKER } from './protocol.mjs';
import { restartRun, showPlaying, wireTransport } from './run-control.mjs';
import { FIT1D_KEYS, parseValue, readState, writeUrl } from './state.mjs';
import { STRINGS, fmt } from './strings.mjs';

const SLOW_DRAW_MS = 200;
const LIVE_KEYS = new Set(['lr', 'speed']);  // sent to the running network, no rebuild
const VIEW_KEYS = new Set(['race']);         // the race's own, no rebuild

/**
 * Mounts the view into `root`.
 * @param {HTMLElement} root
 * @param {{ ap, ctx, client: import('./worker-client.mjs').WorkerClient, id: string, prefix?: string,
 *   syncUrl?: boolean, get?: (key: string) => string | null }} options `get` reads the initial state
 *   (URL parameters or element attributes); `prefix` is the combined page's `fit1d.`
 * @returns {{ setPlaying(on: boolean): void, values(): object }}
 */
export function mountFit1d(root, { ctx, client, id, prefix = '', syncUrl = true, get }) {
  const unitsEntry = FIT1D_KEYS.find((e) => e.key === 'units');
  const maxUnits = unitsEntry.max(ctx);
  const { $ } = renderFit1d(root, { uid: id.replace(/[^\w-]/g, '-'), ctx, maxUnits });
  for (const css of [PLOTS_CSS, FIT1D_CSS]) adoptCss(root.getRootNode(), css);
  const s = STRINGS.fit1d;
  const read = readState(FIT1D_KEYS, get ?? (() => null), ctx, { prefix });
  let values = read.values;
  let playing = false;
  let points = null;
  let lastState = null;
  let checkpoint = null;
  const hovered = { chart: null, list: null, focus: null };
  let pinned = null;
  let addMode = false;

  const notice = (m) => { $('notice').textContent = m; $('notice').hidden = !m; };
  const error = (m) => { $('error').textContent = m; $('error').hidden = !m; };

  const chart = fit1dChart($('chart'), {
    onHover: (j) => { hovered.chart = j; showHighlight(); },
    onPick: (j) => { pinned = j; showHighlight(); },
    onAddPoint: (x, y) => addPoint(x, y),
  });
  const lossChart = seriesChart($('loss-chart'), { title: STRINGS.plots.lossTitle, yLabel: 'MSE', log: true, height: 170 });

  // ---- state ↔ controls ------------------------------------------------------------------------
  function showValues() {
    const used = ctx.activations.filter((a) => a.name === values.activation);
    showActivationParams($('act-params'), used, { values, onChange: (patch) => change(patch), onError: error });
    for (const key of ['target', 'activation', 'optimizer', 'init', 'speed', 'noise', 'units', 'seed']) $(key).value = String(values[key]);
    $('noise-value').textContent = String(values.noise);
    selectNumber($('lr'), values.lr);
    if (root.getRootNode().activeElement !== $('points')) $('points').value = pointsText(values.xy);  // not while being typed in
    $('clear-points').disabled = !values.xy;
  }

  function saveUrl() {
    if (syncUrl) writeUrl(FIT1D_KEYS, values, ctx, { prefix });
  }

  /** Applies changed keys: the race's key redraws nothing, live keys go to the running network, the rest rebuild it. */
  function change(patch) {
    if ('target' in patch && patch.target !== values.target) setAddMode(patch.target === 'points');
    values = { ...values, ...patch };
    showValues();
    saveUrl();
    const keys = Object.keys(patch);
    if (keys.every((k) => VIEW_KEYS.has(k))) return undefined;
    if (keys.every((k) => LIVE_KEYS.has(k))) {
      for (const k of keys) send({ type: TO_WORKER.set, key: k, value: values[k] });
      return undefined;
    }
    return configure();
  }

  const config = () => ({ ...values, view: 'fit1d' });

  function configure() {
    error('');
    checkpoint = null;
    send({ type: TO_WORKER.configure, cfg: config() });
  }

  /** Add-points mode: a click or tap on the chart adds a point instead of picking a unit. */
  function setAddMode(on) {
    addMode = on;
    $('add-points').setAttribute('aria-pressed', String(on));
    chart.setAddMode(on);
    showHighlight();
  }

  /** Whether an embed locked the target menu (lock="target") to a function that the reader's points would replace; says so if it did. */
  function targetLocked() {
    const locked = $('target').disabled && values.target !== 'points';
    if (locked) error(s.targetLocked);
    return locked;
  }

  /** A click or tap on the chart in add-points mode: the point joins the reader's points (the first one switches the target to them). */
  function addPoint(x, y) {
    const [lo, hi] = FIT1D_RANGE;
    const round = (v) => Math.round(v * 100) / 100;
    const px = round(Math.min(hi, Math.max(lo, x))), py = round(Math.min(POINT_Y_LIMIT, Math.max(-POINT_Y_LIMIT, y)));
    const list = values.target === 'points' && values.xy ? values.xy.split(',') : [];
    if (list.length / 2 >= MAX_USER_POINTS) return error(fmt(s.pointsBad, { why: fmt(s.pointsMany, { max: MAX_USER_POINTS }) }));
    return change({ target: 'points', xy: [...list, px, py].join(',') });
  }

  // ---- the worker ------------------------------------------------------------------------------
  const send = client.connect(id, (m) => {
    switch (m.type) {
      case 'points': points = { X: m.X, y: m.y }; break;
      case 'state':
        lastState = m;
        drawSoon();
        break;
      case 'checkpoint': checkpoint = m.checkpoint; break;
      case 'diverged': setPlaying(false); error(m.message); break;
      case 'error': setPlaying(false); error(m.message); break;
      case 'restarted': notice(restartRun(send, { reason: m.reason, checkpoint, cfg: config(), playing })); break;
      default: break;
    }
  });

  function setPlaying(on) {
    playing = on;
    showPlaying($('play'), $('play-icon'), on);
  }

  function pause() {
    setPlaying(false);
    send({ type: TO_WORKER.pause });
  }

  // ---- drawing ---------------------------------------------------------------------------------
  let drawQueued = false;
  function drawSoon() {
    if (drawQueued) return;
    drawQueued = true;
    requestAnimationFrame(() => {
      drawQueued = false;
      if (lastState) draw(lastState);
    });
  }

  /** What x = −b/w is for this activation: a hinge where its output is unbounded, a centre where it saturates both ways. */
  const kindOf = (name) => (/inf/.test(ctx.activations.find((a) => a.name === name)?.range ?? '') ? 'hinge' : 'centre');
  const labelOf = (name) => ctx.activations.find((a) => a.name === name)?.module ?? name;

  let lastSlowDraw = -Infinity;
  function draw(m) {
    const fmtLoss = (v) => (Number.isFinite(v) ? v.toPrecision(4) : '–');
    $('epoch').textContent = String(m.epoch);
    $('loss').textContent = fmtLoss(m.trainLoss);
    chart.update({ fit: m.fit, points, activation: labelOf(values.activation), epoch: m.epoch, loss: m.trainLoss });
    if (values.target === 'points' && !points?.X.length) notice(s.noPoints);
    else if ($('notice').textContent === s.noPoints) notice('');
    root.dataset.fitEpoch = String(m.epoch);
    root.dataset.fitLoss = String(m.trainLoss);
    const now = performance.now();
    if (playing && now - lastSlowDraw < SLOW_DRAW_MS) return;
    lastSlowDraw = now;
    lossChart.update({ xs: m.history.epochs, series: [{ label: STRINGS.plots.train, ys: m.history.train }] });
    showUnits($('unit-list'), m.fit, kindOf(values.activation));
    const dead = m.fit.dead.reduce((a, b) => a + b, 0);
    $('dead-count').textContent = fmt(s.deadCount, { dead, n: m.fit.dead.length });
    showHighlight();
  }

  /** The unit pointed at (chart or list) wins over the focused one, which wins over the pinned one. */
  function showHighlight() {
    const h = hovered.chart ?? hovered.list ?? hovered.focus ?? pinned;
    chart.highlight(h);
    showPicked(h);
    for (const b of $('unit-list').querySelectorAll('button')) {
      const on = Number(b.dataset.unit) === h;
      if ((b.getAttribute('aria-current') === 'true') !== on) {
        if (on) b.setAttribute('aria-current', 'true');
        else b.removeAttribute('aria-current');
      }
      b.setAttribute('aria-pressed', String(Number(b.dataset.unit) === pinned));
    }
  }

  /** The line under the chart: the highlighted unit's hinge or centre (saying when it lies off the plot), or what a tap does. */
  function showPicked(h) {
    const fit = lastState?.fit;
    const [lo, hi] = FIT1D_RANGE;
    let text = addMode ? s.addPointsOn : s.pickNone;
    if (!addMode && fit && h !== null && h < fit.v.length) {
      const kind = kindOf(values.activation);
      const c = fit.centre[h];
      const v = num(fit.v[h], 3);
      if (fit.dead[h]) text = `${fmt(s.unitDead, { unit: unitName(h), text: s.deadShort, lo, hi, v })}.`;
      else if (Number.isFinite(c) && !onPlot(c)) text = fmt(s.pickedOff, { unit: unitName(h), kind: s[kind], at: formatX(c), lo, hi, shape: s.offShape[kind] });
      else text = fmt(s.picked, { unit: unitName(h), text: unitText(c, kind), v });
    }
    if ($('picked').textContent !== text) $('picked').textContent = text;
  }

  /** After a unit is picked in the list: scrolls the chart and the line under it into view if either is out of it. */
  function revealChart() {
    const top = chart.root.getBoundingClientRect().top, bottom = $('picked').getBoundingClientRect().bottom;
    const behavior = matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth';
    if (top < 0) chart.root.scrollIntoView({ block: 'start', behavior });
    else if (bottom > innerHeight) $('picked').scrollIntoView({ block: 'end', behavior });
  }

  const unitOf = (e) => {
    const b = e.target.closest?.('button[data-unit]');
    return b ? Number(b.dataset.unit) : null;
  };
  const list = $('unit-list');
  list.addEventListener('pointerover', (e) => { hovered.list = unitOf(e); showHighlight(); });
  list.addEventListener('pointerleave', () => { hovered.list = null; showHighlight(); });
  list.addEventListener('focusin', (e) => { hovered.focus = unitOf(e); showHighlight(); });
  list.addEventListener('focusout', () => { hovered.focus = null; showHighlight(); });
  list.addEventListener('click', (e) => {
    const j = unitOf(e);
    if (j === null) return;
    pinned = pinned === j ? null : j;
    showHighlight();
    if (pinned !== null) revealChart();
  });

  mountFit1dRace($('race'), {
    ctx, client, id, config,
    getRace: () => values.race,
    setRace: (race) => change({ race }),
    onStart: () => pause(),
  });

  // ---- controls --------------------------------------------------------------------------------
  wireTransport($, { send, reset: () => configure(), isPlaying: () => playing, setPlaying });
  for (const key of ['target', 'activation', 'optimizer', 'init', 'speed']) $(key).addEventListener('change', () => change({ [key]: $(key).value }));
  $('noise').addEventListener('input', () => { $('noise-value').textContent = $('noise').value; });
  for (const key of ['noise', 'units', 'seed', 'lr']) {
    $(key).addEventListener('change', () => {
      const r = parseValue(FIT1D_KEYS.find((e) => e.key === key), $(key).value, ctx);
      $(key).toggleAttribute('aria-invalid', Boolean(r.problem));
      return r.problem ? error(`${$(key).getAttribute('aria-label')}: ${r.problem.replace(/^ignored [^:]*: /, '')}`) : change({ [key]: r.value });
    });
  }
  $('points').addEventListener('change', () => {
    if (targetLocked()) {
      $('points').value = '';  // refused: the field does not keep points that were not used
      return undefined;
    }
    const r = parsePointsText($('points').value);
    if (r.problem) {
      $('points').setAttribute('aria-invalid', 'true');
      return error(r.problem);
    }
    $('points').removeAttribute('aria-invalid');
    return change({ target: 'points', xy: r.list });
  });
  $('clear-points').addEventListener('click', () => change({ xy: '' }));
  $('add-points').addEventListener('click', () => {
    if (addMode || !targetLocked()) setAddMode(!addMode);
  });

  showValues();
  setAddMode(values.target === 'points');
  configure();
  if (read.notices.length) notice(read.notices.join('; '));
  saveUrl();
  return { setPlaying, values: () => values };
}
