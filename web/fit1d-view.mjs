// The 1-D fitting view's markup and styles: a fixed template (no data is ever interpolated into
// HTML) whose menus are then filled with DOM calls from the module's registry and limits, and the
// unit list's rows. The layout follows the view's own width (container queries), so an embed in a
// narrow column gets the phone layout on a wide screen.
import { LEARNING_RATES, fillTemplate, selectNumber } from './trainer-view.mjs';
import { formatX, onPlot } from './fit1d-marks.mjs';
import { num } from './plot-frame.mjs';
import { STRINGS, fmt } from './strings.mjs';
import { FIT1D_RANGE, TARGET_CHOICES } from './fit1d-targets.mjs';

export { selectNumber };

const TEMPLATE = `
<div class="tr-bar">
  <button type="button" data-id="play" class="primary" aria-label="{{t.play}}"><span aria-hidden="true" data-id="play-icon">▶</span></button>
  <button type="button" data-id="step">{{t.step}}</button>
  <button type="button" data-id="reset">{{t.reset}}</button>
  <div class="readout"><span id="@-ep">{{t.epoch}}</span> <output data-id="epoch" aria-labelledby="@-ep">0</output></div>
  <div class="readout"><span id="@-loss">{{f.loss}}</span> <output data-id="loss" aria-labelledby="@-loss">–</output></div>
  <label>{{t.lr}} <select aria-label="{{t.lr}}" data-id="lr"></select></label>
  <label>{{t.optimizer}} <select aria-label="{{t.optimizer}}" data-id="optimizer"><option value="sgd">{{t.sgd}}</option><option value="momentum">{{t.momentum}}</option><option value="adam">{{t.adam}}</option></select></label>
  <label>{{t.speed}} <select aria-label="{{t.speed}}" data-id="speed"><option value="1">{{t.speed1}}</option><option value="10">{{t.speed10}}</option><option value="100">{{t.speed100}}</option><option value="max">{{t.speedMax}}</option></select></label>
</div>
<p class="notice" data-id="notice" role="status" aria-label="{{t.notice}}" hidden></p>
<p class="error" data-id="error" role="alert" hidden></p>
<div class="f1-main">
  <div class="f1-side">
    <section class="f1-settings" aria-label="{{f.settings}}">
      <label>{{f.target}} <select aria-label="{{f.target}}" data-id="target"></select></label>
      <label>{{f.activation}} <select aria-label="{{f.activation}}" data-id="activation"></select></label>
      <label>{{f.noise}} <span class="f1-range"><input aria-label="{{f.noise}}" type="range" data-id="noise" min="0" max="0.5" step="0.05"> <output data-id="noise-value"></output></span></label>
      <label>{{f.units}} <input aria-label="{{f.units}}" type="number" data-id="units" min="1" step="1"></label>
      <div class="f1-params" data-id="act-params"></div>
    </section>
    <section class="f1-more" aria-label="{{f.moreSettings}}">
      <label>{{t.seed}} <input aria-label="{{t.seed}}" type="number" data-id="seed" min="0" step="1"></label>
      <label>{{t.init}} <select aria-label="{{t.init}}" data-id="init"></select></label>
      <label>{{f.points}} <input aria-label="{{f.points}}" type="text" data-id="points" data-key="xy" spellcheck="false" autocomplete="off" aria-describedby="@-ph"></label>
      <p class="f1-hint" id="@-ph" data-key="xy">{{f.pointsHint}}</p>
    </section>
  </div>
  <div class="f1-centre">
    <section class="f1-plot" aria-label="{{f.chartTitle}}">
      <div data-id="chart"></div>
      <div class="f1-chart-bar">
        <button type="button" data-id="add-points" data-key="xy" aria-pressed="false">{{f.addPoints}}</button>
        <button type="button" data-id="clear-points" data-key="xy">{{f.clearPoints}}</button>
        <p class="f1-picked" data-id="picked"></p>
      </div>
      <p class="f1-hint">{{f.chartHint}}</p>
    </section>
    <div data-id="loss-chart" class="tr-chart f1-loss"></div>
  </div>
  <section class="f1-units" aria-label="{{f.unitList}}">
    <h3>{{f.unitsTitle}}</h3>
    <p class="f1-hint"><span>{{f.unitsHint}}</span> <output data-id="dead-count"></output></p>
    <ul class="f1-unit-list" data-id="unit-list"></ul>
  </section>
</div>
<section class="tr-race f1-race" aria-label="{{f.race}}" data-id="race"></section>`;

