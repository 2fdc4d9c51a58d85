// Activation kernels against the double-precision reference: every registry entry, every kernel
// path this build has, at tails, in place, and at ±0, ±Inf, NaN and saturation.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "ap/activations.hpp"
#include "ap/limits.hpp"
#include "float_compare.hpp"

using ap::test::close_to_reference;

namespace {

constexpr float kInf = std::numeric_limits<float>::infinity();
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

const std::vector<float> kEdgeValues = {0.f, -0.f, kInf, -kInf, kNaN, 100.f, -100.f,
                                        1e-8f, -1e-8f, 20.f, -20.f, 88.f, -88.f, 89.f, -89.f};

/// n inputs: edge values first, then a deterministic spread over [-10, 10].
std::vector<float> make_inputs(std::size_t n) {
  std::vector<float> x(n);
  for (std::size_t i = 0; i < n; ++i) {
    x[i] = i < kEdgeValues.size() ? kEdgeValues[i] : -10.f + 20.f * static_cast<float>((i * 7919) % 1000) / 999.f;
  }
  return x;
}

std::vector<float> make_grads(std::size_t n) {
  std::vector<float> g(n);
  for (std::size_t i = 0; i < n; ++i) g[i] = 0.25f + static_cast<float>((i * 31) % 17) / 8.f - 1.f;
  return g;
}

std::vector<ap::KernelPath> kernel_paths() { return {ap::KernelPath::scalar, ap::KernelPath::vector}; }

const char* path_name(ap::KernelPath p) { return p == ap::KernelPath::vector ? "vector" : "scalar"; }

std::vector<float> default_params(int id) {
  std::vector<float> p;
  for (int k = 0; k < ap::kActivationInfo[id].num_params; ++k) p.push_back(ap::kActivationInfo[id].params[k].default_value);
  return p;
}

/// Double-precision reference of forward (y) and backward (gx) for registry index `id`.
void reference(int id, const std::vector<float>& xf, const std::vector<float>& gf, const std::vector<float>& pf,
               std::size_t cols, std::vector<double>& y, std::vector<double>& gx) {
  const std::size_t n = xf.size();
  std::vector<double> x(xf.begin(), xf.end()), g(gf.begin(), gf.end()), p(pf.begin(), pf.end());
  p.resize(ap::kMaxParams);
  y.assign(n, 0.0);
  gx.assign(n, 0.0);
  switch (static_cast<ap::ActivationId>(id)) {
#define AP_CASE(T)                                                                   \
  case ap::ActivationId::T:                                                          \
    for (std::size_t i = 0; i < n; ++i) {                                            \
      y[i] = ap::T::value<double>(x[i], p.data());                                   \
      gx[i] = ap::T::backward<double>(x[i], y[i], g[i], p.data());                   \
    }                                                                                \
    break;
    AP_ELEMENTWISE_ACTIVATIONS(AP_CASE)
#undef AP_CASE
#define AP_VCASE(T)                                                                 \
  case ap::ActivationId::T:                                                         \
    for (std::size_t r = 0; cols && r < n / cols; ++r) {                            \
      ap::T::value_row<double>(&x[r * cols], &y[r * cols], cols);                   \
      ap::T::backward_row<double>(&y[r * cols], &g[r * cols], &gx[r * cols], cols); \
    }                                                                               \
    break;
    AP_VECTOR_ACTIVATIONS(AP_VCASE)
#undef AP_VCASE
  }
}

/// Every value within activation `id`'s registry tolerance of the reference.
void check_all_close(int id, const std::vector<float>& got, const std::vector<double>& ref, const std::vector<float>& x) {
  REQUIRE(got.size() == ref.size());
  const ap::ActivationInfo& info = ap::kActivationInfo[id];
  for (std::size_t i = 0; i < got.size(); ++i) {
    if (!close_to_reference(got[i], ref[i], info.max_ulp, info.max_abs)) {
      CAPTURE(i, x[i], got[i], ref[i]);
      FAIL_CHECK("kernel value differs from the double-precision reference");
    }
  }
}

}  // namespace

