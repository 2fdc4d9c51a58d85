// The activation explorer in Debian's Chromium, used as a person would: controls found by role and
// name inside the "Activation explorer" region; values checked against ap.F run in the page.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { watchProblems } from './problems.mjs';

const explorer = (page) => page.getByRole('region', { name: 'Activation explorer' });
const code = (page, style) => explorer(page).locator(`code[data-style="${style}"]`);
const cursor = (page) => explorer(page).getByRole('slider', { name: /^Readout cursor/ });
const figure = (page) => explorer(page).locator('.ap-plot-function');
const param = (page) => new URL(page.url()).searchParams;

async function open(page, query) {
  const problems = watchProblems(page);
  await page.goto(`/${query}`);
  await expect(page.locator('html')).toHaveAttribute('data-ready', 'true');
  return problems;
}

/** A checksum of the explorer's chart canvas. */
const chartSum = (page) => explorer(page).locator('canvas').first().evaluate((c) => {
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let sum = 0;
  for (let i = 0; i < d.length; i += 4) sum = (sum * 31 + d[i] + 7 * d[i + 1] + 13 * d[i + 2] + 17 * d[i + 3]) % 1000000007;
  return sum;
});

/** f and f′ by the core, loaded afresh in the page. */
const coreAt = (page, name, x, params = {}) => page.evaluate(async ([name, x, params]) => {
  const { load } = await import('/dist/index.mjs');
  const ap = await load();
  const xs = new Float32Array([x]);
  return [ap.F[name](xs, params)[0], ap.F[name].backward(xs, null, params)[0]];
}, [name, x, params]);

test('overlays and parameter sliders change the chart and the code as a person expects', async ({ page }) => {
  const problems = await open(page, '?fn=leaky_relu');
  const e = explorer(page);
  await expect(code(page, 'module')).toHaveText(/^nn\.LeakyReLU\((negative_slope=0\.01)?\)$/);  // the core's spelling writes defaults
  let before = await chartSum(page);
  await e.getByRole('slider', { name: 'negative_slope of leaky_relu' }).fill('0.2');
  await expect(e.getByLabel('negative_slope of leaky_relu (number)')).toHaveValue('0.2');
  await expect(code(page, 'module')).toHaveText('nn.LeakyReLU(negative_slope=0.2)');
  await expect(code(page, 'functional')).toHaveText('F.leaky_relu(x, negative_slope=0.2)');
  await expect(code(page, 'js')).toHaveText('ap.F.leaky_relu(x, { negative_slope: 0.2 })');
  await expect.poll(() => chartSum(page)).not.toBe(before);
  expect(param(page).get('explorer.negative_slope')).toBe('0.2');

  before = await chartSum(page);
  await e.getByRole('combobox', { name: 'Add activation' }).selectOption('tanh');
  await e.getByRole('combobox', { name: 'Add activation' }).selectOption('elu');
  await expect(e.getByRole('button', { name: 'Remove tanh' })).toBeVisible();
  await expect(e.getByRole('button', { name: 'Remove elu' })).toBeVisible();
  await expect.poll(() => chartSum(page)).not.toBe(before);
  await expect(figure(page)).toHaveAttribute('aria-label', /leaky_relu, leaky_relu′, tanh, tanh′, elu, elu′/);
  expect(param(page).get('explorer.compare')).toBe('tanh,elu');
  // A parameter of an overlay changes that overlay only; the code stays the selected one's.
  await e.getByLabel('alpha of elu (number)').fill('2');
  await expect(code(page, 'module')).toHaveText('nn.LeakyReLU(negative_slope=0.2)');
  // "Select" makes an overlay the selected activation: its code, formula and shading.
  await e.getByRole('button', { name: 'Select elu' }).click();
  await expect(e.getByRole('combobox', { name: 'Activation', exact: true })).toHaveValue('elu');
  await expect(code(page, 'module')).toHaveText(/^nn\.ELU\(alpha=2(\.0)?\)$/);
  await expect(e.locator('[data-id="formula"]')).toContainText('alpha * (exp(x) - 1)');
  expect(param(page).get('explorer.activation')).toBe('elu');
  expect(param(page).get('explorer.alpha')).toBe('2');
  await e.getByRole('button', { name: 'Remove tanh' }).click();
  await expect(e.getByRole('button', { name: 'Remove tanh' })).toHaveCount(0);
  expect(param(page).get('explorer.compare')).toBe('leaky_relu');
  // The table shows every curve's column.
  await e.getByRole('button', { name: 'Show as table' }).click();
  await expect(e.locator('.ap-plot-table th')).toHaveText(['x', 'elu', 'elu′', 'leaky_relu', 'leaky_relu′']);
  expect(problems).toEqual([]);
});

