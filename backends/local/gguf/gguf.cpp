// GGUF parsing. Every read goes through Cursor, which checks the remaining length first, so no
// input can make the parser read outside the buffer. Problems are thrown as ParseFailure inside
// this file and turned into an Error at the two public entry points.
#include "backends/local/gguf/gguf.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <utility>

namespace ys::gguf {

// RAII owner of a read-only private mapping.
class File::Mapping {
 public:
  Mapping(void* addr, size_t size) : addr_(addr), size_(size) {}
  ~Mapping() { munmap(addr_, size_); }
  Mapping(const Mapping&) = delete;
  Mapping& operator=(const Mapping&) = delete;
  const uint8_t* data() const { return static_cast<const uint8_t*>(addr_); }

 private:
  void* addr_;
  size_t size_;
};

namespace {

constexpr uint64_t kMaxAlignment = uint64_t{1} << 30;
constexpr int kMaxArrayDepth = 8;
constexpr uint32_t kMaxDims = 4;  // GGML_MAX_DIMS
// Absolute caps on counts, whatever the file size: real files stay far below them (the largest
// vocabularies have under a million entries), and they bound what a hostile header can allocate.
constexpr uint64_t kMaxArrayLength = uint64_t{1} << 26;
constexpr uint64_t kMaxEntries = uint64_t{1} << 20;  // metadata entries, tensors

struct ParseFailure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

bool valid_value_type(uint32_t t) {
  return t <= static_cast<uint32_t>(ValueType::F64);
}

// Smallest encoding of one array element of this type, used to reject counts that cannot fit.
uint64_t min_encoded_size(ValueType t) {
  switch (t) {
    case ValueType::U8:
    case ValueType::I8:
    case ValueType::BOOL:
      return 1;
    case ValueType::U16:
    case ValueType::I16:
      return 2;
    case ValueType::U32:
    case ValueType::I32:
    case ValueType::F32:
      return 4;
    case ValueType::U64:
    case ValueType::I64:
    case ValueType::F64:
    case ValueType::STRING:
      return 8;
    case ValueType::ARRAY:
      return 12;
  }
  return 1;
}

class Cursor {
 public:
  Cursor(const uint8_t* base, uint64_t size, std::string origin)
      : base_(base), size_(size), origin_(std::move(origin)) {}

  uint64_t pos() const { return pos_; }
  uint64_t remaining() const { return size_ - pos_; }
  uint64_t size() const { return size_; }

  [[noreturn]] void fail(const std::string& what, const std::string& problem) const {
    throw ParseFailure(origin_ + ": offset " + std::to_string(pos_) + ": " + what + ": " + problem);
  }

  void need(uint64_t n, const std::string& what) const {
    if (n > remaining()) {
      fail(what, "truncated (need " + std::to_string(n) + " bytes, " + std::to_string(remaining()) +
                     " left)");
    }
  }

  template <typename T>
  T read(const std::string& what) {
    need(sizeof(T), what);
    T v;
    std::memcpy(&v, base_ + pos_, sizeof(T));
    pos_ += sizeof(T);
    return v;
  }

  std::string read_string(const std::string& what) {
    uint64_t n = read<uint64_t>(what + " (string length)");
    if (n > remaining()) {
      fail(what, "string length " + std::to_string(n) + " runs past the end of the file (" +
                     std::to_string(remaining()) + " bytes left)");
    }
    std::string s(reinterpret_cast<const char*>(base_ + pos_), n);
    pos_ += n;
    return s;
  }

