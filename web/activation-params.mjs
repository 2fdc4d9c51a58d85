// The inputs for the parameters of the activations a network uses (negative_slope, alpha, …, named
// as in PyTorch): a number field each, or a menu for a choice parameter. Shared by the trainer and
// the 1-D fitting view; the values live in the view's state under the parameters' names.

/**
 * Shows one input per parameter of `used` in `box`, rebuilt only when the set of parameters changes.
 * @param {HTMLElement} box
 * @param {object[]} used registry entries of the activations in use (ctx.activations)
 * @param {{ values: object, onChange: (patch: object) => void, onError: (message: string) => void }} options
 *   the callbacks of the first call with this set of parameters are kept
 */
export function showActivationParams(box, used, { values, onChange, onError }) {
  const params = used.flatMap((a) => a.params.map((p) => ({ ...p, fn: a.name })));
  const want = params.map((p) => p.name).join(',');
  if (box.dataset.shape !== want) {
    box.replaceChildren();
    for (const p of params) {
      const label = document.createElement('label');
      label.textContent = `${p.name} `;
      label.title = `${p.fn}: ${p.doc ?? ''}`;
      let input;
      if (p.choices) {
        input = document.createElement('select');
        for (const c of p.choices) input.add(new Option(c, c));
      } else {
        input = document.createElement('input');
        input.type = 'number';
        input.step = 'any';
      }
      input.setAttribute('aria-label', p.name);
      input.dataset.param = p.name;
      input.addEventListener('change', () => {
        const v = p.choices ? input.value : Number(input.value);
        if (!p.choices && (input.value.trim() === '' || !Number.isFinite(v))) {
          input.setAttribute('aria-invalid', 'true');
          return onError(`${p.name} must be a finite number`);
        }
        input.removeAttribute('aria-invalid');
        return onChange({ [p.name]: v });
      });
      label.append(input);
      box.append(label);
    }
    box.dataset.shape = want;
  }
  for (const input of box.querySelectorAll('[data-param]')) input.value = String(values[input.dataset.param]);
}