TEST_CASE("every activation matches the double reference at tails, in place and at edge values", "[activations]") {
  const int id = GENERATE(range(0, ap::kNumActivations));
  const ap::KernelPath path = GENERATE(from_range(kernel_paths()));
  const std::size_t n = GENERATE(as<std::size_t>{}, 0, 1, 3, 4, 5, 17, 1000);
  const bool is_vector = ap::kActivationInfo[id].kind == ap::ActivationKind::vector;
  // Vector activations: rows of 5 when possible (tails inside rows), else one row.
  const std::size_t cols = is_vector ? (n % 5 == 0 && n > 0 ? 5 : n) : 0;
  CAPTURE(ap::kActivationInfo[id].name, path_name(path), n, cols);

  const std::vector<float> x = make_inputs(n), g = make_grads(n), p = default_params(id);
  std::vector<double> y_ref, gx_ref;
  reference(id, x, g, p, cols, y_ref, gx_ref);

  SECTION("forward, out of place") {
    std::vector<float> y(n, -123.f);
    REQUIRE(ap::activation_forward(id, x.data(), y.data(), n, p.data(), ap::VectorLayout{cols, 1}, path).empty());
    check_all_close(id, y, y_ref, x);
  }
  SECTION("forward, in place") {
    std::vector<float> buf = x;
    REQUIRE(ap::activation_forward(id, buf.data(), buf.data(), n, nullptr, ap::VectorLayout{cols, 1}, path).empty());
    check_all_close(id, buf, y_ref, x);
  }
  SECTION("backward, out of place and with the gradient buffer reused as output") {
    std::vector<float> gx(n, -123.f);
    REQUIRE(ap::activation_backward(id, x.data(), g.data(), gx.data(), n, p.data(), ap::VectorLayout{cols, 1}, path).empty());
    check_all_close(id, gx, gx_ref, x);
    std::vector<float> gbuf = g;
    REQUIRE(ap::activation_backward(id, x.data(), gbuf.data(), gbuf.data(), n, p.data(), ap::VectorLayout{cols, 1}, path).empty());
    check_all_close(id, gbuf, gx_ref, x);
  }
  SECTION("backward from a stored forward output equals recomputing it") {
    std::vector<float> y(n), ga(n), gb(n);
    REQUIRE(ap::activation_forward(id, x.data(), y.data(), n, p.data(), ap::VectorLayout{cols, 1}, path).empty());
    REQUIRE(ap::activation_backward(id, x.data(), g.data(), ga.data(), n, p.data(), ap::VectorLayout{cols, 1}, path).empty());
    REQUIRE(ap::activation_backward_from_output(id, x.data(), y.data(), g.data(), gb.data(), n, p.data(),
                                                ap::VectorLayout{cols, 1}, path)
                .empty());
    for (std::size_t i = 0; i < n; ++i) {
      CAPTURE(i, x[i]);
      CHECK((std::memcmp(&ga[i], &gb[i], sizeof(float)) == 0 || (std::isnan(ga[i]) && std::isnan(gb[i]))));
    }
  }
  SECTION("backward without a gradient uses ones") {
    std::vector<double> y1, gx1;
    reference(id, x, std::vector<float>(n, 1.f), p, cols, y1, gx1);
    std::vector<float> gx(n);
    REQUIRE(ap::activation_backward(id, x.data(), nullptr, gx.data(), n, nullptr, ap::VectorLayout{cols, 1}, path).empty());
    check_all_close(id, gx, gx1, x);
  }
}

TEST_CASE("vector and scalar kernels agree on a dense grid", "[activations][simd]") {
  const int id = GENERATE(range(0, ap::kNumActivations));
  CAPTURE(ap::kActivationInfo[id].name);
  std::vector<float> x(4001);
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = -20.f + 40.f * static_cast<float>(i) / 4000.f;
  const std::size_t cols = ap::kActivationInfo[id].kind == ap::ActivationKind::vector ? 4001 : 0;
  std::vector<float> ys(x.size()), yv(x.size());
  REQUIRE(ap::activation_forward(id, x.data(), ys.data(), x.size(), nullptr, ap::VectorLayout{cols, 1}, ap::KernelPath::scalar).empty());
  REQUIRE(ap::activation_forward(id, x.data(), yv.data(), x.size(), nullptr, ap::VectorLayout{cols, 1}, ap::KernelPath::vector).empty());
  for (std::size_t i = 0; i < x.size(); ++i) {
    CAPTURE(i, x[i], ys[i], yv[i]);
    REQUIRE(close_to_reference(yv[i], ys[i], ap::kActivationInfo[id].max_ulp, ap::kActivationInfo[id].max_abs));
  }
}

