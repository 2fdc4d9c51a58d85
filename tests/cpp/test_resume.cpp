// train() resumes its sequence across calls (like a DataLoader's generator) and restarts it when
// the data, batch size, shuffle flag or seed change.
#include <catch2/catch.hpp>

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "ap/activations.hpp"
#include "ap/session.hpp"
#include "ap/training.hpp"
#include "mlp_fixture.hpp"

namespace {

/// A 3-5-1 tanh network with SGD + momentum (its state makes every step depend on the ones before).
struct Trainer {
  ap::Model model;
  ap::Optimizer optimizer;
  ap::TrainState state;
  std::vector<float> losses;

  Trainer() : model(ap::test::one_hidden_layer(3, 5, "tanh", 1)) {
    model.init(ap::Init::pytorch, 11);
    ap::OptimizerOptions o;
    o.lr = 0.05f;
    o.momentum = 0.9f;
    REQUIRE(ap::Optimizer::create(o, optimizer).empty());
  }
  void fit(const std::vector<float>& x, const std::vector<float>& t, const ap::TrainOptions& options) {
    REQUIRE(ap::train(model, optimizer, x.data(), t.data(), t.size(), options, losses, state).empty());
  }
  /// Every parameter's bits, in order.
  std::vector<uint32_t> bits() const {
    std::vector<uint32_t> out;
    for (const ap::Parameter& p : model.parameters()) {
      for (float v : p.value) {
        uint32_t b;
        std::memcpy(&b, &v, 4);
        out.push_back(b);
      }
    }
    return out;
  }
};

std::vector<uint32_t> bits_of(const std::vector<float>& v) {
  std::vector<uint32_t> out(v.size());
  std::memcpy(out.data(), v.data(), v.size() * 4);
  return out;
}

/// 37 examples (batch 5 leaves a short last batch) of a smooth target.
struct Data {
  std::vector<float> x, t;
  Data() {
    for (int i = 0; i < 37; ++i) {
      const float a = static_cast<float>((i * 17) % 37) / 18.f - 1.f, b = static_cast<float>(i % 7) / 3.f - 1.f;
      x.insert(x.end(), {a, b, a * b});
      t.push_back(0.5f * a - 0.25f * b * b);
    }
  }
};

ap::TrainOptions options(bool shuffle) {
  ap::TrainOptions o;
  o.batch_size = 5;
  o.shuffle = shuffle;
  o.seed = 7;
  return o;
}

}  // namespace

TEST_CASE("calls that resume give the bits of one long call", "[training][resume]") {
  const bool shuffle = GENERATE(true, false);
  CAPTURE(shuffle);
  const Data d;
  Trainer once, pieces;
  ap::TrainOptions o = options(shuffle);
  SECTION("k calls of one epoch, one call of k epochs") {
    o.epochs = 6;
    once.fit(d.x, d.t, o);
    o.epochs = 1;
    for (int k = 0; k < 6; ++k) pieces.fit(d.x, d.t, o);
    REQUIRE(once.losses.size() == 6 * 8);
  }
  SECTION("calls that end mid-epoch continue where the last one stopped") {
    o.steps = 3 + 5 + 11 + 1 + 8;
    once.fit(d.x, d.t, o);
    for (std::size_t steps : {3, 5, 11, 1, 8}) {
      o.steps = steps;
      pieces.fit(d.x, d.t, o);
    }
    o.steps = 0;
    o.epochs = 2;  // epochs count from the position reached, across the epoch boundary
    once.fit(d.x, d.t, o);
    pieces.fit(d.x, d.t, o);
  }
  CHECK(bits_of(pieces.losses) == bits_of(once.losses));
  CHECK(pieces.bits() == once.bits());
}

TEST_CASE("the sequence restarts when the data, batch size, shuffle flag or seed change", "[training][resume]") {
  const Data d;
  // Two trainers reach the same point (mid-epoch, after a reshuffle); then `resumed` is called with
  // one thing changed and `fresh` with the same change but a new TrainState.
  struct Pair {
    Trainer resumed, fresh;
  };
  const auto run = [&](auto change) {
    auto p = std::make_unique<Pair>();
    ap::TrainOptions o = options(true);
    o.steps = 8 + 3;
    p->resumed.fit(d.x, d.t, o);
    p->fresh.fit(d.x, d.t, o);
    p->fresh.state = ap::TrainState();
    Data changed = d;
    change(changed, o);
    o.steps = 20;
    p->resumed.fit(changed.x, changed.t, o);
    p->fresh.fit(changed.x, changed.t, o);
    return p;
  };
  const auto check_restart = [&](const char* what, auto change) {
    CAPTURE(what);
    const auto p = run(change);
    CHECK(bits_of(p->resumed.losses) == bits_of(p->fresh.losses));
    CHECK(p->resumed.bits() == p->fresh.bits());
  };
  check_restart("one input value", [](Data& c, ap::TrainOptions&) { c.x[40] += 0.5f; });
  check_restart("one target value", [](Data& c, ap::TrainOptions&) { c.t[36] = -c.t[36]; });
  check_restart("one example fewer", [](Data& c, ap::TrainOptions&) {
    c.x.resize(c.x.size() - 3);
    c.t.pop_back();
  });
  check_restart("batch size", [](Data&, ap::TrainOptions& o) { o.batch_size = 4; });
  check_restart("shuffle flag", [](Data&, ap::TrainOptions& o) { o.shuffle = false; });
  check_restart("seed", [](Data&, ap::TrainOptions& o) { o.seed = 8; });
  // Without a change it continues, which differs from a restart.
  const auto same = run([](Data&, ap::TrainOptions&) {});
  CHECK(bits_of(same->resumed.losses) != bits_of(same->fresh.losses));
}

