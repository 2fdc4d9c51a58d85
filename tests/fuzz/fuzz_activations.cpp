// libFuzzer target: every activation kernel, on random inputs, parameters, lengths and layouts,
// against the registry's templates evaluated in double.
//
// Oracle. Both kernel paths (scalar and 4-lane vector) must give, for each element, a value within
// the registry entry's tolerance (max_ulp or max_abs; for gradients max_abs scaled by |gradOutput|)
// of the exact function at the given input and parameters, or at a corner of the box of inputs and
// parameters one float ulp away, or between the smallest and largest exact values at those corners:
// float computations such as fl(1/alpha) or fl(beta·x) next to softplus's threshold are exact for a
// nearby argument, and PyTorch rounds the same way. A non-finite result where the exact one is finite
// passes only if the scalar kernel (PyTorch's order of operations) overflows alike. Inputs are any
// float up to |x| = 1e18 plus ±Inf and NaN: beyond that x² overflows in float, and PyTorch 1.13's
// formulas with it (gelu's tanh-form gradient is NaN above 1.8e19, hardswish(1e38) is Inf; we
// match). Parameters in the accuracy domain are 0 or |p| in [1e-3, 1e3]; parameters from raw bits
// (NaN, Inf, subnormal) only have to give an error or no UB. In-place and backward-from-output calls
// must equal the ordinary ones bit for bit; invalid parameters and layouts must return the same
// error message on both paths.
#include <fuzzer/FuzzedDataProvider.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "activation_reference.hpp"
#include "ap/activations.hpp"
#include "float_compare.hpp"

