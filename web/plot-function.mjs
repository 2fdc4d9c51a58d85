// The activation explorer's chart: curves and their derivatives over x, with wheel zoom, drag pan,
// pinch on touch, a readout cursor that the arrow keys move when the chart has focus, and a reset.
// Zoom and pan report the new x range through `onRange`, so the host can sample the functions there.
import { fmt } from './strings.mjs';
import { PlotFrame, axis, drawable, num, yScale } from './plot-frame.mjs';

const MIN_SPAN = 1e-3;
const MAX_SPAN = 1e4;

/**
 * @param {Element|ShadowRoot} container
 * @param {{strings?: object, onRange?: (x0: number, x1: number) => void, height?: number}} [options]
 *   onRange: called after every zoom, pan, pinch or reset with the visible x range
 * @returns {{update(d: {xs: ArrayLike<number>, series: {label: string, ys: ArrayLike<number>, dash?: number[]}[]}): void,
 *            setRange(x0: number, x1: number): void, reset(): void, restyle(): void, destroy(): void}}
 *   setRange sets the visible range and makes it the one "Reset view" returns to.
 */
export function functionChart(container, { strings, onRange, height } = {}) {
  const frame = new PlotFrame(container, { strings, kind: 'function', height });
  const s = frame.strings;
  const { body } = frame;
  const spare = [];
  let last = null;
  let layout = '';
  let view = null;
  let home = null;
  let cx = null;  // the readout cursor's x, kept across re-sampling
  const readout = Object.assign(frame.doc.createElement('div'), { className: 'ap-plot-readout', textContent: s.readoutHint });
  body.after(readout);
  frame.addButton(s.reset, () => chart.reset());
  frame.setTitle(s.functionTitle);
  body.tabIndex = 0;
  body.setAttribute('role', 'slider');
  body.setAttribute('aria-label', s.cursor);
  body.setAttribute('aria-valuetext', s.readoutHint);

  frame.makeOpts = (theme) => ({
    scales: { x: { time: false, range: (u, min, max) => view ?? (max > min ? [min, max] : [-1, 1]) }, y: yScale(false, [-1, 1]) },
    axes: [axis(theme, s.x, { x: true }), axis(theme, '')],
    series: [{ label: s.x }, ...(last?.series ?? []).map((x, i) => ({
      label: x.label, stroke: theme.series[i % theme.series.length], width: 2, dash: x.dash,
    }))],
    cursor: { drag: { x: false, y: false, setScale: false }, points: { size: 7 } },
    legend: { live: false },
    hooks: { setCursor: [(u) => u.cursor.idx != null && showReadout(u.data[0][u.cursor.idx])] },
  });
  frame.setTable(() => ({
    headers: [s.x, ...(last?.series ?? []).map((x) => x.label)],
    n: last?.xs.length ?? 0,
    row: (i) => [last.xs[i], ...last.series.map((x) => x.ys[i])],
  }));
  frame.mount([new Float64Array(0)]);
  frame.setAlt(s.functionEmpty);

  /** The readout (and the slider's value) at the sample nearest x. */
  function showReadout(x) {
    if (!last?.xs.length || x == null) return;
    cx = x;
    const i = frame.u.valToIdx(x);
    const values = last.series.map((c) => `${c.label} ${num(c.ys[i])}`).join(', ');
    const text = fmt(s.readout, { x: num(last.xs[i]), values });
    if (readout.textContent !== text) readout.textContent = text;
    body.setAttribute('aria-valuenow', String(last.xs[i]));
    body.setAttribute('aria-valuetext', text);
  }

  function describe() {
    if (!view || !last) return;
    frame.setAlt(fmt(s.functionAlt, { names: last.series.map((c) => c.label).join(', '), x0: num(view[0]), x1: num(view[1]) }));
    body.setAttribute('aria-valuemin', String(view[0]));
    body.setAttribute('aria-valuemax', String(view[1]));
  }

  function setView(x0, x1, notify = true) {
    if (!(x1 > x0)) return;
    const span = Math.min(MAX_SPAN, Math.max(MIN_SPAN, x1 - x0));
    const mid = (x0 + x1) / 2;
    view = [mid - span / 2, mid + span / 2];
    frame.u.setScale('x', { min: view[0], max: view[1] });
    describe();
    if (notify) onRange?.(view[0], view[1]);
  }

  const zoomAt = (x, k) => view && setView(x - (x - view[0]) * k, x + (view[1] - x) * k);
  const plotLeft = () => frame.u.over.getBoundingClientRect().left;
  const plotWidth = () => frame.u.over.clientWidth || 1;

  /** Moves the readout cursor to sample i (clamped to the visible samples) and shows it. */
  function moveCursor(i) {
    const u = frame.u;
    const lo = u.valToIdx(view[0]), hi = u.valToIdx(view[1]);
    i = Math.min(hi, Math.max(lo, i));
    const y = last.series.map((c) => c.ys[i]).find(Number.isFinite);
    u.setCursor({ left: u.valToPos(last.xs[i], 'x'), top: y == null ? plotWidth() / 4 : u.valToPos(y, 'y') });
    showReadout(last.xs[i]);
  }

  body.addEventListener('keydown', (e) => {
    if (!view || !last?.xs.length) return;
    const u = frame.u;
    const i = u.valToIdx(cx ?? (view[0] + view[1]) / 2);
    const step = e.shiftKey ? 10 : 1;
    const mid = (view[0] + view[1]) / 2;
    const actions = {
      ArrowLeft: () => moveCursor(i - step), ArrowDown: () => moveCursor(i - step),
      ArrowRight: () => moveCursor(i + step), ArrowUp: () => moveCursor(i + step),
      Home: () => moveCursor(0), End: () => moveCursor(last.xs.length - 1),
      '+': () => zoomAt(cx ?? mid, 0.8), '=': () => zoomAt(cx ?? mid, 0.8), '-': () => zoomAt(cx ?? mid, 1.25),
      0: () => chart.reset(),
    };
    if (!(e.key in actions) || e.ctrlKey || e.metaKey || e.altKey) return;
    e.preventDefault();
    actions[e.key]();
  });

  body.addEventListener('wheel', (e) => {
    if (!view || !frame.u.over.contains(e.target)) return;
    e.preventDefault();
    const dy = e.deltaY * (e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? 400 : 1);
    zoomAt(view[0] + ((e.clientX - plotLeft()) / plotWidth()) * (view[1] - view[0]), Math.exp(dy * 0.002));
  }, { passive: false });

  // Drag pans; two pointers pinch. A gesture restarts whenever a pointer comes or goes.
  const pointers = new Map();
  let gesture = null;
  const centre = () => {
    const xs = [...pointers.values()];
    return { mid: xs.reduce((a, b) => a + b, 0) / xs.length, dist: xs.length > 1 ? Math.abs(xs[0] - xs[1]) : 0 };
  };
  const restart = () => (gesture = pointers.size && view ? { ...centre(), view: [...view], left: plotLeft() } : null);
  body.addEventListener('pointerdown', (e) => {
    if (!view || !frame.u.over.contains(e.target) || (e.pointerType === 'mouse' && e.button !== 0)) return;
    try {
      frame.u.over.setPointerCapture(e.pointerId);
    } catch {
      // a synthetic or already released pointer: the gesture still works while over the chart
    }
    pointers.set(e.pointerId, e.clientX);
    restart();
  });
  body.addEventListener('pointermove', (e) => {
    if (!gesture || !pointers.has(e.pointerId)) return;
    pointers.set(e.pointerId, e.clientX);
    const { mid, dist } = centre();
    const [a, b] = gesture.view;
    const w = plotWidth();
    const anchor = a + ((gesture.mid - gesture.left) / w) * (b - a);
    const span = (b - a) * (gesture.dist > 0 && dist > 0 ? gesture.dist / dist : 1);
    const x0 = anchor - ((mid - gesture.left) / w) * span;
    setView(x0, x0 + span);
  });
  const lift = (e) => {
    if (pointers.delete(e.pointerId)) restart();
  };
  body.addEventListener('pointerup', lift);
  body.addEventListener('pointercancel', lift);

  const chart = {
    /** New samples; the same labels and dashes redraw with setData, others rebuild the chart. */
    update(d) {
      last = d;
      const n = d.xs.length;
      if (!view && n > 1) home = view = [d.xs[0], d.xs[n - 1]];
      const cols = [d.xs, ...d.series.map((c, i) => drawable(c.ys, n, false, spare, i))];
      const key = JSON.stringify(d.series.map((c) => [c.label, c.dash ?? null]));
      if (key !== layout) {
        layout = key;
        frame.mount(cols);
      } else frame.setData(cols);
      if (cx != null) showReadout(cx);
      describe();
    },
    /** Shows [x0, x1] and makes it the range "Reset view" returns to (onRange is not called). */
    setRange(x0, x1) {
      if (!(x1 > x0)) throw new RangeError(`functionChart.setRange: need x0 < x1 (got ${x0}, ${x1})`);
      home = [x0, x1];
      setView(x0, x1, false);
    },
    /** Back to the last setRange (or the first data's range); calls onRange. */
    reset() {
      if (home) setView(home[0], home[1]);
    },
    restyle: () => frame.restyle(),
    destroy: () => frame.destroy(),
  };
  return chart;
}
