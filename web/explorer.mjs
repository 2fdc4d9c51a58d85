// The activation explorer: reads the registry, draws f and f′ over the core's chart range.
// It only schedules work and draws; every number comes from the WASM module.
import { LineChart } from './charts.mjs';
import { EXPLORER_KEYS, defaults, readState, writeUrl } from './state.mjs';

const TEMPLATE = `
<section class="controls" aria-label="Activation controls">
  <label>Activation <select data-id="activation"></select></label>
  <div data-id="params" class="params"></div>
  <label>Compare with <select data-id="compare"><option value="">—</option></select></label>
  <label class="check"><input type="checkbox" data-id="show-derivative" checked> Show derivative</label>
</section>
<p data-id="error" class="error" role="alert" hidden></p>
<div class="chart-wrap"><canvas data-id="chart" role="img" aria-label="Activation chart"></canvas></div>
<section class="formula" aria-live="polite" aria-label="Formula">
  <div><span class="k">f(x) =</span> <code data-id="formula"></code></div>
  <div><span class="k">f′(x) =</span> <code data-id="derivative"></code></div>
  <div><span class="k">range</span> <code data-id="range"></code></div>
  <p data-id="notes" class="notes"></p>
  <p class="code">PyTorch: <code data-id="torch-code"></code></p>
</section>`;

/**
 * Mounts the explorer into `root`. `get` reads the initial state (URL or attributes); `prefix` is
 * the combined page's `explorer.` (where the old unprefixed links ?fn=…&negative_slope=… still work).
 */
