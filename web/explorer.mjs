// The activation explorer: any number of registry activations overlaid with their derivatives,
// parameters by their PyTorch names, zoom that resamples from the core, the selected (first)
// activation's saturated and dead ranges shaded, its formula and its code in three styles.
// It only schedules work and draws; every number comes from the WASM module.
import { renderChips } from './explorer-chips.mjs';
import { activationCode, codeBlocks } from './explorer-code.mjs';
import { EXPLORER_CSS, mountTemplate } from './explorer-css.mjs';
import { describeCurve, evaluate, gradientRegions, linspace, roundX } from './explorer-sample.mjs';
import { PLOTS_CSS, functionChart } from './plots.mjs';
import { num } from './plot-frame.mjs';
import { EXPLORER_KEYS, defaults, paramKeys, parseValue, readState, writeUrl } from './state.mjs';
import { STRINGS, fmt } from './strings.mjs';

// The chart's own limits on the visible span (plot-function.mjs clamps to them too).
const MIN_SPAN = 1e-3;
const MAX_SPAN = 1e4;

const TEMPLATE = `
<p data-id="notice" class="notice ex-notice" role="alert"></p>
<div data-id="chips"></div>
<div class="ex-row">
  <label><input type="checkbox" data-id="show-derivative" data-key="derivative"> <span data-s="showDerivatives"></span></label>
  <span class="ex-row ex-zoom">
    <label><span data-s="xFrom"></span> <input type="number" step="any" data-id="x0" data-key="x_min" data-label="xFrom"></label>
    <label><span data-s="xTo"></span> <input type="number" step="any" data-id="x1" data-key="x_max" data-label="xTo"></label>
  </span>
</div>
<div class="ex-chart" data-id="chart"></div>
<p class="ex-shade" data-id="shade"></p>
<section class="ex-formula" data-id="formula-box">
  <div><span class="k" data-s="formula"></span> <code data-id="formula"></code></div>
  <div><span class="k" data-s="derivative"></span> <code data-id="derivative"></code></div>
  <div><span class="k" data-s="range"></span> <code data-id="range"></code></div>
  <p data-id="notes" class="ex-notes"></p>
</section>
<h3 data-s="code"></h3>
<div data-id="code"></div>`;

/**
 * Mounts the explorer into `root` (an element in a document or a shadow root).
 * @param {Element} root
 * @param {{ap: object, ctx: object, prefix?: string, syncUrl?: boolean, get?: (key: string) => string|null}} options
 *   `get` reads the initial state (URL or attributes); `prefix` is the combined page's `explorer.`
 *   (where the old unprefixed links ?fn=…&negative_slope=…&vs=… still work)
 */
