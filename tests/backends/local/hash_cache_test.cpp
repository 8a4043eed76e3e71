// The model-file hash cache: a second hash of an unchanged file comes from the cache; a file
// changed in place (same size, new mtime) is hashed again; a corrupt, foreign or unwritable cache
// file never changes the digest. Expected digests come from sha256_file, never from the cache.
#include "backends/local/backend/hash_cache.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>

#include "backends/local/backend/local_backend.h"
#include "harness/core/hash.h"
#include "tests/harness/temp_dir.h"
#include "tests/support/paths.h"

using namespace ys;
namespace fs = std::filesystem;

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Moves the file's mtime by `seconds`, so that a rewrite is visible even on coarse clocks.
void touch(const std::string& path, int seconds) {
  fs::last_write_time(path, fs::last_write_time(path) + std::chrono::seconds(seconds));
}

CachedHash hash(const std::string& path, const std::string& cache) {
  auto h = sha256_file_cached(path, cache);
  REQUIRE(h.ok());
  return *h;
}

}  // namespace

TEST_CASE("hashing an unchanged file a second time uses the cache") {
  test::TempDir dir;
  std::string model = dir.write("m.gguf", "model bytes 0123456789");
  std::string cache = dir.file("cache/yardstick/gguf-hashes.json");
  CachedHash first = hash(model, cache);
  CHECK_FALSE(first.from_cache);
  CHECK(first.sha256 == *sha256_file(model));
  REQUIRE(fs::exists(cache));
  CachedHash second = hash(model, cache);
  CHECK(second.from_cache);
  CHECK(second.sha256 == first.sha256);
  // The same file through a relative path or a symlink shares the entry.
  fs::create_symlink(model, dir.file("link.gguf"));
  CHECK(hash(dir.file("link.gguf"), cache).from_cache);
}

TEST_CASE("a file rewritten in place with the same size but a new mtime is hashed again") {
  test::TempDir dir;
  std::string model = dir.write("m.gguf", "AAAAAAAAAAAAAAAA");
  std::string cache = dir.file("hashes.json");
  std::string old_digest = hash(model, cache).sha256;
  dir.write("m.gguf", "BBBBBBBBBBBBBBBB");
  touch(model, 5);
  CachedHash after = hash(model, cache);
  CHECK_FALSE(after.from_cache);
  CHECK(after.sha256 != old_digest);
  CHECK(after.sha256 == *sha256_file(model));
  CHECK(hash(model, cache).from_cache);
}

TEST_CASE("an entry is used only when size and mtime both match") {
  test::TempDir dir;
  std::string model = dir.write("m.gguf", "0123456789");
  std::string cache = dir.file("hashes.json");
  hash(model, cache);
  SECTION("a different size") {
    auto mtime = fs::last_write_time(model);
    dir.write("m.gguf", "01234567890");
    fs::last_write_time(model, mtime);
    CHECK_FALSE(hash(model, cache).from_cache);
  }
  SECTION("a different mtime") {
    touch(model, -7);
    CHECK_FALSE(hash(model, cache).from_cache);
  }
}

TEST_CASE("a corrupt, foreign or wrong-version cache file still gives the right digest") {
  test::TempDir dir;
  std::string model = dir.write("m.gguf", "some model");
  std::string expected = *sha256_file(model);
  std::string cache = dir.file("hashes.json");
  const std::map<std::string, std::string> bad = {
      {"garbage", "\x01\x02 not json {{{"},
      {"truncated", "{\"version\": 1, \"files\": {\""},
      {"wrong version", "{\"version\": 99, \"files\": {}}"},
      {"files not an object", "{\"version\": 1, \"files\": [1, 2]}"},
      {"empty", ""}};
  for (const auto& [name, text] : bad) {
    INFO(name);
    dir.write("hashes.json", text);
    CachedHash h = hash(model, cache);
    CHECK(h.sha256 == expected);
    CHECK_FALSE(h.from_cache);
    CHECK(hash(model, cache).from_cache);  // rewritten as a valid cache
  }
  // An entry with a malformed digest is ignored, not returned.
  std::string key = fs::canonical(model).string();
  std::string text = slurp(cache);
  Json doc = Json::parse(text);
  doc["files"][key]["sha256"] = "not-a-digest";
  dir.write("hashes.json", doc.dump());
  CachedHash h = hash(model, cache);
  CHECK_FALSE(h.from_cache);
  CHECK(h.sha256 == expected);
}

