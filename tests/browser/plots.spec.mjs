// web/plots.mjs in Debian's Chromium, on tests/browser/fixtures/plots.html (every chart with synthetic data).
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { watchProblems } from './problems.mjs';

const FIXTURE = '/tests/browser/fixtures/plots.html';

async function open(page) {
  const problems = watchProblems(page);
  await page.goto(FIXTURE);
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  return problems;
}

/** Pixel statistics of the chart canvas in #id: drawn (non-transparent) pixels and a checksum. */
function canvasStats(page, id) {
  return page.locator(`#${id} canvas`).evaluate((c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let drawn = 0, sum = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (d[i + 3] > 0) drawn++;
      sum = (sum * 31 + d[i] + 7 * d[i + 1] + 13 * d[i + 2] + 17 * d[i + 3]) % 1000000007;
    }
    return { drawn, sum, width: c.width, height: c.height };
  });
}

/**
 * The colour at data point (x, y-fraction from the top of the plot area) of the chart in #id, mapping x
 * linearly from [x0, x1] onto the plot area (uPlot's .u-over) in canvas pixels.
 */
function pixelAt(page, id, x, x0, x1, yFrac = 0.03) {
  return page.locator(`#${id} .ap-plot`).evaluate((root, [x, x0, x1, yFrac]) => {
    const canvas = root.querySelector('canvas');
    const over = root.querySelector('.u-over');
    const k = canvas.width / canvas.getBoundingClientRect().width;
    const cr = canvas.getBoundingClientRect(), or = over.getBoundingClientRect();
    const px = Math.round((or.left - cr.left + ((x - x0) / (x1 - x0)) * or.width) * k);
    const py = Math.round((or.top - cr.top + yFrac * or.height) * k);
    return Array.from(canvas.getContext('2d').getImageData(px, py, 1, 1).data);
  }, [x, x0, x1, yFrac]);
}

/** The problems, without Chromium's hint about the tests' own getImageData readbacks. */
const own = (problems) => problems.filter((p) => !p.includes('willReadFrequently'));

const IDS = ['loss', 'grad', 'dead', 'race', 'hist', 'hist-relu', 'fn'];

test('every chart draws into its canvas, inside a shadow root too, without console problems', async ({ page }) => {
  const problems = await open(page);
  for (const id of IDS) {
    const { drawn, width, height } = await canvasStats(page, id);
    expect(width, id).toBeGreaterThan(200);
    expect(drawn, `${id} draws`).toBeGreaterThan(1500);
    expect(drawn, `${id} leaves background`).toBeLessThan(width * height * 0.8);
  }
  const shadowDrawn = await page.evaluate(() => {
    const c = window.fixture.shadow.querySelector('canvas');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
    return { n, tools: getComputedStyle(window.fixture.shadow.querySelector('.ap-plot-tools')).display };
  });
  expect(shadowDrawn.n).toBeGreaterThan(1500);
  expect(shadowDrawn.tools).toBe('flex');   // PLOTS_CSS applies inside the shadow root
  expect(own(problems)).toEqual([]);
});

test('update() redraws the same canvas with setData, and the text alternative follows the latest data', async ({ page }) => {
  const problems = await open(page);
  const before = await canvasStats(page, 'loss');
  await expect(page.locator('#loss .ap-plot')).toHaveAttribute('aria-label', 'Loss: training 0.05478, test 0.07879 at epoch 400');
  const same = await page.evaluate(() => {
    const canvas = document.querySelector('#loss canvas');
    window.fixture.loss.update(window.fixture.lossData(340, 3));
    return canvas === document.querySelector('#loss canvas');
  });
  expect(same).toBe(true);
  const after = await canvasStats(page, 'loss');
  expect(after.sum).not.toBe(before.sum);
  await expect(page.locator('#loss .ap-plot')).toHaveAttribute('aria-label', /^Loss: training 0\.\d+, test 0\.\d+ at epoch 340$/);

  await expect(page.locator('#race .ap-plot')).toHaveAttribute('aria-label', /^Loss race: Adam 0\.0404, SGD 0\.1754, SGD \+ momentum 0\.1298 at epoch 300\. Adam leads\.$/);
  await expect(page.locator('#race .u-legend .ap-leader')).toHaveCount(1);
  await expect(page.locator('#race .u-legend .u-series').nth(1)).toContainText('(leads)');
  await expect(page.locator('#hist .ap-plot')).toHaveAttribute('aria-label', /8 % where tanh saturates, 0 % where it is dead/);
  await expect(page.locator('#hist .ap-plot-caption')).toHaveText('8 % of inputs land where tanh saturates (|f′| < 0.01)');
  await expect(page.locator('#fn .ap-plot')).toHaveAttribute('aria-label', 'tanh, tanh′ over x from -5 to 5');

  // 120 updates of 2,000 points: setData only, no re-creation.
  const ms = await page.evaluate(() => {
    const { loss, lossData } = window.fixture;
    const frames = Array.from({ length: 120 }, (_, i) => lossData(2000, 1 + i / 100));
    const t = performance.now();
    for (const d of frames) loss.update(d);
    return performance.now() - t;
  });
  console.log(`120 loss updates of 2000 points: ${ms.toFixed(0)} ms`);
  expect(ms).toBeLessThan(3000);
  expect(own(problems)).toEqual([]);
});