export function mountExplorer(root, { ap, ctx, prefix = '', syncUrl = true, get = () => null }) {
  const S = STRINGS.explorer;
  const doc = root.ownerDocument;
  const { $ } = mountTemplate(root, { className: 'ex', template: TEMPLATE, strings: S, css: [PLOTS_CSS, EXPLORER_CSS] });
  const all = ctx.allActivations;
  const byName = (name) => all.find((a) => a.name === name);
  const { chartXMin, chartXMax, chartSamples } = ctx.limits;
  const legacy = Boolean(prefix);

  // ---- the state read from the link ------------------------------------------------------------
  const read = readState(EXPLORER_KEYS, get, ctx, { prefix, legacyParams: legacy });
  const notices = [...read.notices];
  const raw = (k) => get(prefix + k) ?? (legacy ? get(k) : null);
  const paramEntries = new Map(paramKeys(ctx).map((e) => [e.key, e]));
  /** The parameters of `a` at their defaults, with those the link sets (and that parse) applied. */
  const startValues = (a, fromLink) => Object.fromEntries(a.params.map((p) => {
    const r = fromLink && raw(p.name) != null ? parseValue(paramEntries.get(p.name), raw(p.name), ctx) : {};
    return [p.name, 'value' in r ? r.value : p.default];
  }));
  const first = byName(read.values.activation);
  const chips = [{ a: first, values: startValues(first, true) }];
  for (const name of read.values.compare.split(',').filter(Boolean)) {
    if (!chips.some((c) => c.a.name === name)) chips.push({ a: byName(name), values: startValues(byName(name), false) });
  }
  let view = [read.values.x_min, read.values.x_max];
  if (!(view[1] - view[0] >= MIN_SPAN && view[1] - view[0] <= MAX_SPAN)) {
    notices.push(fmt(S.badUrlRange, { x0: view[0], x1: view[1] }));
    view = [chartXMin, chartXMax];
  }
  $('show-derivative').checked = read.values.derivative;
  let problem = '';  // the current input problem, shown with the link's notices
  const showNotice = () => {
    const text = [problem, ...notices].filter(Boolean).join('; ');
    if ($('notice').textContent !== text) $('notice').textContent = text;
  };

  // ---- the chart and the code --------------------------------------------------------------------
  const chart = functionChart($('chart'), {
    strings: { reset: S.resetZoom, functionTitle: S.chartTitle },
    onRange: (x0, x1) => {
      view = [x0, x1];
      render();
    },
  });
  chart.setRange(chartXMin, chartXMax);
  if (view[0] !== chartXMin || view[1] !== chartXMax) chart.setRange(view[0], view[1], { home: false });
  const code = codeBlocks($('code'), S);

  function drawChips() {
    renderChips($('chips'), {
      chips, all, strings: S,
      onParam(chip, name, value) {
        if (value === null) {
          problem = fmt(S.notANumber, { name: fmt(S.param, { param: name, fn: chip.a.name }) });
          showNotice();
          return;  // keep the last good chart
        }
        chip.values[name] = value;
        render();
      },
      onSwap(a) {
        const at = chips.findIndex((c) => c.a.name === a.name);
        if (at > 0) chips.splice(at, 1);
        chips[0] = { a, values: startValues(a, false) };
        drawChips();
        render();
        focus(`select[aria-label="${S.activation}"]`);
      },
      onRemove(index) {
        chips.splice(index, 1);
        drawChips();
        render();
        focus('.ex-add');
      },
      onSelect(index) {
        chips.unshift(...chips.splice(index, 1));
        drawChips();
        render();
        focus(`select[aria-label="${S.activation}"]`);
      },
      onAdd(a) {
        chips.push({ a, values: startValues(a, false) });
        drawChips();
        render();
        focus('.ex-add');
      },
    });
  }
  const focus = (selector) => $('chips').querySelector(selector)?.focus();

  /** The selected activation's shaded ranges, as a caption with swatches. */
  function shadeCaption(label, regions) {
    const p = $('shade');
    const swatch = (cls) => Object.assign(doc.createElement('span'), { className: `ap-swatch ${cls}` });
    const pct = (x) => num(Math.round(x * 1000) / 10);
    p.replaceChildren(fmt(S.shadeLead, { fn: label }));
    if (!regions.shareSaturated) p.append(S.shadeNone);
    else p.append(swatch('ap-swatch-saturated'), fmt(S.shadeSaturated, { share: pct(regions.shareSaturated) }));
    if (regions.shareDead) p.append('; ', swatch('ap-swatch-dead'), fmt(S.shadeDead, { share: pct(regions.shareDead) }));
  }

  const labelOf = (a) => (a.kind === 'vector' ? fmt(S.vectorLabel, { name: a.name }) : a.name);

  function render() {
    const xs = linspace(view[0], view[1], chartSamples);
    const showD = $('show-derivative').checked;
    const series = [];
    let selected = null;
    problem = '';
    chips.forEach((chip, k) => {
      let r;
      try {
        r = evaluate(ap, chip.a, chip.values, xs);
      } catch (e) {
        problem ||= `${chip.a.name}: ${e.message}`;
        r = { ys: new Float32Array(xs.length).fill(NaN), dys: new Float32Array(xs.length).fill(NaN) };
      }
      const label = labelOf(chip.a);
      series.push({ label, ys: r.ys, color: k });
      if (showD) series.push({ label: fmt(S.derivativeLabel, { label }), ys: r.dys, color: k, dash: [6, 4] });
      if (k === 0) selected = { label, r };
    });
    const a = chips[0].a;
    const regions = gradientRegions(xs, selected.r.dys);
    const alt = describeCurve(S, selected.label, a.range, xs, selected.r.dys);
    chart.update({ xs, series, saturated: regions.saturated, dead: regions.dead, alt });
    shadeCaption(selected.label, regions);
    $('formula').textContent = a.formula;
    $('derivative').textContent = a.derivative;
    $('range').textContent = a.range;
    $('range').title = fmt(S.outputRange, { fn: a.name, range: a.range });
    $('notes').textContent = a.notes;
    code.update(activationCode(a, chips[0].values, { ap }));
    const span = view[1] - view[0];
    const x0 = roundX(view[0], span), x1 = roundX(view[1], span);
    for (const [id, v] of [['x0', x0], ['x1', x1]]) {
      if (root.getRootNode().activeElement !== $(id)) $(id).value = String(v);
      $(id).setAttribute('aria-invalid', 'false');
    }
    showNotice();
    notices.length = 0;  // the link's notices stay until the next change
    if (syncUrl) saveUrl(x0, x1);
    root.dataset.ready = 'true';
  }

  function saveUrl(x0, x1) {
    const zoomed = view[0] !== chartXMin || view[1] !== chartXMax;
    const values = {
      ...defaults(EXPLORER_KEYS, ctx), ...chips[0].values, activation: chips[0].a.name,
      compare: chips.slice(1).map((c) => c.a.name).join(','), derivative: $('show-derivative').checked,
      x_min: zoomed ? x0 : chartXMin, x_max: zoomed ? x1 : chartXMax,
    };
    writeUrl(EXPLORER_KEYS, values, ctx, { prefix, legacyParams: legacy });
    // A parameter equal to another activation's default of the same name (threshold: softplus's 20)
    // is left out by writeUrl, but it is not this activation's default: write it anyway.
    const q = new URLSearchParams(location.search);
    let fixed = false;
    for (const p of chips[0].a.params) {
      const v = String(chips[0].values[p.name]);
      if (!q.has(prefix + p.name) && v !== String(p.default)) {
        q.set(prefix + p.name, v);
        fixed = true;
      }
    }
    if (fixed) history.replaceState(null, '', `${location.pathname}?${q}${location.hash}`);
  }

  /** The typed range: applied when both boxes hold numbers in order, else marked and explained. */
  function typedRange() {
    const a = Number($('x0').value), b = Number($('x1').value);
    const bad = (id, message) => {
      $(id).setAttribute('aria-invalid', 'true');
      problem = message;
      showNotice();
    };
    for (const [id, v, s] of [['x0', a, S.xFrom], ['x1', b, S.xTo]]) {
      if ($(id).value.trim() === '' || !Number.isFinite(v)) return bad(id, fmt(S.notANumber, { name: s }));
    }
    if (!(b > a)) return bad('x1', S.badRange);
    if (b - a < MIN_SPAN || b - a > MAX_SPAN) return bad('x1', fmt(S.badSpan, { min: MIN_SPAN, max: MAX_SPAN }));
    view = [a, b];
    chart.setRange(a, b, { home: false });
    render();
  }
  $('x0').addEventListener('change', typedRange);
  $('x1').addEventListener('change', typedRange);
  $('show-derivative').addEventListener('change', render);
  drawChips();
  render();
}
