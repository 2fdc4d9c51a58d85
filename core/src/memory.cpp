#include "ap/memory.hpp"

#include <malloc.h>

#include <cstdio>

#include "ap/limits.hpp"

namespace ap {

double memory_in_use() {
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 33)
  return static_cast<double>(mallinfo2().uordblks);
#else
  return static_cast<double>(mallinfo().uordblks);
#endif
}

namespace {

std::string format_bytes(double bytes) {
  const char* units[] = {"bytes", "KiB", "MiB", "GiB", "TiB"};
  int u = 0;
  while (bytes >= 1024.0 && u < 4) {
    bytes /= 1024.0;
    ++u;
  }
  char buf[48];
  std::snprintf(buf, sizeof buf, u == 0 ? "%.0f %s" : "%.3g %s", bytes, units[u]);
  return buf;
}

}  // namespace

std::string check_memory(double bytes, std::string_view what) {
  const double limit = static_cast<double>(limits::kMaxMemoryBytes), used = memory_in_use();
  if (bytes <= limit - used) return {};
  return std::string(what) + " needs " + format_bytes(bytes) + " of memory; the module has at most " + format_bytes(limit) +
         " (" + format_bytes(used) + " in use)";
}

}  // namespace ap
