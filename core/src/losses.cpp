#include "ap/training.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "ap/activation_registry.hpp"
#include "simd_math.hpp"

namespace ap {

int find_loss(std::string_view name) {
  for (int i = 0; i < kNumLosses; ++i) {
    if (name == kLossInfo[i].name) return i;
  }
  return -1;
}

std::string parse_reduction(std::string_view name, Reduction& out) {
  std::string accepted;
  for (int i = 0; i < kNumReductions; ++i) {
    if (name == kReductionNames[i]) {
      out = static_cast<Reduction>(i);
      return {};
    }
    accepted += std::string(i ? ", '" : "'") + kReductionNames[i] + "'";
  }
  return "reduction must be one of " + accepted + " (got '" + std::string(name) + "')";
}

std::string loss_forward_backward(Loss loss, const float* y, const float* t, std::size_t n, std::size_t c,
                                  float* grad, double& value, Reduction reduction, float* elements) {
  const std::size_t numel = n * c;
  value = 0.0;
  if (numel == 0) return "the loss of an empty batch is undefined";
  const std::string name = kLossInfo[static_cast<int>(loss)].name;
  // mean divides the sum (and every gradient) by the number of loss elements; sum and none do not.
  const bool mean = reduction == Reduction::mean;
  const std::size_t count = loss == Loss::cross_entropy ? n : numel;
  const float inv_count = mean ? 1.f / static_cast<float>(count) : 1.f;
  double sum = 0.0;
  switch (loss) {
    case Loss::mse_loss:
    case Loss::half_mse: {
      // loss_i = (y − t)² (half: (y − t)² / 2); PyTorch's mean grad = (2 / numel)·(y − t), half: (1 / numel)·(y − t).
      const double factor = loss == Loss::mse_loss ? 2.0 : 1.0;
      const float norm = static_cast<float>(mean ? factor / static_cast<double>(numel) : factor);
      const float half = loss == Loss::mse_loss ? 1.f : 0.5f;
      for (std::size_t i = 0; i < numel; ++i) {
        const float d = y[i] - t[i];
        sum += static_cast<double>(d * d);
        if (elements) elements[i] = half * (d * d);
        if (grad) grad[i] = norm * d;
      }
      sum *= half;
      break;
    }
    case Loss::binary_cross_entropy: {
      // loss_i = (t − 1)·max(log1p(−y), −100) − t·max(log y, −100);
      // grad_i = (y − t) / max((1 − y)·y, 1e-12) (/ numel for mean).
      const float denom = mean ? static_cast<float>(numel) : 1.f;
      for (std::size_t i = 0; i < numel; ++i) {
        if (!(y[i] >= 0.f && y[i] <= 1.f)) {
          return name + ": inputs must be probabilities in [0, 1] (got " + std::to_string(y[i]) + " at " +
                 std::to_string(i) + "); use binary_cross_entropy_with_logits for raw outputs";
        }
        const float l = (t[i] - 1.f) * std::max(std::log1p(-y[i]), -100.f) - t[i] * std::max(std::log(y[i]), -100.f);
        sum += l;
        if (elements) elements[i] = l;
        if (grad) grad[i] = ((y[i] - t[i]) / std::max((1.f - y[i]) * y[i], 1e-12f)) / denom;
      }
      break;
    }
    case Loss::binary_cross_entropy_with_logits: {
      // loss_i = (1 − t)·z + m + log(e^−m + e^(−z−m)), m = max(−z, 0);  grad_i = σ(z) − t (/ numel for mean).
      const float denom = mean ? static_cast<float>(numel) : 1.f;
      for (std::size_t i = 0; i < numel; ++i) {
        const float z = y[i];
        const float m = std::max(-z, 0.f);
        const float l = (1.f - t[i]) * z + m + std::log(std::exp(-m) + std::exp(-z - m));
        sum += l;
        if (elements) elements[i] = l;
        if (grad) grad[i] = (stable_sigmoid(z) - t[i]) / denom;
      }
      break;
    }
    case Loss::cross_entropy: {
      // loss_r = −log_softmax(z_r)[t_r]; grad = g − e^{logp}·Σg with g = −1 (−1/n for mean) at the target.
      if (c < 1) return name + ": needs at least one output";
      std::vector<float> logp(c);
      const float g = -inv_count;
      for (std::size_t r = 0; r < n; ++r) {
        const float tf = t[r];
        if (!(tf >= 0.f && tf < static_cast<float>(c)) || tf != std::floor(tf)) {
          return name + ": target " + std::to_string(tf) + " at " + std::to_string(r) + " is not a class index in [0, " +
                 std::to_string(c) + ")";
        }
        const std::size_t k = static_cast<std::size_t>(tf);
        LogSoftmax::value_row<float>(y + r * c, logp.data(), c);
        sum -= logp[k];
        if (elements) elements[r] = -logp[k];
        if (grad) {
          for (std::size_t j = 0; j < c; ++j) grad[r * c + j] = (j == k ? g : 0.f) - std::exp(logp[j]) * g;
        }
      }
      break;
    }
  }
  value = mean ? sum / static_cast<double>(count) : sum;
  return {};
}

}  // namespace ap
