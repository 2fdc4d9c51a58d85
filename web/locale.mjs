// uPlot formats numbers with `new Intl.NumberFormat(navigator.language)` when its module loads. Where the
// engine reports a language that is not a BCP 47 tag (WebKitGTK under LANG=C gives "C"), that throws a
// RangeError and no module importing uPlot loads: no chart, no page. Imported before uPlot, this checks
// the engine's own language with Intl and, only if Intl rejects it, shadows navigator.language with the
// first valid tag of navigator.languages or else the locale Intl itself uses.
function valid(tag) {
  try {
    return typeof tag === 'string' && Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

if (typeof navigator === 'object' && typeof Intl === 'object' && !valid(navigator.language)) {
  const fallback = [...(navigator.languages ?? [])].find(valid) ?? new Intl.NumberFormat().resolvedOptions().locale;
  try {
    Object.defineProperty(navigator, 'language', { value: fallback, configurable: true });
  } catch {
    // A navigator that cannot take the property: uPlot then fails as it would have without this module.
  }
}
