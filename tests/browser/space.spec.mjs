// The "space bent by the layers" view in Debian's Chromium, used as a person would: controls found by
// role and name inside its region; the pictures' numbers read back from the worker's snapshot.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { watchProblems } from './problems.mjs';

const space = (page) => page.getByRole('region', { name: 'Space bent by the layers' });
const caption = (page) => space(page).locator('.sp-caption');
const epoch = (page) => space(page).getByLabel('Epoch', { exact: true }).textContent().then(Number);
const STAGES = ['The input plane', 'Layer 1: after the linear map', 'Layer 1: after tanh', 'Layer 2: after the linear map', 'Layer 2: after tanh'];

async function open(page, query = '') {
  const problems = watchProblems(page);
  await page.goto(`/${query}`);
  await expect(page.locator('#space-root')).toHaveAttribute('data-space-epoch', /\d+/);
  return problems;
}

async function trainUntil(page, epochs) {
  await space(page).getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(() => epoch(page), { timeout: 40_000 }).toBeGreaterThanOrEqual(epochs);
  await space(page).getByRole('button', { name: 'Pause', exact: true }).click();
}

/** The canvas's pixels, as a short fingerprint. */
const picture = (page) => space(page).getByRole('img').evaluate((c) => {
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let h = 0;
  for (let i = 0; i < d.length; i += 4) h = (h * 31 + d[i] + 7 * d[i + 1] + 13 * d[i + 2]) % 1000000007;
  return h;
});

test('Animate plays every stage in order, input plane to the last layer, and the caption names each', async ({ page }) => {
  const problems = await open(page, '?space.hidden=2,2');
  await expect(caption(page)).toHaveText(STAGES.at(-1));  // the last stage by default
  await caption(page).evaluate((el) => {
    window.captions = [];
    new MutationObserver(() => window.captions.push(el.textContent)).observe(el, { childList: true, characterData: true, subtree: true });
  });
  await space(page).getByRole('button', { name: 'Animate' }).click();
  await expect(space(page).getByRole('button', { name: 'Stop animation' })).toBeVisible();
  await expect.poll(() => page.evaluate(() => window.captions.filter((c, i, a) => c !== a[i - 1])), { timeout: 20_000 }).toEqual(STAGES);
  await expect(space(page).getByRole('button', { name: 'Animate' })).toBeVisible();
  await expect(space(page).getByRole('slider', { name: 'Stage' })).toHaveValue('4');
  expect(problems).toEqual([]);
});

test('with reduced motion the stage jumps; the keyboard drives the stage slider and the URL keeps it', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const problems = await open(page, '?space.hidden=2,2');
  const slider = space(page).getByRole('slider', { name: 'Stage' });
  await slider.focus();
  await page.keyboard.press('Home');
  await expect(caption(page)).toHaveText(STAGES[0]);
  const input = await picture(page);
  await page.keyboard.press('ArrowRight');
  await expect(caption(page)).toHaveText(STAGES[1]);
  await expect(slider).toHaveAttribute('aria-valuetext', STAGES[1]);
  await expect.poll(() => picture(page)).not.toBe(input);
  expect(new URL(page.url()).searchParams.get('space.stage')).toBe('1');
  await space(page).getByRole('button', { name: 'Next stage' }).click();
  await expect(caption(page)).toHaveText(STAGES[2]);
  await space(page).getByRole('button', { name: 'Previous stage' }).click();
  await expect(caption(page)).toHaveText(STAGES[1]);
  expect(problems).toEqual([]);
});

