// The tools a user would otherwise pick, on the same workloads: TensorFlow.js 4.22 (WASM backend
// with SIMD/XNNPACK, single thread, and the cpu backend; ops + optimizer.minimize, and the layers
// API's model.fit for W1), brain.js 1.6.1, convnetjs 0.3.0, and a TF-Playground-style engine.
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs';
import { setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { PlaygroundNet } from './playground_engine.mjs';
import { accuracyOf, tfActivationWith, tfBackpropTrainWith, tfTrainWith } from './tf_workloads.mjs';

const require = createRequire(import.meta.url);
const now = () => Number(process.hrtime.bigint()) / 1e9;
let tfReady = null;

/** Switches TensorFlow.js to 'wasm' (SIMD, one thread) or 'cpu'. */
export async function useTf(backend) {
  if (!tfReady) {
    setWasmPaths(require.resolve('@tensorflow/tfjs-backend-wasm').replace(/[^/]*$/, ''));
    setThreadsCount(1);
    tfReady = true;
  }
  if (!(await tf.setBackend(backend))) throw new Error(`TensorFlow.js backend ${backend} is not available`);
  await tf.ready();
  return { backend: tf.getBackend(), simd: backend === 'wasm' ? tf.env().getBool('WASM_HAS_SIMD_SUPPORT') : false };
}

/** TensorFlow.js layers API: tf.sequential + model.fit (the path most tutorials show). */
export async function tfLayersTrain(w, { epochs }) {
  const model = tf.sequential();
  w.hidden.forEach((h, i) => model.add(tf.layers.dense({ units: h, activation: w.activation, ...(i === 0 && { inputShape: [w.in] }) })));
  model.add(tf.layers.dense({ units: w.out, activation: w.out === 1 ? 'sigmoid' : 'softmax' }));
  model.compile({ optimizer: tf.train.sgd(w.lr), loss: w.out === 1 ? 'binaryCrossentropy' : 'sparseCategoricalCrossentropy' });
  const xs = tf.tensor2d(w.X, [w.n, w.in]), ys = tf.tensor2d(w.y, [w.n, 1]);
  const t0 = now();
  await model.fit(xs, ys, { epochs, batchSize: w.batch, shuffle: false, verbose: 0 });
  const train = now() - t0;
  const accuracy = accuracyOf(tf.tidy(() => model.predict(xs)).dataSync(), w.y, w.out, false);
  xs.dispose();
  ys.dispose();
  model.dispose();
  return { train, steps: epochs * Math.ceil(w.n / w.batch), examples: epochs * w.n, accuracy };
}

/** TF Playground's engine style: one object per neuron and link, per-example forward/backward. */
export function playgroundTrain(w, { epochs, rand }) {
  const net = new PlaygroundNet([w.in, ...w.hidden, w.out], w.activation, w.out === 1 ? 'sigmoid' : 'linear', rand);
  const x = new Array(w.in);
  const t0 = now();
  for (let e = 0; e < epochs; e++) {
    for (let i = 0; i < w.n; i++) {
      for (let k = 0; k < w.in; k++) x[k] = w.X[i * w.in + k];
      net.forward(x);
      net.backward(w.y[i]);
      if ((i + 1) % w.batch === 0 || i === w.n - 1) net.update(w.lr);
    }
  }
  const train = now() - t0;
  const pred = new Float32Array(w.n);
  for (let i = 0; i < w.n; i++) {
    for (let k = 0; k < w.in; k++) x[k] = w.X[i * w.in + k];
    pred[i] = net.forward(x);
  }
  return { train, examples: epochs * w.n, steps: epochs * Math.ceil(w.n / w.batch), accuracy: accuracyOf(pred, w.y, 1, false) };
}

/** brain.js 1.6.1 NeuralNetwork (online updates, its own momentum 0.1). */
export function brainTrain(w, { epochs }) {
  const brain = require('brain.js');
  const net = new brain.NeuralNetwork({ hiddenLayers: w.hidden, activation: w.activation === 'relu' ? 'relu' : 'tanh', learningRate: w.lr });
  const data = Array.from({ length: w.n }, (_, i) => ({
    input: Array.from(w.X.subarray(i * w.in, (i + 1) * w.in)),
    output: w.out === 1 ? [w.y[i]] : Array.from({ length: w.out }, (_, k) => (k === w.y[i] ? 1 : 0)),
  }));
  const t0 = now();
  net.train(data, { iterations: epochs, errorThresh: 1e-9, log: false });  // run all epochs (0 is rejected)
  const train = now() - t0;
  const pred = new Float32Array(w.n * w.out);
  data.forEach((d, i) => pred.set(net.run(d.input), i * w.out));
  return { train, examples: epochs * w.n, steps: epochs * w.n, accuracy: accuracyOf(pred, w.y, w.out, false) };
}

/** convnetjs 0.3.0: fc layers, softmax head, its SGD trainer with the workload's batch size. */
export function convnetTrain(w, { epochs }) {
  const convnetjs = require('convnetjs');
  const layers = [{ type: 'input', out_sx: 1, out_sy: 1, out_depth: w.in }];
  for (const h of w.hidden) layers.push({ type: 'fc', num_neurons: h, activation: w.activation });
  layers.push({ type: 'softmax', num_classes: Math.max(2, w.out) });
  const net = new convnetjs.Net();
  net.makeLayers(layers);
  const trainer = new convnetjs.Trainer(net, { method: 'sgd', learning_rate: w.lr, batch_size: w.batch, momentum: 0, l2_decay: 0 });
  const vols = Array.from({ length: w.n }, (_, i) => {
    const v = new convnetjs.Vol(1, 1, w.in, 0);
    for (let k = 0; k < w.in; k++) v.w[k] = w.X[i * w.in + k];
    return v;
  });
  const t0 = now();
  for (let e = 0; e < epochs; e++) for (let i = 0; i < w.n; i++) trainer.train(vols[i], w.y[i]);
  const train = now() - t0;
  let correct = 0;
  vols.forEach((v, i) => {
    const p = net.forward(v).w;
    let best = 0;
    for (let k = 1; k < p.length; k++) if (p[k] > p[best]) best = k;
    correct += best === w.y[i];
  });
  return { train, examples: epochs * w.n, steps: epochs * Math.ceil(w.n / w.batch), accuracy: correct / w.n };
}

/** tfTrainWith / tfActivationWith bound to the Node copy of TensorFlow.js. */
export const tfTrain = (w, o) => tfTrainWith(tf, w, o);
export const tfBackpropTrain = (w, o) => tfBackpropTrainWith(tf, w, o);
export const tfActivation = (name, x, inner) => tfActivationWith(tf, name, x, inner);

export { tf };
