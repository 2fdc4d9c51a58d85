// One view of an embed (the <activation-playground> element or the iframe page): mounts it with its
// state, passes its trainer's messages through a gate that holds training while the embed may not
// train (off-screen, or more embeds training than the page allows), and reports what happens
// (`ready`, `epoch`, `error`) through `emit`. The views themselves are the page's, unchanged.
import { mountExplorer } from './explorer.mjs';
import { LESSONS } from './lessons.mjs';
import { TO_WORKER } from './protocol.mjs';
import { applyControlOptions } from './embed-this.mjs';
import { STRINGS, fmt } from './strings.mjs';
import { mountTrainer } from './trainer.mjs';

/** Every view an embed can show; race and lesson are the trainer with its race or lesson set. */
export const EMBED_VIEWS = ['explorer', 'softmax', 'trainer', 'race', 'lesson', 'fit1d', 'space'];
/** The views that train (need the page's worker). */
export const TRAINING_VIEWS = new Set(['trainer', 'race', 'lesson', 'fit1d', 'space']);
/** What a race or lesson view shows when its attribute is missing. */
export const VIEW_DEFAULTS = { race: { race: 'tanh,relu' }, lesson: { lesson: LESSONS[0].id } };
/** Keys changed on a running trainer without rebuilding it (as its own controls do). */
export const LIVE_KEYS = new Set(['lr', 'speed', 'show_test', 'discretize']);

/**
 * Mounts `view` into `root`.
 * @param {HTMLElement} root an empty element (in a shadow root or a page)
 * @param {{ ap, ctx, client?: import('./worker-client.mjs').WorkerClient, view: string, id: string,
 *   get: (key: string) => string | null, emit: (type: string, detail: object) => void,
 *   mayTrain?: () => boolean, controls?: { hide: string[], lock: string[] } }} options `get` reads the
 *   view's unprefixed keys; `mayTrain` is asked before any run starts training (false: the run waits
 *   for `resume()`); `controls` names the state keys whose controls are hidden or locked (an `error`
 *   event names those the view has no control for)
 * @returns {Promise<{ trains: boolean, play(): void, pause(): void, reset(): void, playing(): boolean,
 *   setLive(key: string, value: string): boolean, hold(): void, resume(): void, destroy(): void }>}
 */
export async function mountView(root, { controls, ...options }) {
  const handle = await mountAnyView(root, options);
  const unknown = applyControlOptions(root, controls);
  if (unknown.length) options.emit('error', { message: fmt(STRINGS.embedThis.unknownControls, { keys: unknown.join(', ') }) });
  return handle;
}

async function mountAnyView(root, { ap, ctx, client, view, id, get, emit, mayTrain = () => true }) {
  if (!EMBED_VIEWS.includes(view)) throw new Error(`view="${String(view).slice(0, 30)}" is not one of ${EMBED_VIEWS.join(', ')}`);
  if (!TRAINING_VIEWS.has(view)) {
    if (view === 'explorer') mountExplorer(root, { ap, ctx, prefix: '', syncUrl: false, get });
    else {
      let mod;
      try {
        mod = await import('./softmax.mjs');
      } catch {
        throw new Error('the softmax view is not in this version of Activation Playground');
      }
      mod.mountSoftmax(root, { ap, ctx, prefix: '', syncUrl: false, get });
    }
    const none = () => {};
    return { trains: false, play: none, pause: none, reset: none, playing: () => false, setLive: () => false, hold: none, resume: none, destroy: () => root.replaceChildren() };
  }
  // The fit and space views' modules load only where one is shown (trainer embeds fetch none of them).
  const mount = view === 'space' ? (await import('./space.mjs')).mountSpace
    : view === 'fit1d' ? (await import('./fit1d.mjs')).mountFit1d : mountTrainer;
  return mountTraining(root, { ap, ctx, client, view, id, get, emit, mayTrain, mount });
}