test('the log-scale checkbox switches the loss chart to a log y axis; non-positive values leave gaps', async ({ page }) => {
  const problems = await open(page);
  /** Mean height (0 top, 1 bottom) of the blue training curve over the right half of the canvas. */
  const blueDepth = () => page.locator('#loss canvas').evaluate((c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0, ys = 0;
    for (let y = 0; y < c.height; y++) {
      for (let x = c.width >> 1; x < c.width; x++) {
        const i = (y * c.width + x) * 4;
        if (d[i + 2] > 200 && d[i] < 80 && d[i + 1] > 80 && d[i + 1] < 130) [n, ys] = [n + 1, ys + y];
      }
    }
    return ys / n / c.height;
  });
  const linear = await blueDepth();
  await page.locator('#loss').getByLabel('Log scale').check();
  await expect(page.locator('#loss .ap-plot')).toHaveAttribute('data-scale', 'log');
  const log = await blueDepth();
  expect(linear).toBeGreaterThan(0.6);        // 0.05 on [0, 0.8] sits at the bottom
  expect(log).toBeLessThan(linear - 0.1);     // on [0.01, 1] it rises towards the middle
  await page.locator('#loss').getByLabel('Log scale').uncheck();
  await expect(page.locator('#loss .ap-plot')).toHaveAttribute('data-scale', 'linear');
  expect(Math.abs((await blueDepth()) - linear)).toBeLessThan(0.02);

  // The gradient chart is log-scaled with a 0, a −1 and a NaN in its data; all zeros must not break it.
  expect((await canvasStats(page, 'grad')).drawn).toBeGreaterThan(1500);
  await page.evaluate(() => window.fixture.grad.update({ xs: new Float64Array([0, 1, 2]), series: [{ label: 'layer 1', ys: new Float32Array(3) }] }));
  await expect(page.locator('#grad .ap-plot')).toHaveAttribute('aria-label', 'Gradient norm per layer: layer 1 0 at epoch 2');
  expect(own(problems)).toEqual([]);
});

test('"Show as table" renders the current data as a table, and follows updates', async ({ page }) => {
  const problems = await open(page);
  const button = page.locator('#loss').getByRole('button', { name: 'Show as table' });
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  await button.click();
  const table = page.locator('#loss .ap-plot-table table');
  await expect(table).toBeVisible();
  await expect(page.locator('#loss').getByRole('button', { name: 'Hide table' })).toHaveAttribute('aria-expanded', 'true');
  await expect(table.locator('thead th')).toHaveText(['epoch', 'training', 'test']);
  await expect(table.locator('tbody tr')).toHaveCount(400);
  const expected = await page.evaluate(() => {
    const d = window.fixture.lossData(400);
    const num = (v) => String(Number(v.toPrecision(4)));
    return [[1, 0, 399].map((i) => i), [d.train[0], d.test[0]].map(num), [d.train[399], d.test[399]].map(num)];
  });
  await expect(table.locator('tbody tr').first().locator('td')).toHaveText(['1', ...expected[1]]);
  await expect(table.locator('tbody tr').last().locator('td')).toHaveText(['400', ...expected[2]]);
  await page.evaluate(() => window.fixture.loss.update(window.fixture.lossData(1200)));
  await expect(table.locator('tbody tr')).toHaveCount(500);   // sampled, and said so
  await expect(table.locator('caption')).toContainText('Every point would make 1200 rows; 500 evenly spaced ones are shown.');
  await expect(table.locator('tbody tr').last().locator('td').first()).toHaveText('1200');

  await page.locator('#hist').getByRole('button', { name: 'Show as table' }).click();
  const hist = page.locator('#hist .ap-plot-table table');
  await expect(hist.locator('thead th')).toHaveText(['from', 'to', 'count', 'region']);
  await expect(hist.locator('tbody tr')).toHaveCount(40);
  await expect(hist.locator('tbody tr').first().locator('td')).toHaveText(['-6', '-5.7', /^\d+$/, 'saturated']);
  await expect(hist.locator('tbody tr').nth(20).locator('td')).toHaveText(['0', '0.3', /^\d+$/, '']);
  await page.locator('#hist-relu').getByRole('button', { name: 'Show as table' }).click();
  await expect(page.locator('#hist-relu .ap-plot-table tbody tr').first().locator('td').last()).toHaveText('dead');

  await page.locator('#loss').getByRole('button', { name: 'Hide table' }).click();
  await expect(table).toHaveCount(0);
  expect(own(problems)).toEqual([]);
});

