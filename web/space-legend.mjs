// The space view's legend (class colours, training and test marks, the decision boundary), the note
// under the caption for a layer wider than two units, and the share of training points the drawn
// boundary puts on their own class's side.
import { el } from './dom.mjs';
import { classColours, scoresOf } from './space-draw.mjs';
import { classAt } from './space-regions.mjs';
import { STRINGS, fmt } from './strings.mjs';

const T = STRINGS.space;

/**
 * Fills the legend list for `classes` classes (the colours as the canvas draws them).
 * @param {HTMLElement} list the legend's <ul>
 * @param {number} classes 2 for the two-class datasets
 */
export function renderLegend(list, classes) {
  if (list.dataset.classes === String(classes)) return;
  list.dataset.classes = String(classes);
  const colours = classColours(classes, { neg: 'var(--ap-neg, #f59322)', pos: 'var(--ap-pos, #0877bd)' });
  const mark = (cls, style = {}) => el('span', { className: `sp-mark ${cls}`, 'aria-hidden': 'true', style });
  list.replaceChildren(
    ...colours.map((c, i) => el('li', {}, mark('sp-dot', { background: c }), fmt(T.className, { i }))),
    el('li', {}, mark('sp-dot sp-train'), T.trainPoint),
    el('li', {}, mark('sp-dot sp-test'), T.testPoint),
    el('li', {}, el('span', { className: 'sp-mark sp-count', 'aria-hidden': 'true' }, '×n'), T.pile),
    el('li', {}, mark('sp-dash'), classes > 2 ? T.boundaryRegions : T.boundaryLine),
  );
  list.lastElementChild.dataset.boundary = '';
}

/** The share (%) of training points on their own class's side of the drawn line or in their own class's region. */
export function shareOnOwnSide(space, y) {
  const scores = scoresOf(space);
  const h = space.stages.at(-1).xy;
  let right = 0;
  for (let i = 0; i < space.nTrain; i++) {
    const k = space.nGrid + i;
    if (classAt(scores.w, scores.b, h[2 * k], h[2 * k + 1]) === Math.round(y[i])) right++;
  }
  return (100 * right) / Math.max(1, space.nTrain);
}

/**
 * The note under the caption for a stage of a layer wider than two units: which units the picture
 * leaves out, and a menu choosing the pair (it mirrors the layer's own menu, its options and whether an
 * embed hid or locked it).
 * @param {{ note: HTMLElement, text: HTMLElement, pick: HTMLSelectElement }} els
 * @param {{ layer: number, width: number, pair: [number, number], menu: HTMLSelectElement | null }} at
 *   layer 0-based, or −1 for the input plane; pair 0-based; menu the layer's "units shown" menu
 */
export function showUnitsNote({ note, text, pick }, { layer, width, pair, menu }) {
  note.hidden = !(layer >= 0 && width > 2 && menu);
  if (note.hidden) return;
  const [a, b] = pair;
  const rest = Array.from({ length: width }, (_, u) => u).filter((u) => u !== a && u !== b).map((u) => u + 1);
  const u = rest.length > 1 ? `${rest.slice(0, -1).join(', ')} ${T.and} ${rest.at(-1)}` : String(rest[0]);
  text.textContent = fmt(T.hiddenUnits, { l: layer + 1, width, a: a + 1, b: b + 1, others: fmt(rest.length > 1 ? T.otherUnits : T.otherUnit, { u }) });
  if (pick.dataset.layer !== String(layer) || pick.options.length !== menu.options.length) {
    pick.replaceChildren(...[...menu.options].map((o) => new Option(o.text, o.value)));
    pick.dataset.layer = String(layer);
  }
  pick.value = menu.value;
  pick.disabled = menu.disabled;
  pick.closest('label').style.display = menu.closest('label').hidden ? 'none' : '';
}
