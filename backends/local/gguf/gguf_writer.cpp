#include "backends/local/gguf/gguf_writer.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace ys::gguf {
namespace {

template <typename T>
void put(std::string& out, T v) {
  char buf[sizeof(T)];
  std::memcpy(buf, &v, sizeof(T));
  out.append(buf, sizeof(T));
}

void put_string(std::string& out, const std::string& s) {
  put<uint64_t>(out, s.size());
  out += s;
}

void put_integer(std::string& out, ValueType t, int64_t v) {
  switch (t) {
    case ValueType::U8:
    case ValueType::BOOL:
      put(out, static_cast<uint8_t>(v));
      break;
    case ValueType::I8:
      put(out, static_cast<int8_t>(v));
      break;
    case ValueType::U16:
      put(out, static_cast<uint16_t>(v));
      break;
    case ValueType::I16:
      put(out, static_cast<int16_t>(v));
      break;
    case ValueType::U32:
      put(out, static_cast<uint32_t>(v));
      break;
    case ValueType::I32:
      put(out, static_cast<int32_t>(v));
      break;
    case ValueType::U64:
      put(out, static_cast<uint64_t>(v));
      break;
    default:
      put(out, v);
      break;
  }
}

void put_floating(std::string& out, ValueType t, double v) {
  if (t == ValueType::F32) {
    put(out, static_cast<float>(v));
  } else {
    put(out, v);
  }
}

void put_array_body(std::string& out, const Value& v) {
  put<uint32_t>(out, static_cast<uint32_t>(v.array_type));
  put<uint64_t>(out, v.array_size());
  if (v.array_type == ValueType::STRING) {
    for (const std::string& s : v.strings) put_string(out, s);
  } else if (v.array_type == ValueType::ARRAY) {
    for (const Value& a : v.arrays) put_array_body(out, a);
  } else if (v.array_type == ValueType::F32 || v.array_type == ValueType::F64) {
    for (double x : v.floats) put_floating(out, v.array_type, x);
  } else {
    for (int64_t x : v.ints) put_integer(out, v.array_type, x);
  }
}

void put_value(std::string& out, const Value& v) {
  put<uint32_t>(out, static_cast<uint32_t>(v.type));
  switch (v.type) {
    case ValueType::STRING:
      put_string(out, v.string_value);
      break;
    case ValueType::ARRAY:
      put_array_body(out, v);
      break;
    case ValueType::F32:
    case ValueType::F64:
      put_floating(out, v.type, v.float_value);
      break;
    default:
      put_integer(out, v.type, v.int_value);
      break;
  }
}

uint64_t align_up(uint64_t n, uint64_t a) {
  return (n + a - 1) / a * a;
}

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

}  // namespace

void Writer::set(const std::string& key, Value value) {
  for (auto& [k, v] : kv_) {
    if (k == key) {
      v = std::move(value);
      return;
    }
  }
  kv_.emplace_back(key, std::move(value));
}

void Writer::set_alignment(uint64_t alignment) {
  YS_ASSERT(alignment > 0 && (alignment & (alignment - 1)) == 0, "alignment must be 2^k");
  alignment_ = alignment;
  if (alignment != 32) set("general.alignment", Value::u32(static_cast<uint32_t>(alignment)));
}

Status Writer::check_tensor(const std::string& name, const std::vector<int64_t>& dims,
                            GgmlType type, uint64_t* size_bytes) const {
  if (dims.empty() || dims.size() > 4) {
    return Error{"gguf writer: tensor '" + name + "': 1 to 4 dims required"};
  }
  auto size = tensor_size_bytes(type, dims);
  if (!size) {
    return Error{"gguf writer: tensor '" + name + "': bad dims or unknown type for " +
                 type_name(type)};
  }
  for (const PendingTensor& t : tensors_) {
    if (t.name == name) return Error{"gguf writer: duplicate tensor '" + name + "'"};
  }
  *size_bytes = *size;
  return ok_status();
}

Status Writer::add_tensor(const std::string& name, std::vector<int64_t> dims, GgmlType type,
                          std::string bytes) {
  uint64_t size = 0;
  if (Status st = check_tensor(name, dims, type, &size); !st.ok()) return st;
  if (size != bytes.size()) {
    return Error{"gguf writer: tensor '" + name + "': expected " + std::to_string(size) +
                 " bytes, got " + std::to_string(bytes.size())};
  }
  tensors_.push_back({name, std::move(dims), type, std::move(bytes), nullptr, size});
  return ok_status();
}

Status Writer::add_tensor_fill(const std::string& name, std::vector<int64_t> dims, GgmlType type,
                               Fill fill) {
  uint64_t size = 0;
  if (Status st = check_tensor(name, dims, type, &size); !st.ok()) return st;
  YS_ASSERT(fill != nullptr, "add_tensor_fill needs a fill function");
  tensors_.push_back({name, std::move(dims), type, std::string(), std::move(fill), size});
  return ok_status();
}

std::string Writer::tensor_bytes(const PendingTensor& t) const {
  if (!t.fill) return t.bytes;
  std::string out(t.size_bytes, '\0');
  t.fill(reinterpret_cast<uint8_t*>(out.data()), out.size());
  return out;
}

std::string Writer::header_bytes() const {
  std::string out;
  out += "GGUF";
  put<uint32_t>(out, version_);
  put<uint64_t>(out, tensors_.size());
  put<uint64_t>(out, kv_.size());
  for (const auto& [key, value] : kv_) {
    put_string(out, key);
    put_value(out, value);
  }
  uint64_t offset = 0;
  for (const PendingTensor& t : tensors_) {
    put_string(out, t.name);
    put<uint32_t>(out, static_cast<uint32_t>(t.dims.size()));
    for (int64_t d : t.dims) put<uint64_t>(out, static_cast<uint64_t>(d));
    put<uint32_t>(out, static_cast<uint32_t>(t.type));
    put<uint64_t>(out, offset);
    offset = align_up(offset + t.size_bytes, alignment_);
  }
  out.resize(align_up(out.size(), alignment_), '\0');
  return out;
}

std::string Writer::to_bytes() const {
  std::string out = header_bytes();
  for (const PendingTensor& t : tensors_) {
    out += tensor_bytes(t);
    out.resize(align_up(out.size(), alignment_), '\0');
  }
  return out;
}

Status Writer::write_file(const std::string& path) const {
  std::unique_ptr<std::FILE, FileCloser> f(std::fopen(path.c_str(), "wb"));
  if (!f) return Error{"gguf writer: " + path + ": " + std::strerror(errno)};
  std::string header = header_bytes();
  bool ok = std::fwrite(header.data(), 1, header.size(), f.get()) == header.size();
  static const char kZeros[64] = {};
  for (const PendingTensor& t : tensors_) {
    if (!ok) break;
    std::string filled;  // one filled tensor in memory at a time
    if (t.fill) filled = tensor_bytes(t);
    const std::string& bytes = t.fill ? filled : t.bytes;
    ok = std::fwrite(bytes.data(), 1, bytes.size(), f.get()) == bytes.size();
    uint64_t pad = align_up(bytes.size(), alignment_) - bytes.size();
    while (ok && pad > 0) {
      size_t n = pad < sizeof(kZeros) ? pad : sizeof(kZeros);
      ok = std::fwrite(kZeros, 1, n, f.get()) == n;
      pad -= n;
    }
  }
  if (ok) ok = std::fflush(f.get()) == 0;
  if (!ok) return Error{"gguf writer: " + path + ": write failed: " + std::strerror(errno)};
  return ok_status();
}

}  // namespace ys::gguf
