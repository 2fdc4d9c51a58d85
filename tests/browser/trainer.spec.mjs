// The training view in Debian's Chromium, used as a person would: controls found by role and name
// inside the "Train a network" region.
import { test, expect } from '@playwright/test';
import { watchProblems } from './problems.mjs';

const trainer = (page) => page.getByRole('region', { name: 'Train a network' });
const readout = async (page, name) => Number((await trainer(page).getByLabel(name, { exact: true }).textContent()).replace('%', ''));
const epoch = (page) => readout(page, 'Epoch');
const ready = (page) => expect(page.locator('#trainer-root')).toHaveAttribute('data-train-epoch', /\d+/);

/** Counts heatmap pixels that are clearly blue-ish, orange-ish, and near-white. */
async function heatColours(page) {
  return trainer(page).getByRole('img', { name: 'Output heatmap' }).evaluate((c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let blue = 0, orange = 0, white = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (d[i + 2] > d[i] + 60) blue++;
      if (d[i] > d[i + 2] + 60) orange++;
      if (d[i] > 225 && d[i + 1] > 225 && d[i + 2] > 225) white++;
    }
    return { blue, orange, white, total: d.length / 4 };
  });
}

async function trainUntil(page, epochs) {
  const t = trainer(page);
  await t.getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => epoch(page), { timeout: 30_000 }).toBeGreaterThan(epochs);
  await t.getByRole('button', { name: 'Pause' }).click();
}

test('training a tanh network on the circle learns it; the page shows heatmap, losses and accuracy', async ({ page }) => {
  const problems = watchProblems(page);
  await page.goto('/');
  await ready(page);
  const first = await readout(page, 'Test loss');
  await trainUntil(page, 300);
  expect(await readout(page, 'Test loss')).toBeLessThan(first * 0.5);
  expect(await readout(page, 'Test accuracy')).toBeGreaterThan(90);
  const c = await heatColours(page);
  expect(c.blue).toBeGreaterThan(2000);
  expect(c.orange).toBeGreaterThan(2000);
  expect(problems).toEqual([]);
});

test('a network without non-linear activations draws a straight boundary and fails on the circle', async ({ page }) => {
  const problems = watchProblems(page);
  await page.goto('/');
  await ready(page);
  await trainer(page).getByLabel('Activation for all layers', { exact: true }).selectOption('linear');
  await trainUntil(page, 300);
  expect(await readout(page, 'Test accuracy')).toBeLessThan(75);
  expect(problems).toEqual([]);
});

test('the settings live in the URL: old links still work, keys are rewritten with the view prefix, bad values are reported', async ({ page }) => {
  const problems = watchProblems(page);
  await page.goto('/?data=spirals&classes=4&hidden=6&act=relu&features=x1,x2,sin_x1&lr=0.1&opt=adam');
  await ready(page);
  const t = trainer(page);
  await expect(t.getByLabel('Dataset', { exact: true })).toHaveValue('spirals');
  await expect(t.getByLabel('Classes', { exact: true })).toHaveValue('4');
  await expect(t.getByLabel('Learning rate', { exact: true })).toHaveValue('0.1');
  await expect(t.getByLabel('Optimizer', { exact: true })).toHaveValue('adam');
  await expect(t.getByLabel('Activation for all layers', { exact: true })).toHaveValue('relu');
  const q = new URL(page.url()).searchParams;
  expect(q.get('trainer.dataset')).toBe('spirals');
  expect(q.get('trainer.hidden')).toBe('6');
  expect(q.get('trainer.features')).toBe('x1,x2,sin_x1');
  expect(q.get('v')).toBe('1');
  expect(q.has('data')).toBe(false);
  await t.getByLabel('Dataset', { exact: true }).selectOption('circle');
  await expect(t.getByLabel('Classes', { exact: true })).toBeDisabled();
  await expect.poll(() => new URL(page.url()).searchParams.get('trainer.dataset')).toBe(null);  // the default is not written
  await page.goto('/?trainer.dataset=nope&trainer.lr=abc&trainer.features=x9&trainer.hidden=1,2,3,4,5,6,7,8,9');
  await ready(page);
  const notice = t.getByRole('status', { name: 'Notice' });
  await expect(notice).toContainText('ignored trainer.dataset="nope"');
  await expect(notice).toContainText('ignored trainer.lr="abc"');
  await expect(notice).toContainText('ignored trainer.features="x9"');
  await expect(notice).toContainText('at most 8 hidden layers');
  await expect(t.getByLabel('Dataset', { exact: true })).toHaveValue('circle');
  expect(problems).toEqual([]);
});

