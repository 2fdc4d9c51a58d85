// What every embed on a page shares: the WASM module fetched and compiled once per build (SIMD or
// fallback) and instantiated once on the page, one training worker (or, where the host page's CSP
// forbids workers, one in-page stand-in), and the few slots of embeds allowed to train at once.
import { InPageWorker } from './embed-inpage.mjs';
import { TO_WORKER } from './protocol.mjs';
import { contextOf } from './state.mjs';
import { WorkerClient } from './worker-client.mjs';
import { loadCompiled, usesSimd } from './wasm-module.mjs';

/** At most this many embeds of a page train at once; the one that started longest ago gives way. */
export const MAX_TRAINING = 3;
const WORKER_START_MS = 10000;

const runtimes = new Map();  // 'simd' | 'nosimd' → Promise<Runtime>
const training = [];         // embeds training now, oldest first: { giveWay(): void }

/** True when this browser can run the playground at all (WebAssembly with exception handling aside). */
export function wasmAvailable() {
  return typeof WebAssembly === 'object' && typeof WebAssembly.instantiate === 'function';
}

/**
 * The page's runtime for one build, made once: { ap, ctx, simd, module, client(): Promise<WorkerClient> }.
 * @param {{ fallback?: boolean }} options fallback forces the build without SIMD
 */
export function runtime({ fallback = false } = {}) {
  const key = usesSimd(fallback) ? 'simd' : 'nosimd';
  if (!runtimes.has(key)) runtimes.set(key, makeRuntime(fallback));
  return runtimes.get(key);
}

async function makeRuntime(fallback) {
  const { ap, module, simd } = await loadCompiled({ fallback });
  const rt = { ap, ctx: contextOf(ap), simd, module, thread: null, clientPromise: null };
  rt.client = () => {
    rt.clientPromise ??= startClient(rt);
    return rt.clientPromise;
  };
  return rt;
}

/**
 * One WorkerClient for the page. The worker script may sit on another origin (an npm CDN), where
 * `new Worker(url)` throws: it is then started from a same-origin blob: module that imports it. Where
 * that fails too (a CSP without `worker-src blob:`), an in-page stand-in trains in short slices.
 */
async function startClient(rt) {
  const url = new URL('./worker.mjs', import.meta.url);
  const init = { type: TO_WORKER.init, module: rt.module, simd: rt.simd };
  const sameOrigin = url.origin === globalThis.location?.origin;
  const real = () => (sameOrigin ? new Worker(url, { type: 'module' }) : bootstrap(url));
  let first = null;
  try {
    if (typeof Worker !== 'function') throw new Error('no Worker');
    first = real();
    await answers(first, init);
    rt.thread = sameOrigin ? 'worker' : 'blob-worker';
  } catch (e) {
    first?.terminate();
    rt.thread = 'in-page';
    rt.threadReason = e.message;  // why workers could not be used (for the console and tests)
    return new WorkerClient({ url, createWorker: () => new InPageWorker(rt.ap) });
  }
  return new WorkerClient({
    url, init,
    createWorker: () => {
      const w = first ?? real();
      first = null;
      return w;
    },
  });
}

/** A module worker on a blob: URL of this origin whose only line imports the worker's absolute URL. */
function bootstrap(url) {
  const blobUrl = URL.createObjectURL(new Blob([`import ${JSON.stringify(url.href)};\n`], { type: 'text/javascript' }));
  const worker = new Worker(blobUrl, { type: 'module' });
  setTimeout(() => URL.revokeObjectURL(blobUrl), WORKER_START_MS);
  return worker;
}

/** Resolves when the worker has loaded the module (its `ready`); rejects on an error or a timeout. */
function answers(worker, init) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error('the worker did not start')), WORKER_START_MS);
    const done = (error) => {
      clearTimeout(timer);
      worker.removeEventListener('message', onMessage);
      worker.removeEventListener('error', onError);
      if (error) reject(error);
      else resolve();
    };
    const onMessage = (e) => {
      if (e.data?.type === 'ready') done();
      else if (e.data?.type === 'error') done(new Error(e.data.message));
    };
    const onError = (e) => {
      e.preventDefault?.();
      done(new Error(e.message || 'the worker failed to start'));
    };
    worker.addEventListener('message', onMessage);
    worker.addEventListener('error', onError);
    worker.postMessage(init);
  });
}

/** Whether an element lies wholly outside the viewport now (its IntersectionObserver may not have said so yet). */
const offScreen = (e) => {
  const r = e.getBoundingClientRect?.();
  return Boolean(r) && (r.bottom <= 0 || r.right <= 0 || r.top >= innerHeight || r.left >= innerWidth);
};

/**
 * Asks for one of the page's training slots; when all are taken, the embed that took one first
 * gives way (its `giveWay` pauses it). An embed already scrolled away gives its slot up first, without
 * a pause: its visibility callback, still to come, holds it, and it resumes when it is back (scrolling
 * fast let a leaving embed be paused for good when those callbacks came in the other order).
 * Returns true (the slot is the caller's until `releaseSlot`).
 * @param {{ giveWay(): void }} embed
 */
export function acquireSlot(embed) {
  if (training.includes(embed)) return true;
  if (training.length >= MAX_TRAINING) {
    const leaving = training.find(offScreen);
    if (leaving) releaseSlot(leaving);
    else training.shift().giveWay();
  }
  training.push(embed);
  return true;
}

/** Gives a training slot back. */
export function releaseSlot(embed) {
  const i = training.indexOf(embed);
  if (i >= 0) training.splice(i, 1);
}
