#include "ap/datasets.hpp"

#include <cmath>

#include "ap/activations.hpp"
#include "ap/checks.hpp"
#include "ap/limits.hpp"
#include "ap/rng.hpp"
#include "simd_math.hpp"

namespace ap {

int find_dataset(std::string_view name) {
  for (int i = 0; i < kNumDatasets; ++i) {
    if (name == kDatasetInfo[i].name) return i;
  }
  return -1;
}

namespace {

constexpr float kPi = 3.14159265358979f;

/// sin and cos from the vector kernels (the same bits in every build).
void sin_cos(float a, float& s, float& c) {
  float lane[4];
  simd::store(lane, simd::sin_cos(simd::splat(a), 0));
  s = lane[0];
  simd::store(lane, simd::sin_cos(simd::splat(a), 1));
  c = lane[0];
}

struct Builder {
  Dataset& d;
  void add(float x, float y, float target) {
    d.x.push_back(x);
    d.x.push_back(y);
    d.y.push_back(target);
  }
};

}  // namespace

std::string make_dataset(int id, const DatasetOptions& o, Dataset& d) {
  if (id < 0 || id >= kNumDatasets) return "unknown dataset";
  if (std::string err = check_integer(static_cast<double>(o.n), "n", static_cast<double>(limits::kMinDatasetPoints),
                                      static_cast<double>(limits::kMaxDatasetPoints));
      !err.empty()) {
    return err;
  }
  if (!std::isfinite(o.noise) || o.noise < 0.f || o.noise > 1.f) return "noise must be between 0 and 1";
  const DatasetId which = static_cast<DatasetId>(id);
  if ((which == DatasetId::spirals || which == DatasetId::blobs) &&
      (o.classes < 2 || o.classes > static_cast<int>(limits::kMaxClasses))) {
    return check_integer(o.classes, "classes", 2, static_cast<double>(limits::kMaxClasses));
  }
  int f = o.function < 0 ? find_activation("tanh") : o.function;
  if (which == DatasetId::function_boundary &&
      (f >= kNumActivations || kActivationInfo[f].kind != ActivationKind::elementwise)) {
    return "function must be an elementwise activation";
  }
  d = Dataset();
  d.x.reserve(2 * o.n);
  d.y.reserve(o.n);
  Rng rng(o.seed);
  Builder b{d};
  const std::size_t n = o.n, half = n / 2;
  switch (which) {
    case DatasetId::circle: {
      // Radius 5: the inner disc r < 2.5 is class 1; labels use the noisy position.
      const float radius = 5.f;
      for (std::size_t i = 0; i < n; ++i) {
        const float r = i < half ? rng.uniform(0.f, radius * 0.5f) : rng.uniform(radius * 0.7f, radius);
        const float angle = rng.uniform(0.f, 2.f * kPi);
        float s, c;
        sin_cos(angle, s, c);
        const float x = r * s, y = r * c;
        const float nx = rng.uniform(-radius, radius) * o.noise, ny = rng.uniform(-radius, radius) * o.noise;
        b.add(x, y, std::sqrt((x + nx) * (x + nx) + (y + ny) * (y + ny)) < radius * 0.5f ? 1.f : 0.f);
      }
      break;
    }
    case DatasetId::xor_: {
      for (std::size_t i = 0; i < n; ++i) {
        float x = rng.uniform(-5.f, 5.f), y = rng.uniform(-5.f, 5.f);
        x += x > 0.f ? 0.3f : -0.3f;  // keep points off the axes
        y += y > 0.f ? 0.3f : -0.3f;
        const float nx = rng.uniform(-5.f, 5.f) * o.noise, ny = rng.uniform(-5.f, 5.f) * o.noise;
        b.add(x, y, (x + nx) * (y + ny) >= 0.f ? 1.f : 0.f);
      }
      break;
    }
    case DatasetId::gauss: {
      const float sd = std::sqrt(0.5f + 7.f * std::min(o.noise, 0.5f));  // variance 0.5 … 4 as noise 0 … 0.5
      for (std::size_t i = 0; i < n; ++i) {
        const float c = i < half ? 2.f : -2.f;
        b.add(c + sd * rng.normal(), c + sd * rng.normal(), i < half ? 1.f : 0.f);
      }
      break;
    }
    case DatasetId::spiral:
    case DatasetId::spirals: {
      const int k = which == DatasetId::spiral ? 2 : o.classes;
      const std::size_t per = n / k;
      for (int cls = 0; cls < k; ++cls) {
        const std::size_t count = cls == k - 1 ? n - per * (k - 1) : per;
        const float delta = 2.f * kPi * static_cast<float>(cls) / static_cast<float>(k);
        for (std::size_t i = 0; i < count; ++i) {
          const float frac = static_cast<float>(i) / static_cast<float>(count);
          const float r = frac * 5.f, t = 1.75f * frac * 2.f * kPi + delta;
          float s, c;
          sin_cos(t, s, c);
          const float label = which == DatasetId::spiral ? (cls == 0 ? 1.f : 0.f) : static_cast<float>(cls);
          b.add(r * s + rng.uniform(-1.f, 1.f) * o.noise, r * c + rng.uniform(-1.f, 1.f) * o.noise, label);
        }
      }
      break;
    }
    case DatasetId::blobs: {
      const float sd = 0.6f + 2.f * o.noise;
      for (std::size_t i = 0; i < n; ++i) {
        const int cls = static_cast<int>(rng.below(static_cast<uint32_t>(o.classes)));
        float s, c;
        sin_cos(2.f * kPi * static_cast<float>(cls) / static_cast<float>(o.classes), s, c);
        b.add(3.5f * c + sd * rng.normal(), 3.5f * s + sd * rng.normal(), static_cast<float>(cls));
      }
      break;
    }
    case DatasetId::function_boundary: {
      for (std::size_t i = 0; i < n; ++i) {
        const float x = rng.uniform(-5.f, 5.f), y = rng.uniform(-5.f, 5.f);
        const float nx = rng.uniform(-5.f, 5.f) * o.noise, ny = rng.uniform(-5.f, 5.f) * o.noise;
        float fx = 0.f;
        const float xn = x + nx;
        activation_forward(f, &xn, &fx, 1, nullptr, {}, KernelPath::vector);
        b.add(x, y, y + ny > fx ? 1.f : 0.f);
      }
      break;
    }
    case DatasetId::plane: {
      for (std::size_t i = 0; i < n; ++i) {
        const float x = rng.uniform(-6.f, 6.f), y = rng.uniform(-6.f, 6.f);
        const float nx = rng.uniform(-6.f, 6.f) * o.noise, ny = rng.uniform(-6.f, 6.f) * o.noise;
        b.add(x, y, std::max(-1.f, std::min(1.f, (x + nx + y + ny) / 10.f)));
      }
      break;
    }
    case DatasetId::multi_gaussian: {
      const float bumps[6][3] = {{-4, 2.5f, 1}, {0, 2.5f, -1}, {4, 2.5f, 1}, {-4, -2.5f, -1}, {0, -2.5f, 1}, {4, -2.5f, -1}};
      for (std::size_t i = 0; i < n; ++i) {
        const float x = rng.uniform(-6.f, 6.f), y = rng.uniform(-6.f, 6.f);
        const float nx = rng.uniform(-6.f, 6.f) * o.noise, ny = rng.uniform(-6.f, 6.f) * o.noise;
        float label = 0.f;
        for (const auto& g : bumps) {
          const float dx = x + nx - g[0], dy = y + ny - g[1];
          const float v = g[2] * std::max(0.f, 1.f - std::sqrt(dx * dx + dy * dy) / 2.f);  // 1 at the centre, 0 beyond 2
          if (std::fabs(v) > std::fabs(label)) label = v;
        }
        b.add(x, y, label);
      }
      break;
    }
  }
  // One seeded shuffle, so any prefix is a fair train split.
  for (std::size_t i = n; i > 1; --i) {
    const std::size_t j = rng.below(static_cast<uint32_t>(i));
    std::swap(d.x[2 * (i - 1)], d.x[2 * j]);
    std::swap(d.x[2 * (i - 1) + 1], d.x[2 * j + 1]);
    std::swap(d.y[i - 1], d.y[j]);
  }
  d.n = n;
  const std::string task = kDatasetInfo[id].task;
  d.classes = task == "regression" ? 0 : (task == "multiclass" ? o.classes : 2);
  return {};
}

std::string check_features(const FeatureList& f) {
  if (f.count < 1) return "choose at least one of the input features";
  if (f.count > limits::kMaxInputFeatures) {
    return "at most " + std::to_string(limits::kMaxInputFeatures) + " input features";
  }
  for (int c = 0; c < f.count; ++c) {
    if (f.ids[c] < 0 || f.ids[c] >= kNumFeatures) return "unknown input feature " + std::to_string(f.ids[c]);
  }
  return {};
}

namespace {
/// The features f of four points (x1 = a, x2 = b), in f's order, into cols[c][0..4); sin through the
/// vector kernel.
void feature_block(simd::V4 a, simd::V4 b, const FeatureList& f, float (*cols)[4]) {
  for (int c = 0; c < f.count; ++c) {
    simd::V4 v = a;
    switch (f.ids[c]) {
      case 1: v = b; break;
      case 2: v = a * a; break;
      case 3: v = b * b; break;
      case 4: v = a * b; break;
      case 5: v = simd::sin_cos(a, 0); break;
      case 6: v = simd::sin_cos(b, 0); break;
      default: break;
    }
    simd::store(cols[c], v);
  }
}
}  // namespace

std::string apply_features(const float* p, std::size_t n, const FeatureList& f, float* out) {
  if (std::string err = check_features(f); !err.empty()) return err;
  const auto k = static_cast<std::size_t>(f.count);
  for (std::size_t r = 0; r < n; r += 4) {
    const std::size_t rows = n - r < 4 ? n - r : 4;
    float xa[4] = {0, 0, 0, 0}, xb[4] = {0, 0, 0, 0};
    for (std::size_t j = 0; j < rows; ++j) {
      xa[j] = p[2 * (r + j)];
      xb[j] = p[2 * (r + j) + 1];
    }
    float cols[limits::kMaxInputFeatures][4];
    feature_block(simd::load(xa), simd::load(xb), f, cols);
    for (std::size_t j = 0; j < rows; ++j)
      for (std::size_t c = 0; c < k; ++c) out[(r + j) * k + c] = cols[c][j];
  }
  return {};
}

std::string apply_features_planes(const float* planes, std::size_t n, const FeatureList& f, float* out) {
  if (std::string err = check_features(f); !err.empty()) return err;
  for (std::size_t r = 0; r < n; r += 4) {
    const std::size_t rows = n - r < 4 ? n - r : 4;
    float xa[4] = {0, 0, 0, 0}, xb[4] = {0, 0, 0, 0};
    simd::copy_short(planes + r, rows, xa);
    simd::copy_short(planes + n + r, rows, xb);
    float cols[limits::kMaxInputFeatures][4];
    feature_block(simd::load(xa), simd::load(xb), f, cols);
    for (int c = 0; c < f.count; ++c) simd::copy_short(cols[c], rows, out + static_cast<std::size_t>(c) * n + r);
  }
  return {};
}

std::string grid_planes(std::size_t g, const float box[4], std::vector<float>& out) {
  if (std::string err = check_integer(static_cast<double>(g), "n", 2, static_cast<double>(limits::kMaxGrid)); !err.empty()) return err;
  for (int i = 0; i < 4; ++i) {
    if (!std::isfinite(box[i])) return "the grid box must be finite";
  }
  if (!(box[1] > box[0]) || !(box[3] > box[2])) return "the grid box must be [x0, x1, y0, y1] with x0 < x1 and y0 < y1";
  const std::size_t n = g * g;
  out.resize(2 * n);
  const float dx = (box[1] - box[0]) / static_cast<float>(g - 1), dy = (box[3] - box[2]) / static_cast<float>(g - 1);
  for (std::size_t r = 0; r < g; ++r) {
    const float y = box[3] - dy * static_cast<float>(r);
    for (std::size_t c = 0; c < g; ++c) {
      out[r * g + c] = box[0] + dx * static_cast<float>(c);
      out[n + r * g + c] = y;
    }
  }
  return {};
}

}  // namespace ap
