// The activation explorer: reads the registry, draws f and f' over the core's chart range.
// It only schedules work and draws; every number comes from the WASM module.
import { load } from '../dist/index.mjs';
import { LineChart } from './charts.mjs';
import { compareChoices, explorerChoices } from './menus.mjs';
import { startTrainer } from './trainer.mjs';

const $ = (id) => document.getElementById(id);

function showError(message) {
  $('error').textContent = message;
  $('error').hidden = !message;
}

/** Activation and parameter values from the URL (?fn=leaky_relu&negative_slope=0.2); bad values are reported, not used. */
function readUrlState(ap) {
  const q = new URLSearchParams(location.search);
  const problems = [];
  let a = ap.listActivations()[0];
  if (q.has('fn')) {
    try {
      a = ap.activation(q.get('fn'));
    } catch (e) {
      problems.push(e.message);
    }
  }
  const params = {};
  for (const p of a.params) {
    if (!q.has(p.name)) continue;
    if (p.choices) {
      if (p.choices.includes(q.get(p.name))) params[p.name] = q.get(p.name);
      else problems.push(`ignored ${p.name}=${JSON.stringify(q.get(p.name))}: expected one of ${p.choices.join(', ')}`);
      continue;
    }
    const v = Number(q.get(p.name));
    if (Number.isFinite(v)) params[p.name] = v;
    else problems.push(`ignored ${p.name}=${JSON.stringify(q.get(p.name))}: not a finite number`);
  }
  return { a, params, problems };
}

/** Writes the explorer's keys (fn and its parameters), keeping the training view's keys. */
function writeUrlState(ap, a, params, vs) {
  const q = new URLSearchParams(location.search);
  for (const other of ap.listActivations()) for (const p of other.params) q.delete(p.name);
  q.set('fn', a.name);
  if (vs) q.set('vs', vs);
  else q.delete('vs');
  for (const [k, v] of Object.entries(params)) q.set(k, String(v));
  history.replaceState(null, '', `?${q}`);
}

async function main() {
  const ap = await load();
  const info = ap.buildInfo();
  const { chartXMin, chartXMax, chartSamples } = info.limits;
  $('build').textContent = info.simd ? 'WASM SIMD' : 'WASM (no SIMD)';
  $('build').classList.toggle('simd', info.simd);

  const select = $('activation');
  for (const [label, value] of explorerChoices(ap)) select.add(new Option(label, value));
  // A second function (default parameters) drawn over the first, e.g. sigmoid against tanh.
  const compare = $('compare');
  for (const [label, value] of compareChoices(ap)) compare.add(new Option(label, value));

  const xs = new Float32Array(chartSamples);
  for (let i = 0; i < chartSamples; i++) xs[i] = chartXMin + ((chartXMax - chartXMin) * i) / (chartSamples - 1);
  const chart = new LineChart($('chart'));

  const state = readUrlState(ap);
  const vs = new URLSearchParams(location.search).get('vs');
  if (vs) {
    if ([...compare.options].some((o) => o.value === vs)) compare.value = vs;
    else state.problems.push(`ignored vs=${JSON.stringify(vs)}: not an activation`);
  }
  showError(state.problems.join('; '));
  select.value = state.a.name;

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
    const code = ap.pytorchCode(a.name, params, { dim: -1 });
    $('torch-code').textContent = `${code.functional}  ·  ${code.module}`;
    writeUrlState(ap, a, params, compare.value);
    document.body.dataset.ready = 'true';
  }

  select.addEventListener('change', () => {
    paramInputs(ap.activation(select.value), {});
    render();
  });
  $('show-derivative').addEventListener('change', render);
  compare.addEventListener('change', render);
  paramInputs(state.a, state.params);
  render();
  startTrainer(ap);
}

main().catch((e) => {
  showError(`Could not start: ${e.message}`);
  console.error(e);
});
