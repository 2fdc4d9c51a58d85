// docs/embedding.md lists every attribute the element reads: each key of web/state.mjs (every view's,
// and every activation parameter) is a row of its attribute table, and so are the element's own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { load } from '../../dist/node.mjs';
import { VIEWS, contextOf, paramKeys } from '../../web/state.mjs';
import { DOC, attributeTable } from '../../scripts/gen-embed-docs.mjs';

const doc = readFileSync(DOC, 'utf8');
const rowKeys = (text) => new Set([...text.matchAll(/^\| `([a-z_0-9]+)`/gm)].map((m) => m[1]));

test('the attribute table of docs/embedding.md has a row for every state key and activation parameter', async () => {
  const ctx = contextOf(await load());
  const documented = rowKeys(doc);
  const keys = [...Object.values(VIEWS).flat().map((e) => e.key), ...paramKeys(ctx).map((e) => e.key)];
  const missing = keys.filter((k) => !documented.has(k));
  assert.deepEqual(missing, [], `not in docs/embedding.md (run node scripts/gen-embed-docs.mjs): ${missing.join(', ')}`);
  // The generated rows are what the doc shows, row for row, for the keys this checkout has.
  for (const line of attributeTable(ctx).split('\n').slice(2)) assert.ok(doc.includes(line), `docs/embedding.md lacks the row\n${line}`);
});

test('the element\'s own attributes are documented too', () => {
  for (const k of ['view', 'theme', 'wasm', 'autoplay']) assert.match(doc, new RegExp(`^\\| \`${k}\` \\|`, 'm'), k);
});
