#!/usr/bin/env python3
"""Fits e^r ≈ p(r) = c0 + c1·r + … + cN·r^N on |r| ≤ ln2/2 (Lawson-weighted least squares on the
relative error), writes it in the form the sigmoid kernel evaluates (ap::simd::sigmoid: p = cN·p̃
with p̃ monic, σ = k/(k + 2^(n−7)·p̃(r)), k = 2^−7/cN, e^−x = 2^n·e^r by the two-step ln 2
reduction), rounds to float32, polishes each constant over its float32 neighbours, and measures
that evaluation in float32 against float64, over x ∈ [−87, 20] and over every float in [−17.5, −8]
(where the worst case sits).
  /usr/bin/python3 scripts/fit_exp_poly.py [N]      (default 5)
With `expm1 [N]` it fits instead the form the other exp kernels share (ap::simd::exp_reduce):
e^r − 1 ≈ r + r²·P(r), P with N coefficients (default 5), and prints its float64 relative error.
Prints the coefficients as a C++ initialiser. Needs only numpy."""
import sys
import numpy as np

f32 = np.float32


def fit(degree, iterations=300):
    r = np.linspace(-np.log(2) / 2, np.log(2) / 2, 20001)
    A = np.stack([r ** k for k in range(degree + 1)], 1)
    b = np.exp(r)
    w = np.ones_like(r)
    best = None
    for _ in range(iterations):
        c, *_ = np.linalg.lstsq(A * (w / b)[:, None], w, rcond=None)
        rel = np.abs(A @ c - b) / b
        if best is None or rel.max() < best[0]:
            best = (rel.max(), c)
        w = w * (rel / rel.max()) ** 0.5 + 1e-12
        w /= w.max()
    return best


def fit_expm1(n_coef, iterations=300):
    r = np.linspace(-np.log(2) / 2, np.log(2) / 2, 20001)
    A = np.stack([r ** k for k in range(n_coef)], 1) * (r * r)[:, None]
    b = np.expm1(r) - r
    w = np.ones_like(r)
    best = None
    for _ in range(iterations):
        c, *_ = np.linalg.lstsq(A * (w / np.exp(r))[:, None], b * w / np.exp(r), rcond=None)
        rel = np.abs(1 + r + A @ c - np.exp(r)) / np.exp(r)
        if best is None or rel.max() < best[0]:
            best = (rel.max(), c)
        w = w * (rel / rel.max()) ** 0.5 + 1e-12
        w /= w.max()
    return best


def sigmoid32(x, coefs):
    """ap::simd::sigmoid in float32, operation for operation. coefs = p̃'s coefficients 1…N−1 + [k];
    p̃'s constant term is 128·k exactly, so that σ(0) = k/(k + k) = ½ exactly."""
    k = coefs[-1]
    monic = [f32(128) * f32(k)] + list(coefs[:-1])
    xc = np.clip(x.astype(f32), f32(-89.5), f32(80.0))
    magic = f32(12582912.0 + 120.0)
    v = xc * f32(-1.44269504088896341) + magic
    n = v - magic
    s = np.ldexp(np.ones_like(xc), n.astype(np.int32) - 7).astype(f32)  # the bits of v shifted: 2^(n−7)
    r = (n * f32(-0.693359375) - xc) - n * f32(-2.12194440e-4)
    p = r + f32(monic[-1])
    for c in reversed(monic[:-1]):
        p = p * r + f32(c)
    with np.errstate(over='ignore'):
        return (f32(k) / (f32(k) + s * p)).astype(f32)


def kernel_form(c):
    """p's coefficients (constant first, c0 ≈ 1) → p̃'s coefficients 1…N−1 + [k = 2^−7/cN]."""
    return [c[i] / c[-1] for i in range(1, len(c) - 1)] + [1 / (128 * c[-1])]


def measure(coefs, x=None):
    if x is None:
        x = np.linspace(-87, 20, 4_000_001, dtype=f32)
        x = x[x > -87]  # below, σ is subnormal (ulp counts are meaningless there; the error is < 1e-38)
    y = sigmoid32(x, coefs)
    ref = 1 / (1 + np.exp(-x.astype(np.float64)))
    ulp = np.spacing(ref.astype(f32)).astype(np.float64)
    ulps = np.abs(y - ref) / ulp
    return ulps.max(), x[ulps.argmax()], np.abs(y - ref).max()


def every_float(lo, hi):
    a, b = np.float32(hi).view(np.uint32), np.float32(lo).view(np.uint32)  # negative: bits grow with |x|
    return np.arange(a, b, dtype=np.uint32).view(f32)


def polish(coefs, rounds=3, span=8):
    rng = np.random.default_rng(2)
    x = np.concatenate([rng.uniform(-87, 20, 400_000), rng.uniform(-20, -8, 400_000),
                        rng.uniform(-3, 3, 100_000)]).astype(f32)
    coefs = [f32(c) for c in coefs]
    best = measure(coefs, x)[0]
    for _ in range(rounds):
        for i in range(len(coefs)):
            for step in range(-span, span + 1):
                trial, v = list(coefs), coefs[i]
                for _ in range(abs(step)):
                    v = np.nextafter(v, f32(np.inf if step > 0 else -np.inf), dtype=f32)
                trial[i] = v
                s = measure(trial, x)[0]
                if s < best:
                    best, coefs = s, trial
    return [float(c) for c in coefs]


if __name__ == '__main__':
    if sys.argv[1:2] == ['expm1']:
        rel, c = fit_expm1(int(sys.argv[2]) if len(sys.argv) > 2 else 5)
        print(f'e^r - 1 = r + r^2 P(r): float64 relative error {rel:.3g}')
        print('kP[] = {' + ', '.join(repr(float(f32(v))) + 'f' for v in c) + '};')
        sys.exit()
    degree = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    rel, c = fit(degree)
    coefs = polish([float(f32(v)) for v in kernel_form(c)])
    print(f'degree {degree}: float64 relative error of the fit {rel:.3g}')
    for name, x in (('grid over [-87, 20]', None), ('every float in [-17.5, -8]', every_float(-17.5, -8))):
        ulps, at, abs_err = measure(coefs, x)
        print(f'sigmoid in float32, {name}: max {ulps:.2f} ulp at x = {at:.6g}, max abs {abs_err:.3g}')
    print('kMonic[] = {' + ', '.join(repr(v) + 'f' for v in [float(f32(128) * f32(coefs[-1]))] + coefs[:-1]) + '};')
    print(f'kScale = {coefs[-1]!r}f;')
