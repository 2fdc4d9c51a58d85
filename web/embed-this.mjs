// "Embed this": for a view of the page in its current state, the snippets a tutorial author pastes —
// the <activation-playground> element and the iframe — with the controls to hide or lock for the
// tutorial's narrower purpose. Also how an embed applies `hide` and `lock` to its view's controls.
import { el } from './dom.mjs';
import { copyText } from './files.mjs';
import { ATTRIBUTE_SPELLINGS, parseValue } from './state.mjs';
import { STRINGS, fmt } from './strings.mjs';

/** The package version the snippets load from the npm CDN (tests/node/embed-this.test.mjs checks it against package.json). */
export const PACKAGE_VERSION = '0.2.0';
export const CDN_SCRIPT = `https://cdn.jsdelivr.net/npm/activation-playground@${PACKAGE_VERSION}/dist/web/embed.mjs`;
/** The iframe's height per view (px): what the view needs at a tutorial's column width. */
const FRAME_HEIGHTS = { explorer: 720, softmax: 640, trainer: 1100, race: 1100, lesson: 1100, fit1d: 900, space: 900 };

const S = STRINGS.embedThis;

/** The controls of a mounted view that `hide` and `lock` can name: [key, label] pairs, in page order. */
export function controlKeys(root, stateKeys) {
  const known = new Set(stateKeys);
  const seen = new Map();
  for (const el of root.querySelectorAll('[data-key], [data-id]')) {
    const key = el.dataset.key ?? el.dataset.id;
    if (!known.has(key) || seen.has(key)) continue;
    const label = el.getAttribute('aria-label') ?? el.closest('label')?.textContent?.trim() ?? key;
    seen.set(key, label.replace(/\s+/g, ' ').slice(0, 60));
  }
  return [...seen];
}

/**
 * Hides and disables a view's controls by state key (`hide="optimizer,seed"`, `lock="dataset"`).
 * A control is the element whose data-key (else data-id) is the key; hiding takes its label with it;
 * locking disables it and every control inside it. Returns the keys that matched no control.
 */
export function applyControlOptions(root, { hide = [], lock = [] } = {}) {
  const unknown = [];
  const find = (key) => [...root.querySelectorAll(`[data-key="${CSS.escape(key)}"], [data-id="${CSS.escape(key)}"]`)];
  for (const key of hide) {
    const found = find(key);
    if (!found.length) unknown.push(key);
    for (const el of found) {
      const target = el.closest('label') ?? el;
      target.hidden = true;
      target.style.display = 'none';  // the views' CSS gives labels a display that would override [hidden]
    }
  }
  for (const key of lock) {
    const found = find(key);
    if (!found.length) unknown.push(key);
    for (const el of found) {
      for (const c of [el, ...el.querySelectorAll('input, select, button, textarea')]) {
        if ('disabled' in c) c.disabled = true;
      }
      el.dataset.locked = 'true';
    }
  }
  return [...new Set(unknown)];
}

