// The dense-layer kernels (core/src/dense.hpp) against sums in double, for every kernel shape:
// input widths with their own kernels (1, 2, 4, 8), generic small widths, and the large-layer path,
// with batches that leave tail rows, accumulating into non-zero gradients.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

#include "dense.hpp"

namespace {

std::vector<float> spread(std::size_t n, uint32_t seed) {
  std::vector<float> v(n);
  uint32_t s = seed * 2654435761u + 1;
  for (float& f : v) {
    s ^= s << 13;
    s ^= s >> 17;
    s ^= s << 5;
    f = static_cast<float>(s % 2001) / 1000.f - 1.f;
  }
  return v;
}

/// |got − want| within 1e-5 of the sum of the magnitudes that went into `want`.
void check_sum(float got, double want, double magnitude) {
  CAPTURE(got, want);
  CHECK(std::fabs(got - want) <= 1e-5 * (magnitude + 1e-30));
}

}  // namespace

TEST_CASE("dense forward and backward agree with sums in double for every kernel shape", "[dense]") {
  const std::size_t shapes[][2] = {{1, 8}, {1, 3}, {2, 8}, {2, 5}, {4, 4}, {4, 7}, {8, 8}, {8, 1},
                                   {3, 5}, {16, 7}, {5, 64}, {64, 16}, {70, 9}, {9, 130}};
  for (const auto& shape : shapes) {
    const std::size_t in = shape[0], out = shape[1];
    for (std::size_t n : {1, 2, 3, 4, 5, 10, 17}) {
      CAPTURE(in, out, n);
      const std::vector<float> x = spread(n * in, 1), w = spread(out * in, 2), b = spread(out, 3), gy = spread(n * out, 4);
      std::vector<float> y(n * out), gw = spread(out * in, 5), gb = spread(out, 6), gx(n * in, -7.f);
      const std::vector<float> gw0 = gw, gb0 = gb;
      ap::detail::dense_forward(x.data(), n, in, w.data(), b.data(), out, y.data());
      ap::detail::dense_backward(x.data(), gy.data(), n, in, w.data(), out, gw.data(), gb.data(), gx.data());
      for (std::size_t r = 0; r < n; ++r) {
        for (std::size_t o = 0; o < out; ++o) {
          double s = b[o], m = std::fabs(b[o]);
          for (std::size_t i = 0; i < in; ++i) {
            s += static_cast<double>(x[r * in + i]) * w[o * in + i];
            m += std::fabs(static_cast<double>(x[r * in + i]) * w[o * in + i]);
          }
          check_sum(y[r * out + o], s, m);
        }
        for (std::size_t i = 0; i < in; ++i) {
          double s = 0, m = 0;
          for (std::size_t o = 0; o < out; ++o) {
            s += static_cast<double>(gy[r * out + o]) * w[o * in + i];
            m += std::fabs(static_cast<double>(gy[r * out + o]) * w[o * in + i]);
          }
          check_sum(gx[r * in + i], s, m);
        }
      }
      for (std::size_t o = 0; o < out; ++o) {
        double sb = gb0[o], mb = std::fabs(gb0[o]);
        for (std::size_t r = 0; r < n; ++r) {
          sb += gy[r * out + o];
          mb += std::fabs(gy[r * out + o]);
        }
        check_sum(gb[o], sb, mb);
        for (std::size_t i = 0; i < in; ++i) {
          double s = gw0[o * in + i], m = std::fabs(gw0[o * in + i]);
          for (std::size_t r = 0; r < n; ++r) {
            s += static_cast<double>(gy[r * out + o]) * x[r * in + i];
            m += std::fabs(static_cast<double>(gy[r * out + o]) * x[r * in + i]);
          }
          check_sum(gw[o * in + i], s, m);
        }
      }
      // Without gx and gb (a first layer without bias) the weight gradient is the same.
      std::vector<float> gw2 = gw0;
      ap::detail::dense_backward(x.data(), gy.data(), n, in, w.data(), out, gw2.data(), nullptr, nullptr);
      CHECK(gw2 == gw);
    }
  }
}
