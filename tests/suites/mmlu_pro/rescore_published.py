#!/usr/bin/env python3
"""Independent strict re-score of published MMLU-Pro result files (TIGER-Lab's format).

Written from the protocol (docs/suites/mmlu-pro.md, "Importing published results"), not from
yardstick's C++: Python's own `re` runs TIGER-Lab's three extraction patterns on each record's
output, after the two documented preprocessing steps of an import (<think> blocks removed, every
"**" removed, as evaluate_from_api.py does). The strict score is 1 when the extracted letter equals
the record's `answer` letter (compute_accuracy.py's comparison), else 0; nothing extracted scores 0.

Non-object entries are skipped; the output is the first present (non-null) of model_outputs,
generated_text, response.

Usage: rescore_published.py FILE... > published_rescore.json
Prints one JSON object: {file name: {"n", "correct", "unparsed", "letters", "fingerprint"}}, where
letters has one character per record in file order: the extracted letter, or "-" when nothing was
extracted, and fingerprint is the questions-only dataset fingerprint as docs/suites/mmlu-pro.md
defines it (SHA-256 over one line per record in question_id order: the compact JSON array
[question_id, question, options without "N/A", answer, category] and a newline).
"""
import hashlib
import json
import os
import re
import sys

ANSWER_IS = re.compile(r"answer is \(?([A-J])\)?")
ANSWER_COLON = re.compile(r".*[aA]nswer:\s*([A-J])")
LAST_LETTER = re.compile(r"\b[A-J]\b(?!.*\b[A-J]\b)", re.DOTALL)
THINK = re.compile(r"<think>.*?(</think>|$)", re.DOTALL)


def strip_think(text):
    # A closing tag before any opening one ends reasoning whose opening tag was in the prompt.
    close = text.find("</think>")
    opening = text.find("<think>")
    if close != -1 and (opening == -1 or close < opening):
        text = text[close + len("</think>"):]
    return THINK.sub("", text)


def extract(text):
    for pattern in (ANSWER_IS, ANSWER_COLON):
        m = pattern.search(text)
        if m:
            return m.group(1)
    m = LAST_LETTER.search(text)
    return m.group(0) if m else None


def output_of(record):
    for field in ("model_outputs", "generated_text", "response"):
        if record.get(field) is not None:
            return record[field]
    raise ValueError("record %s has no output" % record.get("question_id"))


def fingerprint(records):
    h = hashlib.sha256()
    for e in sorted(records, key=lambda e: e["question_id"]):
        options = [o for o in e["options"] if o != "N/A"]
        line = [e["question_id"], e["question"], options, e["answer"], e["category"]]
        h.update((json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n").encode())
    return h.hexdigest()


def rescore(path):
    with open(path, encoding="utf-8") as f:
        entries = json.load(f)
    n = correct = unparsed = 0
    letters = []
    for e in entries:
        if not isinstance(e, dict):
            continue
        text = strip_think(output_of(e)).replace("**", "")
        pred = extract(text)
        n += 1
        letters.append(pred or "-")
        if pred is None:
            unparsed += 1
        elif pred == e["answer"]:
            correct += 1
    records = [e for e in entries if isinstance(e, dict)]
    return {"n": n, "correct": correct, "unparsed": unparsed, "letters": "".join(letters),
            "fingerprint": fingerprint(records)}


def main():
    out = {os.path.basename(p): rescore(p) for p in sorted(sys.argv[1:])}
    json.dump(out, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
