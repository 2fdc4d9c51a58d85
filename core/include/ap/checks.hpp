// The check of a count or seed that arrives as a number (from JavaScript, a fuzzer, a test): one
// rule and one message, used by the core's own validation and by the bindings before they cast.
#pragma once
#include <cmath>
#include <cstdio>
#include <string>

namespace ap {

/// Seeds are integers a double holds exactly: 0 … 2^53.
inline constexpr double kMaxSeed = 9007199254740992.0;

/// v as the shortest text that reads back as v ("1.5", "1e+300", "nan").
inline std::string format_number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

/// "" if v is an integer in [lo, hi] (so casting it to an integer type is exact), else
/// "'<what>' must be an integer between <lo> and <hi> (got <v>)".
inline std::string check_integer(double v, const char* what, double lo, double hi) {
  if (v == std::floor(v) && v >= lo && v <= hi) return {};  // false for NaN and ±Inf
  return std::string("'") + what + "' must be an integer between " + format_number(lo) + " and " + format_number(hi) +
         " (got " + format_number(v) + ")";
}

}  // namespace ap
