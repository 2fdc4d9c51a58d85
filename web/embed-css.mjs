// The page's style sheet (web/style.css, fetched once per page) rewritten for a shadow root: `:root`
// becomes `:host`, the page's body rules are dropped, and its width media queries become rules on
// the host's own width (an embed in a 600 px column is narrow on a wide screen: the element sets
// `data-narrow="960 620"` from a ResizeObserver). `theme="light|dark"` overrides prefers-color-scheme.

let sheetText = null;

/** The element's own rules: block layout, the status line, the fallback slot. */
const HOST_CSS = `
:host { display: block; position: relative; min-width: 0; max-width: 100%; box-sizing: border-box;
  color: var(--ap-fg); background: var(--ap-bg); padding: 8px; border-radius: 8px; contain: layout; }
/* hidden="4,2" is the trainer's layer widths here, not HTML's hidden: the host stays shown (an author
   rule beats the UA's [hidden] rule; hidden_layers is the spelling for pages that hide [hidden] with !important). */
:host([hidden]) { display: block; }
.ap-status { margin: 0; padding: 8px 0; color: var(--ap-muted); font-size: .9rem; }
.ap-status:empty { display: none; }
.ap-view > section, .ap-view .trainer-view { margin: 0; }
.trainer { margin: 0; border: 0; padding: 0; }
`;

/** Pulls the custom properties out of the first `{…}` after `at` in `css`. */
function propertiesAfter(css, at) {
  const i = css.indexOf(at);
  if (i < 0) return '';
  const open = css.indexOf('{', css.indexOf(':root', i));
  return css.slice(open + 1, css.indexOf('}', open)).match(/--ap-[\w-]+:\s*[^;]+;/g)?.join(' ') ?? '';
}

/** Rewrites `@media (max-width: Npx) { rules }` blocks as `:host([data-narrow~="N"]) rules`. */
function widthQueriesToHost(css) {
  return css.replace(/@media\s*\(max-width:\s*(\d+)px\)\s*\{((?:[^{}]*\{[^{}]*\})*)\s*\}/g, (m, px, body) => body.replace(/([^{}]+)\{([^{}]*)\}/g, (r, selectors, decls) => {
    const scoped = selectors.split(',').map((s) => s.trim()).filter((s) => s && !/^body\b/.test(s)).map((s) => `:host([data-narrow~="${px}"]) ${s}`);
    return scoped.length ? `\n${scoped.join(', ')} {${decls}}` : '';
  }));
}

/** The shadow root's sheet for a style.css text. Exported for tests. */
export function shadowCss(css) {
  const light = propertiesAfter(css, ':root');
  const dark = propertiesAfter(css, 'prefers-color-scheme: dark');
  const text = widthQueriesToHost(css)
    .replace(/(^|\n)\s*(\.embed )?body\s*\{[^}]*\}/g, '$1')
    .replace(/:root/g, ':host')
    .replace(/(^|\n)\.embed [^{]*\{[^}]*\}/g, '$1');
  return `${text}\n${HOST_CSS}\n:host([theme=light]) { color-scheme: light; ${light} }\n:host([theme=dark]) { color-scheme: dark; ${light} ${dark} }\n`;
}

/** The widths at which style.css changes layout, narrowest last: the host's `data-narrow` tokens. */
export function breakpoints(css) {
  return [...css.matchAll(/@media\s*\(max-width:\s*(\d+)px\)/g)].map((m) => Number(m[1])).sort((a, b) => b - a);
}

/** Fetches web/style.css once per page; resolves to { css, widths }. */
export function embedCss() {
  sheetText ??= fetch(new URL('./style.css', import.meta.url)).then((r) => {
    if (!r.ok) throw new Error(`could not fetch style.css (HTTP ${r.status})`);
    return r.text();
  }).then((css) => ({ css: shadowCss(css), widths: breakpoints(css) }));
  return sheetText;
}
