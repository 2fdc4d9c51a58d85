// "Embed this": the snippets say what the page shows, in a form a browser reads back the same way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { load } from '../../dist/node.mjs';
import { CDN_SCRIPT, PACKAGE_VERSION, listOf, snippets, viewEntries } from '../../web/embed-this.mjs';
import { TRAINER_KEYS, contextOf, paramKeys } from '../../web/state.mjs';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));

test('the snippets load the version this package is, from the path the package ships', () => {
  assert.equal(PACKAGE_VERSION, pkg.version);
  assert.ok(pkg.files.includes('dist/') && CDN_SCRIPT.endsWith(`activation-playground@${pkg.version}/dist/web/embed.mjs`), CDN_SCRIPT);
  // The docs name the same script.
  const docs = readFileSync(new URL('../../docs/embedding.md', import.meta.url), 'utf8');
  for (const m of docs.matchAll(/activation-playground@([\d.]+)\//g)) assert.equal(m[1], pkg.version, 'docs/embedding.md names another version');
});

test('element and iframe carry the same state; hide and lock become attributes and URL keys', () => {
  const s = snippets({ view: 'trainer', entries: [['dataset', 'xor'], ['hidden', '3,2'], ['lr', '0.1']], hide: ['optimizer'], lock: ['dataset', 'lr'], pageUrl: 'https://example.org/play/index.html?trainer.lr=0.1#top' });
  assert.match(s.element, /^<script type="module" src="https:\/\/cdn\.jsdelivr\.net\/npm\/activation-playground@[\d.]+\/dist\/web\/embed\.mjs"><\/script>\n/);
  // `hidden` is an HTML attribute of its own: the element spells the key hidden_layers.
  assert.match(s.element, /<activation-playground view="trainer" dataset="xor" hidden_layers="3,2" lr="0.1" hide="optimizer" lock="dataset,lr"><\/activation-playground>$/);
  const src = new URL(s.iframe.match(/src="([^"]+)"/)[1].replaceAll('&amp;', '&'));
  assert.equal(src.origin + src.pathname, 'https://example.org/play/index.html');
  assert.equal(src.hash, '');
  assert.deepEqual([...src.searchParams], [['embed', '1'], ['view', 'trainer'], ['dataset', 'xor'], ['hidden', '3,2'], ['lr', '0.1'], ['hide', 'optimizer'], ['lock', 'dataset,lr']]);
  assert.match(s.iframe, /title="Activation Playground: trainer"/);
});

test('values are escaped in attributes and the URL, so no snippet can break out of its tag', () => {
  const evil = '"><script>alert(1)</script><x a=\'';
  const s = snippets({ view: 'trainer', entries: [['lesson', evil]], pageUrl: 'https://example.org/' });
  assert.ok(!s.element.includes('<script>alert'), s.element);
  assert.ok(!/"><script/.test(s.element) && !/"><script/.test(s.iframe));
  assert.match(s.element, /lesson="&quot;&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;&lt;x a='"/);
  // Read back as a browser would (entities decoded), the attribute holds the value unchanged.
  const attr = s.element.match(/lesson="([^"]*)"/)[1].replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&amp;', '&');
  assert.equal(attr, evil);
  const src = new URL(s.iframe.match(/src="([^"]+)"/)[1].replaceAll('&amp;', '&'));
  assert.equal(src.searchParams.get('lesson'), evil);
});

test('viewEntries takes the view\'s own keys from the URL as the state table parses them, and drops what it rejects', async () => {
  const ap = await load();
  const ctx = contextOf(ap);
  const keys = [...TRAINER_KEYS, ...paramKeys(ctx)];
  const search = '?v=1&explorer.activation=elu&trainer.dataset=xor&trainer.lr=abc&trainer.batch_size=%2007&trainer.show_test=yes&trainer.nope=1&trainer.dataset=circle&negative_slope=0.3&trainer.negative_slope=0.2';
  assert.deepEqual(viewEntries(search, { prefix: 'trainer.', keys, ctx }),
    [['dataset', 'xor'], ['batch_size', '7'], ['show_test', '1'], ['negative_slope', '0.2']]);
  // A page showing one view (?view=trainer) has its keys unprefixed; `view` itself is not a state key.
  assert.deepEqual(viewEntries('?view=trainer&dataset=spiral&lr=0.3', { keys, ctx }), [['dataset', 'spiral'], ['lr', '0.3']]);
  assert.deepEqual(listOf(' optimizer, ,seed ,'), ['optimizer', 'seed']);
  assert.deepEqual(listOf(null), []);
});