test('registry spellings: step is torch.heaviside, softmax is drawn along one input, sigmoid is torch.sigmoid', async ({ page }) => {
  const problems = await open(page, '?fn=step');
  await expect(code(page, 'functional')).toHaveText(/^torch\.heaviside\(x, /);
  await expect(code(page, 'module')).toContainText('torch.heaviside(x, ');
  await expect(explorer(page).locator('.ex-shade')).toContainText('exactly 0 (dead zone) on 100 %');
  await explorer(page).getByRole('combobox', { name: 'Activation', exact: true }).selectOption('softmax');
  await expect(code(page, 'module')).toHaveText('nn.Softmax(dim=-1)');
  await expect(code(page, 'js')).toHaveText('ap.F.softmax(x, { dim: -1 })');
  await expect(figure(page)).toHaveAttribute('aria-label', /^softmax\(\[x, 0\]\)\[0\]: range/);
  await explorer(page).getByRole('combobox', { name: 'Activation', exact: true }).selectOption('sigmoid');
  await expect(code(page, 'functional')).toHaveText(/^(torch|F)\.sigmoid\(x\)$/);
  expect(problems).toEqual([]);
});

test('the text alternative states the range and the derivative peak computed from the samples', async ({ page }) => {
  const problems = await open(page, '?fn=tanh');
  await expect(figure(page)).toHaveAttribute('aria-label', /^tanh: range \(−1, 1\); derivative peaks at 1 at x = 0\./);
  await page.goto('/?fn=relu');
  await expect(figure(page)).toHaveAttribute('aria-label', /^relu: range \[0, inf\); derivative is at its largest, 1, from x = 0\.02 to 6\./);
  await expect(explorer(page).locator('.ex-shade')).toHaveText('Shaded for relu: gradient vanishes (|f′| < 0.01) on 50.1 % of the x range shown; exactly 0 (dead zone) on 50.1 %');
  expect(problems).toEqual([]);
});

test('the readout moves with the arrow keys and shows the values of ap.F', async ({ page }) => {
  const problems = await open(page, '?fn=tanh&vs=gelu');
  const c = cursor(page);
  await c.focus();
  await page.keyboard.press('ArrowRight');
  const x1 = Number(await c.getAttribute('aria-valuenow'));
  for (let i = 0; i < 25; i++) await page.keyboard.press('ArrowRight');
  const x2 = Number(await c.getAttribute('aria-valuenow'));
  expect(x2).toBeCloseTo(x1 + 25 * 0.02, 4);
  const text = await c.getAttribute('aria-valuetext');
  const value = (label) => Number(new RegExp(`(?:: |, )${label.replace(/[()[\]]/g, '\\$&')} (-?[\\d.e-]+)`).exec(text)[1]);
  const [f, d] = await coreAt(page, 'tanh', x2);
  const [g, dg] = await coreAt(page, 'gelu', x2);
  for (const [shown, want] of [[value('tanh'), f], [value('tanh′'), d], [value('gelu'), g], [value('gelu′'), dg]]) {
    expect(Math.abs(shown - want)).toBeLessThan(1e-3 * Math.max(1, Math.abs(want)));
  }
  await expect(explorer(page).locator('.ap-plot-readout')).toHaveText(text);
  await page.keyboard.press('Shift+ArrowLeft');
  expect(Number(await c.getAttribute('aria-valuenow'))).toBeCloseTo(x2 - 0.2, 4);
  expect(problems).toEqual([]);
});

test('zoom: the x boxes, the wheel and Reset zoom change the range, the samples and the URL', async ({ page }) => {
  const problems = await open(page, '?fn=relu');
  const e = explorer(page);
  await e.getByLabel('x from', { exact: true }).fill('-2');
  await e.getByLabel('x to', { exact: true }).fill('3');
  await e.getByLabel('x to', { exact: true }).press('Enter');
  await expect.poll(() => param(page).get('explorer.x_max')).toBe('3');
  expect(param(page).get('explorer.x_min')).toBe('-2');
  await expect(figure(page)).toHaveAttribute('aria-label', /over x from -2 to 3$/);
  // Resampled over the visible range: the table's first and last x are the range's ends.
  await e.getByRole('button', { name: 'Show as table' }).click();
  await expect(e.locator('.ap-plot-table tbody tr').first().locator('td').first()).toHaveText('-2');
  await expect(e.locator('.ap-plot-table tbody tr').last().locator('td').first()).toHaveText('3');
  await e.getByRole('button', { name: 'Hide table' }).click();
  // The wheel zooms in around the pointer.
  const box = await e.locator('.u-over').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -300);
  await expect.poll(async () => Number(await e.getByLabel('x to', { exact: true }).inputValue())).toBeLessThan(3);
  expect(Number(param(page).get('explorer.x_max'))).toBeLessThan(3);
  await e.getByRole('button', { name: 'Reset zoom' }).click();
  await expect(e.getByLabel('x from', { exact: true })).toHaveValue('-6');
  await expect(e.getByLabel('x to', { exact: true })).toHaveValue('6');
  expect(param(page).has('explorer.x_min')).toBe(false);
  // A reversed range is refused with a notice and leaves the chart as it was.
  await e.getByLabel('x from', { exact: true }).fill('7');
  await e.getByLabel('x from', { exact: true }).press('Enter');
  await expect(e.getByRole('alert')).toContainText('x from must be less than x to');
  expect(param(page).has('explorer.x_min')).toBe(false);
  expect(problems).toEqual([]);
});

