#include "judge/livebench/difflib_ratio.h"

#include <algorithm>
#include <tuple>
#include <unordered_map>

namespace ys::livebench {
namespace {

std::vector<char32_t> code_points(std::string_view s) {
  std::vector<char32_t> out;
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = n == 1 ? c : c & (0x7F >> n);
    for (size_t k = 1; k < n && i + k < s.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += n;
  }
  return out;
}

// The second sequence with its b2j index (difflib's __chain_b, autojunk applied).
struct Indexed {
  std::vector<char32_t> b;
  std::unordered_map<char32_t, std::vector<int>> b2j;
  explicit Indexed(std::string_view text) : b(code_points(text)) {
    for (int j = 0; j < static_cast<int>(b.size()); ++j) b2j[b[j]].push_back(j);
    if (b.size() >= 200) {
      const size_t limit = b.size() / 100 + 1;
      for (auto it = b2j.begin(); it != b2j.end();)
        it = it->second.size() > limit ? b2j.erase(it) : std::next(it);
    }
  }
};

struct Block {
  int i, j, size;
};

// difflib find_longest_match (no junk; popular elements only extend a match at its ends).
Block longest_match(const std::vector<char32_t>& a, const Indexed& ib, int alo, int ahi, int blo,
                    int bhi, std::vector<int>& len, std::vector<int>& next_len) {
  Block best{alo, blo, 0};
  std::vector<int> touched, next_touched;
  for (int i = alo; i < ahi; ++i) {
    next_touched.clear();
    if (auto it = ib.b2j.find(a[i]); it != ib.b2j.end()) {
      for (int j : it->second) {
        if (j < blo) continue;
        if (j >= bhi) break;
        const int k = (j > 0 ? len[j - 1] : 0) + 1;
        next_len[j] = k;
        next_touched.push_back(j);
        if (k > best.size) best = {i - k + 1, j - k + 1, k};
      }
    }
    for (int j : touched) len[j] = 0;
    for (int j : next_touched) len[j] = next_len[j];
    for (int j : next_touched) next_len[j] = 0;
    touched.swap(next_touched);
  }
  for (int j : touched) len[j] = 0;
  const auto& b = ib.b;
  while (best.i > alo && best.j > blo && a[best.i - 1] == b[best.j - 1])
    --best.i, --best.j, ++best.size;
  while (best.i + best.size < ahi && best.j + best.size < bhi &&
         a[best.i + best.size] == b[best.j + best.size])
    ++best.size;
  return best;
}

int matched(const std::vector<char32_t>& a, const Indexed& ib) {
  std::vector<int> len(ib.b.size() + 1, 0), next_len(ib.b.size() + 1, 0);
  std::vector<std::tuple<int, int, int, int>> queue{
      {0, static_cast<int>(a.size()), 0, static_cast<int>(ib.b.size())}};
  int total = 0;
  while (!queue.empty()) {
    const auto [alo, ahi, blo, bhi] = queue.back();
    queue.pop_back();
    const Block m = longest_match(a, ib, alo, ahi, blo, bhi, len, next_len);
    if (m.size == 0) continue;
    total += m.size;
    if (alo < m.i && blo < m.j) queue.emplace_back(alo, m.i, blo, m.j);
    if (m.i + m.size < ahi && m.j + m.size < bhi)
      queue.emplace_back(m.i + m.size, ahi, m.j + m.size, bhi);
  }
  return total;
}

double ratio(const std::vector<char32_t>& a, const Indexed& ib) {
  const size_t n = a.size() + ib.b.size();
  return n ? 2.0 * matched(a, ib) / static_cast<double>(n) : 1.0;
}

}  // namespace

double sequence_ratio(std::string_view a, std::string_view b) {
  return ratio(code_points(a), Indexed(b));
}

std::optional<size_t> closest_match(std::string_view word,
                                    const std::vector<std::string>& possibilities) {
  const Indexed ib(word);
  std::optional<size_t> best;
  double best_ratio = -1;
  for (size_t k = 0; k < possibilities.size(); ++k) {
    const double r = ratio(code_points(possibilities[k]), ib);
    if (!best || r > best_ratio || (r == best_ratio && possibilities[k] > possibilities[*best])) {
      best = k;
      best_ratio = r;
    }
  }
  if (!best) return std::nullopt;
  const auto first = std::find(possibilities.begin(), possibilities.end(), possibilities[*best]);
  return static_cast<size_t>(first - possibilities.begin());
}

}  // namespace ys::livebench
