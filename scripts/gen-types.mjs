// Writes dist/index.d.ts from wasm/js/index.d.ts, replacing the ActivationName placeholder with the
// names the built module's registry lists (so the types never keep their own list of activations).
import { readFile, writeFile } from 'node:fs/promises';
import { load } from '../dist/node.mjs';

const [template, out] = process.argv.slice(2);
const ap = await load({ simd: false });
const union = (list) => `\n  | ${list.map((n) => `'${n}'`).join('\n  | ')}`;
const names = ap.listActivations().map((a) => a.name);
const fill = {
  ActivationName: names,
  ActivationModuleName: ap.listActivations().map((a) => a.module),
  LossName: ap.losses(),
  InitScheme: ap.inits(),
  FeatureName: ap.features(),
  DatasetName: ap.datasets.list().map((d) => d.name),
};
let text = await readFile(template, 'utf8');
for (const [type, list] of Object.entries(fill)) {
  const re = new RegExp(`export type ${type} = string;[^\n]*`);
  if (!re.test(text)) throw new Error(`gen-types: no ${type} placeholder in ${template}`);
  text = text.replace(re, `export type ${type} =${union(list)};`);
}
await writeFile(out, `// Generated from ${template} by scripts/gen-types.mjs; edit the template.\n${text}`);