TEST_CASE("edge values follow the documented PyTorch conventions", "[activations][edges]") {
  const ap::KernelPath path = GENERATE(from_range(kernel_paths()));
  CAPTURE(path_name(path));
  auto f = [&](const char* name, float x, const float* params = nullptr) {
    float y = 0.f;
    REQUIRE(ap::activation_forward(ap::find_activation(name), &x, &y, 1, params, ap::VectorLayout{1, 1}, path).empty());
    return y;
  };
  auto df = [&](const char* name, float x, const float* params = nullptr) {
    float g = 0.f;
    REQUIRE(ap::activation_backward(ap::find_activation(name), &x, nullptr, &g, 1, params, ap::VectorLayout{1, 1}, path).empty());
    return g;
  };
  SECTION("gradients at the kinks") {
    CHECK(df("relu", 0.f) == 0.f);
    CHECK(df("relu", -0.f) == 0.f);
    CHECK(df("relu", 1e-30f) == 1.f);
    CHECK(df("leaky_relu", 0.f) == 0.01f);
    const float slope = 0.2f;
    CHECK(df("leaky_relu", 0.f, &slope) == 0.2f);
    CHECK(df("step", 0.f) == 0.f);
    CHECK(df("step", 3.f) == 0.f);
  }
  SECTION("step at zero, saturation and infinities") {
    CHECK(f("step", 0.f) == 0.f);
    CHECK(f("step", 1e-30f) == 1.f);
    CHECK(f("sigmoid", 100.f) == 1.f);
    CHECK(f("sigmoid", -100.f) < 1e-40f);
    CHECK(f("sigmoid", -100.f) >= 0.f);
    CHECK(f("sigmoid", kInf) == 1.f);
    CHECK(f("sigmoid", -kInf) == 0.f);
    CHECK(f("tanh", kInf) == 1.f);
    CHECK(f("tanh", -kInf) == -1.f);
    CHECK(df("tanh", 100.f) == 0.f);
    CHECK(df("sigmoid", -100.f) >= 0.f);
    CHECK(df("sigmoid", -100.f) < 1e-40f);
    CHECK(f("relu", kInf) == kInf);
    CHECK(f("leaky_relu", -kInf) == -kInf);
  }
  SECTION("NaN propagates through every value except step and softshrink, which give 0 as PyTorch") {
    CHECK(f("step", kNaN) == 0.f);
    CHECK(f("softshrink", kNaN) == 0.f);
    for (int id = 0; id < ap::kNumActivations; ++id) {
      if (id == ap::find_activation("step") || id == ap::find_activation("softshrink")) continue;
      CAPTURE(ap::kActivationInfo[id].name);
      float x = kNaN, y = 0.f;
      REQUIRE(ap::activation_forward(id, &x, &y, 1, nullptr, ap::VectorLayout{1, 1}, path).empty());
      CHECK(std::isnan(y));
    }
  }
  SECTION("relu(NaN) passes the gradient through, as PyTorch's threshold_backward on the output does") {
    CHECK(df("relu", kNaN) == 1.f);
    CHECK(df("leaky_relu", kNaN) == 0.01f);
  }
  SECTION("relu and tanh keep the sign of zero") {
    CHECK(std::signbit(f("relu", -0.f)));
    CHECK(std::signbit(f("tanh", -0.f)));
    CHECK_FALSE(std::signbit(f("tanh", 0.f)));
  }
}

TEST_CASE("softmax works on rows of the last dimension", "[activations][softmax]") {
  const ap::KernelPath path = GENERATE(from_range(kernel_paths()));
  const int id = ap::find_activation("softmax");
  SECTION("each row sums to one and does not overflow on large inputs") {
    const std::vector<float> x = {1000.f, 1001.f, 1002.f, -5.f, 0.f, 5.f};
    std::vector<float> y(6);
    REQUIRE(ap::activation_forward(id, x.data(), y.data(), 6, nullptr, ap::VectorLayout{3, 1}, path).empty());
    CHECK(y[0] + y[1] + y[2] == Approx(1.0).epsilon(1e-6));
    CHECK(y[3] + y[4] + y[5] == Approx(1.0).epsilon(1e-6));
    CHECK(y[2] == Approx(0.66524096).epsilon(1e-6));
    CHECK(y[5] == Approx(0.99326205).epsilon(1e-6));
  }
  SECTION("a row with +Inf gives NaN; -Inf entries get probability 0") {
    const std::vector<float> x = {kInf, 1.f, -kInf, 0.f};
    std::vector<float> y(4);
    REQUIRE(ap::activation_forward(id, x.data(), y.data(), 4, nullptr, ap::VectorLayout{2, 1}, path).empty());
    CHECK(std::isnan(y[0]));
    CHECK(y[2] == 0.f);
    CHECK(y[3] == 1.f);
  }
  SECTION("the gradient of the sum of outputs is zero") {
    const std::vector<float> x = {0.3f, -1.2f, 2.5f, 0.f};
    std::vector<float> gx(4);
    REQUIRE(ap::activation_backward(id, x.data(), nullptr, gx.data(), 4, nullptr, ap::VectorLayout{4, 1}, path).empty());
    for (float v : gx) CHECK(std::fabs(v) < 1e-7f);
  }
}

