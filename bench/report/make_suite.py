#!/usr/bin/env python3
"""Writes a custom-suite JSONL of N multiple-choice items in 14 categories (for report_bench.sh).

Each prompt is an MMLU-Pro-sized question (about 600 characters) with ten options; the reference
is one letter A-J, scored with the `exact` scorer. Deterministic: item i's letter is
"ABCDEFGHIJ"[(i * 7) % 10].
"""
import json
import sys

CATEGORIES = ["biology", "business", "chemistry", "computer science", "economics", "engineering",
              "health", "history", "law", "math", "other", "philosophy", "physics", "psychology"]


def main():
    n, path = int(sys.argv[1]), sys.argv[2]
    with open(path, "w") as out:
        for i in range(n):
            options = " ".join("(%s) option %d of question %d" % (c, k, i)
                               for k, c in enumerate("ABCDEFGHIJ"))
            prompt = ("Question %d. " % i + "Consider the following situation in some detail. " * 6
                      + "Which option is right? " + options + " Reply with the letter only.")
            out.write(json.dumps({"id": "q%05d" % i, "category": CATEGORIES[i % 14],
                                  "prompt": prompt, "reference": "ABCDEFGHIJ"[(i * 7) % 10],
                                  "scorer": "exact"}) + "\n")


if __name__ == "__main__":
    main()
