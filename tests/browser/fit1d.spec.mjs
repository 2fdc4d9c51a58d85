// The "Fit a function" view in Debian's Chromium, used as a person would: controls found by role and
// name inside its region; on the page alone (?view=fit1d), on the combined page (fit1d.* keys), as
// <activation-playground view="fit1d"> and as an iframe.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { watchProblems } from './problems.mjs';

const region = (page) => page.getByRole('region', { name: 'Fit a function' });
const loss = async (page) => Number(await region(page).getByLabel('Loss (MSE)', { exact: true }).textContent());
const epoch = async (page) => Number(await region(page).getByLabel('Epoch', { exact: true }).textContent());
const chart = (page) => region(page).locator('.ap-plot-fit1d').first();
const units = (page) => region(page).getByRole('region', { name: 'Unit list' }).getByRole('button');

async function open(page, query = '?view=fit1d') {
  const problems = watchProblems(page);
  await page.goto(`/${query}`);
  await expect(page.locator('#fit1d-root')).toHaveAttribute('data-fit-epoch', /\d+/);
  return problems;
}

/** Plays until `epochs` have passed, then pauses; returns the loss before and after. */
async function train(page, epochs) {
  const r = region(page);
  await expect.poll(() => loss(page)).toBeGreaterThan(0);
  const first = await loss(page);
  const start = await epoch(page);
  await r.getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => epoch(page), { timeout: 40_000 }).toBeGreaterThan(start + epochs);
  await r.getByRole('button', { name: 'Pause' }).click();
  return { first, last: await loss(page) };
}

test('every function target is fitted: the loss falls to under half', async ({ page }) => {
  test.setTimeout(120_000);
  const problems = await open(page, '?view=fit1d&speed=100');
  for (const target of ['|x|', 'x² / 3', 'sin 2x', 'step at 0', 'sawtooth']) {
    await region(page).getByLabel('Target', { exact: true }).selectOption({ label: target });
    await expect(page.locator('#fit1d-root')).toHaveAttribute('data-fit-epoch', '0');
    const { first, last } = await train(page, 800);
    expect(last, `${target}: ${first} → ${last}`).toBeLessThan(first * 0.5);
  }
  await expect(chart(page)).toHaveAttribute('aria-label', /^64 target points, the output of 8 ReLU units/);
  expect(problems).toEqual([]);
});

test('tanh fits |x| and sin 2x too; with noise 0.3 the points scatter, so the loss falls but stays above zero', async ({ page }) => {
  test.setTimeout(120_000);
  const problems = await open(page, '?view=fit1d&speed=100&activation=tanh');
  const r = region(page);
  for (const target of ['|x|', 'sin 2x']) {
    await r.getByLabel('Target', { exact: true }).selectOption({ label: target });
    await expect(page.locator('#fit1d-root')).toHaveAttribute('data-fit-epoch', '0');
    const { first, last } = await train(page, 800);
    expect(last, `tanh, ${target}: ${first} → ${last}`).toBeLessThan(first * 0.5);
  }
  await expect(chart(page)).toHaveAttribute('aria-label', /^64 target points, the output of 8 Tanh units/);
  await r.getByRole('slider', { name: 'Noise' }).fill('0.3');
  await expect(page.locator('#fit1d-root')).toHaveAttribute('data-fit-epoch', '0');
  await expect.poll(() => new URL(page.url()).searchParams.get('noise')).toBe('0.3');
  const { first, last } = await train(page, 800);
  expect(last, `noisy sin 2x: ${first} → ${last}`).toBeLessThan(first * 0.5);
  // Noise of standard deviation 0.3 has variance 0.09; 8 smooth units cannot follow 64 independent
  // draws of it, so a good share of that variance stays in the loss.
  expect(last).toBeGreaterThan(0.09 * 0.25);
  expect(problems).toEqual([]);
});

