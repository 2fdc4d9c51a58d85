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
    // shared by every chart
    showTable: 'Show as table',
    hideTable: 'Hide table',
    tableSampled: 'Every point would make {total} rows; {shown} evenly spaced ones are shown.',
    logScale: 'Log scale',
    // lossChart
    lossTitle: 'Loss',
    epoch: 'epoch',
    loss: 'loss',
    train: 'training',
    test: 'test',
    lossAlt: 'Loss: training {train}, test {test} at epoch {epoch}',
    lossEmpty: 'Loss: no data yet',
    // seriesChart
    seriesAlt: '{title}: {values} at {x} {at}',
    seriesEmpty: '{title}: no data yet',
    leader: 'leads',
    leaderAlt: '{label} leads.',
    // histogram
    preActivation: 'pre-activation',
    count: 'count',
    from: 'from',
    to: 'to',
    region: 'region',
    saturated: 'saturated',
    dead: 'dead',
    theActivation: 'the activation',
    saturatedShare: '{share} % of inputs land where {fn} saturates (|f′| < 0.01)',
    deadShare: '{share} % land where it passes no gradient (f′ = 0)',
    histAlt: '{title}: {n} inputs in {k} bins from {lo} to {hi}; {saturated} % where {fn} saturates, {dead} % where it is dead',
    histEmpty: 'Histogram of pre-activations: no data yet',
    // functionChart
    x: 'x',
    functionTitle: 'Activation functions',
    functionAlt: '{names} over x from {x0} to {x1}',
    functionEmpty: 'Activation functions: no data yet',
    cursor: 'Readout cursor: arrow keys move it, + and − zoom',
    readout: 'x = {x}: {values}',
    readoutHint: 'Point at the chart, or focus it and use the arrow keys, to read values.',
    reset: 'Reset view',
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
