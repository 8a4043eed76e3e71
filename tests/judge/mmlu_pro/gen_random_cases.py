#!/usr/bin/env python3
"""Writes random_cases.jsonl: seeded random texts built from fragments that stress the extraction
rules, each with the letter and level that Python's `re` gives when running the official TIGER-Lab
chain (the oracle). Raw rendering, no think stripping. Run from the repository root:
    python3 tests/judge/mmlu_pro/gen_random_cases.py"""
import json
import random
import re

FRAGMENTS = ["answer is ", "answer is (", "Answer:", "answer:", "nswer: ", "The ", "A", "B", "E",
             "I", "J", "K", "a", "c", "(", ")", " ", "  ", "\n", "\t", "\u00a0", "\u200b", ".",
             ",", "_", "1", "\u00e9", "\u7b54", "\u201c", "\u2014", "x", "is", "ANSWER: ", "**"]


def official(text):
    m = re.search(r"answer is \(?([A-J])\)?", text)
    if m:
        return m.group(1), "answer-is"
    m = re.search(r".*[aA]nswer:\s*([A-J])", text)
    if m:
        return m.group(1), "answer-colon"
    m = re.search(r"\b[A-J]\b(?!.*\b[A-J]\b)", text, re.DOTALL)
    if m:
        return m.group(0), "last-letter"
    return None, "none"


rng = random.Random(20261128)
with open("tests/judge/mmlu_pro/random_cases.jsonl", "w") as f:
    for i in range(600):
        text = "".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(0, 30)))
        letter, method = official(text)
        f.write(json.dumps({"name": "random %d" % i, "input": text, "letter": letter,
                            "method": method}, ensure_ascii=False) + "\n")
