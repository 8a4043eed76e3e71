// Converts the o200k_base ranks shipped in the npm package js-tiktoken (dist/ranks/o200k_base.cjs)
// into datasets/tiktoken/o200k_base.ranks (format: datasets/tiktoken/README.md).
//   cd $(mktemp -d) && npm pack js-tiktoken && tar xzf js-tiktoken-*.tgz
//   node scripts/tiktoken-ranks-from-js.js package/dist/ranks/o200k_base.cjs > datasets/tiktoken/o200k_base.ranks
const src = require(require("path").resolve(process.argv[2]));
const ranks = src.default || src;
const byRank = [];
for (const line of ranks.bpe_ranks.split("\n").filter(Boolean)) {
  const [, offset, ...tokens] = line.split(" ");
  tokens.forEach((t, i) => { byRank[Number(offset) + i] = t; });
}
for (let r = 0; r < byRank.length; ++r) {
  if (byRank[r] === undefined) throw new Error("rank " + r + " missing: the format assumes no gaps");
}
process.stdout.write("tiktoken-ranks/1 o200k_base " + byRank.length + "\n" + byRank.join("\n") + "\n");
