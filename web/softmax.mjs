// The softmax view: 3 to 10 logits and a temperature; softmax(z / T), log_softmax(z / T) and
// softmin(z / T) beside each other, all computed by the core; buttons that add or subtract 1 from
// every logit to show that softmax does not change; the code in three styles.
import { codeBlocks, pyFloats, pyValue } from './explorer-code.mjs';
import { SOFTMAX_CSS, mountTemplate } from './explorer-css.mjs';
import { num } from './plot-frame.mjs';
import { SOFTMAX_KEYS, readState, writeUrl } from './state.mjs';
import { STRINGS, fmt } from './strings.mjs';

// The temperature slider is logarithmic: position p in [-1, 1] is T = 10^p (0.1 to 10). The number
// box takes any T the state table allows.
const T_LOG_RANGE = [-1, 1];
// Logit sliders sweep this much; the number boxes take any value the state table allows.
const LOGIT_SLIDER = [-10, 10, 0.1];

const TEMPLATE = `
<p class="sm-lede" data-s="lede"></p>
<p data-id="notice" class="notice ex-notice" role="alert"></p>
<div class="sm-grid">
  <section data-id="inputs">
    <h3 data-s="logits"></h3>
    <ol class="sm-logits" data-id="logits"></ol>
    <div class="sm-buttons" data-key="logits">
      <button type="button" data-id="add" data-s="addLogit"></button>
      <button type="button" data-id="remove" data-s="removeLogit"></button>
      <button type="button" data-id="plus" data-s="addOne"></button>
      <button type="button" data-id="minus" data-s="subtractOne"></button>
    </div>
    <p class="sm-caption" data-s="shiftCaption"></p>
    <p class="sm-caption" data-id="shifted" role="status"></p>
    <div class="sm-logit sm-temp">
      <span data-s="temperature"></span>
      <input type="range" data-id="t-slider" data-key="temperature" data-label="temperature">
      <input type="number" step="any" data-id="t-number" data-key="temperature" data-label="temperatureNumber">
    </div>
    <p class="sm-caption" data-id="t-hint"></p>
  </section>
  <section data-id="outputs-box">
    <h3 data-s="outputs"></h3>
    <div class="sm-outputs" data-id="outputs"></div>
  </section>
</div>
<h3 data-s="code"></h3>
<div data-id="code"></div>`;

/**
 * Mounts the softmax view into `root` (an element in a document or a shadow root).
 * @param {Element} root
 * @param {{ap: object, ctx: object, prefix?: string, syncUrl?: boolean, get?: (key: string) => string|null}} options
 *   `get` reads the initial state (URL or attributes); `prefix` is the combined page's `softmax.`
 */
