// The network diagram component (web/diagram.mjs) on its fixture page, driven by roles and names.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { watchProblems } from './problems.mjs';

const FIXTURE = '/tests/browser/fixtures/diagram.html';
const links = (page) => page.getByRole('button', { name: /^Weight from / });

async function open(page, query = '') {
  const problems = watchProblems(page);
  await page.goto(`${FIXTURE}${query}`);
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  return problems;
}
const lastAction = (page) => page.evaluate(() => window.fixture.actions.at(-1) ?? null);
const weightCount = (page) => page.evaluate(() => window.fixture.net.linears.reduce((s, l) => s + l.in * l.out, 0));
/** The weight as the diagram writes it: two decimals and a true minus sign. */
const shown = (v) => `${Math.round(v * 100) < 0 ? '−' : ''}${(Math.abs(Math.round(v * 100)) / 100).toFixed(2)}`;

test('every weight is one link, named by its ends and value; neurons are named with their bias', async ({ page }) => {
  const problems = await open(page, '?hidden=4,2&features=x1,x2');
  expect(await weightCount(page)).toBe(2 * 4 + 4 * 2 + 2 * 1);
  await expect(links(page)).toHaveCount(18);
  const w10 = await page.evaluate(() => window.fixture.net.linears[1].weight[1 * 4 + 3]);
  await expect(page.getByRole('button', { name: `Weight from neuron 4 of layer 1 to neuron 2 of layer 2: ${shown(w10)}`, exact: true })).toHaveCount(1);
  const w0 = await page.evaluate(() => window.fixture.net.linears[2].weight[1]);
  await expect(page.getByRole('button', { name: `Weight from neuron 2 of layer 2 to the output: ${shown(w0)}`, exact: true })).toHaveCount(1);
  const b = await page.evaluate(() => window.fixture.net.linears[0].bias[2]);
  await expect(page.getByRole('button', { name: `Neuron 3 of layer 1, bias ${shown(b)}`, exact: true })).toHaveCount(1);
  await expect(page.getByRole('button', { name: /^Output, bias / })).toHaveCount(1);
  await expect(page.getByRole('button', { name: /^Feature / })).toHaveCount(7);
  expect(problems).toEqual([]);
});

test('focusing or hovering a link shows its weight in a tooltip', async ({ page }) => {
  const problems = await open(page);
  const w = await page.evaluate(() => window.fixture.net.linears[0].weight[0]);
  const link = page.getByRole('button', { name: `Weight from x1 to neuron 1 of layer 1: ${shown(w)}`, exact: true });
  await link.focus();
  await expect(page.locator('.apd-tip')).toBeVisible();
  await expect(page.locator('.apd-tip')).toHaveText(`Weight from x1 to neuron 1 of layer 1: ${shown(w)}`);
  await page.keyboard.press('ArrowDown');  // the next link of the same gap takes the focus and the tooltip
  await expect(page.locator('.apd-tip')).toHaveText(/^Weight from x2 to neuron 1 of layer 1: /);
  await expect(link).toHaveAttribute('tabindex', '-1');
  await page.getByRole('button', { name: /^Neuron 2 of layer 2, bias / }).hover();
  await expect(page.locator('.apd-tip')).toHaveText(/^Neuron 2 of layer 2, bias −?\d+\.\d\d$/);
  expect(problems).toEqual([]);
});

test('editing a link sends setWeight with the typed value; Escape and bad input send nothing', async ({ page }) => {
  const problems = await open(page);
  const link = page.getByRole('button', { name: /^Weight from x2 to neuron 3 of layer 1: / });
  await link.focus();
  await page.keyboard.press('Enter');
  const input = page.getByRole('spinbutton', { name: 'Weight' });
  await expect(input).toBeFocused();
  await input.fill('');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toHaveText('Type a number, such as 0.5 or -1.2');
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  expect(await lastAction(page)).toBeNull();
  await page.keyboard.press('Escape');
  await expect(input).toBeHidden();
  await expect(link).toBeFocused();
  expect(await lastAction(page)).toBeNull();
  await page.keyboard.press('Enter');
  await input.fill('-0.75');
  await page.keyboard.press('Enter');
  expect(await lastAction(page)).toEqual({ type: 'setWeight', layer: 0, row: 2, col: 1, value: -0.75 });
  await expect(input).toBeHidden();
  await expect(page.getByRole('button', { name: 'Weight from x2 to neuron 3 of layer 1: −0.75', exact: true })).toBeFocused();

  // With the mouse: click a point of the link that is on no other link; the bias of a neuron likewise.
  const at = await page.getByRole('button', { name: /^Weight from neuron 1 of layer 1 to neuron 2 of layer 2: / }).evaluate((p) => {
    for (const f of [0.5, 0.35, 0.65, 0.2, 0.8, 0.1, 0.9]) {
      const pt = p.getPointAtLength(p.getTotalLength() * f).matrixTransform(p.getScreenCTM());
      if (document.elementFromPoint(pt.x, pt.y) === p) return { x: pt.x, y: pt.y };
    }
    return null;
  });
  expect(at).not.toBeNull();
  await page.mouse.click(at.x, at.y);
  await input.fill('2.5');
  await page.getByRole('button', { name: 'Set' }).click();
  expect(await lastAction(page)).toEqual({ type: 'setWeight', layer: 1, row: 1, col: 0, value: 2.5 });
  await page.getByRole('button', { name: /^Neuron 1 of layer 2, bias / }).click();
  await page.getByRole('spinbutton', { name: 'Bias' }).fill('0.125');
  await page.keyboard.press('Enter');
  expect(await lastAction(page)).toEqual({ type: 'setWeight', layer: 1, row: 0, col: -1, value: 0.125 });
  await expect(page.getByRole('button', { name: 'Neuron 1 of layer 2, bias 0.13', exact: true })).toHaveCount(1);
  expect(problems).toEqual([]);
});

