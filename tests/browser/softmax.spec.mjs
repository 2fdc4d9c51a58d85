// The softmax view in Debian's Chromium, used as a person would: controls found by role and name
// inside the "Softmax" region; the bars read through their meter roles, as a screen reader would.
import { test, expect } from '@playwright/test';
import { watchProblems } from './problems.mjs';

const view = (page) => page.getByRole('region', { name: 'Softmax', exact: true });
const param = (page) => new URL(page.url()).searchParams;

async function open(page, query = '') {
  const problems = watchProblems(page);
  await page.goto(`/${query}`);
  await expect(page.locator('html')).toHaveAttribute('data-ready', 'true');
  return problems;
}

/** The values of the meters named `<kind> 1`, `<kind> 2`, … (softmax, log_softmax, softmin). */
const meters = (page, kind) => view(page).getByRole('meter', { name: new RegExp(`^${kind} \\d+$`) })
  .evaluateAll((els) => els.map((e) => Number(e.getAttribute('aria-valuenow'))));
const sum = (vs) => vs.reduce((a, b) => a + b, 0);

test('the bars are the core\'s softmax, log_softmax and softmin of the logits, and sum to 1', async ({ page }) => {
  const problems = await open(page);
  const p = await meters(page, 'softmax');
  expect(p).toHaveLength(3);
  expect(Math.abs(sum(p) - 1)).toBeLessThan(1e-6);
  const want = await page.evaluate(async () => {
    const { load } = await import('/dist/index.mjs');
    const ap = await load();
    const z = new Float32Array([2, 1, 0.1]);
    return ['softmax', 'log_softmax', 'softmin'].map((f) => Array.from(ap.F[f](z, { dim: -1 })));
  });
  const got = [p, await meters(page, 'log_softmax'), await meters(page, 'softmin')];
  got.forEach((vs, k) => vs.forEach((v, i) => expect(v).toBeCloseTo(want[k][i], 6)));
  expect(Math.abs(sum(got[2]) - 1)).toBeLessThan(1e-6);
  await expect(view(page).locator('code[data-style="functional"]')).toHaveText('F.softmax(torch.tensor([2.0, 1.0, 0.1]), dim=-1)');
  expect(problems).toEqual([]);
});

test('the distribution sharpens as the temperature falls and flattens as it rises', async ({ page }) => {
  const problems = await open(page);
  const v = view(page);
  const top = async () => Math.max(...(await meters(page, 'softmax')));
  const at1 = await top();
  await v.getByLabel('Temperature (number)').fill('0.5');
  await expect.poll(top).toBeGreaterThan(at1);
  const at05 = await top();
  await v.getByRole('slider', { name: 'Temperature' }).fill('-1');  // log scale: T = 0.1
  await expect(v.getByLabel('Temperature (number)')).toHaveValue('0.1');
  await expect.poll(top).toBeGreaterThan(Math.max(at05, 0.99));
  await v.getByLabel('Temperature (number)').fill('100');
  await expect.poll(top).toBeLessThan(0.35);
  expect(Math.abs(sum(await meters(page, 'softmax')) - 1)).toBeLessThan(1e-6);
  expect(param(page).get('softmax.temperature')).toBe('100');
  await expect(v.locator('code[data-style="js"]')).toHaveText('ap.F.softmax(new Float32Array([2, 1, 0.1]).map((z) => z / 100), { dim: -1 })');
  expect(problems).toEqual([]);
});

test('adding or subtracting a constant moves every logit and leaves the probabilities unchanged', async ({ page }) => {
  const problems = await open(page, '?softmax.logits=3,-1,0.5,2');
  const v = view(page);
  const before = await meters(page, 'softmax');
  await v.getByRole('button', { name: 'Add 1 to every logit' }).click();
  await expect(v.getByLabel('Logit 1 (number)')).toHaveValue('4');
  await expect(v.getByLabel('Logit 2 (number)')).toHaveValue('0');
  expect(param(page).get('softmax.logits')).toBe('4,0,1.5,3');
  const after = await meters(page, 'softmax');
  after.forEach((x, i) => expect(Math.abs(x - before[i])).toBeLessThan(1e-6));
  await expect(v.getByRole('status').filter({ hasText: 'moved by +1' })).toContainText('the probabilities changed by at most');
  await v.getByRole('button', { name: 'Subtract 1 from every logit' }).click();
  await v.getByRole('button', { name: 'Subtract 1 from every logit' }).click();
  await expect(v.getByLabel('Logit 1 (number)')).toHaveValue('2');
  (await meters(page, 'softmax')).forEach((x, i) => expect(Math.abs(x - before[i])).toBeLessThan(1e-6));
  await expect(v.getByText('softmax(z + c) = softmax(z)')).toBeVisible();
  expect(problems).toEqual([]);
});

