// The trainer survives the loss of its training worker: killed mid-training, the worker stops
// answering the heartbeat, the page starts a new one, and the trainer restores its network from the
// last checkpoint the worker posted — it says so, resumes at that epoch (not 0) and trains on.
import { test, expect } from '@playwright/test';
import { watchProblems } from './problems.mjs';

test.setTimeout(90_000);

const PAGES = {
  simd: '/?trainer.dataset=spiral&trainer.hidden=8,8',
  fallback: '/?wasm=fallback&trainer.dataset=spiral&trainer.hidden=8,8',
  'iframe mode': '/index.html?embed=1&view=trainer&dataset=spiral&hidden=8,8',
};

for (const [name, url] of Object.entries(PAGES)) {
  test(`a killed worker (${name}) is replaced and the trainer resumes from its checkpoint`, async ({ page }) => {
    const problems = watchProblems(page);
    await page.goto(url);
    await expect(page.locator('#trainer-root')).toHaveAttribute('data-train-epoch', /\d+/, { timeout: 20_000 });
    // Record the checkpoints the worker posts and every state the trainer draws.
    await page.evaluate(() => {
      const root = document.getElementById('trainer-root');
      window.checkpoints = [];
      window.states = [];
      root.workerClient.worker.addEventListener('message', (e) => {
        if (e.data?.type === 'checkpoint') window.checkpoints.push(e.data.epoch);
      });
      root.addEventListener('trainer-state', (e) => window.states.push({ ...e.detail, at: performance.now() }));
    });
    const t = page.locator('#trainer-root');
    await t.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => page.evaluate(() => window.checkpoints.length), { timeout: 20_000 }).toBeGreaterThan(0);

    // Kill the worker the way a crash would: it simply stops.
    const killed = await page.evaluate(() => {
      const client = document.getElementById('trainer-root').workerClient;
      const old = client.worker;
      old.terminate();
      window.killedAt = performance.now();
      window.oldWorker = old;
      return { checkpoint: window.checkpoints.at(-1), epoch: window.states.at(-1).epoch };
    });
    expect(killed.checkpoint).toBeGreaterThan(0);
    expect(killed.epoch).toBeGreaterThanOrEqual(killed.checkpoint);

    const notice = t.getByRole('status', { name: 'Notice' });
    await expect(notice).toHaveText('the training worker stopped answering; it was restarted and the network restored from its last checkpoint.', { timeout: 20_000 });
    expect(await page.evaluate(() => document.getElementById('trainer-root').workerClient.worker !== window.oldWorker)).toBe(true);
    // The restored network starts at the checkpoint's epoch (the states drawn after the kill go back
    // to it, not to 0); training goes on from there with a finite loss.
    await expect.poll(() => page.evaluate(() => window.states.at(-1).epoch), { timeout: 20_000 }).toBeGreaterThan(killed.epoch);
    const after = await page.evaluate(() => window.states.filter((s) => s.at > window.killedAt));
    const restored = after.findIndex((s) => s.epoch < killed.epoch);
    expect(restored, 'a state back at the checkpoint').toBeGreaterThanOrEqual(0);
    expect(after[restored].epoch).toBeCloseTo(killed.checkpoint, 6);
    for (const s of after.slice(restored)) {
      expect(s.epoch).toBeGreaterThanOrEqual(killed.checkpoint);
      expect(Number.isFinite(s.trainLoss)).toBe(true);
    }
    // The view still shows it training (the restore's paused first snapshot did not stop it), and Pause pauses.
    await expect(t.getByRole('button', { name: 'Pause' })).toBeVisible();
    // The new worker posts checkpoints too: a second crash would be recovered the same way.
    await expect.poll(() => page.evaluate(() => {
      const root = document.getElementById('trainer-root');
      if (!window.secondListener) {
        window.secondListener = true;
        window.laterCheckpoints = [];
        root.workerClient.worker.addEventListener('message', (e) => { if (e.data?.type === 'checkpoint') window.laterCheckpoints.push(e.data.epoch); });
      }
      return window.laterCheckpoints.length;
    }), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await page.evaluate(() => window.laterCheckpoints[0])).toBeGreaterThan(killed.checkpoint);
    await t.getByRole('button', { name: 'Pause' }).click();
    await expect(t.getByRole('button', { name: 'Play' })).toBeVisible();
    // Paused for real: the epoch stops moving (a run still training moves it within a frame or two).
    const lastEpoch = () => page.evaluate(() => window.states.at(-1).epoch);
    await expect.poll(async () => {
      const a = await lastEpoch();
      await page.waitForTimeout(400);
      return (await lastEpoch()) === a;
    }).toBe(true);
    expect(problems).toEqual([]);
  });
}
