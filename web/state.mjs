// One state table for every view: each key is a URL key of the page, an iframe's URL key and an
// attribute of the embeddable element. Within one view a key is unprefixed; the combined page
// prefixes it with the view's name (`trainer.lr`). Ranges, menus and defaults come from the module
// (`ctx`: buildInfo, registry, datasets), never literals. Old link spellings are aliases.
// `v` versions the scheme: tutorial links outlive releases.

import { MAX_USER_POINTS, POINT_Y_LIMIT, TARGET_CHOICES } from './fit1d-targets.mjs';

export const SCHEME_VERSION = 1;

const int = (min, max) => ({ type: 'int', min, max });
const num = (min, max) => ({ type: 'number', min, max });
const oneOf = (choices) => ({ type: 'enum', choices });
const flag = { type: 'bool', default: false };

/** The trainer's keys. `ctx` = { limits, defaults, datasets, activations, features, inits }. */
export const TRAINER_KEYS = [
  { key: 'dataset', aliases: ['data'], ...oneOf((c) => c.datasets.map((d) => d.name)), default: 'circle' },
  { key: 'classes', legacy: true, ...int(2, (c) => c.limits.maxClasses), default: 3 },
  { key: 'noise', legacy: true, ...num(0, 0.5), default: (c) => c.defaults.noise },
  { key: 'points', legacy: true, ...int((c) => c.limits.minDatasetPoints, (c) => c.limits.maxDatasetPoints), default: (c) => c.defaults.datasetPoints },
  { key: 'train_pct', aliases: ['train'], ...int(10, 90), default: (c) => Math.round(100 * c.defaults.trainFraction) },
  { key: 'batch_size', aliases: ['batch'], ...int(1, (c) => c.limits.maxDatasetPoints), default: (c) => c.defaults.batchSize },
  { key: 'seed', legacy: true, ...int(0, 2 ** 31 - 1), default: 1 },
  { key: 'features', legacy: true, type: 'list', choices: (c) => c.features, min: 1, default: 'x1,x2' },
  { key: 'hidden', legacy: true, type: 'widths', max: (c) => c.limits.playgroundMaxLayers, maxWidth: (c) => c.limits.playgroundMaxLayerWidth, default: '4,2' },
  { key: 'activation', aliases: ['act'], type: 'activations', choices: (c) => c.activations.map((a) => a.name), default: 'tanh' },
  { key: 'output', ...oneOf(['auto', 'sigmoid', 'logits', 'softmax', 'linear', 'tanh']), default: 'auto' },
  { key: 'optimizer', aliases: ['opt'], ...oneOf(['sgd', 'momentum', 'adam']), valueAliases: { 'sgd-momentum': 'momentum' }, default: 'sgd' },
  { key: 'lr', legacy: true, ...num(0, (c) => c.limits.playgroundMaxLearningRate), exclusiveMin: true, default: (c) => c.defaults.learningRate },
  { key: 'regularization', aliases: ['reg'], ...oneOf(['none', 'l1', 'l2']), default: 'none' },
  { key: 'reg_rate', aliases: ['rate'], ...num(0, 10), default: 0 },
  { key: 'init', legacy: true, ...oneOf((c) => c.inits), default: 'playground' },
  { key: 'speed', legacy: true, ...oneOf(['max', '1', '10', '100']), valueAliases: { 0: 'max' }, default: 'max' },
  { key: 'show_test', ...flag },
  { key: 'discretize', ...flag },
  { key: 'lesson', type: 'text', default: '' },
  // A lesson asks its question before it runs (predict, then reveal); predict=0 shows the lesson without it.
  { key: 'predict', type: 'bool', default: true },
  { key: 'race', type: 'list', choices: (c) => c.activations.map((a) => a.name), min: 0, max: 4, default: '' },
];

/** The explorer's keys; each activation parameter (negative_slope, alpha, …) is a key of its own. */
export const EXPLORER_KEYS = [
  { key: 'activation', aliases: ['fn'], ...oneOf((c) => c.allActivations.map((a) => a.name)), default: (c) => c.allActivations[0].name },
  { key: 'compare', aliases: ['vs'], type: 'list', choices: (c) => c.allActivations.map((a) => a.name), min: 0, max: 8, default: '' },
  { key: 'derivative', type: 'bool', default: true },
  // The visible x range, written only when zoomed away from the core's chart range.
  { key: 'x_min', ...num(-1e4, 1e4), default: (c) => c.limits.chartXMin },
  { key: 'x_max', ...num(-1e4, 1e4), default: (c) => c.limits.chartXMax },
];

