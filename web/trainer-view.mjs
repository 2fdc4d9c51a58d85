// The trainer's markup: a fixed template (no data is ever interpolated into HTML) whose menus are
// then filled with DOM calls from the module's registry, datasets and limits.
import { STRINGS } from './strings.mjs';

/** The learning rate menu's values (a link may add another). */
export const LEARNING_RATES = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
const REG_RATES = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];

/** The trainer's markup: constant (tests/node/no-html-sinks.test.mjs checks it interpolates nothing). */
export const TEMPLATE = `
<div class="tr-bar">
  <button type="button" data-id="play" class="primary" aria-label="{{play}}" disabled><span aria-hidden="true" data-id="play-icon">▶</span></button>
  <button type="button" data-id="step" disabled>{{step}}</button>
  <button type="button" data-id="reset" disabled>{{reset}}</button>
  <div class="readout"><span id="@-epoch-l">{{epoch}}</span> <output data-id="epoch" aria-labelledby="@-epoch-l">0</output></div>
  <label>{{lr}} <select aria-label="{{lr}}" data-id="lr"></select></label>
  <label>{{optimizer}} <select aria-label="{{optimizer}}" data-id="optimizer"><option value="sgd">{{sgd}}</option><option value="momentum">{{momentum}}</option><option value="adam">{{adam}}</option></select></label>
  <label>{{regularization}} <select aria-label="{{regularization}}" data-id="regularization"><option value="none">{{none}}</option><option value="l1">L1</option><option value="l2">L2</option></select></label>
  <label>{{regRate}} <select aria-label="{{regRate}}" data-id="reg_rate"></select></label>
  <label>{{speed}} <select aria-label="{{speed}}" data-id="speed"><option value="1">{{speed1}}</option><option value="10">{{speed10}}</option><option value="100">{{speed100}}</option><option value="max">{{speedMax}}</option></select></label>
  <div class="tr-params" data-id="act-params"></div>
  <label>{{lesson}} <select aria-label="{{lesson}}" data-id="lesson"><option value="">—</option></select></label>
</div>
<p class="notice" data-id="notice" role="status" aria-label="{{notice}}" hidden></p>
<p class="error" data-id="error" role="alert" hidden></p>
<div class="tr-lesson" data-id="lesson-box" hidden></div>
<div class="tr-main">
  <section class="tr-data" aria-label="{{data}}">
    <h3>{{data}}</h3>
    <label>{{dataset}} <select aria-label="{{dataset}}" data-id="dataset"></select></label>
    <label>{{classes}} <select aria-label="{{classes}}" data-id="classes"></select></label>
    <label>{{noise}} <input aria-label="{{noise}}" type="range" data-id="noise" min="0" max="0.5" step="0.05"> <output data-id="noise-value"></output></label>
    <label>{{trainPct}} <input aria-label="{{trainPct}}" type="range" data-id="train_pct" min="10" max="90" step="10"> <output data-id="train_pct-value"></output></label>
    <label>{{batchSize}} <input aria-label="{{batchSize}}" type="number" data-id="batch_size" min="1" step="1"></label>
    <label>{{points}} <input aria-label="{{points}}" type="number" data-id="points" step="10"></label>
    <label>{{seed}} <input aria-label="{{seed}}" type="number" data-id="seed" min="0" step="1"></label>
    <label>{{init}} <select aria-label="{{init}}" data-id="init"></select></label>
    <button type="button" data-id="regenerate">{{regenerate}}</button>
    <div class="tr-datatools" data-id="datatools"></div>
  </section>
  <section class="tr-net" aria-label="{{network}}">
    <div data-id="diagram" class="tr-diagram"></div>
  </section>
  <section class="tr-out" aria-label="{{output}}">
    <div class="tr-readouts">
      <div class="readout"><span id="@-trl">{{trainingLoss}}</span> <output data-id="train-loss" aria-labelledby="@-trl">–</output></div>
      <div class="readout"><span id="@-tel">{{testLoss}}</span> <output data-id="test-loss" aria-labelledby="@-tel">–</output></div>
      <div class="readout"><span id="@-acc">{{testAccuracy}}</span> <output data-id="accuracy" aria-labelledby="@-acc">–</output></div>
    </div>
    <canvas data-id="heatmap" class="tr-heatmap" width="320" height="320" role="img" aria-label="{{heatmap}}"></canvas>
    <div class="tr-checks">
      <label class="check"><input type="checkbox" data-id="show_test" aria-label="{{showTest}}"> {{showTest}}</label>
      <label class="check"><input type="checkbox" data-id="discretize" aria-label="{{discretize}}"> {{discretize}}</label>
    </div>
    <div data-id="loss-chart" class="tr-chart"></div>
  </section>
</div>
<section class="tr-insight" aria-label="{{insight}}">
  <div data-id="histograms" class="tr-histograms"></div>
  <div data-id="grad-chart" class="tr-chart"></div>
  <div data-id="dead-chart" class="tr-chart"></div>
  <p class="tr-dead">{{deadNeurons}}: <output data-id="dead-count">0</output></p>
</section>
<section class="tr-race" aria-label="{{race}}" data-id="race"></section>
<section class="tr-export" aria-label="{{export}}">
  <div data-id="exporttools"></div>
</section>`;