 private:
  const uint8_t* base_;
  uint64_t size_;
  uint64_t pos_ = 0;
  std::string origin_;
};

int64_t read_integer(Cursor& c, ValueType t, const std::string& what) {
  switch (t) {
    case ValueType::U8:
      return c.read<uint8_t>(what);
    case ValueType::I8:
      return c.read<int8_t>(what);
    case ValueType::U16:
      return c.read<uint16_t>(what);
    case ValueType::I16:
      return c.read<int16_t>(what);
    case ValueType::U32:
      return c.read<uint32_t>(what);
    case ValueType::I32:
      return c.read<int32_t>(what);
    case ValueType::U64:
      return static_cast<int64_t>(c.read<uint64_t>(what));
    case ValueType::I64:
      return c.read<int64_t>(what);
    case ValueType::BOOL:
      return c.read<uint8_t>(what) != 0 ? 1 : 0;
    default:
      c.fail(what, "not an integer type");
  }
}

double read_floating(Cursor& c, ValueType t, const std::string& what) {
  if (t == ValueType::F32) return c.read<float>(what);
  return c.read<double>(what);
}

Value read_value(Cursor& c, ValueType t, const std::string& what, int depth);

Value read_array(Cursor& c, const std::string& what, int depth) {
  if (depth >= kMaxArrayDepth) c.fail(what, "arrays nested too deeply");
  uint32_t raw_elem = c.read<uint32_t>(what + " (array element type)");
  if (!valid_value_type(raw_elem)) {
    c.fail(what, "unknown array element type " + std::to_string(raw_elem));
  }
  auto elem = static_cast<ValueType>(raw_elem);
  uint64_t n = c.read<uint64_t>(what + " (array length)");
  if (n > kMaxArrayLength) {
    c.fail(what, "array length " + std::to_string(n) + " exceeds the limit of " +
                     std::to_string(kMaxArrayLength));
  }
  if (n > c.remaining() / min_encoded_size(elem)) {
    c.fail(what, "array length " + std::to_string(n) + " cannot fit in the " +
                     std::to_string(c.remaining()) + " bytes left");
  }
  Value v;
  v.type = ValueType::ARRAY;
  v.array_type = elem;
  if (elem == ValueType::STRING) {
    v.strings.reserve(n);
    for (uint64_t i = 0; i < n; ++i) v.strings.push_back(c.read_string(what));
  } else if (elem == ValueType::ARRAY) {
    v.arrays.reserve(n);
    for (uint64_t i = 0; i < n; ++i) v.arrays.push_back(read_array(c, what, depth + 1));
  } else if (elem == ValueType::F32 || elem == ValueType::F64) {
    v.floats.reserve(n);
    for (uint64_t i = 0; i < n; ++i) v.floats.push_back(read_floating(c, elem, what));
  } else {
    v.ints.reserve(n);
    for (uint64_t i = 0; i < n; ++i) v.ints.push_back(read_integer(c, elem, what));
  }
  return v;
}

Value read_value(Cursor& c, ValueType t, const std::string& what, int depth) {
  switch (t) {
    case ValueType::STRING:
      return Value::str(c.read_string(what));
    case ValueType::ARRAY:
      return read_array(c, what, depth);
    case ValueType::F32:
    case ValueType::F64:
      return Value::floating(t, read_floating(c, t, what));
    default:
      return Value::integer(t, read_integer(c, t, what));
  }
}

}  // namespace

// Fills a File from its bytes; a friend so it can write File's private members.
class Parser {
 public:
  Parser(File& f, std::string origin) : f_(f), c_(f.base_, f.size_, std::move(origin)) {}

  void parse() {
    read_header();
    for (uint64_t i = 0; i < n_kv_; ++i) read_kv(i);
    read_alignment();
    for (uint64_t i = 0; i < n_tensors_; ++i) read_tensor_info(i);
    place_tensors();
  }

 private:
  void read_header() {
    c_.need(4, "magic");
    if (std::memcmp(f_.base_, "GGUF", 4) != 0) c_.fail("magic", "not a GGUF file (bad magic)");
    c_.read<uint32_t>("magic");
    uint32_t version = c_.read<uint32_t>("version");
    if (version == 1) c_.fail("version", "unsupported GGUF version 1 (only v2 and v3 are read)");
    if (version != 2 && version != 3) {
      c_.fail("version", "unknown GGUF version " + std::to_string(version) +
                             " (big-endian files are not supported)");
    }
    f_.version_ = version;
    n_tensors_ = c_.read<uint64_t>("tensor count");
    n_kv_ = c_.read<uint64_t>("metadata count");
    // Each entry needs at least 13 bytes (key length, type, one byte of value), each tensor
    // info at least 32: larger counts cannot be honest.
    if (n_kv_ > kMaxEntries || n_kv_ > c_.remaining() / 13) {
      c_.fail("metadata count", "absurd count " + std::to_string(n_kv_) + " for a file of " +
                                    std::to_string(c_.size()) + " bytes");
    }
    if (n_tensors_ > kMaxEntries || n_tensors_ > c_.remaining() / 32) {
      c_.fail("tensor count", "absurd count " + std::to_string(n_tensors_) + " for a file of " +
                                  std::to_string(c_.size()) + " bytes");
    }
  }

  void read_kv(uint64_t index) {
    std::string key = c_.read_string("metadata key #" + std::to_string(index));
    std::string what = "key '" + key + "'";
    uint32_t raw_type = c_.read<uint32_t>(what + " (value type)");
    if (!valid_value_type(raw_type)) {
      c_.fail(what, "unknown value type " + std::to_string(raw_type));
    }
    Value v = read_value(c_, static_cast<ValueType>(raw_type), what, 0);
    if (f_.kv_.count(key)) c_.fail(what, "duplicate key");
    f_.key_order_.push_back(key);
    f_.kv_.emplace(std::move(key), std::move(v));
  }

  void read_alignment() {
    auto it = f_.kv_.find("general.alignment");
    if (it == f_.kv_.end()) return;
    const Value& v = it->second;
    if (!is_integer_type(v.type) || v.type == ValueType::BOOL) {
      c_.fail("key 'general.alignment'",
              "must be an integer, got " + std::string(value_type_name(v.type)));
    }
    auto a = static_cast<uint64_t>(v.int_value);
    if (a == 0 || (a & (a - 1)) != 0 || a > kMaxAlignment) {
      c_.fail("key 'general.alignment'",
              "must be a power of two up to 2^30, got " + std::to_string(v.int_value));
    }
    f_.alignment_ = a;
  }

