// <activation-playground>: the playground's views as an element strangers drop into their pages.
//   <script type="module" src="…/web/embed.mjs"></script>
//   <activation-playground view="explorer" activation="leaky_relu" negative_slope="0.2"></activation-playground>
// Attributes are the view's state keys (web/state.mjs, unprefixed) plus `view`, `theme`, `wasm` and
// `autoplay`, `hide` and `lock` (comma lists of state keys whose controls are hidden or disabled);
// a changed attribute updates the widget. Every instance on a page shares one compiled
// module and one training worker (embed-runtime.mjs). Events: `ready`, `epoch`, `error` (docs/embedding.md).
import { adoptCss } from './css.mjs';
import { embedCss } from './embed-css.mjs';
import { mountView, TRAINING_VIEWS } from './embed-view.mjs';
import { acquireSlot, releaseSlot, runtime, wasmAvailable } from './embed-runtime.mjs';
import { listOf } from './embed-this.mjs';
import { ATTRIBUTE_SPELLINGS as SPELLINGS } from './state.mjs';

/** The element's own attributes; every other attribute is a state key of its view. */
export const ELEMENT_ATTRIBUTES = ['view', 'theme', 'wasm', 'autoplay', 'hide', 'lock'];
const TAG = 'activation-playground';
const IGNORED = new Set(['theme', 'autoplay', 'class', 'style', 'id', 'slot', 'title', 'lang', 'dir', 'tabindex']);
let counter = 0;

/** The element. Properties: `view`, `build` ('simd' | 'fallback', once ready), `thread` (where training runs). */
export class ActivationPlayground extends HTMLElement {
  #shadow = null;
  #status = null;
  #viewRoot = null;
  #view = null;
  #rt = null;
  #mounting = null;
  #visible = false;
  #slot = false;
  #autoplayed = false;
  #generation = 0;
  #uid = `ap${++counter}`;
  #observers = [];
  #attrs = null;
  #widths = [];

  constructor() {
    super();
    this.#shadow = this.attachShadow({ mode: 'open' });
    this.#status = document.createElement('p');
    this.#status.className = 'ap-status';
    this.#status.setAttribute('role', 'status');
    this.#status.textContent = 'Loading the activation playground…';
    // Light DOM children (the author's fallback content) stay visible until the view is mounted.
    this.#shadow.append(this.#status, document.createElement('slot'));
  }

  get view() { return this.getAttribute('view') ?? 'explorer'; }

  set view(v) { this.setAttribute('view', v); }

