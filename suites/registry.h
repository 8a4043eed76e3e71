// The table of suite kinds: name, one-line description, factory. The CLI looks kinds up here;
// adding a suite means adding one row to kSuiteKinds in registry.cpp.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "harness/core/suite.h"

namespace ys {

struct SuiteKind {
  const char* name;
  const char* description;
  Expected<std::unique_ptr<Suite>> (*make)(const SuiteSpec& spec);
};

const std::vector<SuiteKind>& suite_kinds();

// Finds the kind and builds the suite; unknown kinds list the known ones.
Expected<std::unique_ptr<Suite>> make_suite(const SuiteSpec& spec);

}  // namespace ys
