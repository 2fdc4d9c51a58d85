// CSS of the explorer and the softmax view, adopted into their document or shadow root (adoptCss),
// and the way both put their constant markup into their root. Colours come from the host's --ap-*
// properties, with the charts' defaults for light and dark.
import { adoptCss } from './css.mjs';
import { THEMES } from './plot-frame.mjs';

/**
 * Adopts `css` into root's document or shadow root and appends a div.`className` holding the
 * constant `template`; elements with data-s get strings[key] as text, data-label as aria-label.
 * @returns {{wrap: HTMLElement, $: (id: string) => HTMLElement|null}} $ finds [data-id] inside the wrap
 */
export function mountTemplate(root, { className, template, strings, css }) {
  for (const text of css) adoptCss(root.getRootNode(), text);
  const wrap = root.ownerDocument.createElement('div');
  wrap.className = className;
  wrap.innerHTML = template;  // constant markup; every text is set below with textContent
  root.append(wrap);
  for (const e of wrap.querySelectorAll('[data-s]')) e.textContent = strings[e.dataset.s];
  for (const e of wrap.querySelectorAll('[data-label]')) e.setAttribute('aria-label', strings[e.dataset.label]);
  return { wrap, $: (id) => wrap.querySelector(`[data-id="${id}"]`) };
}

const series = (t) => [...t.series.map((c, i) => `--exc-${i + 1}: var(--ap-series-${i + 1}, ${c});`),
  `--exc-saturated: var(--ap-saturated, ${t.saturated}); --exc-dead: var(--ap-dead, ${t.dead});`].join(' ');

/** Shared by both views: code blocks, notices, visually hidden labels, the series colours. */
const COMMON_CSS = `
.ex, .sm { ${series(THEMES.light)} min-width: 0; }
@media (prefers-color-scheme: dark) { .ex, .sm { ${series(THEMES.dark)} } }
.ex-visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.ex-code { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 8px; margin-top: 8px; }
.ex-code-block { margin: 0; min-width: 0; border: 1px solid var(--ap-border, #e5e7eb); border-radius: 6px; padding: 6px 8px; }
.ex-code-block figcaption { display: flex; justify-content: space-between; align-items: center; gap: 8px; font-size: .8rem;
  color: var(--ap-muted, #4b5563); margin-bottom: 4px; }
.ex-code-block button { min-height: 26px; padding: 2px 10px; font-size: .8rem; }
.ex-code-block pre { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; font: 13px/1.45 ui-monospace, monospace; }
.ex-code-block code { background: none; padding: 0; }
.ex-code-status { min-height: 1.2em; margin: 4px 0 0; font-size: .8rem; color: var(--ap-muted, #4b5563); }
.ex-notice:empty { display: none; }
.ex-row { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; }
.ex-row label { display: inline-flex; align-items: center; gap: 6px; }
.ex h3, .sm h3 { font-size: 1rem; margin: 14px 0 4px; }
`;

