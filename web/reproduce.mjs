// "Reproduce in PyTorch": the text of a standalone Python script that retrains the page's network
// from the same initial weights on the same mini-batches in the same order (the engine's seeded
// PCG32 shuffle, core/src/rng.cpp and core/src/training.cpp, reimplemented in Python) and compares
// its loss curve with the page's. Only numbers and allow-listed names are embedded: nothing from
// the input reaches the script as code. No DOM: runs in Node too.

import { float32Text } from './csv.mjs';

const LOSSES = {
  mse_loss: 'F.mse_loss(out, t)',
  half_mse: '0.5 * F.mse_loss(out, t)',
  binary_cross_entropy: 'F.binary_cross_entropy(out, t)',
  binary_cross_entropy_with_logits: 'F.binary_cross_entropy_with_logits(out, t)',
  cross_entropy: 'F.cross_entropy(out, t)',
};
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const LAMBDAS = {
  Step: 'Lambda(lambda x: torch.heaviside(x.detach(), torch.zeros(())) + 0 * x)',  // value 0/1, gradient 0 as in the engine
  Sine: 'Lambda(torch.sin)',
  Gaussian: 'Lambda(lambda x: torch.exp(-x * x))',
};
const VECTOR = new Set(['Softmax', 'LogSoftmax', 'Softmin']);

/** A number as Python source, losslessly (the shortest text that reads back as the same double). */
export function pyNumber(v) {
  const x = Number(v);
  if (Number.isNaN(x)) return "float('nan')";
  if (!Number.isFinite(x)) return x > 0 ? "float('inf')" : "-float('inf')";
  if (Object.is(x, -0)) return '-0.0';
  return String(x);
}

/** A float32 as Python source: the shortest text that reads back (through a double) as the same float32. */
function pyFloat32(v) {
  return Number.isFinite(v) ? float32Text(v) : pyNumber(v);
}

/** A list of float32 values as Python source, wrapped every `perLine` values. */
function pyList(values, perLine = 10, indent = '    ') {
  const parts = Array.from(values, pyFloat32);
  if (parts.length <= perLine) return `[${parts.join(', ')}]`;
  const lines = [];
  for (let i = 0; i < parts.length; i += perLine) lines.push(`${indent}${parts.slice(i, i + perLine).join(', ')},`);
  return `[\n${lines.join('\n')}\n]`;
}

/** A float32 option of the engine as Python: f32(v) rounds like the C++ float. */
const f32 = (v) => `f32(${pyNumber(v)})`;

function fail(message) {
  throw new TypeError(`pytorchScript: ${message}`);
}

/** One module of modelJSON as PyTorch source. */
function moduleSource(m, i) {
  if (!m || typeof m !== 'object' || typeof m.type !== 'string' || !IDENTIFIER.test(m.type)) fail(`module ${i} has no valid type`);
  if (m.type === 'Linear') {
    if (![m.in, m.out].every((d) => Number.isInteger(d) && d >= 1)) fail(`module ${i}: Linear needs whole numbers in and out`);
    return `nn.Linear(${m.in}, ${m.out}${m.bias === false ? ', bias=False' : ''})`;
  }
  if (LAMBDAS[m.type]) return LAMBDAS[m.type];
  if (m.type === 'PReLU') return 'nn.PReLU()';  // its weight comes with the state_dict
  const args = VECTOR.has(m.type) ? ['dim=1'] : [];
  for (const [k, v] of Object.entries(m.params ?? {})) {
    if (!IDENTIFIER.test(k)) fail(`module ${i} has a parameter with an invalid name`);
    if (typeof v === 'number') args.push(`${k}=${pyNumber(v)}`);
    else if (typeof v === 'string' && /^[a-z_]+$/.test(v)) args.push(`${k}='${v}'`);
    else fail(`module ${i}: parameter ${k} must be a number or a plain word`);
  }
  return `nn.${m.type}(${args.join(', ')})`;
}

function stateSource(sd, what) {
  if (!sd || typeof sd !== 'object') fail(`${what} must be an object of arrays by PyTorch key`);
  const entries = Object.entries(sd).map(([k, v]) => {
    if (!/^\d+\.(weight|bias)$/.test(k)) fail(`${what} has an invalid key`);
    if (!v || typeof v.length !== 'number') fail(`${what}['${k}'] must be an array of numbers`);
    return `    '${k}': ${pyList(v, 10, '        ').replace(/\n\]$/, '\n    ]')},`;
  });
  return `{\n${entries.join('\n')}\n}`;
}

