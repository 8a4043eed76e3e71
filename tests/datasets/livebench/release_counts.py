#!/usr/bin/env python3
"""Reference counts for datasets/livebench tests, computed straight from the fixture slice with
LiveBench's own release rule (livebench/common.py, load_questions_jsonl): a question is in release R
when livebench_release_date <= R and livebench_removal_date is "" or > R.

Usage: python3 release_counts.py ../../../../shared/fixtures/livebench > release_counts.txt
Output: one line per release and task folder: RELEASE CATEGORY/TASK N_SELECTED N_RECORDS
"""
import json
import os
import sys

root = sys.argv[1]
releases = ["2024-06-24", "2024-07-26", "2024-08-31", "2024-11-25", "2025-04-02"]
for release in releases:
    for category in sorted(os.listdir(root)):
        for task in sorted(os.listdir(os.path.join(root, category))):
            path = os.path.join(root, category, task, "question.jsonl")
            if not os.path.exists(path):
                continue
            records = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
            selected = [
                q for q in records
                if q["livebench_release_date"] <= release
                and (q["livebench_removal_date"] == "" or q["livebench_removal_date"] > release)
            ]
            print(release, category + "/" + task, len(selected), len(records))