TEST_CASE("batch_size 0 is refused (omitted means the full batch) and epochs cannot overflow the step count", "[training][errors]") {
  const Data d;
  Trainer t;
  ap::TrainOptions o;
  o.epochs = 1;
  o.batch_size = 0;
  CHECK(ap::train(t.model, t.optimizer, d.x.data(), d.t.data(), 37, o, t.losses, t.state) ==
        "batch_size must be at least 1 (omit it for the full batch)");
  o.batch_size.reset();
  o.epochs = 2;
  t.fit(d.x, d.t, o);
  CHECK(t.losses.size() == 2);
  // 37 steps an epoch: epochs·37 wraps around a 32-bit size_t for this many epochs.
  o.batch_size = 1;
  o.epochs = std::size_t{116080198};
  CHECK(ap::train(t.model, t.optimizer, d.x.data(), d.t.data(), 37, o, t.losses, t.state) ==
        "116080198 epochs of 37 steps in one call is more than the limit of 1000000 steps");
  CHECK(t.losses.size() == 2);
}

TEST_CASE("a session steps, sets lr and trains only once it has an optimizer; train() resumes its own position", "[training][session]") {
  ap::Session s;
  s.model = ap::test::one_hidden_layer(3, 5, "tanh", 1);
  s.model.init(ap::Init::pytorch, 11);
  const std::vector<float> x = {0.1f, 0.2f, 0.3f, -0.4f, 0.5f, -0.6f}, t = {1.f, -1.f};
  ap::TrainOptions one;
  one.steps = 1;
  CHECK(ap::step(s) == "set an optimizer first");
  CHECK(ap::set_lr(s, 0.1f) == "set an optimizer first");
  CHECK(ap::train(s, x.data(), t.data(), 2, one) == "set an optimizer first");
  ap::OptimizerOptions bad;
  bad.lr = -1.f;
  CHECK(ap::set_optimizer(s, bad) == "lr must be >= 0");
  CHECK(ap::step(s) == "set an optimizer first");  // a refused optimizer is not set
  ap::OptimizerOptions o;
  o.lr = 0.05f;
  o.momentum = 0.9f;
  REQUIRE(ap::set_optimizer(s, o).empty());
  // The same two steps as a Trainer (same model, seed and optimizer) taking them in one call.
  REQUIRE(ap::train(s, x.data(), t.data(), 2, one).empty());
  REQUIRE(s.losses.size() == 1);
  const float first = s.losses[0];
  REQUIRE(ap::train(s, x.data(), t.data(), 2, one).empty());
  REQUIRE(s.losses.size() == 1);  // each call's losses only
  Trainer whole;
  ap::TrainOptions two;
  two.steps = 2;
  whole.fit(x, t, two);
  CHECK(first == whole.losses[0]);
  CHECK(s.losses[0] == whole.losses[1]);
  CHECK(ap::set_lr(s, -1.f) == "lr must be a finite number >= 0");
}

TEST_CASE("the core's checks of counts give the messages the JS API shows (one rule, ap/checks.hpp)", "[datasets][session]") {
  ap::Dataset d;
  ap::DatasetOptions o;
  o.n = 1;
  CHECK(ap::make_dataset(static_cast<int>(ap::DatasetId::circle), o, d) == "'n' must be an integer between 2 and 100000 (got 1)");
  o.n = 50;
  o.classes = 11;
  CHECK(ap::make_dataset(static_cast<int>(ap::DatasetId::blobs), o, d) == "'classes' must be an integer between 2 and 10 (got 11)");
  ap::Session s;
  s.model = ap::test::one_hidden_layer(2, 3, "tanh", 1);
  const float box[4] = {-1.f, 1.f, -1.f, 1.f};
  ap::FeatureList xy;
  CHECK(ap::evaluate_grid(s, 1, box, xy) == "'n' must be an integer between 2 and 512 (got 1)");
  CHECK(ap::evaluate_grid(s, 8, box, xy).empty());
}
