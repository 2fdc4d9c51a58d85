// The playground page in Debian's Chromium: it loads the SIMD build, draws a chart, and survives bad input.
import { test, expect } from '@playwright/test';
import { watchProblems } from './problems.mjs';

const explorer = (page) => page.getByRole('region', { name: 'Activation explorer' });
const chart = (page) => explorer(page).getByRole('img', { name: 'Activation chart' });
const field = (page, id) => explorer(page).locator(`[data-id="${id}"]`);

/** Number of canvas pixels close to a series colour (blue value curve, orange derivative). */
async function seriesPixels(page) {
  return chart(page).evaluate((c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let blue = 0, orange = 0;
    for (let i = 0; i < d.length; i += 4) {
      const [r, g, b] = [d[i], d[i + 1], d[i + 2]];
      if (b > 200 && r < 80 && g > 80 && g < 130) blue++;
      if (r > 200 && g > 60 && g < 120 && b < 40) orange++;
    }
    return { blue, orange };
  });
}

test('the page loads the SIMD build and charts an activation and its derivative', async ({ page }) => {
  const problems = watchProblems(page);
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('data-ready', 'true');
  await expect(page.locator('#build')).toHaveText('WASM SIMD');
  const options = await explorer(page).getByRole('combobox', { name: 'Activation', exact: true }).locator('option').evaluateAll((os) => os.map((o) => o.value));
  expect(options.slice(0, 5)).toEqual(['step', 'sigmoid', 'tanh', 'relu', 'leaky_relu']);
  expect(options).toContain('softmax');
  expect(options).toContain('gelu');
  expect(options.length).toBeGreaterThan(25);
  const px = await seriesPixels(page);
  expect(px.blue).toBeGreaterThan(300);
  expect(px.orange).toBeGreaterThan(150);
  await expect(field(page, 'formula')).toHaveText('1 if x > 0 else 0');
  expect(problems).toEqual([]);
});

test('switching activations redraws; parameters come from the registry and the URL', async ({ page }) => {
  const problems = watchProblems(page);
  await page.goto('/?fn=leaky_relu&negative_slope=0.25');
  await expect(page.locator('html')).toHaveAttribute('data-ready', 'true');
  await expect(field(page, 'params').locator('input')).toHaveValue('0.25');
  await expect(field(page, 'torch-code')).toContainText('F.leaky_relu(x, negative_slope=0.25)');
  await explorer(page).getByRole('combobox', { name: 'Activation', exact: true }).selectOption('tanh');
  await expect(field(page, 'formula')).toContainText('exp(x)');
  await expect(field(page, 'params').locator('input')).toHaveCount(0);
  expect(new URL(page.url()).searchParams.get('explorer.activation')).toBe('tanh');
  await explorer(page).getByLabel('Show derivative').uncheck();
  expect((await seriesPixels(page)).orange).toBe(0);
  expect(problems).toEqual([]);
});

test('choice parameters get a menu: gelu switches between erf and tanh forms', async ({ page }) => {
  const problems = watchProblems(page);
  await page.goto('/?fn=gelu&approximate=tanh');
  await expect(page.locator('html')).toHaveAttribute('data-ready', 'true');
  await expect(field(page, 'params').locator('select')).toHaveValue('tanh');
  await expect(field(page, 'torch-code')).toContainText("F.gelu(x, approximate='tanh')");
  await field(page, 'params').locator('select').selectOption('none');
  await expect(field(page, 'torch-code')).toContainText("approximate='none'");
  await explorer(page).getByRole('combobox', { name: 'Activation', exact: true }).selectOption('threshold');
  await expect(field(page, 'params').locator('input')).toHaveCount(2);
  await expect(field(page, 'torch-code')).toContainText('F.threshold(x, threshold=0, value=0)');
  expect((await seriesPixels(page)).blue).toBeGreaterThan(300);
  expect(problems).toEqual([]);
});

test('a second activation can be drawn over the first, and the choice is kept in the URL', async ({ page }) => {
  const problems = watchProblems(page);
  await page.goto('/?fn=sigmoid&vs=tanh');
  await expect(page.locator('html')).toHaveAttribute('data-ready', 'true');
  await expect(explorer(page).getByLabel('Compare with')).toHaveValue('tanh');
  const green = await chart(page).evaluate((c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i + 1] > 120 && d[i] < 60 && d[i + 2] < 100) n++;
    return n;
  });
  expect(green).toBeGreaterThan(200);
  await explorer(page).getByLabel('Compare with').selectOption('');
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
  await explorer(page).getByRole('combobox', { name: 'Activation', exact: true }).selectOption('leaky_relu');
  await field(page, 'params').locator('input').fill('');
  await expect(explorer(page).getByRole('alert')).toContainText('negative_slope must be a finite number');
  await field(page, 'params').locator('input').fill('0.3');
  await expect(explorer(page).getByRole('alert')).toBeHidden();
  await expect(field(page, 'torch-code')).toContainText('negative_slope=0.3');
  expect((await seriesPixels(page)).blue).toBeGreaterThan(300);
  expect(problems).toEqual([]);
});
