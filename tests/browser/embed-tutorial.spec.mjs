// examples/tutorial.html opened as a reader would: scrolled through, every widget mounts and draws,
// with no console error, page error or failed request.
import { test, expect } from '@playwright/test';
import { watchProblems } from './problems.mjs';

/** Pixels drawn (not transparent, not the background) on the biggest canvas of an element's shadow root. */
const ink = (loc, selector = 'canvas') => loc.evaluate((e, sel) => {
  const canvases = [...e.shadowRoot.querySelectorAll(sel)].filter((c) => c.width * c.height > 0);
  let best = 0;
  for (const c of canvases) {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const colours = new Set();
    for (let i = 0; i < d.length; i += 16) if (d[i + 3] > 0) colours.add((d[i] >> 4) * 256 + (d[i + 1] >> 4) * 16 + (d[i + 2] >> 4));
    best = Math.max(best, colours.size);
  }
  return best;
}, selector);

test('the tutorial: every widget draws as the reader scrolls, without a console error or a failed request', async ({ page }) => {
  test.setTimeout(60_000);
  const problems = watchProblems(page);
  await page.setViewportSize({ width: 1000, height: 800 });
  await page.goto('/examples/tutorial.html');
  for (const id of ['classic', 'race', 'lesson']) {
    const w = page.locator(`#${id}`);
    await w.scrollIntoViewIfNeeded();
    await expect(w).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
  }
  const classic = page.locator('#classic');
  await classic.scrollIntoViewIfNeeded();
  await expect.poll(() => ink(classic), { timeout: 10_000 }).toBeGreaterThan(5);
  // The race started by itself when it came into view: two lanes draw their boundaries.
  const race = page.locator('#race');
  await race.scrollIntoViewIfNeeded();
  await expect(race.locator('.race-lanes figure')).toHaveCount(2, { timeout: 10_000 });
  await expect.poll(() => ink(race, '.race-lanes canvas'), { timeout: 15_000 }).toBeGreaterThan(5);
  await expect(race.getByRole('status', { name: 'Race status' })).toContainText('leads', { timeout: 15_000 });
  // The lesson shows its text and question, and its network's heatmap.
  const lesson = page.locator('#lesson');
  await lesson.scrollIntoViewIfNeeded();
  await expect(lesson.locator('.tr-lesson h3')).not.toBeEmpty();
  await expect(lesson.locator('.lesson-q')).toBeVisible();
  await expect.poll(() => ink(lesson, '.tr-heatmap'), { timeout: 10_000 }).toBeGreaterThan(5);
  await lesson.evaluate((e) => e.play());
  await expect.poll(() => lesson.locator('[data-id="epoch"]').textContent().then(Number), { timeout: 15_000 }).toBeGreaterThan(10);
  expect(problems).toEqual([]);
});
