// Functions the scenarios evaluate in the page under test, in every engine. Each is self-contained:
// the drivers serialise it with toString, so it must not use anything from outside its own body.

/** The page's readiness and build (<html data-ready data-build>) and its address. */
export function pageState() {
  const h = document.documentElement;
  return { ready: h.dataset.ready ?? null, build: h.dataset.build ?? null, search: location.search, href: location.href };
}

/** Whether this engine validates a WebAssembly SIMD module (the same probe as wasm/js/load.mjs). */
export function engineHasSimd() {
  return WebAssembly.validate(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 8, 1, 6, 0, 65, 0, 253, 17, 11]));
}

/**
 * The biggest canvas inside a named region, or inside the element with id `{ id }` (open shadow roots
 * included): its size, how many pixels are coloured (saturated: the curves, not the grey grid, axes or
 * white background) and a hash of all pixels.
 */
export function canvasSignature(regionName, { id } = {}) {
  const norm = (s) => String(s ?? '').replace(/\s+/g, ' ').trim();
  const all = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      all.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document);
  const region = id ? document.getElementById(id) : all.find((el) => el.getAttribute('aria-label') && norm(el.getAttribute('aria-label')) === regionName
    || (el.getAttribute('aria-labelledby') && norm(el.getAttribute('aria-labelledby').split(/\s+/)
      .map((id) => (el.getRootNode().getElementById?.(id) ?? document.getElementById(id))?.textContent).join(' ')) === regionName));
  if (!region) return { error: id ? `no element #${id}` : `no region ${regionName}` };
  const inside = [];
  const walkIn = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.localName === 'canvas') inside.push(el);
      if (el.shadowRoot) walkIn(el.shadowRoot);
    }
  };
  walkIn(region);
  if (region.shadowRoot) walkIn(region.shadowRoot);
  const canvas = inside.filter((c) => c.width && c.height).sort((a, b) => b.width * b.height - a.width * a.height)[0];
  if (!canvas) return { error: `no canvas in ${regionName}` };
  // Read through a fresh copy: the page's own canvas gets no context from us and no repeated readbacks
  // (Chromium warns about those on the console), and a WebGL chart would be read the same way.
  const copy = document.createElement('canvas');
  copy.width = canvas.width;
  copy.height = canvas.height;
  const ctx = copy.getContext('2d', { willReadFrequently: true });
  ctx.drawImage(canvas, 0, 0);
  const d = ctx.getImageData(0, 0, copy.width, copy.height).data;
  let coloured = 0, hash = 2166136261;
  for (let i = 0; i < d.length; i += 4) {
    const r = d[i], g = d[i + 1], b = d[i + 2], a = d[i + 3];
    if (a > 128 && Math.max(r, g, b) - Math.min(r, g, b) > 60) coloured++;
    hash = Math.imul(hash ^ (r | (g << 8) | (b << 16) | (a << 24)), 16777619) >>> 0;
  }
  return { width: canvas.width, height: canvas.height, coloured, hash: hash.toString(16) };
}

/** Normalised text of a named region, with the values of the controls in it left out. */
export function regionText(regionName) {
  const norm = (s) => String(s ?? '').replace(/\s+/g, ' ').trim();
  const found = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (norm(el.getAttribute('aria-label')) === regionName) found.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document);
  if (found.length !== 1) return null;
  const text = (node) => [...node.childNodes].map((c) => (c.nodeType === 3 ? c.data
    : c.nodeType === 1 && !/^(select|option|script|style)$/.test(c.localName) ? ` ${text(c)} ${c.shadowRoot ? text(c.shadowRoot) : ''} ` : '')).join('');
  return norm(text(found[0]));
}

/** Where the embeds page stands: the iframe's messages and the element events. */
export function embedsState() {
  return {
    frame: window.frameEvents.map((e) => e.type),
    errors: window.events.filter((e) => e.type === 'error').map((e) => `${e.id}: ${e.message}`)
      .concat(window.frameEvents.filter((e) => e.type === 'error').map((e) => `iframe: ${e.detail && e.detail.message}`)),
    epochs: window.events.filter((e) => e.type === 'epoch' && e.id === 'tr').length,
  };
}

/**
 * The bars of a same-origin iframe's meters named "<prefix> N" (the softmax view draws its chart as
 * bars, not on a canvas): each meter's value, the share of its track its fill covers on screen, and
 * whether the fill has a colour.
 */
export function meterBars(frameId, prefix) {
  const doc = document.getElementById(frameId)?.contentDocument;
  if (!doc) return { error: `no same-origin iframe #${frameId}` };
  const meters = [...doc.querySelectorAll('[role="meter"]')].filter((m) => new RegExp(`^${prefix} \\d+$`).test(m.getAttribute('aria-label')));
  return {
    bars: meters.map((m) => {
      const fill = m.firstElementChild;
      const track = m.getBoundingClientRect().width;
      const colour = fill ? doc.defaultView.getComputedStyle(fill).backgroundColor : '';
      return {
        name: m.getAttribute('aria-label'),
        value: Number(m.getAttribute('aria-valuenow')),
        share: fill && track > 0 ? fill.getBoundingClientRect().width / track : NaN,
        inked: !!fill && fill.getBoundingClientRect().height > 0 && !/^(transparent|rgba\(.*,\s*0\))$/.test(colour),
      };
    }),
  };
}

/** Sends a command to the iframe as its parent, at the page's origin (the one ?origin= names). */
export function commandFrame(cmd) {
  document.getElementById('fr').contentWindow.postMessage(cmd, location.origin);
  return true;
}
