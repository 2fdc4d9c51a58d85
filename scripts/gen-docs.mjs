// Writes docs/activations.md from the activation registry (listActivations()) and the core's catalog,
// so the documentation never keeps its own list. `node scripts/gen-docs.mjs --check` exits 1 when the
// committed file is out of date (a Node test runs it).
import { readFileSync, writeFileSync } from 'node:fs';
import { load } from '../dist/node.mjs';
import { renderDocs } from './registry-text.mjs';

const out = new URL('../docs/activations.md', import.meta.url);
const text = renderDocs(await load({ simd: false }));
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(out, 'utf8');
  } catch {}
  if (current !== text) {
    console.error('docs/activations.md is out of date: run node scripts/gen-docs.mjs');
    process.exit(1);
  }
  console.log('docs/activations.md is up to date');
} else {
  writeFileSync(out, text);
  console.log(`wrote ${out.pathname}`);
}
