// The 1-D fit's race: two to four activations fitting the same target from the same initial
// weights (same seed, init and shapes), one Fit1dRun each, trained in lockstep by the worker (one
// group). Each contestant draws its own small chart of output and units; their losses share a chart.
import { fit1dChart } from './fit1d-chart.mjs';
import { seriesChart } from './plots.mjs';
import { TO_WORKER } from './protocol.mjs';
import { STRINGS, fmt } from './strings.mjs';
import { el } from './dom.mjs';

const MAX_CONTESTANTS = 4;

/**
 * @param {HTMLElement} box the race's section
 * @param {{ ctx, client, id: string, config: () => object, getRace: () => string, setRace: (list: string) => void,
 *   onStart: () => void }} host `config` gives the view's current configuration; `onStart` pauses the view's own run
 * @returns {{ stop(): void }}
 */
export function mountFit1dRace(box, { ctx, client, id, config, getRace, setRace, onStart }) {
  const s = STRINGS.fit1d;
  const picks = el('div', { className: 'race-picks' });
  const selects = Array.from({ length: MAX_CONTESTANTS }, (_, k) => {
    const name = fmt(s.contestant, { k: k + 1 });
    const select = el('select');
    select.setAttribute('aria-label', name);
    select.add(new Option('—', ''));
    for (const a of ctx.activations) select.add(new Option(a.module, a.name));
    select.addEventListener('change', () => setRace(selects.map((x) => x.value).filter(Boolean).join(',')));
    const label = el('label', { textContent: `${name} ` });
    label.append(select);
    picks.append(label);
    return select;
  });
  const start = el('button', { type: 'button', textContent: s.raceStart });
  const stop = el('button', { type: 'button', textContent: s.raceStop, disabled: true });
  const status = el('p');
  status.setAttribute('role', 'status');
  status.setAttribute('aria-label', s.raceStatus);
  const lanes = el('div', { className: 'race-lanes' });
  const lossBox = el('div', { className: 'tr-chart' });
  box.append(el('h3', { textContent: s.race }), el('p', { className: 'hint', textContent: s.raceHint }), picks, start, stop, status, lanes, lossBox);
  const losses = seriesChart(lossBox, { title: s.raceLossTitle, yLabel: 'MSE', log: true, leader: 'min', height: 180 });
  getRace().split(',').filter(Boolean).forEach((name, k) => { selects[k].value = name; });

  let contestants = [];  // { name, runId, chart, caption, points, state }

  function stopRace() {
    for (const c of contestants) {
      client.disconnect(c.runId);
      c.chart.destroy();
    }
    contestants = [];
    lanes.replaceChildren();
    stop.disabled = true;
    start.disabled = false;
  }

  let frame = 0;
  const drawSoon = () => {
    if (!frame) frame = requestAnimationFrame(() => { frame = 0; draw(); });
  };

  function draw() {
    const done = contestants.filter((c) => c.state);
    if (!done.length) return;
    const best = done.reduce((a, b) => (b.state.trainLoss < a.state.trainLoss ? b : a));
    for (const c of done) {
      const m = c.state;
      c.chart.update({ fit: m.fit, points: c.points, activation: c.label, epoch: m.epoch, loss: m.trainLoss });
      c.caption.textContent = `${fmt(s.raceLane, { name: c.label, loss: Number.isFinite(m.trainLoss) ? m.trainLoss.toPrecision(3) : '–' })}${c === best ? ` (${STRINGS.plots.leader})` : ''}`;
    }
    // Lockstep runs record the same epochs; a snapshot that arrived a frame later is cut to the shortest.
    const n = Math.min(...done.map((c) => c.state.history.epochs.length));
    losses.update({ xs: done[0].state.history.epochs.subarray(0, n), series: done.map((c) => ({ label: c.label, ys: c.state.history.train.subarray(0, n) })) });
    status.textContent = fmt(s.raceLeads, { epoch: done[0].state.epoch, name: best.label });
    box.dataset.raceEpoch = String(Math.min(...done.map((c) => c.state.epoch)));
  }

  start.addEventListener('click', () => {
    const names = selects.map((x) => x.value).filter(Boolean);
    if (names.length < 2) {
      status.textContent = s.raceNeedTwo;
      return;
    }
    stopRace();
    onStart();
    const group = `${id}/race`;
    contestants = names.map((name, k) => {
      const label = ctx.activations.find((a) => a.name === name)?.module ?? name;
      const lane = el('div', { className: 'f1-lane' });
      const caption = el('p', { className: 'f1-lane-caption', textContent: label });
      lanes.append(lane);
      const chart = fit1dChart(lane, { title: label, height: 180 });
      lane.append(caption);
      const c = { name, label, runId: `${group}/${k}`, chart, caption, points: null, state: null };
      const send = client.connect(c.runId, (m) => {
        if (m.type === 'points') c.points = { X: m.X, y: m.y };
        else if (m.type === 'state') { c.state = m; drawSoon(); }
        else if (m.type === 'error' || m.type === 'diverged') status.textContent = `${label}: ${m.message}`;
      });
      send({ type: TO_WORKER.configure, cfg: { ...config(), activation: name, lite: true, group } });
      send({ type: TO_WORKER.play });
      return c;
    });
    start.disabled = true;
    stop.disabled = false;
    status.textContent = fmt(s.raceRunning, { names: contestants.map((c) => c.label).join(', ') });
  });
  stop.addEventListener('click', stopRace);
  return { stop: stopRace };
}