function mountTraining(root, { ap, ctx, client, view, id, get, emit, mayTrain, mount }) {
  const runs = new Map();  // run id → { send (to the worker), wants (the view asked it to train), label, last }
  let held = false;        // training paused by the gate, not by the reader
  let handle = null;

  // ---- epoch events: the latest snapshot of every run, at most once per animation frame ----------
  let frame = 0;
  let lastSent = '';
  function epochSoon() {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      const list = [...runs].filter(([, r]) => r.last).map(([runId, r]) => ({ id: runId, label: r.label, ...r.last }));
      const key = list.map((r) => r.epoch).join(',');
      if (!list.length || key === lastSent) return;
      lastSent = key;
      const main = list.find((r) => r.id === id) ?? list[0];
      emit('epoch', { epoch: main.epoch, trainLoss: main.trainLoss, testLoss: main.testLoss, runs: list.filter((r) => r.id !== id || list.length === 1) });
    });
  }

  // ---- the gate: the client the view sees ---------------------------------------------------------
  const gated = {
    connect(runId, listener) {
      const r = { send: null, wants: false, label: '', last: null, gatePauses: 0, restoring: false };
      runs.set(runId, r);
      r.send = client.connect(runId, (m) => {
        if (m.type === 'state') {
          r.last = { epoch: m.epoch, trainLoss: m.trainLoss, testLoss: m.testLoss };
          // Stopped by the worker (a lesson's epoch, divergence) — not the answer to the gate's own pause.
          if (m.playing === false && r.gatePauses > 0) r.gatePauses--;
          else if (m.playing === false && !held && !r.restoring) r.wants = false;
          if (m.playing) r.restoring = false;
          epochSoon();
        } else if (m.type === 'restarted') r.restoring = r.wants;  // the restored run's first snapshot is paused: not the reader's pause
        else if (m.type === 'error') emit('error', { message: m.message, run: runId });
        listener(m);
      });
      return (msg, transfer) => {
        if (msg.type === TO_WORKER.configure) r.label = String(msg.cfg?.activation ?? '');
        if (msg.type === TO_WORKER.play) {
          r.wants = true;
          if (held || !mayTrain()) {
            held = true;
            return;
          }
        } else if (msg.type === TO_WORKER.pause) r.wants = false;
        r.send(msg, transfer);
      };
    },
    disconnect(runId) {
      runs.delete(runId);
      client.disconnect(runId);
    },
  };

  const defaultsOfView = VIEW_DEFAULTS[view] ?? {};
  const getWithDefaults = (k) => get(k) ?? defaultsOfView[k] ?? null;
  handle = mount(root, { ap, ctx, client: gated, id, prefix: '', syncUrl: false, get: getWithDefaults });
  const q = (sel) => root.querySelector(sel);
  const playButton = () => q('[data-id="play"]');
  const raceButtons = () => [...root.querySelectorAll('.tr-race > button')];  // Race, Stop race
  const raceRuns = () => [...runs].filter(([runId]) => runId !== id);
  const isRace = view === 'race';

  const api = {
    trains: true,
    playing: () => (isRace ? raceRuns().some(([, r]) => r.wants) : Boolean(playButton()?.classList.contains('playing'))),
    play() {
      if (!isRace) {
        if (!api.playing()) playButton()?.click();
        return;
      }
      const contestants = raceRuns();
      if (!contestants.length) raceButtons()[0]?.click();  // starts the race: its runs connect and play
      else for (const [, r] of contestants) sendPlay(r);
    },
    pause() {
      if (!isRace) {
        if (api.playing()) playButton()?.click();
        return;
      }
      for (const [, r] of raceRuns()) {
        r.wants = false;
        r.send({ type: TO_WORKER.pause });
      }
    },
    reset() {
      if (isRace) raceButtons()[1]?.click();  // stops the race; play starts a new one
      else q('[data-id="reset"]')?.click();
    },
    /** Sets a live key on the running network through the view's own control; false if it needs a remount. */
    setLive(key, value) {
      if (!LIVE_KEYS.has(key)) return false;
      const control = q(`[data-id="${key}"]`);
      if (!control) return false;
      if (control.type === 'checkbox') control.checked = !['0', 'false', 'no', 'off'].includes(String(value).trim());
      else {
        if (![...control.options].some((o) => o.value === String(value))) return false;
        control.value = String(value);
      }
      control.dispatchEvent(new Event('change'));
      return true;
    },
    /** Pauses every run that wants to train (the reader's choice is kept for resume). */
    hold() {
      if (held) return;
      held = true;
      for (const [, r] of runs) {
        if (!r.wants) continue;
        r.gatePauses++;
        r.send({ type: TO_WORKER.pause });
      }
    },
    /** Lets held runs train again (when mayTrain allows). */
    resume() {
      if (!held) return;
      const wanting = [...runs.values()].some((r) => r.wants);
      if (wanting && !mayTrain()) return;  // a training slot only for an embed with something to train
      held = false;
      const mainWants = runs.get(id)?.wants;
      if (mainWants) handle.setPlaying(true);
      for (const [, r] of runs) if (r.wants) r.send({ type: TO_WORKER.play });
    },
    wantsToTrain: () => [...runs.values()].some((r) => r.wants),
    destroy() {
      cancelAnimationFrame(frame);
      for (const runId of [...runs.keys()]) gated.disconnect(runId);
      root.replaceChildren();
    },
  };
  function sendPlay(r) {
    r.wants = true;
    if (held || !mayTrain()) held = true;
    else r.send({ type: TO_WORKER.play });
  }
  return api;
}
