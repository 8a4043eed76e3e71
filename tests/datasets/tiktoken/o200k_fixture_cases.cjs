// Reference token ids, from js-tiktoken itself, for llama.cpp's tokenizer test strings in the
// shared fixtures (../shared/fixtures/tokenizer/ggml-vocab-gpt-2.gguf.inp: 46 strings separated
// by "\n__ggml_vocab_test__\n"; whitespace runs, tabs, newlines, Unicode, code):
//   D=$(mktemp -d) && (cd $D && npm install js-tiktoken@1.0.21)
//   node tests/datasets/tiktoken/o200k_fixture_cases.cjs $D/node_modules/js-tiktoken \
//     ../shared/fixtures/tokenizer/ggml-vocab-gpt-2.gguf.inp > tests/datasets/tiktoken/o200k_fixture_cases.jsonl
// One line per string, in file order: {"index": i, "tokens": [...]} (the text stays in the fixture).
const fs = require("fs");
const path = require("path");
const { Tiktoken } = require(path.join(process.argv[2], "dist/lite.cjs"));
const ranks = require(path.join(process.argv[2], "dist/ranks/o200k_base.cjs"));
const enc = new Tiktoken(ranks.default || ranks);
const parts = fs.readFileSync(process.argv[3], "utf8").split("\n__ggml_vocab_test__\n");
parts.pop();  // the text after the last separator
parts.forEach((text, index) => {
  process.stdout.write(JSON.stringify({ index, tokens: enc.encode(text, [], []) }) + "\n");
});