/**
 * The Python text of a script that reproduces a training run of the page in PyTorch (1.13).
 * @param {object} run
 * @param {object} run.modelJSON model.toJSON() at the end of the run; its state_dict is compared with the script's final weights
 * @param {object} [run.initialState] state_dict before the first step (key → array); default modelJSON.state_dict
 * @param {{kind: 'sgd'|'adam', lr: number, momentum?, dampening?, nesterov?, weight_decay?, betas?, beta1?, beta2?, eps?,
 *   regularization?: 'none'|'l1'|'l2', regularization_rate?: number}} run.optimizer as given to optim.SGD / optim.Adam
 * @param {string} run.loss mse_loss | half_mse | binary_cross_entropy | binary_cross_entropy_with_logits | cross_entropy
 * @param {ArrayLike<number>} run.X network inputs [n, in] row-major (after the input features); the first nTrain rows train
 * @param {ArrayLike<number>} run.y targets: n class indices (cross_entropy) or [n, out]
 * @param {number} [run.nTrain] training rows (default all)
 * @param {number} [run.batchSize] 0 = the full batch, as model.fit's batch_size
 * @param {boolean} [run.shuffle] as model.fit (default true, as the page trains)
 * @param {number} [run.seed] model.fit's seed (default 0)
 * @param {number} [run.epochs] passes over the training rows, or
 * @param {number} [run.steps] optimizer steps (wins over epochs)
 * @param {ArrayLike<number>} [run.losses] the page's loss of every step, to compare with
 * @returns {string} the script (run it with `python3 reproduce.py [--json out.json] [--csv curve.csv]`)
 */