/** Escapes text for the templates' HTML. */
const escapeHtml = (text) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A constant template made markup: each `@` becomes `uid` (letters, digits, '.', '_', '-' only: it
 * ends up inside id attributes), each {{key}} the text strings[key] (or the key; {{a.b}} reads
 * strings.a.b), HTML-escaped.
 * @throws {Error} when uid holds anything else
 */
export function fillTemplate(template, uid, strings) {
  if (typeof uid !== 'string' || !/^[\w.-]{1,64}$/.test(uid)) {
    throw new Error(`renderTrainer: uid ${JSON.stringify(String(uid).slice(0, 30))} must be 1 to 64 letters, digits, '.', '_' or '-'`);
  }
  return template.replaceAll('@', uid).replace(/\{\{([\w.]+)\}\}/g, (m, k) => escapeHtml(String(lookup(strings, k) ?? k)));
}

/** strings['a.b'] as strings.a.b, own properties only; undefined unless it ends at a string or number. */
function lookup(strings, path) {
  let v = strings;
  for (const part of path.split('.')) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, part)) return undefined;
    v = v[part];
  }
  return typeof v === 'string' || typeof v === 'number' ? v : undefined;
}

/** Builds the trainer's DOM inside `root`; `uid` makes its element ids unique on the page. Returns a lookup by data-id. */
export function renderTrainer(root, { uid, ctx, lessons = [] }) {
  const wrap = document.createElement('div');
  wrap.className = 'trainer-view';
  wrap.innerHTML = fillTemplate(TEMPLATE, uid, STRINGS.trainer);  // a constant template; uid checked, texts escaped
  root.append(wrap);
  const $ = (id) => wrap.querySelector(`[data-id="${id}"]`);
  const add = (select, value, label) => select.add(new Option(label ?? String(value), String(value)));
  for (const v of LEARNING_RATES) add($('lr'), v);
  for (const v of REG_RATES) add($('reg_rate'), v);
  for (const d of ctx.datasets) add($('dataset'), d.name, `${d.name.replace(/_/g, ' ')} (${d.task})`);
  for (let k = 2; k <= ctx.limits.maxClasses; k++) add($('classes'), k);
  for (const s of ctx.inits) add($('init'), s);
  for (const l of lessons) add($('lesson'), l.id, STRINGS.lessons?.[l.title] ?? l.title);
  $('points').min = String(ctx.limits.minDatasetPoints);
  $('points').max = String(ctx.limits.maxDatasetPoints);
  $('batch_size').max = String(ctx.limits.maxDatasetPoints);
  return { wrap, $ };
}

/** Shows a number in a select of fixed values, adding it as an option when a link asks for another one. */
export function selectNumber(select, value) {
  const s = String(value);
  if (![...select.options].some((o) => o.value === s)) {
    const opts = [...select.options];
    const before = opts.find((o) => Number(o.value) > value);
    select.add(new Option(s, s), before ?? null);
  }
  select.value = s;
}
