#include "backends/local/tokenizer/vocab.h"

#include <algorithm>

namespace ys::engine {
namespace {

const std::string kPrefix = "tokenizer.ggml.";

Error vocab_error(const std::string& key, const std::string& problem) {
  return Error{"tokenizer: key '" + kPrefix + key + "': " + problem};
}

std::optional<Error> read_kind(const gguf::File& f, Vocab* v) {
  auto model = f.get_string(kPrefix + "model");
  if (!model) return vocab_error("model", "missing or not a string");
  if (*model == "llama") {
    v->kind = VocabKind::spm;
    v->add_bos = true;
    return std::nullopt;
  }
  if (*model != "gpt2") {
    return vocab_error("model",
                       "unsupported tokenizer model '" + *model + "' (supported: gpt2, llama)");
  }
  v->kind = VocabKind::bpe;
  v->add_space_prefix = false;
  std::string pre = f.get_string(kPrefix + "pre").value_or("default");
  auto family = pre_tokenizer_from_name(pre);
  if (!family) {
    return vocab_error("pre",
                       "unsupported pre-tokenizer '" + pre +
                           "' (supported: llama-bpe, qwen2, gpt-2, smollm and their aliases)");
  }
  v->pre = *family;
  v->ignore_merges = *family == PreTokenizer::llama3;
  v->add_bos = *family == PreTokenizer::llama3;
  return std::nullopt;
}

std::optional<Error> read_tokens(const gguf::File& f, Vocab* v) {
  const std::vector<std::string>* tokens = f.get_string_array(kPrefix + "tokens");
  if (!tokens || tokens->empty()) return vocab_error("tokens", "missing or not a string array");
  size_t n = tokens->size();
  if (n > static_cast<size_t>(INT32_MAX)) return vocab_error("tokens", "too many tokens");
  v->text = *tokens;
  v->id_of.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    if (v->text[i].empty()) v->text[i] = "[EMPTY_" + std::to_string(i) + "]";
    v->id_of.insert(v->text[i], static_cast<int32_t>(i), false);
  }
  v->type.assign(n, TokenType::normal);
  if (f.has(kPrefix + "token_type")) {
    auto types = f.get_int_array(kPrefix + "token_type");
    if (!types || types->size() != n) {
      return vocab_error("token_type", "must be an integer array with one entry per token");
    }
    for (size_t i = 0; i < n; ++i) {
      int64_t t = (*types)[i];
      v->type[i] = (t >= 0 && t <= 6) ? static_cast<TokenType>(t) : TokenType::undefined;
    }
  }
  v->score.assign(n, 0.0f);
  if (f.has(kPrefix + "scores")) {
    auto scores = f.get_float_array(kPrefix + "scores");
    if (!scores || scores->size() != n) {
      return vocab_error("scores", "must be a float array with one entry per token");
    }
    std::transform(scores->begin(), scores->end(), v->score.begin(),
                   [](double s) { return static_cast<float>(s); });
  }
  return std::nullopt;
}

std::optional<Error> read_merges(const gguf::File& f, Vocab* v) {
  if (v->kind != VocabKind::bpe) return std::nullopt;
  const std::vector<std::string>* merges = f.get_string_array(kPrefix + "merges");
  if (!merges) return vocab_error("merges", "missing or not a string array (required for gpt2)");
  v->merge_rank.reserve(merges->size());
  for (size_t i = 0; i < merges->size(); ++i) {
    std::string_view m = (*merges)[i];
    size_t space = m.find(' ', 1);
    if (space == std::string::npos) {
      return vocab_error("merges",
                         "entry " + std::to_string(i) + " has no space: '" + std::string(m) + "'");
    }
    std::string_view left = m.substr(0, space);
    std::string_view right = m.substr(space + 1);
    int32_t l = v->find(left);
    int32_t r = v->find(right);
    auto rank = static_cast<int32_t>(i);
    if (l >= 0 && r >= 0) {
      v->merge_rank.insert(Vocab::pair_key(l, r), rank, true);  // first rank wins
    } else {
      v->merge_rank_by_text.emplace(Vocab::merge_key(left, right), rank);
    }
  }
  return std::nullopt;
}

std::optional<Error> read_special_id(const gguf::File& f, const std::string& key, int32_t* out) {
  if (!f.has(kPrefix + key)) return std::nullopt;
  auto id = f.get_int(kPrefix + key);
  if (!id) return vocab_error(key, "not an integer");
  if (*id == -1 || *id == 0xFFFFFFFFLL) {  // written by some converters for "none"
    *out = -1;
    return std::nullopt;
  }
  if (*id < 0 || *id > INT32_MAX) {
    return vocab_error(key, "id " + std::to_string(*id) + " out of range");
  }
  *out = static_cast<int32_t>(*id);
  return std::nullopt;
}

std::optional<Error> read_specials(const gguf::File& f, Vocab* v) {
  if (v->kind == VocabKind::spm) {
    v->bos = 1;
    v->eos = 2;
    v->unk = 0;
  }
  struct Row {
    const char* key;
    int32_t* id;
  };
  for (Row r : {Row{"bos_token_id", &v->bos}, Row{"eos_token_id", &v->eos},
                Row{"eot_token_id", &v->eot}, Row{"eom_token_id", &v->eom},
                Row{"unknown_token_id", &v->unk}, Row{"padding_token_id", &v->pad}}) {
    if (auto err = read_special_id(f, r.key, r.id)) return err;
    if (*r.id >= v->n_tokens()) {
      return vocab_error(r.key, "id " + std::to_string(*r.id) + " is past the vocabulary size " +
                                    std::to_string(v->n_tokens()));
    }
  }
  if (auto b = f.get_bool(kPrefix + "add_bos_token")) v->add_bos = *b;
  if (auto e = f.get_bool(kPrefix + "add_eos_token")) v->add_eos = *e;
  if (auto s = f.get_bool(kPrefix + "add_space_prefix")) v->add_space_prefix = *s;
  if (v->add_bos && v->bos < 0) return vocab_error("add_bos_token", "true but no BOS token id");
  return std::nullopt;
}

// End of generation: the declared ids plus tokens that chat formats use to end a turn.
void find_end_of_generation(Vocab* v) {
  static const char* const kEndTexts[] = {"<|eot_id|>",    "<|im_end|>",     "<|end|>",
                                          "<end_of_turn>", "<|endoftext|>",  "<|eom_id|>",
                                          "<EOT>",         "<|end_of_text|>"};
  if (v->eot < 0) {
    for (const char* t : kEndTexts) {
      int32_t id = v->find(t);
      if (id >= 0 && id != v->eos) {
        v->eot = id;
        break;
      }
    }
  }
  for (int32_t id : {v->eos, v->eot, v->eom}) {
    if (id >= 0) v->eog.push_back(id);
  }
  for (const char* t : kEndTexts) {
    int32_t id = v->find(t);
    if (id >= 0 && v->type[id] == TokenType::control) v->eog.push_back(id);
  }
  std::sort(v->eog.begin(), v->eog.end());
  v->eog.erase(std::unique(v->eog.begin(), v->eog.end()), v->eog.end());
}

void index_specials(Vocab* v) {
  for (int32_t id = 0; id < v->n_tokens(); ++id) {
    TokenType t = v->type[id];
    if (t == TokenType::control || t == TokenType::user_defined || t == TokenType::unknown) {
      v->special_by_length.push_back(id);
    }
  }
  std::stable_sort(v->special_by_length.begin(), v->special_by_length.end(),
                   [v](int32_t a, int32_t b) { return v->text[a].size() > v->text[b].size(); });
  std::fill(std::begin(v->byte_token), std::end(v->byte_token), -1);
  if (v->kind != VocabKind::spm) return;
  static const char kHex[] = "0123456789ABCDEF";
  for (int b = 0; b < 256; ++b) {
    std::string name = std::string("<0x") + kHex[b >> 4] + kHex[b & 15] + ">";
    int32_t id = v->find(name);
    if (id < 0) id = v->find(std::string(1, static_cast<char>(b)));
    v->byte_token[b] = id;
  }
}

}  // namespace

int32_t Vocab::find(std::string_view t) const {
  return id_of.find(t);
}

std::string Vocab::merge_key(std::string_view left, std::string_view right) {
  std::string key;
  key.reserve(left.size() + right.size() + 1);
  key.append(left);
  key.push_back('\0');
  key.append(right);
  return key;
}

int32_t Vocab::rank(std::string_view left, std::string_view right) const {
  int32_t l = find(left);
  int32_t r = find(right);
  if (l >= 0 && r >= 0) return merge_rank.find(pair_key(l, r));
  if (merge_rank_by_text.empty()) return -1;
  auto it = merge_rank_by_text.find(merge_key(left, right));
  return it == merge_rank_by_text.end() ? -1 : it->second;
}

Expected<Vocab> load_vocab(const gguf::File& file) {
  Vocab v;
  for (auto step : {read_kind, read_tokens, read_merges, read_specials}) {
    if (auto err = step(file, &v)) return *err;
  }
  index_specials(&v);
  find_end_of_generation(&v);
  return v;
}

}  // namespace ys::engine
