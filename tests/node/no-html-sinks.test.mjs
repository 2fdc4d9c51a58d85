// No markup or code is ever built from data: the page's modules (web/*.mjs) are scanned for the sinks
// that parse a string as HTML or JavaScript. Each use that exists is listed here with the reason it
// is safe; a new one fails this test until it is rewritten as DOM construction / textContent, or
// reviewed and added below. The templates that the listed uses parse are checked to interpolate nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { STRINGS } from '../../web/strings.mjs';
import { TEMPLATE as TRAINER_TEMPLATE, fillTemplate } from '../../web/trainer-view.mjs';

const WEB = new URL('../../web/', import.meta.url);

/** Calls and assignments that turn a string into markup or code. */
const SINKS = [
  /\.(?:innerHTML|outerHTML)\s*\+?=(?!=)/, /\binsertAdjacentHTML\s*\(/, /\bdocument\.write(?:ln)?\s*\(/, /\bnew\s+Function\s*\(/,
  /(?<![.\w])eval\s*\(/, /\bcreateContextualFragment\s*\(/, /\bsetHTMLUnsafe\s*\(/, /\bparseHTMLUnsafe\s*\(/, /\.srcdoc\s*=(?!=)/,
  /\bparseFromString\s*\(/, /\bset(?:Timeout|Interval)\s*\(\s*['"`]/, /\.setAttribute\s*\(\s*['"]on\w+['"]/, /\bjavascript:/i,
];

/** Every reviewed sink: file, the line's text (trimmed), and why no data reaches it. */
const ALLOWED = [
  { file: 'trainer-view.mjs', line: 'wrap.innerHTML = fillTemplate(TEMPLATE, uid, STRINGS.trainer);  // a constant template; uid checked, texts escaped',
    reason: 'TEMPLATE is a constant without ${}; fillTemplate refuses a uid other than [\\w.-] and HTML-escapes the strings table (tested below)' },
  { file: 'fit1d-view.mjs', line: 'wrap.innerHTML = fillTemplate(TEMPLATE, uid, { t: STRINGS.trainer, f: STRINGS.fit1d });  // a constant template; uid checked, texts escaped',
    reason: 'the same fillTemplate over fit1d-view.mjs\'s constant TEMPLATE, reading the trainer\'s (t.) and the fit view\'s (f.) strings' },
  { file: 'space-view.mjs', line: "wrap.innerHTML = fillTemplate(TEMPLATE, uid.replace(/[^\\w-]/g, '_'), LABELS);  // a constant template; uid checked, texts escaped",
    reason: 'the same fillTemplate over space-view.mjs\'s constant TEMPLATE, reading the strings table (LABELS is built from STRINGS only)' },
  { file: 'explorer-css.mjs', line: 'wrap.innerHTML = template;  // constant markup; every text is set below with textContent',
    reason: 'mountTemplate is only called with the module constant TEMPLATE of explorer.mjs and softmax.mjs, which interpolate nothing (tested below)' },
  { file: 'diagram.mjs', line: 'svg.innerHTML = `<g>${vis.join(\'\')}</g><g>${hit.join(\'\')}</g>`;',
    reason: 'the paths interpolate only numbers: the layout path d (linkPath of computed coordinates), the gap index c and the link index i (tested below)' },
];

function scan() {
  const found = [];
  for (const file of readdirSync(WEB).filter((f) => f.endsWith('.mjs')).sort()) {
    readFileSync(new URL(file, WEB), 'utf8').split('\n').forEach((text, i) => {
      const code = text.replace(/^\s*(\/\/|\*|\/\*).*$/, '');  // comment lines do not run
      if (SINKS.some((re) => re.test(code))) found.push({ file, lineNumber: i + 1, line: text.trim() });
    });
  }
  return found;
}

/** The text of `const NAME = `…`;` in a source file. */
function templateLiteral(source, name) {
  const m = source.match(new RegExp(`const ${name} = \`([\\s\\S]*?)\`;`));
  assert.ok(m, `no constant ${name}`);
  return m[1];
}

test('every HTML or code sink in web/*.mjs is one of the reviewed uses', () => {
  const found = scan();
  const unreviewed = found.filter((f) => !ALLOWED.some((a) => a.file === f.file && a.line === f.line));
  assert.deepEqual(unreviewed.map((f) => `web/${f.file}:${f.lineNumber}: ${f.line}`), [],
    'a new innerHTML/eval-like sink: build the DOM with createElement/textContent, or review it and list it in ALLOWED with its reason');
  const stale = ALLOWED.filter((a) => !found.some((f) => f.file === a.file && f.line === a.line));
  assert.deepEqual(stale.map((a) => a.file), [], 'a reviewed use is gone or changed: update ALLOWED');
  for (const a of ALLOWED) assert.ok(a.reason.length > 20, `a reason for ${a.file}`);
});

test('the scan finds each kind of sink (it can fail)', () => {
  const samples = ['el.innerHTML = x', 'el.outerHTML += x', 'el.insertAdjacentHTML("beforeend", x)', 'document.write(x)', 'new Function("a", x)',
    'eval(x)', 'range.createContextualFragment(x)', 'el.setHTMLUnsafe(x)', 'frame.srcdoc = x', 'new DOMParser().parseFromString(x, "text/html")',
    'setTimeout("go()", 1)', 'a.setAttribute("onclick", x)', 'a.href = "javascript:void 0"'];
  for (const s of samples) assert.ok(SINKS.some((re) => re.test(s)), s);
  for (const s of ['el.textContent = x', 'if (el.innerHTML === "")', 'x.evaluate(y)', 'model.evaluate(d.X, d.y)', 'setTimeout(fn, 1)']) {
    assert.ok(!SINKS.some((re) => re.test(s)), s);
  }
});

test('the templates parsed as HTML are constants', () => {
  for (const file of ['explorer.mjs', 'softmax.mjs', 'trainer-view.mjs', 'fit1d-view.mjs', 'space-view.mjs']) {
    const source = readFileSync(new URL(file, WEB), 'utf8');
    assert.doesNotMatch(templateLiteral(source, 'TEMPLATE'), /\$\{/, `${file}: TEMPLATE interpolates`);
  }
  // mountTemplate gets only those constants.
  let callers = 0;
  for (const file of readdirSync(WEB).filter((f) => f.endsWith('.mjs'))) {
    const calls = readFileSync(new URL(file, WEB), 'utf8').match(/(?<!function )mountTemplate\([^)]*\)/g) ?? [];
    for (const c of calls) assert.match(c, /^mountTemplate\(root, \{[^}]*template: TEMPLATE,/, `web/${file}`);
    callers += calls.length;
  }
  assert.equal(callers, 2, 'the explorer and the softmax view');
  // The diagram's link markup interpolates only d, c and i (numbers).
  const diagram = readFileSync(new URL('diagram.mjs', WEB), 'utf8');
  const paths = diagram.match(/`<path [^`]*`/g);
  assert.equal(paths.length, 2);
  for (const p of paths) for (const [, expr] of p.matchAll(/\$\{([^}]*)\}/g)) assert.match(expr, /^(d|c|i|i === 0 \? 0 : -1)$/, p);
  assert.match(diagram, /const d = linkPath\(/);
});

test("the trainer's template escapes every string and refuses a uid that is not a plain name", () => {
  const hostile = { play: '"><img src=x onerror=alert(1)>', step: "<script>alert('x')</script>" };
  const html = fillTemplate(TRAINER_TEMPLATE, 'trainer', { ...STRINGS.trainer, ...hostile });
  assert.doesNotMatch(html, /<img|<script/);
  assert.match(html, /aria-label="&#34;&#62;&#60;img src=x onerror=alert\(1\)&#62;"/);
  assert.match(fillTemplate(TRAINER_TEMPLATE, 'ap1.2', STRINGS.trainer), /id="ap1\.2-epoch-l"/);
  assert.match(fillTemplate('{{__proto__}} {{constructor}}', 'x', {}), /^__proto__ constructor$/);
  // Dotted keys read nested tables (the fit view's t. and f.), escaped alike; a key that is not a text stays as it is.
  assert.equal(fillTemplate('{{t.play}}|{{f.x}}|{{t}}|{{t.__proto__.x}}', 'x', { t: { play: '<b>' }, f: { x: 3 } }), '&#60;b&#62;|3|t|t.__proto__.x');
  for (const uid of ['a"b', 'x><img src=x>', '', 'a b', 'x'.repeat(65), 42, null]) {
    assert.throws(() => fillTemplate(TRAINER_TEMPLATE, uid, STRINGS.trainer), /renderTrainer: uid .* must be/);
  }
});
