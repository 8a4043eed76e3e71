"""Expected plot_unscrambling scores for language.jsonl, computed with Python's own difflib.

LiveBench's rule (livebench/process_results/writing/plot_unscrambling/utils.py): split both texts
into sentences at '.', map each true sentence to its closest answer sentence with
difflib.get_close_matches(n=1, cutoff=0.0), score 1 - edit distance(true order, mapped order) / n.
Run: python3 plot_unscrambling_reference.py  (prints the JSONL lines pasted into language.jsonl)
"""
import difflib
import json

CASES = [
    ("The knight rides north. A storm breaks over the pass. He shelters in a cave. "
     "A dragon wakes inside",
     "<PLOT_SUMMARY>A storm broke over the mountain pass. The knight rode north. "
     "Inside, a dragon woke. He took shelter in a cave.</PLOT_SUMMARY>"),
    ("In the long winter of the northern kingdom the old queen gathers every lord, every knight, "
     "every merchant and every farmer of the realm in the great hall to announce that her only "
     "daughter will inherit the throne after her. The lords argue about it for days. "
     "A young farmer speaks up for the princess",
     "A young farmer spoke up for the princess. The lords argued about it for many days. In the "
     "long winter of the northern kingdom the old queen gathered every lord, every knight, every "
     "merchant and every farmer of the realm in the great hall to say her daughter would inherit "
     "the throne."),
    ("Anna finds a map. She sails to the island. The treasure is gone. She laughs",
     "She laughed. Anna found an old map. The treasure was gone. Anna sailed to the island."),
]


def edit_distance(a, b):
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        cur = [i]
        for j, y in enumerate(b, 1):
            cur.append(prev[j - 1] if x == y else 1 + min(prev[j], cur[j - 1], prev[j - 1]))
        prev = cur
    return prev[-1]


def score(truth, answer):
    if "<PLOT_SUMMARY>" in answer:
        answer = answer.split("<PLOT_SUMMARY>", 1)[1]
        if "</PLOT_SUMMARY>" in answer:
            answer = answer.rsplit("</PLOT_SUMMARY>", 1)[0]
    want = [s.strip() for s in truth.split(".") if s.strip()]
    got = [s.strip() for s in answer.split(".") if s.strip()]
    order = [got.index(difflib.get_close_matches(s, got, n=1, cutoff=0.0)[0]) for s in want if got]
    return 1 - edit_distance(list(range(len(want))), order) / len(want)


for truth, answer in CASES:
    print(json.dumps({"task": "plot_unscrambling", "ground_truth": truth, "answer": answer,
                      "score": round(score(truth, answer), 9),
                      "note": "expected from plot_unscrambling_reference.py (Python difflib)"}))
