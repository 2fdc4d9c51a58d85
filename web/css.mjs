// Component styles go into a document or shadow root as constructable style sheets (a page CSP
// without 'unsafe-inline' styles still allows them), with a <style> element where those are missing.
import { registerSheet } from './theme.mjs';

const adopted = new WeakMap();  // root → Set of css texts already added

/** Adds a constant CSS text to `root` (document or ShadowRoot) once. */
export function adoptCss(root, cssText) {
  const done = adopted.get(root) ?? new Set();
  adopted.set(root, done);
  if (done.has(cssText)) return;
  done.add(cssText);
  if (typeof CSSStyleSheet === 'function' && 'adoptedStyleSheets' in root) {
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(cssText);
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
      registerSheet(sheet);
      return;
    } catch { /* older engines: fall through */ }
  }
  const style = document.createElement('style');
  style.textContent = cssText;
  (root.head ?? root).append(style);
  if (style.sheet) registerSheet(style.sheet);
}
