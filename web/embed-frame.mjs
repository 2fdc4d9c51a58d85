// The iframe mode (index.html?embed=1&view=…): one view, no page header, talking to its parent.
// It posts { source: 'activation-playground', type: 'ready' | 'epoch' | 'error', detail } to the
// parent (to the origin named by ?origin=, else to any), and accepts commands
// { type: 'play' | 'pause' | 'reset' | 'set', key?, value? } only from the parent window at the
// origin named by ?origin= — messages from any other window or origin are ignored; a malformed
// command from the parent is answered with an `error` event saying what is wrong, never thrown on.
import { TRAINING_VIEWS, mountView } from './embed-view.mjs';
import { listOf } from './embed-this.mjs';
import { VIEWS, paramKeys, parseValue } from './state.mjs';
import { WorkerClient } from './worker-client.mjs';

/** Keys of the iframe's URL that are not the view's state. */
const FRAME_KEYS = new Set(['embed', 'view', 'origin', 'wasm', 'v', 'hide', 'lock']);
const COMMANDS = new Set(['play', 'pause', 'reset', 'set']);
const MAX_TEXT = 200;

/** `?origin=` as a serialized origin (scheme://host[:port]), or null if missing or not one. */
export function parseOrigin(raw) {
  if (typeof raw !== 'string' || !raw) return null;
  try {
    const u = new URL(raw);
    return u.origin !== 'null' && (u.protocol === 'https:' || u.protocol === 'http:') ? u.origin : null;
  } catch {
    return null;
  }
}

const show = (v) => JSON.stringify(String(v).slice(0, 30));

/**
 * Checks a command from the parent: { command } normalised, or { problem } saying what is wrong
 * (the frame answers with an error event). Values are strings as in a URL; the view's state table
 * checks them further.
 */
export function checkCommand(data) {
  const bad = (why) => ({ problem: `ignored a message: ${why}` });
  if (!data || typeof data !== 'object' || Array.isArray(data)) return bad(`a command is an object { type, key?, value? }, not ${Array.isArray(data) ? 'an array' : data === null ? 'null' : typeof data}`);
  if (typeof data.type !== 'string' || !COMMANDS.has(data.type)) return bad(`type ${typeof data.type === 'string' ? show(data.type) : typeof data.type} is not one of ${[...COMMANDS].join(', ')}`);
  const accepted = data.type === 'set' ? ['type', 'key', 'value'] : ['type'];
  const extra = Object.keys(data).find((k) => !accepted.includes(k));
  if (extra !== undefined) return bad(`${data.type}: unknown property ${show(extra)} (accepted: ${accepted.join(', ')})`);
  if (data.type !== 'set') return { command: { type: data.type } };
  const { key, value } = data;
  if (typeof key !== 'string' || !/^[a-z][a-z0-9_]{0,39}$/.test(key)) return bad(`set: key ${typeof key === 'string' ? show(key) : typeof key} is not a state key`);
  if (FRAME_KEYS.has(key)) return bad(`set: ${key} is fixed by the frame's URL`);
  if (!['string', 'number', 'boolean'].includes(typeof value)) return bad(`set ${key}: the value must be a string, number or boolean, not ${value === null ? 'null' : typeof value}`);
  if (String(value).length > MAX_TEXT) return bad(`set ${key}: the value is longer than ${MAX_TEXT} characters`);
  return { command: { type: 'set', key, value: typeof value === 'boolean' ? (value ? '1' : '0') : String(value) } };
}

/**
 * Mounts `view` into `root` for an iframe and connects it to the parent window.
 * @param {HTMLElement} root
 * @param {{ ap, ctx, view: string, q: URLSearchParams, fallback: boolean, init?: object }} options q: the frame's URL
 *   parameters; init: the worker's first message (the page's compiled module)
 * @returns {Promise<void>} once the view is mounted and `ready` posted
 */
export async function mountFrame(root, { ap, ctx, view, q, fallback, init }) {
  const origin = parseOrigin(q.get('origin'));
  const parent = window.parent !== window ? window.parent : null;
  const post = (type, detail) => {
    try {
      parent?.postMessage({ source: 'activation-playground', type, detail }, origin ?? '*');
    } catch { /* a parent at another origin than ?origin= names: nothing is sent */ }
  };
  const state = new Map([...q].filter(([k]) => !FRAME_KEYS.has(k)));
  let client = null;
  let visible = typeof IntersectionObserver !== 'function';
  let handle = null;
  let generation = 0;

  async function mount() {
    const g = ++generation;
    handle?.destroy();
    if (TRAINING_VIEWS.has(view) && !client) {
      const url = new URL('./worker.mjs', import.meta.url);
      if (fallback) url.searchParams.set('wasm', 'fallback');
      client = new WorkerClient({ url, init });
      root.workerClient = client;
    }
    const h = await mountView(root, {
      ap, ctx, client, view, id: `frame.${g}`, get: (k) => state.get(k) ?? null,
      controls: { hide: listOf(q.get('hide')), lock: listOf(q.get('lock')) },
      emit: post, mayTrain: () => visible,
    });
    if (g !== generation) return h.destroy();
    handle = h;
    post('ready', { view, build: ap.buildInfo().simd ? 'simd' : 'fallback' });
    return undefined;
  }

  function command(cmd) {
    if (!handle) return;
    if (cmd.type === 'play') handle.play();
    else if (cmd.type === 'pause') handle.pause();
    else if (cmd.type === 'reset') handle.reset();
    else {
      const entry = [...(VIEWS[view] ?? []), ...paramKeys(ctx)].find((e) => e.key === cmd.key || e.aliases?.includes(cmd.key));
      if (!entry) return post('error', { message: `ignored a message: set: ${cmd.key} is not a key of the ${view} view` });
      const checked = parseValue(entry, cmd.value, ctx);
      if (checked.problem) return post('error', { message: `ignored a message: set: ${checked.problem.replace(/^ignored /, '')}` });
      state.set(cmd.key, cmd.value);
      if (!handle.setLive(cmd.key, cmd.value)) mount().catch((e) => post('error', { message: e.message }));
    }
    return undefined;
  }

  window.addEventListener('message', (e) => {
    try {
      if (!origin || e.origin !== origin || !parent || e.source !== parent) return;
      const { command: cmd, problem } = checkCommand(e.data);
      if (cmd) command(cmd);
      else post('error', { message: problem });
    } catch (err) {
      post('error', { message: err?.message ?? String(err) });
    }
  });
  reportHeight(post);
  if (typeof IntersectionObserver === 'function') {
    new IntersectionObserver((entries) => {
      visible = entries.at(-1).isIntersecting;
      if (visible) handle?.resume();
      else handle?.hold();
    }).observe(root);
  }
  try {
    await mount();
  } catch (e) {
    post('error', { message: e.message });
    throw e;
  }
}

/**
 * Posts `resize` { height } whenever the content's height changes (at most once a frame), so a host
 * page can size the iframe to it (docs/embedding.md): the body's bottom (the body's height follows
 * its content, whatever the frame's) plus its margin.
 */
function reportHeight(post) {
  if (typeof ResizeObserver !== 'function') return;
  let sent = 0, queued = false;
  new ResizeObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      const body = document.body, bottom = body.getBoundingClientRect().bottom + window.scrollY + (parseFloat(getComputedStyle(body).marginBottom) || 0);
      const height = Math.ceil(bottom);
      if (height !== sent) post('resize', { height: (sent = height) });
    });
  }).observe(document.body);
}
