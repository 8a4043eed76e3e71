// A typed GGUF metadata value, as read by gguf::File and written by gguf::Writer.
// Plain data; safe to copy. Arrays keep their element type; large homogeneous arrays are stored
// compactly (ints, floats or strings), only arrays of arrays use `arrays`.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ys::gguf {

// GGUF metadata value types, numbered as in the file.
enum class ValueType : uint32_t {
  U8 = 0,
  I8 = 1,
  U16 = 2,
  I16 = 3,
  U32 = 4,
  I32 = 5,
  F32 = 6,
  BOOL = 7,
  STRING = 8,
  ARRAY = 9,
  U64 = 10,
  I64 = 11,
  F64 = 12,
};

const char* value_type_name(ValueType type);
bool is_integer_type(ValueType type);  // u8..i64 and bool

struct Value {
  ValueType type = ValueType::U8;
  ValueType array_type = ValueType::U8;  // element type when type == ARRAY
  int64_t int_value = 0;                 // integers and bool (u64 stored bit-for-bit)
  double float_value = 0;                // f32 / f64
  std::string string_value;              // string
  std::vector<int64_t> ints;             // array of integers or bools
  std::vector<double> floats;            // array of f32 / f64
  std::vector<std::string> strings;      // array of strings
  std::vector<Value> arrays;             // array of arrays

  size_t array_size() const;

  // Constructors for writers and tests.
  static Value u8(uint8_t v) { return integer(ValueType::U8, v); }
  static Value i8(int8_t v) { return integer(ValueType::I8, v); }
  static Value u16(uint16_t v) { return integer(ValueType::U16, v); }
  static Value i16(int16_t v) { return integer(ValueType::I16, v); }
  static Value u32(uint32_t v) { return integer(ValueType::U32, v); }
  static Value i32(int32_t v) { return integer(ValueType::I32, v); }
  static Value u64(uint64_t v) { return integer(ValueType::U64, static_cast<int64_t>(v)); }
  static Value i64(int64_t v) { return integer(ValueType::I64, v); }
  static Value boolean(bool v) { return integer(ValueType::BOOL, v ? 1 : 0); }
  static Value f32(float v) { return floating(ValueType::F32, v); }
  static Value f64(double v) { return floating(ValueType::F64, v); }
  static Value str(std::string v);
  static Value string_array(std::vector<std::string> v);
  static Value int_array(ValueType elem, std::vector<int64_t> v);   // elem: an integer type
  static Value float_array(ValueType elem, std::vector<double> v);  // elem: F32 or F64
  static Value array_of_arrays(std::vector<Value> v);               // each element an ARRAY

  static Value integer(ValueType t, int64_t v);
  static Value floating(ValueType t, double v);
};

}  // namespace ys::gguf
