// The trainer's data and export tools: points added by clicking or tapping the heatmap, CSV import
// and export, the model as JSON or PyTorch code, and a script that reproduces the run in PyTorch.
// Everything read from a file is validated (csv.mjs, nn.fromJSON) and shown with textContent.
import { parseCSV, predictionsCSV, toCSV } from './csv.mjs';
import { MAX_READ_BYTES, copyText, download, readTextFile } from './files.mjs';
import { pytorchScript } from './reproduce.mjs';

function button(parent, label, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.addEventListener('click', onClick);
  parent.append(b);
  return b;
}

function fileButton(parent, label, accept, onText, onError) {
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = accept;
  input.hidden = true;
  input.addEventListener('change', async () => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    try {
      onText(await readTextFile(file, { maxBytes: MAX_READ_BYTES }), file.name);
    } catch (e) {
      onError(e.message);
    }
  });
  parent.append(input);
  return button(parent, label, () => input.click());
}

/**
 * Wires the data tools and export tools.
 * @param {{ $, ap, ctx, getPoints: () => object|null, getValues: () => object, setUserData: (data|null) => void,
 *   request: (format: string) => Promise<string>, error: (m: string) => void, notice: (m: string) => void }} host
 */
export function mountTrainerIO(host) {
  const { $, ctx, error, notice } = host;
  const tools = $('datatools');
  const picker = document.createElement('label');
  picker.textContent = 'Class of new points ';
  const select = document.createElement('select');
  picker.append(select);
  tools.append(picker);
  const refreshClasses = () => {
    const p = host.getPoints();
    const k = p?.task === 'multiclass' ? p.classes : 2;
    if (select.options.length === k && p?.task !== 'regression') return;
    select.replaceChildren();
    if (p?.task === 'regression') {
      for (const v of [1, 0.5, 0, -0.5, -1]) select.add(new Option(`value ${v}`, String(v)));
    } else {
      for (let c = 0; c < k; c++) select.add(new Option(`class ${c}`, String(c)));
    }
  };

  // Click or tap on the heatmap: add a point of the chosen class (Shift: the next class), or remove the point under it.
  const heat = $('heatmap');
  heat.addEventListener('click', (e) => {
    const p = host.getPoints();
    if (!p) return;
    const r = heat.getBoundingClientRect();
    const [x0, x1, y0, y1] = p.box ?? [-6, 6, -6, 6];
    const x = x0 + ((e.clientX - r.left) / r.width) * (x1 - x0);
    const y = y1 - ((e.clientY - r.top) / r.height) * (y1 - y0);
    const X = Array.from(p.X), Y = Array.from(p.y);
    const near = Y.findIndex((_, i) => Math.hypot(X[2 * i] - x, X[2 * i + 1] - y) < (x1 - x0) / 60);
    if (near >= 0) {
      X.splice(2 * near, 2);
      Y.splice(near, 1);
    } else {
      let label = Number(select.value);
      if (e.shiftKey && p.task !== 'regression') label = (label + 1) % select.options.length;
      X.unshift(x, y);  // new points go first: they land in the training split
      Y.unshift(label);
    }
    host.setUserData({ X: Float32Array.from(X), y: Float32Array.from(Y), task: p.task, classes: p.classes });
  });

  button(tools, 'Clear points', () => {
    const p = host.getPoints();
    if (p) notice('The points were cleared: click on the heatmap to add at least two (or choose a dataset).');
    host.setUserData({ X: new Float32Array(0), y: new Float32Array(0), task: p?.task ?? 'classification', classes: p?.classes ?? 2 });
  });
  fileButton(tools, 'Import CSV', '.csv,text/csv,text/plain', (text) => {
    const p = host.getPoints();
    const task = p?.task ?? 'classification';
    const parsed = parseCSV(text, { task, classes: p?.classes ?? 2, maxRows: ctx.limits.maxDatasetPoints });
    if (parsed.fatal) return error(`Import CSV: ${parsed.fatal}`);
    if (parsed.errorCount) {
      const shown = parsed.errors.slice(0, 5).map((x) => `line ${x.line}: ${x.message}`).join('; ');
      error(`Import CSV: ${parsed.errorCount} row(s) skipped — ${shown}${parsed.errorCount > 5 ? '; …' : ''}`);
    } else error('');
    if (parsed.y.length >= 2) host.setUserData({ X: parsed.X, y: parsed.y, task, classes: p?.classes ?? 2 });
    else error(`Import CSV: needs at least two valid rows of x1,x2,label (found ${parsed.y.length})`);
  }, error);
  button(tools, 'Export CSV', () => {
    const p = host.getPoints();
    if (p) download('data.csv', toCSV(p.X, p.y), 'text/csv');
  });

  const ex = $('exporttools');
  button(ex, 'Export predictions', async () => {
    const p = host.getPoints();
    const text = await host.request('predictions');
    const pred = Float32Array.from(JSON.parse(text));
    download('predictions.csv', predictionsCSV(p.X, p.y, pred, { task: p.task, classes: p.classes }), 'text/csv');
  });
  button(ex, 'Download model', async () => download('model.json', await host.request('json'), 'application/json'));
  fileButton(ex, 'Load model', '.json,application/json', (text) => {
    try {
      JSON.parse(text);
    } catch (e) {
      throw new Error(`Load model: not JSON (${e.message.slice(0, 120)})`);
    }
    host.loadModel(text);  // the text, not the parsed tree: a hostile nesting depth cannot break postMessage's copy
  }, error);
  const style = document.createElement('select');
  style.add(new Option('module style', 'module'));
  style.add(new Option('functional style', 'functional'));
  const styleLabel = document.createElement('label');
  styleLabel.textContent = 'PyTorch style ';
  styleLabel.append(style);
  ex.append(styleLabel);
  button(ex, 'Copy PyTorch code', async () => {
    const ok = await copyText(await host.request(`pytorch-${style.value}`));
    notice(ok ? 'PyTorch code copied to the clipboard.' : 'The clipboard is not available here: use Download model instead.');
  });
  button(ex, 'Download PyTorch reproduction', async () => {
    const run = JSON.parse(await host.request('run'));
    download('reproduce.py', pytorchScript(run), 'text/x-python');
  });
  return { refreshClasses };
}
