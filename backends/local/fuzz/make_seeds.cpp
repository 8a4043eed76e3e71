// Seed corpus for gguf_fuzz: shrinks each GGUF given on the command line into a small valid file
// with the same keys (arrays cut to 256 entries) and its first tensors (cut to one block each).
// Usage: make_seeds OUT_DIR FILE.gguf...   Built and run by scripts/fuzz-gguf.sh.
#include <cstdio>
#include <filesystem>
#include <string>

#include "backends/local/gguf/gguf.h"
#include "backends/local/gguf/gguf_writer.h"

using namespace ys::gguf;

namespace {

constexpr size_t kMaxArray = 256;
constexpr size_t kMaxTensors = 6;

Value shrink(Value v) {
  if (v.type != ValueType::ARRAY) return v;
  if (v.strings.size() > kMaxArray) v.strings.resize(kMaxArray);
  if (v.ints.size() > kMaxArray) v.ints.resize(kMaxArray);
  if (v.floats.size() > kMaxArray) v.floats.resize(kMaxArray);
  if (v.arrays.size() > kMaxArray) v.arrays.resize(kMaxArray);
  return v;
}

bool shrink_file(const std::string& in, const std::string& out) {
  auto f = File::open(in);
  if (!f.ok()) {
    std::fprintf(stderr, "%s\n", f.error().message.c_str());
    return false;
  }
  Writer w;
  for (const std::string& key : (*f)->keys()) {
    Value v = shrink(*(*f)->get(key));
    // Keep special token ids inside the shortened vocabulary so the tokenizer still loads.
    if (key.find("token_id") != std::string::npos && v.int_value >= int64_t{kMaxArray}) {
      v.int_value = kMaxArray - 1;
    }
    w.set(key, v);
  }
  for (size_t i = 0; i < (*f)->tensors().size() && i < kMaxTensors; ++i) {
    const TensorInfo& t = (*f)->tensors()[i];
    int64_t elems = 0, bytes = 0;
    type_geometry(t.type, &elems, &bytes);
    std::string data(reinterpret_cast<const char*>(t.data), static_cast<size_t>(bytes));
    if (!w.add_tensor(t.name, {elems}, t.type, data).ok()) return false;
  }
  return w.write_file(out).ok();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: make_seeds OUT_DIR FILE.gguf...\n");
    return 2;
  }
  int failures = 0;
  for (int i = 2; i < argc; ++i) {
    std::string name = std::filesystem::path(argv[i]).filename().string();
    if (!shrink_file(argv[i], std::string(argv[1]) + "/" + name)) ++failures;
  }
  return failures == 0 ? 0 : 1;
}
