// Reference token ids for the o200k tokenizer test, from js-tiktoken itself:
//   D=$(mktemp -d) && (cd $D && npm install js-tiktoken@1.0.21)
//   node tests/datasets/tiktoken/o200k_cases.cjs $D/node_modules/js-tiktoken \
//     > tests/datasets/tiktoken/o200k_cases.jsonl
// (run from the repository root; written with js-tiktoken 1.0.21, node 20). Each line:
// {"text": ..., "tokens": [...]}; encode(text, [], []) = every special token as plain text, as
// upstream's disallowed_special=(). Texts avoid U+0085 and U+FEFF, where JavaScript's \s and
// tiktoken's (Rust) \s differ (docs/suites/arena-hard.md).
const path = require("path");
const { Tiktoken } = require(path.join(process.argv[2], "dist/lite.cjs"));
const ranks = require(path.join(process.argv[2], "dist/ranks/o200k_base.cjs"));
const enc = new Tiktoken(ranks.default || ranks);

const texts = [
  "", "Hello, world!", "hello world", "  leading spaces", "trailing spaces   ", "a\n\nb",
  "line one\r\nline two\r\n\r\n", "tabs\tand\t\ttabs", "    indented code\n        more",
  "I'm sure you're right, we'll see; they've done it, I'd say. DON'T SHOUT'S",
  "CamelCaseIdentifier and snake_case_name and SCREAMING_CASE",
  "Numbers: 1 12 123 1234 12345 3.14159 -42 1,000,000 ٣٤٥ ²³",
  "def f(x):\n    return x ** 2  # square\n\nprint(f(3))\n",
  "```python\nfor i in range(10):\n    print(i)\n```\n",
  "#include <stdio.h>\nint main(void) { printf(\"%d\\n\", 42); return 0; }",
  "<div class=\"a\">&nbsp;</div> https://example.com/path/to/file.html?q=1&r=2",
  "## Heading\n\n- item one\n- item two\n1. first\n2. second\n\n**bold** and __also__",
  "Emoji: 😀👍🏽👨‍👩‍👧‍👦 🇫🇷 ❤️ ✅",
  "中文文本：你好，世界！这是一个测试。", "日本語のテキスト、カタカナとひらがな。",
  "한국어 텍스트입니다.", "Ελληνικά και Русский текст", "עברית ועربية",
  "Ünïcödé àccénts: naïve café résumé Ærø ß İstanbul",
  "combining: e\u0301 a\u0308 n\u0303\u0303", "em\u2003space\u2003here \u3000ideographic",
  "nbsp\u00a0between\u00a0words and\u2009thin", "ǅungla ǈudevit Ǳ titlecase",
  "ʰʲ modifier letters ˈstress", "mixed123abc456DEF", "a/b/c//d\n/\n",
  "   \n   \n\n  x", "x  \t  y", "...!!!???;;;", "'quoted' \"double\" `back`",
  "<|endoftext|> is plain text here <|endofprompt|>",
  "ſtraße's 'S 'T 'RE 'Ve 'LL 'D 'm",
  "zero\u200bwidth\u200cjoiners\u200d", "math: ∀x∈ℝ, x²≥0 ⇒ √x", "Ⅻ Ⅳ roman numerals",
];
for (const text of texts) {
  process.stdout.write(JSON.stringify({ text, tokens: enc.encode(text, [], []) }) + "\n");
}
