// Every piece of interface text of the page and the embeds, in one table: a translation is this
// one file. Sections belong to the views and components that read them; `{name}` marks a value.

export const STRINGS = {
  page: {
    title: 'Activation Playground',
  },
  trainer: {
    region: 'Train a network',
  },
  diagram: {
  },
  plots: {
  },
  data: {
  },
  lessons: {
  },
};

/** Fills `{name}` placeholders: fmt('layer {n}', { n: 2 }) → 'layer 2'. */
export function fmt(text, values = {}) {
  return text.replace(/\{(\w+)\}/g, (m, k) => (k in values ? String(values[k]) : m));
}
