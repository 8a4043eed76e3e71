// Limits a YAML config must keep before it is expanded into a tree (docs/input-limits.md).
//
// yaml-cpp shares an anchored node between its aliases, so ten lines of nested aliases (a
// "billion laughs") cost nothing until something walks the tree, and then cost gigabytes. This
// check walks the parser's events instead (no tree is built), counts the nodes the document
// would have once every alias is expanded, and refuses it early.
#pragma once

#include <cstddef>
#include <string>

#include "harness/core/expected.h"

namespace ys {

struct YamlLimits {
  size_t max_aliases = 100;   // alias uses (*name) in the document
  size_t max_nodes = 100000;  // scalars, nulls, lists and mappings after expanding aliases
  size_t max_depth = 256;     // lists and mappings inside each other
};

// Ok, or an error "NAME:LINE: ..." naming the first alias (or node) past a limit, an alias of a
// node that contains it (a cycle), or the YAML syntax error. Reads only the first document, as
// YAML::Load does. Never throws; thread-safe.
Status check_yaml_limits(const std::string& yaml_text, const std::string& name,
                         const YamlLimits& limits = {});

}  // namespace ys
