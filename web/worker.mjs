// The training worker: hosts every network of the page (worker-host.mjs) in its own thread. Its
// module is the page's build (?wasm=fallback forces the fallback); an embed sends the module it
// compiled once for the page as the first message (init), so the worker fetches no .wasm.
import { load } from '../dist/index.mjs';
import { TO_WORKER } from './protocol.mjs';
import { instantiateFrom } from './wasm-module.mjs';
import { createWorkerHost } from './worker-host.mjs';

const host = createWorkerHost({ post: (msg, transfer = []) => self.postMessage(msg, transfer) });
let started = false;

self.onmessage = (e) => {
  const msg = e.data;
  if (!started) {
    started = true;
    if (msg?.type === TO_WORKER.init && msg.module instanceof WebAssembly.Module) {
      host.start(load({ simd: msg.simd === true, instantiateWasm: instantiateFrom(msg.module) }));
      return;
    }
    const simd = new URL(self.location.href).searchParams.get('wasm') === 'fallback' ? false : undefined;
    host.start(load({ simd }));
  }
  if (msg?.type === TO_WORKER.init) return;  // a second init (after a restart it is the first again)
  host.receive(msg);
};
