// Float comparison against a double-precision reference, with the project's tolerance (the
// registry's kDefaultMaxUlp / kDefaultMaxAbs): equal NaN-ness, exact ±Inf, and otherwise within that
// many ulp or that far absolutely.
#pragma once
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>

#include "ap/activation_info.hpp"

namespace ap::test {

inline constexpr double kAbsTol = ap::kDefaultMaxAbs;
inline constexpr int64_t kUlpTol = ap::kDefaultMaxUlp;

/// Distance in units in the last place between two finite floats (monotone integer mapping).
inline int64_t ulp_distance(float a, float b) {
  auto key = [](float f) {
    int32_t i;
    std::memcpy(&i, &f, sizeof i);
    return i < 0 ? int64_t{INT32_MIN} - i : int64_t{i};
  };
  const int64_t d = key(a) - key(b);
  return d < 0 ? -d : d;
}

/// Within `max_ulp` ulp or `max_abs` absolutely (an activation passes its registry entry's
/// max_ulp / max_abs; other checks use the project default).
inline bool close_to_reference(float got, double ref, int64_t max_ulp = kUlpTol, double max_abs = kAbsTol) {
  if (std::isnan(ref)) return std::isnan(got);
  if (std::isinf(ref)) return got == static_cast<float>(ref);
  if (!std::isfinite(got)) return false;
  if (std::fabs(static_cast<double>(got) - ref) <= max_abs) return true;
  return ulp_distance(got, static_cast<float>(ref)) <= max_ulp;
}

}  // namespace ap::test
