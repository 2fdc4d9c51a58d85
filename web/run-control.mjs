// What every training view does alike with its run in the worker: the Play/Pause toggle, and the
// recovery after the worker was replaced (web/worker-client.mjs) from the run's last checkpoint.
import { TO_WORKER } from './protocol.mjs';
import { STRINGS } from './strings.mjs';

/** Shows `on` (training) on a Play/Pause button: its accessible name, its icon and its `playing` class. */
export function showPlaying(button, icon, on) {
  button.setAttribute('aria-label', on ? STRINGS.trainer.pause : STRINGS.trainer.play);
  icon.textContent = on ? '❚❚' : '▶';
  button.classList.toggle('playing', on);
}

/**
 * Rebuilds a run in a new worker: from its last checkpoint if there is one, else afresh; training
 * again if it was. Returns the notice that says so.
 * @param {(msg: object) => void} send the view's connection to the worker
 * @param {{ reason: string, checkpoint: object|null, cfg: object, playing: boolean }} run
 */
export function restartRun(send, { reason, checkpoint, cfg, playing }) {
  send(checkpoint ? { type: TO_WORKER.restore, cfg, checkpoint } : { type: TO_WORKER.configure, cfg });
  if (playing) send({ type: TO_WORKER.play });
  return `${reason}; it was restarted${checkpoint ? ' and the network restored from its last checkpoint' : ''}.`;
}

/**
 * Wires a training view's Play/Pause, Step and Reset buttons (data-ids play, step, reset) to its run.
 * @param {(id: string) => HTMLElement} $ the view's lookup by data-id
 * @param {{ send: (msg: object) => void, reset: () => void, isPlaying: () => boolean, setPlaying: (on: boolean) => void }} run
 */
export function wireTransport($, { send, reset, isPlaying, setPlaying }) {
  $('play').addEventListener('click', () => {
    setPlaying(!isPlaying());
    send({ type: isPlaying() ? TO_WORKER.play : TO_WORKER.pause });
  });
  $('step').addEventListener('click', () => send({ type: TO_WORKER.step }));
  $('reset').addEventListener('click', () => reset());
}
