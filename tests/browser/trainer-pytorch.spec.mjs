// What the page exports, run by PyTorch (Debian's python3-torch, installed by the test set-up):
// the model's code reproduces the page's predictions, and the reproduction script retrains the run
// with the same batches and reports the largest difference from the page's loss curve.
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const python = ['/usr/bin/python3', 'python3'].find((py) => spawnSync(py, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0);
const trainer = (page) => page.getByRole('region', { name: 'Train a network' });

test.skip(!python, 'PyTorch is not installed (apt-get install -y python3-torch): the PyTorch checks did not run');

test('the reproduction script downloaded from the page retrains the run in PyTorch within 1e-4 of the page\'s loss curve', async ({ page }, info) => {
  await page.goto('/?trainer.dataset=xor&trainer.hidden=4,3&trainer.activation=tanh,relu&trainer.optimizer=momentum&trainer.points=120&trainer.regularization=l2&trainer.reg_rate=0.001');
  await expect(page.locator('#trainer-root')).toHaveAttribute('data-train-epoch', /\d+/);
  const t = trainer(page);
  for (let k = 0; k < 5; k++) await t.getByRole('button', { name: 'Step' }).click();
  await expect.poll(async () => Number(await t.getByLabel('Epoch', { exact: true }).textContent())).toBe(5);
  const [download] = await Promise.all([page.waitForEvent('download'), t.getByRole('button', { name: 'Download PyTorch reproduction' }).click()]);
  const script = info.outputPath('reproduce.py');
  writeFileSync(script, readFileSync(await download.path()));
  const out = info.outputPath('curve.json');
  const r = spawnSync(python, [script, '--json', out, '--tolerance', '1e-4'], { encoding: 'utf8', timeout: 120_000 });
  expect(r.status, r.stdout + r.stderr).toBe(0);
  const curve = JSON.parse(readFileSync(out, 'utf8'));
  expect(curve.losses.length).toBe(5 * Math.ceil(60 / 10));  // 5 epochs of 60 training points in batches of 10
  expect(curve.max_relative_loss_difference).toBeLessThanOrEqual(1e-4);
  expect(curve.max_weight_difference).toBeLessThanOrEqual(1e-5);
});

test('the PyTorch code copied from the page gives the page model\'s predictions within 1e-5', async ({ page, context }, info) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/?trainer.hidden=5&trainer.activation=leaky_relu&trainer.negative_slope=0.2');
  await expect(page.locator('#trainer-root')).toHaveAttribute('data-train-epoch', /\d+/);
  const t = trainer(page);
  for (let k = 0; k < 3; k++) await t.getByRole('button', { name: 'Step' }).click();
  await t.getByRole('button', { name: 'Copy PyTorch code' }).click();
  await expect(t.getByRole('status', { name: 'Notice' })).toContainText('copied');
  const code = await page.evaluate(() => navigator.clipboard.readText());
  expect(code).toContain('nn.LeakyReLU(negative_slope=0.2)');
  const [download] = await Promise.all([page.waitForEvent('download'), t.getByRole('button', { name: 'Export predictions' }).click()]);
  const rows = readFileSync(await download.path(), 'utf8').trim().split('\n');
  const header = rows[0].split(',');
  const [ix1, ix2, ip] = ['x1', 'x2', 'p1'].map((h) => header.indexOf(h));
  const points = rows.slice(1, 41).map((r) => r.split(',').map(Number)).map((v) => [v[ix1], v[ix2], v[ip]]);
  const file = info.outputPath('check.py');
  writeFileSync(file, `${code}
import torch, json, sys
pts = json.loads(sys.argv[1])
x = torch.tensor([[p[0], p[1]] for p in pts], dtype=torch.float32)
with torch.no_grad():
    y = model(x).reshape(-1)
worst = max(abs(float(a) - p[2]) for a, p in zip(y, pts))
print(worst)
sys.exit(0 if worst <= 1e-5 else 1)
`);
  const r = spawnSync(python, [file, JSON.stringify(points)], { encoding: 'utf8', timeout: 120_000 });
  expect(r.status, r.stdout + r.stderr).toBe(0);
});
