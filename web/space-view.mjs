// The space view's markup and styles: a fixed template (no data is ever interpolated into HTML) whose
// menus are then filled with DOM calls from the module's registry, datasets and limits.
import { SPACE_KEYS } from './state.mjs';
import { STRINGS } from './strings.mjs';
import { LEARNING_RATES, fillTemplate } from './trainer-view.mjs';

const T = STRINGS.space;

/** The view's own styles (adopted into the page or an embed's shadow root). */
export const SPACE_CSS = `
.view.space { margin-top: 28px; border-top: 1px solid var(--ap-border); padding-top: 8px; }
.space-view { display: flex; flex-direction: column; gap: 10px; }
.sp-bar { display: flex; flex-wrap: wrap; gap: 10px 16px; align-items: end; padding: 10px; background: var(--ap-panel); border: 1px solid var(--ap-border); border-radius: 8px; }
.sp-bar label { display: flex; flex-direction: column; gap: 4px; }
.sp-bar .readout { display: flex; flex-direction: column; gap: 4px; font-size: .85rem; min-width: 4.5em; }
.sp-bar .readout output { font-variant-numeric: tabular-nums; font-weight: 600; }
.sp-layers { display: contents; }
.sp-main { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
.sp-figure { margin: 0; flex: 1 1 320px; max-width: 560px; min-width: 0; }
.sp-figure canvas { display: block; width: 100%; aspect-ratio: 1; border: 1px solid var(--ap-border); border-radius: 8px; background: var(--ap-panel); }
.sp-side { flex: 1 1 300px; min-width: 0; display: flex; flex-direction: column; gap: 10px; }
.sp-caption { font-size: 1.1rem; font-weight: 600; margin: 0 0 6px; min-height: 1.4em; }
.sp-stagebar { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
.sp-stagebar input[type=range] { flex: 1 1 140px; min-width: 0; accent-color: var(--ap-accent); }
.sp-summary { margin: 0; color: var(--ap-muted); line-height: 1.45; }
.sp-stages { display: flex; flex-wrap: wrap; gap: 4px; margin: 0; padding: 0; list-style: none; font-size: .8rem; }
.sp-stages li { padding: 2px 8px; border-radius: 999px; border: 1px solid var(--ap-border); color: var(--ap-muted); }
.sp-stages li[aria-current=step] { border-color: var(--ap-accent); color: var(--ap-fg); font-weight: 600; }
.sp-classes { display: contents; }
.sp-classes[hidden], .sp-note[hidden], .sp-legend li[hidden] { display: none; }
.sp-note { margin: 0 0 8px; padding: 6px 10px; border-left: 3px solid var(--ap-accent); background: var(--ap-panel); font-size: .9rem; line-height: 1.4; }
.sp-note label { display: inline-flex; flex-wrap: wrap; gap: 4px 6px; align-items: center; margin-top: 4px; font-weight: 600; }
.sp-legend { display: flex; flex-wrap: wrap; gap: 4px 14px; margin: 6px 0 0; padding: 0; list-style: none; font-size: .85rem; color: var(--ap-muted); }
.sp-legend li { display: inline-flex; align-items: center; gap: 5px; }
.sp-mark { display: inline-block; flex: none; }
.sp-dot { width: 10px; height: 10px; border-radius: 50%; }
.sp-train { background: var(--ap-muted); }
.sp-test { border: 2px solid var(--ap-muted); width: 6px; height: 6px; }
.sp-dash { width: 22px; border-top: 3px dashed var(--ap-fg); }
.sp-count { font-weight: 600; color: var(--ap-fg); }
`;

