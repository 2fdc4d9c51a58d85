// CSV import and export of the trainer's 2-D datasets: rows of `x1,x2,label`. Parsing only reads
// numbers with a strict pattern (nothing is evaluated, nothing is keyed by input text); each bad row
// is reported with its line number and skipped, the good rows are kept. No DOM: runs in Node too.
import { STRINGS, fmt } from './strings.mjs';

const S = STRINGS.data;

/** Largest CSV text accepted (characters ≈ bytes): refused before any parsing. */
export const MAX_CSV_BYTES = 10 * 1024 * 1024;
/** Largest |x1|, |x2| accepted: the playground's data lives within a few units of the origin. */
export const MAX_ABS_COORDINATE = 1e6;
/** Bad rows described one by one; the rest are counted. */
export const MAX_REPORTED_ERRORS = 100;

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const NON_FINITE = /^[+-]?(?:nan|inf|infinity)$/i;
const COLUMNS = ['x1', 'x2', 'label'];

/** One field: trimmed, surrounding quotes removed, decimal comma accepted after a ';' separator. */
function cleanField(raw, sep) {
  let s = raw.trim();
  if (s.length >= 2 && ((s[0] === '"' && s[s.length - 1] === '"') || (s[0] === "'" && s[s.length - 1] === "'"))) s = s.slice(1, -1).trim();
  if (sep === ';' && s.indexOf(',') >= 0 && s.indexOf('.') < 0) s = s.replace(',', '.');
  return s;
}

/** The separator of a line: ';' or tab when present and no comma, else ','. */
function separatorOf(line) {
  if (line.includes(',') && !line.includes(';')) return ',';
  if (line.includes(';')) return ';';
  if (line.includes('\t')) return '\t';
  return ',';
}

/** Number of fields of a line (separators + 1). */
function countFields(line, sep) {
  let count = 1;
  for (let k = line.indexOf(sep); k >= 0; k = line.indexOf(sep, k + 1)) count++;
  return count;
}

/** Checks a label for the task; returns '' or what is wrong. */
function labelProblem(v, task, classes) {
  if (task === 'regression') return v >= -1 && v <= 1 ? '' : S.csvLabelRegression;
  if (task === 'multiclass') return Number.isInteger(v) && v >= 0 && v < classes ? '' : fmt(S.csvLabelMulticlass, { max: classes - 1 });
  return v === 0 || v === 1 ? '' : S.csvLabelClassification;
}

/**
 * Parses `x1,x2,label` rows (header optional; comma, semicolon or tab; CRLF; blank lines ignored;
 * quoted numbers tolerated).
 * @param {string} text the file's text
 * @param {{ task?: 'classification'|'multiclass'|'regression', classes?: number, maxRows?: number, maxBytes?: number }} options
 *   labels are 0/1 (classification), whole numbers 0..classes−1 (multiclass) or numbers in [−1, 1]
 *   (regression); pass `maxRows: limits.maxDatasetPoints` from the module's buildInfo()
 * @returns {{ X: Float32Array, y: Float32Array, n: number, errors: {line: number, message: string}[],
 *   errorCount: number, fatal: string, header: boolean }} X is [n, 2] row-major; `errors` lists the
 *   first MAX_REPORTED_ERRORS bad rows (line from 1; message says what is wrong, without the line:
 *   STRINGS.data.csvLine joins them, csvMoreErrors tells of the rest), `errorCount` counts them all;
 *   `fatal` is a message when the whole file is refused (too large, too many rows) or has no good row,
 *   and a refused file has that message as its one error, at line 0
 */
