#!/usr/bin/env python3
"""Fits e^r ≈ 1 + r + r²·P(r) on |r| ≤ ln2/2 (P of degree N−1, Lawson-weighted least squares on
the relative error), rounds to float32 and measures the sigmoid kernel that uses it
(ap::simd::sigmoid: e^−x = 2^n·e^r with the two-step ln 2 reduction, σ = 1/(1 + e^−x)) in
float32 against float64 over x ∈ [−87, 20].
  /usr/bin/python3 scripts/fit_exp_poly.py [N]
Prints the coefficients as a C++ initialiser. Needs only numpy."""
import sys
import numpy as np

f32 = np.float32


def fit(n_coef, iterations=300):
    r = np.linspace(-np.log(2) / 2, np.log(2) / 2, 20001)
    target = (np.expm1(r) - r) / (r * r + (r == 0))
    target[r == 0] = 0.5
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
    """ap::simd::sigmoid in float32: σ = 1/(1 + 2^n·e^r) over z = −x clamped to [−87.3, 88.5]."""
    z = np.clip(-x.astype(f32), f32(-87.3), f32(88.5))
    magic = f32(12582912.0 + 127.0)
    v = z * f32(1.44269504088896341) + magic
    n = v - magic
    with np.errstate(over='ignore'):
        s = np.ldexp(np.ones_like(z), n.astype(np.int32)).astype(f32)  # +Inf for n = 128
    r = (z - n * f32(0.693359375)) - n * f32(-2.12194440e-4)
    p = np.full_like(r, f32(coefs[-1]))
    for c in reversed(coefs[:-1]):
        p = p * r + f32(c)
    er = f32(1) + (r + (r * r) * p)
    with np.errstate(over='ignore'):
        return (f32(1) / (f32(1) + s * er)).astype(f32)


def measure(coefs):
    x = np.linspace(-87, 20, 4_000_001, dtype=f32)
    x = x[x > -87]  # below, σ is subnormal (ulp counts are meaningless there; the error is < 1e-38)
    y = sigmoid32(x, coefs)
    ref = 1 / (1 + np.exp(-x.astype(np.float64)))
    ulp = np.spacing(ref.astype(f32)).astype(np.float64)
    ulps = np.abs(y - ref) / ulp
    return ulps.max(), x[ulps.argmax()], np.abs(y - ref).max()


if __name__ == '__main__':
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 4
    rel, c = fit(n)
    coefs = [float(f32(v)) for v in c]
    kernel = [0.4999999701976776, 0.1666652113199234, 0.04166722670197487, 0.008368694223463535,
              0.0013879685429856181]
    ulps, at, abs_err = measure(kernel)
    print(f'the kernel as shipped (5 coefficients): max {ulps:.2f} ulp at x = {at:.6g}, max abs {abs_err:.3g}')
    print(f'{n} coefficients (degree {n + 1} overall): float64 relative error {rel:.3g}')
    ulps, at, abs_err = measure(coefs)
    print(f'sigmoid in float32: max {ulps:.2f} ulp at x = {at:.6g}, max abs {abs_err:.3g}')
    print('kP[] = {' + ', '.join(repr(v) + 'f' for v in coefs) + '};')