TEST_CASE("an unusable cache location or no cache at all just hashes") {
  test::TempDir dir;
  std::string model = dir.write("m.gguf", "some model");
  std::string expected = *sha256_file(model);
  dir.write("plain-file", "x");
  std::string cache = dir.file("plain-file/yardstick/gguf-hashes.json");  // parent is a file
  CHECK(hash(model, cache).sha256 == expected);
  CHECK_FALSE(hash(model, cache).from_cache);
  CHECK_FALSE(hash(model, "").from_cache);
  CHECK(hash(model, "").sha256 == expected);
  CHECK_FALSE(sha256_file_cached(dir.file("missing.gguf"), dir.file("h.json")).ok());
}

TEST_CASE("stale entries are dropped when the cache is written") {
  test::TempDir dir;
  std::string a = dir.write("a.gguf", "aaa");
  std::string b = dir.write("b.gguf", "bbb");
  std::string cache = dir.file("hashes.json");
  hash(a, cache);
  fs::remove(a);
  hash(b, cache);
  Json doc = Json::parse(slurp(cache));
  CHECK(doc.at("version") == kHashCacheVersion);
  CHECK(doc.at("files").size() == 1);
  CHECK(doc.at("files").contains(fs::canonical(b).string()));
}

TEST_CASE("the cache lives under XDG_CACHE_HOME, else HOME/.cache, else nowhere") {
  auto env = [](std::map<std::string, std::string> vars) {
    return [vars](const std::string& name) -> std::optional<std::string> {
      auto it = vars.find(name);
      if (it == vars.end()) return std::nullopt;
      return it->second;
    };
  };
  CHECK(default_hash_cache_path(env({{"XDG_CACHE_HOME", "/x/c"}, {"HOME", "/h"}})) ==
        "/x/c/yardstick/gguf-hashes.json");
  CHECK(default_hash_cache_path(env({{"HOME", "/h"}})) == "/h/.cache/yardstick/gguf-hashes.json");
  CHECK(default_hash_cache_path(env({{"XDG_CACHE_HOME", "rel"}, {"HOME", "/h"}})) ==
        "/h/.cache/yardstick/gguf-hashes.json");
  CHECK(default_hash_cache_path(env({{"XDG_CACHE_HOME", ""}})).empty());
  CHECK(default_hash_cache_path(env({})).empty());
}

TEST_CASE("the local backend's identity is the same whether or not the cache knows the file") {
  const std::string model = ys::test::fixture_path("models/tiny-qwen2-f32.gguf");
  if (!ys::test::have_fixture(model)) return;
  test::TempDir dir;
  BackendContext ctx;
  ctx.getenv = [&](const std::string& name) -> std::optional<std::string> {
    if (name == "XDG_CACHE_HOME") return dir.file("xdg");
    return std::nullopt;
  };
  ModelSpec spec;
  spec.kind = "local";
  spec.target = model;
  spec.options["threads"] = 1;
  auto first = make_local_backend(spec, ctx);
  REQUIRE(first.ok());
  CHECK(fs::exists(dir.file("xdg/yardstick/gguf-hashes.json")));
  auto second = make_local_backend(spec, ctx);
  REQUIRE(second.ok());
  CHECK((*first)->identity() == "gguf-sha256:" + *sha256_file(model));
  CHECK((*second)->identity() == (*first)->identity());
  CHECK(hash(model, dir.file("xdg/yardstick/gguf-hashes.json")).from_cache);
}