export function parseCSV(text, { task = 'classification', classes = 2, maxRows = Infinity, maxBytes = MAX_CSV_BYTES } = {}) {
  const result = (X, y, n, errors, errorCount, fatal, header) => ({ X, y, n, errors, errorCount, fatal, header });
  const refuse = (message) => result(new Float32Array(0), new Float32Array(0), 0, [{ line: 0, message }], 1, message, false);
  if (typeof text !== 'string') throw new TypeError('parseCSV: text must be a string');
  if (!['classification', 'multiclass', 'regression'].includes(task)) throw new TypeError("parseCSV: task must be 'classification', 'multiclass' or 'regression'");
  if (task === 'multiclass' && !(Number.isInteger(classes) && classes >= 2)) throw new RangeError('parseCSV: classes must be a whole number ≥ 2');
  if (text.length > maxBytes) {
    return refuse(fmt(S.csvTooLarge, { size: (text.length / 2 ** 20).toFixed(1), max: (maxBytes / 2 ** 20).toFixed(0) }));
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;  // without a BOM
  const lines = body.includes('\r') ? body.split(/\r\n|\n|\r/) : body.split('\n');
  let first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0) return refuse(S.csvNoRows);
  const sep = separatorOf(lines[first]);
  // A first line of three fields none of which is a number is a header.
  const head = lines[first].split(sep, 4);
  const header = head.length === 3 && head.every((f) => !NUMBER.test(cleanField(f, sep)));
  if (header) first += 1;
  let rows = 0;
  for (let i = first; i < lines.length; i++) if (lines[i].trim() !== '') rows++;
  if (rows === 0) return refuse(S.csvNoRows);
  if (rows > maxRows) return refuse(fmt(S.csvTooManyRows, { rows, max: maxRows }));

  const X = new Float32Array(2 * rows), y = new Float32Array(rows);
  const errors = [];
  let n = 0, errorCount = 0;
  // Messages are only built for the rows described (text, values).
  const report = (i, text, values) => {
    errorCount++;
    if (errors.length < MAX_REPORTED_ERRORS) errors.push({ line: i + 1, message: fmt(text, values) });
  };
  const values = [0, 0, 0];
  rowLoop: for (let i = first; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    const fields = line.split(sep, 4);  // a limit: a hostile 10 MB line is not split into millions of fields
    if (fields.length !== 3) {
      if (errors.length < MAX_REPORTED_ERRORS) report(i, S.csvColumns, { found: fields.length < 3 ? fields.length : countFields(line, sep) });
      else errorCount++;
      continue;
    }
    for (let c = 0; c < 3; c++) {
      const f = cleanField(fields[c], sep);
      if (!NUMBER.test(f)) {
        report(i, NON_FINITE.test(f) ? S.csvNotFinite : S.csvNotNumber, { column: COLUMNS[c] });
        continue rowLoop;
      }
      const v = Number(f);
      if (!Number.isFinite(v)) {
        report(i, S.csvNotFinite, { column: COLUMNS[c] });
        continue rowLoop;
      }
      if (c < 2 && Math.abs(v) > MAX_ABS_COORDINATE) {
        report(i, S.csvTooBig, { column: COLUMNS[c], bound: MAX_ABS_COORDINATE.toExponential(0).replace('e+', 'e') });
        continue rowLoop;
      }
      values[c] = v;
    }
    const problem = labelProblem(values[2], task, classes);
    if (problem) {
      report(i, problem, {});
      continue;
    }
    X[2 * n] = values[0];
    X[2 * n + 1] = values[1];
    y[n] = values[2];
    n++;
  }
  return result(X.slice(0, 2 * n), y.slice(0, n), n, errors, errorCount, n ? '' : S.csvNoRows, header);
}

/** The shortest decimal text that reads back as the same float32 (`-0` kept). */
export function float32Text(v) {
  if (Object.is(v, -0)) return '-0';
  if (!Number.isFinite(v)) return String(v);
  const f = Math.fround(v);
  for (let p = 1; p < 9; p++) {
    const s = String(Number(f.toPrecision(p)));
    if (Math.fround(Number(s)) === f) return s;
  }
  return String(f);
}

function checkShapes(X, y, where) {
  if (!X || typeof X.length !== 'number' || !y || typeof y.length !== 'number') throw new TypeError(`${where}: X and y must be arrays`);
  if (X.length !== 2 * y.length) throw new RangeError(`${where}: X must hold 2 values per label (got ${X.length} and ${y.length})`);
}

/**
 * The points as CSV text that parseCSV reads back exactly (float32 values, shortest form).
 * @param {ArrayLike<number>} X [n, 2] row-major
 * @param {ArrayLike<number>} y n labels
 * @param {{ header?: boolean }} options header line `x1,x2,label` (default true)
 * @returns {string} lines ending in '\n'
 */
export function toCSV(X, y, { header = true } = {}) {
  checkShapes(X, y, 'toCSV');
  const out = header ? ['x1,x2,label'] : [];
  for (let i = 0; i < y.length; i++) out.push(`${float32Text(X[2 * i])},${float32Text(X[2 * i + 1])},${float32Text(y[i])}`);
  return out.length ? `${out.join('\n')}\n` : '';
}

/**
 * The points with the network's predictions: `x1,x2,label,prediction` plus, for classification
 * tasks, one probability column per output (`p1` for a single sigmoid output, `p0..pK` otherwise).
 * @param {ArrayLike<number>} X [n, 2] row-major
 * @param {ArrayLike<number>} y n labels
 * @param {ArrayLike<number>} predictions [n, k] probabilities (classification; k = 1 is P(class 1))
 *   or outputs (regression, k = 1)
 * @param {{ task?: 'classification'|'multiclass'|'regression', classes?: number }} options
 * @returns {string} the CSV text; prediction is the class (argmax, or p1 > 0.5) or the regression output
 */
export function predictionsCSV(X, y, predictions, { task = 'classification', classes = 2 } = {}) {
  checkShapes(X, y, 'predictionsCSV');
  const n = y.length;
  const k = n ? predictions.length / n : (task === 'multiclass' ? classes : 1);
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`predictionsCSV: predictions must hold the same number of values for each of the ${n} points`);
  const probs = task !== 'regression';
  const cols = ['x1', 'x2', 'label', 'prediction'];
  if (probs) for (let j = 0; j < k; j++) cols.push(k === 1 ? 'p1' : `p${j}`);
  const out = [cols.join(',')];
  for (let i = 0; i < n; i++) {
    const row = predictions.length ? Array.from({ length: k }, (_, j) => predictions[i * k + j]) : [];
    let pred;
    if (!probs) pred = float32Text(row[0]);
    else if (k === 1) pred = row[0] > 0.5 ? '1' : '0';
    else pred = String(row.reduce((best, v, j) => (v > row[best] ? j : best), 0));
    const cells = [float32Text(X[2 * i]), float32Text(X[2 * i + 1]), float32Text(y[i]), pred];
    if (probs) cells.push(...row.map(float32Text));
    out.push(cells.join(','));
  }
  return `${out.join('\n')}\n`;
}
