#include "ap/memory.hpp"

#include <malloc.h>

#include <cstdio>
#include <cstdlib>

#include "ap/barriers.hpp"
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
  if (bytes > limit - used) {
    return std::string(what) + " needs " + format_bytes(bytes) + " of memory; the module has at most " + format_bytes(limit) +
           " (" + format_bytes(used) + " in use)";
  }
#ifdef __EMSCRIPTEN__
  // A browser may refuse to grow WebAssembly memory well below the maximum (phones). The core is
  // built without exceptions, so an allocation failing halfway would leak what was built before
  // it: ask for the whole amount once, up front (growing memory, which stays grown), and give it back.
  if (bytes > 0) {
    // opaque: LLVM deletes a malloc whose block is only freed, and the probe with it.
    void* probe = barrier::opaque(std::malloc(static_cast<std::size_t>(bytes)));
    if (!probe) {
      return "out of memory: " + std::string(what) + " needs " + format_bytes(bytes) +
             " of memory, more than the browser would give WebAssembly (" + format_bytes(used) + " in use)";
    }
    std::free(probe);
  }
#endif
  return {};
}

}  // namespace ap