TEST_CASE("vector activations work along columns (a strided dimension) as along rows", "[activations][softmax]") {
  const ap::KernelPath path = GENERATE(from_range(kernel_paths()));
  const int id = GENERATE(range(0, ap::kNumActivations));
  if (ap::kActivationInfo[id].kind != ap::ActivationKind::vector) return;
  CAPTURE(ap::kActivationInfo[id].name, path_name(path));
  // a is [3, 4]; its transpose t is [4, 3]. f along dim 0 of a == transpose of f along dim 1 of t.
  const std::vector<float> a = {0.5f, -1.f, 2.f, 0.f, 3.f, -2.5f, 1.5f, 7.f, -3.f, 0.25f, 1.f, -0.5f};
  std::vector<float> t(12), ya(12), yt(12), ga(12), gt(12), g(12), gtr(12);
  for (std::size_t r = 0; r < 3; ++r)
    for (std::size_t c = 0; c < 4; ++c) t[c * 3 + r] = a[r * 4 + c];
  for (std::size_t i = 0; i < 12; ++i) g[i] = static_cast<float>(i % 5) - 2.f;
  for (std::size_t r = 0; r < 3; ++r)
    for (std::size_t c = 0; c < 4; ++c) gtr[c * 3 + r] = g[r * 4 + c];
  REQUIRE(ap::activation_forward(id, a.data(), ya.data(), 12, nullptr, ap::VectorLayout{3, 4}, path).empty());
  REQUIRE(ap::activation_forward(id, t.data(), yt.data(), 12, nullptr, ap::VectorLayout{3, 1}, path).empty());
  REQUIRE(ap::activation_backward(id, a.data(), g.data(), ga.data(), 12, nullptr, ap::VectorLayout{3, 4}, path).empty());
  REQUIRE(ap::activation_backward(id, t.data(), gtr.data(), gt.data(), 12, nullptr, ap::VectorLayout{3, 1}, path).empty());
  for (std::size_t r = 0; r < 3; ++r) {
    for (std::size_t c = 0; c < 4; ++c) {
      CHECK(ya[r * 4 + c] == yt[c * 3 + r]);
      CHECK(ga[r * 4 + c] == gt[c * 3 + r]);
    }
  }
}

TEST_CASE("derivatives agree with central finite differences away from kinks", "[activations][gradcheck]") {
  const int id = GENERATE(range(0, ap::kNumActivations));
  CAPTURE(ap::kActivationInfo[id].name);
  const std::vector<float> pf = default_params(id);
  std::vector<double> p(pf.begin(), pf.end());
  p.resize(ap::kMaxParams);
  const double h = 1e-6;
  if (ap::kActivationInfo[id].kind == ap::ActivationKind::vector) {
    // Vector-Jacobian check: d/dt <g, f(x + t e_k)> at t = 0 equals gx[k].
    const std::vector<double> x = {0.3, -1.2, 2.5, 0.0, 0.7}, g = {1.0, -2.0, 0.5, 3.0, 0.25};
    auto value = [id](const std::vector<double>& in, std::vector<double>& out) {
      switch (static_cast<ap::ActivationId>(id)) {
#define AP_VCASE(T) \
  case ap::ActivationId::T: ap::T::value_row<double>(in.data(), out.data(), in.size()); break;
        AP_VECTOR_ACTIVATIONS(AP_VCASE)
#undef AP_VCASE
        default: break;
      }
    };
    std::vector<double> y(5), gx(5), yp(5), ym(5);
    value(x, y);
    switch (static_cast<ap::ActivationId>(id)) {
#define AP_VCASE(T) \
  case ap::ActivationId::T: ap::T::backward_row<double>(y.data(), g.data(), gx.data(), 5); break;
      AP_VECTOR_ACTIVATIONS(AP_VCASE)
#undef AP_VCASE
      default: break;
    }
    for (std::size_t k = 0; k < 5; ++k) {
      std::vector<double> xp = x, xm = x;
      xp[k] += h;
      xm[k] -= h;
      value(xp, yp);
      value(xm, ym);
      double num = 0;
      for (std::size_t i = 0; i < 5; ++i) num += g[i] * (yp[i] - ym[i]) / (2 * h);
      CAPTURE(k);
      CHECK(gx[k] == Approx(num).margin(1e-7));
    }
    return;
  }
  for (double x = -6.05; x < 6.0; x += 0.1) {
    double fp = 0, fm = 0, y = 0, d = 0;
    switch (static_cast<ap::ActivationId>(id)) {
#define AP_CASE(T)                                          \
  case ap::ActivationId::T:                                 \
    fp = ap::T::value<double>(x + h, p.data());             \
    fm = ap::T::value<double>(x - h, p.data());             \
    y = ap::T::value<double>(x, p.data());                  \
    d = ap::T::backward<double>(x, y, 1.0, p.data());       \
    break;
      AP_ELEMENTWISE_ACTIVATIONS(AP_CASE)
#undef AP_CASE
      default: break;
    }
    CAPTURE(x);
    CHECK(d == Approx((fp - fm) / (2 * h)).margin(1e-7));
  }
}

