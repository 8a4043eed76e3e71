// Remembers the SHA-256 of model files so that a multi-gigabyte GGUF is hashed once, not at every
// load. Format and rules: docs/engine-backend.md ("Identity").
//
//   auto h = sha256_file_cached("model.gguf", default_hash_cache_path(getenv));
//
// An entry is used only when the file's canonical path, size in bytes and modification time (ns)
// all equal the stored ones. The cache file is a small JSON document replaced atomically (temp
// file + rename). A missing, unreadable or corrupt cache file, or one that cannot be written, is
// never an error: the file is hashed as if there were no cache. Errors name the model path (it
// cannot be read). Safe to call from several processes at once (the last writer wins; a lost
// entry only costs a rehash). Not meant for concurrent calls within one process.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "harness/core/expected.h"

namespace ys {

inline constexpr int kHashCacheVersion = 1;

struct CachedHash {
  std::string sha256;       // lower-case hex digest of the file's bytes
  bool from_cache = false;  // true when the digest came from the cache file
};

// cache_path "" disables the cache (the file is simply hashed).
Expected<CachedHash> sha256_file_cached(const std::string& path, const std::string& cache_path);

// $XDG_CACHE_HOME/yardstick/gguf-hashes.json when XDG_CACHE_HOME is an absolute path, else
// $HOME/.cache/yardstick/gguf-hashes.json when HOME is set, else "" (no cache).
std::string default_hash_cache_path(
    const std::function<std::optional<std::string>(const std::string&)>& getenv);

}  // namespace ys
