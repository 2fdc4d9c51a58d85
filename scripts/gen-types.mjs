// Writes dist/index.d.ts from wasm/js/index.d.ts with the built module's names and limits filled in
// (so the types never keep their own list of activations, losses or limits).
import { readFile, writeFile } from 'node:fs/promises';
import { load } from '../dist/node.mjs';
import { renderTypes } from './registry-text.mjs';

const [template, out] = process.argv.slice(2);
const ap = await load({ simd: false });
const text = renderTypes(ap, await readFile(template, 'utf8'));
await writeFile(out, `// Generated from ${template} by scripts/gen-types.mjs; edit the template.\n${text}`);
