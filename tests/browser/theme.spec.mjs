// The header's theme menu: it overrides the reader's colour scheme everywhere on the page (the page's
// own style sheet and the views' constructed ones), charts redraw in it, and the choice is remembered.
import { test, expect } from '@playwright/test';
import { watchProblems } from './problems.mjs';

const bg = (page, selector) => page.locator(selector).first().evaluate((e) => getComputedStyle(e).backgroundColor);
/** Relative luminance of an rgb() colour, 0 (black) to 1 (white). */
const light = (rgb) => {
  const [r, g, b] = rgb.match(/\d+(\.\d+)?/g).map(Number);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
};

for (const scheme of ['light', 'dark']) {
  test(`with a ${scheme} system scheme, Light and Dark override it, Auto follows it, and the choice is remembered`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    const problems = watchProblems(page);
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('data-ready', 'true');
    const menu = page.getByRole('combobox', { name: 'Theme' });
    await expect(menu).toHaveValue('auto');
    const system = light(await bg(page, 'html'));
    expect(system > 0.5).toBe(scheme === 'light');

    const other = scheme === 'light' ? 'dark' : 'light';
    await menu.selectOption(other);
    await expect.poll(async () => light(await bg(page, 'html')) > 0.5).toBe(other === 'light');
    // The charts' own sheet follows, and the trainer's controls (native form colours) too.
    await expect.poll(async () => light(await bg(page, '#explorer .ap-plot')) > 0.5).toBe(other === 'light');
    expect(await page.locator('html').evaluate((e) => getComputedStyle(e).colorScheme)).toBe(other);

    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-ready', 'true');
    await expect(menu).toHaveValue(other);
    await expect.poll(async () => light(await bg(page, 'html')) > 0.5).toBe(other === 'light');

    await menu.selectOption('auto');
    await expect.poll(async () => light(await bg(page, 'html')) > 0.5).toBe(scheme === 'light');
    await expect.poll(async () => light(await bg(page, '#explorer .ap-plot')) > 0.5).toBe(scheme === 'light');
    await page.reload();
    await expect(menu).toHaveValue('auto');
    expect(problems).toEqual([]);
  });
}
