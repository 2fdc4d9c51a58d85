// The training host: owns every network of a page (one TrainingRun per id), trains in C++ in
// chunks sized by measured time, and posts plain typed arrays for the page to draw. It runs in the
// training worker (worker.mjs), or on the page itself where workers are forbidden (embeds).
import { FROM_WORKER, TO_WORKER, checkMessage } from './protocol.mjs';
import { Fit1dRun } from './fit1d-run.mjs';
import { TrainingRun } from './run.mjs';

const FRAME_MS = 16;
const CHECKPOINT_MS = 3000;
const FULL_SNAPSHOT_MS = 100;

/**
 * The worker's logic, apart from where it runs: a Web Worker (worker.mjs) or, where a host page's
 * CSP forbids workers, the page itself in short time slices (embed-inpage.mjs).
 * @param {{ post: (msg: object, transfer?: Transferable[]) => void, trainBudgetMs?: number }} options
 *   `trainBudgetMs`: training time per 16 ms frame at full speed (the rest is the snapshot)
 * @returns {{ start(loading: Promise<object>): void, receive(msg: object): void, stop(): void }}
 *   `start` takes the module being loaded (posts `ready` when it is); `receive` queues one message
 */
export function createWorkerHost({ post, trainBudgetMs = 11 }) {
  const TRAIN_BUDGET_MS = trainBudgetMs;
  let ap = null;
  const runs = new Map();          // id → { run, playing, speed, rate (steps/ms), lastCheckpoint }
  let timer = 0;
  let stopped = false;
  let ready = null;

  const fail = (id, e) => post({ type: FROM_WORKER.error, id, message: e?.message ?? String(e) });

  /** A snapshot of one run; the diagnostics part at most every FULL_SNAPSHOT_MS while it trains. */
  function snapshot(id, entry, { force = false } = {}) {
    const now = performance.now();
    const full = force || !entry.playing || now - (entry.lastFull ?? -Infinity) >= FULL_SNAPSHOT_MS;
    if (full) entry.lastFull = now;
    const { msg, transfer } = entry.run.snapshot({ full });
    post({ type: FROM_WORKER.state, id, playing: entry.playing, ...msg }, transfer);
  }

  function sendPoints(id, run) {
    post({ type: FROM_WORKER.points, id, X: run.points.X.slice(), y: run.points.y.slice(), nTrain: run.nTrain, task: run.task, classes: run.classes });
  }

  /** Steps for this frame: `speed` epochs, or as many as the measured rate fits in the budget. */
  function stepsThisFrame(entry, share) {
    const { run } = entry;
    if (entry.speed !== 'max') return Number(entry.speed) * run.stepsPerEpoch;
    const budget = TRAIN_BUDGET_MS * share;
    return Math.max(1, Math.min(run.stepsPerEpoch * 1000, Math.floor(entry.rate * budget)));
  }

  /** One frame: a chunk of training for every playing run, then a snapshot of each. */
  function frame() {
    timer = 0;
    const playing = [...runs].filter(([, e]) => e.playing);
    if (!playing.length) return;
    const start = performance.now();
    // A group (a race) trains in lockstep: every member takes the steps its slowest member can afford.
    const groupSteps = new Map();
    for (const [, e] of playing) {
      if (e.group) groupSteps.set(e.group, Math.min(groupSteps.get(e.group) ?? Infinity, stepsThisFrame(e, 1 / playing.length)));
    }
    for (const [id, entry] of playing) {
      let steps = entry.group ? groupSteps.get(entry.group) : stepsThisFrame(entry, 1 / playing.length);
      // A lesson's check reads the network at an exact epoch: training stops there.
      const stopAt = entry.pauseAt ? entry.pauseAt * entry.run.stepsPerEpoch : Infinity;
      if (entry.run.steps + steps >= stopAt) {
        steps = Math.max(0, stopAt - entry.run.steps);
        entry.playing = false;
        entry.pauseAt = null;
      }
      const t0 = performance.now();
      const problem = steps ? entry.run.trainSteps(steps) : '';
      const ms = performance.now() - t0;
      // Rate from this chunk, smoothed; the first chunks after load run before V8 has optimised.
      if (ms > 0.5) entry.rate = 0.5 * entry.rate + 0.5 * (steps / ms);
      else entry.rate *= 2;
      if (problem) {
        entry.playing = false;
        post({ type: FROM_WORKER.diverged, id, epoch: entry.run.epoch, message: problem });
      }
      try {
        snapshot(id, entry);
      } catch (e) {
        entry.playing = false;
        fail(id, e);
      }
      if (performance.now() - entry.lastCheckpoint > CHECKPOINT_MS) {
        entry.lastCheckpoint = performance.now();
        post({ type: FROM_WORKER.checkpoint, id, epoch: entry.run.epoch, checkpoint: entry.run.checkpoint() });
      }
    }
    schedule(Math.max(0, FRAME_MS - (performance.now() - start)));
  }

  function schedule(delay = 0) {
    if (!stopped && !timer && [...runs.values()].some((e) => e.playing)) timer = setTimeout(frame, delay);
  }

  function configure(id, cfg, checkpoint) {
    const old = runs.get(id);
    const run = cfg.view === 'fit1d' ? new Fit1dRun(ap, cfg, { checkpoint }) : new TrainingRun(ap, cfg, { checkpoint });
    old?.run.dispose();
    const entry = { run, playing: old?.playing ?? false, speed: cfg.speed, rate: 20, lastCheckpoint: performance.now(), group: cfg.group };
    runs.set(id, entry);
    sendPoints(id, run);
    snapshot(id, entry);
    schedule();
    return run;
  }

  const SETTERS = {
    speed: (e, v) => { e.speed = v; },
    lr: (e, v) => { e.run.optimizer.lr = v; e.run.cfg.lr = v; },
    grid: (e, v) => { e.run.cfg.grid = v; },
    pauseAt: (e, v) => { e.pauseAt = Number.isInteger(v) && v > 0 ? v : null; },
    space: (e, v) => { e.run.cfg.space = v; },  // the pairs of units the space view shows
  };

  async function handle(msg) {
    const problem = checkMessage(msg, 'toWorker');
    if (problem) throw new Error(`worker: ${problem}`);
    if (msg.type === TO_WORKER.ping) {
      post({ type: FROM_WORKER.pong, t: msg.t, memory: ap?.memoryStats() });  // memory: for bench/soak.mjs
      return;
    }
    await ready;
    const { id } = msg;
    const entry = runs.get(id);
    switch (msg.type) {
      case TO_WORKER.configure: configure(id, msg.cfg); break;
      case TO_WORKER.restore: {
        const { model } = configure(id, msg.cfg, msg.checkpoint);
        // The trainable values, as PyTorch's sum(p.numel() for p in model.parameters()).
        if (msg.checkpoint?.file) post({ type: FROM_WORKER.loaded, id, parameters: model.parameters().reduce((n, p) => n + p.numel, 0) });
        break;
      }
      case TO_WORKER.play: if (entry) { entry.playing = true; schedule(); } break;
      case TO_WORKER.pause: if (entry) { entry.playing = false; snapshot(id, entry); } break;
      case TO_WORKER.step:
        if (entry) {
          const problem = entry.run.trainSteps(entry.run.stepsPerEpoch);
          if (problem) post({ type: FROM_WORKER.diverged, id, epoch: entry.run.epoch, message: problem });
          snapshot(id, entry);
        }
        break;
      case TO_WORKER.set:
        if (!entry) break;
        if (!Object.hasOwn(SETTERS, msg.key)) throw new Error(`worker: cannot set ${JSON.stringify(String(msg.key))} live`);
        SETTERS[msg.key](entry, msg.value);
        if (!entry.playing) snapshot(id, entry);
        break;
      case TO_WORKER.setWeight:
        if (entry) {
          entry.run.setWeight(msg.layer, msg.row, msg.col, msg.value);
          snapshot(id, entry);
        }
        break;
      case TO_WORKER.exportModel: if (entry) post({ type: FROM_WORKER.exported, id, format: msg.format, text: exportText(entry.run, msg.format) }); break;
      case TO_WORKER.dispose: entry?.run.dispose(); runs.delete(id); break;
      default: break;
    }
  }

  function exportText(run, format) {
    if (format === 'json') return JSON.stringify(run.model.toJSON(), null, 1);
    if (format === 'pytorch-module' || format === 'pytorch-functional') return run.model.toPyTorch({ style: format.slice(8) });
    if (format === 'predictions') return JSON.stringify(Array.from(run.predictions()));
    if (format === 'run') {
      const { cfg } = run;
      const complete = run.stepLossCount === run.steps;
      return JSON.stringify({
        modelJSON: run.model.toJSON(),
        initialState: Object.fromEntries(Object.entries(run.initialState).map(([k, v]) => [k, Array.from(v)])),
        optimizer: { kind: cfg.optimizer === 'adam' ? 'adam' : 'sgd', lr: cfg.lr, momentum: cfg.optimizer === 'momentum' ? 0.9 : 0, regularization: cfg.regularization, regularization_rate: cfg.reg_rate },
        loss: run.loss, X: Array.from(run.inputs), y: Array.from(run.points.y), nTrain: run.nTrain, batchSize: run.batch,
        shuffle: true, seed: cfg.seed, steps: run.steps, losses: complete ? Array.from(run.stepLosses.subarray(0, run.stepLossCount)) : undefined,
      });
    }
    throw new Error(`worker: unknown export format ${JSON.stringify(String(format))}`);
  }

  // Messages are handled one at a time, in arrival order.
  let queue = Promise.resolve();
  return {
    start(loading) {
      ready = loading.then((module) => {
        ap = module;
        post({ type: FROM_WORKER.ready, buildInfo: ap.buildInfo() });
      });
      ready.catch((e) => fail(undefined, e));
    },
    receive(msg) {
      queue = queue.then(() => handle(msg)).catch((err) => {
        const entry = runs.get(msg?.id);
        if (entry) entry.playing = false;
        fail(msg?.id, err);
      });
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      for (const { run } of runs.values()) run.dispose();
      runs.clear();
    },
  };
}
