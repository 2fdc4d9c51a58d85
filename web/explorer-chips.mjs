// The explorer's list of overlaid activations: one chip per activation with its colour, its
// parameters (a slider and a number box each, named as in PyTorch), "Select" and "Remove"; the
// first chip is the selected activation and carries the "Activation" menu; "Add activation" below.
import { fmt } from './strings.mjs';

// Slider ends per PyTorch parameter: what is worth sweeping by hand. The number box beside each
// slider takes any value, and the core decides whether it is valid (alpha = 0 for celu is not).
const SLIDERS = {
  negative_slope: [0, 1, 0.01], weight: [0, 1, 0.01], alpha: [0.1, 3, 0.05], beta: [0.1, 5, 0.05],
  lambd: [0, 3, 0.05], min_val: [-3, 0, 0.05], max_val: [0, 3, 0.05], value: [-3, 3, 0.05],
  threshold: [-3, 3, 0.05], 'softplus.threshold': [1, 30, 0.5],
};

/** Slider [min, max, step] for a parameter; widened to include `value`. */
function sliderRange(fn, p, value) {
  const [min, max, step] = SLIDERS[`${fn}.${p.name}`] ?? SLIDERS[p.name] ?? [p.default - 5, p.default + 5, 0.05];
  return [Math.min(min, value), Math.max(max, value), step];
}

/**
 * Renders `chips` ({a, values}[]; the first is selected) into `box`.
 * @param {Element} box
 * @param {{chips: {a: object, values: object}[], all: object[], strings: object,
 *   onParam(chip: object, name: string, value: number|string|null): void,
 *   onSwap(a: object): void, onRemove(index: number): void, onSelect(index: number): void,
 *   onAdd(a: object): void}} options onParam gets null for a number box that holds no finite number
 * @returns {void}
 */
export function renderChips(box, { chips, all, strings: S, onParam, onSwap, onRemove, onSelect, onAdd }) {
  const doc = box.ownerDocument;
  const el = (tag, className, text) => Object.assign(doc.createElement(tag), className ? { className } : {}, text != null ? { textContent: text } : {});
  const button = (text, label, onClick) => {
    const b = el('button', 'ex-chip-button', text);
    b.type = 'button';
    b.setAttribute('aria-label', label);
    b.addEventListener('click', onClick);
    return b;
  };
  const list = el('ul', 'ex-chips');
  chips.forEach((chip, index) => {
    const { a } = chip;
    const li = el('li', `ex-chip${index === 0 ? ' ex-chip-selected' : ''}`);
    li.dataset.activation = a.name;
    const head = el('div', 'ex-chip-head');
    head.append(el('span', 'ex-swatch'));
    if (index === 0) {
      const label = el('label', 'ex-activation');
      const select = el('select');
      select.setAttribute('aria-label', S.activation);
      for (const x of all) select.add(new Option(`${x.module} — ${x.name}`, x.name));
      select.value = a.name;
      select.addEventListener('change', () => onSwap(all.find((x) => x.name === select.value)));
      label.append(el('span', 'ex-visually-hidden', S.activation), select);
      head.append(label);
    } else {
      head.append(el('span', 'ex-chip-name', a.name));
      head.append(button('↑', fmt(S.select, { name: a.name }), () => onSelect(index)));
    }
    if (chips.length > 1) head.append(button('×', fmt(S.remove, { name: a.name }), () => onRemove(index)));
    li.append(head);
    if (a.params.length) li.append(paramInputs(doc, el, chip, S, onParam));
    list.append(li);
  });
  const add = el('select', 'ex-add');
  add.setAttribute('aria-label', S.addActivation);
  add.add(new Option(S.addChoose, ''));
  const shown = new Set(chips.map((c) => c.a.name));
  for (const x of all) if (!shown.has(x.name)) add.add(new Option(`${x.module} — ${x.name}`, x.name));
  add.addEventListener('change', () => add.value && onAdd(all.find((x) => x.name === add.value)));
  const addItem = el('li', 'ex-chip-add');
  addItem.append(add);
  list.append(addItem);
  box.replaceChildren(list);
}

/** A slider and a number box per numeric parameter, a menu per choice parameter. */
function paramInputs(doc, el, chip, S, onParam) {
  const { a, values } = chip;
  const box = el('div', 'ex-params');
  for (const p of a.params) {
    const name = fmt(S.param, { param: p.name, fn: a.name });
    const row = el('div', 'ex-param');
    row.title = p.doc;
    row.append(el('span', 'ex-param-name', p.name));
    if (p.choices) {
      const select = el('select');
      select.setAttribute('aria-label', name);
      select.dataset.param = p.name;
      for (const c of p.choices) select.add(new Option(c, c));
      select.value = values[p.name];
      select.addEventListener('change', () => onParam(chip, p.name, select.value));
      row.append(select);
    } else {
      const v = values[p.name];
      const [min, max, step] = sliderRange(a.name, p, v);
      const slider = Object.assign(el('input'), { type: 'range', min, max, step, value: v });
      slider.setAttribute('aria-label', name);
      slider.dataset.param = p.name;
      const number = Object.assign(el('input'), { type: 'number', step: 'any', value: String(v) });
      number.setAttribute('aria-label', fmt(S.paramNumber, { param: p.name, fn: a.name }));
      number.dataset.param = p.name;
      slider.addEventListener('input', () => {
        number.value = slider.value;
        number.setAttribute('aria-invalid', 'false');
        onParam(chip, p.name, Number(slider.value));
      });
      number.addEventListener('input', () => {
        const x = Number(number.value);
        const ok = number.value.trim() !== '' && Number.isFinite(x);
        number.setAttribute('aria-invalid', String(!ok));
        if (ok) {
          if (x < Number(slider.min)) slider.min = String(x);
          if (x > Number(slider.max)) slider.max = String(x);
          slider.value = String(x);
        }
        onParam(chip, p.name, ok ? x : null);
      });
      row.append(slider, number);
    }
    box.append(row);
  }
  return box;
}
