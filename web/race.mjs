// The activation race: 2–4 copies of the trainer's network, same data and same initial weights
// (same seed and shapes), each with another activation, trained in lockstep by the worker. Each
// contestant gets a small boundary heatmap; their test-loss curves are overlaid, the leader marked.
import { drawOutput, drawPoints } from './heatmap.mjs';
import { seriesChart } from './plots.mjs';
import { TO_WORKER } from './protocol.mjs';
import { STRINGS } from './strings.mjs';

const RACE_GRID = 40;
const MAX_CONTESTANTS = 4;

/**
 * @param {HTMLElement} box the race's section
 * @param {{ ctx, client, id: string, config: () => object, getRace: () => string, setRace: (list: string) => void,
 *   onStart: () => void }} host `config` gives the trainer's current configuration
 */
export function mountRace(box, { ctx, client, id, config, getRace, setRace, onStart }) {
  const h = document.createElement('h3');
  h.textContent = 'Activation race';
  const p = document.createElement('p');
  p.className = 'hint';
  p.textContent = 'The same network, data and initial weights, one activation per contestant, trained side by side.';
  const picks = document.createElement('div');
  picks.className = 'race-picks';
  const selects = [];
  for (let k = 0; k < MAX_CONTESTANTS; k++) {
    const label = document.createElement('label');
    label.textContent = `Contestant ${k + 1} `;
    const select = document.createElement('select');
    select.setAttribute('aria-label', `Contestant ${k + 1}`);
    select.add(new Option('—', ''));
    for (const a of ctx.activations) select.add(new Option(a.module, a.name));
    label.append(select);
    picks.append(label);
    selects.push(select);
    select.addEventListener('change', () => setRace(selects.map((s) => s.value).filter(Boolean).join(',')));
  }
  const start = document.createElement('button');
  start.type = 'button';
  start.textContent = 'Race';
  const stop = document.createElement('button');
  stop.type = 'button';
  stop.textContent = 'Stop race';
  stop.disabled = true;
  const status = document.createElement('p');
  status.setAttribute('role', 'status');
  status.setAttribute('aria-label', 'Race status');
  const lanes = document.createElement('div');
  lanes.className = 'race-lanes';
  const chartBox = document.createElement('div');
  chartBox.className = 'tr-chart';
  box.append(h, p, picks, start, stop, status, lanes, chartBox);
  const chart = seriesChart(chartBox, { strings: STRINGS.plots, title: 'Test loss per contestant', yLabel: 'test loss', leader: 'min' });

  let contestants = [];  // { name, runId, canvas, caption, points, state }
  const showPicks = () => {
    const list = getRace().split(',').filter(Boolean);
    selects.forEach((s, k) => { s.value = list[k] ?? ''; });
  };
  showPicks();

  function stopRace() {
    for (const c of contestants) client.disconnect(c.runId);
    contestants = [];
    lanes.replaceChildren();
    stop.disabled = true;
    start.disabled = false;
  }

  let frame = 0;
  /** Draws at most once per animation frame, whichever contestant's snapshot arrived. */
  function scheduleDraw() {
    if (!frame) frame = requestAnimationFrame(() => { frame = 0; draw(); });
  }

  function draw() {
    const done = contestants.filter((c) => c.state);
    if (!done.length) return;
    // A canvas's first paint costs the compositor a new resource (7-25 ms each in a trace, in the frame's
    // commit): the lanes get theirs one frame at a time, and the loss chart follows the last of them,
    // so that a race's first frames stay short (four at once made one 50-90 ms task).
    const fresh = done.find((c) => !c.painted);
    const lanesNow = fresh ? [...done.filter((c) => c.painted), fresh] : done;
    const best = done.reduce((a, b) => (b.state.testLoss < a.state.testLoss ? b : a));
    for (const c of lanesNow) {
      const s = c.state;
      drawOutput(c.canvas, s.grid, s.task);
      if (c.points) drawPoints(c.canvas, s.grid.box, c.points, s.task, { showTest: false });
      c.caption.textContent = `${c.name}: test loss ${s.testLoss.toFixed(4)}${c === best ? ' (leads)' : ''}`;
      if (!c.painted) c.canvas.setAttribute('aria-label', `Heatmap of the ${c.name} network`);
      c.painted = true;
    }
    status.textContent = `Epoch ${Math.floor(done[0].state.epoch)}: ${best.name} leads.`;
    // Another frame for the next new lane, or for the chart's own first paint. A contestant whose
    // snapshot has not come asks for its frame when it comes.
    if (fresh) {
      scheduleDraw();
      return;
    }
    // Lockstep runs record the same epochs; a snapshot that arrived a frame later is cut to the shortest.
    const n = Math.min(...done.map((c) => c.state.history.epochs.length));
    chart.update({ xs: done[0].state.history.epochs.subarray(0, n), series: done.map((c) => ({ label: c.name, ys: c.state.history.test.subarray(0, n) })) });
  }

  start.addEventListener('click', () => {
    const names = selects.map((s) => s.value).filter(Boolean);
    if (names.length < 2) {
      status.textContent = 'Choose at least two contestants.';
      return;
    }
    stopRace();
    onStart();
    const group = `${id}/race`;
    contestants = names.map((name, k) => {
      const lane = document.createElement('figure');
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = 160;
      canvas.setAttribute('role', 'img');
      const caption = document.createElement('figcaption');
      caption.textContent = name;
      lane.append(canvas, caption);
      lanes.append(lane);
      const c = { name, runId: `${group}/${k}`, canvas, caption, points: null, state: null, painted: false };
      const send = client.connect(c.runId, (m) => {
        if (m.type === 'points') c.points = m;
        else if (m.type === 'state') { c.state = m; scheduleDraw(); }
        else if (m.type === 'error' || m.type === 'diverged') status.textContent = `${name}: ${m.message}`;
      });
      send({ type: TO_WORKER.configure, cfg: { ...config(), activation: name, grid: RACE_GRID, lite: true, group } });
      send({ type: TO_WORKER.play });
      return c;
    });
    start.disabled = true;
    stop.disabled = false;
    status.textContent = `Racing ${names.join(', ')}.`;
  });
  stop.addEventListener('click', stopRace);
  return { refresh: showPicks, stop: stopRace };
}
