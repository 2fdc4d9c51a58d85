// Writes dist/index.d.ts from wasm/js/index.d.ts, replacing the ActivationName placeholder with the
// names the built module's registry lists (so the types never keep their own list of activations).
import { readFile, writeFile } from 'node:fs/promises';
import { load } from '../dist/node.mjs';

const [template, out] = process.argv.slice(2);
const ap = await load({ simd: false });
const names = ap.listActivations().map((a) => `'${a.name}'`);
const modules = ap.listActivations().map((a) => `'${a.module}'`);
const text = (await readFile(template, 'utf8'))
  .replace(/export type ActivationName =[^;]*;/, `export type ActivationName =\n  | ${names.join('\n  | ')};`)
  .replace(/export type ActivationModuleName =[^;]*;/, `export type ActivationModuleName =\n  | ${modules.join('\n  | ')};`);
if (!text.includes(names[0])) throw new Error(`gen-types: no ActivationName placeholder in ${template}`);
await writeFile(out, `// Generated from ${template} by scripts/gen-types.mjs; edit the template.\n${text}`);