test('the +/− buttons send addNeuron/removeNeuron and are disabled at 1 and at the width limit', async ({ page }) => {
  const problems = await open(page, '?hidden=4,1&maxWidth=5');
  await expect(page.getByRole('button', { name: 'Remove neuron from layer 2' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Add neuron to layer 2' })).toBeEnabled();
  const add = page.getByRole('button', { name: 'Add neuron to layer 1' });
  await add.focus();
  await page.keyboard.press('Enter');
  expect(await lastAction(page)).toEqual({ type: 'addNeuron', layer: 0 });
  await expect(add).toBeDisabled();  // 5 = the limit
  await expect(page.getByRole('button', { name: 'Remove neuron from layer 1' })).toBeFocused();  // focus moves to its neighbour
  await expect(page.getByRole('button', { name: /^Neuron \d of layer 1, bias / })).toHaveCount(5);
  await expect(links(page)).toHaveCount(2 * 5 + 5 * 1 + 1);
  await page.getByRole('button', { name: 'Remove neuron from layer 1' }).click();
  expect(await lastAction(page)).toEqual({ type: 'removeNeuron', layer: 0 });
  await expect(page.getByRole('button', { name: 'Remove neuron from layer 1' })).toBeFocused();  // focus survives the rebuild
  await expect(add).toBeEnabled();
  await expect(page.getByText('4 neurons')).toBeVisible();
  expect(problems).toEqual([]);
});

test('Add layer / Remove layer send their actions within the layer limit; zero hidden layers work', async ({ page }) => {
  const problems = await open(page, '?hidden=3&maxLayers=2');
  await page.getByRole('button', { name: 'Add layer' }).click();
  expect(await lastAction(page)).toEqual({ type: 'addLayer' });
  await expect(page.getByRole('button', { name: 'Add layer' })).toBeDisabled();
  await expect(page.getByText('2 hidden layers')).toBeVisible();
  await page.getByRole('button', { name: 'Remove layer' }).click();
  await page.getByRole('button', { name: 'Remove layer' }).click();
  expect(await lastAction(page)).toEqual({ type: 'removeLayer' });
  await expect(page.getByRole('button', { name: 'Remove layer' })).toBeDisabled();
  await expect(page.getByRole('combobox', { name: 'Activation for all layers' })).toBeDisabled();
  await expect(links(page)).toHaveCount(2);  // x1, x2 → the output
  await expect(page.getByRole('button', { name: /^Weight from x1 to the output: / })).toHaveCount(1);
  expect(problems).toEqual([]);
});

test('toggling a feature sends toggleFeature; the pressed state and the links follow', async ({ page }) => {
  const problems = await open(page, '?hidden=4,2');
  const f = page.getByRole('button', { name: 'Feature x1²' });
  await expect(f).toHaveAttribute('aria-pressed', 'false');
  await f.click();
  expect(await lastAction(page)).toEqual({ type: 'toggleFeature', name: 'x1_squared' });
  await expect(f).toHaveAttribute('aria-pressed', 'true');
  await expect(links(page)).toHaveCount(3 * 4 + 4 * 2 + 2);
  await expect(page.getByRole('button', { name: /^Weight from x1² to neuron 4 of layer 1: / })).toHaveCount(1);
  expect(problems).toEqual([]);
});

test('the activation menus send layerActivation / allActivation and show "mixed"; the output menu sends output', async ({ page }) => {
  const problems = await open(page, '?hidden=4,2,2');
  const all = page.getByRole('combobox', { name: 'Activation for all layers' });
  await expect(all).toHaveValue('tanh');
  await page.getByRole('combobox', { name: 'Activation of layer 2' }).selectOption('relu');
  expect(await lastAction(page)).toEqual({ type: 'layerActivation', layer: 1, activation: 'relu' });
  await expect(all).toHaveValue('');
  await expect(all.locator('option:checked')).toHaveText('mixed');
  await all.selectOption('gelu');
  expect(await lastAction(page)).toEqual({ type: 'allActivation', activation: 'gelu' });
  await expect(page.getByRole('combobox', { name: 'Activation of layer 3' })).toHaveValue('gelu');
  const output = page.getByRole('combobox', { name: 'Output', exact: true });
  await expect(output.locator('option')).toHaveText(['Sigmoid (binary cross-entropy)', 'Linear (BCE with logits)', 'Linear (MSE)', 'Tanh (MSE)']);
  await output.selectOption('logits');
  expect(await lastAction(page)).toEqual({ type: 'output', kind: 'logits' });
  const options = await page.getByRole('combobox', { name: 'Activation of layer 1' }).locator('option').allTextContents();
  expect(options).toContain('relu');
  expect(options).not.toContain('softmax');
  expect(problems).toEqual([]);
});

test('update() with a new shape rebuilds the DOM; update() with new weights only retouches links', async ({ page }) => {
  const problems = await open(page, '?hidden=4,2&out=softmax3');
  await expect(page.getByRole('button', { name: /^Output \d, bias / })).toHaveCount(3);
  await expect(page.getByRole('img', { name: 'Prediction over the box' })).toHaveCount(1);
  await expect(page.getByRole('img', { name: 'Prediction over the box' }).locator('canvas')).toHaveJSProperty('width', 48);
  await page.evaluate(() => window.fixture.setShape([3, 5, 2]));
  await expect(page.getByText('3 hidden layers')).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Activation of layer 3' })).toHaveValue('relu');
  await expect(page.getByRole('button', { name: /^Neuron \d of layer 2, bias / })).toHaveCount(5);
  await expect(links(page)).toHaveCount(2 * 3 + 3 * 5 + 5 * 2 + 2 * 3);
  const same = await page.evaluate(() => {
    const before = document.querySelector('[data-act=link]');
    window.fixture.net.linears[0].weight[0] = -1.234;
    window.fixture.update();
    return before.isConnected && before.getAttribute('aria-label');
  });
  expect(same).toBe('Weight from x1 to neuron 1 of layer 1: −1.23');
  expect(problems).toEqual([]);
});

test('planes.dead outlines a dead neuron and says so in its name', async ({ page }) => {
  const problems = await open(page, '?hidden=4,2');
  await page.evaluate(() => { window.fixture.dead = [[0, 1, 0.5, 0], [0, 0]]; window.fixture.update(); });
  const dead = page.getByRole('button', { name: /^Neuron 2 of layer 1, bias −?\d+\.\d\d, dead: passes no gradient$/ });
  await expect(dead).toHaveClass(/dead/);
  await expect(page.getByRole('button', { name: /dead: passes no gradient$/ })).toHaveCount(1);
  await page.evaluate(() => { window.fixture.dead = null; window.fixture.update(); });
  await expect(page.getByRole('button', { name: /dead: passes no gradient$/ })).toHaveCount(0);
  await expect(page.locator('.apd-tile.dead')).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('a wide network (4288 links) renames a changed link within a moment and paints every tile', async ({ page }) => {
  const problems = await open(page, '?hidden=64,64');
  await expect(links(page)).toHaveCount(2 * 64 + 64 * 64 + 64);
  await page.evaluate(() => {
    const f = window.fixture;
    for (let i = 0; i < 3; i++) f.update();      // the names were just written: the next ones wait
    f.net.linears[1].weight[64 * 63 + 5] = 0.5;
    f.update();
  });
  await expect(page.getByRole('button', { name: 'Weight from neuron 6 of layer 1 to neuron 64 of layer 2: 0.50', exact: true })).toHaveCount(1);
  await page.evaluate(() => { for (let i = 0; i < 3; i++) window.fixture.update(); });  // 96 tiles a call, 136 tiles
  const painted = await page.locator('.apd-tile canvas').evaluateAll((cs) => cs.filter((c) => c.width > 1).length);
  expect(painted).toBe(7 + 128 + 1);
  expect(problems).toEqual([]);
});

for (const [name, viewport] of [['desktop', { width: 1280, height: 800 }], ['phone', { width: 360, height: 740 }]]) {
  test(`the diagram fits a ${name} without widening the page; tiles are painted (screenshot)`, async ({ page }, info) => {
    await page.setViewportSize(viewport);
    const problems = await open(page, '?hidden=6,4,2&features=x1,x2,sin_x1');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
    const painted = await page.locator('.apd-tile canvas').evaluateAll((cs) => cs.filter((c) => c.width > 1).length);
    expect(painted).toBeGreaterThanOrEqual(7 + 12 + 1);
    const small = await page.locator('.apd button, .apd select').evaluateAll((es) => es
      .map((e) => e.getBoundingClientRect()).filter((r) => r.width > 0 && (r.width < 24 || r.height < 24)).length);
    expect(small).toBe(0);
    await page.screenshot({ path: info.outputPath(`diagram-${name}.png`), fullPage: true });
    expect(problems).toEqual([]);
  });
}

for (const theme of ['light', 'dark']) {
  test(`the diagram passes axe (${theme}), with the weight editor open`, async ({ page }) => {
    test.setTimeout(60_000);
    const problems = await open(page, `?hidden=4,2&theme=${theme}`);
    await page.getByRole('button', { name: /^Weight from x1 to neuron 1 of layer 1: / }).focus();
    await page.keyboard.press('Enter');
    const { violations } = await new AxeBuilder({ page }).include('#diagram').analyze();
    expect(violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    expect(problems).toEqual([]);
  });
}
