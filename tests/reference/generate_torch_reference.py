#!/usr/bin/python3
"""Generates PyTorch reference values for every activation (value and gradient).

Run with Debian's PyTorch:  apt-get install python3-torch && /usr/bin/python3 tests/reference/generate_torch_reference.py
Writes (committed, so the tests never need torch):
  tests/reference/torch_reference.inc   C++ initialisers, float32 bit patterns, for the Catch2 tests
  tests/reference/torch_reference.json  the same data for the Node tests (float32 bit patterns as hex)
"""
import json
import math
import os
import struct

import torch
import torch.nn.functional as F

torch.set_num_threads(1)
HERE = os.path.dirname(os.path.abspath(__file__))
EDGES = [0.0, -0.0, 1e-8, -1e-8, 1e-30, -1e-30, 0.5, -0.5, 1.0, -1.0, 2.0, -2.0, 3.0, -3.0, 5.0, -5.0,
         6.0, -6.0, 20.0, -20.0, 88.0, -88.0, 89.0, -89.0, 100.0, -100.0, 1e4, -1e4, 3.4e38, -3.4e38,
         math.inf, -math.inf, math.nan]
GRID = [-10.0 + 20.0 * i / 800 for i in range(801)]
X = torch.tensor(EDGES + GRID, dtype=torch.float32)


def bits(t):
    return [struct.unpack('<I', struct.pack('<f', v))[0] for v in t.detach().reshape(-1).tolist()]


def grad_of(fn, x, gy):
    x = x.clone().requires_grad_(True)
    y = fn(x)
    y.backward(gy)
    return y.detach(), x.grad.detach()


def identity(x):
    return x * 1.0


def heaviside(x):
    return torch.heaviside(x, torch.zeros((), dtype=x.dtype))


# (name, params passed to our API, torch function of x)
ELEMENTWISE = [
    ('step', {}, heaviside),
    ('sigmoid', {}, torch.sigmoid),
    ('tanh', {}, torch.tanh),
    ('relu', {}, F.relu),
    ('leaky_relu', {}, F.leaky_relu),
    ('leaky_relu', {'negative_slope': 0.2}, lambda x: F.leaky_relu(x, 0.2)),
    ('linear', {}, identity),
    ('prelu', {}, lambda x: F.prelu(x, torch.tensor([0.25]))),
    ('prelu', {'weight': -0.1}, lambda x: F.prelu(x, torch.tensor([-0.1]))),
    ('elu', {}, F.elu),
    ('elu', {'alpha': 0.5}, lambda x: F.elu(x, 0.5)),
    ('selu', {}, F.selu),
    ('celu', {}, F.celu),
    ('celu', {'alpha': 2.0}, lambda x: F.celu(x, 2.0)),
    ('gelu', {}, F.gelu),
    ('gelu', {'approximate': 'tanh'}, lambda x: F.gelu(x, approximate='tanh')),
    ('silu', {}, F.silu),
    ('mish', {}, F.mish),
    ('softplus', {}, F.softplus),
    ('softplus', {'beta': 2.0, 'threshold': 5.0}, lambda x: F.softplus(x, 2.0, 5.0)),
    ('softsign', {}, F.softsign),
    ('hardtanh', {}, F.hardtanh),
    ('hardtanh', {'min_val': -2.0, 'max_val': 3.0}, lambda x: F.hardtanh(x, -2.0, 3.0)),
    ('relu6', {}, F.relu6),
    ('hardsigmoid', {}, F.hardsigmoid),
    ('hardswish', {}, F.hardswish),
    ('logsigmoid', {}, F.logsigmoid),
    ('tanhshrink', {}, F.tanhshrink),
    ('softshrink', {}, F.softshrink),
    ('softshrink', {'lambd': 1.0}, lambda x: F.softshrink(x, 1.0)),
    ('hardshrink', {}, F.hardshrink),
    ('hardshrink', {'lambd': 1.0}, lambda x: F.hardshrink(x, 1.0)),
    ('threshold', {'threshold': 0.5, 'value': -1.0}, lambda x: F.threshold(x, 0.5, -1.0)),
    ('threshold', {'threshold': 0.0, 'value': 0.0}, lambda x: F.threshold(x, 0.0, 0.0)),
    ('sine', {}, torch.sin),
    ('gaussian', {}, lambda x: torch.exp(-(x * x))),
]