test('pointing at a unit marks its hinge: a dashed line at x = −b/w on the plot, an arrow at the edge off it', async ({ page }) => {
  const problems = await open(page, '?view=fit1d&units=16');
  const rows = units(page);
  await expect(rows).toHaveCount(16);
  const labels = await rows.evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label')));
  const on = labels.findIndex((l) => /^Unit \d+ hinge x = -?[\d.]+, output weight/.test(l));
  const off = labels.findIndex((l) => /^Unit \d+ hinge x = -?[\d.]+ \(off plot\), output weight/.test(l));
  expect(on, labels.join('\n')).toBeGreaterThanOrEqual(0);
  expect(off, labels.join('\n')).toBeGreaterThanOrEqual(0);  // 16 fresh units: some hinges lie beyond ±3
  const at = labels[on].match(/hinge x = (-?[\d.]+)/)[1];
  // The canvas pixels down the plot at x = at, from 10 % to 90 % of its height.
  const column = () => chart(page).evaluate((fig, c) => {
    const over = fig.querySelector('.u-over').getBoundingClientRect();
    const canvas = fig.querySelector('canvas');
    const box = canvas.getBoundingClientRect();
    const k = canvas.width / box.width;
    const x = Math.round((over.left - box.left + ((c + 3) / 6) * over.width) * k);
    const y0 = Math.round((over.top - box.top + 0.1 * over.height) * k), y1 = Math.round((over.top - box.top + 0.9 * over.height) * k);
    return Array.from(canvas.getContext('2d').getImageData(x, y0, 1, y1 - y0).data);
  }, Number(at));
  const before = await column();
  await rows.nth(on).hover();
  await expect(chart(page)).toHaveAttribute('data-marker', `x = ${at}`);
  await expect(region(page).getByText(new RegExp(`^Unit ${on + 1}: hinge x = ${at}, output weight -?[\\d.]+\\.$`))).toBeVisible();
  const after = await column();
  let changed = 0;
  for (let i = 0; i < before.length; i += 4) if (Math.max(...[0, 1, 2].map((c) => Math.abs(before[i + c] - after[i + c]))) > 40) changed++;
  expect(changed, 'the dashed line covers about half the column').toBeGreaterThan(0.3 * (before.length / 4));
  const offAt = labels[off].match(/hinge x = (-?[\d.]+)/)[1];
  await rows.nth(off).hover();
  await expect(chart(page)).toHaveAttribute('data-marker', `x = ${offAt}, off the plot`);
  await expect(region(page).getByText(new RegExp(`^Unit ${off + 1}: hinge at x = ${offAt}, off the plot, so on \\[-3, 3\\] it shows only one side of it`))).toBeVisible();
  expect(problems).toEqual([]);
});

