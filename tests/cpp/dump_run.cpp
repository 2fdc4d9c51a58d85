// Runs one seeded training scenario natively and prints every input and result as float bits (JSON),
// so tests/node/cross_build.test.mjs can run the same scenario in both WASM builds and compare bits.
//   ap_dump_run activation=tanh loss=mse_loss optimizer=sgd momentum=0.9 nesterov=1 regularization=1
//               init=xavier seed=99 out=1
// Network: Linear(3, 5), <activation>, Linear(5, out); data: 64 examples; lr 0.05, weight decay 0.01,
// regularization rate 0.001 when regularization > 0; batches of 16, 5 epochs, shuffled with seed 3.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "ap/activations.hpp"
#include "ap/model.hpp"
#include "ap/training.hpp"

namespace {

void print_bits(const char* key, const std::vector<float>& v, bool last = false) {
  std::printf("\"%s\": [", key);
  for (std::size_t i = 0; i < v.size(); ++i) {
    uint32_t b;
    std::memcpy(&b, &v[i], 4);
    std::printf("%s%u", i ? ", " : "", b);
  }
  std::printf("]%s\n", last ? "" : ",");
}

int fail(const std::string& message) {
  std::fprintf(stderr, "ap_dump_run: %s\n", message.c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::map<std::string, std::string> a{{"activation", "tanh"}, {"loss", "mse_loss"}, {"optimizer", "sgd"},
                                       {"momentum", "0"},      {"nesterov", "0"},     {"regularization", "0"},
                                       {"init", "pytorch"},    {"seed", "1"},         {"out", "1"}};
  for (int i = 1; i < argc; ++i) {
    const std::string s = argv[i];
    const std::size_t eq = s.find('=');
    if (eq == std::string::npos || !a.count(s.substr(0, eq))) return fail("unknown argument " + s);
    a[s.substr(0, eq)] = s.substr(eq + 1);
  }
  const int act = ap::find_activation(a["activation"]), loss = ap::find_loss(a["loss"]);
  int init = -1;
  for (int k = 0; k < ap::kNumInits; ++k) init = a["init"] == ap::kInitNames[k] ? k : init;
  if (act < 0 || loss < 0 || init < 0) return fail("unknown activation, loss or init");
  const std::size_t out = std::strtoul(a["out"].c_str(), nullptr, 10);

  std::vector<ap::ModuleSpec> specs(3);
  specs[0].in = 3;
  specs[0].out = 5;
  specs[1].kind = ap::ModuleSpec::Kind::activation;
  specs[1].activation = act;
  for (int k = 0; k < ap::kActivationInfo[act].num_params; ++k) specs[1].params[k] = ap::kActivationInfo[act].params[k].default_value;
  specs[2].in = 5;
  specs[2].out = out;
  ap::Model m;
  if (std::string err = ap::Model::build(specs, m); !err.empty()) return fail(err);
  m.init(static_cast<ap::Init>(init), std::strtoull(a["seed"].c_str(), nullptr, 10));

  std::vector<float> x(64 * 3), targets(64 * out);
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = static_cast<float>((i * 37) % 101) / 50.f - 1.f;
  for (std::size_t i = 0; i < targets.size(); ++i) targets[i] = static_cast<float>((i * 7) % 3 == 0);
  ap::OptimizerOptions o;
  o.kind = a["optimizer"] == "adam" ? ap::OptimizerOptions::Kind::adam : ap::OptimizerOptions::Kind::sgd;
  o.lr = 0.05f;
  o.momentum = std::strtof(a["momentum"].c_str(), nullptr);
  o.nesterov = a["nesterov"] == "1";
  o.regularization = std::atoi(a["regularization"].c_str());
  o.regularization_rate = o.regularization ? 0.001f : 0.f;
  o.weight_decay = 0.01f;
  ap::Optimizer opt;
  if (std::string err = ap::Optimizer::create(o, opt); !err.empty()) return fail(err);
  std::vector<ap::Parameter> initial = m.parameters();
  ap::TrainOptions t;
  t.loss = static_cast<ap::Loss>(loss);
  t.batch_size = 16;
  t.epochs = 5;
  t.shuffle = true;
  t.seed = 3;
  std::vector<float> losses;
  ap::TrainState state;
  if (std::string err = ap::train(m, opt, x.data(), targets.data(), 64, t, losses, state); !err.empty()) return fail(err);

  std::printf("{\n");
  print_bits("x", x);
  print_bits("targets", targets);
  print_bits("losses", losses);
  for (const ap::Parameter& p : initial) print_bits(("initial " + p.name).c_str(), p.value);
  const std::vector<ap::Parameter>& final = m.parameters();
  for (std::size_t k = 0; k < final.size(); ++k) print_bits(("final " + final[k].name).c_str(), final[k].value, k + 1 == final.size());
  std::printf("}\n");
  return 0;
}
