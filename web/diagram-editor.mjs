// The network diagram's two floating pieces: the tooltip that shows a link's weight or a neuron's
// bias, and the small form that edits one (Enter applies, Escape cancels, bad input never leaves).

import { showNumber } from './diagram-paint.mjs';

/** A tooltip inside `stage`: show(text, x, y) in stage coordinates, hide(). aria-hidden: the element it
 *  describes carries the same text as its accessible name. */
export function createTip(stage) {
  const tip = document.createElement('div');
  tip.className = 'apd-tip';
  tip.hidden = true;
  tip.setAttribute('aria-hidden', 'true');
  stage.append(tip);
  return {
    show(text, x, y) {
      if (tip.textContent !== text) tip.textContent = text;
      tip.hidden = false;
      const w = tip.offsetWidth, max = stage.offsetWidth - w - 2;
      tip.style.left = `${Math.max(2, Math.min(x - w / 2, max))}px`;
      tip.style.top = `${Math.max(2, y - 30)}px`;
    },
    hide() { tip.hidden = true; },
    get element() { return tip; },
  };
}

/**
 * The weight/bias editor inside `stage`. open({ label, value, x, y, back, apply }) shows a number input
 * labelled `label` near (x, y); a valid finite number calls apply(value) and closes; Escape, Cancel or
 * leaving the form closes without calling. Focus returns to `back` (the link or neuron) unless the
 * user moved it elsewhere.
 */
export function createEditor(stage, strings) {
  const form = document.createElement('form');
  form.className = 'apd-editor';
  form.hidden = true;
  form.noValidate = true;
  const label = document.createElement('label');
  const input = document.createElement('input');
  Object.assign(input, { type: 'number', step: 'any', id: `apd-edit-${Math.random().toString(36).slice(2, 9)}` });
  const title = document.createElement('span');
  label.append(title, ' ', input);
  label.style.display = 'contents';
  const ok = document.createElement('button');
  ok.type = 'submit';
  ok.textContent = strings.apply;
  const cancel = document.createElement('button');
  cancel.type = 'button';
  cancel.textContent = strings.cancel;
  const message = document.createElement('p');
  message.id = `${input.id}-msg`;
  message.setAttribute('role', 'alert');
  input.setAttribute('aria-describedby', message.id);
  form.append(label, ok, cancel, message);
  stage.append(form);

  let current = null;
  const close = (refocus) => {
    if (!current) return;
    const { back } = current;
    current = null;
    form.hidden = true;
    if (refocus && back?.isConnected) back.focus();
  };
  const invalid = (text) => {
    message.textContent = text;
    input.setAttribute('aria-invalid', 'true');
    input.focus();
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!current) return;
    const raw = input.value.trim();
    const value = Number(raw);
    if (input.validity.badInput || raw === '' || !Number.isFinite(value)) return invalid(strings.invalidNumber);
    const { apply } = current;
    close(true);
    apply(value);
  });
  cancel.addEventListener('click', () => close(true));
  form.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); close(true); }
  });
  form.addEventListener('focusout', (e) => {
    if (current && !form.contains(e.relatedTarget)) close(false);
  });
  input.addEventListener('input', () => { message.textContent = ''; input.removeAttribute('aria-invalid'); });

  return {
    open({ label: text, value, x, y, back, apply }) {
      current = { back, apply };
      title.textContent = text;
      input.value = Number.isFinite(value) ? String(Math.round(value * 1e4) / 1e4) : '';
      input.removeAttribute('aria-invalid');
      message.textContent = '';
      form.hidden = false;
      const max = stage.offsetWidth - form.offsetWidth - 4;
      form.style.left = `${Math.max(4, Math.min(x - form.offsetWidth / 2, max))}px`;
      form.style.top = `${Math.max(4, y + 12)}px`;
      input.focus();
      input.select();
      form.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
    },
    close: () => close(false),
    get isOpen() { return current !== null; },
  };
}

/**
 * The accessible names ("Weight from x1 to neuron 2 of layer 1: −0.41", "Neuron 3 of layer 1, bias 0.12"),
 * each made once per shape as the text [before, after] its number, so a new value costs one concatenation.
 */
export function describe(strings, fmt) {
  const parts = (text, values, key) => fmt(text, { ...values, [key]: '\u0001' }).split('\u0001');
  return {
    source: (gap, i, features) => (gap === 0 ? features[i].label : fmt(strings.neuronRef, { j: i + 1, n: gap })),
    target: (gap, j, layers, outWidth) => (gap < layers ? fmt(strings.neuronRef, { j: j + 1, n: gap + 1 })
      : outWidth === 1 ? strings.outputRef : fmt(strings.outputNeuronRef, { j: j + 1 })),
    weight: (from, to) => parts(strings.weightName, { from, to }, 'value'),
    neuron: (n, j) => parts(strings.neuronName, { j: j + 1, n }, 'bias'),
    output: (j, width) => (width === 1 ? parts(strings.outputName, {}, 'bias') : parts(strings.outputNeuronName, { j: j + 1 }, 'bias')),
  };
}

/** Text with a number in it: parts from describe() around showNumber(v). */
export const named = ([before, after = ''], v) => before + showNumber(v) + after;
