// Code for what a view shows, in three styles: a PyTorch module, PyTorch functional, and this
// package's JavaScript; plus the block that shows the three with a copy button each. The explorer
// and the softmax view share it. Spellings follow each registry entry (its `pytorch` field first).
import { copyText } from './files.mjs';
import { STRINGS, fmt } from './strings.mjs';

/** A Python literal: 'text' for strings, the shortest round-trip spelling for numbers. */
export const pyValue = (v) => (typeof v === 'string' ? `'${v}'` : String(v));

/** A JavaScript literal, as pyValue. */
const jsValue = (v) => (typeof v === 'string' ? `'${v}'` : String(v));

/** A Python float list literal: [2.0, 1.0, 0.1] (a tensor of such floats is float32). */
export const pyFloats = (vs) => `[${vs.map((v) => (Number.isInteger(v) ? `${v}.0` : String(v))).join(', ')}]`;

// Functional spellings that are not F.<name>: F.sigmoid and F.tanh are deprecated for torch.*.
const TORCH_FUNCTION = { sigmoid: 'torch.sigmoid', tanh: 'torch.tanh' };

/**
 * The code that applies activation `a` (a registry entry) with `params` to a tensor x. The PyTorch
 * spellings are the core's (`ap.pytorchCode`, the one the trainer's export uses) where the loaded
 * build has it; otherwise parameters are written when required or different from their default.
 * @returns {{module: string, functional: string, js: string}}
 */
export function activationCode(a, params = {}, { ap, noModule = STRINGS.explorer.noModule } = {}) {
  const own = ownCode(a, params, noModule);
  // Entries without torchModule come from a module built before the core's spellings (it would
  // write every activation as a Lambda).
  if (typeof ap?.pytorchCode !== 'function' || !('torchModule' in a)) return own;
  const { module, functional } = ap.pytorchCode(a.name, params, { dim: -1 });
  return { module, functional, js: own.js };
}

/** The spellings of activationCode without the core's helper (builds from before it). */
function ownCode(a, params, noModule) {
  const shown = a.params.filter((p) => p.name in params && (p.required || params[p.name] !== p.default));
  const dim = a.kind === 'vector' ? [['dim', -1]] : [];
  const pairs = [...dim, ...shown.map((p) => [p.name, params[p.name]])];
  const py = pairs.map(([k, v]) => `${k}=${pyValue(v)}`);
  const js = pairs.length ? `ap.F.${a.name}(x, { ${pairs.map(([k, v]) => `${k}: ${jsValue(v)}`).join(', ')} })` : `ap.F.${a.name}(x)`;
  if (a.pytorch) {
    const m = /^(nn\.\w+\(.*\))\(x\)$/.exec(a.pytorch);
    return { module: m ? m[1] : `${fmt(noModule, { name: a.name })}\n${a.pytorch}`, functional: a.pytorch, js };
  }
  if (a.name === 'prelu') {
    const w = params.weight ?? a.params[0].default;
    const init = w === a.params[0].default ? '' : `init=${pyValue(w)}`;
    return { module: `nn.PReLU(${init})`, functional: `F.prelu(x, torch.tensor([${pyValue(w)}]))`, js };
  }
  const fn = TORCH_FUNCTION[a.name] ?? `F.${a.name}`;
  return { module: `nn.${a.module}(${py.join(', ')})`, functional: `${fn}(${['x', ...py].join(', ')})`, js };
}

const STYLES = [
  ['module', 'codeModule', 'copyModule'],
  ['functional', 'codeFunctional', 'copyFunctional'],
  ['js', 'codeJs', 'copyJs'],
];

/**
 * Three code blocks (module, functional, JavaScript), each with a copy button, in `container`.
 * @param {Element} container
 * @param {object} strings a section of strings.mjs with code, codeModule, codeFunctional, codeJs, copyModule, copyFunctional, copyJs, copy
 * @returns {{update(code: {module: string, functional: string, js: string}): void, text(style: string): string}}
 */
export function codeBlocks(container, strings) {
  const doc = container.ownerDocument ?? document;
  const el = (tag, className, text) => Object.assign(doc.createElement(tag), className ? { className } : {}, text != null ? { textContent: text } : {});
  const box = el('div', 'ex-code');
  const status = el('p', 'ex-code-status');
  status.setAttribute('role', 'status');
  const codes = {};
  for (const [style, title, copyName] of STYLES) {
    const fig = el('figure', 'ex-code-block');
    const head = el('figcaption', '', strings[title]);
    const button = el('button', '', strings.copy);
    button.type = 'button';
    button.setAttribute('aria-label', strings[copyName]);
    button.addEventListener('click', async () => {
      const ok = await copyText(codes[style].textContent);
      status.textContent = ok ? STRINGS.data.copied : STRINGS.data.copyFailed;
    });
    head.append(button);
    const pre = el('pre');
    codes[style] = el('code');
    codes[style].dataset.style = style;
    pre.append(codes[style]);
    fig.append(head, pre);
    box.append(fig);
  }
  container.append(box, status);
  return {
    update(code) {
      for (const [style] of STYLES) if (codes[style].textContent !== code[style]) codes[style].textContent = code[style];
      status.textContent = '';
    },
    text: (style) => codes[style].textContent,
  };
}