test('logits can be added and removed within 3 to 10, and a link restores them', async ({ page }) => {
  const problems = await open(page, '?softmax.logits=1,2,3&softmax.temperature=2');
  const v = view(page);
  await expect(v.getByRole('button', { name: 'Remove logit' })).toBeDisabled();
  await expect(v.getByLabel('Temperature (number)')).toHaveValue('2');
  for (let i = 0; i < 7; i++) await v.getByRole('button', { name: 'Add logit' }).click();
  await expect(v.getByRole('slider', { name: /^Logit \d+$/ })).toHaveCount(10);
  await expect(v.getByRole('button', { name: 'Add logit' })).toBeDisabled();
  expect(await meters(page, 'softmax')).toHaveLength(10);
  await v.getByRole('button', { name: 'Remove logit' }).click();
  expect(param(page).get('softmax.logits')).toBe('1,2,3,0,0,0,0,0,0');
  await v.getByLabel('Logit 4 (number)').fill('7.5');
  await expect.poll(() => param(page).get('softmax.logits')).toBe('1,2,3,7.5,0,0,0,0,0');
  await expect(v.getByRole('slider', { name: 'Logit 4' })).toHaveValue('7.5');
  // Bad links fall back with a notice; a bad typed value is marked and explained.
  await page.goto('/?softmax.logits=1,abc&softmax.temperature=0');
  await expect(v.getByRole('alert')).toContainText('ignored softmax.logits="1,abc"');
  await expect(v.getByRole('alert')).toContainText('ignored softmax.temperature="0"');
  expect(await meters(page, 'softmax')).toHaveLength(3);
  await v.getByLabel('Logit 1 (number)').fill('1e9');
  await expect(v.getByRole('alert')).toContainText('Logit 1 must be within [-100, 100]');
  await expect(v.getByLabel('Logit 1 (number)')).toHaveAttribute('aria-invalid', 'true');
  expect(problems).toEqual([]);
});

test('keyboard only: logits, temperature and the shift buttons', async ({ page }) => {
  const problems = await open(page);
  const v = view(page);
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent);
  const before = await meters(page, 'softmax');
  await v.getByRole('slider', { name: 'Logit 3' }).focus();
  for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowRight');
  await expect(v.getByLabel('Logit 3 (number)')).toHaveValue('3.1');
  const after = await meters(page, 'softmax');
  expect(after[2]).toBeGreaterThan(before[2]);
  for (let i = 0; i < 12 && (await focused()) !== 'Add 1 to every logit'; i++) await page.keyboard.press('Tab');
  expect(await focused()).toBe('Add 1 to every logit');
  await page.keyboard.press('Enter');
  await expect(v.getByLabel('Logit 1 (number)')).toHaveValue('3');
  for (let i = 0; i < 6 && (await focused()) !== 'Temperature'; i++) await page.keyboard.press('Tab');
  expect(await focused()).toBe('Temperature');
  const top = Math.max(...(await meters(page, 'softmax')));
  await page.keyboard.press('PageDown');
  await expect.poll(async () => Math.max(...(await meters(page, 'softmax')))).toBeGreaterThan(top);
  expect(problems).toEqual([]);
});

test('a phone (360 px) never scrolls sideways; names are unique within the region', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  const problems = await open(page, '?softmax.logits=1,2,3,4,5,6,7,8,9,10&softmax.temperature=0.25');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  const names = await view(page).locator('button, input, [role=meter]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? e.textContent.trim()));
  expect(new Set(names).size).toBe(names.length);
  expect(problems).toEqual([]);
});
