#include "judge/mmlu_pro/score.h"

#include <string_view>

#include "judge/mmlu_pro/extract.h"
#include "judge/mmlu_pro/python_random.h"
#include "judge/mmlu_pro/think.h"

namespace ys::mmlu_pro {
namespace {

struct Reference {
  char answer = 0;
  int n_options = 0;
  int64_t question_id = 0;
  int64_t guess_target = 0;  // what the official guess must hit: answer_index, as upstream
};

std::optional<Reference> parse_reference(const Json& ref, std::string* why) {
  if (!ref.is_object()) {
    *why = "reference is not an object";
    return std::nullopt;
  }
  const auto answer = ref.find("answer");
  const auto n = ref.find("n_options");
  if (answer == ref.end() || !answer->is_string() ||
      answer->get_ref<const std::string&>().size() != 1) {
    *why = "reference.answer must be one letter";
    return std::nullopt;
  }
  if (n == ref.end() || !n->is_number_integer() || n->get<int64_t>() < 1 ||
      n->get<int64_t>() > 10) {
    *why = "reference.n_options must be an integer in 1..10";
    return std::nullopt;
  }
  Reference out;
  out.answer = answer->get_ref<const std::string&>()[0];
  out.n_options = static_cast<int>(n->get<int64_t>());
  const auto id = ref.find("question_id");
  if (id != ref.end() && id->is_number_integer()) out.question_id = id->get<int64_t>();
  out.guess_target = out.answer - 'A';
  const auto index = ref.find("answer_index");
  if (index != ref.end() && index->is_number_integer()) out.guess_target = index->get<int64_t>();
  return out;
}

std::string remove_bold_markers(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '*' && i + 1 < text.size() && text[i + 1] == '*') {
      ++i;
      continue;
    }
    out.push_back(text[i]);
  }
  return out;
}

bool is_chat_rendering(const Item& item) {
  const auto it = item.meta.find("rendering");
  return it == item.meta.end() || !it->is_string() || it->get_ref<const std::string&>() == "chat";
}

Score error_score(std::string message) {
  Score s;
  s.status = ScoreStatus::error;
  s.method = "none";
  s.detail["metrics"] = {{"official", 0}};
  s.detail["error"] = std::move(message);
  return s;
}

}  // namespace

std::optional<OfficialDraw> official_draw_from_string(const std::string& name) {
  if (name == "per-run") return OfficialDraw::per_run;
  if (name == "reseed") return OfficialDraw::reseed;
  if (name == "per-question") return OfficialDraw::per_question;
  return std::nullopt;
}

std::string to_string(OfficialDraw draw) {
  switch (draw) {
    case OfficialDraw::per_run:
      return "per-run";
    case OfficialDraw::reseed:
      return "reseed";
    case OfficialDraw::per_question:
      break;
  }
  return "per-question";
}

std::vector<int> official_guesses_per_run(int64_t seed, const std::vector<int>& n_options) {
  PythonRandom rng(seed);
  std::vector<int> guesses;
  guesses.reserve(n_options.size());
  for (int n : n_options) guesses.push_back(static_cast<int>(rng.randint(0, n - 1)));
  return guesses;
}

std::vector<size_t> finalize_mmlu_pro_scores(const std::vector<const Item*>& items,
                                             std::vector<Score>& scores,
                                             const MmluProScoring& scoring) {
  if (scoring.draw != OfficialDraw::per_run) return {};
  std::vector<size_t> pending;
  std::vector<Reference> refs;
  std::vector<int> n_options;
  for (size_t i = 0; i < scores.size() && i < items.size(); ++i) {
    if (scores[i].status != ScoreStatus::unparsed) continue;
    std::string why;
    auto ref = parse_reference(items[i]->reference, &why);
    if (!ref) continue;
    pending.push_back(i);
    refs.push_back(*ref);
    n_options.push_back(ref->n_options);
  }
  const std::vector<int> guesses = official_guesses_per_run(scoring.seed, n_options);
  for (size_t j = 0; j < pending.size(); ++j) {
    Score& s = scores[pending[j]];
    s.detail.erase("official_pending");
    s.detail["official_guess"] = std::string(1, static_cast<char>('A' + guesses[j]));
    s.detail["metrics"] = {{"official", guesses[j] == refs[j].guess_target ? 1 : 0}};
  }
  return pending;
}

int official_guess(const MmluProScoring& scoring, int64_t question_id, int n_options) {
  const int64_t seed =
      scoring.draw == OfficialDraw::reseed ? scoring.seed : scoring.seed + question_id;
  PythonRandom rng(seed);
  return static_cast<int>(rng.randint(0, n_options - 1));
}

Score score_mmlu_pro(const Item& item, const Response& response, const MmluProScoring& scoring) {
  if (!response.ok()) return error_score("request failed: " + response.error);
  std::string why;
  const auto ref = parse_reference(item.reference, &why);
  if (!ref) return error_score(why);

  size_t reasoning_chars = count_code_points(response.reasoning);
  std::string text = response.text;
  bool unterminated = false;
  if (scoring.strip_think) {
    ThinkSplit split = strip_think_blocks(text);
    reasoning_chars += split.reasoning_chars;
    unterminated = split.unterminated;
    text = std::move(split.answer);
  }
  if (is_chat_rendering(item)) text = remove_bold_markers(text);

  const AnswerExtraction ex = extract_mmlu_pro_answer(text);
  Score s;
  s.method = to_string(ex.method);
  s.detail["reasoning_chars"] = reasoning_chars;
  if (unterminated) s.detail["think_unterminated"] = true;
  int official = 0;
  if (ex.found()) {
    s.extracted = std::string(1, ex.letter);
    s.value = ex.letter == ref->answer ? 1.0 : 0.0;
    official = static_cast<int>(s.value);
    if (ex.letter - 'A' >= ref->n_options) s.detail["out_of_range"] = true;
  } else {
    s.status = ScoreStatus::unparsed;
    if (scoring.draw == OfficialDraw::per_run) {
      s.detail["official_pending"] = true;  // finalize_mmlu_pro_scores draws
    } else {
      const int guess = official_guess(scoring, ref->question_id, ref->n_options);
      official = guess == ref->guess_target ? 1 : 0;
      s.detail["official_guess"] = std::string(1, static_cast<char>('A' + guess));
    }
  }
  s.detail["metrics"] = {{"official", official}};
  return s;
}

std::optional<double> macro_average(const std::vector<CategoryTally>& tallies) {
  double sum = 0;
  int used = 0;
  for (const auto& t : tallies) {
    if (t.n <= 0) continue;
    sum += t.correct / static_cast<double>(t.n);
    ++used;
  }
  if (used == 0) return std::nullopt;
  return sum / used;
}

}  // namespace ys::mmlu_pro
