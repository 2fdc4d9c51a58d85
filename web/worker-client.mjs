// The page's side of the training worker: one worker per page, shared by every trainer on it
// (messages keyed by id), watched by a heartbeat. A worker that crashes or stops answering is
// replaced, and each trainer restores its network from its last checkpoint.
import { FROM_WORKER, TO_WORKER, checkMessage } from './protocol.mjs';

const PING_MS = 1000;
const DEAD_AFTER_MS = 5000;

export class WorkerClient {
  /** @param {{ url: URL, onRestart?: (reason: string) => void }} options */
  constructor({ url, onRestart }) {
    this.url = url;
    this.onRestart = onRestart;
    this.listeners = new Map();   // id → (msg) => void
    this.lastPong = performance.now();
    this.readyInfo = null;
    this.#start();
    this.heartbeat = setInterval(() => this.#beat(), PING_MS);
  }

  #start() {
    this.worker = new Worker(this.url, { type: 'module' });
    this.lastPong = performance.now();
    this.worker.onmessage = (e) => this.#receive(e.data);
    this.worker.onerror = (e) => {
      e.preventDefault?.();
      this.restart(`the training worker failed (${e.message || 'no message'})`);
    };
    this.worker.onmessageerror = () => this.restart('the training worker sent a message that could not be read');
  }

  #beat() {
    if (document.hidden) {
      this.lastPong = performance.now();  // throttled timers in background tabs are not a hang
      return;
    }
    if (performance.now() - this.lastPong > DEAD_AFTER_MS) this.restart('the training worker stopped answering');
    else this.worker.postMessage({ type: TO_WORKER.ping, t: performance.now() });
  }

  #receive(msg) {
    if (checkMessage(msg, 'fromWorker')) return;
    this.lastPong = performance.now();
    if (msg.type === FROM_WORKER.ready) this.readyInfo = msg.buildInfo;
    if (msg.type === FROM_WORKER.pong || msg.type === FROM_WORKER.ready) return;
    if (msg.id === undefined) {
      for (const fn of this.listeners.values()) fn(msg);
      return;
    }
    this.listeners.get(msg.id)?.(msg);
  }

  /** Replaces the worker; every listener gets a { type: 'restarted', reason } message to restore itself. */
  restart(reason) {
    this.worker.terminate();
    this.#start();
    this.onRestart?.(reason);
    for (const fn of this.listeners.values()) fn({ type: 'restarted', reason });
  }

  /** Registers a trainer; returns a send function bound to its id. */
  connect(id, listener) {
    this.listeners.set(id, listener);
    return (msg, transfer = []) => this.worker.postMessage({ ...msg, id }, transfer);
  }

  disconnect(id) {
    this.worker.postMessage({ type: TO_WORKER.dispose, id });
    this.listeners.delete(id);
  }
}