test('a link with the state restores it', async ({ page }) => {
  const problems = await open(page, '?explorer.activation=elu&explorer.alpha=2&explorer.compare=relu,gelu&explorer.derivative=0&explorer.x_min=-1&explorer.x_max=1.5');
  const e = explorer(page);
  await expect(e.getByRole('combobox', { name: 'Activation', exact: true })).toHaveValue('elu');
  await expect(e.getByLabel('alpha of elu (number)')).toHaveValue('2');
  await expect(e.getByRole('button', { name: 'Remove relu' })).toBeVisible();
  await expect(e.getByRole('button', { name: 'Remove gelu' })).toBeVisible();
  await expect(e.getByLabel('Show derivatives')).not.toBeChecked();
  await expect(e.getByLabel('x from', { exact: true })).toHaveValue('-1');
  await expect(e.getByLabel('x to', { exact: true })).toHaveValue('1.5');
  await expect(code(page, 'module')).toHaveText(/^nn\.ELU\(alpha=2(\.0)?\)$/);
  await expect(figure(page)).toHaveAttribute('aria-label', /elu, relu, gelu over x from -1 to 1.5$/);
  expect(param(page).get('explorer.x_min')).toBe('-1');
  // Reset zoom returns to the core's range, not the link's.
  await e.getByRole('button', { name: 'Reset zoom' }).click();
  await expect(e.getByLabel('x from', { exact: true })).toHaveValue('-6');
  await page.goto('/?explorer.x_min=3&explorer.x_max=1');
  await expect(e.getByRole('alert')).toContainText('ignored x_min=3 and x_max=1');
  await expect(e.getByLabel('x from', { exact: true })).toHaveValue('-6');
  expect(problems).toEqual([]);
});

