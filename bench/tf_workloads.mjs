// TensorFlow.js training and activation workloads, written against a `tf` passed in, so the same
// code runs in Node (bench/peers.mjs) and in the browser (bench/browser.html).
const now = () => performance.now() / 1000;

/** PyTorch-style U(±1/√in) initial weights, from a seeded generator. */
function initLayer(rand, fanIn, fanOut) {
  const b = 1 / Math.sqrt(fanIn);
  return {
    w: Float32Array.from({ length: fanIn * fanOut }, () => (2 * rand() - 1) * b),
    b: Float32Array.from({ length: fanOut }, () => (2 * rand() - 1) * b),
  };
}

export function accuracyOf(pred, y, out, logits) {
  let correct = 0;
  const n = y.length;
  for (let i = 0; i < n; i++) {
    if (out === 1) correct += (pred[i] > (logits ? 0 : 0.5)) === (y[i] > 0.5);
    else {
      let best = 0;
      for (let k = 1; k < out; k++) if (pred[i * out + k] > pred[i * out + best]) best = k;
      correct += best === y[i];
    }
  }
  return correct / n;
}

/** TensorFlow.js with ops and optimizer.minimize; data pre-split into batch tensors. */
export function tfTrainWith(tf, w, { epochs, steps, rand, grid, forward }) {
  const sizes = [w.in, ...w.hidden, w.out];
  const vars = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const { w: W, b } = initLayer(rand, sizes[l], sizes[l + 1]);
    vars.push(tf.variable(tf.tensor2d(W, [sizes[l], sizes[l + 1]])), tf.variable(tf.tensor1d(b)));
  }
  const act = w.activation === 'relu' ? tf.relu : tf.tanh;
  const model = (x) => {
    let h = x;
    for (let l = 0; l < vars.length; l += 2) {
      h = tf.add(tf.matMul(h, vars[l]), vars[l + 1]);
      if (l + 2 < vars.length) h = act(h);
    }
    return h;  // logits
  };
  const batches = [];
  for (let s = 0; s < w.n; s += w.batch) {
    const m = Math.min(w.batch, w.n - s);
    const xb = tf.tensor2d(w.X.subarray(s * w.in, (s + m) * w.in), [m, w.in]);
    const yv = w.y.subarray(s, s + m);
    const yb = w.out === 1 ? tf.tensor2d(yv, [m, 1]) : tf.oneHot(tf.tensor1d(yv, 'int32'), w.out).toFloat();
    batches.push([xb, yb]);
  }
  const opt = tf.train.sgd(w.lr);
  const lossFn = (xb, yb) => (w.out === 1
    ? tf.losses.sigmoidCrossEntropy(yb, model(xb))
    : tf.losses.softmaxCrossEntropy(yb, model(xb)));
  const total = steps ?? epochs * batches.length;
  const t0 = now();
  for (let s = 0; s < total; s++) {
    const [xb, yb] = batches[s % batches.length];
    tf.dispose(opt.minimize(() => lossFn(xb, yb), false, vars));
  }
  const train = now() - t0;
  const r = { train, steps: total, examples: steps ? steps * w.batch : epochs * w.n };
  const xAll = tf.tensor2d(w.X, [w.n, w.in]);
  r.accuracy = accuracyOf(tf.tidy(() => model(xAll)).dataSync(), w.y, w.out, true);
  if (grid) {
    const pts = new Float32Array(2 * grid * grid);
    for (let i = 0; i < grid; i++) for (let j = 0; j < grid; j++) {
      pts[2 * (i * grid + j)] = -6 + (12 * j) / (grid - 1);
      pts[2 * (i * grid + j) + 1] = 6 - (12 * i) / (grid - 1);
    }
    const g = tf.tensor2d(pts, [grid * grid, 2]);
    const frames = 20, g0 = now();
    for (let k = 0; k < frames; k++) tf.tidy(() => tf.sigmoid(model(g))).dataSync();
    r.grid = (now() - g0) / frames;
    g.dispose();
  }
  if (forward) {
    const f0 = now();
    for (let k = 0; k < 3; k++) tf.tidy(() => model(xAll)).dataSync();
    r.forward = (now() - f0) / 3;
  }
  xAll.dispose();
  batches.flat().forEach((t) => t.dispose());
  vars.forEach((v) => v.dispose());
  opt.dispose();
  return r;
}