/** The softmax view's keys: 3 to maxClasses logits (each within ±100) and the temperature T of softmax(z / T). */
export const SOFTMAX_KEYS = [
  { key: 'logits', type: 'numbers', min: 3, max: (c) => c.limits.maxClasses, valueMin: -100, valueMax: 100, default: '2,1,0.1' },
  { key: 'temperature', ...num(0.01, 100), default: 1 },
];

/** Attribute spellings of keys whose own name is also an HTML attribute with a meaning of its own. */
export const ATTRIBUTE_SPELLINGS = { hidden: 'hidden_layers' };

/** The 1-D fitting view's keys: one hidden layer of `units` fitting `target` on [−3, 3]; `xy` are the reader's points as x,y pairs. */
export const FIT1D_KEYS = [
  { key: 'target', ...oneOf(TARGET_CHOICES), default: 'sin' },
  { key: 'xy', type: 'numbers', pairs: true, min: 0, max: 2 * MAX_USER_POINTS, valueMin: -POINT_Y_LIMIT, valueMax: POINT_Y_LIMIT, default: '' },
  { key: 'noise', ...num(0, 0.5), default: (c) => c.defaults.noise },
  { key: 'units', ...int(1, (c) => Math.min(32, c.limits.playgroundMaxLayerWidth)), default: 8 },
  { key: 'activation', ...oneOf((c) => c.activations.map((a) => a.name)), default: 'relu' },
  { key: 'optimizer', ...oneOf(['sgd', 'momentum', 'adam']), default: 'adam' },
  { key: 'lr', ...num(0, (c) => c.limits.playgroundMaxLearningRate), exclusiveMin: true, default: (c) => c.defaults.learningRate },
  { key: 'init', ...oneOf((c) => c.inits), default: 'pytorch' },
  { key: 'seed', ...int(0, 2 ** 31 - 1), default: 1 },
  { key: 'speed', ...oneOf(['max', '1', '10', '100']), default: '10' },
  { key: 'race', type: 'list', choices: (c) => c.activations.map((a) => a.name), min: 0, max: 4, default: '' },
];

/**
 * The "space bent by the layers" view's keys: a two-class dataset, 1–4 hidden layers of at least two
 * units, which pair of units each layer shows (`units`: '1-2,2-3', 1-based, one pair per layer, missing
 * layers show 1-2), and the stage shown (clamped to the network's last stage). The rest of the
 * network's configuration is the trainer's defaults.
 */
export const SPACE_KEYS = [
  { key: 'dataset', ...oneOf((c) => c.datasets.filter((d) => d.task === 'classification' || d.task === 'multiclass').map((d) => d.name)), default: 'circle' },
  { key: 'classes', ...int(3, (c) => c.limits.maxClasses), default: 3, note: 'for the datasets of several classes (blobs, spirals)' },
  { key: 'noise', ...num(0, 0.5), default: (c) => c.defaults.noise },
  { key: 'seed', ...int(0, 2 ** 31 - 1), default: 1 },
  { key: 'hidden', type: 'widths', min: 1, max: (c) => Math.min(4, c.limits.playgroundMaxLayers), minWidth: 2, maxWidth: (c) => c.limits.playgroundMaxLayerWidth, default: '3,2' },
  { key: 'units', type: 'pairs', max: (c) => c.limits.playgroundMaxLayers, maxWidth: (c) => c.limits.playgroundMaxLayerWidth, default: '' },
  { key: 'activation', type: 'activations', choices: (c) => c.activations.map((a) => a.name), default: 'tanh' },
  { key: 'lr', ...num(0, (c) => c.limits.playgroundMaxLearningRate), exclusiveMin: true, default: 0.1 },  // fast enough to watch the bending
  { key: 'stage', ...int(0, (c) => 2 * c.limits.playgroundMaxLayers), default: (c) => 2 * c.limits.playgroundMaxLayers,
    note: '0 is the input plane, then two per hidden layer (after the linear map, after the activation); past the last, the last' },
];

export const VIEWS = { explorer: EXPLORER_KEYS, trainer: TRAINER_KEYS, softmax: SOFTMAX_KEYS, fit1d: FIT1D_KEYS, space: SPACE_KEYS };

const resolve = (v, ctx) => (typeof v === 'function' ? v(ctx) : v);

/** The parameters every registry activation takes (by PyTorch name), as extra number/enum keys. */
export function paramKeys(ctx) {
  const seen = new Map();
  for (const a of ctx.allActivations) {
    for (const p of a.params) {
      if (seen.has(p.name)) continue;
      seen.set(p.name, p.choices ? { key: p.name, ...oneOf(p.choices), default: p.default, param: true }
        : { key: p.name, type: 'number', min: -1e6, max: 1e6, default: p.default ?? 0, param: true });
    }
  }
  return [...seen.values()];
}