TEST_CASE("bad arguments return clear messages instead of crashing", "[activations][errors]") {
  float x = 1.f, y = 0.f;
  CHECK(ap::activation_forward(-1, &x, &y, 1, nullptr, ap::VectorLayout{1, 1}, ap::KernelPath::scalar) == "unknown activation id -1");
  CHECK(ap::activation_forward(ap::kNumActivations, &x, &y, 1, nullptr, ap::VectorLayout{1, 1}, ap::KernelPath::scalar).find("unknown") == 0);
  const float nan_slope = kNaN;
  CHECK(ap::activation_forward(ap::find_activation("leaky_relu"), &x, &y, 1, &nan_slope, ap::VectorLayout{1, 1}, ap::KernelPath::scalar) ==
        "leaky_relu: parameter 'negative_slope' must be a finite number");
  CHECK(ap::activation_forward(ap::find_activation("softmax"), &x, &y, 5, nullptr, ap::VectorLayout{2, 1}, ap::KernelPath::scalar) ==
        "softmax: 5 elements do not split into slices of 2 with stride 1");
  auto forward1 = [&](const char* name, std::vector<float> params) {
    return ap::activation_forward(ap::find_activation(name), &x, &y, 1, params.data(), ap::VectorLayout{1, 1},
                                  ap::KernelPath::vector);
  };
  CHECK(forward1("celu", {0.f}) == "celu: parameter 'alpha' must not be 0");
  CHECK(forward1("softplus", {0.f, 20.f}) == "softplus: parameter 'beta' must not be 0");
  CHECK(forward1("hardtanh", {2.f, 1.f}) == "hardtanh: parameter 'min_val' must not be greater than 'max_val'");
  CHECK(forward1("softshrink", {-0.5f}) == "softshrink: parameter 'lambd' must be >= 0");
  CHECK(forward1("gelu", {2.f}) == "gelu: parameter 'approximate' must be 'none' or 'tanh'");
  CHECK(ap::activation_forward(ap::find_activation("relu"), nullptr, nullptr, ap::limits::kMaxElements + 1, nullptr, ap::VectorLayout{1, 1},
                               ap::KernelPath::scalar)
            .find("more than the limit") != std::string::npos);
  CHECK(ap::find_activation("nope") == -1);
  CHECK(ap::find_activation("") == -1);
  CHECK(ap::find_activation("heaviside") == ap::find_activation("step"));
  CHECK(ap::find_activation("identity") == ap::find_activation("linear"));
  CHECK(ap::find_activation("LeakyReLU") == ap::find_activation("leaky_relu"));
}

TEST_CASE("the build reports which kernels it has", "[build]") {
#if defined(__wasm_simd128__)
  CHECK(ap::simd_kernels_available());
  CHECK(std::string(ap::simd_isa()) == "wasm-simd128");
#elif defined(__EMSCRIPTEN__)
  CHECK_FALSE(ap::simd_kernels_available());
  CHECK(std::string(ap::simd_isa()) == "none");
#else
  CHECK(std::string(ap::simd_isa()) == (ap::simd_kernels_available() ? "sse2" : "none"));
#endif
  CHECK(ap::default_kernel_path() == ap::KernelPath::vector);
}