  /** 'simd' or 'fallback' once ready, else null. */
  get build() { return this.#rt ? (this.#rt.simd ? 'simd' : 'fallback') : null; }

  /** Where this page trains: 'worker', 'blob-worker' or 'in-page' (null before a trainer has started it). */
  get thread() { return this.#rt?.thread ?? null; }

  /** Why training runs in-page rather than in a worker ('' when it does not). */
  get threadReason() { return this.#rt?.threadReason ?? ''; }

  /** Starts training (trainer, lesson) or the race. */
  play() { this.#view?.play(); }

  /** Pauses training. */
  pause() { this.#view?.pause(); }

  /** Rebuilds the network from its settings (a race: stops it). */
  reset() { this.#view?.reset(); }

  connectedCallback() {
    if (!wasmAvailable()) {
      this.#status.textContent = 'This browser cannot run WebAssembly, which the activation playground needs.';
      this.#emit('error', { message: 'WebAssembly is not available' });
      return;
    }
    this.#watch();
    this.#attrs = this.#snapshotAttributes();
    this.#mount();
    // Attribute changes, all of them (the state keys are open-ended: every activation parameter).
    const mo = new MutationObserver((records) => this.#attributesChanged(records.map((r) => r.attributeName)));
    mo.observe(this, { attributes: true });
    this.#observers.push(mo);
  }

  disconnectedCallback() {
    for (const o of this.#observers) o.disconnect();
    this.#observers = [];
    this.#generation++;
    releaseSlot(this);
    this.#view?.destroy();
    this.#view = null;
  }

  #snapshotAttributes() {
    return new Map([...this.attributes].map((a) => [a.name, a.value]));
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  /** Narrow-layout tokens from the host's own width; visibility for training and autoplay. */
  #watch() {
    if (typeof ResizeObserver === 'function') {
      // The layout change waits a frame: made inside the callback it resizes what is being observed
      // (WebKit reports "ResizeObserver loop completed with undelivered notifications").
      let frame = 0;
      const ro = new ResizeObserver((entries) => {
        const width = entries.at(-1).contentRect.width;
        cancelAnimationFrame(frame);
        frame = requestAnimationFrame(() => this.#fit(width));
      });
      ro.observe(this);
      this.#observers.push(ro);
    }
    if (typeof IntersectionObserver === 'function') {
      const io = new IntersectionObserver((entries) => this.#setVisible(entries.at(-1).isIntersecting));
      io.observe(this);
      this.#observers.push(io);
    } else this.#visible = true;
  }

  #fit(width) {
    const widths = this.#widths;
    const narrow = widths.filter((w) => width <= w).join(' ');
    if (this.dataset.narrow !== narrow) {
      if (narrow) this.dataset.narrow = narrow;
      else delete this.dataset.narrow;
    }
  }

  #setVisible(on) {
    this.#visible = on;
    if (!this.#view?.trains) return;
    if (!on) {
      this.#view.hold();
      releaseSlot(this);
      return;
    }
    if (this.hasAttribute('autoplay') && !this.#autoplayed) {
      this.#autoplayed = true;
      this.#view.play();
    }
    this.#view.resume();
  }

  /** Asked by the view before a run trains: visible, and one of the page's few training slots. */
  #mayTrain() {
    if (!this.#visible) return false;
    this.#slot = acquireSlot(this);
    return this.#slot;
  }

  /** Called by the runtime when another embed takes this one's training slot. */
  giveWay() {
    this.#slot = false;
    this.#view?.pause();
  }

  async #mount() {
    const generation = ++this.#generation;
    const view = this.view;
    const fallback = this.getAttribute('wasm') === 'fallback';
    try {
      const [rt, css] = await Promise.all([runtime({ fallback }), embedCss()]);
      if (generation !== this.#generation) return;
      this.#rt = rt;
      this.#widths = css.widths;
      adoptCss(this.#shadow, css.css);
      this.#fit(this.getBoundingClientRect().width);
      const client = TRAINING_VIEWS.has(view) ? await rt.client() : null;
      if (generation !== this.#generation) return;
      this.#view?.destroy();
      const root = document.createElement('div');
      root.className = `ap-view ${view}`;
      this.#viewRoot?.remove();
      this.#viewRoot = root;
      this.#shadow.replaceChildren(this.#status, root);
      const get = (key) => (ELEMENT_ATTRIBUTES.includes(key) ? null : this.getAttribute(SPELLINGS[key]) ?? this.getAttribute(key));
      const id = `${this.#uid}.${generation}`;
      this.#view = await mountView(root, {
        ap: rt.ap, ctx: rt.ctx, client, view, id, get,
        controls: { hide: listOf(this.getAttribute('hide')), lock: listOf(this.getAttribute('lock')) },
        emit: (type, detail) => this.#emit(type, detail),
        mayTrain: () => this.#mayTrain(),
      });
      if (generation !== this.#generation) return;
      this.#status.textContent = '';
      this.dataset.ready = 'true';
      this.#emit('ready', { view, build: this.build, thread: this.thread });
      if (this.#visible) this.#setVisible(true);
    } catch (e) {
      if (generation !== this.#generation) return;
      this.#status.textContent = `The activation playground could not start: ${e.message}`;
      this.#shadow.replaceChildren(this.#status, document.createElement('slot'));
      this.#emit('error', { message: e.message });
      console.error(e);
    }
  }

  #attributesChanged(names) {
    const now = this.#snapshotAttributes();
    const changed = [...new Set(names)].filter((n) => now.get(n) !== this.#attrs?.get(n));
    this.#attrs = now;
    if (!changed.length || changed.every((n) => IGNORED.has(n) || n.startsWith('data-') || n.startsWith('aria-'))) return;
    // A running network keeps its weights when only live keys change (lr, speed, show_test, discretize).
    const live = this.#view && changed.every((n) => now.has(n) && this.#view.setLive(n, now.get(n)));
    if (live) return;
    this.removeAttribute('data-ready');
    this.#mount();
  }
}

if (typeof customElements !== 'undefined' && !customElements.get(TAG)) customElements.define(TAG, ActivationPlayground);