/** A comma list attribute (`hide`, `lock`) as trimmed names; empty for null. */
export function listOf(value) {
  return String(value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

/**
 * A view's state in a page's query string, unprefixed and as the state table parses it: [[key, value]]
 * in URL order; values the table rejects (the page showed a notice for them) are left out.
 * @param {string} search location.search
 * @param {{ prefix?: string, keys: object[], ctx: object }} o keys: the view's state-table entries
 */
export function viewEntries(search, { prefix = '', keys, ctx }) {
  const byKey = new Map(keys.map((e) => [e.key, e]));
  const out = [];
  for (const [name, raw] of new URLSearchParams(search)) {
    const entry = name.startsWith(prefix) ? byKey.get(name.slice(prefix.length)) : undefined;
    if (!entry || out.some(([k]) => k === entry.key)) continue;
    const r = parseValue(entry, raw, ctx);
    if ('value' in r) out.push([entry.key, entry.type === 'bool' ? (r.value ? '1' : '0') : String(r.value)]);
  }
  return out;
}

const escapeAttr = (s) => String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The element and iframe snippets for a view in a state.
 * @param {{ view: string, entries: [string, string][], hide?: string[], lock?: string[], pageUrl: string, scriptUrl?: string }} o
 *   pageUrl: where the page is hosted (the iframe's src); scriptUrl: the element's module (the npm CDN by default)
 * @returns {{ element: string, iframe: string }}
 */
export function snippets({ view, entries, hide = [], lock = [], pageUrl, scriptUrl = CDN_SCRIPT }) {
  const options = [...(hide.length ? [['hide', hide.join(',')]] : []), ...(lock.length ? [['lock', lock.join(',')]] : [])];
  const attrs = [['view', view], ...entries.map(([k, v]) => [ATTRIBUTE_SPELLINGS[k] ?? k, v]), ...options];
  const element = `<script type="module" src="${escapeAttr(scriptUrl)}"></script>\n`
    + `<activation-playground ${attrs.map(([k, v]) => `${k}="${escapeAttr(v)}"`).join(' ')}></activation-playground>`;
  const url = new URL(pageUrl);
  url.search = new URLSearchParams([['embed', '1'], ['view', view], ...entries, ...options]).toString();
  url.hash = '';
  const iframe = `<iframe src="${escapeAttr(url.href)}" title="${escapeAttr(fmt(S.frameTitle, { view }))}" width="100%" `
    + `height="${FRAME_HEIGHTS[view] ?? 800}" style="border: 0" loading="lazy"></iframe>`;
  return { element, iframe };
}

/**
 * An "Embed this" button after `heading`, opening a dialog with the snippets for the view's state now.
 * @param {HTMLElement} heading the view's heading on the page
 * @param {{ view: string, root: HTMLElement, keys: object[], ctx: object, prefix: string }} o root: the
 *   mounted view (its controls); keys: its state-table entries; prefix: its keys' prefix in the page URL
 */
export function mountEmbedThis(heading, { view, root, keys, ctx, prefix }) {
  const button = el('button', { type: 'button', className: 'embed-this', 'aria-haspopup': 'dialog' }, S.button);
  const dialog = el('dialog', { className: 'embed-dialog', 'aria-labelledby': `${view}-embed-title` });
  heading.after(button);
  button.addEventListener('click', () => {
    build();
    dialog.showModal();
  });

  function build() {
    const hide = new Set(), lock = new Set();
    const codes = {};
    const update = () => {
      const entries = viewEntries(location.search, { prefix, keys, ctx });
      const s = snippets({ view, entries, hide: [...hide], lock: [...lock], pageUrl: location.href });
      codes.element.textContent = s.element;
      codes.iframe.textContent = s.iframe;
    };
    const table = el('table', { className: 'embed-controls' });
    table.append(el('caption', {}, S.controlsCaption), el('tr', {}, el('th', { scope: 'col' }, S.control), el('th', { scope: 'col' }, S.hide), el('th', { scope: 'col' }, S.lock)));
    for (const [key, label] of controlKeys(root, keys.map((e) => e.key))) {
      const box = (set, what) => {
        const input = el('input', { type: 'checkbox', 'aria-label': fmt(what, { control: label }) });
        input.addEventListener('change', () => {
          if (input.checked) set.add(key);
          else set.delete(key);
          update();
        });
        return el('td', {}, input);
      };
      table.append(el('tr', {}, el('th', { scope: 'row' }, label), box(hide, S.hideControl), box(lock, S.lockControl)));
    }
    const block = (kind, title) => {
      const pre = el('pre', { tabIndex: 0, 'aria-label': title });
      codes[kind] = pre;
      const copy = el('button', { type: 'button' }, fmt(S.copy, { what: title }));
      const status = el('span', { role: 'status', className: 'embed-copied' });
      copy.addEventListener('click', async () => {
        status.textContent = (await copyText(pre.textContent)) ? S.copied : S.copyFailed;
      });
      return el('figure', {}, el('figcaption', {}, el('span', {}, title), copy, status), pre);
    };
    const close = el('button', { type: 'button' }, S.close);
    close.addEventListener('click', () => dialog.close());
    dialog.replaceChildren(
      el('h2', { id: `${view}-embed-title` }, fmt(S.title, { view })),
      el('p', {}, S.intro),
      block('element', S.element), block('iframe', S.iframe),
      table, el('p', { className: 'embed-note' }, S.note), close);
    update();
  }
  document.body.append(dialog);
  return { button, dialog };
}
