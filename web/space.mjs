// The "space bent by the layers" view: a network whose hidden layers have two units (or a chosen pair
// of units) trains in the worker like the trainer's, and the view draws the input plane's grid lines
// and the data as each layer maps them — after its linear part, after its activation — animated from
// stage to stage, with the output's decision line in the last hidden layer's space. It mirrors its
// state (web/state.mjs's SPACE_KEYS) in its controls and the URL; every coordinate comes from the worker.
import { adoptCss } from './css.mjs';
import { TO_WORKER } from './protocol.mjs';
import { drawSpace, fitSquare, interpolate, scoresOf, stageFrame, themeOf } from './space-draw.mjs';
import { renderLegend, shareOnOwnSide, showUnitsNote } from './space-legend.mjs';
import { SPACE_CSS, effectOf, renderSpace } from './space-view.mjs';
import { SPACE_KEYS, readState, writeUrl } from './state.mjs';
import { STRINGS, fmt } from './strings.mjs';
import { showPlaying } from './run-control.mjs';
import { selectNumber } from './trainer-view.mjs';

const T = STRINGS.space;
const BOX = [-6, 6, -6, 6];
const HOLD_MS = 700;        // while animating, each stage is held this long…
const MOVE_MS = 1000;       // …then moves to the next one in this time
const STEP_MS = 450;        // one step of the stage slider or buttons
const WIDTH_MENU = [2, 3, 4, 5, 6, 8];
const reducedMotion = () => typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

/**
 * Mounts the space view into `root`.
 * @param {HTMLElement} root
 * @param {{ ap, ctx, client: import('./worker-client.mjs').WorkerClient, id: string, prefix?: string,
 *   syncUrl?: boolean, get?: (key: string) => string | null }} options as the trainer's (web/trainer.mjs)
 * @returns {{ setPlaying(on: boolean): void, values(): object }}
 */
