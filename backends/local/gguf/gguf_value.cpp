#include "backends/local/gguf/gguf_value.h"

#include <utility>

namespace ys::gguf {

const char* value_type_name(ValueType type) {
  switch (type) {
    case ValueType::U8:
      return "u8";
    case ValueType::I8:
      return "i8";
    case ValueType::U16:
      return "u16";
    case ValueType::I16:
      return "i16";
    case ValueType::U32:
      return "u32";
    case ValueType::I32:
      return "i32";
    case ValueType::F32:
      return "f32";
    case ValueType::BOOL:
      return "bool";
    case ValueType::STRING:
      return "string";
    case ValueType::ARRAY:
      return "array";
    case ValueType::U64:
      return "u64";
    case ValueType::I64:
      return "i64";
    case ValueType::F64:
      return "f64";
  }
  return "unknown";
}

bool is_integer_type(ValueType type) {
  switch (type) {
    case ValueType::U8:
    case ValueType::I8:
    case ValueType::U16:
    case ValueType::I16:
    case ValueType::U32:
    case ValueType::I32:
    case ValueType::U64:
    case ValueType::I64:
    case ValueType::BOOL:
      return true;
    default:
      return false;
  }
}

size_t Value::array_size() const {
  if (type != ValueType::ARRAY) return 0;
  if (array_type == ValueType::STRING) return strings.size();
  if (array_type == ValueType::ARRAY) return arrays.size();
  if (array_type == ValueType::F32 || array_type == ValueType::F64) return floats.size();
  return ints.size();
}

Value Value::integer(ValueType t, int64_t v) {
  Value out;
  out.type = t;
  out.int_value = v;
  return out;
}

Value Value::floating(ValueType t, double v) {
  Value out;
  out.type = t;
  out.float_value = v;
  return out;
}

Value Value::str(std::string v) {
  Value out;
  out.type = ValueType::STRING;
  out.string_value = std::move(v);
  return out;
}

Value Value::string_array(std::vector<std::string> v) {
  Value out;
  out.type = ValueType::ARRAY;
  out.array_type = ValueType::STRING;
  out.strings = std::move(v);
  return out;
}

Value Value::int_array(ValueType elem, std::vector<int64_t> v) {
  Value out;
  out.type = ValueType::ARRAY;
  out.array_type = elem;
  out.ints = std::move(v);
  return out;
}

Value Value::float_array(ValueType elem, std::vector<double> v) {
  Value out;
  out.type = ValueType::ARRAY;
  out.array_type = elem;
  out.floats = std::move(v);
  return out;
}

Value Value::array_of_arrays(std::vector<Value> v) {
  Value out;
  out.type = ValueType::ARRAY;
  out.array_type = ValueType::ARRAY;
  out.arrays = std::move(v);
  return out;
}

}  // namespace ys::gguf