test.describe('on a touch screen', () => {
  test.use({ hasTouch: true, viewport: { width: 390, height: 844 } });

  test('a tap on a curve highlights its unit and keeps the target; with "Add points" pressed a tap adds a point', async ({ page }) => {
    const problems = await open(page, '?view=fit1d&target=abs');
    const r = region(page);
    await expect(units(page)).toHaveCount(8);
    const over = chart(page).locator('.u-over');
    await over.scrollIntoViewIfNeeded();
    const box = await over.boundingBox();
    let hit = '';
    for (let y = 4; y < box.height && !hit; y += 12) {
      await over.tap({ position: { x: box.width * 0.3, y } });
      hit = await chart(page).getAttribute('data-highlight');
    }
    expect(hit).toMatch(/^\d+$/);
    await expect(units(page).nth(Number(hit) - 1)).toHaveAttribute('aria-current', 'true');
    await expect(r.getByText(new RegExp(`^Unit ${hit}: (hinge|dead)`))).toBeVisible();
    await expect(r.getByLabel('Target', { exact: true })).toHaveValue('abs');
    await expect(chart(page)).toHaveAttribute('aria-label', /^64 target points/);
    expect(new URL(page.url()).searchParams.get('xy')).toBeNull();
    await r.getByRole('button', { name: 'Add points' }).tap();
    await expect(r.getByRole('button', { name: 'Add points' })).toHaveAttribute('aria-pressed', 'true');
    await over.tap({ position: { x: box.width * 0.5, y: box.height * 0.5 } });
    await expect(r.getByLabel('Target', { exact: true })).toHaveValue('points');
    await expect(chart(page)).toHaveAttribute('aria-label', /^1 target points/);
    expect(new URL(page.url()).searchParams.get('xy').split(',')).toHaveLength(2);
    expect(problems).toEqual([]);
  });

  test('the menus that drive the chart sit above it, the unit list right under it; a unit picked far down the list brings the chart back into view', async ({ page }) => {
    const problems = await open(page, '?view=fit1d&units=32');
    const r = region(page);
    await expect(units(page)).toHaveCount(32);
    const plot = await chart(page).boundingBox();
    for (const name of ['Target', 'Activation', 'Noise', 'Hidden units']) {
      expect((await r.getByLabel(name, { exact: true }).boundingBox()).y, name).toBeLessThan(plot.y);
    }
    const list = r.getByRole('region', { name: 'Unit list' });
    const gap = (await list.boundingBox()).y - (plot.y + plot.height);
    expect(gap).toBeGreaterThan(0);
    expect(gap).toBeLessThan(250);  // the buttons, the highlighted unit's line and the hint
    await list.evaluate((e) => e.scrollIntoView({ block: 'start' }));
    const top = () => chart(page).evaluate((e) => Math.round(e.getBoundingClientRect().top));
    expect(await top()).toBeLessThan(0);
    await units(page).nth(31).tap();
    await expect(chart(page)).toHaveAttribute('data-highlight', '32');
    await expect.poll(top).toBeGreaterThanOrEqual(0);
    await expect(r.getByText(/^Unit 32: /)).toBeInViewport();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(problems).toEqual([]);
  });
});

test('pointing at a unit (its curve or its row) or focusing its row highlights it; dead units say so', async ({ page }) => {
  const problems = await open(page);
  const rows = units(page);
  await expect(rows).toHaveCount(8);
  await rows.nth(2).hover();
  await expect(chart(page)).toHaveAttribute('data-highlight', '3');
  await expect(rows.nth(2)).toHaveAttribute('aria-current', 'true');
  await page.mouse.move(0, 0);
  await expect(chart(page)).toHaveAttribute('data-highlight', '');
  await rows.nth(4).focus();
  await expect(chart(page)).toHaveAttribute('data-highlight', '5');
  await page.keyboard.press('Shift+Tab');
  await expect(chart(page)).toHaveAttribute('data-highlight', '4');
  await rows.nth(3).blur();
  await expect(chart(page)).toHaveAttribute('data-highlight', '');
  // Along a vertical line through the plot the pointer crosses the thin curves: one of them lights up.
  const box = await chart(page).locator('.u-over').boundingBox();
  let hit = '';
  for (let y = box.y + 2; y < box.y + box.height && !hit; y += 2) {
    await page.mouse.move(box.x + box.width * 0.3, y);
    hit = await chart(page).getAttribute('data-highlight');
  }
  expect(hit).toMatch(/^\d+$/);
  await expect(rows.nth(Number(hit) - 1)).toHaveAttribute('aria-current', 'true');
  // A unit named dead contributes a constant: its column in the chart's table never changes.
  const dead = region(page).getByRole('button', { name: /^Unit \d+ dead: adds nothing on \[-3, 3\]/ });
  await expect(dead.first()).toBeVisible();
  const j = Number((await dead.first().getAttribute('aria-label')).match(/^Unit (\d+)/)[1]);
  await chart(page).getByRole('button', { name: 'Show as table' }).click();
  const column = await chart(page).locator('table tbody tr').evaluateAll((trs, k) => trs.map((tr) => tr.children[k].textContent), j + 1);
  expect(column.length).toBeGreaterThan(200);
  expect(new Set(column).size).toBe(1);
  expect(problems).toEqual([]);
});

