// The pieces of one text fragment as a doubly linked list of byte ranges: the structure both merge
// algorithms (bpe.cpp, spm.cpp) work on. A merge extends the left piece over its right neighbour
// and empties the neighbour, so indices stay valid while the queue of candidate pairs drains.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace ys::engine {

struct Piece {
  size_t begin = 0;  // byte offset in the fragment
  size_t size = 0;   // 0 once merged into its left neighbour
  int prev = -1;
  int next = -1;
};

// One piece per character of `text`; char_length(lead byte) gives a character's bytes (cut at
// the end of the text).
template <typename CharLength>
std::vector<Piece> split_pieces(std::string_view text, CharLength char_length) {
  std::vector<Piece> pieces;
  size_t offset = 0;
  while (offset < text.size()) {
    size_t len =
        std::min<size_t>(char_length(static_cast<uint8_t>(text[offset])), text.size() - offset);
    int index = static_cast<int>(pieces.size());
    pieces.push_back({offset, len, index - 1, offset + len == text.size() ? -1 : index + 1});
    offset += len;
  }
  return pieces;
}

// Merges piece `right` into `left`, its left neighbour.
inline void merge_pieces(std::vector<Piece>& pieces, int left, int right) {
  Piece& l = pieces[static_cast<size_t>(left)];
  Piece& r = pieces[static_cast<size_t>(right)];
  l.size += r.size;
  r.size = 0;
  l.next = r.next;
  if (r.next >= 0) pieces[static_cast<size_t>(r.next)].prev = left;
}

}  // namespace ys::engine
