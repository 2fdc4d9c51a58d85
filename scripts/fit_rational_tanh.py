#!/usr/bin/env python3
"""Fits tanh(x) ≈ x·P(x²)/Q(x²) on |x| ≤ X_MAX (P(0) = Q(0) = 1) by Lawson-weighted least squares
on the relative error, then rounds the coefficients to float32 and measures the float32 evaluation
(Horner, no FMA) against float64 tanh. Last, it rewrites the pair in the form the kernel evaluates
(ap::simd::tanh_rational): P divided by its leading coefficient, so P is monic and its Horner
evaluation saves a multiply, and Q divided by the same number; it measures that form too.
  /usr/bin/python3 scripts/fit_rational_tanh.py [num_degree den_degree]
Prints the coefficients as C++ initialisers. Needs only numpy."""
import sys
import numpy as np

X_MAX = 8.664339742  # tanh is exactly ±1 above this (PyTorch's vectorised tanh does the same)


def fit(p_deg, q_deg, iterations=400):
    x = np.concatenate([np.linspace(0, X_MAX, 20000)[1:], np.geomspace(1e-4, 1, 2000)])
    z = x * x
    f = np.tanh(x) / x
    # Unknowns: P1..Pp, Q1..Qq.  Residual of the linearised problem: P(z) − f·Q(z).
    A = np.hstack([np.stack([z ** k for k in range(1, p_deg + 1)], 1),
                   -np.stack([f * z ** k for k in range(1, q_deg + 1)], 1)])
    b = f - 1.0
    w = np.ones_like(x)
    q_prev = np.ones_like(x)
    best = None
    for it in range(iterations):
        ww = w / (f * q_prev)
        c, *_ = np.linalg.lstsq(A * ww[:, None], b * ww, rcond=None)
        P = 1 + sum(c[k - 1] * z ** k for k in range(1, p_deg + 1))
        Q = 1 + sum(c[p_deg + k - 1] * z ** k for k in range(1, q_deg + 1))
        rel = np.abs(P / Q - f) / f
        if best is None or rel.max() < best[0]:
            best = (rel.max(), c.copy())
        w = w * (rel / rel.max()) ** 0.5 + 1e-12
        w /= w.max()
        q_prev = Q
    return best