/** Parses one raw string for `entry`; returns { value } or { problem }. */
export function parseValue(entry, raw, ctx) {
  const k = entry.key;
  const bad = (why) => ({ problem: `ignored ${k}=${JSON.stringify(String(raw).slice(0, 40))}: ${why}` });
  const s = String(raw).trim();
  switch (entry.type) {
    case 'int':
    case 'number': {
      const v = Number(s);
      const min = resolve(entry.min, ctx), max = resolve(entry.max, ctx);
      if (s === '' || !Number.isFinite(v)) return bad('not a number');
      if (entry.type === 'int' && !Number.isInteger(v)) return bad('not a whole number');
      if (v < min || v > max || (entry.exclusiveMin && v === min)) return bad(`outside ${entry.exclusiveMin ? '(' : '['}${min}, ${max}]`);
      return { value: v };
    }
    case 'enum': {
      const choices = resolve(entry.choices, ctx).map(String);
      const v = entry.valueAliases?.[s] ?? s;
      return choices.includes(v) ? { value: v } : bad(`not one of ${choices.join(', ')}`);
    }
    case 'bool':
      if (['1', 'true', 'yes', 'on', ''].includes(s)) return { value: true };
      if (['0', 'false', 'no', 'off'].includes(s)) return { value: false };
      return bad('not 0 or 1');
    case 'list':
    case 'activations': {
      const choices = resolve(entry.choices, ctx);
      const items = s === '' ? [] : s.split(',').map((t) => t.trim());
      const unknown = items.filter((t) => !choices.includes(t));
      if (unknown.length) return bad(`${unknown.map((u) => JSON.stringify(u.slice(0, 30))).join(', ')} not among ${choices.join(', ')}`);
      const min = entry.type === 'activations' ? 1 : resolve(entry.min, ctx) ?? 0;
      const max = entry.type === 'activations' ? resolve(ctx.limits.playgroundMaxLayers, ctx) : resolve(entry.max, ctx) ?? Infinity;
      if (items.length < min || items.length > max) return bad(`needs ${min} to ${max} items`);
      if (new Set(items).size !== items.length && entry.type === 'list') return bad('repeats an item');
      return { value: items.join(',') };
    }
    case 'numbers': {
      const items = s === '' ? [] : s.split(',').map((t) => t.trim());
      const min = resolve(entry.min, ctx), max = resolve(entry.max, ctx);
      if (items.length < min || items.length > max) return bad(`needs ${min} to ${max} numbers`);
      if (entry.pairs && items.length % 2) return bad('needs x,y pairs (an even count of numbers)');
      const vs = items.map(Number);
      if (items.some((t, i) => t === '' || !Number.isFinite(vs[i]))) return bad('not a list of numbers');
      if (vs.some((v) => v < entry.valueMin || v > entry.valueMax)) return bad(`each must be within [${entry.valueMin}, ${entry.valueMax}]`);
      return { value: vs.join(',') };
    }
    case 'widths': {
      const items = s === '' ? [] : s.split(',').map((t) => t.trim());
      const max = resolve(entry.max, ctx), maxWidth = resolve(entry.maxWidth, ctx);
      const min = entry.min ?? 0, minWidth = entry.minWidth ?? 1;
      if (items.length > max) return bad(`at most ${max} hidden layers`);
      if (items.length < min) return bad(`at least ${min} hidden layer${min > 1 ? 's' : ''}`);
      if (!items.every((t) => /^\d+$/.test(t) && Number(t) >= minWidth && Number(t) <= maxWidth)) return bad(`layer widths must be whole numbers from ${minWidth} to ${maxWidth}`);
      return { value: items.map(Number).join(',') };
    }
    case 'pairs': {
      const items = s === '' ? [] : s.split(',').map((t) => t.trim());
      const max = resolve(entry.max, ctx), maxWidth = resolve(entry.maxWidth, ctx);
      if (items.length > max) return bad(`at most ${max} pairs`);
      const ok = (t) => /^\d+-\d+$/.test(t) && t.split('-').every((u) => Number(u) >= 1 && Number(u) <= maxWidth) && t.split('-')[0] !== t.split('-')[1];
      if (!items.every(ok)) return bad(`each pair must be two different unit numbers from 1 to ${maxWidth}, as 1-2`);
      return { value: items.join(',') };
    }
    default:
      return { value: s.slice(0, 100) };
  }
}

/** Defaults of every key of a view (and the activation parameters). */
export function defaults(keys, ctx) {
  return Object.fromEntries([...keys, ...paramKeys(ctx)].map((e) => [e.key, resolve(e.default, ctx)]));
}

/**
 * Reads a view's state from a getter (URL parameters or element attributes).
 * @param {(name: string) => string | null} get raw value by name
 * @param {{prefix?: string, legacyParams?: boolean}} options prefix of the combined page; legacyParams reads unprefixed parameter keys
 * @returns {{ values: object, notices: string[] }} every key has a value; bad ones fall back to the default with a notice
 */
