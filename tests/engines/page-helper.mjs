// Runs inside the page under test, in every engine. WebDriver clients have no getByRole, so the drivers
// find controls the way a user names them with this one self-contained function: drivers pass it to
// evaluate/execute as is (it is serialised with toString, so it must not use anything from outside).
//
//   pageHelper('find', name, { role, within, host, frame })  -> the element (drivers turn it into a handle)
//   pageHelper('text', name, { role, within, host, frame })  -> its text (readouts) or its value (form controls)
//   pageHelper('names', null, { within, host, frame })       -> ['role:name', …] of every named element (for error messages)
//   pageHelper('option', name, { option })      -> the value of the <select>'s option with that value or text
//   pageHelper('optionElement', name, { option }) -> that <option> element (WebDriver clicks it)
//
// Accessible names follow the parts of accname 1.2 that the page uses: aria-labelledby, aria-label,
// <label> (wrapping or for=), a button's text, alt/title; aria-hidden text is left out. Elements are
// searched in the document and in every open shadow root under it (the <activation-playground> embeds
// put their controls in one). `within` names a region (role region/form/group, e.g. a
// <section aria-label="Train a network">) to search inside; `host` is the id of an element (an embed,
// which has no name of its own) to search inside, its shadow root included; `frame` is the id of a
// same-origin <iframe> whose document is searched instead. Names match exactly after collapsing white
// space, so "Activation" is not "Activation for all layers".
export function pageHelper(op, wanted, opts) {
  const options = opts || {};
  const norm = (s) => String(s ?? '').replace(/\s+/g, ' ').trim();
  const doc = options.frame ? document.getElementById(options.frame)?.contentDocument : document;
  if (!doc) throw new Error(`no same-origin iframe #${options.frame}`);

  function* walk(root) {
    if (root.shadowRoot) yield* walk(root.shadowRoot);
    for (const el of root.querySelectorAll('*')) {
      yield el;
      if (el.shadowRoot) yield* walk(el.shadowRoot);
    }
  }

  function hidden(el) {
    for (let e = el; e; e = e.parentElement || (e.getRootNode() && e.getRootNode().host)) {
      if (e.hidden || e.getAttribute('aria-hidden') === 'true') return true;
      if (e.nodeType === 1 && e.ownerDocument.defaultView.getComputedStyle(e).display === 'none') return true;
    }
    return false;
  }

  function roleOf(el) {
    const explicit = el.getAttribute('role');
    if (explicit) return explicit.split(/\s+/)[0];
    const tag = el.localName;
    if (tag === 'button') return 'button';
    if (tag === 'a' && el.hasAttribute('href')) return 'link';
    if (tag === 'select') return el.multiple || el.size > 1 ? 'listbox' : 'combobox';
    if (tag === 'textarea') return 'textbox';
    if (tag === 'output') return 'status';
    if (tag === 'canvas' || tag === 'img') return 'img';
    if (tag === 'section' || tag === 'aside') return el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby') ? 'region' : null;
    if (tag === 'form') return 'form';
    if (tag === 'fieldset') return 'group';
    if (tag === 'input') {
      const type = (el.getAttribute('type') || 'text').toLowerCase();
      return { range: 'slider', number: 'spinbutton', checkbox: 'checkbox', radio: 'radio', button: 'button',
        submit: 'button', reset: 'button', search: 'searchbox', hidden: null }[type] ?? 'textbox';
    }
    return null;
  }

  // Text of a subtree as a name: skips aria-hidden parts and, inside a <label>, the labelled controls.
  function textOf(node, skipControls) {
    let out = '';
    for (const child of node.childNodes) {
      if (child.nodeType === 3) out += child.data;
      else if (child.nodeType === 1) {
        if (child.getAttribute('aria-hidden') === 'true' || child.hidden) continue;
        if (skipControls && /^(input|select|textarea|button|output|meter|progress)$/.test(child.localName)) continue;
        if (child.localName === 'img') out += child.getAttribute('alt') || '';
        else out += ' ' + textOf(child, skipControls) + ' ';
      }
    }
    return out;
  }

  function byId(el, id) {
    const root = el.getRootNode();
    return (root.getElementById ? root.getElementById(id) : null) || doc.getElementById(id);
  }

  function nameOf(el) {
    const labelledby = el.getAttribute('aria-labelledby');
    if (labelledby) {
      const parts = labelledby.split(/\s+/).map((id) => byId(el, id)).filter(Boolean);
      if (parts.length) return norm(parts.map((p) => p.getAttribute('aria-label') || textOf(p, false)).join(' '));
    }
    const label = el.getAttribute('aria-label');
    if (label && norm(label)) return norm(label);
    if (el.labels && el.labels.length) return norm([...el.labels].map((l) => textOf(l, true)).join(' '));
    if (el.localName === 'button' || ['button', 'link', 'tab', 'menuitem', 'option'].includes(el.getAttribute('role'))) {
      return norm(textOf(el, false));
    }
    if (el.localName === 'input' && ['button', 'submit', 'reset'].includes(el.type)) return norm(el.value);
    if (el.localName === 'img') return norm(el.getAttribute('alt'));
    return norm(el.getAttribute('title'));
  }

  function scope() {
    if (options.host) {
      const host = doc.getElementById(options.host);
      if (!host) throw new Error(`no element #${options.host}`);
      return host;
    }
    if (!options.within) return doc;
    const regions = [...walk(doc)].filter((el) => ['region', 'form', 'group', 'main', 'complementary'].includes(roleOf(el)) && nameOf(el) === norm(options.within));
    if (regions.length !== 1) throw new Error(`${regions.length} regions named ${JSON.stringify(options.within)}`);
    return regions[0];
  }

  function candidates(root) {
    const all = [];
    for (const el of walk(root)) {
      const role = roleOf(el);
      if (!role && !el.hasAttribute('aria-label') && !el.hasAttribute('aria-labelledby')) continue;
      if (options.role && role !== options.role) continue;
      if (hidden(el)) continue;
      const name = nameOf(el);
      if (name) all.push({ el, role, name });
    }
    return all;
  }

  const root = scope();
  if (op === 'names') return candidates(root).map(({ role, name }) => `${role ?? '-'}:${name}`);
  const matches = candidates(root).filter((c) => c.name === norm(wanted));
  if (matches.length !== 1) {
    const where = [options.within && ` in ${JSON.stringify(options.within)}`, options.host && ` in #${options.host}`,
      options.frame && ` in the iframe #${options.frame}`].filter(Boolean).join('');
    const known = candidates(root).map((c) => `${c.role ?? '-'}:"${c.name}"`).slice(0, 60).join(', ');
    throw new Error(`${matches.length} elements${options.role ? ` of role ${options.role}` : ''} named ${JSON.stringify(wanted)}${where} (named elements: ${known})`);
  }
  const el = matches[0].el;
  if (op === 'find') return el;
  if (op === 'text') {
    if (/^(input|select|textarea)$/.test(el.localName)) return el.value;
    return norm(el.textContent);
  }
  if (op === 'option' || op === 'optionElement') {
    // The value of the <select>'s option whose value or visible text is options.option.
    if (el.localName !== 'select') throw new Error(`${JSON.stringify(wanted)} is a <${el.localName}>, not a <select>`);
    const hit = [...el.options].find((o) => o.value === options.option) || [...el.options].find((o) => norm(o.text) === norm(options.option));
    if (!hit) throw new Error(`${JSON.stringify(wanted)} has no option ${JSON.stringify(options.option)} (options: ${[...el.options].map((o) => o.value).join(', ')})`);
    if (hit.disabled || el.disabled) throw new Error(`${JSON.stringify(wanted)}: option ${JSON.stringify(options.option)} is disabled`);
    return op === 'option' ? hit.value : hit;
  }
  throw new Error(`pageHelper: unknown op ${op}`);
}

