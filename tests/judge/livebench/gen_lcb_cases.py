#!/usr/bin/env python3
"""Writes lcb_cases.jsonl: model answers to the questions of lcb_questions.jsonl with the score
LiveBench's rules give them (the reason is in each case's name). Run from this folder."""
import json

def fence(code, lang="python"):
    return "Here is my solution.\n```%s\n%s\n```\nIt runs in O(n)." % (lang, code)

SUM = "a, b = map(int, input().split())\nprint(a + b)"
# A correct two-sum body, for the hostile answers: they would pass if the hostile step worked.
TWO_SUM = ("        for i in range(len(nums)):\n            for j in range(i + 1, len(nums)):\n"
           "                if nums[i] + nums[j] == target:\n                    return [i, j]")
cases = [
    ("stdin sum, correct", "sum-stdin", fence(SUM), 1),
    ("stdin sum, wrong", "sum-stdin", fence("a, b = map(int, input().split())\nprint(a - b)"), 0),
    ("stdin sum behind a __main__ guard, reading sys.stdin.readline", "sum-stdin",
     fence("import sys\ndef main():\n    a, b = map(int, sys.stdin.readline().split())\n"
           "    print(a + b)\n\nif __name__ == \"__main__\":\n    main()"), 1),
    ("the last of two code blocks is the one tested", "sum-stdin",
     fence("print(0)") + "\nBetter:\n" + fence(SUM, ""), 1),
    ("exit() is disabled as in LiveBench's guard: a runtime error", "sum-stdin",
     fence(SUM + "\nexit()"), 0),
    ("sys.exit() ends the program normally", "sum-stdin", fence(SUM + "\nimport sys\nsys.exit(0)"), 1),
    ("no code fence: nothing extracted", "sum-stdin", SUM, 0),
    ("a single fence line: nothing extracted", "sum-stdin", "```python\n" + SUM, 0),
    ("syntax error", "sum-stdin", fence("print(1 +"), 0),
    ("stdin squares, compressed private tests", "squares-stdin",
     fence("n = int(input())\nfor i in range(1, n + 1):\n    print(i * i)"), 1),
    ("trailing spaces on each line are accepted", "squares-stdin",
     fence("n = int(input())\nfor i in range(1, n + 1):\n    print(i * i, end=' \\n')"), 1),
    ("one line too many", "squares-stdin",
     fence("n = int(input())\nfor i in range(1, n + 2):\n    print(i * i)"), 0),
    ("floats within numpy.allclose tolerance", "inverse-stdin", fence("print(1 / int(input()))"), 1),
    ("floats off by more than the tolerance", "inverse-stdin",
     fence("print(round(1 / int(input()), 2))"), 0),
    ("call-based, correct", "two-sum",
     fence("class Solution:\n    def twoSum(self, nums: List[int], target: int) -> List[int]:\n"
           "        seen = {}\n        for i, x in enumerate(nums):\n"
           "            if target - x in seen:\n                return [seen[target - x], i]\n"
           "            seen[x] = i"), 1),
    ("call-based, a tuple equals the expected list", "two-sum",
     fence("class Solution:\n    def twoSum(self, nums, target):\n"
           "        for i in range(len(nums)):\n            for j in range(i + 1, len(nums)):\n"
           "                if nums[i] + nums[j] == target:\n                    return (i, j)"), 1),
    ("call-based, wrong order", "two-sum",
     fence("class Solution:\n    def twoSum(self, nums, target):\n"
           "        for i in range(len(nums)):\n            for j in range(i + 1, len(nums)):\n"
           "                if nums[i] + nums[j] == target:\n                    return [j, i]"), 0),
    ("call-based, raises", "two-sum",
     fence("class Solution:\n    def twoSum(self, nums, target):\n        raise ValueError('no')"), 0),
    ("completion: the body alone is appended to the partial solution", "double-completion",
     fence("        return 2 * x"), 1),
    ("completion: an answer that repeats the partial solution is used as it is", "double-completion",
     fence("class Solution:\n    def double(self, x: int) -> int:\n        return x + x"), 1),
    ("completion, wrong", "double-completion", fence("        return x + 2"), 0),
    ("hostile: fork() is disabled and fails", "sum-stdin",
     fence("import os\nos.fork()\n" + SUM), 0),
    ("hostile: a socket to the outside cannot connect", "two-sum",
     fence("import socket\nclass Solution:\n    def twoSum(self, nums, target):\n"
           "        socket.create_connection(('1.1.1.1', 53), timeout=2)\n" + TWO_SUM), 0),
    ("hostile: the user's files are not there", "two-sum",
     fence("import glob\nclass Solution:\n    def twoSum(self, nums, target):\n"
           "        found = glob.glob('/home/*') + glob.glob('/root/*') + glob.glob('/work/*') + glob.glob('/etc/*')\n"
           "        if not found:\n            return None\n" + TWO_SUM), 0),
]

with open("lcb_cases.jsonl", "w") as f:
    for name, qid, answer, score in cases:
        f.write(json.dumps({"name": name, "question_id": qid, "answer": answer, "score": score}) + "\n")