export function readState(keys, get, ctx, { prefix = '', legacyParams = false } = {}) {
  const values = defaults(keys, ctx);
  const notices = [];
  for (const entry of [...keys, ...paramKeys(ctx)]) {
    const names = [prefix + entry.key, ...(entry.aliases ?? [])];
    // Links from before the prefixes set the explorer's parameters unprefixed (?fn=elu&alpha=2).
    if (prefix && legacyParams && entry.param) names.push(entry.key);
    if (prefix && entry.legacy) names.push(entry.key);  // the trainer's unprefixed keys of old links (?lr=0.1)
    const name = names.find((n) => get(n) !== null && get(n) !== undefined);
    if (name === undefined) continue;
    const r = parseValue(entry, get(name), ctx);
    if ('value' in r) values[entry.key] = r.value;
    else notices.push(r.problem.replace(`ignored ${entry.key}=`, `ignored ${name}=`));
  }
  const v = get('v');
  if (v !== null && v !== undefined && String(v) !== String(SCHEME_VERSION)) notices.push(`link written for scheme v=${String(v).slice(0, 8)}; read as v=${SCHEME_VERSION}`);
  return { values, notices };
}

/**
 * What a link sets that no view reads, and keys it gives more than once (only the first value is
 * read): one notice each, names quoted and shortened, so a hostile or mistyped link is visible.
 * @param {URLSearchParams} params the page's (or an iframe's) parameters
 * @param {object} ctx the module's context (contextOf)
 * @param {{ pageKeys?: string[] }} options keys the page itself reads (embed, view, wasm, …)
 * @returns {string[]}
 */
export function linkProblems(params, ctx, { pageKeys = [] } = {}) {
  const known = new Set([...pageKeys, 'v']);
  for (const [view, keys] of Object.entries(VIEWS)) {
    for (const e of [...keys, ...paramKeys(ctx)]) {
      for (const name of [e.key, ...(e.aliases ?? [])]) known.add(name).add(`${view}.${name}`);
    }
  }
  const counts = new Map();
  for (const [k] of params) counts.set(k, (counts.get(k) ?? 0) + 1);
  const show = (k) => JSON.stringify(k.slice(0, 40));
  const unknown = [...counts.keys()].filter((k) => !known.has(k));
  const repeated = [...counts].filter(([k, n]) => n > 1 && known.has(k));
  const out = [];
  if (unknown.length) out.push(`ignored unknown ${unknown.length === 1 ? 'key' : 'keys'} ${unknown.slice(0, 5).map(show).join(', ')}${unknown.length > 5 ? ` and ${unknown.length - 5} more` : ''}`);
  for (const [k, n] of repeated.slice(0, 5)) out.push(`${show(k)} is given ${n} times: only the first value is read`);
  return out;
}

/** The keys whose value differs from the default, as [name, string] pairs (prefixed). */
export function changedEntries(keys, values, ctx, { prefix = '' } = {}) {
  const d = defaults(keys, ctx);
  const out = [];
  for (const entry of [...keys, ...paramKeys(ctx)]) {
    const v = values[entry.key];
    if (v === undefined || String(v) === String(d[entry.key])) continue;
    out.push([prefix + entry.key, entry.type === 'bool' ? (v ? '1' : '0') : String(v)]);
  }
  return out;
}

/** Rewrites the page URL: this view's keys replaced (other views' keys and unknown keys kept). */
export function writeUrl(keys, values, ctx, { prefix = '', legacyParams = false } = {}) {
  const q = new URLSearchParams(location.search);
  for (const entry of [...keys, ...paramKeys(ctx)]) {
    q.delete(prefix + entry.key);
    for (const a of entry.aliases ?? []) q.delete(a);
    if (entry.legacy) q.delete(entry.key);
  }
  if (legacyParams) for (const e of paramKeys(ctx)) q.delete(e.key);
  for (const [k, v] of changedEntries(keys, values, ctx, { prefix })) q.set(k, v);
  q.set('v', String(SCHEME_VERSION));
  const s = q.toString();
  history.replaceState(null, '', `${location.pathname}${s ? `?${s}` : ''}${location.hash}`);
}

/** The context the table reads: limits, defaults and menus from the loaded module. */
export function contextOf(ap) {
  const info = ap.buildInfo();
  const all = ap.listActivations();
  return {
    limits: info.limits, defaults: info.defaults, datasets: ap.datasets.list(), features: ap.features(), inits: ap.inits(),
    allActivations: all,
    // Per-layer activations of a network: elementwise entries whose parameters all have defaults.
    activations: all.filter((a) => a.kind === 'elementwise' && a.params.every((p) => !p.required)),
  };
}