/** The explorer's own rules. */
export const EXPLORER_CSS = `${COMMON_CSS}
.ex-chips { list-style: none; margin: 0 0 10px; padding: 0; display: flex; flex-wrap: wrap; gap: 8px; align-items: stretch; }
.ex-chip { --ex-colour: var(--exc-1); border: 1px solid var(--ap-border, #e5e7eb); border-left: 6px solid var(--ex-colour);
  border-radius: 8px; padding: 6px 8px; background: var(--ap-panel, transparent); min-width: 0; max-width: 100%; box-sizing: border-box; }
.ex-chip-selected { box-shadow: 0 0 0 1px var(--ex-colour); }
${[1, 2, 3, 4, 5, 6].map((i) => `.ex-chip:nth-child(6n + ${i}) { --ex-colour: var(--exc-${i}); }`).join('\n')}
.ex-chip-head { display: flex; align-items: center; gap: 6px; flex-wrap: wrap; }
.ex-chip-name { font: 600 .95rem ui-monospace, monospace; }
.ex-swatch { display: inline-block; width: 18px; height: 0; border-top: 3px solid var(--ex-colour); }
.ex-chip-button { min-height: 28px; min-width: 28px; padding: 0 6px; line-height: 1; }
.ex-activation select { max-width: 100%; }
.ex-chip-add { display: flex; align-items: center; }
.ex-add { max-width: 100%; }
.ex-params { display: flex; flex-direction: column; gap: 4px; margin-top: 6px; }
.ex-param { display: grid; grid-template-columns: minmax(0, 8.5em) minmax(80px, 1fr) 6em; gap: 6px; align-items: center; }
.ex-param select { grid-column: 2 / 4; }
.ex-param-name { font: .8rem ui-monospace, monospace; overflow-wrap: anywhere; }
.ex-param input[type=number] { width: 100%; box-sizing: border-box; }
.ex-param input[type=range] { width: 100%; min-width: 0; margin: 0; }
.ex-zoom input[type=number] { width: 6em; }
.ex-chart { margin-top: 8px; background: var(--ap-panel, transparent); border: 1px solid var(--ap-border, #e5e7eb);
  border-radius: 8px; padding: 6px; min-width: 0; }
.ex-shade { font-size: .85rem; color: var(--ap-muted, #4b5563); margin: 6px 0 0; }
.ex-shade .ap-swatch { display: inline-block; width: .9em; height: .9em; vertical-align: -.1em; margin-right: 4px; border: 1px solid currentColor; }
.ex-shade .ap-swatch-saturated { background: var(--exc-saturated); }
.ex-shade .ap-swatch-dead { background: var(--exc-dead); }
.ex-formula { margin-top: 10px; line-height: 1.7; overflow-wrap: anywhere; }
.ex-formula .k { display: inline-block; min-width: 4em; color: var(--ap-muted, #4b5563); }
.ex-notes { color: var(--ap-muted, #4b5563); margin: 6px 0; }
`;

/** The softmax view's own rules. */
export const SOFTMAX_CSS = `${COMMON_CSS}
.sm-lede { margin: 0 0 10px; color: var(--ap-muted, #4b5563); line-height: 1.45; max-width: 75ch; }
.sm-grid { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1.3fr); gap: 14px; align-items: start; }
@media (max-width: 760px) { .sm-grid { grid-template-columns: minmax(0, 1fr); } }
.sm-logits { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 4px; }
.sm-logit { display: grid; grid-template-columns: 4.5em minmax(60px, 1fr) 5.5em; gap: 6px; align-items: center; font-size: .85rem; }
.sm-logit input[type=range] { width: 100%; min-width: 0; margin: 0; }
.sm-logit input[type=number] { width: 100%; box-sizing: border-box; }
.sm-temp { margin-top: 10px; grid-template-columns: 6.5em minmax(60px, 1fr) 5.5em; }
.sm-buttons { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 8px; }
.sm-caption { font-size: .85rem; color: var(--ap-muted, #4b5563); margin: 6px 0 0; line-height: 1.4; }
.sm-outputs { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 10px; }
.sm-col { min-width: 0; }
.sm-col h4 { margin: 0 0 4px; font: 600 .85rem ui-monospace, monospace; }
.sm-bars { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 3px; }
.sm-bar { display: grid; grid-template-columns: 1.6em minmax(0, 1fr) 4.8em; gap: 4px; align-items: center; font: 12px ui-monospace, monospace; }
.sm-track { height: 14px; background: var(--ap-code, #f3f4f6); border-radius: 3px; overflow: hidden; }
.sm-fill { height: 100%; background: var(--exc-1); width: 0; }
.sm-col-softmin .sm-fill { background: var(--exc-3); }
.sm-col-log .sm-fill { background: var(--exc-2); margin-left: auto; }
.sm-value { text-align: right; font-variant-numeric: tabular-nums; }
.sm-sum { font: 12px ui-monospace, monospace; color: var(--ap-muted, #4b5563); margin: 4px 0 0; }
`;
