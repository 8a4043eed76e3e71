#include "datasets/tiktoken/o200k.h"

#include <cassert>
#include <limits>

#include "datasets/tiktoken/o200k_data.h"

namespace ys::tiktoken {
namespace {

constexpr uint32_t kNoRank = std::numeric_limits<uint32_t>::max();

int base64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

std::string base64_decode(std::string_view s) {
  std::string out;
  uint32_t buf = 0;
  int bits = 0;
  for (char c : s) {
    int v = base64_value(c);
    if (v < 0) break;  // '=' padding
    buf = (buf << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buf >> bits) & 0xFF));
    }
  }
  return out;
}

}  // namespace

const O200k& O200k::instance() {
  static const O200k tokenizer;
  return tokenizer;
}

// Line 1 is the header ("tiktoken-ranks/1 o200k_base N"); line r + 2 holds rank r in base64.
O200k::O200k() {
  std::string_view text = o200k_ranks_text();
  size_t pos = text.find('\n');
  assert(pos != std::string_view::npos && text.substr(0, 17) == "tiktoken-ranks/1 ");
  ranks_.reserve(200000);
  uint32_t rank = 0;
  for (++pos; pos < text.size();) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    if (end > pos) ranks_.emplace(base64_decode(text.substr(pos, end - pos)), rank++);
    pos = end + 1;
  }
}

// tiktoken's _byte_pair_merge: parts start at every byte; repeatedly merge the adjacent pair whose
// concatenation has the lowest rank (the leftmost of equal ranks) until no pair has a rank.
void O200k::merge_piece(std::string_view piece, std::vector<uint32_t>& out) const {
  auto whole = ranks_.find(std::string(piece));
  if (whole != ranks_.end()) {
    out.push_back(whole->second);
    return;
  }
  struct Part {
    size_t start;
    uint32_t rank;  // rank of this part joined with the next one
  };
  std::vector<Part> parts;
  auto rank_of = [&](size_t from, size_t to) {
    auto it = ranks_.find(std::string(piece.substr(from, to - from)));
    return it == ranks_.end() ? kNoRank : it->second;
  };
  for (size_t i = 0; i + 1 < piece.size(); ++i) parts.push_back({i, rank_of(i, i + 2)});
  parts.push_back({piece.size() - 1, kNoRank});
  parts.push_back({piece.size(), kNoRank});
  auto joined_rank = [&](size_t i) {
    return i + 3 < parts.size() ? rank_of(parts[i].start, parts[i + 3].start) : kNoRank;
  };
  while (true) {
    size_t best = 0;
    uint32_t best_rank = kNoRank;
    for (size_t i = 0; i + 1 < parts.size(); ++i) {
      if (parts[i].rank < best_rank) {
        best_rank = parts[i].rank;
        best = i;
      }
    }
    if (best_rank == kNoRank) break;
    if (best > 0) parts[best - 1].rank = joined_rank(best - 1);
    parts[best].rank = joined_rank(best);
    parts.erase(parts.begin() + static_cast<long>(best) + 1);
  }
  for (size_t i = 0; i + 1 < parts.size(); ++i) {
    uint32_t r = rank_of(parts[i].start, parts[i + 1].start);
    out.push_back(r);  // every single byte has a rank, so every part does
  }
}

std::vector<uint32_t> O200k::encode(std::string_view text) const {
  std::vector<uint32_t> out;
  for (std::string_view piece : o200k_pretokenize(text)) merge_piece(piece, out);
  return out;
}

int64_t O200k::count_tokens(std::string_view text) const {
  return static_cast<int64_t>(encode(text).size());
}

}  // namespace ys::tiktoken
