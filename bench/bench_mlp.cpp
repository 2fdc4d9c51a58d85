// Native side of the MLP benchmarks W1–W3: trains on data written by bench/mlp.mjs and prints one
// JSON line. Usage: ap_bench_mlp <data.bin> key=value ...
//   data.bin: int32 n, in, ywidth, then n·in floats X and n·ywidth floats y (little endian)
//   keys: hidden=8,8 activation=tanh head=sigmoid|none out=1 loss=... batch=10 lr=0.03
//         epochs=200 | steps=100, grid=100 (W1 frame timing), forward=1 (forward samples/s), repeats=5
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "ap/activations.hpp"
#include "ap/session.hpp"

namespace {

double now() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: ap_bench_mlp data.bin key=value...\n");
    return 2;
  }
  std::map<std::string, std::string> opt;
  for (int i = 2; i < argc; ++i) {
    const std::string a = argv[i];
    const auto eq = a.find('=');
    if (eq != std::string::npos) opt[a.substr(0, eq)] = a.substr(eq + 1);
  }
  auto num = [&](const char* k, double d) { return opt.count(k) ? std::atof(opt[k].c_str()) : d; };
  std::ifstream f(argv[1], std::ios::binary);
  int32_t hdr[3];
  f.read(reinterpret_cast<char*>(hdr), sizeof hdr);
  const std::size_t n = hdr[0], in = hdr[1], yw = hdr[2];
  std::vector<float> x(n * in), y(n * yw);
  f.read(reinterpret_cast<char*>(x.data()), static_cast<std::streamsize>(x.size() * 4));
  f.read(reinterpret_cast<char*>(y.data()), static_cast<std::streamsize>(y.size() * 4));
  if (!f) {
    std::fprintf(stderr, "could not read %s\n", argv[1]);
    return 2;
  }
  std::vector<ap::ModuleSpec> specs;
  std::size_t width = in;
  std::stringstream hs(opt["hidden"]);
  for (std::string h; std::getline(hs, h, ',');) {
    ap::ModuleSpec l;
    l.in = width;
    l.out = width = std::stoul(h);
    specs.push_back(l);
    ap::ModuleSpec a;
    a.kind = ap::ModuleSpec::Kind::activation;
    a.activation = ap::find_activation(opt["activation"]);
    specs.push_back(a);
  }
  ap::ModuleSpec last;
  last.in = width;
  last.out = static_cast<std::size_t>(num("out", 1));
  specs.push_back(last);
  if (opt["head"] != "none" && !opt["head"].empty()) {
    ap::ModuleSpec h;
    h.kind = ap::ModuleSpec::Kind::activation;
    h.activation = ap::find_activation(opt["head"]);
    specs.push_back(h);
  }
  const ap::Loss loss = static_cast<ap::Loss>(ap::find_loss(opt["loss"]));
  const int repeats = static_cast<int>(num("repeats", 5));
  std::vector<double> train_t, grid_t, fwd_t;
  double accuracy = 0;
  std::size_t examples = 0, steps_done = 0;
  for (int r = 0; r < repeats; ++r) {
    ap::Session s;
    if (std::string err = ap::Model::build(specs, s.model); !err.empty()) {
      std::fprintf(stderr, "%s\n", err.c_str());
      return 1;
    }
    s.model.init(ap::Init::pytorch, 1);
    ap::OptimizerOptions oo;
    oo.lr = static_cast<float>(num("lr", 0.01));
    ap::Optimizer::create(oo, s.optimizer);
    ap::TrainOptions to;
    to.loss = loss;
    if (num("batch", 0) > 0) to.batch_size = static_cast<std::size_t>(num("batch", 0));
    to.epochs = static_cast<std::size_t>(num("epochs", 0));
    to.steps = static_cast<std::size_t>(num("steps", 0));
    std::vector<float> losses;
    ap::TrainState state;
    const double t0 = now();
    if (std::string err = ap::train(s.model, s.optimizer, x.data(), y.data(), n, to, losses, state); !err.empty()) {
      std::fprintf(stderr, "%s\n", err.c_str());
      return 1;
    }
    train_t.push_back(now() - t0);
    steps_done = losses.size();
    examples = to.steps ? to.steps * to.batch_size.value_or(n) : to.epochs * n;
    ap::Evaluation e;
    ap::evaluate(s.model, x.data(), y.data(), n, loss, e);
    accuracy = e.accuracy;
    if (num("grid", 0) > 0) {
      const std::size_t g = static_cast<std::size_t>(num("grid", 100));
      const float box[4] = {-6, 6, -6, 6};
      std::vector<float> frame(g * g);
      const int frames = 50;
      const double g0 = now();
      for (int k = 0; k < frames; ++k) {
        ap::evaluate_grid(s, g, box, 3u);
        const float* out = s.model.module_output(s.model.modules().size() - 1);
        std::copy(out, out + g * g, frame.begin());
      }
      grid_t.push_back((now() - g0) / frames);
    }
    if (num("forward", 0) > 0) {
      const double f0 = now();
      for (int k = 0; k < 5; ++k) s.model.forward(x.data(), n);
      fwd_t.push_back((now() - f0) / 5);
    }
  }
  std::printf("{\"examplesPerSecond\":%.6g,\"stepsPerSecond\":%.6g,\"accuracy\":%.4f", examples / median(train_t),
              steps_done / median(train_t), accuracy);
  if (!grid_t.empty()) std::printf(",\"gridMs\":%.6g", 1000 * median(grid_t));
  if (!fwd_t.empty()) std::printf(",\"forwardSamplesPerSecond\":%.6g", n / median(fwd_t));
  std::printf("}\n");
  return 0;
}