export function pytorchScript(run) {
  const { modelJSON, optimizer: o = {}, loss, X, y, shuffle = true, seed = 0, losses } = run ?? {};
  if (!modelJSON || !Array.isArray(modelJSON.modules) || !modelJSON.modules.length) fail('modelJSON must be model.toJSON()');
  if (!Object.hasOwn(LOSSES, loss)) fail(`loss must be one of ${Object.keys(LOSSES).join(', ')}`);
  if (o.kind !== 'sgd' && o.kind !== 'adam') fail("optimizer.kind must be 'sgd' or 'adam'");
  const reg = o.regularization ?? 'none';
  if (!['none', 'l1', 'l2'].includes(reg)) fail("optimizer.regularization must be 'none', 'l1' or 'l2'");
  const numbers = { lr: o.lr, momentum: o.momentum ?? 0, dampening: o.dampening ?? 0, weight_decay: o.weight_decay ?? 0,
    beta1: o.betas?.[0] ?? o.beta1 ?? 0.9, beta2: o.betas?.[1] ?? o.beta2 ?? 0.999, eps: o.eps ?? 1e-8, rate: o.regularization_rate ?? 0 };
  for (const [k, v] of Object.entries(numbers)) if (!Number.isFinite(v)) fail(`optimizer.${k} must be a finite number`);
  const linears = modelJSON.modules.filter((m) => m?.type === 'Linear');
  if (!linears.length) fail('the network has no Linear module');
  const inputs = linears[0].in;
  if (!X || !y || X.length % inputs !== 0) fail(`X must hold ${inputs} inputs per row`);
  const n = X.length / inputs;
  const nTrain = run.nTrain ?? n;
  if (!Number.isInteger(nTrain) || nTrain < 1 || nTrain > n) fail(`nTrain must be a whole number from 1 to ${n}`);
  const batch = run.batchSize ? Math.min(run.batchSize, nTrain) : nTrain;
  if (!Number.isInteger(batch) || batch < 1) fail('batchSize must be a whole number ≥ 0');
  const stepsPerEpoch = Math.ceil(nTrain / batch);
  const steps = run.steps ?? (run.epochs ?? 0) * stepsPerEpoch;
  if (!Number.isInteger(steps) || steps < 1) fail('give steps or epochs (≥ 1)');
  if (!Number.isInteger(seed) || seed < 0) fail('seed must be a whole number ≥ 0');

  const modules = modelJSON.modules.map(moduleSource);
  const needsLambda = modules.some((s) => s.startsWith('Lambda('));
  const optimizerSource = o.kind === 'sgd'
    ? `torch.optim.SGD(model.parameters(), lr=${f32(numbers.lr)}, momentum=${f32(numbers.momentum)}, dampening=${f32(numbers.dampening)},\n` +
      `                          nesterov=${o.nesterov ? 'True' : 'False'}, weight_decay=${f32(numbers.weight_decay)})`
    : `torch.optim.Adam(model.parameters(), lr=${f32(numbers.lr)}, betas=(${f32(numbers.beta1)}, ${f32(numbers.beta2)}),\n` +
      `                           eps=${f32(numbers.eps)}, weight_decay=${f32(numbers.weight_decay)})`;
  const epochs = steps / stepsPerEpoch;

  return `#!/usr/bin/env python3
"""Reproduces a training run of Activation Playground in PyTorch.

The page trains in its own C++/WebAssembly engine. This script trains the same network from the same
initial weights with the same optimizer settings, on the same mini-batches in the same order (the
engine's seeded PCG32 shuffle, reimplemented below), for the same number of steps, and compares its
loss at every step with the page's. Needs PyTorch (made for 1.13) and nothing else:

    python3 reproduce.py                   # prints the loss curve and the comparison
    python3 reproduce.py --csv curve.csv   # also writes step,loss,page_loss
    python3 reproduce.py --json out.json   # also writes the losses and the final weights
"""
import argparse
import json
import struct
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(1)


def f32(v):
    """The engine keeps its options as float32: round like it does."""
    return struct.unpack('f', struct.pack('f', v))[0]


# ---- the run ------------------------------------------------------------------------------------
LOSS = '${loss}'
N_TRAIN = ${nTrain}  # the first N_TRAIN rows train, the rest are the test set
BATCH_SIZE = ${batch}
SHUFFLE = ${shuffle ? 'True' : 'False'}  # a new seeded permutation before every epoch
SEED = ${seed}
STEPS = ${steps}  # ${Number.isInteger(epochs) ? `${epochs} epochs` : `${epochs.toFixed(2)} epochs`} of ${stepsPerEpoch} steps
# The playground's regularisation: L1 adds rate*sign(w), L2 rate*w to each weight's gradient (biases
# excluded), before the optimizer's own weight_decay.
REGULARIZATION = '${reg}'
REGULARIZATION_RATE = ${f32(numbers.rate)}
${needsLambda ? `

class Lambda(nn.Module):
    def __init__(self, fn):
        super().__init__()
        self.fn = fn

    def forward(self, x):
        return self.fn(x)

` : ''}
model = nn.Sequential(
    ${modules.join(',\n    ')},
)


def make_optimizer(model):
    return ${optimizerSource}


def loss_fn(out, t):
    return ${LOSSES[loss]}


# ---- data: the network's inputs (after the input features), ${inputs} per row, and the targets ----
# Every number below is a float32 of the page, written in the shortest form that reads back as it.
INPUTS = ${inputs}
X = ${pyList(X)}
Y = ${pyList(y)}

# ---- weights before the first step, and the page's after the last ----
INITIAL_STATE = ${stateSource(run.initialState ?? modelJSON.state_dict, 'initialState')}
PAGE_FINAL_STATE = ${run.initialState && modelJSON.state_dict ? stateSource(modelJSON.state_dict, 'modelJSON.state_dict') : 'None'}
PAGE_LOSSES = ${losses ? pyList(losses) : 'None'}


class PCG32:
    """The engine's generator (core/src/rng.cpp): PCG-XSH-RR, 64-bit state, 32-bit outputs."""
    M64 = (1 << 64) - 1

    def __init__(self, seed):
        seed &= self.M64
        self.state = 0
        self.inc = ((seed << 1) | 1) & self.M64
        self.next_u32()
        self.state = (self.state + (0x853c49e6748fea9b ^ seed)) & self.M64
        self.next_u32()

    def next_u32(self):
        old = self.state
        self.state = (old * 6364136223846793005 + self.inc) & self.M64
        xorshifted = (((old >> 18) ^ old) >> 27) & 0xFFFFFFFF
        rot = old >> 59
        return ((xorshifted >> rot) | (xorshifted << ((32 - rot) & 31))) & 0xFFFFFFFF

    def below(self, n):
        """Uniform in [0, n): Lemire's multiply-shift with rejection."""
        m = self.next_u32() * n
        low = m & 0xFFFFFFFF
        if low < n:
            threshold = ((1 << 32) - n) % n
            while low < threshold:
                m = self.next_u32() * n
                low = m & 0xFFFFFFFF
        return m >> 32


def shuffle(order, rng):
    """The engine's shuffle before each epoch (core/src/training.cpp), applied to the previous order."""
    for i in range(len(order), 1, -1):
        j = rng.below(i)
        order[i - 1], order[j] = order[j], order[i - 1]


def regularize(model):
    if REGULARIZATION == 'none' or REGULARIZATION_RATE <= 0:
        return
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name.endswith('bias') or p.grad is None:
                continue
            p.grad += REGULARIZATION_RATE * (torch.sign(p) if REGULARIZATION == 'l1' else p)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--json', help='write losses and final weights to this file')
    ap.add_argument('--csv', help='write step,loss,page_loss to this file')
    ap.add_argument('--tolerance', type=float, default=1e-4, help='largest relative loss difference accepted')
    args = ap.parse_args()

    x = torch.tensor(X, dtype=torch.float32).reshape(-1, INPUTS)
    y = torch.tensor(Y, dtype=torch.float32)
    t = y.long() if LOSS == 'cross_entropy' else y.reshape(x.shape[0], -1)
    shapes = {k: v.shape for k, v in model.state_dict().items()}
    model.load_state_dict({k: torch.tensor(v, dtype=torch.float32).reshape(shapes[k]) for k, v in INITIAL_STATE.items()})
    optimizer = make_optimizer(model)
    x_train, t_train = x[:N_TRAIN], t[:N_TRAIN]
    steps_per_epoch = (N_TRAIN + BATCH_SIZE - 1) // BATCH_SIZE
    order = list(range(N_TRAIN))
    rng = PCG32(SEED)
    losses = []
    for step in range(STEPS):
        k = step % steps_per_epoch
        if k == 0 and SHUFFLE:
            shuffle(order, rng)
        start = k * BATCH_SIZE
        rows = torch.tensor(order[start:start + BATCH_SIZE], dtype=torch.long)
        optimizer.zero_grad()
        loss = loss_fn(model(x_train[rows]), t_train[rows])
        loss.backward()
        regularize(model)
        optimizer.step()
        losses.append(loss.item())

    page_losses = None if PAGE_LOSSES is None else [f32(v) for v in PAGE_LOSSES]
    diffs = []
    if page_losses is not None:
        for a, b in zip(losses, page_losses):
            if a == b or (a != a and b != b):
                diffs.append(0.0)
            else:
                diffs.append(abs(a - b) / max(abs(a), abs(b), 1e-12))
    every = max(1, STEPS // 20)
    print('step  loss (PyTorch)%s' % ('    loss (page)    relative difference' if diffs else ''))
    for i in sorted(set(range(0, STEPS, every)) | {STEPS - 1}):
        extra = '  %14.8g  %10.2e' % (page_losses[i], diffs[i]) if i < len(diffs) else ''
        print('%5d  %14.8g%s' % (i + 1, losses[i], extra))
    with torch.no_grad():
        final = {k: v.reshape(-1).tolist() for k, v in model.state_dict().items()}
        train_loss = loss_fn(model(x_train), t_train).item()
        test_loss = loss_fn(model(x[N_TRAIN:]), t[N_TRAIN:]).item() if N_TRAIN < x.shape[0] else None
    print('final training loss %.8g%s' % (train_loss, '' if test_loss is None else ', test loss %.8g' % test_loss))
    worst = max(diffs) if diffs else None
    weight_diff = None
    if PAGE_FINAL_STATE is not None:
        weight_diff = max(abs(a - f32(b)) for k in final for a, b in zip(final[k], PAGE_FINAL_STATE[k]))
        print('largest difference from the page\\'s final weights: %.3g' % weight_diff)
    if worst is not None:
        at = diffs.index(worst) + 1
        print('largest relative difference from the page\\'s loss curve: %.3g at step %d (%s within %g)' % (
            worst, at, 'is' if worst <= args.tolerance else 'NOT', args.tolerance))
    if args.csv:
        with open(args.csv, 'w') as f:
            f.write('step,loss,page_loss\\n')
            for i, v in enumerate(losses):
                f.write('%d,%r,%s\\n' % (i + 1, v, repr(page_losses[i]) if page_losses is not None and i < len(page_losses) else ''))
    if args.json:
        with open(args.json, 'w') as f:
            json.dump({'torch': torch.__version__, 'losses': losses, 'state_dict': final, 'train_loss': train_loss,
                       'test_loss': test_loss, 'max_relative_loss_difference': worst, 'max_weight_difference': weight_diff}, f)
    return 1 if worst is not None and worst > args.tolerance else 0


if __name__ == '__main__':
    sys.exit(main())
`;
}
