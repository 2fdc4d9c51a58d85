// A small engine written in TensorFlow Playground's style, standing for the incumbent playground in
// the benchmarks: one object per neuron and per link, per-example forward and backward passes,
// gradients accumulated per link and applied per batch (written here, not copied).

class Neuron {
  constructor(activation) {
    this.inputs = [];    // links into this neuron
    this.outputs = [];   // links out of it
    this.bias = 0.1;
    this.total = 0;      // weighted input
    this.value = 0;      // activation output
    this.act = activation;
    this.outputGrad = 0;
    this.inputGrad = 0;
    this.biasGradSum = 0;
    this.count = 0;
  }
}

class Link {
  constructor(source, dest, weight) {
    this.source = source;
    this.dest = dest;
    this.weight = weight;
    this.gradSum = 0;
    this.count = 0;
  }
}

const ACTIVATIONS = {
  tanh: { f: Math.tanh, df: (z) => 1 - Math.tanh(z) ** 2 },
  relu: { f: (z) => Math.max(0, z), df: (z) => (z <= 0 ? 0 : 1) },
  sigmoid: { f: (z) => 1 / (1 + Math.exp(-z)), df: (z) => { const s = 1 / (1 + Math.exp(-z)); return s * (1 - s); } },
  linear: { f: (z) => z, df: () => 1 },
};

export class PlaygroundNet {
  /** sizes: [in, hidden..., out]; the output uses `head` and the square error 0.5·(y − t)². */
  constructor(sizes, activation, head, rand) {
    this.layers = sizes.map((n, l) => Array.from({ length: n }, () => new Neuron(
      ACTIVATIONS[l === sizes.length - 1 ? head : activation])));
    for (let l = 1; l < this.layers.length; l++) {
      for (const dest of this.layers[l]) {
        for (const src of this.layers[l - 1]) {
          const link = new Link(src, dest, rand() - 0.5);
          src.outputs.push(link);
          dest.inputs.push(link);
        }
      }
    }
  }

  forward(x) {
    this.layers[0].forEach((n, i) => { n.value = x[i]; });
    for (let l = 1; l < this.layers.length; l++) {
      for (const n of this.layers[l]) {
        let z = n.bias;
        for (const link of n.inputs) z += link.weight * link.source.value;
        n.total = z;
        n.value = n.act.f(z);
      }
    }
    return this.layers[this.layers.length - 1][0].value;
  }

  backward(target) {
    const out = this.layers[this.layers.length - 1];
    for (const n of out) n.outputGrad = n.value - target;
    for (let l = this.layers.length - 1; l >= 1; l--) {
      for (const n of this.layers[l]) {
        n.inputGrad = n.outputGrad * n.act.df(n.total);
        n.biasGradSum += n.inputGrad;
        n.count++;
        for (const link of n.inputs) {
          link.gradSum += n.inputGrad * link.source.value;
          link.count++;
        }
      }
      if (l === 1) break;
      for (const n of this.layers[l - 1]) {
        let g = 0;
        for (const link of n.outputs) g += link.weight * link.dest.inputGrad;
        n.outputGrad = g;
      }
    }
  }

  update(lr) {
    for (let l = 1; l < this.layers.length; l++) {
      for (const n of this.layers[l]) {
        if (n.count) {
          n.bias -= (lr * n.biasGradSum) / n.count;
          n.biasGradSum = 0;
          n.count = 0;
        }
        for (const link of n.inputs) {
          if (link.count) {
            link.weight -= (lr * link.gradSum) / link.count;
            link.gradSum = 0;
            link.count = 0;
          }
        }
      }
    }
  }
}
