// The network diagram of the training view, as in TF Playground: the input features, every hidden
// neuron and the output as live heatmap tiles, every weight a link (width |w|, colour its sign) that
// shows its value on hover or focus and can be edited, and the controls that reshape the network.
// Self-contained: it queries only inside its container, keeps no globals, works in a shadow root,
// and reports every change through onAction; the host owns the network and calls update().

import { fmt } from './strings.mjs';
import { el } from './dom.mjs';
import { DIAGRAM_CSS, layoutOf, linkPath, linkWidth, makeTile, nodeY, paintOutput, paintPlane, place, px } from './diagram-paint.mjs';
import { createEditor, createTip, describe, named } from './diagram-editor.mjs';

export { DIAGRAM_CSS };

const SVG = 'http://www.w3.org/2000/svg';
const EAGER_LINKS = 600;   // up to this many links, names follow every update(); beyond, every LABEL_MS
const LABEL_MS = 300;
const PAINT_BUDGET = 96;   // tiles painted per update()

/**
 * Mounts the network diagram in `container` and returns its handle.
 * @param {Element} container where the diagram lives (it adds one child; the host inserts DIAGRAM_CSS)
 * @param {object} options
 * @param {object} options.strings STRINGS.diagram from strings.mjs
 * @param {{playgroundMaxLayers: number, playgroundMaxLayerWidth: number}} options.limits from ap.buildInfo().limits
 * @param {{name: string, module?: string}[]} options.activations the activations a hidden layer may use
 * @param {(action: object) => void} options.onAction receives, with 0-based `layer` indices:
 *   {type:'toggleFeature', name} | {type:'addLayer'} | {type:'removeLayer'} | {type:'addNeuron', layer} |
 *   {type:'removeNeuron', layer} | {type:'layerActivation', layer, activation} | {type:'allActivation', activation} |
 *   {type:'setWeight', layer, row, col, value} (layer = index of the Linear; col −1 sets the bias) | {type:'output', kind}
 * @returns {{update(net: object, planes?: object): void, destroy(): void}}
 *   update(net, planes): net = { features: [{name, label, selected}], layers: [{width, activation}],
 *   output: {width, kind, choices}, linears: [{in, out, weight, bias}] }; planes = { n, features, hidden,
 *   output, task } (image order; `features` holds one plane per selected feature, or one per feature;
 *   for task 'multiclass' `output` is { classIndex, confidence } planes, or one plane packed as class + p;
 *   optional `dead`: per hidden layer, per neuron the fraction of inputs where it passes no gradient —
 *   1 outlines the tile in red and adds S.deadSuffix to its name).
 *   Rebuilds the DOM only when the shape changes; otherwise it retouches only the links whose look
 *   changed, renames them when their two-decimal value changed (at most every 300 ms beyond 600 links)
 *   and repaints up to 96 tiles round-robin, so it can run every frame.
 */
