// The model-file hash cache. See hash_cache.h for the contract.
#include "backends/local/backend/hash_cache.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "harness/core/hash.h"
#include "harness/core/json_parse.h"
#include "harness/core/types.h"

namespace ys {

namespace {

namespace fs = std::filesystem;

struct FileStamp {
  int64_t size_bytes = 0;
  int64_t mtime_ns = 0;
  bool operator==(const FileStamp&) const = default;
};

std::optional<FileStamp> stamp_of(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  return FileStamp{static_cast<int64_t>(st.st_size),
                   static_cast<int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 +
                       static_cast<int64_t>(st.st_mtim.tv_nsec)};
}

// The same file reached through a symlink or a relative path shares one entry; a retargeted
// symlink gets a different one.
std::string canonical_or_self(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::canonical(path, ec);
  return ec ? path : p.string();
}

bool is_hex_digest(const Json& v) {
  if (!v.is_string()) return false;
  const std::string& s = v.get_ref<const std::string&>();
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

bool entry_matches(const Json& entry, const FileStamp& stamp) {
  if (!entry.is_object() || !is_hex_digest(entry.value("sha256", Json()))) return false;
  const Json size = entry.value("size_bytes", Json());
  const Json mtime = entry.value("mtime_ns", Json());
  return size.is_number_integer() && mtime.is_number_integer() &&
         size.get<int64_t>() == stamp.size_bytes && mtime.get<int64_t>() == stamp.mtime_ns;
}

// The "files" object of a readable cache of this version; anything else reads as empty.
Json read_files(const std::string& cache_path) {
  std::ifstream in(cache_path, std::ios::binary);
  if (!in) return Json::object();
  std::ostringstream text;
  text << in.rdbuf();
  auto parsed = parse_json(text.str());
  if (!parsed) return Json::object();
  Json& doc = *parsed;
  if (!doc.is_object() || doc.value("version", 0) != kHashCacheVersion) return Json::object();
  Json files = doc.value("files", Json::object());
  return files.is_object() ? files : Json::object();
}

// Entries whose file is gone or changed can never match again.
void drop_stale(Json& files) {
  for (auto it = files.begin(); it != files.end();) {
    auto stamp = stamp_of(it.key());
    if (stamp && entry_matches(it.value(), *stamp)) {
      ++it;
    } else {
      it = files.erase(it);
    }
  }
}

// Best effort: a cache that cannot be written is simply not updated.
void write_files(const std::string& cache_path, const Json& files) {
  std::error_code ec;
  fs::create_directories(fs::path(cache_path).parent_path(), ec);
  std::random_device rd;
  const std::string tmp =
      cache_path + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(rd());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return;
    out << Json{{"version", kHashCacheVersion}, {"files", files}}.dump(1) << "\n";
    out.flush();
    if (!out) {
      out.close();
      std::remove(tmp.c_str());
      return;
    }
  }
  if (std::rename(tmp.c_str(), cache_path.c_str()) != 0) std::remove(tmp.c_str());
}

}  // namespace

Expected<CachedHash> sha256_file_cached(const std::string& path, const std::string& cache_path) {
  const std::string key = canonical_or_self(path);
  const auto before = cache_path.empty() ? std::nullopt : stamp_of(key);
  if (before) {
    const Json files = read_files(cache_path);
    if (auto it = files.find(key); it != files.end() && entry_matches(*it, *before)) {
      return CachedHash{it->at("sha256").get<std::string>(), true};
    }
  }
  auto digest = sha256_file(path);
  if (!digest) return digest.error();
  // Only a file that did not change while it was read may be remembered. The cache is read
  // again because hashing a large file takes long enough for another process to add entries.
  if (before && stamp_of(key) == before) {
    Json files = read_files(cache_path);
    files[key] = {
        {"size_bytes", before->size_bytes}, {"mtime_ns", before->mtime_ns}, {"sha256", *digest}};
    drop_stale(files);
    write_files(cache_path, files);
  }
  return CachedHash{*digest, false};
}

std::string default_hash_cache_path(
    const std::function<std::optional<std::string>(const std::string&)>& getenv) {
  auto lookup = [&](const std::string& name) -> std::string {
    std::optional<std::string> v;
    if (getenv) {
      v = getenv(name);
    } else if (const char* raw = std::getenv(name.c_str())) {
      v = raw;
    }
    return v.value_or("");
  };
  // The XDG base-directory spec says a relative XDG_CACHE_HOME is invalid and must be ignored.
  if (std::string xdg = lookup("XDG_CACHE_HOME"); !xdg.empty() && xdg.front() == '/') {
    return xdg + "/yardstick/gguf-hashes.json";
  }
  if (std::string home = lookup("HOME"); !home.empty()) {
    return home + "/.cache/yardstick/gguf-hashes.json";
  }
  return "";
}

}  // namespace ys
