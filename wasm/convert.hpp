// Type adapters between the core's C++ types and JS values. The only checks here are what a
// conversion needs: a JS number becomes a count or a seed only after the core's check_integer
// (ap/checks.hpp) with the core's limit for it, since the cast needs the range; the core applies the
// same check for its native callers, so both give the same message.
#pragma once
#include <emscripten/val.h>

#include <cstdint>
#include <exception>
#include <new>
#include <string>

namespace ap::wasm {

/// A JS Error to be *returned* (not thrown): exceptions crossing wasm→JS leak in Emscripten 3.1.6.
inline emscripten::val make_error(const std::string& message) {
  return emscripten::val::global("Error").new_(message);
}

/// An allocation the browser refused (WASM memory could not grow), or another C++ exception, as an Error.
inline emscripten::val error_from(const std::exception& e) {
  if (dynamic_cast<const std::bad_alloc*>(&e)) {
    return make_error("out of memory: the browser would not give WebAssembly more memory for this request");
  }
  return make_error(e.what());
}

/// "" → undefined, anything else → Error(message).
inline emscripten::val status_to_val(const std::string& message) {
  return message.empty() ? emscripten::val::undefined() : make_error(message);
}

template <class T>
inline T* as_ptr(std::uintptr_t p) {
  return reinterpret_cast<T*>(p);
}

}  // namespace ap::wasm

// ---- plain JS objects → core option structs ----------------------------------------------------
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "ap/checks.hpp"
#include "ap/limits.hpp"

#include "ap/datasets.hpp"
#include "ap/model.hpp"
#include "ap/training.hpp"