test('the histogram shades the saturated and dead regions where the data puts them', async ({ page }) => {
  const problems = await open(page);
  // tanh: saturated beyond ±3.8 on [-6, 6], shaded orange and translucent; nothing shaded in the middle.
  const isSaturated = ([r, g, b, a]) => a > 10 && a < 200 && r > g && g > b && r > 150;
  for (const x of [-5.2, -4.2, 4.2, 5.2]) expect(isSaturated(await pixelAt(page, 'hist', x, -6, 6)), `x = ${x}`).toBe(true);
  for (const x of [-3.2, -1.3, 1.3, 3.2]) expect((await pixelAt(page, 'hist', x, -6, 6))[3], `x = ${x}`).toBe(0);
  // relu: dead (red) over x < 0 only; moving the region moves the shading.
  const isDead = ([r, g, b, a]) => a > 40 && r > 150 && g < 120 && b < 120;
  const reluDead = [];
  for (const x of [-5.3, -2.3, -0.7, 0.7, 2.3, 5.3]) reluDead.push(isDead(await pixelAt(page, 'hist-relu', x, -6, 6)));
  expect(reluDead).toEqual([true, true, true, false, false, false]);
  await page.evaluate(() => {
    const { histRelu, histData } = window.fixture;
    histRelu.update(histData(0, 1.5, 'custom', [[2, 4]], [[2, 4]]));
  });
  expect(isDead(await pixelAt(page, 'hist-relu', 3, -6, 6))).toBe(true);
  expect(isDead(await pixelAt(page, 'hist-relu', -3, -6, 6))).toBe(false);
  expect(own(problems)).toEqual([]);
});

test('the function chart: arrow keys move the readout, +/− and the wheel zoom, drag pans, pinch zooms, reset returns', async ({ page }) => {
  const problems = await open(page);
  const plot = page.locator('#fn .ap-plot-body');
  const readout = page.locator('#fn .ap-plot-readout');
  await expect(readout).toContainText('arrow keys');
  await plot.focus();
  await page.keyboard.press('ArrowRight');
  await expect(readout).toHaveText('x = 0.025: tanh 0.02499, tanh′ 0.9994');   // from the centre, one sample right
  const cursorX = () => page.locator('#fn .u-cursor-x').evaluate((e) => new DOMMatrix(getComputedStyle(e).transform).m41);
  const x1 = await cursorX();
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  await expect(readout).toHaveText('x = 0.125: tanh 0.1244, tanh′ 0.9845');
  expect(await cursorX()).toBeGreaterThan(x1);
  await page.keyboard.press('Shift+ArrowLeft');
  await expect(readout).toHaveText(/^x = -0.125: tanh -0.1244/);
  await page.keyboard.press('Home');
  await expect(readout).toHaveText(/^x = -5: tanh -0.9999, tanh′ 1.8\d*e-4$/);
  await expect(plot).toHaveAttribute('aria-valuetext', /^x = -5: /);

  const ranges = () => page.evaluate(() => window.fixture.ranges.slice());
  await page.keyboard.press('+');
  let [a, b] = (await ranges()).at(-1);
  expect(b - a).toBeCloseTo(8, 5);
  await expect(page.locator('#fn .ap-plot')).toHaveAttribute('aria-label', /over x from -5 to 3$/);

  await page.getByRole('button', { name: 'Reset view' }).click();
  expect((await ranges()).at(-1)).toEqual([-5, 5]);

  const box = await page.locator('#fn .u-over').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -400);
  await expect.poll(async () => { const r = (await ranges()).at(-1); return r[1] - r[0]; }).toBeLessThan(6);
  [a, b] = (await ranges()).at(-1);
  expect((a + b) / 2).toBeCloseTo(0, 1);          // zoomed about the pointer, at the centre
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 - box.width / 4, box.y + box.height / 2, { steps: 4 });
  await page.mouse.up();
  const [c, d] = (await ranges()).at(-1);
  expect(d - c).toBeCloseTo(b - a, 6);            // pan keeps the span
  expect(c - a).toBeCloseTo((b - a) / 4, 2);      // dragging left by a quarter moves the view right by a quarter

  await page.getByRole('button', { name: 'Reset view' }).click();
  const span = await page.evaluate(([x, y, w]) => {  // two touch pointers spread apart: pinch zooms in
    const over = document.querySelector('#fn .u-over');
    const send = (type, id, cx) => over.dispatchEvent(new PointerEvent(type, { pointerId: id, pointerType: 'touch', clientX: cx, clientY: y, bubbles: true, isPrimary: id === 11 }));
    send('pointerdown', 11, x - w / 8);
    send('pointerdown', 12, x + w / 8);
    send('pointermove', 11, x - w / 4);
    send('pointermove', 12, x + w / 4);
    send('pointerup', 11, x - w / 4);
    send('pointerup', 12, x + w / 4);
    const r = window.fixture.ranges.at(-1);
    return r[1] - r[0];
  }, [box.x + box.width / 2, box.y + box.height / 2, box.width]);
  expect(span).toBeCloseTo(5, 1);
  expect(own(problems)).toEqual([]);
});