test('seed 0 in a link is seed 0', async ({ page }) => {
  await page.goto('/?trainer.seed=0');
  await ready(page);
  await expect(trainer(page).getByLabel('Seed', { exact: true })).toHaveValue('0');
  await trainer(page).getByRole('button', { name: 'Step' }).click();
  await expect.poll(() => epoch(page)).toBe(1);
  expect(new URL(page.url()).searchParams.get('trainer.seed')).toBe('0');
});

test('a learning rate of 10 diverges: training pauses with a message naming the learning rate, and Reset recovers', async ({ page }) => {
  const problems = watchProblems(page);
  await page.goto('/?trainer.dataset=plane&trainer.lr=10&trainer.activation=relu&trainer.hidden=8,8,8&trainer.output=linear');
  await ready(page);
  const t = trainer(page);
  await t.getByRole('button', { name: 'Play' }).click();
  await expect(t.getByRole('alert')).toContainText('learning rate', { timeout: 20_000 });
  await expect(t.getByRole('button', { name: 'Play' })).toBeVisible();
  await t.getByLabel('Learning rate', { exact: true }).selectOption('0.01');
  await t.getByRole('button', { name: 'Reset' }).click();
  await expect(t.getByRole('alert')).toBeHidden();
  await trainUntil(page, 50);
  expect(Number.isFinite(await readout(page, 'Training loss'))).toBe(true);
  expect(problems).toEqual([]);
});

test('a 4-class spiral heatmap has no white regions once the network is confident', async ({ page }) => {
  test.setTimeout(90_000);
  const problems = watchProblems(page);
  await page.goto('/?trainer.dataset=spirals&trainer.classes=4&trainer.points=600&trainer.hidden=16,16&trainer.activation=relu&trainer.optimizer=adam&trainer.lr=0.01&trainer.seed=2');
  await ready(page);
  await trainUntil(page, 500);
  const c = await heatColours(page);
  expect(c.white / c.total).toBeLessThan(0.1);
  expect(problems).toEqual([]);
});

test('pressing Play while the worker is still loading trains the network that was configured', async ({ page }) => {
  const problems = watchProblems(page);
  await page.goto('/?trainer.dataset=spiral&trainer.hidden=8,8,8', { waitUntil: 'commit' });
  await trainer(page).getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => epoch(page), { timeout: 30_000 }).toBeGreaterThan(20);
  await expect(trainer(page).getByRole('alert')).toBeHidden();
  expect(problems).toEqual([]);
});

test('a worker that dies mid-training is replaced and the network restored from its checkpoint', async ({ page }) => {
  const problems = watchProblems(page);
  await page.goto('/?trainer.speed=10');
  await ready(page);
  const t = trainer(page);
  await t.getByRole('button', { name: 'Play' }).click();
  await page.waitForTimeout(3500);  // a checkpoint is taken every 3 s while training
  const before = await epoch(page);
  expect(before).toBeGreaterThan(0);
  await page.locator('#trainer-root').evaluate((root) => root.workerClient.worker.terminate());
  await expect(t.getByRole('status', { name: 'Notice' })).toContainText('restored from its last checkpoint', { timeout: 15_000 });
  await expect.poll(() => epoch(page), { timeout: 15_000 }).toBeGreaterThan(before);
  expect(problems).toEqual([]);
});

test("the diagram's feature tiles show the core's features at the grid's points: x1 varies left to right, x2 top to bottom, x1² is mirror-symmetric", async ({ page }) => {
  const problems = watchProblems(page);
  await page.goto('/?features=x1,x2');
  await ready(page);
  await trainer(page).getByRole('button', { name: 'Step', exact: true }).click();
  /** The tile's pixels as rows of grey levels (the red channel). */
  const tile = (name) => trainer(page).getByRole('button', { name: `Feature ${name}`, exact: true }).locator('canvas').evaluate((c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    return Array.from({ length: c.height }, (_, r) => Array.from({ length: c.width }, (_, k) => d[4 * (r * c.width + k)]));
  });
  await expect.poll(async () => new Set((await tile('x1'))[0]).size, { timeout: 10_000 }).toBeGreaterThan(3);  // painted
  const x1 = await tile('x1'), x2 = await tile('x2'), sq = await tile('x1²');
  const last = x1.length - 1;
  expect(x1[0]).toEqual(x1[last]);  // x1 does not change down a column
  expect(x1[0][0]).not.toEqual(x1[0][last]);
  expect(x2.map((row) => row[0])).not.toEqual(x2.map((row) => row[0]).reverse());  // x2 changes down a column...
  for (const row of x2) expect(new Set(row).size).toBe(1);  // ...and not along a row
  for (const row of sq) expect(row).toEqual([...row].reverse());  // (−x)² = x²: the grid's points are symmetric about 0
  expect(problems).toEqual([]);
});