/** The view's own styles (the bar, readouts, notices and race come from style.css). */
export const FIT1D_CSS = `
section.view.fit1d { margin-top: 28px; border-top: 1px solid var(--ap-border); padding-top: 8px; }
.fit1d-view { container-type: inline-size; }
.f1-main { display: grid; grid-template-columns: 190px minmax(0, 1fr) 220px; grid-template-areas: "side centre units";
  gap: 14px; margin-top: 12px; align-items: start; }
.f1-side { grid-area: side; display: flex; flex-direction: column; gap: 14px; min-width: 0; }
.f1-centre { grid-area: centre; min-width: 0; }
.f1-settings, .f1-more { display: flex; flex-direction: column; gap: 8px; min-width: 0; }
.f1-settings label, .f1-more label { display: flex; flex-direction: column; gap: 3px; font-size: .8rem; }
.f1-settings select, .f1-settings input[type=number], .f1-more select, .f1-more input { width: 100%; box-sizing: border-box; }
.f1-more input[type=text] { font: inherit; padding: 4px 6px; border: 1px solid var(--ap-border); border-radius: 6px;
  background: var(--ap-panel); color: var(--ap-fg); min-height: 28px; }
.f1-params { display: flex; flex-wrap: wrap; gap: 8px; }
.f1-params:empty { display: none; }
.f1-params label { font-family: ui-monospace, monospace; }
.f1-params input { width: 7em; }
.f1-range { display: flex; align-items: center; gap: 6px; }
.f1-range input { flex: 1; min-width: 0; }
.f1-plot { grid-area: plot; min-width: 0; }
.f1-chart-bar { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 8px; margin-top: 4px; }
.f1-chart-bar button[aria-pressed=true] { background: var(--ap-accent); color: var(--ap-accent-fg); }
.f1-picked { flex: 1 0 100%; margin: 0; min-height: 2.8em; font-size: .85rem; line-height: 1.4; }
.f1-units { grid-area: units; min-width: 0; }
.f1-units h3 { margin: 0 0 2px; }
.f1-hint { color: var(--ap-muted); font-size: .8rem; line-height: 1.4; margin: 6px 0; }
.f1-unit-list { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: 1fr; gap: 3px;
  max-height: 430px; overflow-y: auto; }
.f1-unit-list button { width: 100%; display: flex; align-items: baseline; gap: 6px; text-align: left; min-height: 26px;
  padding: 2px 8px; font-size: .8rem; color: var(--ap-fg); border-color: var(--ap-border); font-variant-numeric: tabular-nums; }
.f1-unit-list button .f1-swatch { flex: none; width: 14px; height: 3px; align-self: center; background: var(--f1-unit, #ea580c); border-radius: 2px; }
.f1-unit-list button > span:nth-child(2) { flex: none; }
.f1-unit-list button .f1-unit-what { color: var(--ap-muted); margin-left: auto; text-align: right; }
.f1-unit-list button[aria-current=true] { border-color: var(--f1-unit, #ea580c); box-shadow: inset 3px 0 0 var(--f1-unit, #ea580c); }
.f1-unit-list button[aria-pressed=true] { background: var(--ap-code); }
.f1-unit-list button.f1-dead .f1-swatch { background: var(--ap-muted); opacity: .6; }
.f1-unit-list button.f1-dead .f1-unit-what { font-style: italic; }
.fit1d-view { --f1-unit: #ea580c; }
@media (prefers-color-scheme: dark) { .fit1d-view { --f1-unit: #fb923c; } }
.f1-loss { margin-top: 10px; }
.ap-plot-clickable .u-over { cursor: crosshair; }
.f1-race .f1-lane { flex: 1 1 240px; min-width: 0; max-width: 420px; }
.f1-lane-caption { margin: 2px 0 0; font-size: .85rem; }
/* Narrower: the controls that drive the chart sit above it, the unit list right under it. */
@container (max-width: 900px) {
  .f1-side, .f1-centre { display: contents; }
  .f1-main { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); grid-template-areas: "settings settings" "plot plot" "units loss" "units more"; }
  .f1-settings { grid-area: settings; display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 8px 12px; }
  .f1-params { grid-column: 1 / -1; }
  .f1-loss { grid-area: loss; margin-top: 0; }
  .f1-more { grid-area: more; }
}
@container (max-width: 560px) {
  .f1-main { grid-template-columns: minmax(0, 1fr); grid-template-areas: "settings" "plot" "units" "loss" "more"; gap: 10px; }
  .f1-settings { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); }
  .f1-unit-list { max-height: 280px; }
  .fit1d-view .tr-bar { gap: 8px 12px; }
}
`;

