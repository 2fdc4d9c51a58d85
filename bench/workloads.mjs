// The benchmark workloads W1–W3 (issue "Benchmarks side by side"), generated deterministically in
// JS so every candidate (ours in WASM and natively, TensorFlow.js, pure-JS engines) trains on the
// same numbers. Each returns { X: Float32Array [n, in], y: Float32Array, n, in, out, ... }.

/** Mulberry32: a tiny seeded PRNG for benchmark data (not for the engine). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(rand) {
  const u = 1 - rand(), v = rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

function shuffleRows(X, y, width, ywidth, rand) {
  const n = y.length / ywidth;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    for (let k = 0; k < width; k++) [X[i * width + k], X[j * width + k]] = [X[j * width + k], X[i * width + k]];
    for (let k = 0; k < ywidth; k++) [y[i * ywidth + k], y[j * ywidth + k]] = [y[j * ywidth + k], y[i * ywidth + k]];
  }
}

/** W1: TF Playground's circle, 500 points: 250 with r ~ U(0, 2.5) labelled 1, 250 with r ~ U(3.5, 5) labelled 0. */
export function w1() {
  const rand = prng(1), n = 500;
  const X = new Float32Array(2 * n), y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const inner = i < n / 2;
    const r = inner ? 2.5 * rand() : 3.5 + 1.5 * rand();
    const a = 2 * Math.PI * rand();
    X[2 * i] = r * Math.sin(a);
    X[2 * i + 1] = r * Math.cos(a);
    y[i] = inner ? 1 : 0;
  }
  shuffleRows(X, y, 2, 1, rand);
  return { name: 'W1', X, y, n, in: 2, hidden: [8, 8], out: 1, activation: 'tanh', head: 'sigmoid', loss: 'binary_cross_entropy', batch: 10, lr: 0.03 };
}

/** W2: 6,400 samples of 64 features around 10 Gaussian class centres. */
export function w2() {
  const rand = prng(2), n = 6400, d = 64, k = 10;
  const centres = Array.from({ length: k }, () => Float32Array.from({ length: d }, () => 2 * gaussian(rand)));
  const X = new Float32Array(n * d), y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % k;
    y[i] = c;
    for (let j = 0; j < d; j++) X[i * d + j] = centres[c][j] + gaussian(rand);
  }
  shuffleRows(X, y, d, 1, rand);
  return { name: 'W2', X, y, n, in: d, hidden: [128, 128], out: k, activation: 'relu', head: 'none', loss: 'cross_entropy', batch: 64, lr: 0.05 };
}

/** W3: 2,560 MNIST-shaped samples (784 pixels in [0, 1]): each class a blurred prototype plus noise. */
export function w3() {
  const rand = prng(3), n = 2560, d = 784, k = 10;
  const protos = Array.from({ length: k }, () => Float32Array.from({ length: d }, () => (rand() < 0.2 ? 1 : 0)));
  const X = new Float32Array(n * d), y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % k;
    y[i] = c;
    for (let j = 0; j < d; j++) X[i * d + j] = Math.min(1, Math.max(0, 0.7 * protos[c][j] + 0.3 * rand()));
  }
  shuffleRows(X, y, d, 1, rand);
  return { name: 'W3', X, y, n, in: d, hidden: [256], out: k, activation: 'relu', head: 'none', loss: 'cross_entropy', batch: 128, lr: 0.05 };
}