def samples(n):
    return np.concatenate([np.linspace(0, 10, n, dtype=np.float32),
                           np.geomspace(1e-30, 1, n // 20).astype(np.float32)])


def evaluate(pc, qc, a=None):
    """pc, qc: float32 coefficient lists (constant first). Float32 Horner as in the kernel:
    y = x·(P(z)/Q(z)), z = min(x², X_MAX²), then y clamped to ±1 (odd by construction, so only
    x ≥ 0 is sampled). Returns (max ulp, where, max abs, share of samples over 1 ulp, value at X_MAX)."""
    f32 = np.float32
    if a is None:
        a = samples(4_000_001)
    ac = a
    z = np.minimum(a * a, f32(X_MAX) * f32(X_MAX))
    P = np.full_like(z, f32(pc[-1]))
    for c in reversed(pc[:-1]):
        P = P * z + f32(c)
    Q = np.full_like(z, f32(qc[-1]))
    for c in reversed(qc[:-1]):
        Q = Q * z + f32(c)
    y_unclamped = ac * (P / Q)
    y = np.minimum(y_unclamped, f32(1))
    ref = np.tanh(a.astype(np.float64))
    err = np.abs(y.astype(np.float64) - ref)
    ulp = np.spacing(np.abs(ref).astype(np.float32)).astype(np.float64)
    ulps = err / ulp
    at_limit = (f32(X_MAX) * (P / Q))[np.argmax(a >= f32(X_MAX))]
    return ulps.max(), a[ulps.argmax()], err.max(), np.mean(ulps > 1), at_limit


def to_monic(pc, qc):
    """(P, Q) → (monic P's lower coefficients, Q) both divided by P's leading coefficient, in float32."""
    lead = pc[-1]
    return [float(np.float32(c / lead)) for c in pc[:-1]], [float(np.float32(c / lead)) for c in qc]


def evaluate_monic(mc, qc, a=None):
    """The kernel's operation order: P = (((z + m3)·z + m2)·z + m1)·z + m0, Q by Horner, y = x·(P/Q)
    clamped to ±1, z = min(x², X_MAX²). Returns (max ulp, where, max abs, max ulp for |x| < 0.5,
    value at X_MAX)."""
    f32 = np.float32
    if a is None:
        a = samples(4_000_001)
    z = np.minimum(a * a, f32(X_MAX) * f32(X_MAX))
    P = z + f32(mc[-1])
    for c in reversed(mc[:-1]):
        P = P * z + f32(c)
    Q = np.full_like(z, f32(qc[-1]))
    for c in reversed(qc[:-1]):
        Q = Q * z + f32(c)
    y = np.minimum(a * (P / Q), f32(1))
    ref = np.tanh(a.astype(np.float64))
    err = np.abs(y.astype(np.float64) - ref)
    ulps = err / np.spacing(np.abs(ref).astype(f32)).astype(np.float64)
    at_limit = (f32(X_MAX) * (P / Q))[np.argmax(a >= f32(X_MAX))]
    return ulps.max(), a[ulps.argmax()], err.max(), ulps[a < 0.5].max(), at_limit


def polish(pc, qc, rounds=3, span=6):
    """Coordinate search over float32 neighbours of each coefficient (±span ulp), keeping changes
    that lower the worst ulp error of the float32 evaluation: the fit is made in float64, but
    the kernel's error is dominated by float32 rounding."""
    a = samples(400_001)
    coefs = [np.float32(v) for v in pc[1:] + qc[1:]]
    n_p = len(pc) - 1
    split = lambda c: ([1.0] + [float(v) for v in c[:n_p]], [1.0] + [float(v) for v in c[n_p:]])
    def score(c):
        # The value at X_MAX must round to ≥ 1 so that clamping makes tanh exactly 1 from there on.
        ulps, _, _, _, at_limit = evaluate(*split(c), a)
        return ulps if at_limit >= 1 else ulps + 100
    best = score(coefs)
    for _ in range(rounds):
        for i in range(len(coefs)):
            for step in range(-span, span + 1):
                trial = list(coefs)
                v = coefs[i]
                for _ in range(abs(step)):
                    v = np.nextafter(v, np.float32(np.inf if step > 0 else -np.inf), dtype=np.float32)
                trial[i] = v
                s = score(trial)
                if s < best:
                    best, coefs = s, trial
    return split(coefs)


if __name__ == '__main__':
    p_deg, q_deg = (int(v) for v in sys.argv[1:3]) if len(sys.argv) > 2 else (4, 4)
    rel, c = fit(p_deg, q_deg)
    pc = [1.0] + [float(np.float32(v)) for v in c[:p_deg]]
    qc = [1.0] + [float(np.float32(v)) for v in c[p_deg:]]
    print(f'degrees {p_deg}/{q_deg}: float64 fit max relative error {rel:.3g}')
    ulps, at, abs_err, frac, at_limit = evaluate(pc, qc)
    print(f'float32 evaluation before polishing: max {ulps:.2f} ulp, max abs {abs_err:.3g}, y(X_MAX) = {at_limit!r}')
    pc, qc = polish(pc, qc)
    ulps, at, abs_err, frac, at_limit = evaluate(pc, qc)
    print(f'float32 evaluation: max {ulps:.2f} ulp at x = {at:.6g}, max abs {abs_err:.3g}, '
          f'{100 * frac:.2f} % of samples > 1 ulp, y(X_MAX) before clamping = {at_limit!r}')
    fmt = lambda v: ', '.join(repr(float(np.float32(x))) + 'f' for x in v)
    print('kNum[] = {' + fmt(pc) + '};')
    print('kDen[] = {' + fmt(qc) + '};')
    mc, qm = to_monic(pc, qc)
    ulps, at, abs_err, small, at_limit = evaluate_monic(mc, qm)
    print(f'kernel form (monic numerator): max {ulps:.2f} ulp at x = {at:.6g}, max abs {abs_err:.3g}, '
          f'max {small:.2f} ulp for |x| < 0.5, y(X_MAX) before clamping = {at_limit!r}')
    print('kMonicNum[] = {' + fmt(mc) + '};')
    print('kDen[] = {' + fmt(qm) + '};')
