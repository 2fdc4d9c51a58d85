// The playground page in Debian's Chromium: it loads the SIMD build, draws a chart, and survives bad input.
import { test, expect } from '@playwright/test';
import { watchProblems } from './problems.mjs';

/** Number of canvas pixels close to a series colour (blue value curve, orange derivative). */
async function seriesPixels(page) {
  return page.locator('#chart').evaluate((c) => {
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
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  await expect(page.locator('#build')).toHaveText('WASM SIMD');
  const options = await page.locator('#activation option').evaluateAll((os) => os.map((o) => o.value));
  expect(options.slice(0, 5)).toEqual(['step', 'sigmoid', 'tanh', 'relu', 'leaky_relu']);
  expect(options).toContain('softmax');
  expect(options).toContain('gelu');
  expect(options.length).toBeGreaterThan(25);
  const px = await seriesPixels(page);
  expect(px.blue).toBeGreaterThan(300);
  expect(px.orange).toBeGreaterThan(150);
  await expect(page.locator('#formula')).toHaveText('1 if x > 0 else 0');
  expect(problems).toEqual([]);
});

test('switching activations redraws; parameters come from the registry and the URL', async ({ page }) => {
  const problems = watchProblems(page);
  await page.goto('/?fn=leaky_relu&negative_slope=0.25');
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  await expect(page.locator('#params input')).toHaveValue('0.25');
  await expect(page.locator('#torch-code')).toContainText('F.leaky_relu(x, negative_slope=0.25)');
  await page.selectOption('#activation', 'tanh');
  await expect(page.locator('#formula')).toContainText('exp(x)');
  await expect(page.locator('#params input')).toHaveCount(0);
  expect(page.url()).toContain('fn=tanh');
  await page.uncheck('#show-derivative');
  expect((await seriesPixels(page)).orange).toBe(0);
  expect(problems).toEqual([]);
});

test('choice parameters get a menu: gelu switches between erf and tanh forms', async ({ page }) => {
  const problems = watchProblems(page);
  await page.goto('/?fn=gelu&approximate=tanh');
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  await expect(page.locator('#params select')).toHaveValue('tanh');
  await expect(page.locator('#torch-code')).toContainText("F.gelu(x, approximate='tanh')");
  await page.selectOption('#params select', 'none');
  await expect(page.locator('#torch-code')).toContainText("approximate='none'");
  await page.selectOption('#activation', 'threshold');
  await expect(page.locator('#params input')).toHaveCount(2);
  await expect(page.locator('#torch-code')).toContainText('F.threshold(x, threshold=0.0, value=0.0)');
  expect((await seriesPixels(page)).blue).toBeGreaterThan(300);
  expect(problems).toEqual([]);
});

test('a second activation can be drawn over the first, and the choice is kept in the URL', async ({ page }) => {
  const problems = watchProblems(page);
  await page.goto('/?fn=sigmoid&vs=tanh');
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  await expect(page.locator('#compare')).toHaveValue('tanh');
  const green = await page.locator('#chart').evaluate((c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i + 1] > 120 && d[i] < 60 && d[i + 2] < 100) n++;
    return n;
  });
  expect(green).toBeGreaterThan(200);
  await page.selectOption('#compare', '');
  expect(new URL(page.url()).searchParams.has('vs')).toBe(false);
  await page.goto('/?fn=relu&vs=nope');
  await expect(page.locator('#error')).toContainText('ignored vs="nope"');
  expect(problems).toEqual([]);
});

test('bad input is reported on the page and the chart keeps working', async ({ page }) => {
  const problems = watchProblems(page);
  await page.goto('/?fn=nope&negative_slope=abc');
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  await expect(page.locator('#error')).toContainText('unknown activation "nope"');
  await page.selectOption('#activation', 'leaky_relu');
  await page.fill('#params input', '');
  await expect(page.locator('#error')).toContainText('negative_slope must be a finite number');
  await page.fill('#params input', '0.3');
  await expect(page.locator('#error')).toBeHidden();
  await expect(page.locator('#torch-code')).toContainText('negative_slope=0.3');
  expect((await seriesPixels(page)).blue).toBeGreaterThan(300);
  expect(problems).toEqual([]);
});
