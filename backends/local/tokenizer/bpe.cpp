#include <queue>
#include <string>

#include "backends/local/tokenizer/encoders.h"
#include "backends/local/tokenizer/piece_list.h"
#include "backends/local/tokenizer/unicode.h"

namespace ys::engine {
namespace {

struct Bigram {
  int left;
  int right;
  int32_t rank;
  std::string text;
};

struct LowerRankFirst {
  bool operator()(const Bigram& a, const Bigram& b) const {
    return a.rank > b.rank || (a.rank == b.rank && a.left > b.left);
  }
};

class WordMerger {
 public:
  WordMerger(const Vocab& vocab, const std::string& word) : vocab_(vocab), word_(word) {}

  void run(std::vector<int32_t>* out) {
    split_chars();
    for (size_t i = 1; i < symbols_.size(); ++i) add_bigram(static_cast<int>(i) - 1, i);
    while (!queue_.empty()) {
      Bigram b = queue_.top();
      queue_.pop();
      Piece& l = symbols_[b.left];
      Piece& r = symbols_[b.right];
      if (l.size == 0 || r.size == 0 ||
          std::string_view(word_).substr(l.begin, l.size + r.size) != b.text)
        continue;
      merge_pieces(symbols_, b.left, b.right);
      add_bigram(l.prev, b.left);
      add_bigram(b.left, l.next);
    }
    emit(out);
  }

 private:
  std::string_view piece(const Piece& s) const {
    return std::string_view(word_).substr(s.begin, s.size);
  }

  void split_chars() {
    symbols_ =
        split_pieces(word_, [](uint8_t lead) { return unicode::utf8_sequence_length(lead); });
  }

  void add_bigram(int left, int right) {
    if (left < 0 || right < 0) return;
    std::string_view l = piece(symbols_[left]);
    std::string_view r = piece(symbols_[right]);
    int32_t rank = vocab_.rank(l, r);
    if (rank < 0) return;
    std::string text(l);
    text.append(r);
    queue_.push({left, right, rank, std::move(text)});
  }

  void emit(std::vector<int32_t>* out) const {
    for (const Piece& s : symbols_) {
      if (s.size == 0) continue;
      int32_t id = vocab_.find(piece(s));
      if (id >= 0) {
        out->push_back(id);
        continue;
      }
      for (char byte : piece(s)) {  // unknown piece: its single bytes, where they are tokens
        int32_t b = vocab_.find(std::string(1, byte));
        if (b >= 0) out->push_back(b);
      }
    }
  }

  const Vocab& vocab_;
  const std::string& word_;
  std::vector<Piece> symbols_;
  std::priority_queue<Bigram, std::vector<Bigram>, LowerRankFirst> queue_;
};

}  // namespace

void bpe_encode(const Vocab& vocab, std::string_view text, std::vector<int32_t>* out) {
  std::vector<uint32_t> cpts = unicode::decode_utf8(text);
  std::string utf8;
  std::string word;
  for (const WordSpan& span : pretokenize(vocab.pre, cpts)) {
    word.clear();
    for (size_t i = span.begin; i < span.begin + span.length; ++i) {
      utf8.clear();
      unicode::append_utf8(cpts[i], &utf8);
      for (char c : utf8) word += unicode::byte_to_symbol(static_cast<uint8_t>(c));
    }
    if (vocab.ignore_merges) {
      int32_t whole = vocab.find(word);
      if (whole >= 0) {
        out->push_back(whole);
        continue;
      }
    }
    WordMerger(vocab, word).run(out);
  }
}

}  // namespace ys::engine