const TEMPLATE = `
<p class="notice" data-id="notice" role="status" aria-label="{{notice}}" hidden></p>
<p class="error" data-id="error" role="alert" hidden></p>
<div class="sp-main">
  <figure class="sp-figure">
    <figcaption class="sp-caption" data-id="caption" aria-live="polite"></figcaption>
    <p class="sp-note" data-id="units-note" hidden><span data-id="units-text"></span>
      <label>{{stagePair}} <select data-id="stage-pair"></select></label></p>
    <canvas data-id="canvas" role="img" aria-label="{{picture}}" width="400" height="400"></canvas>
    <ul class="sp-legend" data-id="legend" aria-label="{{legend}}"></ul>
  </figure>
  <div class="sp-side">
    <div class="sp-stagebar">
      <button type="button" data-id="prev" aria-label="{{previous}}"><span aria-hidden="true">◀</span></button>
      <button type="button" data-id="animate">{{animate}}</button>
      <button type="button" data-id="next" aria-label="{{next}}"><span aria-hidden="true">▶</span></button>
      <input type="range" data-id="stage" min="0" max="4" step="1" aria-label="{{stage}}">
    </div>
    <ol class="sp-stages" data-id="stages" aria-label="{{stages}}"></ol>
    <p class="sp-summary" data-id="summary"></p>
    <div class="sp-bar" role="group" aria-label="{{training}}">
      <button type="button" data-id="play" class="primary" aria-label="{{play}}" disabled><span aria-hidden="true" data-id="play-icon">▶</span></button>
      <button type="button" data-id="step" disabled>{{step}}</button>
      <button type="button" data-id="reset" disabled>{{reset}}</button>
      <div class="readout"><span id="@-epoch">{{epoch}}</span> <output data-id="epoch" aria-labelledby="@-epoch">0</output></div>
      <div class="readout"><span id="@-acc">{{accuracy}}</span> <output data-id="accuracy" aria-labelledby="@-acc">–</output></div>
      <label>{{lr}} <select data-id="lr"></select></label>
    </div>
    <div class="sp-bar" role="group" aria-label="{{network}}">
      <label>{{dataset}} <select data-id="dataset"></select></label>
      <span class="sp-classes" data-id="classes-box" hidden><label>{{classes}} <select data-id="classes"></select></label></span>
      <label>{{activationName}} <select data-id="activation"></select></label>
      <label>{{layers}} <select data-id="layers" data-key="hidden"></select></label>
      <div class="sp-layers" data-id="layer-controls"></div>
    </div>
  </div>
</div>`;

const LABELS = { ...T, play: STRINGS.trainer.play, step: STRINGS.trainer.step, reset: STRINGS.trainer.reset, epoch: STRINGS.trainer.epoch,
  lr: STRINGS.trainer.lr, dataset: STRINGS.trainer.dataset, notice: STRINGS.trainer.notice };

/** What an activation does to the plane, read from its registry range: identity, bounded, [0, …) or else. */
export function effectOf(name, range) {
  if (name === 'linear') return T.straight;
  if (!range.includes('inf')) return T.squashes;
  return range.startsWith('[0,') ? T.folds : T.bends;
}

/** Builds the view's DOM inside `root`; `uid` makes its element ids unique on the page. Returns a lookup by data-id. */
export function renderSpace(root, { uid, ctx }) {
  const wrap = document.createElement('div');
  wrap.className = 'space-view';
  wrap.innerHTML = fillTemplate(TEMPLATE, uid.replace(/[^\w-]/g, '_'), LABELS);  // a constant template; uid checked, texts escaped
  root.append(wrap);
  const $ = (name) => wrap.querySelector(`[data-id="${name}"]`);
  for (const v of LEARNING_RATES) $('lr').add(new Option(String(v), String(v)));
  for (const d of ctx.datasets.filter((e) => e.task === 'classification' || e.task === 'multiclass')) $('dataset').add(new Option(d.name.replace(/_/g, ' '), d.name));
  for (const a of ctx.activations) $('activation').add(new Option(a.name, a.name));
  const classes = SPACE_KEYS.find((e) => e.key === 'classes');
  for (let n = classes.min; n <= classes.max(ctx); n++) $('classes').add(new Option(String(n), String(n)));
  const maxLayers = SPACE_KEYS.find((e) => e.key === 'hidden').max(ctx);
  for (let n = 1; n <= maxLayers; n++) $('layers').add(new Option(String(n), String(n)));
  return { wrap, $ };
}