export function mountSoftmax(root, { ap, ctx, prefix = '', syncUrl = true, get = () => null }) {
  const S = STRINGS.softmax;
  const doc = root.ownerDocument;
  const { $ } = mountTemplate(root, { className: 'sm', template: TEMPLATE, strings: { ...STRINGS.explorer, ...S }, css: [SOFTMAX_CSS] });
  const el = (tag, className, text) => Object.assign(doc.createElement(tag), className ? { className } : {}, text != null ? { textContent: text } : {});
  const entry = (key) => SOFTMAX_KEYS.find((e) => e.key === key);
  const { min: minLogits, valueMin, valueMax } = entry('logits');
  const maxLogits = entry('logits').max(ctx);
  const [tMin, tMax] = [entry('temperature').min, entry('temperature').max];

  const read = readState(SOFTMAX_KEYS, get, ctx, { prefix });
  const notices = [...read.notices];
  let logits = read.values.logits.split(',').map(Number);
  let T = read.values.temperature;
  let problem = '';
  let last = null;  // the last probabilities, to show that a shift leaves them unchanged
  const showNotice = () => {
    const text = [problem, ...notices].filter(Boolean).join('; ');
    if ($('notice').textContent !== text) $('notice').textContent = text;
  };

  /** Checks a typed number against [lo, hi]; marks the box and returns the number or null. */
  function typed(box, name, lo, hi) {
    const v = Number(box.value);
    const why = box.value.trim() === '' || !Number.isFinite(v) ? fmt(S.notANumber, { name })
      : v < lo || v > hi ? fmt(S.outOfRange, { name, min: lo, max: hi }) : '';
    box.setAttribute('aria-invalid', String(Boolean(why)));
    problem = why;
    if (why) showNotice();
    return why ? null : v;
  }

  // ---- logits ---------------------------------------------------------------------------------------
  function drawLogits() {
    const list = $('logits');
    list.replaceChildren(...logits.map((z, i) => {
      const li = el('li', 'sm-logit');
      const name = fmt(S.logit, { i: i + 1 });
      const [lo, hi, step] = LOGIT_SLIDER;
      const slider = Object.assign(el('input'), { type: 'range', min: Math.min(lo, z), max: Math.max(hi, z), step, value: z });
      slider.setAttribute('aria-label', name);
      const number = Object.assign(el('input'), { type: 'number', step: 'any', value: String(z) });
      number.setAttribute('aria-label', fmt(S.logitNumber, { i: i + 1 }));
      slider.addEventListener('input', () => {
        logits[i] = Number(slider.value);
        number.value = slider.value;
        number.setAttribute('aria-invalid', 'false');
        problem = '';
        render();
      });
      number.addEventListener('input', () => {
        const v = typed(number, name, valueMin, valueMax);
        if (v === null) return;
        logits[i] = v;
        if (v < Number(slider.min)) slider.min = String(v);
        if (v > Number(slider.max)) slider.max = String(v);
        slider.value = String(v);
        render();
      });
      li.append(el('span', '', name), slider, number);
      return li;
    }));
    $('add').disabled = logits.length >= maxLogits;
    $('remove').disabled = logits.length <= minLogits;
  }

  /** Moves every logit by c (and says how much the probabilities moved). */
  function shift(c) {
    const before = last;
    logits = logits.map((z) => Math.min(valueMax, Math.max(valueMin, Number((z + c).toFixed(10)))));
    drawLogits();
    render();
    let diff = 0;
    last.forEach((p, i) => (diff = Math.max(diff, Math.abs(p - before[i]))));
    $('shifted').textContent = fmt(S.shifted, { c: c > 0 ? `+${c}` : `−${-c}`, diff: diff === 0 ? '0' : num(diff, 2) });
  }
  $('plus').addEventListener('click', () => shift(1));
  $('minus').addEventListener('click', () => shift(-1));
  $('add').addEventListener('click', () => {
    logits.push(0);
    drawLogits();
    render();
    $('logits').lastElementChild.querySelector('input').focus();
  });
  $('remove').addEventListener('click', () => {
    logits.pop();
    drawLogits();
    render();
    if ($('remove').disabled) $('add').focus();
  });

  // ---- temperature ------------------------------------------------------------------------------
  const tSlider = $('t-slider');
  Object.assign(tSlider, { min: T_LOG_RANGE[0], max: T_LOG_RANGE[1], step: 0.01 });
  tSlider.setAttribute('aria-valuetext', '');
  const showT = () => {
    tSlider.value = String(Math.log10(T));
    tSlider.setAttribute('aria-valuetext', `T = ${num(T, 3)}`);
  };
  tSlider.addEventListener('input', () => {
    T = Number((10 ** Number(tSlider.value)).toPrecision(3));
    $('t-number').value = String(T);
    $('t-number').setAttribute('aria-invalid', 'false');
    tSlider.setAttribute('aria-valuetext', `T = ${num(T, 3)}`);
    problem = '';
    render();
  });
  $('t-number').addEventListener('input', () => {
    const v = typed($('t-number'), S.temperature, tMin, tMax);
    if (v === null || v === 0) return;
    T = v;
    showT();
    render();
  });

  // ---- outputs ---------------------------------------------------------------------------------
  const COLUMNS = [
    { key: 'softmax', title: S.softmax, item: S.probability, cls: 'sm-col-softmax' },
    { key: 'log_softmax', title: S.logSoftmax, item: S.logProbability, cls: 'sm-col-log' },
    { key: 'softmin', title: S.softmin, item: S.softminValue, cls: 'sm-col-softmin' },
  ];
  /** One column of bars: role=meter per value (readable by screen readers), the value beside it. */
  function column({ title, item, cls }, values, sum) {
    const box = el('div', `sm-col ${cls}`);
    box.append(el('h4', '', title));
    const list = el('ol', 'sm-bars');
    const logScale = cls === 'sm-col-log';
    const worst = logScale ? Math.max(1e-12, ...values.map((v) => -v)) : 1;
    values.forEach((v, i) => {
      const li = el('li', 'sm-bar');
      const track = el('div', 'sm-track');
      const fill = el('div', 'sm-fill');
      fill.style.width = `${Math.max(0, Math.min(100, (logScale ? -v / worst : v) * 100))}%`;
      track.append(fill);
      track.setAttribute('role', 'meter');
      track.setAttribute('aria-label', fmt(item, { i: i + 1 }));
      track.setAttribute('aria-valuemin', logScale ? String(-worst) : '0');
      track.setAttribute('aria-valuemax', logScale ? '0' : '1');
      track.setAttribute('aria-valuenow', String(v));
      track.setAttribute('aria-valuetext', num(v));
      const value = el('span', 'sm-value', num(v, 3));
      value.setAttribute('aria-hidden', 'true');
      li.append(el('span', '', String(i + 1)), track, value);
      list.append(li);
    });
    box.append(list);
    if (sum != null) box.append(el('p', 'sm-sum', fmt(S.sum, { sum: num(sum, 6) })));
    return box;
  }

  const code = codeBlocks($('code'), STRINGS.explorer);
  function codeFor() {
    const t = T === 1 ? '' : ` / ${pyValue(T)}`;
    const tensor = `torch.tensor(${pyFloats(logits)})`;
    const js = T === 1 ? `new Float32Array([${logits.join(', ')}])` : `new Float32Array([${logits.join(', ')}]).map((z) => z / ${T})`;
    return {
      module: `softmax = nn.Softmax(dim=-1)\nsoftmax(${tensor}${t})`,
      functional: `F.softmax(${tensor}${t}, dim=-1)`,
      js: `ap.F.softmax(${js}, { dim: -1 })`,
    };
  }

  function render() {
    const z = Float32Array.from(logits, (v) => v / T);
    const out = {};
    try {
      for (const { key } of COLUMNS) out[key] = Array.from(ap.F[key](z, { dim: -1 }));
    } catch (e) {
      problem = e.message;
      showNotice();
      return;
    }
    last = out.softmax;
    const sum = (vs) => vs.reduce((a, b) => a + b, 0);
    $('outputs').replaceChildren(...COLUMNS.map((c) => column(c, out[c.key], c.key === 'log_softmax' ? null : sum(out[c.key]))));
    $('t-hint').textContent = fmt(S.temperatureHint, { n: logits.length });
    $('shifted').textContent = '';
    code.update(codeFor());
    showNotice();
    notices.length = 0;  // the link's notices stay until the next change
    if (syncUrl) writeUrl(SOFTMAX_KEYS, { logits: logits.join(','), temperature: T }, ctx, { prefix });
    root.dataset.ready = 'true';
  }

  $('t-number').value = String(T);
  showT();
  drawLogits();
  render();
}