namespace {

constexpr float kInf = std::numeric_limits<float>::infinity();
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
constexpr float kMaxInput = 1e18f;
constexpr std::size_t kMaxLength = 300;

const float kEdgeInputs[] = {0.f,    -0.f,   kInf,   -kInf,  kNaN,        1e-45f,      -1e-45f, 1.17549435e-38f,
                             1e-8f,  -1e-8f, 1.f,    -1.f,   3.f,         -3.f,        6.f,     -6.f,
                             0.5f,   -0.5f,  20.f,   -20.f,  8.664339742f, -8.664339742f, 88.f, -88.f,
                             88.7228394f, -87.3365479f, 89.f, -89.f, 100.f, -100.f, 8192.f, -8193.f, 1e18f, -1e18f};
// No ±Inf: f'(x)·Inf is NaN in float wherever f' underflows to 0 but not in double.
const float kEdgeGrads[] = {0.f, -0.f, kNaN, 1e-45f, -1e-45f, 1e-8f, 1.f, -1.f};
const float kEdgeParams[] = {0.f, -0.f, 1.f, -1.f, 0.5f, -0.5f, 0.01f, 0.25f, 2.f, 6.f, 20.f, -20.f, 1e-3f, -1e-3f, 1e3f};

float uniform(FuzzedDataProvider& d, float lo, float hi) {
  return lo + (hi - lo) * (static_cast<float>(d.ConsumeIntegral<uint16_t>()) / 65535.f);
}
float log_uniform(FuzzedDataProvider& d, float lo_exp, float hi_exp) {
  const float m = std::pow(10.f, uniform(d, lo_exp, hi_exp));
  return d.ConsumeBool() ? -m : m;
}
float raw_bits(FuzzedDataProvider& d) {
  const uint32_t b = d.ConsumeIntegral<uint32_t>();
  float f;
  std::memcpy(&f, &b, sizeof f);
  return f;
}

/// An input: an edge value, a value where the functions bend, any magnitude, or any float's bits.
float pick_input(FuzzedDataProvider& d) {
  switch (d.ConsumeIntegralInRange<int>(0, 3)) {
    case 0: return kEdgeInputs[d.ConsumeIntegralInRange<std::size_t>(0, std::size(kEdgeInputs) - 1)];
    case 1: return uniform(d, -20.f, 20.f);
    case 2: return log_uniform(d, -30.f, 18.f);
    default: {
      float f = raw_bits(d);
      while (std::isfinite(f) && std::fabs(f) > kMaxInput) f *= 0x1p-30f;
      return f;
    }
  }
}

float pick_grad(FuzzedDataProvider& d) {
  switch (d.ConsumeIntegralInRange<int>(0, 2)) {
    case 0: return kEdgeGrads[d.ConsumeIntegralInRange<std::size_t>(0, std::size(kEdgeGrads) - 1)];
    case 1: return uniform(d, -2.f, 2.f);
    default: return log_uniform(d, -6.f, 3.f);
  }
}

/// A parameter; `in_domain` is cleared when it comes from raw bits (accuracy not promised).
float pick_param(FuzzedDataProvider& d, bool& in_domain) {
  switch (d.ConsumeIntegralInRange<int>(0, 3)) {
    case 0: return kEdgeParams[d.ConsumeIntegralInRange<std::size_t>(0, std::size(kEdgeParams) - 1)];
    case 1: return uniform(d, -10.f, 10.f);
    case 2: return log_uniform(d, -3.f, 3.f);
    default: {
      const float f = raw_bits(d);
      if (!(f == 0.f || (std::fabs(f) >= 1e-3f && std::fabs(f) <= 1e3f))) in_domain = false;
      return f;
    }
  }
}

const float* g_params = nullptr;  // the current input's parameters, for messages

[[noreturn]] void fail(const char* what, const ap::ActivationInfo& a, const char* path, std::size_t i, float x, float got,
                       double want) {
  std::fprintf(stderr, "%s: %s (%s path) at element %zu: x = %a gives %a, reference %a; params %a %a\n", a.name, what,
               path, i, static_cast<double>(x), static_cast<double>(got), want, static_cast<double>(g_params[0]),
               static_cast<double>(g_params[1]));
  std::abort();
}

bool same_bits(float a, float b) { return std::memcmp(&a, &b, sizeof a) == 0 || (std::isnan(a) && std::isnan(b)); }

/// Within tolerance of `ref` (a double that may lie beyond float's range, where float gives ±Inf).
bool close(float got, double ref, int max_ulp, double max_abs) {
  const float rf = static_cast<float>(ref);
  if (std::isfinite(ref) && std::isinf(rf)) {
    return got == rf || (std::signbit(got) == std::signbit(rf) && std::fabs(got) == std::numeric_limits<float>::max());
  }
  return ap::test::close_to_reference(got, ref, max_ulp, max_abs);
}

float nudge(float v, int dir) { return dir == 0 ? v : std::nextafter(v, dir < 0 ? -kInf : kInf); }

/// Elementwise: is `got` acceptable for f (grad = false) or f'·g (grad = true) at x with params p?
/// Within tolerance of the reference at x and p or at a corner of the box of inputs and parameters
/// one ulp away, or between the smallest and largest reference at those corners (f is continuous on
/// the box but where it jumps, so it takes every value in between there: an exp that amplifies the
/// rounding of its argument, as celu's e^(x/α) with α < 0 does, lands inside).
bool acceptable(int id, float x, float g, const float* p, float got, bool grad) {
  const ap::ActivationInfo& a = ap::kActivationInfo[id];
  const double max_abs = grad ? a.max_abs * std::max(1.0, std::fabs(static_cast<double>(g))) : a.max_abs;
  const int np = a.num_params;
  const bool choice = np > 0 && a.params[0].choices != nullptr;
  double lo = INFINITY, hi = -INFINITY;
  for (int dx = -1; dx <= 1; ++dx) {
    for (int d0 = (np > 0 && !choice) ? -1 : 0; d0 <= ((np > 0 && !choice) ? 1 : 0); ++d0) {
      for (int d1 = np > 1 ? -1 : 0; d1 <= (np > 1 ? 1 : 0); ++d1) {
        const double pd[ap::kMaxParams] = {np > 0 ? nudge(p[0], d0) : 0.f, np > 1 ? nudge(p[1], d1) : 0.f};
        double y = 0, gx = 0;
        ap::test::reference_element(id, nudge(x, dx), g, pd, y, gx);
        const double ref = grad ? gx : y;
        if (close(got, ref, a.max_ulp, max_abs)) return true;
        lo = std::min(lo, ref);
        hi = std::max(hi, ref);
      }
    }
  }
  return std::isfinite(got) && lo <= got && got <= hi;
}

void check_elementwise(int id, const std::vector<float>& x, const std::vector<float>& g, const float* p, bool in_domain,
                       ap::KernelPath path) {
  const ap::ActivationInfo& a = ap::kActivationInfo[id];
  const char* pname = path == ap::KernelPath::vector ? "vector" : "scalar";
  const std::size_t n = x.size();
  std::vector<float> y(n), gx(n), gx2(n), buf = x, sy(n), sgx(n);
  if (!ap::activation_forward(id, x.data(), y.data(), n, p, {}, path).empty() ||
      !ap::activation_backward(id, x.data(), g.data(), gx.data(), n, p, {}, path).empty() ||
      !ap::activation_backward_from_output(id, x.data(), y.data(), g.data(), gx2.data(), n, p, {}, path).empty() ||
      !ap::activation_forward(id, buf.data(), buf.data(), n, p, {}, path).empty() ||
      !ap::activation_forward(id, x.data(), sy.data(), n, p, {}, ap::KernelPath::scalar).empty() ||
      !ap::activation_backward(id, x.data(), g.data(), sgx.data(), n, p, {}, ap::KernelPath::scalar).empty()) {
    std::fprintf(stderr, "%s: valid parameters refused\n", a.name);
    std::abort();
  }
  // Where the float formula overflows (e.g. gy·α⁻¹·α·e^(x/α) with e^(x/α) > FLT_MAX and a tiny gy),
  // a non-finite result is what PyTorch's order of operations gives: the scalar kernel's.
  const auto overflowed_alike = [](float got, float scalar) { return !std::isfinite(got) && same_bits(got, scalar); };
  for (std::size_t i = 0; i < n; ++i) {
    if (!same_bits(buf[i], y[i])) fail("in-place forward differs", a, pname, i, x[i], buf[i], y[i]);
    if (!same_bits(gx2[i], gx[i])) fail("backward from the output differs", a, pname, i, x[i], gx2[i], gx[i]);
    if (!in_domain) continue;
    double yr = 0, gr = 0;
    const double pd[ap::kMaxParams] = {p[0], p[1]};
    ap::test::reference_element(id, x[i], g[i], pd, yr, gr);
    if (!overflowed_alike(y[i], sy[i]) && !acceptable(id, x[i], 1.f, p, y[i], false)) {
      fail("value out of tolerance", a, pname, i, x[i], y[i], yr);
    }
    if (!overflowed_alike(gx[i], sgx[i]) && !acceptable(id, x[i], g[i], p, gx[i], true)) {
      fail("gradient out of tolerance", a, pname, i, x[i], gx[i], gr);
    }
  }
}

/// Vector entries (softmax family) along a dimension of `size` elements `stride` apart.
void check_vector(int id, const std::vector<float>& x, const std::vector<float>& g, ap::VectorLayout l, ap::KernelPath path) {
  const ap::ActivationInfo& a = ap::kActivationInfo[id];
  const char* pname = path == ap::KernelPath::vector ? "vector" : "scalar";
  const std::size_t n = x.size();
  std::vector<float> y(n), gx(n), buf = x;
  if (!ap::activation_forward(id, x.data(), y.data(), n, nullptr, l, path).empty() ||
      !ap::activation_backward(id, x.data(), g.data(), gx.data(), n, nullptr, l, path).empty() ||
      !ap::activation_forward(id, buf.data(), buf.data(), n, nullptr, l, path).empty()) {
    std::fprintf(stderr, "%s: a valid layout was refused\n", a.name);
    std::abort();
  }
  std::vector<double> xr(l.size), gr(l.size), yr(l.size), gxr(l.size);
  for (std::size_t o = 0; o < n; o += l.size * l.stride) {
    for (std::size_t j = 0; j < l.stride; ++j) {
      double gmax = 1.0;
      for (std::size_t k = 0; k < l.size; ++k) {
        xr[k] = x[o + j + k * l.stride];
        gr[k] = g[o + j + k * l.stride];
        gmax = std::max(gmax, std::fabs(gr[k]));
      }
      ap::test::reference_row(id, xr.data(), gr.data(), l.size, yr.data(), gxr.data());
      for (std::size_t k = 0; k < l.size; ++k) {
        const std::size_t i = o + j + k * l.stride;
        if (!same_bits(buf[i], y[i])) fail("in-place forward differs", a, pname, i, x[i], buf[i], y[i]);
        if (!close(y[i], yr[k], a.max_ulp, a.max_abs)) fail("value out of tolerance", a, pname, i, x[i], y[i], yr[k]);
        if (!close(gx[i], gxr[k], a.max_ulp, a.max_abs * gmax)) fail("gradient out of tolerance", a, pname, i, x[i], gx[i], gxr[k]);
      }
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  FuzzedDataProvider d(data, size);
  const int id = d.ConsumeIntegralInRange<int>(0, ap::kNumActivations - 1);
  const ap::ActivationInfo& a = ap::kActivationInfo[id];
  bool in_domain = true;
  float p[ap::kMaxParams] = {};
  g_params = p;
  for (int k = 0; k < a.num_params; ++k) {
    p[k] = a.params[k].choices ? static_cast<float>(d.ConsumeIntegralInRange<int>(0, 2)) : pick_param(d, in_domain);
  }
  const std::size_t n = d.ConsumeIntegralInRange<std::size_t>(0, kMaxLength);
  // Vector entries: a dimension of `size` elements `stride` apart, sometimes one that does not fit.
  ap::VectorLayout layout{d.ConsumeIntegralInRange<std::size_t>(0, n + 1), d.ConsumeIntegralInRange<std::size_t>(1, 8)};
  std::vector<float> x(n), g(n);
  for (std::size_t i = 0; i < n; ++i) {
    x[i] = pick_input(d);
    g[i] = pick_grad(d);
  }

  bool params_ok = true;
  for (int k = 0; k < a.num_params; ++k) params_ok = params_ok && std::isfinite(p[k]);
  params_ok = params_ok && ap::check_params(id, p) == nullptr;
  const bool is_vector = a.kind == ap::ActivationKind::vector;
  const bool layout_ok = !is_vector || n == 0 ||
                         (layout.size > 0 && layout.size * layout.stride <= n && n % (layout.size * layout.stride) == 0);
  const float* params = a.num_params ? p : nullptr;
  std::vector<float> y(n, 7.f);
  const std::string err_scalar = ap::activation_forward(id, x.data(), y.data(), n, params, layout, ap::KernelPath::scalar);
  const std::string err_vector = ap::activation_forward(id, x.data(), y.data(), n, params, layout, ap::KernelPath::vector);
  if (err_scalar != err_vector) {
    std::fprintf(stderr, "%s: the paths disagree on the arguments: '%s' vs '%s'\n", a.name, err_scalar.c_str(), err_vector.c_str());
    std::abort();
  }
  if ((params_ok && layout_ok) != err_vector.empty() || (!err_vector.empty() && err_vector.rfind(a.name, 0) != 0)) {
    std::fprintf(stderr, "%s: unexpected answer to the arguments: '%s'\n", a.name, err_vector.c_str());
    std::abort();
  }
  if (!err_vector.empty()) return 0;
  for (ap::KernelPath path : {ap::KernelPath::vector, ap::KernelPath::scalar}) {
    if (is_vector) {
      if (n > 0) check_vector(id, x, g, layout, path);
    } else {
      check_elementwise(id, x, g, p, in_domain, path);
    }
  }
  return 0;
}
