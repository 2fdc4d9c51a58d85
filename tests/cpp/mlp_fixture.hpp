// Test helper: Linear(in, hidden) → activation → Linear(hidden, out), built with zero parameters.
#pragma once
#include <catch2/catch.hpp>

#include <cstddef>
#include <vector>

#include "ap/activations.hpp"
#include "ap/model.hpp"

namespace ap::test {

inline ap::Model one_hidden_layer(std::size_t in, std::size_t hidden, const char* activation, std::size_t out) {
  std::vector<ap::ModuleSpec> specs(3);
  specs[0].in = in;
  specs[0].out = hidden;
  specs[1].kind = ap::ModuleSpec::Kind::activation;
  specs[1].activation = ap::find_activation(activation);
  specs[2].in = hidden;
  specs[2].out = out;
  ap::Model m;
  REQUIRE(ap::Model::build(specs, m).empty());
  return m;
}

}  // namespace ap::test
