// gguf::Writer: builds a GGUF v3 file (little-endian) from typed metadata and tensors, in memory or
// straight to a file. Used by `engine make-model` and by tests that need valid or corrupt files.
//
// Layout written: header, metadata in insertion order, tensor infos in insertion order, padding to
// the alignment, then each tensor's bytes at an aligned offset. `general.alignment` is written
// (u32) only when set_alignment() was called with a value other than 32.
// Errors: add_tensor rejects unknown types, bad dims, byte counts that do not match the geometry,
// and duplicate names; write_file reports I/O failures with the path. Not thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "backends/local/gguf/gguf.h"
#include "harness/core/expected.h"

namespace ys::gguf {

class Writer {
 public:
  // Sets (or replaces, keeping its position) a metadata key.
  void set(const std::string& key, Value value);
  // Power of two, at least 1. Default 32.
  void set_alignment(uint64_t alignment);
  // Version in the header (2 or 3); the layout of v2 and v3 is the same. Default 3.
  void set_version(uint32_t version) { version_ = version; }

  // Adds a tensor; `bytes` must be exactly tensor_size_bytes(type, dims) long.
  Status add_tensor(const std::string& name, std::vector<int64_t> dims, GgmlType type,
                    std::string bytes);

  // Adds a tensor whose bytes are produced only while writing: `fill(dst, size_bytes)` must write
  // exactly size_bytes bytes. Lets make-model write files larger than memory allows to hold twice.
  using Fill = std::function<void(uint8_t* dst, size_t size_bytes)>;
  Status add_tensor_fill(const std::string& name, std::vector<int64_t> dims, GgmlType type,
                         Fill fill);

  std::string to_bytes() const;
  Status write_file(const std::string& path) const;

 private:
  struct PendingTensor {
    std::string name;
    std::vector<int64_t> dims;
    GgmlType type;
    std::string bytes;  // empty when `fill` is set
    Fill fill;
    uint64_t size_bytes;
  };
  Status check_tensor(const std::string& name, const std::vector<int64_t>& dims, GgmlType type,
                      uint64_t* size_bytes) const;
  std::string tensor_bytes(const PendingTensor& t) const;
  std::string header_bytes() const;  // everything before the data section, padded

  uint32_t version_ = 3;
  uint64_t alignment_ = 32;
  std::vector<std::pair<std::string, Value>> kv_;
  std::vector<PendingTensor> tensors_;
};

}  // namespace ys::gguf
