// web/files.mjs in Node, against a minimal stand-in for the few DOM pieces it touches (the page's
// browser tests exercise it in Chromium): downloads revoke their URL, oversize files are refused
// before reading, copying falls back to execCommand when the Clipboard API is missing or denied.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyText, download, readTextFile, safeFilename, MAX_READ_BYTES } from '../../web/files.mjs';

/** A fake document: elements record attributes, the body its children; execCommand is scripted. */
function fakeDocument({ execResult = true } = {}) {
  const doc = {
    children: [], commands: [], activeElement: { focused: 0, focus() { this.focused++; } },
    body: { append: (el) => { doc.children.push(el); el.parent = doc; } },
    createElement: (tag) => ({
      tag, style: {}, attrs: {}, clicks: 0, selected: false,
      setAttribute(k, v) { this.attrs[k] = v; },
      click() { this.clicks++; doc.clicked = { ...this, inBody: doc.children.includes(this) }; },
      select() { this.selected = true; },
      remove() { doc.children = doc.children.filter((c) => c !== this); },
    }),
    execCommand(cmd) {
      doc.commands.push({ cmd, value: doc.children.find((c) => c.tag === 'textarea' && c.selected)?.value });
      if (execResult instanceof Error) throw execResult;
      return execResult;
    },
  };
  return doc;
}

function withGlobals(globals, fn) {
  const saved = Object.fromEntries(Object.keys(globals).map((k) => [k, Object.getOwnPropertyDescriptor(globalThis, k)]));
  for (const [k, v] of Object.entries(globals)) Object.defineProperty(globalThis, k, { value: v, configurable: true, writable: true });
  const restore = () => {
    for (const [k, d] of Object.entries(saved)) {
      if (d) Object.defineProperty(globalThis, k, d);
      else delete globalThis[k];
    }
  };
  let result;
  try {
    result = fn();
  } catch (e) {
    restore();
    throw e;
  }
  return Promise.resolve(result).finally(restore);
}

test('download clicks a temporary <a download> on an object URL, removes it, and revokes the URL afterwards', async () => {
  const doc = fakeDocument();
  const revoked = [];
  const realRevoke = URL.revokeObjectURL;
  URL.revokeObjectURL = (u) => { revoked.push(u); realRevoke(u); };
  try {
    await withGlobals({ document: doc }, async () => {
      download('../../etc/passwd\u0000.csv', 'x1,x2,label\n1,2,0\n', 'text/csv', { revokeAfterMs: 5 });
      assert.equal(doc.clicked.clicks, 1);
      assert.equal(doc.clicked.inBody, true);
      assert.equal(doc.clicked.download, '_.._etc_passwd_.csv');  // no separators left
      assert.match(doc.clicked.href, /^blob:/);
      assert.equal(doc.children.length, 0, 'the link is removed at once');
      assert.deepEqual(revoked, [], 'the URL outlives the click');
      await new Promise((r) => setTimeout(r, 20));
      assert.deepEqual(revoked, [doc.clicked.href]);
    });
  } finally {
    URL.revokeObjectURL = realRevoke;
  }
  assert.equal(safeFilename(''), 'download.txt');
  assert.equal(safeFilename('..hidden'), 'hidden');
});

test('readTextFile reads a File, and refuses one over maxBytes without reading it', async () => {
  assert.equal(await readTextFile(new File(['0,1,1\n'], 'points.csv')), '0,1,1\n');
  let read = false;
  const huge = { name: 'big.csv', size: MAX_READ_BYTES + 1, text: () => { read = true; return ''; } };
  await assert.rejects(readTextFile(huge), { message: 'big.csv is 10.0 MB; files of up to 10 MB can be read.' });
  await assert.rejects(readTextFile(new File(['abcdef'], 'x.csv'), { maxBytes: 5 }), /x\.csv is 0\.0 MB/);
  assert.equal(read, false);
  const broken = { name: 'gone.csv', size: 3, text: () => Promise.reject(new Error('NotReadableError')) };
  await assert.rejects(readTextFile(broken), { message: 'Could not read gone.csv: NotReadableError' });
  await assert.rejects(readTextFile(null), TypeError);
});

test('copyText uses the Clipboard API, and falls back to a selected textarea when it is missing or denied', async () => {
  const written = [];
  const allowed = { clipboard: { writeText: async (t) => { written.push(t); } } };
  await withGlobals({ navigator: allowed, document: fakeDocument() }, async () => {
    assert.equal(await copyText('import torch'), true);
    assert.deepEqual(written, ['import torch']);
    assert.deepEqual(globalThis.document.commands, []);
  });
  for (const navigator of [{}, { clipboard: { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) } }]) {
    const doc = fakeDocument();
    await withGlobals({ navigator, document: doc }, async () => {
      assert.equal(await copyText('model = nn.Sequential()'), true);
      assert.deepEqual(doc.commands, [{ cmd: 'copy', value: 'model = nn.Sequential()' }]);
      assert.equal(doc.children.length, 0, 'the textarea is removed');
      assert.equal(doc.activeElement.focused, 1, 'focus goes back');
    });
  }
  for (const execResult of [false, new Error('SecurityError')]) {
    await withGlobals({ navigator: {}, document: fakeDocument({ execResult }) }, async () => {
      assert.equal(await copyText('x'), false);
    });
  }
  await withGlobals({ navigator: undefined, document: undefined }, async () => assert.equal(await copyText('x'), false));
});
