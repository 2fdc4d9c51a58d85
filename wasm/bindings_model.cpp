// Embind registration of the MLP engine: sessions by integer handle, datasets, losses, grids.
// Only type conversion and handle lookup here; everything else is core/.
#include <emscripten/bind.h>

#include <exception>
#include <map>
#include <memory>
#include <string>

#include "ap/limits.hpp"
#include "ap/session.hpp"
#include "convert.hpp"

using emscripten::val;
using namespace ap::wasm;

namespace {

std::map<int, std::unique_ptr<ap::Session>> g_sessions;
int g_next_id = 1;

ap::Session* session(int id) {
  const auto it = g_sessions.find(id);
  return it == g_sessions.end() ? nullptr : it->second.get();
}
constexpr double kMaxExamples = static_cast<double>(ap::limits::kMaxExamples);

val no_session(int id) { return make_error("no model with handle " + std::to_string(id) + " (disposed?)"); }

/// Runs fn(session) with C++ exceptions (e.g. bad_alloc) turned into returned Errors.
template <class Fn>
val with_session(int id, Fn fn) {
  ap::Session* s = session(id);
  if (!s) return no_session(id);
  try {
    return fn(*s);
  } catch (const std::exception& e) {
    return error_from(e);
  }
}

/// [{module, ptr, width}] for every module; data(k) gives module k's output buffer.
template <class Data>
val module_outputs(const ap::Model& m, Data data) {
  val out = val::array();
  for (std::size_t k = 0; k < m.modules().size(); ++k) {
    val o = val::object();
    o.set("module", static_cast<double>(k));
    o.set("ptr", reinterpret_cast<std::uintptr_t>(data(k)));
    o.set("width", static_cast<double>(m.width_after(k)));
    out.call<void>("push", o);
  }
  return out;
}

val session_create(val spec) {
  std::vector<ap::ModuleSpec> specs;
  if (std::string err = to_module_specs(spec, specs); !err.empty()) return make_error(err);
  try {
    auto s = std::make_unique<ap::Session>();
    if (std::string err = ap::Model::build(specs, s->model); !err.empty()) return make_error(err);
    const int id = g_next_id++;
    g_sessions[id] = std::move(s);
    return val(id);
  } catch (const std::exception& e) {
    return error_from(e);
  }
}

void session_dispose(int id) { g_sessions.erase(id); }

val session_init(int id, int scheme, double seed) {
  return with_session(id, [&](ap::Session& s) {
    if (scheme < 0 || scheme >= ap::kNumInits) return make_error("unknown initialisation");
    if (std::string err = check_integer(seed, "seed", 0, kMaxSeed); !err.empty()) return make_error(err);
    s.model.init(static_cast<ap::Init>(scheme), static_cast<uint64_t>(seed));
    return val::undefined();
  });
}

val session_parameters(int id) {
  return with_session(id, [&](ap::Session& s) {
    val out = val::array();
    for (ap::Parameter& p : s.model.parameters()) {
      val o = val::object();
      o.set("name", p.name);
      val shape = val::array();
      for (std::size_t d : p.shape) shape.call<void>("push", static_cast<double>(d));
      o.set("shape", shape);
      o.set("ptr", reinterpret_cast<std::uintptr_t>(p.value.data()));
      o.set("gradPtr", reinterpret_cast<std::uintptr_t>(p.grad.data()));
      o.set("length", static_cast<double>(p.value.size()));
      out.call<void>("push", o);
    }
    return out;
  });
}

val session_forward(int id, std::uintptr_t x, double n) {
  return with_session(id, [&](ap::Session& s) {
    if (std::string err = check_integer(n, "n", 0, kMaxExamples); !err.empty()) return make_error(err);
    if (std::string err = s.model.check_batch(static_cast<std::size_t>(n)); !err.empty()) return make_error(err);
    const float* y = s.model.forward(as_ptr<const float>(x), static_cast<std::size_t>(n));
    val o = val::object();
    o.set("ptr", reinterpret_cast<std::uintptr_t>(y));
    o.set("width", static_cast<double>(s.model.output_size()));
    o.set("modules", module_outputs(s.model, [&](std::size_t k) { return s.model.module_output(k); }));
    return o;
  });
}

val session_backward(int id, std::uintptr_t grad_output) {
  return with_session(id, [&](ap::Session& s) {
    s.model.backward(as_ptr<const float>(grad_output));
    return val::undefined();
  });
}

val session_set_optimizer(int id, val options) {
  return with_session(id, [&](ap::Session& s) {
    ap::OptimizerOptions o;
    if (std::string err = to_optimizer_options(options, o); !err.empty()) return make_error(err);
    return status_to_val(ap::set_optimizer(s, o));
  });
}

val session_set_lr(int id, double lr) {
  return with_session(id, [&](ap::Session& s) {
    return status_to_val(ap::set_lr(s, static_cast<float>(lr)));
  });
}

val session_step(int id) {
  return with_session(id, [&](ap::Session& s) {
    return status_to_val(ap::step(s));
  });
}

val session_train(int id, std::uintptr_t x, std::uintptr_t t, double n, val options) {
  return with_session(id, [&](ap::Session& s) {
    ap::TrainOptions o;
    if (std::string err = to_train_options(options, o); !err.empty()) return make_error(err);
    if (std::string err = check_integer(n, "n", 1, kMaxExamples); !err.empty()) return make_error(err);
    if (std::string err = ap::train(s, as_ptr<const float>(x), as_ptr<const float>(t), static_cast<std::size_t>(n), o);
        !err.empty()) {
      return make_error(err);
    }
    return float_array(s.losses.data(), s.losses.size());
  });
}

val session_evaluate(int id, std::uintptr_t x, std::uintptr_t t, double n, int loss) {
  return with_session(id, [&](ap::Session& s) {
    if (loss < 0 || loss >= ap::kNumLosses) return make_error("unknown loss");
    if (std::string err = check_integer(n, "n", 1, kMaxExamples); !err.empty()) return make_error(err);
    ap::Evaluation e;
    if (std::string err = ap::evaluate(s.model, as_ptr<const float>(x), as_ptr<const float>(t),
                                       static_cast<std::size_t>(n), static_cast<ap::Loss>(loss), e);
        !err.empty()) {
      return make_error(err);
    }
    val o = val::object();
    o.set("loss", e.loss);
    o.set("accuracy", e.accuracy);
    return o;
  });
}

val session_diagnose(int id) {
  return with_session(id, [&](ap::Session& s) {
    val out = val::array();
    for (const ap::LayerDiagnostics& d : s.model.diagnose()) {
      val o = val::object();
      o.set("module", static_cast<double>(d.module));
      o.set("inactive", float_array(d.inactive_fraction.data(), d.inactive_fraction.size()));
      o.set("saturated", float_array(d.saturated_fraction.data(), d.saturated_fraction.size()));
      o.set("weightGradNorm", d.weight_grad_norm);
      o.set("weightMean", d.weight_mean);
      o.set("weightStd", d.weight_std);
      o.set("activationMean", d.activation_mean);
      o.set("activationStd", d.activation_std);
      out.call<void>("push", o);
    }
    return out;
  });
}

val session_grid(int id, double g, double x0, double x1, double y0, double y1, val features) {
  return with_session(id, [&](ap::Session& s) {
    ap::FeatureList f;
    if (std::string err = to_feature_list(features, f); !err.empty()) return make_error(err);
    const float box[4] = {static_cast<float>(x0), static_cast<float>(x1), static_cast<float>(y0), static_cast<float>(y1)};
    if (std::string err = check_integer(g, "n", 2, static_cast<double>(ap::limits::kMaxGrid)); !err.empty()) return make_error(err);
    if (std::string err = ap::evaluate_grid(s, static_cast<std::size_t>(g), box, f); !err.empty()) {
      return make_error(err);
    }
    val r = val::object();
    r.set("points", reinterpret_cast<std::uintptr_t>(s.grid_points.data()));  // x plane, then y plane
    r.set("modules", module_outputs(s.model, [&](std::size_t k) { return s.grid_outputs[k].data(); }));
    return r;
  });
}

val loss_value(int loss, std::string reduction_name, std::uintptr_t y, std::uintptr_t t, double n, double c,
               std::uintptr_t grad, std::uintptr_t elements) {
  if (loss < 0 || loss >= ap::kNumLosses) return make_error("unknown loss");
  const double max_elements = static_cast<double>(ap::limits::kMaxElements);
  for (std::string err : {check_integer(n, "n", 1, max_elements), check_integer(c, "c", 1, max_elements),
                          check_integer(n * c, "n·c", 1, max_elements)}) {
    if (!err.empty()) return make_error(err);
  }
  ap::Reduction reduction;
  if (std::string err = ap::parse_reduction(reduction_name, reduction); !err.empty()) return make_error(err);
  double value = 0;
  if (std::string err = ap::loss_forward_backward(static_cast<ap::Loss>(loss), as_ptr<const float>(y), as_ptr<const float>(t),
                                                  static_cast<std::size_t>(n), static_cast<std::size_t>(c),
                                                  grad ? as_ptr<float>(grad) : nullptr, value, reduction,
                                                  elements ? as_ptr<float>(elements) : nullptr);
      !err.empty()) {
    return make_error(err);
  }
  return val(value);
}

val make_dataset(int id, val options) {
  ap::DatasetOptions o;
  if (std::string err = to_dataset_options(options, o); !err.empty()) return make_error(err);
  ap::Dataset d;
  try {
    if (std::string err = ap::make_dataset(id, o, d); !err.empty()) return make_error(err);
  } catch (const std::exception& e) {
    return error_from(e);
  }
  val out = val::object();
  out.set("x", float_array(d.x.data(), d.x.size()));
  out.set("y", float_array(d.y.data(), d.y.size()));
  out.set("n", static_cast<double>(d.n));
  out.set("classes", d.classes);
  return out;
}

val apply_features(std::uintptr_t points, double n, val features, std::uintptr_t out) {
  if (std::string err = check_integer(n, "n", 0, kMaxExamples); !err.empty()) return make_error(err);
  ap::FeatureList f;
  if (std::string err = to_feature_list(features, f); !err.empty()) return make_error(err);
  return status_to_val(ap::apply_features(as_ptr<const float>(points), static_cast<std::size_t>(n), f, as_ptr<float>(out)));
}

}  // namespace

EMSCRIPTEN_BINDINGS(activation_playground_models) {
  emscripten::function("sessionCreate", &session_create);
  emscripten::function("sessionDispose", &session_dispose);
  emscripten::function("sessionInit", &session_init);
  emscripten::function("sessionParameters", &session_parameters);
  emscripten::function("sessionForward", &session_forward);
  emscripten::function("sessionBackward", &session_backward);
  emscripten::function("sessionSetOptimizer", &session_set_optimizer);
  emscripten::function("sessionSetLr", &session_set_lr);
  emscripten::function("sessionStep", &session_step);
  emscripten::function("sessionTrain", &session_train);
  emscripten::function("sessionEvaluate", &session_evaluate);
  emscripten::function("sessionDiagnose", &session_diagnose);
  emscripten::function("sessionGrid", &session_grid);
  emscripten::function("lossValue", &loss_value);
  emscripten::function("makeDataset", &make_dataset);
  emscripten::function("applyFeatures", &apply_features);
}
