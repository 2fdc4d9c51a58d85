// Embind registration only: every function forwards to core/ and converts its result.
#include <emscripten/bind.h>
#include <emscripten/stack.h>
#include <malloc.h>
#include <emscripten/version.h>

#include <exception>
#include <string>

#include "ap/activations.hpp"
#include "ap/limits.hpp"
#include "convert.hpp"

using emscripten::val;
using namespace ap::wasm;

namespace {

val list_activations() {
  val out = val::array();
  for (int i = 0; i < ap::kNumActivations; ++i) {
    const ap::ActivationInfo& a = ap::kActivationInfo[i];
    val params = val::array();
    for (int k = 0; k < a.num_params; ++k) {
      val p = val::object();
      p.set("name", std::string(a.params[k].name));
      p.set("default", a.params[k].default_value);
      p.set("doc", std::string(a.params[k].doc));
      p.set("required", a.params[k].required);
      p.set("learnable", a.params[k].learnable);
      if (a.params[k].choices) p.set("choices", std::string(a.params[k].choices));
      params.call<void>("push", p);
    }
    val entry = val::object();
    entry.set("id", i);
    entry.set("name", std::string(a.name));
    entry.set("module", std::string(a.module));
    entry.set("aliases", std::string(a.aliases));
    entry.set("kind", std::string(a.kind == ap::ActivationKind::vector ? "vector" : "elementwise"));
    entry.set("formula", std::string(a.formula));
    entry.set("derivative", std::string(a.derivative));
    entry.set("range", std::string(a.range));
    val tolerance = val::object();
    tolerance.set("ulp", a.max_ulp);
    tolerance.set("abs", a.max_abs);
    entry.set("tolerance", tolerance);
    entry.set("notes", std::string(a.notes));
    entry.set("params", params);
    if (a.pytorch) entry.set("pytorch", std::string(a.pytorch));
    entry.set("torchModule", a.torch_module);
    out.call<void>("push", entry);
  }
  return out;
}

val build_info() {
  val info = val::object();
  info.set("simd", ap::simd_kernels_available());
  info.set("isa", std::string(ap::simd_isa()));
  info.set("emscripten", std::to_string(__EMSCRIPTEN_major__) + "." + std::to_string(__EMSCRIPTEN_minor__) + "." +
                             std::to_string(__EMSCRIPTEN_tiny__));
  val limits = val::object(), defaults = val::object();
#define AP_EXPORT_LIMIT(name, type, value, js, doc) limits.set(#js, static_cast<double>(ap::limits::name));
  AP_LIMITS(AP_EXPORT_LIMIT)
#undef AP_EXPORT_LIMIT
#define AP_EXPORT_DEFAULT(name, type, value, js, doc) defaults.set(#js, static_cast<double>(ap::limits::name));
  AP_DEFAULTS(AP_EXPORT_DEFAULT)
#undef AP_EXPORT_DEFAULT
  info.set("defaults", defaults);
  info.set("limits", limits);
  return info;
}

ap::KernelPath to_path(int path) { return path == 0 ? ap::KernelPath::scalar : ap::KernelPath::vector; }

val forward(int id, std::uintptr_t x, std::uintptr_t y, std::size_t n, std::uintptr_t params, std::size_t size,
            std::size_t stride, int path) {
  try {
    return status_to_val(ap::activation_forward(id, as_ptr<const float>(x), as_ptr<float>(y), n,
                                                as_ptr<const float>(params), {size, stride}, to_path(path)));
  } catch (const std::exception& e) {
    return error_from(e);
  }
}

val backward(int id, std::uintptr_t x, std::uintptr_t gy, std::uintptr_t gx, std::size_t n, std::uintptr_t params,
             std::size_t size, std::size_t stride, int path) {
  try {
    return status_to_val(ap::activation_backward(id, as_ptr<const float>(x), as_ptr<const float>(gy),
                                                 as_ptr<float>(gx), n, as_ptr<const float>(params),
                                                 {size, stride}, to_path(path)));
  } catch (const std::exception& e) {
    return error_from(e);
  }
}

int find_activation(const std::string& name) { return ap::find_activation(name); }

val memory_stats() {
  val stats = val::object();
  stats.set("heapInUse", static_cast<double>(mallinfo().uordblks));
  stats.set("stackPointer", static_cast<double>(emscripten_stack_get_current()));
  return stats;
}

}  // namespace

EMSCRIPTEN_BINDINGS(activation_playground) {
  emscripten::function("listActivations", &list_activations);
  emscripten::function("buildInfo", &build_info);
  emscripten::function("findActivation", &find_activation);
  emscripten::function("forward", &forward);
  emscripten::function("backward", &backward);
  emscripten::function("memoryStats", &memory_stats);
}
