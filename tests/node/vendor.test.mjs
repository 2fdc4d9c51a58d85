// The vendored uPlot in web/vendor/uplot/ is the pinned npm package's, byte for byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { staleFiles, expectedFiles } from '../../scripts/vendor-uplot.mjs';

test('web/vendor/uplot matches the uplot version pinned in package.json', () => {
  assert.deepEqual(staleFiles(), [], 'run node scripts/vendor-uplot.mjs and commit web/vendor/uplot/');
});

test('the vendored README names the pinned version and the generated CSS module holds uPlot\'s CSS', async () => {
  const pinned = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).devDependencies.uplot;
  const readme = readFileSync(new URL('../../web/vendor/uplot/README.md', import.meta.url), 'utf8');
  assert.match(readme, new RegExp(`uPlot ${pinned.replace(/\./g, '\\.')}`));
  const { UPLOT_CSS } = await import('../../web/vendor/uplot/uplot-css.mjs');
  assert.equal(UPLOT_CSS, expectedFiles()['uPlot.min.css'].toString('utf8'));
  assert.match(UPLOT_CSS, /\.u-legend/);
});