export function mountExplorer(root, { ap, ctx, prefix = '', syncUrl = true, get }) {
  const wrap = document.createElement('div');
  wrap.innerHTML = TEMPLATE;  // constant markup
  root.append(wrap);
  const $ = (id) => wrap.querySelector(`[data-id="${id}"]`);
  const showError = (message) => {
    $('error').textContent = message;
    $('error').hidden = !message;
  };
  const { chartXMin, chartXMax, chartSamples } = ctx.limits;
  const select = $('activation');
  for (const a of ap.listActivations()) select.add(new Option(`${a.module} — ${a.name}`, a.name));
  // A second function (default parameters) drawn over the first, e.g. sigmoid against tanh.
  const compare = $('compare');
  for (const a of ap.listActivations().filter((a) => a.params.every((p) => !p.required))) compare.add(new Option(a.name, a.name));

  const xs = new Float32Array(chartSamples);
  for (let i = 0; i < chartSamples; i++) xs[i] = chartXMin + ((chartXMax - chartXMin) * i) / (chartSamples - 1);
  const chart = new LineChart($('chart'));

  const read = readState(EXPLORER_KEYS, get ?? (() => null), ctx, { prefix, legacyParams: Boolean(prefix) });
  const start = ap.activation(read.values.activation);
  const startParams = Object.fromEntries(start.params.filter((p) => get?.(prefix + p.name) != null || (prefix && get?.(p.name) != null)).map((p) => [p.name, read.values[p.name]]));
  const state = { a: start, params: startParams, problems: read.notices };
  const firstCompare = read.values.compare.split(',').filter(Boolean)[0];
  if (firstCompare && [...compare.options].some((o) => o.value === firstCompare)) compare.value = firstCompare;
  $('show-derivative').checked = read.values.derivative;
  showError(state.problems.join('; '));
  select.value = start.name;

  function paramInputs(a, values) {
    const box = $('params');
    box.replaceChildren();
    for (const p of a.params) {
      const label = document.createElement('label');
      label.textContent = p.name;
      label.title = p.doc;
      let input;
      if (p.choices) {
        input = document.createElement('select');
        for (const c of p.choices) input.add(new Option(c, c));
        input.value = p.choices.includes(values[p.name]) ? values[p.name] : p.default;
      } else {
        input = document.createElement('input');
        input.type = 'number';
        input.step = 'any';
        // Required parameters (threshold's) have no PyTorch default; start from the registry's value.
        input.value = String(values[p.name] ?? p.default);
      }
      input.dataset.param = p.name;
      input.addEventListener('input', render);
      label.append(input);
      box.append(label);
    }
  }

  function currentParams(a) {
    const params = {};
    let bad = null;
    for (const input of $('params').querySelectorAll('input, select')) {
      if (input.tagName === 'SELECT') {
        params[input.dataset.param] = input.value;
        continue;
      }
      const v = Number(input.value);
      const ok = input.value.trim() !== '' && Number.isFinite(v);
      input.setAttribute('aria-invalid', String(!ok));
      if (ok) params[input.dataset.param] = v;
      else bad = `${input.dataset.param} must be a finite number`;
    }
    return { params, bad };
  }

  /** Value and derivative over xs. Vector functions are shown as softmax([x, 0])[0]. */
  function evaluate(a, params) {
    if (a.kind === 'elementwise') {
      return { label: `${a.name}(x)`, ys: ap.F[a.name](xs, params), dys: ap.F[a.name].backward(xs, null, params) };
    }
    const pairs = new Float32Array(2 * xs.length);
    const onesFirst = new Float32Array(2 * xs.length);
    xs.forEach((x, i) => {
      pairs[2 * i] = x;
      onesFirst[2 * i] = 1;
    });
    const opts = { ...params, shape: [xs.length, 2], dim: 1 };
    const y = ap.F[a.name](pairs, opts);
    const g = ap.F[a.name].backward(pairs, onesFirst, opts);
    return {
      label: `${a.name}([x, 0])[0]`,
      ys: xs.map((_, i) => y[2 * i]),
      dys: xs.map((_, i) => g[2 * i]),
    };
  }

  function render() {
    const a = ap.activation(select.value);
    const { params, bad } = currentParams(a);
    if (bad) {
      showError(bad);
      return;  // keep the last good chart
    }
    showError(state.problems.join('; '));
    state.problems = [];
    let r;
    try {
      r = evaluate(a, params);
    } catch (e) {
      showError(e.message);
      return;
    }
    const series = [{ label: r.label, ys: r.ys, color: '#2563eb' }];
    if ($('show-derivative').checked) series.push({ label: 'derivative', ys: r.dys, color: '#ea580c', dash: [6, 4] });
    if (compare.value) {
      const c = evaluate(ap.activation(compare.value), {});
      series.push({ label: c.label, ys: c.ys, color: '#16a34a' });
      if ($('show-derivative').checked) series.push({ label: `${compare.value}′`, ys: c.dys, color: '#9333ea', dash: [6, 4] });
    }
    chart.setData({ xs, series, xRange: [chartXMin, chartXMax] });
    $('formula').textContent = a.formula;
    $('derivative').textContent = a.derivative;
    $('range').textContent = a.range;
    $('notes').textContent = a.notes;
    const py = (v) => (typeof v === 'string' ? `'${v}'` : String(v));
    const kwargs = Object.entries(params).map(([k, v]) => `${k}=${py(v)}`);
    const fargs = ['x', ...(a.kind === 'vector' ? ['dim=-1'] : []), ...kwargs].join(', ');
    const margs = [...(a.kind === 'vector' ? ['dim=-1'] : []), ...kwargs].join(', ');
    $('torch-code').textContent = a.pytorch ?? `F.${a.name}(${fargs})  ·  nn.${a.module}(${margs})`;
    if (syncUrl) writeUrl(EXPLORER_KEYS, { ...defaults(EXPLORER_KEYS, ctx), ...params, activation: a.name, compare: compare.value, derivative: $('show-derivative').checked }, ctx, { prefix, legacyParams: Boolean(prefix) });
    root.dataset.ready = 'true';
  }

  select.addEventListener('change', () => {
    paramInputs(ap.activation(select.value), {});
    render();
  });
  $('show-derivative').addEventListener('change', render);
  compare.addEventListener('change', render);
  paramInputs(state.a, state.params);
  render();
}
