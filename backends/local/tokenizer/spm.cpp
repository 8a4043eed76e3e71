#include <queue>
#include <string>

#include "backends/local/tokenizer/encoders.h"
#include "backends/local/tokenizer/piece_list.h"

namespace ys::engine {
namespace {

// llama.cpp's lead-byte table: any byte >= 0xF0 starts a 4-byte piece, stray continuation bytes
// are pieces of their own.
size_t piece_length(char lead) {
  static const size_t kLookup[16] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 3, 4};
  return kLookup[static_cast<uint8_t>(lead) >> 4];
}

struct Bigram {
  int left;
  int right;
  float score;
  size_t size;
};

struct HigherScoreFirst {
  bool operator()(const Bigram& a, const Bigram& b) const {
    return a.score < b.score || (a.score == b.score && a.left > b.left);
  }
};

class SpmSession {
 public:
  SpmSession(const Vocab& vocab, std::string_view text) : vocab_(vocab), text_(text) {}

  void run(std::vector<int32_t>* out) {
    split_chars();
    for (size_t i = 1; i < symbols_.size(); ++i) add_bigram(static_cast<int>(i) - 1, i);
    while (!queue_.empty()) {
      Bigram b = queue_.top();
      queue_.pop();
      Piece& l = symbols_[b.left];
      Piece& r = symbols_[b.right];
      if (l.size == 0 || r.size == 0 || l.size + r.size != b.size) continue;
      merge_pieces(symbols_, b.left, b.right);
      add_bigram(l.prev, b.left);
      add_bigram(b.left, l.next);
    }
    if (symbols_.empty()) return;
    for (int i = 0; i != -1; i = symbols_[i].next) resegment(symbols_[i], out);
  }

 private:
  std::string_view piece(size_t begin, size_t size) const { return text_.substr(begin, size); }

  void split_chars() {
    symbols_ =
        split_pieces(text_, [](uint8_t lead) { return piece_length(static_cast<char>(lead)); });
  }

  void add_bigram(int left, int right) {
    if (left < 0 || right < 0) return;
    size_t size = symbols_[left].size + symbols_[right].size;
    std::string_view text = piece(symbols_[left].begin, size);
    int32_t id = vocab_.find(text);
    if (id < 0) return;
    queue_.push({left, right, vocab_.score[id], size});
  }

  // Only pairs whose concatenation is a token are merged, so every merged piece is a token; a
  // piece that is not is a single character missing from the vocabulary: emit its bytes.
  void resegment(const Piece& s, std::vector<int32_t>* out) const {
    std::string_view text = piece(s.begin, s.size);
    int32_t id = vocab_.find(text);
    if (id >= 0) {
      out->push_back(id);
      return;
    }
    for (char c : text) {
      int32_t b = vocab_.byte_token[static_cast<uint8_t>(c)];
      if (b >= 0) out->push_back(b);
    }
  }

  const Vocab& vocab_;
  std::string_view text_;
  std::vector<Piece> symbols_;
  std::priority_queue<Bigram, std::vector<Bigram>, HigherScoreFirst> queue_;
};

}  // namespace

void spm_encode(const Vocab& vocab, std::string_view text, std::vector<int32_t>* out) {
  SpmSession(vocab, text).run(out);
}

}  // namespace ys::engine
