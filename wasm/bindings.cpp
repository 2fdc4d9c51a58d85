// Embind registration only: every function forwards to core/ and converts its result.
#include <emscripten/bind.h>
#include <emscripten/stack.h>
#include <malloc.h>
#include <emscripten/version.h>

#include <cstring>
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
  val limits = val::object();
  limits.set("maxElements", static_cast<double>(ap::limits::kMaxElements));
  limits.set("chartXMin", ap::limits::kChartXMin);
  limits.set("chartXMax", ap::limits::kChartXMax);
  limits.set("chartSamples", ap::limits::kChartSamples);
  limits.set("maxModules", static_cast<double>(ap::limits::kMaxModules));
  limits.set("maxFeatures", static_cast<double>(ap::limits::kMaxFeatures));
  limits.set("maxExamples", static_cast<double>(ap::limits::kMaxExamples));
  limits.set("maxStepsPerCall", static_cast<double>(ap::limits::kMaxStepsPerCall));
  limits.set("minDatasetPoints", static_cast<double>(ap::limits::kMinDatasetPoints));
  limits.set("maxDatasetPoints", static_cast<double>(ap::limits::kMaxDatasetPoints));
  limits.set("playgroundMaxLayers", static_cast<double>(ap::limits::kPlaygroundMaxLayers));
  limits.set("playgroundMaxLayerWidth", static_cast<double>(ap::limits::kPlaygroundMaxLayerWidth));
  limits.set("playgroundMaxLearningRate", ap::limits::kPlaygroundMaxLearningRate);
  limits.set("maxClasses", static_cast<double>(ap::limits::kMaxClasses));
  limits.set("maxGrid", static_cast<double>(ap::limits::kMaxGrid));
  val defaults = val::object();
  defaults.set("learningRate", ap::limits::kDefaultLearningRate);
  defaults.set("batchSize", static_cast<double>(ap::limits::kDefaultBatchSize));
  defaults.set("noise", ap::limits::kDefaultNoise);
  defaults.set("datasetPoints", static_cast<double>(ap::limits::kDefaultDatasetPoints));
  defaults.set("trainFraction", ap::limits::kDefaultTrainFraction);
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
    return make_error(e.what());
  }
}

val backward(int id, std::uintptr_t x, std::uintptr_t gy, std::uintptr_t gx, std::size_t n, std::uintptr_t params,
             std::size_t size, std::size_t stride, int path) {
  try {
    return status_to_val(ap::activation_backward(id, as_ptr<const float>(x), as_ptr<const float>(gy),
                                                 as_ptr<float>(gx), n, as_ptr<const float>(params),
                                                 {size, stride}, to_path(path)));
  } catch (const std::exception& e) {
    return make_error(e.what());
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
  // The memcpy bound the benchmarks compare against (bench/activations.mjs).
  emscripten::function("copyFloats", emscripten::optional_override([](std::uintptr_t dst, std::uintptr_t src, std::size_t n) {
    std::memcpy(as_ptr<float>(dst), as_ptr<const float>(src), n * sizeof(float));
  }));
}
