// SHA-256 helpers for cache keys and dataset fingerprints. Thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "harness/core/expected.h"
#include "harness/core/types.h"

namespace ys {

// Lower-case hex SHA-256 of the bytes.
std::string sha256_hex(std::string_view data);

// Incremental hashing for files and multi-part keys.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(std::string_view data);
  std::string hex_digest();  // finishes; the object must not be updated afterwards

 private:
  struct Impl;
  Impl* impl_;  // owned; OpenSSL context kept out of the header
};

// SHA-256 of a file's contents, read in chunks. Error names the path.
Expected<std::string> sha256_file(const std::string& path);

// The cache key of a request: covers the backend identity and the canonical request JSON
// (messages or prompt, continuations, sampling params and seed).
std::string request_key(const std::string& backend_identity, const Request& request);
// The same key from the canonical request JSON, to_json(request).dump(), when the caller has it.
std::string request_key_of_json(const std::string& backend_identity, std::string_view request_json);

}  // namespace ys
