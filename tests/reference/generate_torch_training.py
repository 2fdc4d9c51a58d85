#!/usr/bin/python3
"""PyTorch training trajectories for the MLP engine's tests.

Run with Debian's PyTorch:  /usr/bin/python3 tests/reference/generate_torch_training.py
Writes tests/reference/torch_training.inc (C++, for Catch2) and torch_training.json (for Node):
for each case the modules, loss, optimizer, batching, the initial state_dict, the data, the loss of
every step and the final state_dict.
"""
import json
import math
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(1)
HERE = os.path.dirname(os.path.abspath(__file__))
STEPS = 50


def circle(n, g):
    r = torch.cat([torch.rand(n // 2, generator=g) * 2.5, 3.5 + torch.rand(n - n // 2, generator=g) * 1.5])
    a = torch.rand(n, generator=g) * 2 * math.pi
    x = torch.stack([r * torch.sin(a), r * torch.cos(a)], 1)
    y = (r < 3).float().unsqueeze(1)
    return x, y


def blobs(n, classes, g):
    t = torch.randint(0, classes, (n,), generator=g)
    centres = torch.tensor([[2.0, 0.0], [-1.0, 1.7], [-1.0, -1.7]])
    x = centres[t] + 0.8 * torch.randn(n, 2, generator=g)
    return x, t


def module_spec(m):
    if isinstance(m, nn.Linear):
        return {'type': 'Linear', 'in': m.in_features, 'out': m.out_features}
    name = type(m).__name__
    params = {}
    if isinstance(m, nn.LeakyReLU):
        params['negative_slope'] = m.negative_slope
    if isinstance(m, nn.ELU):
        params['alpha'] = m.alpha
    if isinstance(m, nn.PReLU):
        params['weight'] = float(m.weight.item())
    return {'type': name, 'params': params}


def make_cases():
    g = torch.Generator().manual_seed(1234)
    torch.manual_seed(1234)
    cases = []
    x, y = circle(64, g)
    cases.append(dict(name='tanh MLP, sigmoid output, BCE, SGD',
                      model=nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(8, 8), nn.Tanh(), nn.Linear(8, 1), nn.Sigmoid()),
                      loss='binary_cross_entropy', opt=dict(kind='sgd', lr=0.1), batch=0, x=x, t=y))
    x, y = circle(64, g)
    cases.append(dict(name='ReLU MLP, BCE with logits, SGD momentum 0.9',
                      model=nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 16), nn.ReLU(), nn.Linear(16, 1)),
                      loss='binary_cross_entropy_with_logits', opt=dict(kind='sgd', lr=0.05, momentum=0.9), batch=0, x=x, t=y))
    x, t = blobs(90, 3, g)
    cases.append(dict(name='leaky ReLU MLP, cross-entropy over 3 classes, Adam',
                      model=nn.Sequential(nn.Linear(2, 16), nn.LeakyReLU(0.1), nn.Linear(16, 16), nn.LeakyReLU(0.1), nn.Linear(16, 3)),
                      loss='cross_entropy', opt=dict(kind='adam', lr=0.01), batch=0, x=x, t=t.float().unsqueeze(1)))
    x = torch.randn(48, 3, generator=g)
    y = x @ torch.tensor([[1.0, -2.0], [0.5, 0.0], [-1.0, 3.0]]) + torch.tensor([0.3, -0.7]) + 0.1 * torch.randn(48, 2, generator=g)
    cases.append(dict(name='linear network, MSE, SGD with weight decay',
                      model=nn.Sequential(nn.Linear(3, 4), nn.Linear(4, 2)),
                      loss='mse_loss', opt=dict(kind='sgd', lr=0.05, weight_decay=0.01), batch=0, x=x, t=y))
    x, y = circle(64, g)
    cases.append(dict(name='mini-batches of 16, no shuffle, tanh + MSE, SGD nesterov',
                      model=nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(8, 1)),
                      loss='mse_loss', opt=dict(kind='sgd', lr=0.05, momentum=0.9, nesterov=True), batch=16, x=x, t=y))
    x, t = blobs(60, 3, g)
    cases.append(dict(name='PReLU and ELU, cross-entropy, Adam with weight decay, batches of 25',
                      model=nn.Sequential(nn.Linear(2, 8), nn.PReLU(), nn.Linear(8, 8), nn.ELU(), nn.Linear(8, 3)),
                      loss='cross_entropy', opt=dict(kind='adam', lr=0.02, weight_decay=0.01), batch=25, x=x, t=t.float().unsqueeze(1)))
    return cases


