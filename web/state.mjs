// Page state in the URL, driven by one declarative table per view: each entry names a URL key,
// the form control it mirrors, and how to parse it. Bad values in a URL are reported, never used.

/**
 * Applies URL values to the controls. Returns messages about values that were ignored.
 * @param {{key: string, id: string, kind: 'number'|'text'|'select'|'checkboxes'}[]} table
 */
export function readState(table, $) {
  const q = new URLSearchParams(location.search);
  const problems = [];
  for (const { key, id, kind } of table) {
    if (!q.has(key)) continue;
    const raw = q.get(key);
    const el = $(id);
    if (kind === 'number') {
      const v = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(v)) problems.push(`ignored ${key}=${JSON.stringify(raw)}: not a number`);
      else el.value = String(v);
    } else if (kind === 'select') {
      if ([...el.options].some((o) => o.value === raw)) el.value = raw;
      else problems.push(`ignored ${key}=${JSON.stringify(raw)}: not one of ${[...el.options].map((o) => o.value).join(', ')}`);
    } else if (kind === 'checkboxes') {
      const wanted = raw.split(',').filter(Boolean);
      const boxes = [...el.querySelectorAll('input[type=checkbox]')];
      const unknown = wanted.filter((w) => !boxes.some((b) => b.value === w));
      if (unknown.length || !wanted.length) problems.push(`ignored ${key}=${JSON.stringify(raw)}: unknown or empty`);
      else boxes.forEach((b) => { b.checked = wanted.includes(b.value); });
    } else {
      el.value = raw.slice(0, 200);
    }
  }
  return problems;
}

/** Writes the controls' values into the URL (merged with the other views' keys). */
export function writeState(table, $) {
  const q = new URLSearchParams(location.search);
  for (const { key, id, kind } of table) {
    const el = $(id);
    q.set(key, kind === 'checkboxes' ? [...el.querySelectorAll('input:checked')].map((b) => b.value).join(',') : el.value);
  }
  history.replaceState(null, '', `?${q}`);
}
