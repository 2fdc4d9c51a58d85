// The page's theme: the reader's prefers-color-scheme ('auto'), or light or dark chosen with the
// header's menu and remembered. Every style of the page and its views writes its dark colours in
// `@media (prefers-color-scheme: dark)` blocks; a chosen theme turns those blocks on ('all') or off
// ('not all') in every sheet — the document's and the constructed ones css.mjs adopts into shadow roots.
const DARK_QUERY = '(prefers-color-scheme: dark)';
const STORAGE_KEY = 'activation-playground.theme';
export const THEME_CHOICES = ['auto', 'light', 'dark'];

const sheets = new Set();
const darkRules = new WeakSet();
let mode = 'auto';

/** The chosen theme: 'auto', 'light' or 'dark'. */
export const themeMode = () => mode;

/** Whether dark colours are in force now (chosen, or 'auto' and the reader prefers dark). */
export function isDark() {
  return mode === 'dark' || (mode === 'auto' && Boolean(globalThis.matchMedia?.(DARK_QUERY).matches));
}

function applyTo(sheet) {
  let rules;
  try {
    rules = sheet.cssRules;
  } catch {
    return;  // a sheet of another origin: not ours
  }
  for (const rule of rules) {
    if (!(rule instanceof CSSMediaRule)) continue;
    if (!darkRules.has(rule) && /prefers-color-scheme:\s*dark/.test(rule.media.mediaText)) darkRules.add(rule);
    if (darkRules.has(rule)) rule.media.mediaText = mode === 'dark' ? 'all' : mode === 'light' ? 'not all' : DARK_QUERY;
  }
}

/** Puts a constructed sheet under the theme (css.mjs calls this for every sheet it adopts). */
export function registerSheet(sheet) {
  sheets.add(sheet);
  if (mode !== 'auto') applyTo(sheet);
}

/**
 * Sets the theme everywhere on the page and remembers it; charts redraw on the `ap-theme` event.
 * @param {'auto'|'light'|'dark'} next
 */
export function setTheme(next) {
  if (!THEME_CHOICES.includes(next)) throw new Error(`theme must be one of ${THEME_CHOICES.join(', ')}, not ${JSON.stringify(String(next).slice(0, 20))}`);
  mode = next;
  for (const sheet of [...document.styleSheets, ...sheets]) applyTo(sheet);
  document.documentElement.style.colorScheme = mode === 'auto' ? '' : mode;
  document.documentElement.dataset.theme = mode;
  try {
    if (mode === 'auto') localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, mode);
  } catch { /* storage may be off (private windows, sandboxed frames) */ }
  document.dispatchEvent(new CustomEvent('ap-theme', { detail: { mode, dark: isDark() } }));
}

/** The remembered theme ('auto' when none or storage is off). */
export function rememberedTheme() {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return THEME_CHOICES.includes(v) ? v : 'auto';
  } catch {
    return 'auto';
  }
}
