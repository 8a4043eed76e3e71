// A reader for Python literals as ast.literal_eval accepts them (dicts, lists, tuples, sets,
// strings with prefixes and escapes, adjacent-string concatenation, ints, floats, True, False,
// None, unary signs), for LiveBench's tablejoin answers. Values compare as Python's == does for
// these types (1 == 1.0 == True). Never throws; nullopt when the text is not one literal.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ys::livebench {

struct PyValue {
  enum class Kind { none, boolean, number, string, list, tuple, set, dict };
  Kind kind = Kind::none;
  double number = 0;                                 // boolean (0/1) and number
  std::string text;                                  // string
  std::vector<PyValue> items;                        // list, tuple, set
  std::vector<std::pair<PyValue, PyValue>> entries;  // dict, in insertion order, keys unique

  bool truthy() const;                           // Python bool(value)
  bool operator==(const PyValue& other) const;   // Python ==
  const PyValue* get(const PyValue& key) const;  // dict lookup; nullptr when absent
  std::string repr() const;                      // a Python-like rendering for reports
};

std::optional<PyValue> parse_python_literal(std::string_view text);

}  // namespace ys::livebench
