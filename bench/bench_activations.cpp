// Native side of the W4 activation benchmark: out-of-place kernels over 2^20 floats U(-4, 4).
// Prints one JSON object per line: {"name", "elementsPerSecond"} (median of the repeats).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <random>
#include <vector>

#include "ap/activations.hpp"

namespace {

template <class Fn>
double median_seconds(int repeats, int inner, Fn fn) {
  std::vector<double> t;
  for (int r = 0; r < repeats; ++r) {
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < inner; ++i) fn();
    t.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() / inner);
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  const bool quick = argc > 1 && std::strcmp(argv[1], "--quick") == 0;
  const std::size_t n = std::size_t{1} << 20;
  const int repeats = quick ? 3 : 7, inner = quick ? 3 : 20;
  std::vector<float> x(n), y(n);
  std::mt19937 rng(42);
  std::uniform_real_distribution<float> dist(-4.f, 4.f);
  for (float& v : x) v = dist(rng);
  const float gelu_tanh = 1.f;
  struct Case { const char* label; const char* name; const float* params; };
  const Case cases[] = {{"relu", "relu", nullptr}, {"sigmoid", "sigmoid", nullptr}, {"tanh", "tanh", nullptr},
                        {"gelu_tanh", "gelu", &gelu_tanh}};
  for (const Case& c : cases) {
    const int id = ap::find_activation(c.name);
    const double s = median_seconds(repeats, inner, [&] {
      ap::activation_forward(id, x.data(), y.data(), n, c.params, {}, ap::KernelPath::vector);
    });
    std::printf("{\"name\":\"%s\",\"elementsPerSecond\":%.6g}\n", c.label, n / s);
  }
  const double s = median_seconds(repeats, inner, [&] { std::memcpy(y.data(), x.data(), n * sizeof(float)); });
  std::printf("{\"name\":\"memcpy\",\"elementsPerSecond\":%.6g}\n", n / s);
  return y[n / 2] == 12345.f;  // keeps y alive
}
