// web/csv.mjs: CSV import (every bad row reported by line, hostile input harmless and refused fast
// when too large) and export (toCSV → parseCSV is the identity on valid data: a fast-check property).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MAX_CSV_BYTES, MAX_REPORTED_ERRORS, float32Text, parseCSV, predictionsCSV, toCSV } from '../../web/csv.mjs';

const bits = (a) => Array.from(new Uint32Array(Float32Array.from(a).buffer));

test('reads x1,x2,label with or without a header, comma or semicolon, CRLF, quotes and blank lines', () => {
  const want = { X: [0.5, -1.25, 3, 4e-3], y: [1, 0] };
  const texts = [
    'x1,x2,label\n0.5,-1.25,1\n3,0.004,0\n',
    '0.5,-1.25,1\r\n3,4e-3,0',
    '\n\n"x1";"x2";"label"\r\n\r\n 0,5 ; -1,25 ; 1 \r\n3;0.004;0\r\n\r\n',
    '\uFEFFx1\tx2\tlabel\n"0.5"\t"-1.25"\t"1"\n+3\t.004\t0.0\n',
  ];
  for (const text of texts) {
    const r = parseCSV(text);
    assert.deepEqual(r.errors, [], JSON.stringify(text));
    assert.equal(r.fatal, '');
    assert.deepEqual(Array.from(r.X), Array.from(Float32Array.from(want.X)));
    assert.deepEqual(Array.from(r.y), want.y);
  }
  assert.equal(parseCSV(texts[0]).header, true);
  assert.equal(parseCSV(texts[1]).header, false);
});

test('each kind of bad row is reported with its line number and skipped; the good rows are kept', () => {
  const text = [
    'x1,x2,label',      // 1 header
    '0.1,0.2,1',        // 2 good
    '1,2',              // 3 too few columns
    '1,2,0,5',          // 4 too many
    '1,abc,0',          // 5 not a number
    'NaN,1,0',          // 6 NaN
    '1,-Infinity,1',    // 7 infinite
    '1e400,0,1',        // 8 overflows to Infinity
    '2e6,0,1',          // 9 beyond the bound
    '0,0,2',            // 10 label outside 0/1
    '0x10,1,0',         // 11 hexadecimal is not a number here
    '',                 // 12 blank: ignored
    '-0.3,0.4,0',       // 13 good
    '1,2,',             // 14 empty label
  ].join('\n');
  const r = parseCSV(text);
  assert.equal(r.n, 2);
  assert.deepEqual(Array.from(r.y), [1, 0]);
  assert.deepEqual(r.errors.map((e) => e.line), [3, 4, 5, 6, 7, 8, 9, 10, 11, 14]);
  const byLine = Object.fromEntries(r.errors.map((e) => [e.line, e.message]));
  assert.match(byLine[3], /^expected 3 values .* found 2$/);
  assert.match(byLine[4], /found 4$/);
  assert.match(byLine[5], /x2 is not a number/);
  assert.match(byLine[6], /x1 is not a finite number/);
  assert.match(byLine[7], /x2 is not a finite number/);
  assert.match(byLine[8], /x1 is not a finite number/);
  assert.match(byLine[9], /x1 is beyond ±1e6/);
  assert.match(byLine[10], /label must be 0 or 1/);
  assert.match(byLine[11], /x1 is not a number/);
  assert.match(byLine[14], /label is not a number/);
  assert.equal(r.errorCount, 10);
});

test('labels are checked against the task: multiclass 0..classes−1 integers, regression [−1, 1]', () => {
  const multi = parseCSV('0,0,0\n0,0,2\n0,0,3\n0,0,1.5\n0,0,-1', { task: 'multiclass', classes: 3 });
  assert.deepEqual(Array.from(multi.y), [0, 2]);
  assert.deepEqual(multi.errors.map((e) => e.line), [3, 4, 5]);
  assert.match(multi.errors[0].message, /whole number from 0 to 2/);
  const reg = parseCSV('0,0,-1\n0,0,0.25\n0,0,1\n0,0,1.01\n0,0,-2', { task: 'regression' });
  assert.deepEqual(Array.from(reg.y), [-1, 0.25, 1]);
  assert.deepEqual(reg.errors.map((e) => e.line), [4, 5]);
  assert.throws(() => parseCSV('', { task: 'eval' }), /task must be/);
});