  void read_tensor_info(uint64_t index) {
    TensorInfo t;
    t.name = c_.read_string("tensor #" + std::to_string(index) + " name");
    std::string what = "tensor '" + t.name + "'";
    uint32_t n_dims = c_.read<uint32_t>(what + " (n_dims)");
    if (n_dims == 0 || n_dims > kMaxDims) {
      c_.fail(what, "n_dims " + std::to_string(n_dims) + " outside 1.." + std::to_string(kMaxDims));
    }
    for (uint32_t d = 0; d < n_dims; ++d) {
      auto dim = static_cast<int64_t>(c_.read<uint64_t>(what + " (dims)"));
      if (dim <= 0) c_.fail(what, "dimension " + std::to_string(d) + " is not positive");
      t.dims.push_back(dim);
    }
    uint32_t raw_type = c_.read<uint32_t>(what + " (type)");
    t.type = static_cast<GgmlType>(raw_type);
    int64_t block_elems = 0;
    if (!type_geometry(t.type, &block_elems, nullptr)) {
      c_.fail(what, "unknown tensor type " + std::to_string(raw_type));
    }
    if (t.dims[0] % block_elems != 0) {
      c_.fail(what, "row length " + std::to_string(t.dims[0]) + " is not a multiple of the " +
                        type_name(t.type) + " block size " + std::to_string(block_elems));
    }
    auto size = tensor_size_bytes(t.type, t.dims);
    if (!size) c_.fail(what, "element count overflows");
    t.size_bytes = *size;
    t.offset = c_.read<uint64_t>(what + " (offset)");
    if (f_.tensor_index_.count(t.name)) c_.fail(what, "duplicate tensor name");
    f_.tensor_index_.emplace(t.name, f_.tensors_.size());
    f_.tensors_.push_back(std::move(t));
  }

  void place_tensors() {
    uint64_t pos = c_.pos();
    uint64_t data = (pos + f_.alignment_ - 1) / f_.alignment_ * f_.alignment_;
    f_.data_offset_ = data;
    if (f_.tensors_.empty()) return;
    if (data > f_.size_) {
      c_.fail("data section", "starts at " + std::to_string(data) + ", past the end of the file");
    }
    uint64_t avail = f_.size_ - data;
    for (TensorInfo& t : f_.tensors_) {
      std::string what = "tensor '" + t.name + "'";
      if (t.offset % f_.alignment_ != 0) {
        c_.fail(what, "data offset " + std::to_string(t.offset) + " is not a multiple of the " +
                          "alignment " + std::to_string(f_.alignment_));
      }
      if (t.offset > avail || t.size_bytes > avail - t.offset) {
        c_.fail(what, "data [" + std::to_string(t.offset) + ", +" + std::to_string(t.size_bytes) +
                          ") runs past the end of the data section (" + std::to_string(avail) +
                          " bytes)");
      }
      t.data = f_.base_ + data + t.offset;
    }
  }

  File& f_;
  Cursor c_;
  uint64_t n_tensors_ = 0;
  uint64_t n_kv_ = 0;
};

File::File() = default;
File::~File() = default;

Expected<std::unique_ptr<File>> File::from_bytes(std::string bytes) {
  std::unique_ptr<File> f(new File());
  f->owned_bytes_ = std::move(bytes);
  f->base_ = reinterpret_cast<const uint8_t*>(f->owned_bytes_.data());
  f->size_ = f->owned_bytes_.size();
  try {
    Parser(*f, "<bytes>").parse();
  } catch (const std::exception& e) {
    return Error{std::string("gguf: ") + e.what()};
  }
  return f;
}

Expected<std::unique_ptr<File>> File::open(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Error{"gguf: " + path + ": cannot open: " + std::strerror(errno)};
  struct stat st {};
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return Error{"gguf: " + path + ": not a regular file"};
  }
  if (st.st_size == 0) {
    ::close(fd);
    return Error{"gguf: " + path + ": empty file"};
  }
  auto size = static_cast<size_t>(st.st_size);
  void* addr = mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  int map_errno = errno;
  ::close(fd);
  if (addr == MAP_FAILED) {
    return Error{"gguf: " + path + ": mmap failed: " + std::strerror(map_errno)};
  }
  std::unique_ptr<File> f(new File());
  f->mapping_ = std::make_unique<Mapping>(addr, size);
  f->base_ = f->mapping_->data();
  f->size_ = size;
  try {
    Parser(*f, path).parse();
  } catch (const std::exception& e) {
    return Error{std::string("gguf: ") + e.what()};
  }
  return f;
}

bool File::has(const std::string& key) const {
  return kv_.count(key) != 0;
}

const Value* File::get(const std::string& key) const {
  auto it = kv_.find(key);
  return it == kv_.end() ? nullptr : &it->second;
}

std::vector<std::string> File::keys() const {
  return key_order_;
}

const TensorInfo* File::tensor(const std::string& name) const {
  auto it = tensor_index_.find(name);
  return it == tensor_index_.end() ? nullptr : &tensors_[it->second];
}

}  // namespace ys::gguf
