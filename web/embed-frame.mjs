// The iframe mode (index.html?embed=1&view=…): one view, no page header, talking to its parent.
// It posts { source: 'activation-playground', type: 'ready' | 'epoch' | 'error', detail } to the
// parent (to the origin named by ?origin=, else to any), and accepts commands
// { type: 'play' | 'pause' | 'reset' | 'set', key?, value? } only from the parent window at the
// origin named by ?origin= — anything else, and malformed messages, are ignored, never thrown on.
import { TRAINING_VIEWS, mountView } from './embed-view.mjs';
import { WorkerClient } from './worker-client.mjs';

/** Keys of the iframe's URL that are not the view's state. */
const FRAME_KEYS = new Set(['embed', 'view', 'origin', 'wasm', 'v']);
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

/** Checks a command from the parent; returns it normalised, or null if it is not one. */
export function parseCommand(data) {
  if (!data || typeof data !== 'object' || Array.isArray(data) || !COMMANDS.has(data.type)) return null;
  if (data.type !== 'set') return { type: data.type };
  const { key, value } = data;
  if (typeof key !== 'string' || !/^[a-z][a-z0-9_]{0,39}$/.test(key) || FRAME_KEYS.has(key)) return null;
  if (!['string', 'number', 'boolean'].includes(typeof value) || String(value).length > MAX_TEXT) return null;
  return { type: 'set', key, value: typeof value === 'boolean' ? (value ? '1' : '0') : String(value) };
}

/**
 * Mounts `view` into `root` for an iframe and connects it to the parent window.
 * @param {HTMLElement} root
 * @param {{ ap, ctx, view: string, q: URLSearchParams, fallback: boolean }} options q: the frame's URL parameters
 * @returns {Promise<void>} once the view is mounted and `ready` posted
 */
export async function mountFrame(root, { ap, ctx, view, q, fallback }) {
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
      client = new WorkerClient({ url });
      root.workerClient = client;
    }
    const h = await mountView(root, {
      ap, ctx, client, view, id: `frame.${g}`, get: (k) => state.get(k) ?? null,
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
      state.set(cmd.key, cmd.value);
      if (!handle.setLive(cmd.key, cmd.value)) mount().catch((e) => post('error', { message: e.message }));
    }
  }

  window.addEventListener('message', (e) => {
    try {
      if (!origin || e.origin !== origin || !parent || e.source !== parent) return;
      const cmd = parseCommand(e.data);
      if (cmd) command(cmd);
    } catch (err) {
      post('error', { message: err?.message ?? String(err) });
    }
  });
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
