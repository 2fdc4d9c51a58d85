// The page under its own Content-Security-Policy (index.html's <meta http-equiv>): with both WASM
// builds, the explorer draws, the softmax view answers and the trainer trains without a single
// securitypolicyviolation — so the Emscripten glue needs no eval and the views no inline script or
// style — while the policy is in force (an inline script is refused).
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { watchProblems } from './problems.mjs';

const META = readFileSync(new URL('../../index.html', import.meta.url), 'utf8').match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/);

/** Records every CSP violation of the page from its first script on. */
const recordViolations = (page) => page.addInitScript(() => {
  window.cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
  });
});

/** Pixels of the explorer's chart that are drawn (opaque and not the background). */
const inkOf = (page) => page.locator('#explorer-root canvas').first().evaluate((c) => {
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 200 && Math.abs(d[i] - d[i + 2]) > 80) n++;
  return n;
});

test('the policy is the one the README documents', () => {
  expect(META, 'index.html has a CSP meta tag').not.toBeNull();
  const directives = Object.fromEntries(META[1].split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v.join(' ')]));
  expect(directives).toEqual({
    'default-src': "'self'", 'script-src': "'self' 'wasm-unsafe-eval'", 'worker-src': "'self' blob:", 'style-src': "'self'",
    'img-src': "'self' data: blob:", 'connect-src': "'self'", 'object-src': "'none'", 'base-uri': "'none'", 'form-action': "'none'",
  });
});

for (const build of ['simd', 'fallback']) {
  test(`under the CSP the ${build} build draws, trains and raises no violation`, async ({ page }) => {
    const problems = watchProblems(page);
    await recordViolations(page);
    await page.goto(`/index.html?wasm=${build}&trainer.speed=max`);
    await expect(page.locator('html')).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
    await expect(page.locator('html')).toHaveAttribute('data-build', build);
    // The explorer draws, and redraws for another activation.
    await expect.poll(() => inkOf(page)).toBeGreaterThan(200);
    await page.getByRole('combobox', { name: 'Activation', exact: true }).first().selectOption('gelu');
    await expect(page.locator('#explorer-root [data-id="formula"]')).toContainText("Phi(x)");
    await expect.poll(() => inkOf(page)).toBeGreaterThan(200);
    // The trainer trains in its worker, its loss finite; the export path (Blob download) works too.
    const t = page.getByRole('region', { name: 'Train a network' });
    await t.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => page.locator('#trainer-root').getAttribute('data-train-epoch').then(Number), { timeout: 20_000 }).toBeGreaterThan(5);
    await t.getByRole('button', { name: 'Pause' }).click();
    expect(Number(await t.getByLabel('Training loss', { exact: true }).textContent())).toBeLessThan(10);
    const [download] = await Promise.all([page.waitForEvent('download'), t.getByRole('button', { name: 'Download model' }).click()]);
    expect(JSON.parse(readFileSync(await download.path(), 'utf8')).format).toMatch(/^activation-playground\//);
    expect(await page.evaluate(() => window.cspViolations)).toEqual([]);
    // The policy is in force: an inline script is refused (and reported).
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.inlineRan = true';
      document.head.append(s);
    });
    await expect.poll(() => page.evaluate(() => window.cspViolations.length)).toBe(1);
    expect(await page.evaluate(() => [window.inlineRan, window.cspViolations[0]])).toEqual([undefined, expect.stringMatching(/^script-src-elem blocked inline/)]);
    expect(problems.filter((p) => !/Executing inline script violates the following Content Security Policy directive/.test(p))).toEqual([]);
  });
}
