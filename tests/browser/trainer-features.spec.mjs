// The trainer's features used as a person would, in Chromium: the diagram, per-layer activations in
// the exported code, the race, your own data, CSV in and out, lessons by URL.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { LESSONS } from '../../web/lessons.mjs';
import { watchProblems } from './problems.mjs';

const trainer = (page) => page.getByRole('region', { name: 'Train a network' });
const epoch = async (page) => Number(await trainer(page).getByLabel('Epoch', { exact: true }).textContent());
const ready = (page) => expect(page.locator('#trainer-root')).toHaveAttribute('data-train-epoch', /\d+/);
/** A checksum of the heatmap's pixels. */
const heatmapPixels = (page) => trainer(page).getByRole('img', { name: 'Output heatmap' }).evaluate((c) => c.getContext('2d').getImageData(0, 0, c.width, c.height).data.reduce((a, v, i) => (a + v * (i % 7 + 1)) % 1e9, 0));

test('the diagram has one link per weight; typing a new weight changes the output', async ({ page }) => {
  const problems = watchProblems(page);
  await page.goto('/?trainer.hidden=3,2&trainer.features=x1,x2,x1_squared');
  await ready(page);
  const t = trainer(page);
  await expect(t.getByRole('button', { name: /^Weight from / })).toHaveCount(3 * 3 + 3 * 2 + 2 * 1);
  const before = await heatmapPixels(page);
  await t.getByRole('button', { name: /^Weight from neuron 1 of layer 2 to the output: / }).click();
  await t.getByRole('spinbutton', { name: 'Weight' }).fill('8');
  await page.keyboard.press('Enter');
  await expect(t.getByRole('button', { name: 'Weight from neuron 1 of layer 2 to the output: 8.00', exact: true })).toHaveCount(1);
  await expect.poll(() => heatmapPixels(page)).not.toBe(before);
  await t.getByRole('button', { name: 'Add layer' }).click();
  await expect(t.getByRole('button', { name: /^Weight from / })).toHaveCount(3 * 3 + 3 * 2 + 2 * 2 + 2 * 1);
  await t.getByRole('button', { name: 'Add neuron to layer 1' }).click();
  await expect.poll(() => new URL(page.url()).searchParams.get('trainer.hidden')).toBe('4,2,2');
  expect(problems).toEqual([]);
});

test('per-layer activations reach the exported PyTorch code', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const problems = watchProblems(page);
  await page.goto('/?trainer.hidden=4,3');
  await ready(page);
  const t = trainer(page);
  await t.getByLabel('Activation of layer 1').selectOption('relu');
  await t.getByLabel('Activation of layer 2').selectOption('leaky_relu');
  await expect.poll(() => new URL(page.url()).searchParams.get('trainer.activation')).toBe('relu,leaky_relu');
  await t.getByRole('button', { name: 'Copy PyTorch code' }).click();
  await expect(t.getByRole('status', { name: 'Notice' })).toContainText('copied');
  const code = await page.evaluate(() => navigator.clipboard.readText());
  expect(code).toMatch(/nn\.ReLU\(\)[\s\S]*nn\.LeakyReLU\(/);
  expect(code).toMatch(/nn\.Linear\(4, 3\)/);
  expect(problems).toEqual([]);
});

