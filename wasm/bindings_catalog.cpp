// Embind registration of the core's name tables (losses, datasets, features, initialisations): in
// every module, also the page's activations-only one, whose menus list what the worker can train.
#include <emscripten/bind.h>

#include <string>

#include "ap/datasets.hpp"
#include "ap/model.hpp"
#include "ap/training.hpp"

using emscripten::val;

namespace {

val catalog() {
  val o = val::object();
  val losses = val::array(), datasets = val::array(), features = val::array();
  for (const ap::LossInfo& l : ap::kLossInfo) {
    val e = val::object();
    e.set("name", std::string(l.name));
    e.set("formula", std::string(l.formula));
    losses.call<void>("push", e);
  }
  for (const ap::DatasetInfo& d : ap::kDatasetInfo) {
    val e = val::object();
    e.set("name", std::string(d.name));
    e.set("task", std::string(d.task));
    e.set("doc", std::string(d.doc));
    datasets.call<void>("push", e);
  }
  for (const char* f : ap::kFeatureNames) features.call<void>("push", std::string(f));
  o.set("losses", losses);
  o.set("datasets", datasets);
  o.set("features", features);
  val inits = val::array();
  for (const char* i : ap::kInitNames) inits.call<void>("push", std::string(i));
  o.set("inits", inits);
  return o;
}

}  // namespace

EMSCRIPTEN_BINDINGS(activation_playground_catalog) {
  emscripten::function("catalog", &catalog);
}