test('trained on the circle, the drawn line separates the classes and classifies every training point as the network does', async ({ page }) => {
  test.setTimeout(90_000);
  const problems = await open(page);
  await trainUntil(page, 150);
  const check = await page.locator('#space-root').evaluate(async (root) => {
    const s = root.space.snapshot();
    const y = root.space.labels().y;
    const p = JSON.parse(await root.space.request('predictions'));  // the worker's model.forward, as probabilities
    const h = s.stages.at(-1).xy;
    let agree = 0, right = 0, counted = 0;
    for (let i = 0; i < s.nTrain; i++) {
      if (Math.abs(p[i] - 0.5) < 1e-4) continue;
      const side = s.line.w[0] * h[2 * (s.nGrid + i)] + s.line.w[1] * h[2 * (s.nGrid + i) + 1] + s.line.b;
      counted++;
      if (side > 0 === p[i] > 0.5) agree++;
      if (side > 0 === y[i] > 0.5) right++;
    }
    return { agree, right, counted, exact: s.line.exact, stages: s.stages.length };
  });
  expect(check.exact).toBe(true);
  expect(check.stages).toBe(5);
  expect(check.counted).toBeGreaterThan(200);
  expect(check.agree).toBe(check.counted);
  expect(check.right / check.counted).toBeGreaterThan(0.95);
  await expect(space(page).locator('.sp-summary')).toContainText(/puts (9[5-9]|100)\.\d % of the training points on their own class's side/);
  expect(problems).toEqual([]);
});

test('training moves the picture: each Step redraws the layers from the new weights', async ({ page }) => {
  const problems = await open(page);
  const last = () => page.locator('#space-root').evaluate((root) => Array.from(root.space.snapshot().stages.at(-1).xy.subarray(0, 50)));
  const before = await last();
  const pixels = await picture(page);
  await space(page).getByRole('button', { name: 'Step' }).click();
  await expect.poll(() => epoch(page)).toBe(1);
  await expect.poll(last).not.toEqual(before);
  await expect.poll(() => picture(page)).not.toBe(pixels);
  await space(page).getByRole('button', { name: 'Reset' }).click();
  await expect.poll(() => epoch(page)).toBe(0);
  await expect.poll(last).toEqual(before);  // the same seed: the same initial picture
  expect(problems).toEqual([]);
});

test('the URL sets dataset, activation, layers, the units shown and the stage, and changes round-trip', async ({ page }) => {
  const problems = await open(page, '?space.dataset=xor&space.hidden=4,2&space.units=2-4&space.activation=relu&space.lr=0.03&space.stage=2');
  const s = space(page);
  await expect(s.getByRole('combobox', { name: 'Dataset' })).toHaveValue('xor');
  await expect(s.getByRole('combobox', { name: 'Activation', exact: true })).toHaveValue('relu');
  await expect(s.getByRole('combobox', { name: 'Hidden layers' })).toHaveValue('2');
  await expect(s.getByRole('combobox', { name: 'Layer 1 units', exact: true })).toHaveValue('4');
  await expect(s.getByRole('combobox', { name: 'Layer 1 units shown' })).toHaveValue('2-4');
  await expect(s.getByRole('combobox', { name: 'Learning rate' })).toHaveValue('0.03');
  await expect(caption(page)).toHaveText('Layer 1: after relu');
  await expect(s.locator('.sp-summary')).toContainText('Units 2 and 4 of 4 are shown.');
  await expect(s.locator('.sp-summary')).toContainText('relu applies to each coordinate (its range is [0, inf)): every negative coordinate is folded onto zero');
  expect(await page.locator('#space-root').evaluate((r) => r.space.snapshot().stages[2].units)).toEqual([1, 3]);
  await s.getByRole('combobox', { name: 'Layer 1 units shown' }).selectOption('1-3');
  await s.getByRole('combobox', { name: 'Activation', exact: true }).selectOption('sigmoid');
  await s.getByRole('combobox', { name: 'Hidden layers' }).selectOption('3');
  await expect(caption(page)).toHaveText('Layer 1: after sigmoid');
  const q = new URL(page.url()).searchParams;
  expect([q.get('space.units'), q.get('space.activation'), q.get('space.hidden'), q.get('space.stage')]).toEqual(['1-3', 'sigmoid', '4,2,2', '2']);
  await page.reload();
  await expect(page.locator('#space-root')).toHaveAttribute('data-space-epoch', /\d+/);
  await expect(s.getByRole('combobox', { name: 'Layer 1 units shown' })).toHaveValue('1-3');
  await expect(s.getByRole('combobox', { name: 'Layer 3 units' })).toHaveValue('2');
  await expect(caption(page)).toHaveText('Layer 1: after sigmoid');
  // Each layer has its own activation menu; one layer's choice makes the link list one per layer.
  await expect(s.getByRole('combobox', { name: 'Layer 2 activation' })).toHaveValue('sigmoid');
  await s.getByRole('combobox', { name: 'Layer 2 activation' }).selectOption('relu');
  await expect.poll(() => new URL(page.url()).searchParams.get('space.activation')).toBe('sigmoid,relu,sigmoid');
  await expect(s.getByRole('combobox', { name: 'Layer 1 activation' })).toHaveValue('sigmoid');
  await expect(s.getByRole('combobox', { name: 'Layer 3 activation' })).toHaveValue('sigmoid');
  await s.getByRole('combobox', { name: 'Hidden layers' }).selectOption('2');
  await s.getByRole('slider').fill('4');
  await expect(caption(page)).toHaveText('Layer 2: after relu');
  expect(await page.locator('#space-root').evaluate((r) => r.space.snapshot().stages.map((st) => st.fn ?? null).filter(Boolean))).toEqual(['sigmoid', 'relu']);
  await s.getByRole('combobox', { name: 'Layer 2 activation' }).selectOption('sigmoid');
  await expect.poll(() => new URL(page.url()).searchParams.get('space.activation')).toBe('sigmoid');
  await page.goto('/?space.hidden=3,1&space.units=1-9');
  const notice = s.getByRole('status', { name: 'Notice' });
  await expect(notice).toContainText('ignored space.hidden="3,1": layer widths must be whole numbers from 2 to');
  await expect(notice).toContainText('layer 1 has 3 units: showing units 1 and 2 instead of 1-9');
  expect(problems).toEqual([]);
});

test('the view is an embed: ?embed=1&view=space alone, and <activation-playground view="space"> trains', async ({ page }) => {
  const problems = watchProblems(page);
  await page.goto('/?embed=1&view=space&hidden=2,2&dataset=gauss&stage=0');
  await expect(page.locator('html')).toHaveAttribute('data-ready', 'true');
  await expect(caption(page)).toHaveText('The input plane');
  await expect(page.getByRole('region', { name: 'Train a network' })).toBeHidden();
  await page.route('**/space-embed.html', (r) => r.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>space</title><link rel="icon" href="data:,"></head>
<body><activation-playground id="sp" view="space" hidden_layers="2,2" dataset="xor" stage="1"></activation-playground><script type="module" src="/web/embed.mjs"></script></body></html>` }));
  await page.goto('/space-embed.html');
  const el = page.locator('#sp');
  await expect(el).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
  await expect(el.locator('.sp-caption')).toHaveText('Layer 1: after the linear map');
  await el.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(() => el.getByLabel('Epoch', { exact: true }).textContent().then(Number), { timeout: 20_000 }).toBeGreaterThan(3);
  await el.getByRole('button', { name: 'Pause', exact: true }).click();
  expect(problems).toEqual([]);
});

for (const colorScheme of ['light', 'dark']) {
  test(`axe finds no accessibility violations in the space view (${colorScheme})`, async ({ page }) => {
    test.setTimeout(60_000);
    await page.emulateMedia({ colorScheme });
    const problems = await open(page, '?space.hidden=4,2&space.dataset=blobs&space.stage=2');
    await expect(space(page).getByRole('combobox', { name: 'Units shown in this stage' })).toBeVisible();
    const { violations } = await new AxeBuilder({ page }).include('#space').analyze();
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    expect(problems).toEqual([]);
  });
}

test('at phone width (360 px) the view never scrolls sideways and the picture fits', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  const problems = await open(page, '?space.hidden=4,2,2');
  await space(page).scrollIntoViewIfNeeded();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  const box = await space(page).getByRole('img').boundingBox();
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(360);
  expect(box.width).toBeGreaterThan(250);
  expect(problems).toEqual([]);
});

test('an embed\'s lock= and hide= reach the per-layer menus, also the ones rebuilt for another depth', async ({ page }) => {
  const problems = watchProblems(page);
  await page.goto('/?embed=1&view=space&hidden=4,2&lock=activation&hide=units');
  await expect(page.locator('#space-root')).toHaveAttribute('data-space-epoch', /\d+/);
  const s = space(page);
  await expect(s.getByRole('combobox', { name: 'Activation', exact: true })).toBeDisabled();
  await expect(s.getByRole('combobox', { name: 'Layer 1 activation' })).toBeDisabled();
  await expect(s.getByRole('combobox', { name: 'Layer 1 units shown' })).toBeHidden();
  await s.getByRole('slider', { name: 'Stage' }).fill('2');  // the note under the caption hides its pair menu too
  await expect(s.locator('.sp-note')).toContainText('Units 3 and 4 are not drawn');
  await expect(s.getByRole('combobox', { name: 'Units shown in this stage' })).toBeHidden();
  await s.getByRole('combobox', { name: 'Hidden layers' }).selectOption('3');
  await expect(s.getByRole('combobox', { name: 'Layer 3 activation' })).toBeDisabled();
  await expect(s.getByRole('combobox', { name: 'Layer 3 units' })).toBeEnabled();
  await s.getByRole('combobox', { name: 'Layer 3 units' }).selectOption('3');
  await expect(s.getByRole('combobox', { name: 'Layer 3 units shown' })).toBeHidden();
  expect(problems).toEqual([]);
});

/**
 * The drawn decision regions, read back from the canvas: over a lattice of the plot, each pixel's colour
 * against the tint of the class whose score w_i·h + b_i is largest there (the argmax rule, computed here
 * from the snapshot's numbers), and the dashed boundary's pixels along its edges.
 */
const drawnRegions = (page) => page.locator('#space-root').evaluate(async (root) => {
  const { decisionRegions, classAt } = await import('/web/space-regions.mjs');
  const { classColours, scoresOf, themeOf } = await import('/web/space-draw.mjs');
  const s = root.space.snapshot(), canvas = root.querySelector('canvas');
  const scores = scoresOf(s);
  const theme = themeOf(canvas);
  const colours = classColours(root.space.labels().classes, theme);
  // The tint of each class as the canvas composes it: 15 % of its colour over the panel.
  const scratch = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
  const rgb = (paint) => { scratch.clearRect(0, 0, 1, 1); paint(); return Array.from(scratch.getImageData(0, 0, 1, 1).data.slice(0, 3)); };
  const tints = colours.map((c) => rgb(() => { scratch.fillStyle = theme.panel; scratch.fillRect(0, 0, 1, 1); scratch.globalAlpha = 0.15; scratch.fillStyle = c; scratch.fillRect(0, 0, 1, 1); scratch.globalAlpha = 1; }));
  const fg = rgb(() => { scratch.fillStyle = theme.fg; scratch.fillRect(0, 0, 1, 1); });
  const d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  const pixel = ([x, y]) => { const i = 4 * (Math.round(y) * canvas.width + Math.round(x)); return [d[i], d[i + 1], d[i + 2]]; };
  const dist = (a, b) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
  // The plot's corners in the shown space: where the canvas point (x, y) maps back to.
  const [x0, y0] = root.space.toCanvas(0, 0), [x1, y1] = root.space.toCanvas(1, 1);
  const back = (px, py) => [(px - x0) / (x1 - x0), (py - y0) / (y1 - y0)];
  const [ax, ay] = back(canvas.width * 0.2, canvas.height * 0.8), [bx, by] = back(canvas.width * 0.9, canvas.height * 0.1);
  let sampled = 0, matched = 0;
  const seen = new Set();
  for (let i = 0; i <= 30; i++) {
    for (let j = 0; j <= 30; j++) {
      const x = ax + ((bx - ax) * i) / 30, y = ay + ((by - ay) * j) / 30;
      const want = classAt(scores.w, scores.b, x, y);
      const got = pixel(root.space.toCanvas(x, y));
      const nearest = tints.map((t) => dist(t, got)).reduce((best, v, k, all) => (v < all[best] ? k : best), 0);
      sampled++;
      if (nearest === want) matched++;
      seen.add(want);
    }
  }
  // The boundary: points along every edge between two regions, each looked for within 3 px.
  const regions = decisionRegions(scores.w, scores.b, [Math.min(ax, bx), Math.max(ax, bx), Math.min(ay, by), Math.max(ay, by)]);
  let along = 0, onLine = 0;
  for (const poly of regions) {
    poly.forEach((p, k) => {
      const q = poly[(k + 1) % poly.length];
      const mid = [(p[0] + q[0]) / 2, (p[1] + q[1]) / 2];
      if ([Math.min(ax, bx), Math.max(ax, bx)].includes(p[0]) && p[0] === q[0]) return;  // the rectangle's sides
      if ([Math.min(ay, by), Math.max(ay, by)].includes(p[1]) && p[1] === q[1]) return;
      for (let t = 0.1; t < 0.95; t += 0.1) {
        const [cx, cy] = root.space.toCanvas(p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t);
        along++;
        let hit = false;
        for (let dx = -3; dx <= 3 && !hit; dx++) for (let dy = -3; dy <= 3 && !hit; dy++) hit = dist(pixel([cx + dx, cy + dy]), fg) < 40;
        if (hit) onLine++;
      }
    });
  }
  return { sampled, matched, classes: seen.size, along, onLine };
});

/** Polls until the paused view's last frame shows the regions (most lattice pixels in their class's tint) and their dashed edges. */
async function expectRegionsDrawn(page, classes) {
  await expect.poll(() => drawnRegions(page).then((d) => d.matched / d.sampled), { timeout: 5_000 }).toBeGreaterThan(0.8);
  const drawn = await drawnRegions(page);
  expect(drawn.classes).toBeLessThanOrEqual(classes);
  expect(drawn.classes).toBeGreaterThanOrEqual(2);
  expect(drawn.onLine / drawn.along).toBeGreaterThan(0.7);
}

test('Play trains continuously and the picture follows: the epoch advances, the stage\'s points and pixels change', async ({ page }) => {
  const problems = await open(page);
  const last = () => page.locator('#space-root').evaluate((root) => Array.from(root.space.snapshot().stages.at(-1).xy.subarray(0, 50)));
  const before = await last(), pixels = await picture(page);
  await space(page).getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(() => epoch(page), { timeout: 20_000 }).toBeGreaterThan(20);
  await expect.poll(last).not.toEqual(before);
  await expect.poll(() => picture(page)).not.toBe(pixels);
  // Still playing: later snapshots keep moving it without another click.
  const mid = await last(), midEpoch = await epoch(page);
  await expect.poll(() => epoch(page), { timeout: 20_000 }).toBeGreaterThan(midEpoch + 20);
  await expect.poll(last).not.toEqual(mid);
  await space(page).getByRole('button', { name: 'Pause', exact: true }).click();
  expect(problems).toEqual([]);
});

test('the legend names the class colours, training and test points and the decision line; several classes list each', async ({ page }) => {
  const problems = await open(page);
  const legend = space(page).getByRole('list', { name: 'Legend' });
  await expect(legend.getByRole('listitem')).toHaveText(['class 0', 'class 1', 'training point', 'test point', '×nn points piled on one spot', "the output's decision line (last stage)"]);
  await space(page).getByRole('combobox', { name: 'Dataset' }).selectOption('blobs');
  await expect(space(page).getByRole('combobox', { name: 'Classes' })).toHaveValue('3');
  await expect(legend.getByRole('listitem')).toHaveText(['class 0', 'class 1', 'class 2', 'training point', 'test point', '×nn points piled on one spot', 'where each class wins (last stage)']);
  await space(page).getByRole('combobox', { name: 'Classes' }).selectOption('5');
  await expect(legend.getByRole('listitem')).toHaveCount(9);
  expect(new URL(page.url()).searchParams.get('space.classes')).toBe('5');
  // The trainer's class colours: class 2 is its green.
  await expect(legend.getByRole('listitem').nth(2).locator('.sp-mark')).toHaveCSS('background-color', 'rgb(34, 160, 90)');
  await space(page).getByRole('combobox', { name: 'Dataset' }).selectOption('xor');
  await expect(space(page).getByRole('combobox', { name: 'Classes' })).toBeHidden();
  expect(problems).toEqual([]);
});

test('with a last layer wider than two units no boundary is drawn, and the legend does not list one', async ({ page }) => {
  const problems = await open(page, '?space.hidden=2,3');
  const legend = space(page).getByRole('list', { name: 'Legend' });
  await expect(legend.getByRole('listitem')).toHaveText(['class 0', 'class 1', 'training point', 'test point', '×nn points piled on one spot']);
  await space(page).getByRole('combobox', { name: 'Layer 2 units', exact: true }).selectOption('2');
  await expect(legend.getByRole('listitem').last()).toHaveText("the output's decision line (last stage)");
  expect(problems).toEqual([]);
});

test('a dataset of several classes trains, and its drawn regions classify the training points as the network does', async ({ page }) => {
  test.setTimeout(90_000);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const problems = await open(page, '?space.dataset=blobs&space.classes=3');
  await trainUntil(page, 80);
  const check = await page.locator('#space-root').evaluate(async (root) => {
    const { classAt } = await import('/web/space-regions.mjs');
    const s = root.space.snapshot(), y = root.space.labels().y, k = s.regions.w.length;
    const p = JSON.parse(await root.space.request('predictions'));  // the worker's softmax of model.forward, [n, k]
    const h = s.stages.at(-1).xy;
    let agree = 0, right = 0, counted = 0;
    for (let i = 0; i < s.nTrain; i++) {
      const row = p.slice(i * k, (i + 1) * k), sorted = [...row].sort((a, b) => b - a);
      if (sorted[0] - sorted[1] < 1e-4) continue;  // a tie: either region is fair
      const region = classAt(s.regions.w, s.regions.b, h[2 * (s.nGrid + i)], h[2 * (s.nGrid + i) + 1]);
      counted++;
      if (region === row.indexOf(sorted[0])) agree++;
      if (region === y[i]) right++;
    }
    return { agree, right, counted, k, exact: s.regions.exact, line: s.line };
  });
  expect(check).toMatchObject({ k: 3, exact: true, line: null });
  expect(check.counted).toBeGreaterThan(200);
  expect(check.agree).toBe(check.counted);
  expect(check.right / check.counted).toBeGreaterThan(0.9);
  await expect(space(page).locator('.sp-summary')).toContainText(/split this plane into 3 convex regions .* (9\d|100)\.\d % of the training points lie in their own class's region/);
  // The regions are on the canvas: each lattice pixel wears the tint of the class that wins there.
  await expectRegionsDrawn(page, 3);
  expect(problems).toEqual([]);
});

test('the two-class line and its half-planes are drawn where the line says, and not before the last stage', async ({ page }) => {
  test.setTimeout(90_000);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const problems = await open(page);
  await trainUntil(page, 100);
  await expectRegionsDrawn(page, 2);
  await space(page).getByRole('button', { name: 'Previous stage' }).click();
  await expect(caption(page)).toHaveText('Layer 2: after the linear map');
  // The line belongs to the last stage: at this one its dashes are gone from where it would run.
  await expect.poll(() => drawnRegions(page).then((d) => d.onLine / d.along)).toBeLessThan(0.5);
  expect(problems).toEqual([]);
});

test('a stage of a wider layer says which units are left out, and its own menu chooses the pair', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const problems = await open(page, '?space.stage=2');  // the default network: 3 units, then 2
  const s = space(page);
  await expect(caption(page)).toHaveText('Layer 1: after tanh');
  await expect(s.locator('.sp-note')).toContainText('Layer 1 has 3 units; this picture shows units 1 and 2. Unit 3 is not drawn');
  const pick = s.getByRole('combobox', { name: 'Units shown in this stage' });
  await pick.selectOption('2-3');
  await expect(s.locator('.sp-note')).toContainText('shows units 2 and 3. Unit 1 is not drawn');
  await expect(s.getByRole('combobox', { name: 'Layer 1 units shown' })).toHaveValue('2-3');
  await expect.poll(() => page.locator('#space-root').evaluate((r) => r.space.snapshot().stages[2].units)).toEqual([1, 2]);
  expect(new URL(page.url()).searchParams.get('space.units')).toBe('2-3');
  await s.getByRole('button', { name: 'Next stage' }).click();
  await expect(s.locator('.sp-note')).toBeHidden();  // layer 2 has two units: nothing left out
  expect(problems).toEqual([]);
});