test('with "Add points" pressed, clicking the chart adds points and fits them; typed points replace them; bad text is refused', async ({ page }) => {
  const problems = await open(page, '?view=fit1d&speed=100');
  const over = chart(page).locator('.u-over');
  const box = await over.boundingBox();
  const add = region(page).getByRole('button', { name: 'Add points' });
  await expect(add).toHaveAttribute('aria-pressed', 'false');
  await add.click();
  await expect(add).toHaveAttribute('aria-pressed', 'true');
  for (const [fx, fy] of [[0.1, 0.3], [0.3, 0.7], [0.5, 0.4], [0.7, 0.6], [0.9, 0.2]]) await over.click({ position: { x: box.width * fx, y: box.height * fy } });
  await expect(region(page).getByLabel('Target', { exact: true })).toHaveValue('points');
  const field = region(page).getByLabel('Points as x,y pairs', { exact: true });
  await expect(field).toHaveValue(/^(-?[\d.]+,-?[\d.]+; ){4}-?[\d.]+,-?[\d.]+$/);
  await expect(chart(page)).toHaveAttribute('aria-label', /^5 target points/);
  expect(new URL(page.url()).searchParams.get('xy').split(',')).toHaveLength(10);
  const { first, last } = await train(page, 500);
  expect(last).toBeLessThan(first * 0.5);
  await field.fill('-2,1; 0,-1; 2,1');
  await field.press('Enter');
  await expect(chart(page)).toHaveAttribute('aria-label', /^3 target points/);
  expect(new URL(page.url()).searchParams.get('xy')).toBe('-2,1,0,-1,2,1');
  await field.fill('1,2; 5,0');
  await field.press('Enter');
  await expect(region(page).getByRole('alert')).toHaveText('Could not read the points: x must be within [-3, 3] and y within [-10, 10].');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await region(page).getByRole('button', { name: 'Clear points' }).click();
  await expect(region(page).getByRole('status', { name: 'Notice' })).toHaveText('No points yet: with "Add points" pressed, click or tap the chart to add some, or type them as x,y pairs.');
  // A function target ends the mode; choosing "your points" starts it.
  await region(page).getByLabel('Target', { exact: true }).selectOption({ label: '|x|' });
  await expect(add).toHaveAttribute('aria-pressed', 'false');
  await region(page).getByLabel('Target', { exact: true }).selectOption({ label: 'your points' });
  await expect(add).toHaveAttribute('aria-pressed', 'true');
  expect(problems).toEqual([]);
});

test('the race fits one target with two activations from the same start, side by side', async ({ page }) => {
  const problems = await open(page, '?view=fit1d&speed=10');
  const race = region(page).getByRole('region', { name: 'Compare activations' });
  await race.getByLabel('Contestant 1', { exact: true }).selectOption('relu');
  await race.getByLabel('Contestant 2', { exact: true }).selectOption('tanh');
  await race.getByRole('button', { name: 'Race', exact: true }).click();
  await expect(race.getByRole('figure')).toHaveCount(3);  // two lanes' charts and the loss chart
  await expect.poll(() => race.evaluate((e) => Number(e.dataset.raceEpoch ?? 0)), { timeout: 30_000 }).toBeGreaterThan(300);
  await expect(race.getByRole('status', { name: 'Race status' })).toHaveText(/^Epoch \d+: (ReLU|Tanh) leads\.$/);
  const captions = await race.locator('.f1-lane-caption').allTextContents();
  expect(captions.map((c) => c.split(':')[0])).toEqual(['ReLU', 'Tanh']);
  for (const c of captions) expect(Number(c.match(/loss ([\d.e+-]+)/)[1])).toBeLessThan(0.3);  // both started near 0.6 (sin 2x)
  expect(new URL(page.url()).searchParams.get('race')).toBe('relu,tanh');
  await race.getByRole('button', { name: 'Stop race' }).click();
  await expect(race.getByRole('figure')).toHaveCount(0);  // the loss chart hides with the lanes
  expect(problems).toEqual([]);
});

