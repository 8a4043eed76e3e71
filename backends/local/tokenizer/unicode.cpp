#include "backends/local/tokenizer/unicode.h"

#include <algorithm>
#include <array>

namespace ys::engine::unicode {

extern const CodepointRange kLetterRanges[];
extern const size_t kLetterRanges_count;
extern const CodepointRange kNumberRanges[];
extern const size_t kNumberRanges_count;
extern const CodepointRange kWhitespaceRanges[];
extern const size_t kWhitespaceRanges_count;

namespace {

bool in_ranges(const CodepointRange* ranges, size_t n, uint32_t cp) {
  const CodepointRange* end = ranges + n;
  const CodepointRange* it = std::upper_bound(
      ranges, end, cp, [](uint32_t c, const CodepointRange& r) { return c < r.first; });
  return it != ranges && cp <= (it - 1)->last;
}

// Flags for the first 64K codepoints, built once: most text never needs the binary search.
enum : uint8_t { kLetter = 1, kNumber = 2, kSpace = 4 };

const std::array<uint8_t, 0x10000>& bmp_flags() {
  static const auto table = [] {
    std::array<uint8_t, 0x10000> t{};
    auto mark = [&t](const CodepointRange* r, size_t n, uint8_t flag) {
      for (size_t i = 0; i < n; ++i) {
        for (uint32_t cp = r[i].first; cp <= r[i].last && cp < 0x10000; ++cp) t[cp] |= flag;
      }
    };
    mark(kLetterRanges, kLetterRanges_count, kLetter);
    mark(kNumberRanges, kNumberRanges_count, kNumber);
    mark(kWhitespaceRanges, kWhitespaceRanges_count, kSpace);
    return t;
  }();
  return table;
}

// GPT-2's bytes_to_unicode: printable Latin-1 bytes map to themselves, the other 68 bytes to
// U+0100 onwards in byte order.
struct ByteAlphabet {
  std::array<std::string, 256> symbols;
  std::array<int, 512> inverse{};  // every mapped codepoint is below U+0144
  ByteAlphabet() {
    inverse.fill(-1);
    uint32_t next = 256;
    for (int b = 0; b < 256; ++b) {
      bool printable = (b >= 0x21 && b <= 0x7E) || (b >= 0xA1 && b <= 0xAC) || b >= 0xAE;
      uint32_t cp = printable ? static_cast<uint32_t>(b) : next++;
      append_utf8(cp, &symbols[b]);
      inverse[cp] = b;
    }
  }
};

const ByteAlphabet& alphabet() {
  static const ByteAlphabet a;
  return a;
}

}  // namespace

size_t utf8_sequence_length(uint8_t lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  if ((lead & 0xF8) == 0xF0) return 4;
  return 1;
}

std::vector<uint32_t> decode_utf8(std::string_view text) {
  std::vector<uint32_t> out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    auto lead = static_cast<uint8_t>(text[i]);
    size_t len = utf8_sequence_length(lead);
    if (len == 1) {
      out.push_back(lead < 0x80 ? lead : kReplacement);
      ++i;
      continue;
    }
    uint32_t cp = lead & (0x7F >> len);
    bool ok = i + len <= text.size();
    for (size_t k = 1; ok && k < len; ++k) {
      auto c = static_cast<uint8_t>(text[i + k]);
      ok = (c & 0xC0) == 0x80;
      cp = (cp << 6) | (c & 0x3F);
    }
    if (!ok) {
      out.push_back(kReplacement);
      ++i;
      continue;
    }
    out.push_back(cp);
    i += len;
  }
  return out;
}

void append_utf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

size_t incomplete_utf8_tail(std::string_view text) {
  // Look back at most 3 bytes for a lead byte whose sequence runs past the end.
  size_t n = text.size();
  for (size_t back = 1; back <= 3 && back <= n; ++back) {
    auto c = static_cast<uint8_t>(text[n - back]);
    if ((c & 0xC0) == 0x80) continue;  // continuation byte: keep looking for the lead
    size_t len = utf8_sequence_length(c);
    return len > back ? back : 0;
  }
  return 0;
}

bool is_letter(uint32_t cp) {
  if (cp < 0x10000) return bmp_flags()[cp] & kLetter;
  return in_ranges(kLetterRanges, kLetterRanges_count, cp);
}

bool is_number(uint32_t cp) {
  if (cp < 0x10000) return bmp_flags()[cp] & kNumber;
  return in_ranges(kNumberRanges, kNumberRanges_count, cp);
}

bool is_whitespace(uint32_t cp) {
  if (cp < 0x10000) return bmp_flags()[cp] & kSpace;
  return false;
}

const std::string& byte_to_symbol(uint8_t byte) {
  return alphabet().symbols[byte];
}

int symbol_to_byte(uint32_t cp) {
  return cp < 512 ? alphabet().inverse[cp] : -1;
}

}  // namespace ys::engine::unicode
