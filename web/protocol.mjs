// The one message schema between the page (or an embed) and the training worker. Every message
// type is named here once; both sides import it, and each checks what it receives against it.

/** Page → worker. Every message that concerns a network carries `id` (one worker hosts many). */
export const TO_WORKER = Object.freeze({
  configure: 'configure',   // { id, cfg }: build data and network from a trainer configuration (cfg.view 'fit1d': a 1-D fit)
  play: 'play',             // { id }
  pause: 'pause',           // { id }
  step: 'step',             // { id }: one epoch, then a snapshot
  set: 'set',               // { id, key, value }: a live setting (lr, speed, grid, pauseAt, space)
  setWeight: 'setWeight',   // { id, layer, row, col, value }: col −1 sets the bias
  data: 'data',             // { id, X, y }: the user's own points replace the dataset
  restore: 'restore',       // { id, cfg, checkpoint }: rebuild from a checkpoint (after a worker restart; checkpoint.file: a loaded model file)
  exportModel: 'export',    // { id, format: 'json' | 'pytorch-module' | 'pytorch-functional' | 'predictions' }
  dispose: 'dispose',       // { id }
  ping: 'ping',             // { t }: heartbeat
  init: 'init',             // { module: WebAssembly.Module, simd }: the page's compiled module (embeds), sent first
});

/** Worker → page. */
export const FROM_WORKER = Object.freeze({
  ready: 'ready',           // { buildInfo }
  error: 'error',           // { id?, message }
  points: 'points',         // { id, X, y, nTrain, task, classes }
  state: 'state',           // { id, ...snapshot } (see worker.mjs snapshot())
  checkpoint: 'checkpoint', // { id, epoch, model }: model.toJSON(), every few seconds while training
  diverged: 'diverged',     // { id, epoch, message }: training paused, the message says what to change
  exported: 'exported',     // { id, format, text }
  loaded: 'loaded',         // { id, parameters }: a model file (restore with checkpoint.file) was loaded
  pong: 'pong',             // { t, memory }: memory = ap.memoryStats() ({ heapInUse, memoryBytes, … }) once loaded
});

const KNOWN_TO = new Set(Object.values(TO_WORKER));
const KNOWN_FROM = new Set(Object.values(FROM_WORKER));

/** Returns a reason if `msg` is not a well-formed message of the given direction, else ''. */
export function checkMessage(msg, direction) {
  const known = direction === 'toWorker' ? KNOWN_TO : KNOWN_FROM;
  if (!msg || typeof msg !== 'object' || Array.isArray(msg)) return 'a message must be an object';
  if (typeof msg.type !== 'string' || !known.has(msg.type)) return `unknown message type ${JSON.stringify(String(msg.type)).slice(0, 40)}`;
  if ('id' in msg && (typeof msg.id !== 'string' || msg.id.length > 64)) return 'id must be a short string';
  return '';
}
