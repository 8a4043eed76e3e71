#!/usr/bin/env python3
"""Writes lcb_questions.jsonl: hand-written LiveCodeBench-style questions in LiveBench's record
layout (public_test_cases and private_test_cases as JSON strings, one private set compressed the
way LiveCodeBench ships them: base64 of zlib of a pickled JSON string; original_json.metadata
with func_name for call-based problems; partial_solution for coding_completion).
Run from this folder: python3 gen_lcb_questions.py"""
import base64, json, pickle, zlib

def tests(pairs, kind):
    return [{"input": i, "output": o, "testtype": kind} for i, o in pairs]

def compressed(obj):
    return base64.b64encode(zlib.compress(pickle.dumps(json.dumps(obj)))).decode()

def record(qid, task, public, private, func_name=None, partial=None, compress=False):
    meta = json.dumps({"func_name": func_name} if func_name else {})
    r = {"question_id": qid, "category": "coding", "task": task,
         "turns": ["(hand-written test question)"],
         "public_test_cases": json.dumps(public),
         "private_test_cases": compressed(private) if compress else json.dumps(private),
         "original_json": {"metadata": meta}, "livebench_release_date": "2024-06-24"}
    if partial is not None:
        r["partial_solution"] = partial
    return r

questions = [
    # stdin: print the sum of two integers on one line
    record("sum-stdin", "LCB_generation", tests([("1 2\n", "3\n")], "stdin"),
           tests([("10 -4\n", "6\n"), ("0 0\n", "0\n")], "stdin")),
    # stdin with compressed private tests: print n lines "i*i"
    record("squares-stdin", "LCB_generation", tests([("3\n", "1\n4\n9\n")], "stdin"),
           tests([("1\n", "1\n"), ("2\n", "1\n4\n")], "stdin"), compress=True),
    # stdin, float answer: 1/n
    record("inverse-stdin", "LCB_generation", tests([("3\n", "0.333333333\n")], "stdin"),
           tests([("8\n", "0.125\n")], "stdin")),
    # call-based: two indices that add up to target
    record("two-sum", "LCB_generation",
           tests([("[2, 7, 11, 15]\n9", "[0, 1]")], "functional"),
           tests([("[3, 2, 4]\n6", "[1, 2]"), ("[3, 3]\n6", "[0, 1]")], "functional"),
           func_name="twoSum"),
    # completion: the model continues the given partial solution
    record("double-completion", "coding_completion",
           tests([("4", "8")], "functional"), tests([("-3", "-6"), ("0", "0")], "functional"),
           func_name="double",
           partial="class Solution:\n    def double(self, x: int) -> int:"),
]

with open("lcb_questions.jsonl", "w") as f:
    for q in questions:
        f.write(json.dumps(q) + "\n")
