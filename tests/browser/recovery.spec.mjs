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
      const OTHER_VIEWS = ['fit1d', 'space'];  // the page's other training views share the worker
      const root = document.getElementById('trainer-root');
      window.checkpoints = [];
      window.states = [];
      root.workerClient.worker.addEventListener('message', (e) => {
        if (e.data?.type === 'checkpoint' && !OTHER_VIEWS.includes(e.data.id)) window.checkpoints.push(e.data.epoch);  // the trainer's, not the page's other views'
      });
      root.addEventListener('trainer-state', (e) => window.states.push({ ...e.detail, at: performance.now() }));
      // The snapshots a replacement worker posts (the page draws only the latest of a frame's).
      window.statesOf = new Map();  // worker → its state messages
      window.replacementStates = () => window.statesOf.get(root.workerClient.worker) ?? [];
      setInterval(() => {
        const w = root.workerClient.worker;
        if (window.statesOf.has(w)) return;
        window.statesOf.set(w, []);
        w.addEventListener('message', (e) => {
          if (e.data?.type === 'state' && !OTHER_VIEWS.includes(e.data.id)) window.statesOf.get(w).push({ epoch: e.data.epoch, trainLoss: e.data.trainLoss });
        });
      }, 1);
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
    // The replacement worker's first snapshot is the checkpoint's epoch (not 0); training goes on
    // from there with a finite loss, past where the old worker was killed.
    await expect.poll(() => page.evaluate(() => window.replacementStates().at(-1)?.epoch ?? -1), { timeout: 20_000 }).toBeGreaterThan(killed.epoch);
    const after = await page.evaluate(() => window.replacementStates());
    expect(after[0].epoch).toBeCloseTo(killed.checkpoint, 6);
    after.forEach((s, i) => {
      expect(s.epoch).toBeGreaterThanOrEqual(i ? after[i - 1].epoch : killed.checkpoint);
      expect(Number.isFinite(s.trainLoss)).toBe(true);
    });
    await expect.poll(() => page.evaluate(() => window.states.at(-1).epoch)).toBeGreaterThan(killed.epoch);
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