test('the settings live in the URL under fit1d.: a link sets them, changes are written back, bad values are reported', async ({ page }) => {
  const problems = await open(page, '?fit1d.target=step&fit1d.units=5&fit1d.activation=tanh&fit1d.lr=0.1&fit1d.optimizer=sgd&fit1d.noise=0.1&fit1d.seed=3');
  const r = region(page);
  await expect(r.getByLabel('Target', { exact: true })).toHaveValue('step');
  await expect(r.getByLabel('Activation', { exact: true })).toHaveValue('tanh');
  await expect(r.getByLabel('Learning rate', { exact: true })).toHaveValue('0.1');
  await expect(r.getByLabel('Optimizer', { exact: true })).toHaveValue('sgd');
  await expect(r.getByLabel('Seed', { exact: true })).toHaveValue('3');
  await expect(units(page)).toHaveCount(5);
  await expect(units(page).first()).toHaveAccessibleName(/^Unit 1 (centre x = -?[\d.]+, output weight|dead: adds nothing)/);
  await r.getByLabel('Hidden units', { exact: true }).fill('12');
  await r.getByLabel('Hidden units', { exact: true }).press('Enter');
  await expect(units(page)).toHaveCount(12);
  await r.getByLabel('Activation', { exact: true }).selectOption('gelu');
  const q = new URL(page.url()).searchParams;
  expect(Object.fromEntries([...q].filter(([k]) => k.startsWith('fit1d.')))).toEqual({
    'fit1d.target': 'step', 'fit1d.units': '12', 'fit1d.activation': 'gelu', 'fit1d.lr': '0.1', 'fit1d.optimizer': 'sgd', 'fit1d.noise': '0.1', 'fit1d.seed': '3',
  });
  await page.reload();
  await expect(r.getByLabel('Activation', { exact: true })).toHaveValue('gelu');
  await expect(units(page)).toHaveCount(12);
  await r.getByLabel('Hidden units', { exact: true }).fill('99');
  await r.getByLabel('Hidden units', { exact: true }).press('Enter');
  await expect(r.getByRole('alert')).toHaveText('Hidden units: outside [1, 32]');
  await r.getByLabel('Activation', { exact: true }).selectOption('leaky_relu');
  await expect(r.getByLabel('negative_slope', { exact: true })).toHaveValue('0.01');
  await r.getByLabel('negative_slope', { exact: true }).fill('0.2');
  await r.getByLabel('negative_slope', { exact: true }).press('Enter');
  await expect.poll(() => new URL(page.url()).searchParams.get('fit1d.negative_slope')).toBe('0.2');
  await expect(chart(page)).toHaveAttribute('aria-label', /12 LeakyReLU units/);
  await page.goto('/?fit1d.units=0&fit1d.target=cubic');
  await expect(r.getByRole('status', { name: 'Notice' })).toContainText('ignored fit1d.target="cubic"');
  await expect(r.getByRole('status', { name: 'Notice' })).toContainText('ignored fit1d.units="0": outside [1, 32]');
  expect(problems).toEqual([]);
});

for (const colorScheme of ['light', 'dark']) {
  test(`axe finds no accessibility violations in the view (${colorScheme}), with a unit highlighted and a race run`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.emulateMedia({ colorScheme });
    const problems = await open(page);
    await units(page).nth(1).focus();
    const race = region(page).getByRole('region', { name: 'Compare activations' });
    await race.getByLabel('Contestant 1', { exact: true }).selectOption('relu');
    await race.getByLabel('Contestant 2', { exact: true }).selectOption('sigmoid');
    await race.getByRole('button', { name: 'Race', exact: true }).click();
    await expect(race.getByRole('status', { name: 'Race status' })).toHaveText(/leads/);
    const { violations } = await new AxeBuilder({ page }).include('#fit1d').analyze();
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    expect(problems).toEqual([]);
  });
}

test('a phone (360 px) never scrolls sideways, racing included; names are unique within the region', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  const problems = await open(page, '?view=fit1d&race=relu,tanh,gelu,sigmoid&units=32');
  await region(page).getByRole('button', { name: 'Race', exact: true }).click();
  await expect(region(page).getByRole('status', { name: 'Race status' })).toHaveText(/leads/);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  const names = await region(page).locator('button, input, select').evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? el.textContent.trim()));
  expect(names.length).toBeGreaterThan(40);
  const repeated = names.filter((n, i) => names.indexOf(n) !== i && n !== 'Show as table');
  expect(repeated).toEqual([]);
  expect(problems).toEqual([]);
});

