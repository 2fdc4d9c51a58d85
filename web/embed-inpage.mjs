// The training worker's stand-in on the page itself, for host pages whose CSP forbids the worker
// (no `worker-src blob:`): the same message schema (protocol.mjs) and the same host (worker-host.mjs)
// over the page's module, training in short slices so the page stays responsive.
import { TO_WORKER } from './protocol.mjs';
import { createWorkerHost } from './worker-host.mjs';

const SLICE_MS = 4;  // training per 16 ms frame (a worker takes 11)

const copy = (msg) => (typeof structuredClone === 'function' ? structuredClone(msg) : msg);

/** Looks like a Worker to WorkerClient: postMessage, onmessage, onerror, terminate. */
export class InPageWorker {
  /** @param {object} ap the page's loaded module */
  constructor(ap) {
    this.onmessage = null;
    this.onerror = null;
    this.onmessageerror = null;
    this.closed = false;
    this.host = createWorkerHost({
      // Asynchronous, as from a worker; the host makes fresh arrays for every message it posts.
      post: (msg) => setTimeout(() => { if (!this.closed) this.onmessage?.({ data: msg }); }),
      trainBudgetMs: SLICE_MS,
    });
    this.host.start(Promise.resolve(ap));
  }

  postMessage(msg) {
    if (this.closed || msg?.type === TO_WORKER.init) return;
    const m = copy(msg);
    setTimeout(() => this.host.receive(m));
  }

  addEventListener() {}

  removeEventListener() {}

  terminate() {
    this.closed = true;
    this.host.stop();
  }
}