# Vector functions: 2-D inputs whose rows include large values, ±Inf and NaN, along either dim.
VX = torch.tensor([
    [0.5, -1.0, 2.0, 0.0, 3.0, -2.5, 1.5],
    [1000.0, 1001.0, 1002.0, -1000.0, 0.0, 5.0, 1.0],
    [-math.inf, 0.0, 1.0, -math.inf, 2.0, -1.0, 0.25],
    [math.inf, 1.0, 0.0, 2.0, -3.0, 0.5, 0.0],
    [math.nan, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0],
    [-80.0, 80.0, 0.0, -0.0, 1e-8, 60.0, -60.0],
], dtype=torch.float32)
VGY = torch.tensor([[((i * 7 + j * 3) % 5) / 2.0 - 1.0 for j in range(7)] for i in range(6)], dtype=torch.float32)
VECTOR = [('softmax', F.softmax), ('log_softmax', F.log_softmax), ('softmin', F.softmin)]


def main():
    cases = []
    for name, params, fn in ELEMENTWISE:
        if name == 'step':
            y = heaviside(X)
            gx = torch.zeros_like(X)  # autograd has no derivative for heaviside; ours is 0
        else:
            y, gx = grad_of(fn, X, torch.ones_like(X))
        cases.append({'name': name, 'params': params, 'y': bits(y), 'gx': bits(gx)})
    vcases = []
    for name, fn in VECTOR:
        for dim in (0, 1, -1):
            y, gx = grad_of(lambda t: fn(t, dim=dim), VX, VGY)
            vcases.append({'name': name, 'dim': dim, 'y': bits(y), 'gx': bits(gx)})

    data = {
        'torch': torch.__version__,
        'x': bits(X),
        'elementwise': cases,
        'vector': {'shape': list(VX.shape), 'x': bits(VX), 'gy': bits(VGY), 'cases': vcases},
    }
    with open(os.path.join(HERE, 'torch_reference.json'), 'w') as f:
        hexed = json.loads(json.dumps(data))

        def to_hex(o):
            if isinstance(o, dict):
                return {k: (['%08x' % b for b in v] if k in ('x', 'y', 'gx', 'gy') else to_hex(v)) for k, v in o.items()}
            if isinstance(o, list):
                return [to_hex(v) for v in o]
            return o
        json.dump(to_hex(hexed), f, separators=(',', ':'))

    def arr(b):
        return '{' + ','.join('0x%08xu' % v for v in b) + '}'

    def params_cpp(p):
        items = []
        for k, v in p.items():
            v = {'none': 0.0, 'tanh': 1.0}.get(v, v)
            items.append('{"%s", %rf}' % (k, float(v)))
        items += ['{nullptr, 0.0f}'] * (2 - len(items))
        return '{' + ', '.join(items) + '}'

    with open(os.path.join(HERE, 'torch_reference.inc'), 'w') as f:
        f.write('// Generated by tests/reference/generate_torch_reference.py from PyTorch %s. Do not edit.\n' % torch.__version__)
        f.write('// float32 bit patterns; included by tests/cpp/test_torch_reference.cpp.\n')
        f.write('constexpr std::size_t kTorchN = %d, kTorchVectorN = %d;\n' % (len(data['x']), VX.numel()))
        f.write('struct TorchParam { const char* name; float value; };\n')
        f.write('struct TorchElementwiseCase { const char* name; TorchParam params[2]; uint32_t y[kTorchN]; uint32_t gx[kTorchN]; };\n')
        f.write('struct TorchVectorCase { const char* name; int dim; uint32_t y[kTorchVectorN]; uint32_t gx[kTorchVectorN]; };\n')
        f.write('static const uint32_t kTorchX[] = %s;\n' % arr(data['x']))
        f.write('static const TorchElementwiseCase kTorchElementwise[] = {\n')
        for c in cases:
            f.write('  {"%s", %s, %s, %s},\n' % (c['name'], params_cpp(c['params']), arr(c['y']), arr(c['gx'])))
        f.write('};\n')
        v = data['vector']
        f.write('static const std::size_t kTorchVectorShape[2] = {%d, %d};\n' % tuple(v['shape']))
        f.write('static const uint32_t kTorchVectorX[] = %s;\n' % arr(v['x']))
        f.write('static const uint32_t kTorchVectorGy[] = %s;\n' % arr(v['gy']))
        f.write('static const TorchVectorCase kTorchVector[] = {\n')
        for c in vcases:
            f.write('  {"%s", %d, %s, %s},\n' % (c['name'], c['dim'], arr(c['y']), arr(c['gx'])))
        f.write('};\n')
    print('wrote %d elementwise and %d vector cases over %d inputs' % (len(cases), len(vcases), len(data['x'])))


if __name__ == '__main__':
    main()
