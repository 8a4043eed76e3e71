// GGUF reader: parses the header, metadata and tensor table of a GGUF v2/v3 file and exposes the
// tensor data in place (memory-mapped, never copied). Format: docs/engine-gguf.md.
//
// Errors: File::open/from_bytes return an Error naming the file, the byte offset and the key or
// tensor at fault (bad magic, unsupported version, truncation, absurd counts, bad dims, unknown
// tensor type, data out of range, misaligned offsets, duplicate names). Parsing never crashes and
// never reads past the buffer, whatever the input.
// Ownership: File owns the mapping (or the byte buffer); TensorInfo::data points into it and lives
// as long as the File. Thread-safety: a File is immutable after open; concurrent reads are safe.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "backends/local/cpu/tensor_type.h"
#include "backends/local/gguf/gguf_value.h"
#include "harness/core/expected.h"

namespace ys::gguf {

// ggml's tensor type numbering (as stored in the file): the kernels' TensorType, one table for
// both (names, geometry: backends/local/cpu/tensor_type.h). A file's raw value outside the table
// is refused by the reader.
using GgmlType = cpu::TensorType;

// Block geometry: elements per block and bytes per block (F32: 1/4, F16: 1/2, Q8_0: 32/34,
// Q4_0: 32/18, Q4_K: 256/144, Q6_K: 256/210, BF16: 1/2 ...). Returns false (outputs untouched)
// for types the engine does not know.
bool type_geometry(GgmlType type, int64_t* block_elems, int64_t* block_bytes);

// Bytes of a row-major tensor with these dims (dims[0] a multiple of the block size), or nullopt
// when the type is unknown, a dim is <= 0, dims[0] is not a whole number of blocks, or the size
// overflows int64.
std::optional<uint64_t> tensor_size_bytes(GgmlType type, const std::vector<int64_t>& dims);

struct TensorInfo {
  std::string name;
  std::vector<int64_t> dims;  // GGUF order: dims[0] is the contiguous (row) dimension
  GgmlType type = GgmlType::F32;
  uint64_t offset = 0;            // relative to the data section
  const uint8_t* data = nullptr;  // points into the mapping
  uint64_t size_bytes = 0;
  int64_t n_elements() const;
};

class File {
 public:
  // Maps the file read-only. The Error names the path.
  static Expected<std::unique_ptr<File>> open(const std::string& path);
  // Parses an in-memory copy (tests, fuzzing). Errors name "<bytes>" as the file.
  static Expected<std::unique_ptr<File>> from_bytes(std::string bytes);

  ~File();
  File(const File&) = delete;
  File& operator=(const File&) = delete;

  uint32_t version() const { return version_; }
  uint64_t alignment() const { return alignment_; }
  uint64_t file_size() const { return size_; }
  uint64_t data_offset() const { return data_offset_; }  // start of the tensor data section

  bool has(const std::string& key) const;
  const Value* get(const std::string& key) const;                 // nullptr if absent
  std::optional<int64_t> get_int(const std::string& key) const;   // any integer type (and bool)
  std::optional<double> get_float(const std::string& key) const;  // f32/f64 (and integers)
  std::optional<std::string> get_string(const std::string& key) const;
  std::optional<bool> get_bool(const std::string& key) const;  // bool (and integers: != 0)
  // nullptr if absent or not an array of strings.
  const std::vector<std::string>* get_string_array(const std::string& key) const;
  std::optional<std::vector<int64_t>> get_int_array(const std::string& key) const;
  std::optional<std::vector<double>> get_float_array(const std::string& key) const;
  std::vector<std::string> keys() const;  // in file order

  const TensorInfo* tensor(const std::string& name) const;  // nullptr if absent
  const std::vector<TensorInfo>& tensors() const { return tensors_; }

 private:
  class Mapping;
  friend class Parser;
  File();

  std::unique_ptr<Mapping> mapping_;  // set by open()
  std::string owned_bytes_;           // set by from_bytes()
  const uint8_t* base_ = nullptr;
  uint64_t size_ = 0;
  uint32_t version_ = 0;
  uint64_t alignment_ = 32;
  uint64_t data_offset_ = 0;
  std::vector<std::string> key_order_;
  std::unordered_map<std::string, Value> kv_;
  std::vector<TensorInfo> tensors_;
  std::unordered_map<std::string, size_t> tensor_index_;
};

}  // namespace ys::gguf