export function mountSpace(root, { ctx, client, id, prefix = '', syncUrl = true, get }) {
  adoptCss(root.getRootNode(), SPACE_CSS);
  const { $ } = renderSpace(root, { uid: id, ctx });
  const canvas = $('canvas');
  const read = readState(SPACE_KEYS, get ?? (() => null), ctx, { prefix });
  let values = read.values;
  let playing = false;
  let labels = null;        // the data's classes and how many there are, from the worker's `points`
  let space = null;         // the latest snapshot's space part, with `frames`
  let pos = 0;              // the stage shown (fractional between stages)
  let anim = null;          // { from, to, start, hold, move } while moving
  let camera = null;
  let view = null;          // the last drawing's map from the shown space to canvas pixels
  let frame = 0;
  const pending = new Map();
  const notices = [...read.notices];

  const notice = (m) => { $('notice').textContent = m; $('notice').hidden = !m; };
  const error = (m) => { $('error').textContent = m; $('error').hidden = !m; };
  const widths = () => values.hidden.split(',').map(Number);
  const acts = () => {
    const names = values.activation.split(',');
    return widths().map((_, l) => names[Math.min(l, names.length - 1)]);
  };
  const lastStage = () => 2 * widths().length;
  const multiclass = () => ctx.datasets.find((d) => d.name === values.dataset)?.task === 'multiclass';
  const pairs = () => {
    const asked = values.units ? values.units.split(',').map((p) => p.split('-').map((u) => Number(u) - 1)) : [];
    return widths().map((w, l) => (asked[l] && asked[l][0] < w && asked[l][1] < w ? asked[l] : [0, 1]));
  };

  // ---- menus and the state they show ------------------------------------------------------------
  const LAST = SPACE_KEYS.find((e) => e.key === 'stage').default(ctx);  // 'the last stage', whatever the depth

  function layerControls() {
    const box = $('layer-controls');
    const ws = widths(), ps = pairs();
    const shape = ws.join(',');
    if (box.dataset.shape !== shape) {
      // An embed's hide= and lock= reach these menus by their state key; the menus rebuilt for a new
      // shape keep what their key's menus had.
      const kept = new Map([...box.querySelectorAll('[data-key]')].map((c) => [c.dataset.key, { locked: c.disabled, hidden: c.closest('label').hidden }]));
      box.replaceChildren();
      ws.forEach((w, l) => {
        const units = labelled(box, fmt(T.layerUnits, { l: l + 1 }), 'select', `width-${l}`, 'hidden');
        for (const n of WIDTH_MENU) units.add(new Option(String(n), String(n)));
        units.addEventListener('change', () => {
          const next = widths();
          next[l] = Number(units.value);
          change({ hidden: next.join(',') });
        });
        const fn = labelled(box, fmt(T.layerActivation, { l: l + 1 }), 'select', `act-${l}`, 'activation');
        for (const a of ctx.activations) fn.add(new Option(a.name, a.name));
        fn.addEventListener('change', () => {
          const next = acts();
          next[l] = fn.value;
          // One name when every layer has it (the link stays short), else one per layer.
          change({ activation: next.every((a) => a === next[0]) ? next[0] : next.join(',') });
        });
        if (w > 2) {
          const pick = labelled(box, fmt(T.layerPair, { l: l + 1 }), 'select', `pair-${l}`, 'units');
          for (let a = 1; a <= w; a++) for (let b = a + 1; b <= w; b++) pick.add(new Option(fmt(T.pair, { a, b }), `${a}-${b}`));
          pick.addEventListener('change', () => setPair(l, pick.value));
        }
      });
      for (const c of box.querySelectorAll('[data-key]')) {
        const was = kept.get(c.dataset.key);
        if (was?.locked) c.disabled = true;
        if (was?.hidden) Object.assign(c.closest('label'), { hidden: true }).style.display = 'none';
      }
      box.dataset.shape = shape;
    }
    const fns = acts();
    ws.forEach((w, l) => {
      selectNumber(box.querySelector(`[data-id="width-${l}"]`), w);
      box.querySelector(`[data-id="act-${l}"]`).value = fns[l];
      const pick = box.querySelector(`[data-id="pair-${l}"]`);
      if (!pick) return;
      const v = `${ps[l][0] + 1}-${ps[l][1] + 1}`;
      if (![...pick.options].some((o) => o.value === v)) pick.add(new Option(fmt(T.pair, { a: ps[l][0] + 1, b: ps[l][1] + 1 }), v));
      pick.value = v;
    });
  }

  function labelled(parent, text, tag, dataId, key) {
    const label = document.createElement('label');
    label.textContent = `${text} `;
    const control = document.createElement(tag);
    control.dataset.id = dataId;
    if (key) control.dataset.key = key;  // the state key it sets (Embed this, hide=, lock=)
    label.append(control);
    parent.append(label);
    return control;
  }

  function showValues() {
    $('dataset').value = values.dataset;
    $('classes-box').hidden = !multiclass();
    selectNumber($('classes'), values.classes);
    if (![...$('activation').options].some((o) => o.value === values.activation)) $('activation').add(new Option(values.activation, values.activation));
    $('activation').value = values.activation;
    $('layers').value = String(widths().length);
    selectNumber($('lr'), values.lr);
    layerControls();
    $('stage').max = String(lastStage());
    $('stages').replaceChildren(...Array.from({ length: lastStage() + 1 }, (_, i) => {
      const li = document.createElement('li');
      li.textContent = stageName(i);
      return li;
    }));
    shownStage = '';
    drawSoon();
  }

  function setPair(layer, value) {
    const list = pairs().map(([a, b]) => `${a + 1}-${b + 1}`);
    list[layer] = value;
    while (list.length && list.at(-1) === '1-2') list.pop();
    change({ units: list.join(',') }, { live: true });
  }

  function saveUrl() {
    if (syncUrl) writeUrl(SPACE_KEYS, values, ctx, { prefix });
  }

  /** Applies changed keys: lr and the pairs go to the running network, the stage only redraws, the rest rebuild it. */
  function change(patch, { live = false } = {}) {
    values = { ...values, ...patch };
    showValues();
    saveUrl();
    if ('stage' in patch) return;
    if ('lr' in patch) send({ type: TO_WORKER.set, key: 'lr', value: values.lr });
    else if (live) send({ type: TO_WORKER.set, key: 'space', value: { pairs: pairs() } });
    else {
      goTo(Math.min(Math.round(pos), lastStage()), { jump: true });
      configure();
    }
  }

  function config() {
    return { ...values, features: 'x1,x2', output: 'auto', speed: '1', grid: 2, box: BOX, lite: true, space: { pairs: pairs() } };
  }

  function configure() {
    error('');
    space = null;
    const asked = values.units ? values.units.split(',') : [];
    const refused = widths().map((w, l) => [w, l, asked[l]]).filter(([w, l, p]) => p && p.split('-').some((u) => Number(u) > w));
    notice([...notices.splice(0), ...refused.map(([w, l, p]) => fmt(T.pairTooWide, { l: l + 1, width: w, pair: p }))].join('; '));
    send({ type: TO_WORKER.configure, cfg: config() });
  }

  // ---- the worker --------------------------------------------------------------------------------
  function setPlaying(on) {
    playing = on;
    showPlaying($('play'), $('play-icon'), on);
  }

  const send = client.connect(id, (m) => {
    switch (m.type) {
      case 'points':
        labels = { y: m.y, classes: m.task === 'multiclass' ? m.classes : 2 };
        renderLegend($('legend'), labels.classes);
        break;
      case 'state':
        // No lesson stops this view's training, so a snapshot saying "not playing" is one posted before
        // the worker received Play (the configure's): the button keeps what the reader chose.
        $('epoch').textContent = String(Math.floor(m.epoch));
        $('accuracy').textContent = Number.isFinite(m.trainAccuracy) ? `${(100 * m.trainAccuracy).toFixed(1)} %` : '–';
        if (m.space) {
          space = { ...m.space, frames: m.space.stages.map((s) => stageFrame(s.xy)), epoch: m.epoch, trainAccuracy: m.trainAccuracy };
          root.dataset.spaceEpoch = String(Math.floor(m.epoch));
          // The legend's boundary entry only while a boundary is drawn (not for a wider last layer).
          $('legend').querySelector('[data-boundary]')?.toggleAttribute('hidden', !scoresOf(space)?.exact);
        }
        drawSoon();
        break;
      case 'exported': pending.get(m.format)?.(m.text); pending.delete(m.format); break;
      case 'diverged':
      case 'error':
        setPlaying(false);
        error(m.message);
        break;
      case 'restarted':
        notice(`${m.reason}; it was restarted and the network rebuilt.`);
        send({ type: TO_WORKER.configure, cfg: config() });
        if (playing) send({ type: TO_WORKER.play });
        break;
      default: break;
    }
  });

  // ---- stages and their animation ----------------------------------------------------------------
  function stageName(i) {
    if (i === 0) return T.input;
    const l = Math.ceil(i / 2);
    return i % 2 ? fmt(T.linear, { l }) : fmt(T.activation, { l, fn: acts()[l - 1] });
  }

  /** Moves to stage `to`: one smooth step (or a jump when asked or when motion is reduced). */
  function goTo(to, { jump = false } = {}) {
    const target = Math.max(0, Math.min(lastStage(), to));
    if (jump || reducedMotion()) {
      anim = null;
      pos = target;
      settle();
    } else anim = { from: pos, to: target, start: performance.now(), hold: 0, move: STEP_MS * Math.max(1, Math.abs(target - pos)) ** 0.5 };
    setAnimating(false);
    drawSoon();
  }

  /** Plays every stage from the input plane (or from where it is) to the last: held, then moved. */
  function animateAll() {
    if (anim?.all) {
      anim = null;
      goTo(Math.round(pos));
      return;
    }
    const from = Math.round(pos) >= lastStage() ? 0 : Math.round(pos);
    pos = from;
    const reduce = reducedMotion();
    anim = { all: true, from, to: lastStage(), start: performance.now(), hold: reduce ? HOLD_MS + MOVE_MS : HOLD_MS, move: reduce ? 0 : MOVE_MS };
    setAnimating(true);
    drawSoon();
  }

  function setAnimating(on) {
    $('animate').textContent = on ? T.stopAnimation : T.animate;
  }

  /** Advances the animation to `now`; returns true while it still runs. */
  function advance(now) {
    if (!anim) return false;
    const { from, to, start, hold, move } = anim;
    const elapsed = now - start;
    if (anim.all) {
      const per = hold + move;
      const k = Math.floor(elapsed / per), t = elapsed - k * per;
      pos = Math.min(to, from + k + (t < hold || !move ? 0 : (t - hold) / move));
    } else pos = from + (to - from) * Math.min(1, elapsed / move);
    if ((anim.all && pos >= to && elapsed >= (to - from) * (hold + move)) || (!anim.all && elapsed >= move)) {
      pos = to;
      anim = null;
      setAnimating(false);
      settle();
      return false;
    }
    return true;
  }

  /** At a whole stage: the URL and the slider follow (the last stage is the key's default). */
  function settle() {
    const s = Math.round(pos);
    $('stage').value = String(s);
    const want = s === lastStage() ? LAST : s;
    if (values.stage !== want) change({ stage: want });
  }

  // ---- drawing -----------------------------------------------------------------------------------
  function drawSoon() {
    if (frame) return;
    frame = requestAnimationFrame((now) => {
      frame = 0;
      const moving = advance(now);
      const easing = draw();
      if (moving || easing) drawSoon();
    });
  }

  /** Draws the current position; returns true while the camera is still easing towards its frame. */
  function draw() {
    const at = Math.round(pos);
    showStage(at);
    if (!space || !labels || space.stages.length !== lastStage() + 1) return false;
    const { xy, frame: target } = interpolate(space.stages, space.frames, pos);
    const ease = reducedMotion() || !camera ? 1 : 0.22;
    camera = camera ? camera.map((v, k) => v + (target[k] - v) * ease) : target;
    const moving = camera.some((v, k) => Math.abs(v - target[k]) > 1e-3 * target[2]);
    if (!moving) camera = target;
    fitSquare(canvas);
    const stage = space.stages[at];
    const axes = at === 0 ? ['x1', 'x2'] : stage.units.map((u) => `layer ${stage.layer}, unit ${u + 1}`);
    view = drawSpace(canvas, { space, xy, frame: camera, labels, lineAlpha: Math.max(0, Math.min(1, pos - (lastStage() - 1))), axes: [`${axes[0]} →`, `↑ ${axes[1]}`], theme: themeOf(canvas) });
    describe(at);
    return moving;
  }

  let shownStage = '';
  function showStage(at) {
    const key = `${at} ${stageName(at)} ${$('stages').children.length}`;
    if (key === shownStage) return;
    shownStage = key;
    $('caption').textContent = stageName(at);
    const layer = Math.ceil(at / 2) - 1;
    showUnitsNote({ note: $('units-note'), text: $('units-text'), pick: $('stage-pair') },
      { layer, width: widths()[layer], pair: pairs()[layer], menu: $('layer-controls').querySelector(`[data-id="pair-${layer}"]`) });
    $('stage').setAttribute('aria-valuetext', stageName(at));
    [...$('stages').children].forEach((li, i) => (i === at ? li.setAttribute('aria-current', 'step') : li.removeAttribute('aria-current')));
  }

  /** The text alternative: what the stage does, and at the last stage how well the line separates. */
  function describe(at) {
    const stage = space.stages[at];
    const parts = [];
    if (at === 0) {
      parts.push(fmt(T.inputText, { n: space.nTrain, dataset: ctx.datasets.find((d) => d.name === values.dataset)?.doc ?? values.dataset }));
    } else if (stage.kind === 'linear') parts.push(fmt(T.linearText, { l: stage.layer }));
    else {
      const a = ctx.activations.find((e) => e.name === stage.fn);
      parts.push(fmt(T.activationText, { fn: stage.fn, range: a?.range ?? '?', effect: effectOf(stage.fn, a?.range ?? '') }));
    }
    if (at > 0 && stage.width > 2) parts.push(fmt(T.shown, { a: stage.units[0] + 1, b: stage.units[1] + 1, width: stage.width }));
    const scores = scoresOf(space);
    if (at === lastStage() && scores) {
      const share = scores.exact ? shareOnOwnSide(space, labels.y).toFixed(1) : '';
      if (space.line) parts.push(share ? fmt(T.lineText, { share }) : fmt(T.lineInexact, { width: stage.width }));
      else parts.push(share ? fmt(T.regionsText, { k: scores.b.length, share }) : fmt(T.regionsInexact, { width: stage.width }));
    }
    if (values.dataset === 'circle' && widths()[0] === 2) parts.push(T.injective);
    const text = parts.join(' ');
    if ($('summary').textContent !== text) {
      $('summary').textContent = text;
      canvas.setAttribute('aria-label', `${T.picture}. ${stageName(at)}. ${text}`);
    }
  }

  // ---- controls ----------------------------------------------------------------------------------
  $('play').addEventListener('click', () => {
    setPlaying(!playing);
    send({ type: playing ? TO_WORKER.play : TO_WORKER.pause });
  });
  $('step').addEventListener('click', () => send({ type: TO_WORKER.step }));
  $('reset').addEventListener('click', () => configure());
  $('lr').addEventListener('change', () => change({ lr: Number($('lr').value) }));
  $('dataset').addEventListener('change', () => change({ dataset: $('dataset').value }));
  $('classes').addEventListener('change', () => change({ classes: Number($('classes').value) }));
  $('stage-pair').addEventListener('change', () => setPair(Number($('stage-pair').dataset.layer), $('stage-pair').value));
  $('activation').addEventListener('change', () => change({ activation: $('activation').value }));
  $('layers').addEventListener('change', () => {
    const n = Number($('layers').value), ws = widths();
    change({ hidden: Array.from({ length: n }, (_, l) => ws[l] ?? 2).join(',') });
  });
  $('prev').addEventListener('click', () => goTo(Math.ceil(pos) - 1));
  $('next').addEventListener('click', () => goTo(Math.floor(pos) + 1));
  $('animate').addEventListener('click', () => animateAll());
  $('stage').addEventListener('input', () => goTo(Number($('stage').value)));
  if (typeof ResizeObserver === 'function') new ResizeObserver(() => drawSoon()).observe(canvas);
  matchMedia?.('(prefers-color-scheme: dark)').addEventListener?.('change', () => drawSoon());

  // For tests and the console: the latest pictures, the data's classes, and the worker's exports.
  root.space = {
    snapshot: () => space,
    labels: () => labels,
    toCanvas: (x, y) => (view ? [view.px(x), view.py(y)] : null),
    request: (format) => new Promise((resolve) => {
      pending.set(format, resolve);
      send({ type: TO_WORKER.exportModel, format });
    }),
  };

  for (const name of ['play', 'step', 'reset']) $(name).disabled = false;
  pos = Math.min(values.stage, lastStage());
  showValues();
  $('stage').value = String(pos);
  configure();
  saveUrl();
  return { setPlaying, values: () => values };
}
