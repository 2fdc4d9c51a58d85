// The training view: the worker trains in WASM, the page draws the heatmap, neurons and losses.
import { test, expect } from '@playwright/test';
import { watchProblems } from './problems.mjs';

/** Counts heatmap pixels that are clearly blue-ish and clearly orange-ish. */
async function heatColours(page) {
  return page.locator('#heatmap').evaluate((c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let blue = 0, orange = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (d[i + 2] > d[i] + 60) blue++;
      if (d[i] > d[i + 2] + 60) orange++;
    }
    return { blue, orange };
  });
}

test('training a tanh network on the circle learns it; the page shows heatmap, neurons and losses', async ({ page }) => {
  const problems = watchProblems(page);
  await page.goto('/');
  await expect(page.locator('body')).toHaveAttribute('data-train-epoch', '0');
  const first = Number(await page.locator('#test-loss').textContent());
  await page.selectOption('#speed', '10');
  await page.click('#play');
  await expect.poll(async () => Number(await page.locator('body').getAttribute('data-train-epoch')), { timeout: 20_000 }).toBeGreaterThan(300);
  await page.click('#play');  // pause
  const last = Number(await page.locator('#test-loss').textContent());
  expect(last).toBeLessThan(first * 0.5);
  expect(Number((await page.locator('#accuracy').textContent()).replace('%', ''))).toBeGreaterThan(90);
  await expect(page.locator('#neurons canvas')).toHaveCount(8);
  const c = await heatColours(page);
  expect(c.blue).toBeGreaterThan(2000);
  expect(c.orange).toBeGreaterThan(2000);
  expect(problems).toEqual([]);
});

test('a network without non-linear activations draws a straight boundary and fails on the circle', async ({ page }) => {
  const problems = watchProblems(page);
  await page.goto('/');
  await expect(page.locator('body')).toHaveAttribute('data-train-epoch', '0');
  await page.selectOption('#train-activation', 'linear');
  await page.selectOption('#speed', '100');
  await expect(page.locator('body')).toHaveAttribute('data-train-epoch', '0');
  await page.click('#play');
  await expect.poll(async () => Number(await page.locator('body').getAttribute('data-train-epoch')), { timeout: 20_000 }).toBeGreaterThan(300);
  await page.click('#play');
  expect(Number((await page.locator('#accuracy').textContent()).replace('%', ''))).toBeLessThan(75);
  expect(problems).toEqual([]);
});

test('the training settings live in the URL: a link restores them, bad values are reported', async ({ page }) => {
  const problems = watchProblems(page);
  await page.goto('/?fn=relu&data=spirals&classes=4&hidden=6&act=relu&features=x1,x2,sin_x1&lr=0.1&opt=adam');
  await expect(page.locator('body')).toHaveAttribute('data-train-epoch', '0');
  await expect(page.locator('#dataset')).toHaveValue('spirals');
  await expect(page.locator('#classes')).toHaveValue('4');
  await expect(page.locator('#classes')).toBeEnabled();
  await page.selectOption('#dataset', 'circle');  // two classes by definition: the count is greyed out
  await expect(page.locator('#classes')).toBeDisabled();
  await page.selectOption('#dataset', 'spirals');
  await expect(page.locator('#classes')).toBeEnabled();
  await expect(page.locator('#neurons canvas')).toHaveCount(6);
  await expect(page.locator('#features input:checked')).toHaveCount(3);
  await expect(page.locator('#activation')).toHaveValue('relu');
  await page.fill('#hidden', '5, 3');
  await page.dispatchEvent('#hidden', 'change');
  await expect.poll(() => new URL(page.url()).searchParams.get('hidden')).toBe('5, 3');
  expect(new URL(page.url()).searchParams.get('fn')).toBe('relu');
  await page.goto('/?data=nope&lr=abc&features=x9');
  await expect(page.locator('#train-error')).toContainText('ignored data="nope"');
  await expect(page.locator('#train-error')).toContainText('ignored lr="abc"');
  await expect(page.locator('body')).toHaveAttribute('data-train-epoch', '0');
  expect(problems).toEqual([]);
});

test('bad settings are reported and the trainer keeps working', async ({ page }) => {
  const problems = watchProblems(page);
  await page.goto('/');
  await expect(page.locator('body')).toHaveAttribute('data-train-epoch', '0');
  await page.fill('#hidden', 'abc');
  await page.dispatchEvent('#hidden', 'change');
  await expect(page.locator('#train-error')).toContainText('hidden layer sizes must be whole numbers');
  await page.fill('#points', '1e9');
  await page.dispatchEvent('#points', 'change');
  await expect(page.locator('#train-error')).toBeVisible();
  await page.fill('#points', '200');
  await page.fill('#hidden', '3');
  await page.dispatchEvent('#hidden', 'change');
  await expect(page.locator('#train-error')).toBeHidden();
  await expect(page.locator('#neurons canvas')).toHaveCount(3);
  await page.click('#step');
  await expect(page.locator('body')).toHaveAttribute('data-train-epoch', '1');
  expect(problems).toEqual([]);
});

test('pressing Train while the worker is still loading trains the network that was configured', async ({ page }) => {
  // Several messages reach the worker before its module has loaded; they must share one instance.
  const problems = watchProblems(page);
  await page.goto('/?data=spiral&hidden=8,8,8', { waitUntil: 'commit' });
  await page.click('#play');
  await expect.poll(async () => Number(await page.locator('body').getAttribute('data-train-epoch')), { timeout: 20_000 }).toBeGreaterThan(20);
  await expect(page.locator('#train-error')).toBeHidden();
  expect(problems).toEqual([]);
});
