// The module in a browser page: separate-file and single-file entries, SIMD and forced fallback.
import { test, expect } from '@playwright/test';
import { watchProblems } from './problems.mjs';

for (const entry of ['index', 'single']) {
  for (const simd of ['1', '0']) {
    test(`dist/${entry}.mjs loads in Chromium with simd=${simd} and trains`, async ({ page }) => {
      const problems = watchProblems(page);
      const wasmRequests = [];
      page.on('request', (r) => r.url().endsWith('.wasm') && wasmRequests.push(r.url()));
      await page.goto(`/tests/browser/fixtures/module.html?entry=${entry}&simd=${simd}`);
      await expect(page.locator('body')).toHaveAttribute('data-result', /.+/);
      const result = JSON.parse(await page.locator('body').getAttribute('data-result'));
      expect(result.error).toBeUndefined();
      expect(result.simd).toBe(simd === '1');
      expect(Math.abs(result.tanh[0] - Math.tanh(0.5))).toBeLessThan(1e-7);
      expect(result.steps).toBe(5);
      if (entry === 'single') expect(wasmRequests).toEqual([]);
      else expect(wasmRequests.length).toBe(1);
      expect(problems).toEqual([]);
    });
  }
}