test('a race with 3 contestants runs and overlays 3 loss curves', async ({ page }) => {
  const problems = watchProblems(page);
  await page.goto('/');
  await ready(page);
  const race = page.getByRole('region', { name: 'Race' });
  await race.getByLabel('Contestant 1').selectOption('tanh');
  await race.getByLabel('Contestant 2').selectOption('relu');
  await race.getByLabel('Contestant 3').selectOption('sigmoid');
  await race.getByRole('button', { name: 'Race', exact: true }).click();
  await expect(race.getByRole('img', { name: /^Heatmap of the / })).toHaveCount(3);
  await expect(race.getByRole('status', { name: 'Race status' })).toContainText(/Epoch [1-9]\d*: \w+ leads/, { timeout: 20_000 });
  await expect(race.locator('figcaption', { hasText: '(leads)' })).toHaveCount(1);
  await race.getByRole('button', { name: 'Show as table' }).click();
  await expect(race.getByRole('columnheader')).toHaveText(['epoch', 'tanh', 'relu', 'sigmoid']);
  expect(new URL(page.url()).searchParams.get('trainer.race')).toBe('tanh,relu,sigmoid');
  await race.getByRole('button', { name: 'Stop race' }).click();
  await expect(race.getByRole('img', { name: /^Heatmap of the / })).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('a click on the heatmap adds a point; a CSV round-trips; a bad CSV row is reported by its line', async ({ page }, info) => {
  const problems = watchProblems(page);
  await page.goto('/?trainer.points=100');
  await ready(page);
  const t = trainer(page);
  const heat = t.getByRole('img', { name: 'Output heatmap' });
  const exportCsv = async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), t.getByRole('button', { name: 'Export CSV' }).click()]);
    return readFileSync(await download.path(), 'utf8').trim().split('\n');
  };
  expect((await exportCsv()).length).toBe(1 + 100);
  await heat.click({ position: { x: 5, y: 5 } });  // the top-left corner: (−6, 6) in data coordinates
  await expect.poll(async () => (await exportCsv()).length).toBe(1 + 101);
  const rows = await exportCsv();
  const [x1, x2] = rows[1].split(',').map(Number);
  expect(x1).toBeLessThan(-5.5);
  expect(x2).toBeGreaterThan(5.5);
  const file = info.outputPath('points.csv');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(file, 'x1,x2,label\n1,2,0\n3,4,1\nnot,a,row\n-1,-2,1\n5,6,7\n');
  await t.locator('input[type=file][accept*=csv]').setInputFiles(file);
  await expect(t.getByRole('alert')).toContainText('line 4');
  await expect(t.getByRole('alert')).toContainText('line 6');
  await expect.poll(async () => (await exportCsv()).slice(1).map((r) => r.split(',').map(Number))).toEqual([[1, 2, 0], [3, 4, 1], [-1, -2, 1]]);
  expect(problems).toEqual([]);
});

for (const lesson of LESSONS) {
  test(`lesson "${lesson.id}" loads by URL with its configuration and text`, async ({ page }) => {
    const problems = watchProblems(page);
    await page.goto(`/?trainer.lesson=${lesson.id}`);
    await ready(page);
    const t = trainer(page);
    await expect(t.getByLabel('Lesson', { exact: true })).toHaveValue(lesson.id);
    await expect(t.locator('.tr-lesson h3')).not.toBeEmpty();
    if (lesson.state.dataset) await expect(t.getByLabel('Dataset', { exact: true })).toHaveValue(lesson.state.dataset);
    if (lesson.state.hidden !== undefined) {
      const layers = String(lesson.state.hidden).split(',').filter(Boolean).length;
      await expect(t.getByRole('combobox', { name: /^Activation of layer / })).toHaveCount(layers);
    }
    await t.getByRole('button', { name: 'Step' }).click();
    await expect.poll(() => epoch(page)).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });
}

test('predict, then reveal: a lesson asks first, reveals the answer from what was measured, then runs the contrast', async ({ page }) => {
  const problems = watchProblems(page);
  await page.goto('/?trainer.lesson=linear');
  await ready(page);
  const t = trainer(page);
  await t.getByRole('radio', { name: /^Below 75 %/ }).check();
  const reveal = t.getByRole('status', { name: 'Answer' });
  await expect(reveal).toContainText('Train to epoch 300');
  await t.getByRole('button', { name: 'Play' }).click();
  await expect(reveal).toContainText('You predicted it.', { timeout: 30_000 });
  await expect(reveal).toContainText(/Measured at epoch \d+: test accuracy = \d+\.\d %/);
  await t.getByRole('button', { name: 'Pause' }).click();
  await reveal.getByRole('button', { name: 'Now try: the same network with tanh' }).click();
  await expect(t.getByLabel('Activation for all layers', { exact: true })).toHaveValue('tanh');
  expect(new URL(page.url()).searchParams.get('trainer.activation')).toBe(null);  // tanh is the default
  await expect(reveal).toContainText('Train to epoch 300');
  await expect(t.getByRole('button', { name: 'Play' })).toBeVisible();
  expect(problems).toEqual([]);
});
