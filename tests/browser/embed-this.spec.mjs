// "Embed this" as a tutorial author uses it: set a view up on the page, open the dialog, choose what
// the reader may not change, paste the snippet into another page — the widget there shows that state.
import { test, expect } from '@playwright/test';
import { startEmbedServers } from './fixtures/embed-servers.mjs';
import { watchProblems } from './problems.mjs';
import { CDN_SCRIPT } from '../../web/embed-this.mjs';

let servers;
test.beforeAll(async () => { servers = await startEmbedServers(); });
test.afterAll(async () => { await servers?.close(); });
test.use({ viewport: { width: 1300, height: 1400 } });

const trainer = (page) => page.getByRole('region', { name: 'Train a network' });

/** Opens the trainer's "Embed this" dialog; returns it and its two snippets' texts. */
async function openDialog(page) {
  await trainer(page).getByRole('button', { name: 'Embed this' }).click();
  const dialog = page.getByRole('dialog', { name: 'Embed this trainer view' });
  await expect(dialog).toBeVisible();
  const read = async () => ({
    element: await dialog.getByLabel('Custom element', { exact: true }).textContent(),
    iframe: await dialog.getByLabel('Iframe', { exact: true }).textContent(),
  });
  return { dialog, read };
}

test('the trainer\'s snippet carries its state and the hide/lock choices; pasted elsewhere it shows just that', async ({ page }) => {
  const problems = watchProblems(page);
  await page.goto('/?trainer.dataset=xor&trainer.hidden=3&trainer.lr=abc');
  await expect(page.locator('html')).toHaveAttribute('data-ready', 'true');
  await trainer(page).getByLabel('Learning rate', { exact: true }).selectOption('0.1');
  const { dialog, read } = await openDialog(page);
  let s = await read();
  // The state as the page shows it: the rejected lr=abc is not carried, the chosen 0.1 is.
  expect(s.element).toContain('<activation-playground view="trainer" dataset="xor" hidden_layers="3" lr="0.1"></activation-playground>');
  expect(s.iframe).toContain('?embed=1&amp;view=trainer&amp;dataset=xor&amp;hidden=3&amp;lr=0.1"');
  await dialog.getByRole('checkbox', { name: 'Hide Optimizer' }).check();
  await dialog.getByRole('checkbox', { name: 'Lock Dataset' }).check();
  s = await read();
  expect(s.element).toContain('lr="0.1" hide="optimizer" lock="dataset"></activation-playground>');
  expect(s.iframe).toContain('&amp;hide=optimizer&amp;lock=dataset"');
  await dialog.getByRole('button', { name: 'Copy Custom element' }).click();
  await expect(dialog.getByRole('status').first()).toHaveText(/Copied|Select the text/);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();

  // The element snippet pasted into a page of another origin (the module from the test's CDN).
  const html = s.element.replace(CDN_SCRIPT, `${servers.cdn}/dist/web/embed.mjs`);
  servers.page('/pasted.html', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>pasted</title><link rel="icon" href="data:,"></head><body>${html}</body></html>`);
  const other = await page.context().newPage();
  const otherProblems = watchProblems(other);
  await other.goto(`${servers.host}/pasted.html`);
  const el = other.locator('activation-playground');
  await expect(el).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
  await expect(el.getByLabel('Learning rate', { exact: true })).toHaveValue('0.1');
  await expect(el.getByLabel('Dataset', { exact: true })).toHaveValue('xor');
  await expect(el.getByLabel('Dataset', { exact: true })).toBeDisabled();
  await expect(el.getByLabel('Optimizer', { exact: true })).toBeHidden();
  await expect(el.getByLabel('Learning rate', { exact: true })).toBeEnabled();

  // The iframe snippet's URL, opened as the iframe would (same site): the same state and choices.
  const src = s.iframe.match(/src="([^"]+)"/)[1].replaceAll('&amp;', '&');
  await other.goto(new URL(src).pathname + new URL(src).search);
  await expect(other.locator('html')).toHaveAttribute('data-ready', 'true');
  const view = other.getByRole('region', { name: 'Train a network' });
  await expect(view.getByLabel('Dataset', { exact: true })).toBeDisabled();
  await expect(view.getByLabel('Optimizer', { exact: true })).toBeHidden();
  await expect(view.getByLabel('Learning rate', { exact: true })).toHaveValue('0.1');
  await expect(other.getByRole('button', { name: 'Embed this' })).toBeHidden();
  expect(problems).toEqual([]);
  expect(otherProblems).toEqual([]);
});

test('every view of the page has the button; the softmax snippet locks its temperature; unknown control names are reported', async ({ page }) => {
  await page.goto('/?softmax.temperature=0.5&softmax.logits=3,1,0.2');
  await expect(page.locator('html')).toHaveAttribute('data-ready', 'true');
  for (const region of ['Activation explorer', 'Softmax', 'Train a network']) {
    await expect(page.getByRole('region', { name: region }).getByRole('button', { name: 'Embed this' })).toBeVisible();
  }
  await page.getByRole('region', { name: 'Softmax' }).getByRole('button', { name: 'Embed this' }).click();
  const dialog = page.getByRole('dialog', { name: 'Embed this softmax view' });
  const temperature = dialog.getByRole('checkbox', { name: /^Lock .*[Tt]emperature/ });
  await temperature.first().check();
  const element = await dialog.getByLabel('Custom element', { exact: true }).textContent();
  for (const attr of ['view="softmax"', 'temperature="0.5"', 'logits="3,1,0.2"', 'lock="temperature"']) expect(element).toContain(attr);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  const html = element.replace(CDN_SCRIPT, `${servers.cdn}/dist/web/embed.mjs`).replace('lock="temperature"', 'lock="temperature,no_such_control"');
  servers.page('/softmax.html', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>pasted</title><link rel="icon" href="data:,"></head><body><script>
    window.errors = []; document.addEventListener('error', (e) => e.detail && errors.push(e.detail.message));</script>${html}</body></html>`);
  await page.goto(`${servers.host}/softmax.html`);
  const el = page.locator('activation-playground');
  await expect(el).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
  const boxes = el.locator('[data-key="temperature"]');
  await expect(boxes).toHaveCount(2);
  for (const box of await boxes.all()) await expect(box).toBeDisabled();
  await expect(el.locator('[data-id="t-number"]')).toHaveValue('0.5');
  expect(await page.evaluate(() => window.errors)).toEqual(['hide/lock: no control named no_such_control in this view']);
});