export function createDiagram(container, { strings, limits, activations, onAction }) {
  const S = strings;
  const names = describe(S, fmt);
  const send = (action) => onAction?.(action);

  const addLayer = el('button', { type: 'button', textContent: S.addLayer, 'data-act': 'addLayer', 'data-key': 'addLayer' });
  const removeLayer = el('button', { type: 'button', textContent: S.removeLayer, 'data-act': 'removeLayer', 'data-key': 'removeLayer' });
  const layerCount = el('span', { className: 'apd-count', 'aria-live': 'polite' });
  const allSelect = el('select', { 'aria-label': S.allActivation, 'data-act': 'allActivation', 'data-key': 'all' });
  allSelect.append(el('option', { value: '', disabled: true, textContent: S.mixed }),
    ...activations.map((a) => el('option', { value: a.name, textContent: a.name })));
  // The output menu sits in the bar: its labels are too long for a column.
  const outputSelect = el('select', { 'aria-label': S.output, 'data-act': 'output', 'data-key': 'output' });
  const labelled = (text, control) => el('label', {}, el('span', { textContent: text, 'aria-hidden': 'true' }), control);
  const bar = el('div', { className: 'apd-bar' }, addLayer, removeLayer, layerCount,
    labelled(S.allActivation, allSelect), labelled(S.output, outputSelect));
  const net = el('div', { className: 'apd-net' });
  const stage = el('div', { className: 'apd-stage' }, net);
  const scroll = el('div', { className: 'apd-scroll' }, stage);
  const root = el('div', { className: 'apd', role: 'group', 'aria-label': S.region }, bar, scroll);
  container.append(root);
  const tip = createTip(stage);
  const editor = createEditor(stage, S);

  let shapeKey = '';
  let view = null;            // what build() made: layout, tiles, gaps, menus
  let model = null;           // the last net given to update()
  let tipFor = null, tipAt = null;

  function build(n) {
    const lay = layoutOf(n);
    const L = n.layers.length;
    const v = { lay, features: [], hidden: [], outNodes: [], pred: null, gaps: [], menus: [], links: 0 };
    const parts = [];
    const title = (text) => el('div', { className: 'apd-title', textContent: text });
    lay.cols.forEach((col, c) => {
      const group = el('div', { className: 'apd-col', role: 'group' });
      group.style.left = px(col.x);
      const y = (j) => lay.top + j * lay.pitch;
      const t = title(col.kind === 'features' ? S.features : col.kind === 'output' ? S.output : fmt(S.layerTitle, { n: c }));
      place(t, 0, 4, col.w);
      group.append(t);
      if (col.kind === 'features') {
        group.setAttribute('aria-label', S.features);
        const selected = n.features.filter((f) => f.selected).length;
        n.features.forEach((f, j) => {
          const tile = makeTile(lay.tile, false, {});
          const b = el('button', {
            type: 'button', className: 'apd-feature', 'aria-pressed': String(!!f.selected), 'data-act': 'toggleFeature',
            'data-name': f.name, 'data-key': `f:${f.name}`, 'aria-label': fmt(S.featureName, { label: f.label }),
          }, el('span', { textContent: f.label }), tile.box);
          if (f.selected && selected === 1) b.setAttribute('aria-disabled', 'true');
          place(b, 0, y(j), col.w, lay.tile);
          group.append(b);
          v.features.push(tile);
        });
      } else if (col.kind === 'hidden') {
        const l = c - 1, width = n.layers[l].width;
        group.setAttribute('aria-label', fmt(S.layerTitle, { n: c }));
        const minus = el('button', { type: 'button', textContent: '−', 'aria-label': fmt(S.removeNeuron, { n: c }),
          'data-act': 'removeNeuron', 'data-layer': l, 'data-key': `rm:${l}`, disabled: width <= 1 });
        const plus = el('button', { type: 'button', textContent: '+', 'aria-label': fmt(S.addNeuron, { n: c }),
          'data-act': 'addNeuron', 'data-layer': l, 'data-key': `add:${l}`, disabled: width >= limits.playgroundMaxLayerWidth });
        const count = el('span', { textContent: fmt(width === 1 ? S.neuronCountOne : S.neuronCount, { n: width }) });
        const pm = el('div', { className: 'apd-pm' }, minus, count, plus);
        place(pm, 0, 22, col.w);
        const menu = el('select', { 'aria-label': fmt(S.layerActivation, { n: c }), 'data-act': 'layerActivation',
          'data-layer': l, 'data-key': `act:${l}` }, ...activations.map((a) => el('option', { value: a.name, textContent: a.name })));
        place(menu, 0, 56, col.w, 28);
        group.append(pm, menu);
        v.menus.push(menu);
        v.hidden.push(Array.from({ length: width }, (_, j) => {
          const tile = makeTile(lay.tile, true, { 'data-act': 'bias', 'data-lin': l, 'data-row': j, 'data-tip': '' });
          place(tile.box, col.tileX - col.x, y(j), lay.tile, lay.tile);
          group.append(tile.box);
          return Object.assign(tile, { name: names.neuron(c, j), shown: NaN });
        }));
      } else {
        group.setAttribute('aria-label', S.output);
        outputSelect.replaceChildren(...n.output.choices.map((k) => el('option', { value: k, textContent: S.outputKinds[k] ?? k })));
        for (let j = 0; j < n.output.width; j++) {
          const tile = makeTile(lay.tile, true, { 'data-act': 'bias', 'data-lin': L, 'data-row': j, 'data-tip': '' });
          if (n.output.width > 1) tile.box.append(el('span', { className: 'apd-class', textContent: String(j + 1), 'aria-hidden': 'true' }));
          Object.assign(tile, { name: names.output(j, n.output.width), shown: NaN });
          place(tile.box, col.tileX - col.x, y(j), lay.tile, lay.tile);
          group.append(tile.box);
          v.outNodes.push(tile);
        }
        if (n.output.width > 1) {
          v.pred = makeTile(lay.tile, false, { role: 'img', 'aria-label': S.prediction });
          place(v.pred.box, col.tileX - col.x, y(n.output.width), lay.tile, lay.tile);
          group.append(v.pred.box);
        }
      }
      parts.push(group);
      if (c < lay.cols.length - 1) parts.push(buildGap(n, v, c));
    });
    v.outNodes.forEach((t) => t.canvas.toggleAttribute('hidden', n.output.width > 1));
    let s = 0;
    v.selectedIndex = n.features.map((f) => (f.selected ? s++ : -1));
    v.jobs = [...n.features.map((f, i) => [0, i]), ...v.hidden.flatMap((t, l) => t.map((x, j) => [l + 1, j])), [L + 1, 0]];
    net.replaceChildren(...parts);
    Object.assign(stage.style, { width: px(lay.width), height: px(lay.height) });
    addLayer.disabled = L >= limits.playgroundMaxLayers;
    removeLayer.disabled = L === 0;
    allSelect.disabled = L === 0;
    layerCount.textContent = fmt(L === 1 ? S.layerCountOne : S.layerCount, { n: L });
    return v;
  }

  // The links from column c to c + 1: one SVG, one visible path and one wider focusable hit path per weight.
  function buildGap(n, v, c) {
    const { lay } = v;
    const a = lay.cols[c], b = lay.cols[c + 1];
    const x0 = a.tileX + lay.tile, x1 = b.tileX;
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('class', 'apd-links');
    svg.setAttribute('width', x1 - x0);
    svg.setAttribute('height', lay.height);
    svg.style.left = px(x0);
    const lin = n.linears?.[c];
    const gap = { svg, x0, x1, vis: [], hit: [], names: [], in: 0, out: 0, look: null, shown: null, current: 0 };
    const sources = c === 0 ? n.features.map((f, i) => i).filter((i) => n.features[i].selected) : null;
    if (lin && lin.out === b.count && lin.in === (sources ? sources.length : a.count)) {
      const size = lin.in * lin.out;
      Object.assign(gap, { in: lin.in, out: lin.out, look: new Float64Array(size), shown: new Float64Array(size).fill(NaN),
        thin: Math.min(1, 3 / Math.sqrt(Math.max(lin.in, lin.out))) });  // dense gaps get thinner links
      v.links += size;
      const from = Array.from({ length: lin.in }, (_, k) => names.source(c, k, sources?.map((i) => n.features[i])));
      const to = Array.from({ length: lin.out }, (_, r) => names.target(c, r, n.layers.length, n.output.width));
      // One markup string per gap: much faster than 2·in·out createElementNS calls for wide layers.
      const vis = [], hit = [];
      for (let r = 0; r < lin.out; r++) {
        for (let k = 0; k < lin.in; k++) {
          const d = linkPath(lay, x0, x1, sources ? sources[k] : k, r), i = r * lin.in + k;
          vis.push(`<path class="vis pos" d="${d}"/>`);
          hit.push(`<path class="hit" d="${d}" role="button" tabindex="${i === 0 ? 0 : -1}" data-act="link" data-gap="${c}" data-k="${i}" data-tip=""/>`);
          gap.names.push(names.weight(from[k], to[r]));
        }
      }
      svg.innerHTML = `<g>${vis.join('')}</g><g>${hit.join('')}</g>`;
      gap.vis = [...svg.firstChild.children];
      gap.hit = [...svg.lastChild.children];
    }
    v.gaps.push(gap);
    return svg;
  }

  // Where a link's midpoint is (for the tooltip and the editor when the keyboard chose it).
  function linkMid(gapIndex, k) {
    const g = view.gaps[gapIndex], lay = view.lay;
    const r = Math.floor(k / g.in), i = k % g.in;
    const src = gapIndex === 0 ? model.features.map((f, q) => q).filter((q) => model.features[q].selected)[i] : i;
    return { x: (g.x0 + g.x1) / 2, y: (nodeY(lay, src) + nodeY(lay, r)) / 2 };
  }

  // Links are redrawn when their look changes (0.2 px of width, or the sign); accessible names when
  // the shown value (two decimals) changes: every update() for small networks, else every LABEL_MS.
  function refreshWeights(labels) {
    view.gaps.forEach((g, c) => {
      if (!g.look) return;
      const w = model.linears[c].weight;
      for (let k = 0; k < g.look.length; k++) {
        const x = w[k], look = Math.max(1, Math.round(linkWidth(x) * g.thin * 5)) * (x < 0 ? -1 : 1);
        if (look !== g.look[k]) {
          if ((look < 0) !== (g.look[k] < 0) || g.look[k] === 0) g.vis[k].setAttribute('class', look < 0 ? 'vis neg' : 'vis pos');
          g.look[k] = look;
          g.vis[k].setAttribute('stroke-width', String(Math.abs(look) / 5));
        }
        if (!labels) continue;
        const q = Number.isFinite(x) ? Math.round(x * 100) : x;
        if (Object.is(q, g.shown[k])) continue;
        g.shown[k] = q;
        g.hit[k].setAttribute('aria-label', named(g.names[k], x));
      }
    });
    if (!labels) return;
    [...view.hidden, view.outNodes].forEach((tiles, l) => {
      const bias = model.linears?.[l]?.bias;
      for (const [j, t] of tiles.entries()) {
        const b = bias?.[j] ?? NaN, q = Number.isFinite(b) ? Math.round(b * 100) : b;
        if (Object.is(q, t.shown) && t.box.hasAttribute('aria-label')) continue;
        t.shown = q;
        t.box.setAttribute('aria-label', named(t.name, b) + (t.dead ? S.deadSuffix : ''));
      }
    });
  }

  function markDead(dead) {
    view.hidden.forEach((tiles, l) => tiles.forEach((t, j) => {
      const d = (dead?.[l]?.[j] ?? 0) >= 1;
      if (d === !!t.dead) return;
      t.dead = d;
      t.box.classList.toggle('dead', d);
      t.shown = NaN;      // renamed with the next names
    }));
  }

  let lastLabels = 0, labelTimer = 0;
  function refreshLabels() {
    clearTimeout(labelTimer);
    labelTimer = 0;
    lastLabels = performance.now();
    if (view) refreshWeights(true);
    if (tipFor?.isConnected) showTip(tipFor, tipAt);
  }

  function refreshMenus() {
    const acts = model.layers.map((l) => l.activation);
    view.menus.forEach((m, l) => { if (m.value !== acts[l]) m.value = acts[l]; });
    const common = acts.length && acts.every((a) => a === acts[0]) ? acts[0] : '';
    if (allSelect.value !== common) allSelect.value = common;
    if (outputSelect.value !== model.output.kind) outputSelect.value = model.output.kind;
  }

  // Tiles are painted round-robin, at most PAINT_BUDGET a call: small networks every update(),
  // a 512-neuron one every few. view.jobs: [column, index] per tile (column 0 features, L + 1 output).
  let cursor = 0;
  function paint(planes) {
    if (!planes || !planes.n) return;
    const { n } = planes, jobs = view.jobs, L = model.layers.length;
    const all = planes.features?.length === model.features.length;
    for (let done = 0; done < Math.min(jobs.length, PAINT_BUDGET); done++) {
      const [c, i] = jobs[(cursor = (cursor + 1) % jobs.length)];
      if (c === 0) {
        const plane = planes.features?.[all ? i : view.selectedIndex[i]];
        if (plane && (all || view.selectedIndex[i] >= 0)) paintPlane(view.features[i], plane, n);
      } else if (c <= L) {
        const values = planes.hidden?.[c - 1];
        if (values && values.length >= (i + 1) * n * n) paintPlane(view.hidden[c - 1][i], values, n, i * n * n);
      } else if (planes.output && (view.pred ?? view.outNodes[0])) paintOutput(view.pred ?? view.outNodes[0], planes.output, n, planes.task);
    }
  }

  function showTip(target, at) {
    tipFor = target;
    tipAt = at;
    tip.show(target.getAttribute('aria-label') ?? '', at.x, at.y);
  }
  function tipPoint(target, e) {
    if (e && 'clientX' in e && e.clientX) {
      const r = stage.getBoundingClientRect();
      return { x: e.clientX - r.left, y: e.clientY - r.top };
    }
    if (target.dataset.act === 'link') return linkMid(+target.dataset.gap, +target.dataset.k);
    const box = target.getBoundingClientRect(), r = stage.getBoundingClientRect();
    return { x: box.left - r.left + box.width / 2, y: box.top - r.top };
  }

  function edit(target, e) {
    const at = tipPoint(target, e);
    tip.hide();
    tipFor = null;
    if (target.dataset.act === 'link') {
      const c = +target.dataset.gap, k = +target.dataset.k, g = view.gaps[c];
      const row = Math.floor(k / g.in), col = k % g.in;
      editor.open({ label: S.weight, value: model.linears[c].weight[k], ...at, back: target,
        apply: (value) => send({ type: 'setWeight', layer: c, row, col, value }) });
    } else {
      const layer = +target.dataset.lin, row = +target.dataset.row;
      editor.open({ label: S.bias, value: model.linears?.[layer]?.bias?.[row], ...at, back: target,
        apply: (value) => send({ type: 'setWeight', layer, row, col: -1, value }) });
    }
  }

  // One tab stop per set of links; arrows move between the links of a gap.
  function rove(target, step) {
    const g = view.gaps[+target.dataset.gap];
    const k = +target.dataset.k, last = g.hit.length - 1;
    const next = step === 'home' ? 0 : step === 'end' ? last : Math.max(0, Math.min(last, k + step));
    g.hit[next].focus();
  }

  const listeners = {
    click(e) {
      const t = e.target.closest?.('[data-act]');
      if (!t || !root.contains(t) || t.disabled) return;
      const act = t.dataset.act;
      if (act === 'addLayer' || act === 'removeLayer') send({ type: act });
      else if (act === 'addNeuron' || act === 'removeNeuron') send({ type: act, layer: +t.dataset.layer });
      else if (act === 'toggleFeature' && t.getAttribute('aria-disabled') !== 'true') send({ type: act, name: t.dataset.name });
      else if (act === 'link' || act === 'bias') edit(t, e);
    },
    change(e) {
      const t = e.target, act = t.dataset?.act;
      if (act === 'layerActivation') send({ type: act, layer: +t.dataset.layer, activation: t.value });
      else if (act === 'allActivation' && t.value) send({ type: act, activation: t.value });
      else if (act === 'output') send({ type: act, kind: t.value });
    },
    keydown(e) {
      const t = e.target;
      if (t.dataset?.act !== 'link') return;
      const step = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1, Home: 'home', End: 'end' }[e.key];
      if (step !== undefined) { e.preventDefault(); rove(t, step); } else if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); edit(t); }
    },
    focusin(e) {
      const t = e.target;
      if (t.dataset?.act === 'link') {
        const g = view.gaps[+t.dataset.gap];
        g.hit[g.current]?.setAttribute('tabindex', '-1');
        g.current = +t.dataset.k;
        t.setAttribute('tabindex', '0');
      }
      if (t.dataset && 'tip' in t.dataset) showTip(t, tipPoint(t));
    },
    pointerover(e) {
      const t = e.target.closest?.('[data-tip]');
      if (t) showTip(t, tipPoint(t, e));
    },
    pointerout(e) { if (tipFor && e.target.closest?.('[data-tip]') === tipFor) { tip.hide(); tipFor = null; } },
    focusout(e) { if (tipFor && e.target === tipFor) { tip.hide(); tipFor = null; } },
  };
  for (const [type, fn] of Object.entries(listeners)) root.addEventListener(type, fn);

  return {
    update(nextNet, planes) {
      model = nextNet;
      const key = JSON.stringify([nextNet.features.map((f) => [f.name, f.label, !!f.selected]), nextNet.layers.map((l) => l.width),
        nextNet.output.width, nextNet.output.choices, (nextNet.linears ?? []).map((l) => [l.in, l.out])]);
      const rebuilt = key !== shapeKey;
      if (rebuilt) {
        const active = root.getRootNode().activeElement;
        const focusKey = root.contains(active) ? active.dataset?.key : undefined;
        editor.close();
        tip.hide();
        tipFor = null;
        shapeKey = key;
        view = build(nextNet);
        // Focus stays on the control that reshaped the network, or the nearest enabled one beside it.
        const again = focusKey && root.querySelector(`[data-key="${CSS.escape(focusKey)}"]`);
        if (again) (again.disabled ? [...again.parentElement.querySelectorAll('button, select')].find((e) => !e.disabled) ?? again.closest('.apd-col')?.querySelector('select') : again)?.focus();
      }
      markDead(planes?.dead);
      const wait = lastLabels + LABEL_MS - performance.now();
      if (rebuilt || view.links <= EAGER_LINKS || wait <= 0) refreshLabels();
      else {
        refreshWeights(false);
        labelTimer ||= setTimeout(refreshLabels, wait);
        if (tipFor?.dataset.act === 'link') {   // the link under the pointer or focus stays current
          const g = view.gaps[+tipFor.dataset.gap], k = +tipFor.dataset.k;
          tipFor.setAttribute('aria-label', named(g.names[k], model.linears[+tipFor.dataset.gap].weight[k]));
          g.shown[k] = NaN;
          showTip(tipFor, tipAt);
        }
      }
      refreshMenus();
      paint(planes);
    },
    destroy() {
      clearTimeout(labelTimer);
      for (const [type, fn] of Object.entries(listeners)) root.removeEventListener(type, fn);
      root.remove();
      view = model = tipFor = null;
    },
  };
}