/** Builds the view's DOM inside `root`; `uid` makes its element ids unique on the page. Returns a lookup by data-id. */
export function renderFit1d(root, { uid, ctx, maxUnits }) {
  const wrap = document.createElement('div');
  wrap.className = 'fit1d-view';
  wrap.innerHTML = fillTemplate(TEMPLATE, uid, { t: STRINGS.trainer, f: STRINGS.fit1d });  // a constant template; uid checked, texts escaped
  root.append(wrap);
  const $ = (id) => wrap.querySelector(`[data-id="${id}"]`);
  const add = (select, value, label) => select.add(new Option(label ?? String(value), String(value)));
  for (const v of LEARNING_RATES) add($('lr'), v);
  for (const t of TARGET_CHOICES) add($('target'), t, STRINGS.fit1d.targets[t]);
  for (const a of ctx.activations) add($('activation'), a.name, a.module);
  for (const s of ctx.inits) add($('init'), s);
  $('units').max = String(maxUnits);
  return { wrap, $ };
}

/** "Unit 3" for the unit of index 2. */
export const unitName = (j) => fmt(STRINGS.fit1d.unitLabel, { j: j + 1 }).replace(/^./, (c) => c.toUpperCase());

/** What a live unit's row says of its hinge or centre c: "hinge x = 0.52", "… (off plot)" or "none" (w = 0). */
export function unitText(c, kind) {
  const s = STRINGS.fit1d;
  if (!Number.isFinite(c)) return fmt(s.unitAt, { kind: s[kind], at: s.unitFlat });
  return fmt(onPlot(c) ? s.unitAt : s.unitAtOff, { kind: s[kind], at: formatX(c) });
}

/**
 * One row of the unit list per hidden unit: a button named by what the unit does (its hinge or
 * centre, its output weight, or that it is dead), updated in place so focus stays.
 * @param {HTMLUListElement} list
 * @param {{ w, b, v, centre, dead }} fit the snapshot's per-unit arrays
 * @param {'hinge'|'centre'} kind how this activation's x = −b/w is called
 */
export function showUnits(list, fit, kind) {
  const s = STRINGS.fit1d;
  const H = fit.v.length;
  while (list.children.length > H) list.lastElementChild.remove();
  while (list.children.length < H) {
    const j = list.children.length;
    const li = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.unit = String(j);
    button.setAttribute('aria-pressed', 'false');
    const swatch = document.createElement('span');
    swatch.className = 'f1-swatch';
    const name = document.createElement('span');
    name.textContent = `${unitName(j)} `;
    const what = document.createElement('span');
    what.className = 'f1-unit-what';
    button.append(swatch, name, what);
    li.append(button);
    list.append(li);
  }
  const [lo, hi] = FIT1D_RANGE;
  const n = (x) => num(x, 3);
  for (let j = 0; j < H; j++) {
    const button = list.children[j].firstElementChild;
    const dead = fit.dead[j] === 1;
    const text = dead ? s.deadShort : unitText(fit.centre[j], kind);
    const unit = unitName(j);
    const label = fmt(dead ? s.unitDead : s.unitName, { unit, text, lo, hi, v: n(fit.v[j]) });
    if (button.getAttribute('aria-label') !== label) button.setAttribute('aria-label', label);
    button.classList.toggle('f1-dead', dead);
    if (button.lastElementChild.textContent !== text) button.lastElementChild.textContent = text;
  }
}
