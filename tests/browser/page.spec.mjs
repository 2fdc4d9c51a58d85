// The playground page in Debian's Chromium: it loads the SIMD build, draws a chart, and survives bad input.
import { test, expect } from '@playwright/test';
import { watchProblems } from './problems.mjs';

const explorer = (page) => page.getByRole('region', { name: 'Activation explorer' });
const canvas = (page) => explorer(page).locator('canvas').first();
const field = (page, id) => explorer(page).locator(`[data-id="${id}"]`);
const code = (page, style) => explorer(page).locator(`code[data-style="${style}"]`);
const activation = (page) => explorer(page).getByRole('combobox', { name: 'Activation', exact: true });

/** Number of opaque canvas pixels close to the first two series colours (blue, orange) of the light theme. */
async function seriesPixels(page) {
  return canvas(page).evaluate((c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let blue = 0, orange = 0;
    for (let i = 0; i < d.length; i += 4) {
      const [r, g, b, a] = [d[i], d[i + 1], d[i + 2], d[i + 3]];
      if (a < 200) continue;  // the shaded ranges are translucent
      if (b > 200 && r < 80 && g > 80 && g < 130) blue++;
      if (r > 200 && g > 60 && g < 120 && b < 40) orange++;
    }
    return { blue, orange };
  });
}

test('the page loads the SIMD build and charts an activation and its derivative', async ({ page }) => {
  const problems = watchProblems(page);
  await page.goto('/?fn=tanh');
  await expect(page.locator('html')).toHaveAttribute('data-ready', 'true');
  await expect(page.locator('#build')).toHaveText('WASM SIMD');
  const options = await activation(page).locator('option').evaluateAll((os) => os.map((o) => o.value));
  expect(options.slice(0, 5)).toEqual(['step', 'sigmoid', 'tanh', 'relu', 'leaky_relu']);
  expect(options).toContain('softmax');
  expect(options).toContain('gelu');
  expect(options.length).toBeGreaterThan(25);
  const withDerivative = await seriesPixels(page);
  expect(withDerivative.blue).toBeGreaterThan(300);
  await expect(field(page, 'formula')).toContainText('exp(x)');
  await explorer(page).getByLabel('Show derivatives').uncheck();
  await expect.poll(async () => (await seriesPixels(page)).blue).toBeLessThan(withDerivative.blue - 100);
  expect(problems).toEqual([]);
});

test('switching activations redraws; parameters come from the registry and the URL', async ({ page }) => {
  const problems = watchProblems(page);
  await page.goto('/?fn=leaky_relu&negative_slope=0.25');
  await expect(page.locator('html')).toHaveAttribute('data-ready', 'true');
  await expect(explorer(page).getByLabel('negative_slope of leaky_relu (number)')).toHaveValue('0.25');
  await expect(code(page, 'functional')).toHaveText('F.leaky_relu(x, negative_slope=0.25)');
  await activation(page).selectOption('tanh');
  await expect(field(page, 'formula')).toContainText('exp(x)');
  await expect(field(page, 'chips').locator('input')).toHaveCount(0);
  expect(new URL(page.url()).searchParams.get('explorer.activation')).toBe('tanh');
  expect(problems).toEqual([]);
});

test('choice parameters get a menu: gelu switches between erf and tanh forms', async ({ page }) => {
  const problems = watchProblems(page);
  await page.goto('/?fn=gelu&approximate=tanh');
  await expect(page.locator('html')).toHaveAttribute('data-ready', 'true');
  const menu = explorer(page).getByLabel('approximate of gelu');
  await expect(menu).toHaveValue('tanh');
  await expect(code(page, 'functional')).toHaveText("F.gelu(x, approximate='tanh')");
  await menu.selectOption('none');
  await expect(code(page, 'functional')).toHaveText(/^F\.gelu\(x(, approximate='none')?\)$/);
  await activation(page).selectOption('threshold');
  await expect(field(page, 'chips').locator('input[type=number]')).toHaveCount(2);
  await expect(code(page, 'functional')).toHaveText(/^F\.threshold\(x, threshold=0(\.0)?, value=0(\.0)?\)$/);
  expect((await seriesPixels(page)).blue).toBeGreaterThan(300);
  expect(problems).toEqual([]);
});

test('a second activation can be drawn over the first, and the choice is kept in the URL', async ({ page }) => {
  const problems = watchProblems(page);
  await page.goto('/?fn=sigmoid&vs=tanh');
  await expect(page.locator('html')).toHaveAttribute('data-ready', 'true');
  await expect(explorer(page).getByRole('button', { name: 'Remove tanh' })).toBeVisible();
  expect((await seriesPixels(page)).orange).toBeGreaterThan(200);
  await explorer(page).getByRole('button', { name: 'Remove tanh' }).click();
  await expect.poll(async () => (await seriesPixels(page)).orange).toBe(0);
  expect(new URL(page.url()).searchParams.has('explorer.compare')).toBe(false);
  expect(new URL(page.url()).searchParams.has('vs')).toBe(false);
  await page.goto('/?fn=relu&vs=nope');
  await expect(explorer(page).getByRole('alert')).toContainText('ignored vs="nope"');
  expect(problems).toEqual([]);
});

test('bad input is reported on the page and the chart keeps working', async ({ page }) => {
  const problems = watchProblems(page);
  await page.goto('/?fn=nope&negative_slope=abc');
  await expect(page.locator('html')).toHaveAttribute('data-ready', 'true');
  await expect(explorer(page).getByRole('alert')).toContainText('ignored fn="nope"');
  await activation(page).selectOption('leaky_relu');
  const box = explorer(page).getByLabel('negative_slope of leaky_relu (number)');
  await box.fill('');
  await expect(explorer(page).getByRole('alert')).toContainText('negative_slope of leaky_relu must be a finite number');
  await box.fill('0.3');
  await expect(explorer(page).getByRole('alert')).toBeHidden();
  await expect(code(page, 'functional')).toContainText('negative_slope=0.3');
  expect((await seriesPixels(page)).blue).toBeGreaterThan(300);
  expect(problems).toEqual([]);
});

test('the explorer and the softmax view run on the activations-only module, before the whole module arrives', async ({ page }) => {
  const problems = watchProblems(page);
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  const wasm = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(new URL(r.url()).pathname); });
  // The whole module is held back until the first views are checked.
  await page.route('**/dist/ap_simd.wasm', async (route) => { await held; await route.continue(); });
  await page.goto('/?fn=relu');
  await expect.poll(async () => (await seriesPixels(page)).blue).toBeGreaterThan(300);
  await expect(field(page, 'formula')).toContainText('max(0, x)');
  const softmax = page.getByRole('region', { name: 'Softmax' });
  await expect(softmax.getByRole('slider').first()).toBeVisible();
  expect(wasm[0]).toBe('/dist/page/ap_act_simd.wasm');
  await expect(page.locator('html')).not.toHaveAttribute('data-ready', 'true');
  await expect(page.locator('#trainer-root[data-train-epoch]')).toHaveCount(0);
  release();
  await expect(page.locator('html')).toHaveAttribute('data-ready', 'true');
  await expect(page.locator('#trainer-root[data-train-epoch]')).toHaveCount(1);
  expect(wasm.sort()).toEqual(['/dist/ap_simd.wasm', '/dist/page/ap_act_simd.wasm']);
  expect(problems).toEqual([]);
});
