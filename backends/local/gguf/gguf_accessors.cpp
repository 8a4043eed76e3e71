// File's typed metadata getters: lenient where the conversion is exact (integers read as floats,
// bools as integers), nullopt where the stored type does not fit.

#include "backends/local/gguf/gguf.h"

namespace ys::gguf {
namespace {

bool is_float_type(ValueType t) {
  return t == ValueType::F32 || t == ValueType::F64;
}

// A u64 above INT64_MAX does not fit int64_t.
bool fits_int64(ValueType t, int64_t stored) {
  return t != ValueType::U64 || stored >= 0;
}

}  // namespace

std::optional<int64_t> File::get_int(const std::string& key) const {
  const Value* v = get(key);
  if (!v || !is_integer_type(v->type) || !fits_int64(v->type, v->int_value)) return std::nullopt;
  return v->int_value;
}

std::optional<double> File::get_float(const std::string& key) const {
  const Value* v = get(key);
  if (!v) return std::nullopt;
  if (is_float_type(v->type)) return v->float_value;
  if (v->type == ValueType::U64) return static_cast<double>(static_cast<uint64_t>(v->int_value));
  if (is_integer_type(v->type)) return static_cast<double>(v->int_value);
  return std::nullopt;
}

std::optional<std::string> File::get_string(const std::string& key) const {
  const Value* v = get(key);
  if (!v || v->type != ValueType::STRING) return std::nullopt;
  return v->string_value;
}

std::optional<bool> File::get_bool(const std::string& key) const {
  const Value* v = get(key);
  if (!v || !is_integer_type(v->type)) return std::nullopt;
  return v->int_value != 0;
}

const std::vector<std::string>* File::get_string_array(const std::string& key) const {
  const Value* v = get(key);
  if (!v || v->type != ValueType::ARRAY || v->array_type != ValueType::STRING) return nullptr;
  return &v->strings;
}

std::optional<std::vector<int64_t>> File::get_int_array(const std::string& key) const {
  const Value* v = get(key);
  if (!v || v->type != ValueType::ARRAY || !is_integer_type(v->array_type)) return std::nullopt;
  return v->ints;
}

std::optional<std::vector<double>> File::get_float_array(const std::string& key) const {
  const Value* v = get(key);
  if (!v || v->type != ValueType::ARRAY) return std::nullopt;
  if (is_float_type(v->array_type)) return v->floats;
  if (!is_integer_type(v->array_type)) return std::nullopt;
  return std::vector<double>(v->ints.begin(), v->ints.end());
}

}  // namespace ys::gguf
