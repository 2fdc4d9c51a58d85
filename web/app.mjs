// The page: loads the module (the SIMD build where supported; ?wasm=fallback forces the other),
// then mounts the views. On the combined page each view's keys carry its prefix (trainer.lr);
// ?embed=1&view=trainer shows one view alone, for iframes, with unprefixed keys.
import { load } from '../dist/index.mjs';
import { mountExplorer } from './explorer.mjs';
import { mountSoftmax } from './softmax.mjs';
import { mountSpace } from './space.mjs';
import { contextOf } from './state.mjs';
import { mountTrainer } from './trainer.mjs';
import { WorkerClient } from './worker-client.mjs';

const VIEWS = ['explorer', 'softmax', 'trainer', 'space'];

function fatal(message) {
  const p = document.getElementById('fatal');
  p.textContent = message;
  p.hidden = false;
}

async function main() {
  const q = new URLSearchParams(location.search);
  const html = document.documentElement;
  const fallback = q.get('wasm') === 'fallback';
  const ap = await load(fallback ? { simd: false } : {});
  const info = ap.buildInfo();
  html.dataset.build = info.simd ? 'simd' : 'fallback';
  const badge = document.getElementById('build');
  badge.textContent = info.simd ? 'WASM SIMD' : 'WASM (no SIMD)';
  badge.classList.toggle('simd', info.simd);
  const ctx = contextOf(ap);

  const embed = q.get('embed') === '1';
  const only = q.get('view');
  if (only !== null && !VIEWS.includes(only)) fatal(`ignored view=${JSON.stringify(only.slice(0, 30))}: not one of ${VIEWS.join(', ')}`);
  const single = VIEWS.includes(only) ? only : null;
  html.classList.toggle('embed', embed);
  const get = (k) => q.get(k);
  const mounted = (name) => !single || single === name;
  for (const name of VIEWS) document.getElementById(name).hidden = !mounted(name);
  if (embed && single) {  // an iframe: the view talks to its parent (web/embed-frame.mjs)
    const { mountFrame } = await import('./embed-frame.mjs');
    await mountFrame(document.getElementById(`${single}-root`), { ap, ctx, view: single, q, fallback });
    html.dataset.ready = 'true';
    return;
  }

  if (mounted('explorer')) {
    mountExplorer(document.getElementById('explorer-root'), { ap, ctx, prefix: single ? '' : 'explorer.', get });
  }
  if (mounted('softmax')) mountSoftmax(document.getElementById('softmax-root'), { ap, ctx, prefix: single ? '' : 'softmax.', get });
  let client = null;
  if (mounted('trainer') || mounted('space')) {
    const workerUrl = new URL('./worker.mjs', import.meta.url);
    if (fallback) workerUrl.searchParams.set('wasm', 'fallback');
    client = new WorkerClient({ url: workerUrl });
  }
  if (mounted('trainer')) {
    const root = document.getElementById('trainer-root');
    root.workerClient = client;  // for tests and the console: the page's one worker
    mountTrainer(root, { ap, ctx, client, id: 'trainer', prefix: single ? '' : 'trainer.', get });
  }
  if (mounted('space')) mountSpace(document.getElementById('space-root'), { ap, ctx, client, id: 'space', prefix: single ? '' : 'space.', get });
  html.dataset.ready = 'true';
}

main().catch((e) => {
  fatal(`Could not start: ${e.message}`);
  console.error(e);
});