def run(case):
    model = case['model']
    init = {k: v.detach().clone() for k, v in model.state_dict().items()}
    o = case['opt']
    if o['kind'] == 'sgd':
        opt = torch.optim.SGD(model.parameters(), lr=o['lr'], momentum=o.get('momentum', 0), dampening=o.get('dampening', 0),
                              nesterov=o.get('nesterov', False), weight_decay=o.get('weight_decay', 0))
    else:
        opt = torch.optim.Adam(model.parameters(), lr=o['lr'], weight_decay=o.get('weight_decay', 0))
    x, t = case['x'], case['t']
    n = x.shape[0]
    batch = case['batch'] or n
    losses = []
    step = 0
    while step < STEPS:
        for start in range(0, n, batch):
            if step == STEPS:
                break
            xb, tb = x[start:start + batch], t[start:start + batch]
            out = model(xb)
            if case['loss'] == 'cross_entropy':
                loss = F.cross_entropy(out, tb.squeeze(1).long())
            else:
                loss = getattr(F, case['loss'])(out, tb)
            opt.zero_grad()
            loss.backward()
            opt.step()
            losses.append(loss.item())
            step += 1
    final = {k: v.detach().clone() for k, v in model.state_dict().items()}
    with torch.no_grad():
        forward_y = model(x[:8])
    return init, losses, final, forward_y


def flat(t):
    return [float(v) for v in t.reshape(-1).tolist()]


def main():
    out = []
    for case in make_cases():
        init, losses, final, forward_y = run(case)
        out.append({
            'name': case['name'],
            'modules': [module_spec(m) for m in case['model']],
            'loss': case['loss'],
            'optimizer': case['opt'],
            'batch_size': case['batch'],
            'steps': STEPS,
            'x': flat(case['x']),
            'targets': flat(case['t']),
            'n': case['x'].shape[0],
            'init': {k: flat(v) for k, v in init.items()},
            'losses': losses,
            'final': {k: flat(v) for k, v in final.items()},
            'forward_y': flat(forward_y),
        })
    with open(os.path.join(HERE, 'torch_training.json'), 'w') as f:
        json.dump({'torch': torch.__version__, 'cases': out}, f, separators=(',', ':'))

    def floats(v):
        return '{' + ','.join('%.9g' % x for x in v) + '}'

    with open(os.path.join(HERE, 'torch_training.inc'), 'w') as f:
        f.write('// Generated by tests/reference/generate_torch_training.py from PyTorch %s. Do not edit.\n' % torch.__version__)
        f.write('static const std::vector<TorchTrainingCase> kTorchTraining = {\n')
        for c in out:
            mods = []
            for m in c['modules']:
                if m['type'] == 'Linear':
                    mods.append('{"Linear", %d, %d, {}}' % (m['in'], m['out']))
                else:
                    ps = ', '.join('{"%s", %.9g}' % kv for kv in m['params'].items())
                    mods.append('{"%s", 0, 0, {%s}}' % (m['type'], ps))
            o = c['optimizer']
            f.write('  {"%s", {%s}, "%s",\n' % (c['name'], ', '.join(mods), c['loss']))
            f.write('   {"%s", %.9g, %.9g, %.9g, %s}, %d, %d, %d,\n' % (
                o['kind'], o['lr'], o.get('momentum', 0), o.get('weight_decay', 0), 'true' if o.get('nesterov') else 'false',
                c['batch_size'], c['steps'], c['n']))
            f.write('   %s,\n   %s,\n' % (floats(c['x']), floats(c['targets'])))
            f.write('   {%s},\n' % ', '.join('{"%s", %s}' % (k, floats(v)) for k, v in c['init'].items()))
            f.write('   %s,\n' % floats(c['losses']))
            f.write('   {%s}},\n' % ', '.join('{"%s", %s}' % (k, floats(v)) for k, v in c['final'].items()))
        f.write('};\n')
    print('wrote %d training cases' % len(out))


if __name__ == '__main__':
    main()