test('old links ?fn=leaky_relu&negative_slope=0.2&vs=tanh still work and are rewritten', async ({ page }) => {
  const problems = await open(page, '?fn=leaky_relu&negative_slope=0.2&vs=tanh');
  const e = explorer(page);
  await expect(e.getByRole('combobox', { name: 'Activation', exact: true })).toHaveValue('leaky_relu');
  await expect(e.getByLabel('negative_slope of leaky_relu (number)')).toHaveValue('0.2');
  await expect(e.getByRole('button', { name: 'Remove tanh' })).toBeVisible();
  await expect(code(page, 'functional')).toHaveText('F.leaky_relu(x, negative_slope=0.2)');
  const q = param(page);
  expect([q.get('explorer.activation'), q.get('explorer.negative_slope'), q.get('explorer.compare')]).toEqual(['leaky_relu', '0.2', 'tanh']);
  expect(q.has('fn') || q.has('vs') || q.has('negative_slope')).toBe(false);
  expect(problems).toEqual([]);
});

test('keyboard only: add, tune and remove overlays, copy code', async ({ page }) => {
  const problems = await open(page, '?fn=leaky_relu');
  const e = explorer(page);
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent);
  await e.getByRole('combobox', { name: 'Activation', exact: true }).focus();
  for (let i = 0; i < 10 && (await focused()) !== 'negative_slope of leaky_relu'; i++) await page.keyboard.press('Tab');
  expect(await focused()).toBe('negative_slope of leaky_relu');
  await page.keyboard.press('ArrowRight');
  await expect(code(page, 'module')).toHaveText('nn.LeakyReLU(negative_slope=0.02)');
  for (let i = 0; i < 10 && (await focused()) !== 'Add activation'; i++) await page.keyboard.press('Tab');
  expect(await focused()).toBe('Add activation');
  await page.keyboard.press('ArrowDown');  // the first activation not shown yet: step
  await expect(e.getByRole('button', { name: 'Remove step' })).toBeVisible();
  expect(await focused()).toBe('Add activation');
  await page.keyboard.press('Shift+Tab');
  expect(await focused()).toBe('Remove step');
  await page.keyboard.press('Enter');
  await expect(e.getByRole('button', { name: 'Remove step' })).toHaveCount(0);
  expect(await focused()).toBe('Add activation');
  await e.getByLabel('Show derivatives').focus();
  await page.keyboard.press('Space');
  await expect(e.getByLabel('Show derivatives')).not.toBeChecked();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await e.getByRole('button', { name: 'Copy PyTorch functional code' }).focus();
  await page.keyboard.press('Enter');
  await expect(e.getByRole('status').filter({ hasText: 'Copied' })).toHaveText('Copied to the clipboard.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('F.leaky_relu(x, negative_slope=0.02)');
  expect(problems).toEqual([]);
});

test('accessible names are unique within the region, and a phone (360 px) never scrolls sideways', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  const problems = await open(page, '?fn=hardtanh&vs=elu,celu,softplus,gelu');
  const names = await explorer(page).locator('button, input, select').evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? el.labels?.[0]?.textContent.trim() ?? el.textContent.trim()));
  expect(names.length).toBeGreaterThan(15);
  expect(new Set(names).size).toBe(names.length);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await explorer(page).getByRole('button', { name: 'Show as table' }).click();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  expect(problems).toEqual([]);
});

for (const colorScheme of ['light', 'dark']) {
  test(`axe finds no accessibility violations in the explorer or the softmax view (${colorScheme})`, async ({ page }) => {
    test.setTimeout(90_000);  // axe over both views takes 20 s on a loaded machine
    await page.emulateMedia({ colorScheme });
    const problems = await open(page, '?fn=relu&vs=elu,gelu&explorer.x_min=-3&explorer.x_max=3');
    await explorer(page).getByRole('button', { name: 'Show as table' }).click();
    const { violations } = await new AxeBuilder({ page }).include('#explorer').include('#softmax').analyze();
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    expect(problems).toEqual([]);
  });
}