test('as <activation-playground view="fit1d"> and as an iframe it mounts, trains and reports epochs', async ({ page }) => {
  const problems = watchProblems(page);
  await page.route('**/fit1d-embed.html', (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>fit1d embed</title><link rel="icon" href="data:,"></head><body>
<activation-playground id="el" view="fit1d" target="abs" units="4" speed="100"></activation-playground>
<iframe title="fit1d frame" src="/index.html?embed=1&view=fit1d&target=sawtooth&units=6" width="100%" height="900"></iframe>
<script>window.epochs = []; document.addEventListener('epoch', (e) => epochs.push(e.detail.epoch));</script>
<script type="module" src="/web/embed.mjs"></script></body></html>` }));
  await page.goto('/fit1d-embed.html');
  const el = page.locator('#el');
  await expect(el).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
  await expect(el.getByRole('button', { name: /^Unit \d/ })).toHaveCount(4);
  await expect(el.getByLabel('Target', { exact: true })).toHaveValue('abs');
  await el.evaluate((e) => e.play());
  await expect.poll(() => page.evaluate(() => Math.max(0, ...window.epochs)), { timeout: 20_000 }).toBeGreaterThan(200);
  await el.evaluate((e) => e.pause());
  const frame = page.frameLocator('iframe');
  await expect(frame.getByRole('button', { name: /^Unit \d/ })).toHaveCount(6);
  await expect(frame.getByLabel('Target', { exact: true })).toHaveValue('sawtooth');
  await frame.getByRole('button', { name: 'Step' }).click();
  await expect(frame.getByLabel('Epoch', { exact: true })).toHaveText('1');
  expect(problems).toEqual([]);
});

test('an embed can hide the reader\'s points (hide="xy") or lock the target, which Add points then leaves alone', async ({ page }) => {
  const problems = watchProblems(page);
  await page.route('**/fit1d-lock.html', (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>fit1d lock</title><link rel="icon" href="data:,"></head><body>
<activation-playground id="hid" view="fit1d" target="abs" hide="xy"></activation-playground>
<activation-playground id="lok" view="fit1d" target="sin" lock="target"></activation-playground>
<script>window.errors = []; document.addEventListener('error', (e) => errors.push(e.detail?.message), true);</script>
<script type="module" src="/web/embed.mjs"></script></body></html>` }));
  await page.goto('/fit1d-lock.html');
  const hid = page.locator('#hid'), lok = page.locator('#lok');
  for (const el of [hid, lok]) await expect(el).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
  for (const id of ['add-points', 'clear-points', 'points']) {
    await expect(hid.locator(`[data-id="${id}"]`)).toBeHidden();
    await expect(lok.locator(`[data-id="${id}"]`)).toBeVisible();
  }
  expect(await page.evaluate(() => window.errors)).toEqual([]);  // xy names controls: no "no control named xy"
  await expect(lok.getByLabel('Target', { exact: true })).toBeDisabled();
  const add = lok.getByRole('button', { name: 'Add points' });
  await add.click();
  await expect(add).toHaveAttribute('aria-pressed', 'false');
  await expect(lok.getByRole('alert')).toHaveText('The target is fixed here: your own points cannot replace it.');
  const over = lok.locator('.ap-plot-fit1d .u-over').first();
  await over.click({ position: { x: 40, y: 40 } });
  await expect(lok.getByLabel('Target', { exact: true })).toHaveValue('sin');
  await expect(lok.locator('.ap-plot-fit1d').first()).toHaveAttribute('aria-label', /^64 target points/);
  // Typed points are refused the same way, and do not stay in the field as if they had been taken.
  const typed = lok.locator('[data-id="points"]');
  await typed.fill('0,1 1,2');
  await typed.press('Enter');
  await typed.blur();
  await expect(typed).toHaveValue('');
  await expect(lok.getByLabel('Target', { exact: true })).toHaveValue('sin');
  expect(problems).toEqual([]);
});
