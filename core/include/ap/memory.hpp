// The memory budget: requests that would take the module past its maximum memory are refused up
// front, with how much they needed, instead of failing halfway through an allocation.
#pragma once
#include <string>
#include <string_view>

namespace ap {

/// Bytes the allocator has handed out and not yet taken back.
double memory_in_use();

/// "" if `bytes` more fit under limits::kMaxMemoryBytes besides what is in use, else a message:
/// "<what> needs 3.1 GiB of memory; the module has at most 2 GiB (12 MiB in use)".
/// In WASM it also allocates and frees `bytes` once (memory grows for good), since a browser may
/// refuse to grow it well below the maximum: "out of memory: <what> needs 244 MiB of memory, more
/// than the browser would give WebAssembly (2 MiB in use)".
std::string check_memory(double bytes, std::string_view what);

}  // namespace ap