/**
 * Records uncaught errors, unhandled rejections and console errors and warnings in window.__engineErrors.
 * The test server runs it as the first script of every HTML page it serves (server.mjs's head script),
 * so it hears what happens while the page loads, in every engine; the WebKit driver reads it, since
 * classic WebDriver reports no console or error events. Workers are not covered.
 */
export function installErrorCollector() {
  if (window.__engineErrors) return;
  const errors = (window.__engineErrors = []);
  const text = (v) => (v && v.stack) || (v && v.message) || String(v);
  window.addEventListener('error', (e) => errors.push(`page error: ${e.message || text(e.error)}`));
  window.addEventListener('unhandledrejection', (e) => errors.push(`unhandled rejection: ${text(e.reason)}`));
  for (const level of ['error', 'warn']) {
    const original = console[level];
    console[level] = function (...args) {
      errors.push(`console ${level}: ${args.map(text).join(' ')}`);
      return original.apply(this, args);
    };
  }
}

/** What the collectors of this window and its same-origin frames hold (emptied unless `keep`). */
export function drainErrorCollector(keep) {
  const out = [];
  const visit = (w, where) => {
    let list;
    try {
      list = w.__engineErrors;
    } catch {
      return;  // a cross-origin frame
    }
    if (list) out.push(...(keep ? list.slice() : list.splice(0)).map((e) => where + e));
    for (let i = 0; i < w.frames.length; i++) visit(w.frames[i], `${where}frame ${i}: `);
  };
  visit(window, '');
  return out;
}

/** Visible, non-empty alerts (role=alert or aria-live=assertive), in the document and open shadow roots. */
export function visibleAlerts() {
  const out = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if ((el.getAttribute('role') === 'alert' || el.getAttribute('aria-live') === 'assertive') && !el.hidden
          && el.getClientRects().length && el.textContent.trim()) out.push(el.textContent.trim().slice(0, 300));
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document);
  return out;
}
