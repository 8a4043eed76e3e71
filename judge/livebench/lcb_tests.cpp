// Reading a LiveCodeBench question's test cases (public_test_cases, private_test_cases,
// original_json.metadata) into the runner's input.
#include <zlib.h>

#include "judge/livebench/coding.h"

namespace ys::livebench {
namespace {

Expected<std::string> base64_decode(std::string_view in) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : in) {
    if (c == '=' || c == '\n' || c == '\r') continue;
    const int v = value(c);
    if (v < 0) return Error{"not base64"};
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

Expected<std::string> inflate_all(const std::string& in) {
  z_stream z{};
  if (inflateInit(&z) != Z_OK) return Error{"zlib init failed"};
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  std::string out;
  char buf[1 << 16];
  int rc = Z_OK;
  while (rc == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    rc = inflate(&z, Z_NO_FLUSH);
    out.append(buf, sizeof buf - z.avail_out);
    if (out.size() > (size_t{1} << 30)) rc = Z_MEM_ERROR;
  }
  inflateEnd(&z);
  if (rc != Z_STREAM_END) return Error{"not a zlib stream"};
  return out;
}

// A pickle (protocol 2-5) whose whole content is one str: PROTO, FRAME, one of the three
// BINUNICODE opcodes, MEMOIZE, STOP.
Expected<std::string> unpickle_str(const std::string& p) {
  size_t i = 0;
  auto need = [&](size_t n) { return i + n <= p.size(); };
  auto read_le = [&](size_t n) {
    unsigned long long v = 0;
    for (size_t k = 0; k < n; ++k)
      v |= static_cast<unsigned long long>(static_cast<unsigned char>(p[i + k])) << (8 * k);
    i += n;
    return v;
  };
  if (need(2) && static_cast<unsigned char>(p[i]) == 0x80) i += 2;
  if (need(9) && p[i] == '\x95') {
    ++i;
    read_le(8);
  }
  if (!need(1)) return Error{"empty pickle"};
  const auto op = static_cast<unsigned char>(p[i++]);
  const size_t len_bytes = op == 0x8c ? 1 : op == 'X' ? 4 : op == 0x8d ? 8 : 0;
  if (!len_bytes || !need(len_bytes)) return Error{"pickle does not hold a single str"};
  const auto len = read_le(len_bytes);
  if (!need(len)) return Error{"pickle is cut short"};
  return p.substr(i, len);
}

Expected<Json> parse_cases(const Json& field, const char* name) {
  if (!field.is_string()) return Error{std::string("field '") + name + "' is not a string"};
  const std::string& text = field.get_ref<const std::string&>();
  Json cases = Json::parse(text, nullptr, false);
  if (cases.is_discarded()) {
    auto raw = base64_decode(text);
    auto unzipped = raw ? inflate_all(*raw) : Expected<std::string>(raw.error());
    auto json_text = unzipped ? unpickle_str(*unzipped) : Expected<std::string>(unzipped.error());
    if (!json_text) return Error{std::string("field '") + name + "': " + json_text.error().message};
    cases = Json::parse(*json_text, nullptr, false);
  }
  if (!cases.is_array()) return Error{std::string("field '") + name + "' is not a list of tests"};
  return cases;
}

}  // namespace

Expected<Json> lcb_test_spec(const Question& question) {
  const Json& r = question.record;
  Json spec = {{"inputs", Json::array()}, {"outputs", Json::array()}, {"fn_name", nullptr}};
  for (const char* name : {"public_test_cases", "private_test_cases"}) {
    if (!r.contains(name)) return Error{std::string("field '") + name + "' is missing"};
    auto cases = parse_cases(r.at(name), name);
    if (!cases) return cases.error();
    for (const Json& t : *cases) {
      if (!t.is_object() || !t.contains("input") || !t.contains("output") ||
          !t.at("input").is_string() || !t.at("output").is_string()) {
        return Error{std::string("field '") + name + "' has a test without string input/output"};
      }
      spec["inputs"].push_back(t.at("input"));
      spec["outputs"].push_back(t.at("output"));
    }
  }
  const auto oj = r.find("original_json");
  const Json* meta =
      oj != r.end() && oj->is_object() && oj->contains("metadata") ? &oj->at("metadata") : nullptr;
  if (!meta || !meta->is_string()) return Error{"field 'original_json.metadata' is missing"};
  const Json m = Json::parse(meta->get<std::string>(), nullptr, false);
  if (!m.is_object()) return Error{"field 'original_json.metadata' is not a JSON object"};
  if (m.contains("func_name") && m.at("func_name").is_string()) spec["fn_name"] = m.at("func_name");
  return spec;
}

}  // namespace ys::livebench