namespace ap::wasm {

using ap::check_integer;  // the core's rule for counts and seeds (ap/checks.hpp)
using ap::kMaxSeed;

/// obj[key] as a number, `fallback` when absent; sets err when present but not a finite number.
inline double number_field(const emscripten::val& obj, const char* key, double fallback, std::string& err) {
  const emscripten::val v = obj[key];
  if (v.isUndefined() || v.isNull()) return fallback;
  if (v.typeOf().as<std::string>() != "number" || !std::isfinite(v.as<double>())) {
    if (err.empty()) err = std::string("'") + key + "' must be a finite number";
    return fallback;
  }
  return v.as<double>();
}

/// obj[key] as a boolean, `fallback` when absent; sets err when present but not true or false.
inline bool bool_field(const emscripten::val& obj, const char* key, bool fallback, std::string& err) {
  const emscripten::val v = obj[key];
  if (v.isUndefined() || v.isNull()) return fallback;
  if (!v.isTrue() && !v.isFalse()) {
    if (err.empty()) err = std::string("'") + key + "' must be true or false (got " + v.typeOf().as<std::string>() + ")";
    return fallback;
  }
  return v.isTrue();
}


/// obj[key] as an integer in [lo, hi], `fallback` when absent; sets err (the first problem) otherwise.
inline double integer_field(const emscripten::val& obj, const char* key, double fallback, double lo, double hi,
                            std::string& err) {
  const double v = number_field(obj, key, fallback, err);
  if (!err.empty()) return fallback;
  if (std::string e = check_integer(v, key, lo, hi); !e.empty()) {
    err = e;
    return fallback;
  }
  return v;
}

/// [{kind: 'linear', in, out, bias?} | {kind: 'activation', id, params: [..]}] → ModuleSpecs.
inline std::string to_module_specs(const emscripten::val& list, std::vector<ModuleSpec>& out) {
  if (!list.isArray()) return "the model spec must be an array of modules";
  const unsigned n = list["length"].as<unsigned>();
  if (n > limits::kMaxModules) return std::to_string(n) + " modules is more than the limit of " + std::to_string(limits::kMaxModules);
  std::string err;
  const double max_features = static_cast<double>(limits::kMaxFeatures);
  for (unsigned i = 0; i < n; ++i) {
    const emscripten::val m = list[i];
    ModuleSpec s;
    const std::string kind = m["kind"].isString() ? m["kind"].as<std::string>() : "";
    if (kind == "linear") {
      s.kind = ModuleSpec::Kind::linear;
      s.in = static_cast<std::size_t>(integer_field(m, "in", 0, 0, max_features, err));
      s.out = static_cast<std::size_t>(integer_field(m, "out", 0, 0, max_features, err));
      s.bias = bool_field(m, "bias", true, err);
    } else if (kind == "activation") {
      s.kind = ModuleSpec::Kind::activation;
      s.activation = static_cast<int>(integer_field(m, "id", -1, -1, kNumActivations - 1, err));
      const emscripten::val p = m["params"];
      const int count = p.isArray() ? std::min(p["length"].as<int>(), kMaxParams) : 0;
      for (int k = 0; k < count; ++k) s.params[k] = static_cast<float>(number_field(p, std::to_string(k).c_str(), 0, err));
    } else {
      return "module " + std::to_string(i) + ": kind must be 'linear' or 'activation'";
    }
    if (!err.empty()) return "module " + std::to_string(i) + ": " + err;
    out.push_back(s);
  }
  return {};
}

inline std::string to_optimizer_options(const emscripten::val& o, OptimizerOptions& out) {
  std::string err;
  const std::string kind = o["kind"].isString() ? o["kind"].as<std::string>() : "sgd";
  if (kind != "sgd" && kind != "adam") return "optimizer kind must be 'sgd' or 'adam'";
  // Every default is the core's (OptimizerOptions::defaults); only the ranges of counts are checked here.
  const OptimizerOptions d = OptimizerOptions::defaults(kind == "adam" ? OptimizerOptions::Kind::adam : OptimizerOptions::Kind::sgd);
  out = d;
  out.lr = static_cast<float>(number_field(o, "lr", d.lr, err));
  out.momentum = static_cast<float>(number_field(o, "momentum", d.momentum, err));
  out.dampening = static_cast<float>(number_field(o, "dampening", d.dampening, err));
  out.weight_decay = static_cast<float>(number_field(o, "weight_decay", d.weight_decay, err));
  out.nesterov = bool_field(o, "nesterov", d.nesterov, err);
  out.beta1 = static_cast<float>(number_field(o, "beta1", d.beta1, err));
  out.beta2 = static_cast<float>(number_field(o, "beta2", d.beta2, err));
  out.eps = static_cast<float>(number_field(o, "eps", d.eps, err));
  out.regularization = static_cast<int>(integer_field(o, "regularization", d.regularization, 0, 2, err));
  out.regularization_rate = static_cast<float>(number_field(o, "regularization_rate", d.regularization_rate, err));
  return err;
}

inline std::string to_train_options(const emscripten::val& o, TrainOptions& out) {
  std::string err;
  const double max_steps = static_cast<double>(limits::kMaxStepsPerCall);
  const TrainOptions d;  // the core's defaults
  out.loss = static_cast<Loss>(integer_field(o, "loss", static_cast<double>(d.loss), 0, kNumLosses - 1, err));
  if (!o["batch_size"].isUndefined()) {
    out.batch_size = static_cast<std::size_t>(integer_field(o, "batch_size", 0, 0, static_cast<double>(limits::kMaxExamples), err));
  }
  out.steps = static_cast<std::size_t>(integer_field(o, "steps", static_cast<double>(d.steps), 0, max_steps, err));
  out.epochs = static_cast<std::size_t>(integer_field(o, "epochs", static_cast<double>(d.epochs), 0, max_steps, err));
  out.shuffle = bool_field(o, "shuffle", d.shuffle, err);
  out.seed = static_cast<uint64_t>(integer_field(o, "seed", static_cast<double>(d.seed), 0, kMaxSeed, err));
  return err;
}

inline std::string to_dataset_options(const emscripten::val& o, DatasetOptions& out) {
  std::string err;
  // Ranges checked before any cast; the defaults are DatasetOptions' own.
  out.n = static_cast<std::size_t>(integer_field(o, "n", static_cast<double>(out.n), static_cast<double>(limits::kMinDatasetPoints),
                                                 static_cast<double>(limits::kMaxDatasetPoints), err));
  out.noise = static_cast<float>(number_field(o, "noise", out.noise, err));
  out.seed = static_cast<uint64_t>(integer_field(o, "seed", static_cast<double>(out.seed), 0, kMaxSeed, err));
  out.classes = static_cast<int>(integer_field(o, "classes", out.classes, 2, static_cast<double>(limits::kMaxClasses), err));
  out.function = static_cast<int>(integer_field(o, "function", out.function, -1, kNumActivations - 1, err));
  return err;
}

/// An array of feature indices → FeatureList (the core checks them); undefined keeps the default.
inline std::string to_feature_list(const emscripten::val& v, FeatureList& out) {
  if (v.isUndefined() || v.isNull()) return {};
  if (!v.isArray()) return "features must be an array";
  const unsigned n = v["length"].as<unsigned>();
  if (n > static_cast<unsigned>(limits::kMaxInputFeatures)) {
    return "at most " + std::to_string(limits::kMaxInputFeatures) + " input features";
  }
  out.count = static_cast<int>(n);
  for (unsigned c = 0; c < n; ++c) out.ids[c] = v[c].isNumber() ? v[c].as<int>() : -1;
  return {};
}

/// A Float32Array copy of a float range.
inline emscripten::val float_array(const float* p, std::size_t n) {
  return emscripten::val(emscripten::typed_memory_view(n, p)).call<emscripten::val>("slice");
}

}  // namespace ap::wasm
