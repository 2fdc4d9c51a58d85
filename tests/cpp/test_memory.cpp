// The memory budget refuses what would pass the module's maximum memory, saying how much it needed.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "ap/limits.hpp"
#include "ap/memory.hpp"
#include "ap/activations.hpp"
#include "ap/model.hpp"

TEST_CASE("check_memory refuses requests past the maximum memory with the amount needed", "[memory]") {
  CHECK(ap::check_memory(1024, "a small request").empty());
  const std::string err = ap::check_memory(3.0 * (1u << 30), "a huge request");
  CAPTURE(err);
  CHECK(err.rfind("a huge request needs 3 GiB of memory; the module has at most 2 GiB (", 0) == 0);
  CHECK(!ap::check_memory(static_cast<double>(ap::limits::kMaxMemoryBytes) - ap::memory_in_use() + 1, "x").empty());
}

TEST_CASE("a forward pass that would pass the maximum memory is refused with what it needs", "[memory]") {
  // Linear(2, 4096) and 63 ReLUs: 16384 examples × (2 + 64 × 4096 + 2 × 4096) floats ≈ 16.5 GiB.
  std::vector<ap::ModuleSpec> specs(64);
  specs[0].in = 2;
  specs[0].out = 4096;
  for (std::size_t k = 1; k < specs.size(); ++k) {
    specs[k].kind = ap::ModuleSpec::Kind::activation;
    specs[k].activation = ap::find_activation("relu");
  }
  ap::Model m;
  REQUIRE(ap::Model::build(specs, m).empty());
  REQUIRE(m.check_batch_size(16384).empty());
  const std::string err = m.check_batch(16384);
  CAPTURE(err);
  CHECK(err.rfind("a forward and backward pass over 16384 examples needs 16.5 GiB of memory", 0) == 0);
  CHECK(m.check_batch(100).empty());
}