test('hostile input: markup and URLs are bad rows whose messages echo nothing; nothing is keyed by input', () => {
  const text = 'x1,x2,label\n<script>alert(1)</script>,0,1\njavascript:alert(1),0,0\n0,"<img src=x onerror=alert(1)>",1\n__proto__,constructor,prototype\n1,1,1\n';
  const r = parseCSV(text);
  assert.equal(r.n, 1);
  assert.deepEqual(r.errors.map((e) => e.line), [2, 3, 4, 5]);
  for (const e of r.errors) assert.doesNotMatch(e.message, /[<>"]|script|alert|proto/);
  assert.equal({}.polluted, undefined);
  assert.equal(Object.getPrototypeOf(r), Object.prototype);
  // A header naming __proto__ is just a header.
  assert.equal(parseCSV('__proto__,constructor,toString\n1,2,0').n, 1);
});

test('too large a file or too many rows is refused up front with a clear message, fast', () => {
  const garbage = 'j@v4scr1pt:<>"\'\u0000'.repeat(Math.ceil((MAX_CSV_BYTES + 1) / 16));
  let t0 = performance.now();
  const r = parseCSV(garbage);
  assert.ok(performance.now() - t0 < 250, 'refused without parsing');
  assert.equal(r.n, 0);
  assert.match(r.fatal, /^The file is 10\.0 MB; files of up to 10 MB can be loaded\.$/);
  assert.deepEqual(r.errors, [{ line: 0, message: r.fatal }]);

  // Under the size limit, 8 MB of garbage lines: every row is bad, a hundred are described, quickly.
  const lines = Array.from({ length: 250_000 }, (_, i) => `${i}<x>${'#'.repeat(16)},${i}`);
  t0 = performance.now();
  const g = parseCSV(lines.join('\n'));
  assert.ok(performance.now() - t0 < 5000, `took ${performance.now() - t0} ms`);
  assert.equal(g.n, 0);
  assert.equal(g.errorCount, 250_000);
  assert.equal(g.errors.length, MAX_REPORTED_ERRORS);
  assert.deepEqual(g.errors.slice(0, 2), [{ line: 1, message: 'expected 3 values (x1, x2, label), found 2' }, { line: 2, message: 'expected 3 values (x1, x2, label), found 2' }]);
  assert.match(g.fatal, /no rows of data/);
  // One 10 MB line of separators is not split into millions of fields.
  t0 = performance.now();
  const wide = parseCSV(','.repeat(MAX_CSV_BYTES - 1));
  assert.ok(performance.now() - t0 < 1500);
  assert.match(wide.errors[0].message, /found 10485760$/);

  const many = parseCSV('x1,x2,label\n' + '0,0,1\n'.repeat(101), { maxRows: 100 });
  assert.equal(many.n, 0);
  assert.equal(many.fatal, 'The file has 101 rows of data; at most 100 points can be loaded.');
  assert.equal(parseCSV('x1,x2,label\n' + '0,0,1\n'.repeat(100), { maxRows: 100 }).n, 100);
  assert.match(parseCSV('\n \r\n').fatal, /no rows of data/);
  assert.match(parseCSV('x1,x2,label\n').fatal, /no rows of data/);
});

test('toCSV writes the shortest text that reads back as the same float32', () => {
  assert.equal(toCSV([0.1, -0, 1e-7, 3], [0, 1]), 'x1,x2,label\n0.1,-0,0\n1e-7,3,1\n');
  assert.equal(toCSV([1, 2], [0], { header: false }), '1,2,0\n');
  assert.equal(float32Text(Math.fround(1 / 3)), '0.33333334');
  assert.throws(() => toCSV([1, 2, 3], [0]), /2 values per label/);
});

test('property: toCSV → parseCSV is the identity on valid data (every task)', () => {
  const coord = fc.float({ min: -1e6, max: 1e6, noNaN: true });
  const tasks = [
    ['classification', 2, fc.constantFrom(0, 1)],
    ['multiclass', 5, fc.integer({ min: 0, max: 4 })],
    ['regression', 2, fc.float({ min: -1, max: 1, noNaN: true })],
  ];
  for (const [task, classes, label] of tasks) {
    fc.assert(fc.property(fc.array(fc.tuple(coord, coord, label), { minLength: 1, maxLength: 60 }), fc.boolean(), (rows, header) => {
      const X = Float32Array.from(rows.flatMap(([a, b]) => [a, b]));
      const y = Float32Array.from(rows.map((r) => r[2]));
      const r = parseCSV(toCSV(X, y, { header }), { task, classes });
      assert.deepEqual(r.errors, []);
      assert.deepEqual(bits(r.X), bits(X));
      assert.deepEqual(bits(r.y), bits(y));
    }), { numRuns: 300 });
  }
});

test('predictionsCSV adds the predicted class and the probabilities (or the regression output)', () => {
  const X = [0, 1, 2, 3];
  assert.equal(predictionsCSV(X, [1, 0], [0.9, 0.25]), 'x1,x2,label,prediction,p1\n0,1,1,1,0.9\n2,3,0,0,0.25\n');
  assert.equal(predictionsCSV(X, [0, 2], [0.1, 0.2, 0.7, 0.5, 0.3, 0.2], { task: 'multiclass', classes: 3 }),
    'x1,x2,label,prediction,p0,p1,p2\n0,1,0,2,0.1,0.2,0.7\n2,3,2,0,0.5,0.3,0.2\n');
  assert.equal(predictionsCSV(X, [0.5, -1], [0.4, -0.75], { task: 'regression' }), 'x1,x2,label,prediction\n0,1,0.5,0.4\n2,3,-1,-0.75\n');
  assert.throws(() => predictionsCSV(X, [0, 1], [0.1, 0.2, 0.3]), /same number of values/);
  // Its data columns read back as the points.
  const r = parseCSV(predictionsCSV(X, [1, 0], [0.9, 0.25]).split('\n').map((l) => l.split(',').slice(0, 3).join(',')).join('\n'));
  assert.deepEqual(Array.from(r.X), X);
});