test('charts mount before their data, setRange may come first, and destroy() removes everything', async ({ page }) => {
  const problems = await open(page);
  const result = await page.evaluate(async () => {
    const { lossChart, seriesChart, histogram, functionChart } = await import('/web/plots.mjs');
    const host = document.createElement('div');
    document.querySelector('main').append(host);
    const fn = functionChart(host);
    fn.setRange(-2, 2);
    fn.update(window.fixture.fnData(-2, 2));
    const label = host.querySelector('.ap-plot').getAttribute('aria-label');
    const charts = [fn, lossChart(host), seriesChart(host, { title: 'empty' }), histogram(host)];
    const empty = [...host.querySelectorAll('.ap-plot')].map((e) => e.getAttribute('aria-label'));
    charts.forEach((c) => c.destroy());
    return { label, empty, left: host.childElementCount };
  });
  expect(result.label).toBe('tanh, tanh′ over x from -2 to 2');
  expect(result.empty.slice(1)).toEqual(['Loss: no data yet', 'empty: no data yet', 'Histogram of pre-activations: no data yet']);
  expect(result.left).toBe(0);
  expect(own(problems)).toEqual([]);
});

test('the chart follows its container\'s width', async ({ page }) => {
  const problems = await open(page);
  await page.locator('#loss').evaluate((e) => (e.style.width = '320px'));
  await expect.poll(async () => (await canvasStats(page, 'loss')).width).toBeLessThan(330);
  await page.locator('#loss').evaluate((e) => (e.style.width = '600px'));
  await expect.poll(async () => (await canvasStats(page, 'loss')).width).toBeGreaterThan(560);
  expect(own(problems)).toEqual([]);
});

/** Number of pixels of the #id canvas within 12 of the colour [r, g, b]. */
function pixelsOf(page, id, [r, g, b]) {
  return page.locator(`#${id} canvas`).evaluate((c, [r, g, b]) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - r) + Math.abs(d[i + 1] - g) + Math.abs(d[i + 2] - b) < 12 && d[i + 3] > 200) n++;
    return n;
  }, [r, g, b]);
}

test('colours come from the colour scheme and the host\'s --ap-* properties', async ({ page }) => {
  const problems = await open(page);
  const lightBlue = [37, 99, 235], darkBlue = [96, 165, 250];
  expect(await pixelsOf(page, 'loss', lightBlue)).toBeGreaterThan(200);
  await page.emulateMedia({ colorScheme: 'dark' });   // the charts redraw in the dark palette by themselves
  await expect.poll(() => pixelsOf(page, 'loss', darkBlue)).toBeGreaterThan(200);
  expect(await pixelsOf(page, 'loss', lightBlue)).toBe(0);
  await page.evaluate(() => {
    document.querySelector('#race').style.setProperty('--ap-series-1', 'rgb(255, 0, 255)');
    window.fixture.race.restyle();
  });
  expect(await pixelsOf(page, 'race', [255, 0, 255])).toBeGreaterThan(200);
  await expect(page.locator('#race .u-legend .ap-leader')).toHaveCount(1);   // the rebuilt legend still marks the leader
  expect(own(problems)).toEqual([]);
});

for (const colorScheme of ['light', 'dark']) {
  test(`the fixture passes axe in ${colorScheme}, with a table open`, async ({ page }) => {
    test.setTimeout(60_000);
    await page.emulateMedia({ colorScheme });
    const problems = await open(page);
    await page.locator('#hist').getByRole('button', { name: 'Show as table' }).click();
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    expect(own(problems)).toEqual([]);
  });
}

for (const [name, viewport] of [['desktop', { width: 1000, height: 900 }], ['phone', { width: 360, height: 740 }]]) {
  for (const colorScheme of ['light', 'dark']) {
    test(`screenshot: ${name}, ${colorScheme}; nothing overflows the viewport`, async ({ page }, info) => {
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme });
      const problems = await open(page);
      const fg = await page.locator('#loss .ap-plot').evaluate((e) => getComputedStyle(e).color);
      expect(fg).toBe(colorScheme === 'dark' ? 'rgb(229, 231, 235)' : 'rgb(31, 41, 55)');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: info.outputPath(`plots-${name}-${colorScheme}.png`), fullPage: true });
      expect(own(problems)).toEqual([]);
    });
  }
}
