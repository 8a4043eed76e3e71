// libFuzzer entry point: the dataset loaders for published formats. The first byte picks the
// loader (MMLU-Pro JSON/JSONL records, Arena-Hard questions, answers, judgments); the rest is the
// file. Built by scripts/fuzz-parsers.sh. Any crash, sanitizer report, hang or unbounded memory is
// a bug: a hostile dataset file must only ever produce an Error naming its line.
#include <cstddef>
#include <cstdint>

#include "datasets/arena_hard/answers.h"
#include "datasets/arena_hard/judgments.h"
#include "datasets/arena_hard/questions.h"
#include "datasets/mmlu_pro/file.h"
#include "datasets/mmlu_pro/record.h"
#include "tests/fuzz/fuzz_file.h"

namespace {

void load_mmlu_pro(const std::string& path) {
  ys::mmlu_pro::MmluProQuirks quirks;
  (void)ys::mmlu_pro::for_each_mmlu_pro_json(
      path, [&quirks](const ys::Json& obj, const std::string& where) {
        auto record = ys::mmlu_pro::parse_mmlu_pro_record(obj, where, quirks);
        return record.ok() ? ys::ok_status() : ys::Status(record.error());
      });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  ys::fuzz::MemFile file(data + 1, size - 1);
  if (!file.ok()) return 0;
  switch (data[0] % 4) {
    case 0:
      load_mmlu_pro(file.path());
      break;
    case 1:
      (void)ys::arena::load_arena_questions(file.path());
      break;
    case 2:
      (void)ys::arena::load_arena_answers(file.path());
      break;
    default:
      (void)ys::arena::load_arena_judgments(file.path());
      break;
  }
  return 0;
}
