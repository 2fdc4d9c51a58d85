// The activation docs are generated from the registry; a stale committed copy fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { load } from '../../dist/node.mjs';

test('docs/activations.md matches the registry', async () => {
  const script = new URL('../../scripts/gen-docs.mjs', import.meta.url).pathname;
  execFileSync(process.execPath, [script, '--check'], { stdio: 'pipe' });  // throws on exit code 1
  const md = readFileSync(new URL('../../docs/activations.md', import.meta.url), 'utf8');
  const ap = await load();
  for (const a of ap.listActivations()) assert.ok(md.includes(`\`${a.name}\``), `${a.name} is documented`);
});
