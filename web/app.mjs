// The page: loads the module (the SIMD build where supported; ?wasm=fallback forces the other),
// then mounts the views. On the combined page each view's keys carry its prefix (trainer.lr);
// ?embed=1&view=trainer shows one view alone, for iframes, with unprefixed keys.
// The explorer comes first, over the activations-only module; the other views' code and the whole
// module are fetched after its chart is on screen, and the whole module, compiled once, is handed
// to the worker, which fetches no .wasm of its own.
import { TRAINING, fallback, firstModule, wholeFirst } from './page-boot.mjs';  // first: the .wasm is fetched meanwhile
import { TO_WORKER } from './protocol.mjs';
import { VIEWS as VIEW_KEYS, contextOf, linkProblems, paramKeys } from './state.mjs';
import { STRINGS } from './strings.mjs';
import { THEME_CHOICES, rememberedTheme, setTheme } from './theme.mjs';
import { loadCompiled } from './wasm-module.mjs';

const VIEWS = ['explorer', 'softmax', 'trainer', 'fit1d', 'space'];
/** The page's own URL keys, besides the views' state (web/state.mjs); hide and lock are the iframe's. */
const PAGE_KEYS = ['embed', 'view', 'wasm', 'origin', 'hide', 'lock'];

function fatal(message) {
  const p = document.getElementById('fatal');
  p.textContent = message;
  p.hidden = false;
}

/** The header's theme menu: auto (the system's), light or dark, remembered across visits. */
function mountThemeMenu() {
  const S = STRINGS.page;
  const label = document.createElement('label');
  label.className = 'theme-menu';
  const select = document.createElement('select');
  select.setAttribute('aria-label', S.theme);
  const names = { auto: S.themeAuto, light: S.themeLight, dark: S.themeDark };
  for (const mode of THEME_CHOICES) select.append(new Option(names[mode], mode));
  select.value = rememberedTheme();
  select.addEventListener('change', () => setTheme(select.value));
  label.append(`${S.theme} `, select);
  document.querySelector('.page-header')?.append(label);
  if (select.value !== 'auto') setTheme(select.value);
}

async function main() {
  const q = new URLSearchParams(location.search);
  const html = document.documentElement;
  mountThemeMenu();
  const embed = q.get('embed') === '1';
  const only = q.get('view');
  const single = VIEWS.includes(only) ? only : null;
  // The explorer's first chart needs only the activations-only module (page-boot.mjs); the whole
  // one (for the worker) is fetched once that chart is on screen.
  const whole = wholeFirst ? firstModule : null;
  const { ap } = await firstModule;
  const info = ap.buildInfo();
  html.dataset.build = info.simd ? 'simd' : 'fallback';
  const badge = document.getElementById('build');
  badge.textContent = info.simd ? 'WASM SIMD' : 'WASM (no SIMD)';
  badge.classList.toggle('simd', info.simd);
  const ctx = contextOf(ap);
  const problems = linkProblems(q, ctx, { pageKeys: PAGE_KEYS });
  if (q.has('wasm') && !['simd', 'fallback'].includes(q.get('wasm'))) problems.push(`ignored wasm=${JSON.stringify(q.get('wasm').slice(0, 30))}: not simd or fallback`);
  if (problems.length) {
    const p = document.getElementById('link-notice');
    p.textContent = `This link: ${problems.join('; ')}.`;
    p.hidden = false;
  }

  if (only !== null && !single) fatal(`ignored view=${JSON.stringify(only.slice(0, 30))}: not one of ${VIEWS.join(', ')}`);
  html.classList.toggle('embed', embed);
  const get = (k) => q.get(k);
  const mounted = (name) => !single || single === name;
  for (const name of VIEWS) document.getElementById(name).hidden = !mounted(name);
  if (embed && single) {  // an iframe: the view talks to its parent (web/embed-frame.mjs)
    const { module, simd } = await whole;
    const { mountFrame } = await import('./embed-frame.mjs');
    await mountFrame(document.getElementById(`${single}-root`), { ap, ctx, view: single, q, fallback, init: { type: TO_WORKER.init, module, simd } });
    html.dataset.ready = 'true';
    return;
  }

  if (mounted('explorer')) {
    // Imported here, not statically, so that page-boot.mjs starts the .wasm before uPlot and the
    // explorer's modules have arrived (index.html preloads them all the same).
    const { mountExplorer } = await import('./explorer.mjs');
    mountExplorer(document.getElementById('explorer-root'), { ap, ctx, prefix: single ? '' : 'explorer.', get });
  }
  // The rest once the explorer's first frame is painted.
  if (mounted('explorer')) await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const training = VIEWS.some((name) => TRAINING.has(name) && mounted(name));
  const wholeModule = training ? (whole ?? loadCompiled({ fallback })) : null;
  if (mounted('softmax')) {
    const { mountSoftmax } = await import('./softmax.mjs');
    mountSoftmax(document.getElementById('softmax-root'), { ap, ctx, prefix: single ? '' : 'softmax.', get });
  }
  if (training) {
    const { WorkerClient } = await import('./worker-client.mjs');
    const { ap: wholeApi, module, simd } = await wholeModule;
    const workerUrl = new URL('./worker.mjs', import.meta.url);
    if (fallback) workerUrl.searchParams.set('wasm', 'fallback');
    const client = new WorkerClient({ url: workerUrl, init: { type: TO_WORKER.init, module, simd } });  // the page's one worker
    const options = (name) => ({ ap: wholeApi, ctx, client, id: name, prefix: single ? '' : `${name}.`, get });
    if (mounted('trainer')) {
      const { mountTrainer } = await import('./trainer.mjs');
      const root = document.getElementById('trainer-root');
      root.workerClient = client;  // for tests and the console
      mountTrainer(root, options('trainer'));
    }
    if (mounted('fit1d')) {
      const { mountFit1d } = await import('./fit1d.mjs');
      mountFit1d(document.getElementById('fit1d-root'), options('fit1d'));
    }
    if (mounted('space')) {
      const { mountSpace } = await import('./space.mjs');
      mountSpace(document.getElementById('space-root'), options('space'));
    }
  }
  // "Embed this" on every view: the snippets for its state now.
  const { mountEmbedThis } = await import('./embed-this.mjs');
  for (const name of VIEWS.filter(mounted)) {
    const section = document.getElementById(name);
    const keys = [...VIEW_KEYS[name], ...paramKeys(ctx)];
    mountEmbedThis(section.querySelector('h2'), { view: name, root: document.getElementById(`${name}-root`), keys, ctx, prefix: single ? '' : `${name}.` });
  }
  html.dataset.ready = 'true';
}

main().catch((e) => {
  fatal(`Could not start: ${e.message}`);
  console.error(e);
});