/**
 * TensorFlow.js's fastest path we know for an MLP: hand-written backprop (no autodiff tape), each
 * gradient a tf.matMul with explicitly transposed operands, updates assigned in place. The same
 * network, initial weights, batches, loss and plain SGD as tfTrainWith.
 */
export function tfBackpropTrainWith(tf, w, { epochs, steps, rand }) {
  const sizes = [w.in, ...w.hidden, w.out];
  const W = [], B = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const { w: wl, b } = initLayer(rand, sizes[l], sizes[l + 1]);
    W.push(tf.variable(tf.tensor2d(wl, [sizes[l], sizes[l + 1]])));
    B.push(tf.variable(tf.tensor1d(b)));
  }
  const relu = w.activation === 'relu';
  const batches = [];
  for (let s = 0; s < w.n; s += w.batch) {
    const m = Math.min(w.batch, w.n - s);
    const xb = tf.tensor2d(w.X.subarray(s * w.in, (s + m) * w.in), [m, w.in]);
    const yv = w.y.subarray(s, s + m);
    batches.push([xb, w.out === 1 ? tf.tensor2d(yv, [m, 1]) : tf.oneHot(tf.tensor1d(yv, 'int32'), w.out).toFloat()]);
  }
  const forward = (x, keep) => {
    let h = x;
    for (let l = 0; l < W.length; l++) {
      const z = tf.add(tf.matMul(h, W[l]), B[l]);
      h = l + 1 < W.length ? (relu ? tf.relu(z) : tf.tanh(z)) : z;
      keep?.push(z, h);
    }
    return h;  // logits
  };
  const lr = tf.scalar(w.lr);
  const total = steps ?? epochs * batches.length;
  const t0 = now();
  for (let s = 0; s < total; s++) {
    const [xb, yb] = batches[s % batches.length];
    tf.tidy(() => {
      const acts = [];  // z0, h0, z1, h1, ...
      const logits = forward(xb, acts);
      // d(mean loss)/d logits: (σ(z) − y)/m, or (softmax(z) − onehot)/m.
      let g = tf.div(tf.sub(w.out === 1 ? tf.sigmoid(logits) : tf.softmax(logits), yb), xb.shape[0]);
      for (let l = W.length - 1; l >= 0; l--) {
        const hIn = l === 0 ? xb : acts[2 * l - 1];
        const gW = tf.matMul(tf.transpose(hIn), g), gB = tf.sum(g, 0);
        if (l > 0) {
          const back = tf.matMul(g, tf.transpose(W[l]));
          g = relu ? tf.mul(back, tf.step(acts[2 * l - 2])) : tf.mul(back, tf.sub(1, tf.square(hIn)));
        }
        W[l].assign(tf.sub(W[l], tf.mul(gW, lr)));
        B[l].assign(tf.sub(B[l], tf.mul(gB, lr)));
      }
    });
  }
  const train = now() - t0;
  const xAll = tf.tensor2d(w.X, [w.n, w.in]);
  const r = { train, steps: total, examples: steps ? steps * w.batch : epochs * w.n };
  r.accuracy = accuracyOf(tf.tidy(() => forward(xAll)).dataSync(), w.y, w.out, true);
  xAll.dispose();
  lr.dispose();
  batches.flat().forEach((t) => t.dispose());
  [...W, ...B].forEach((v) => v.dispose());
  return r;
}

/** W4 for TensorFlow.js: one op over a 2^20 tensor (already on the backend, no read-back). */
export function tfActivationWith(tf, name, x, inner) {
  const ops = {
    relu: tf.relu,
    sigmoid: tf.sigmoid,
    tanh: tf.tanh,
    gelu_tanh: (t) => tf.tidy(() => tf.mul(tf.mul(t, 0.5), tf.add(1, tf.tanh(tf.mul(Math.sqrt(2 / Math.PI), tf.add(t, tf.mul(0.044715, tf.pow(t, 3)))))))),
  };
  const t0 = now();
  for (let i = 0; i < inner; i++) ops[name](x).dispose();
  return (now() - t0) / inner;
}

