// Packages the page's modules for embedding:
//   node scripts/build-embed.mjs          web/ → dist/web/ (the npm package: dist/web/embed.mjs works
//                                         from any npm CDN), with '../dist/' imports rewritten to '../'
//   node scripts/build-embed.mjs --site   also writes site/: index.html, web/, dist/ (browser files),
//                                         examples/ and docs/embedding.md — a static folder for the
//                                         iframe embeds (npm CDNs serve .html as text/plain)
// Run by scripts/setup.sh after the WASM build; needs dist/ built.
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const web = join(repo, 'web');
const dist = join(repo, 'dist');

/** Every file below `dir`, as paths relative to it. */
function filesBelow(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? filesBelow(p).map((f) => join(e.name, f)) : [e.name];
  });
}

/** A web/ module's text as it is shipped under dist/web/ (or elsewhere): '../dist/' specifiers become `distPrefix`. */
export function rewriteModule(text, distPrefix = '../') {
  return text.replaceAll("'../dist/", `'${distPrefix}`);
}

/** Copies web/ into `out`, rewriting the modules' '../dist/' specifiers (and URLs) to `distPrefix`. */
export function copyWeb(out, distPrefix) {
  rmSync(out, { recursive: true, force: true });
  let rewritten = 0;
  for (const f of filesBelow(web)) {
    const to = join(out, f);
    mkdirSync(dirname(to), { recursive: true });
    if (f.endsWith('.mjs') && distPrefix !== '../dist/') {
      const text = readFileSync(join(web, f), 'utf8');
      const next = rewriteModule(text, distPrefix);
      if (next !== text) rewritten++;
      if (next.includes('../dist/')) throw new Error(`build-embed: ${f} still names ../dist/ after the rewrite`);
      writeFileSync(to, next);
    } else cpSync(join(web, f), to);
  }
  return rewritten;
}

function main() {
  if (!existsSync(join(dist, 'index.mjs'))) throw new Error('build-embed: dist/index.mjs is missing; build the WASM modules first');
  const n = copyWeb(join(dist, 'web'), '../');
  console.log(`build-embed: web/ → dist/web/ (${n} modules import ../index.mjs)`);
  if (!process.argv.includes('--site')) return;
  const site = join(repo, 'site');
  rmSync(site, { recursive: true, force: true });
  mkdirSync(site);
  cpSync(join(repo, 'index.html'), join(site, 'index.html'));
  copyWeb(join(site, 'web'), '../dist/');
  mkdirSync(join(site, 'dist'));
  for (const f of readdirSync(dist)) {
    const p = join(dist, f);
    if (statSync(p).isFile() && !/^node\.|\.d\.c?ts$/.test(f)) cpSync(p, join(site, 'dist', f));
  }
  cpSync(join(dist, 'page'), join(site, 'dist', 'page'), { recursive: true });  // the page's first module
  if (existsSync(join(repo, 'examples'))) cpSync(join(repo, 'examples'), join(site, 'examples'), { recursive: true });
  mkdirSync(join(site, 'docs'), { recursive: true });
  cpSync(join(repo, 'docs', 'embedding.md'), join(site, 'docs', 'embedding.md'));
  console.log(`build-embed: static site in ${relative(process.cwd(), site) || '.'}/ (serve it with any static host)`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
