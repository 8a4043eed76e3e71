#!/usr/bin/env python3
"""Writes ifeval_cases.jsonl: edge cases for each IFEval checker with the result Python itself
gives under the rules of LiveBench's instruction_following_eval/instructions.py (Python's own re,
str and json do the work here, so the C++ port is checked against the real semantics). Sentence
counts need NLTK's trained Punkt model, which is not available here: those cases carry a result
worked out by hand from Punkt's rules and say so ("by": "hand").
Run from this folder: python3 ifeval_reference.py"""
import json, re

def rel(n, kw, key):
    return n < kw[key] if kw["relation"] == "less than" else n >= kw[key]

def existence(r, kw):
    return all(re.search(k, r, flags=re.IGNORECASE) for k in kw["keywords"])

def forbidden(r, kw):
    return not any(re.search(r"\b" + w + r"\b", r, flags=re.IGNORECASE) for w in kw["forbidden_words"])

def words(r, kw):
    return rel(len(re.findall(r"\w+", r)), kw, "num_words")

def paragraphs(r, kw):
    parts = re.split(r"\s?\*\*\*\s?", r)
    n = len(parts)
    for i, p in enumerate(parts):
        if not p.strip():
            if i in (0, len(parts) - 1):
                n -= 1
            else:
                return False
    return n == kw["num_paragraphs"]

def nth_first(r, kw):
    parts = re.split(r"\n\n", r)
    n = len([p for p in parts if p.strip()])
    if kw["nth_paragraph"] > n:
        return False
    p = parts[kw["nth_paragraph"] - 1].strip()
    if not p:
        return False
    w = p.split()[0].strip().lstrip("'").lstrip('"')
    first = ""
    for ch in w:
        if ch in ".,?!'\"":
            break
        first += ch.lower()
    return n == kw["num_paragraphs"] and first == kw["first_word"].lower()

def bullets(r, kw):
    n = len(re.findall(r"^\s*\*[^\*].*$", r, flags=re.MULTILINE))
    n += len(re.findall(r"^\s*-.*$", r, flags=re.MULTILINE))
    return n == kw["num_bullets"]

def sections(r, kw):
    return len(re.split(r"\s?" + kw["section_spliter"].strip() + r"\s?\d+\s?", r)) - 1 >= kw["num_sections"]

def title(r, kw):
    return any(t.lstrip("<").rstrip(">").strip() for t in re.findall(r"<<[^\n]+>>", r))

def json_format(r, kw):
    v = (r.strip().removeprefix("```json").removeprefix("```Json").removeprefix("```JSON")
         .removeprefix("```").removesuffix("```").strip())
    try:
        json.loads(v)
    except ValueError:
        return False
    return True

def constrained(r, kw):
    return any(o in r.strip() for o in ("My answer is yes.", "My answer is no.", "My answer is maybe."))

def postscript(r, kw):
    m = kw["postscript_marker"].strip()
    pat = {"P.P.S": r"\s*p\.\s?p\.\s?s.*$", "P.S.": r"\s*p\.\s?s\..*$"}.get(m, r"\s*" + m.lower() + r".*$")
    return bool(re.findall(pat, r.lower(), flags=re.MULTILINE))

def end_checker(r, kw):
    return r.strip().strip('"').lower().endswith(kw["end_phrase"].strip().lower())

def quotation(r, kw):
    v = r.strip()
    return len(v) > 1 and v[0] == '"' and v[-1] == '"'

def two_responses(r, kw):
    valid = []
    parts = r.split("******")
    for i, p in enumerate(parts):
        if not p.strip():
            if i not in (0, len(parts) - 1):
                return False
        else:
            valid.append(p)
    return len(valid) == 2 and valid[0].strip() != valid[1].strip()

def repeat_prompt(r, kw):
    return r.strip().lower().startswith(kw["prompt_to_repeat"].strip().lower())

CHECKS = {
    "keywords:existence": existence, "keywords:forbidden_words": forbidden,
    "length_constraints:number_words": words, "length_constraints:number_paragraphs": paragraphs,
    "length_constraints:nth_paragraph_first_word": nth_first,
    "detectable_format:number_bullet_lists": bullets, "detectable_format:multiple_sections": sections,
    "detectable_format:title": title, "detectable_format:json_format": json_format,
    "detectable_format:constrained_response": constrained, "detectable_content:postscript": postscript,
    "startend:end_checker": end_checker, "startend:quotation": quotation,
    "combination:two_responses": two_responses, "combination:repeat_prompt": repeat_prompt,
}

K = "keywords:existence"
F = "keywords:forbidden_words"
W = "length_constraints:number_words"
P = "length_constraints:number_paragraphs"
N = "length_constraints:nth_paragraph_first_word"
B = "detectable_format:number_bullet_lists"
S = "detectable_format:multiple_sections"
T = "detectable_format:title"
J = "detectable_format:json_format"
C = "detectable_format:constrained_response"
PS = "detectable_content:postscript"
E = "startend:end_checker"
Q = "startend:quotation"
TR = "combination:two_responses"
RP = "combination:repeat_prompt"
SEN = "length_constraints:number_sentences"

cases = [
    ("keyword inside a longer word counts", K, {"keywords": ["media"]}, "Multimedia art."),
    ("keywords are case-insensitive", K, {"keywords": ["Sun", "course"]}, "the SUN, of COURSE"),
    ("one keyword missing", K, {"keywords": ["sun", "moon"]}, "the sun"),
    ("forbidden word inside a longer word is allowed", F, {"forbidden_words": ["mine"]}, "It was determined."),
    ("forbidden word as a word", F, {"forbidden_words": ["mine"]}, "That is MINE!"),
    ("forbidden word next to an accented letter is inside a word", F, {"forbidden_words": ["caf"]}, "un café"),
    ("forbidden word next to an underscore is inside a word", F, {"forbidden_words": ["mine"]}, "my_mine_x"),
    ("words: contractions split at the apostrophe", W, {"num_words": 4, "relation": "at least"}, "don't stop"),
    ("words: accented letters are word characters", W, {"num_words": 3, "relation": "less than"}, "café naïve"),
    ("words: digits and underscores count", W, {"num_words": 3, "relation": "at least"}, "a_b 12 x-y"),
    ("paragraphs: dividers with blank ends", P, {"num_paragraphs": 2}, "***\nOne\n***\nTwo\n***"),
    ("paragraphs: an empty middle paragraph fails", P, {"num_paragraphs": 2}, "One\n***\n***\nTwo"),
    ("paragraphs: four stars leave a star paragraph", P, {"num_paragraphs": 2}, "One ****Two"),
    ("paragraphs: wrong count", P, {"num_paragraphs": 3}, "One\n***\nTwo"),
    ("first word: quotes and punctuation are dropped", N, {"num_paragraphs": 2, "nth_paragraph": 2, "first_word": "hand"}, "A\n\n\"Hand,\" she said."),
    ("first word: blank pieces still take an index", N, {"num_paragraphs": 2, "nth_paragraph": 2, "first_word": "b"}, "A\n\n\n\nB"),
    ("first word: three newlines leave the next paragraph's leading newline", N, {"num_paragraphs": 2, "nth_paragraph": 2, "first_word": "b"}, "A\n\n\nB c"),
    ("first word: too few paragraphs", N, {"num_paragraphs": 3, "nth_paragraph": 3, "first_word": "c"}, "A\n\nB"),
    ("first word: apostrophe inside the word cuts it", N, {"num_paragraphs": 1, "nth_paragraph": 1, "first_word": "don"}, "Don't go."),
    ("bullets: stars and dashes", B, {"num_bullets": 3}, "* one\n* two\n- three"),
    ("bullets: bold text at a line start is not a bullet", B, {"num_bullets": 1}, "**Bold**\n* one"),
    ("bullets: a lone star before a newline counts", B, {"num_bullets": 1}, "*\nnext"),
    ("bullets: indented and after blank lines", B, {"num_bullets": 2}, "Intro\n\n   * a\n\t- b"),
    ("bullets: numbered items are not bullets", B, {"num_bullets": 2}, "1. a\n2. b"),
    ("sections: at least the number asked", S, {"section_spliter": "Section", "num_sections": 2}, "Section 1\na\nSection 2\nb\nSection 3\nc"),
    ("sections: case matters", S, {"section_spliter": "SECTION", "num_sections": 1}, "Section 1\na"),
    ("sections: no space before the number", S, {"section_spliter": "Section", "num_sections": 2}, "Section1 a Section2 b"),
    ("sections: two spaces before the number do not count", S, {"section_spliter": "Section", "num_sections": 1}, "Section  1 a"),
    ("title: double angle brackets", T, {}, "<<A Title>>\ntext"),
    ("title: blank title", T, {}, "<<   >>"),
    ("title: greedy to the line's last brackets", T, {}, "<< >> and <<x>>"),
    ("title: not across lines", T, {}, "<<A\nB>>"),
    ("json: fenced", J, {}, "```json\n{\"a\": [1, 2]}\n```"),
    ("json: plain number", J, {}, "  42 "),
    ("json: trailing text", J, {}, "{\"a\": 1} thanks"),
    ("json: single quotes are not JSON", J, {}, "{'a': 1}"),
    ("constrained: option inside text", C, {}, "Well. My answer is maybe. Bye"),
    ("constrained: no period", C, {}, "My answer is yes"),
    ("postscript: P.S. on its own line", PS, {"postscript_marker": "P.S."}, "Body\n\nP.S. more"),
    ("postscript: spaced p. s.", PS, {"postscript_marker": "P.S."}, "body p. s. end"),
    ("postscript: P.P.S without the final period", PS, {"postscript_marker": "P.P.S"}, "x\nP.P.S extra"),
    ("postscript: PS without periods", PS, {"postscript_marker": "P.S."}, "PS: hi"),
    ("end: exact phrase, closing quote ignored", E, {"end_phrase": "Any other questions?"}, "\"Text. Any other questions?\"\n"),
    ("end: case-insensitive", E, {"end_phrase": "Any other questions?"}, "text any OTHER questions?"),
    ("end: words after the phrase", E, {"end_phrase": "Any other questions?"}, "Any other questions? Bye"),
    ("quotation: wrapped", Q, {}, "  \"All of it\"\n"),
    ("quotation: a single quote mark", Q, {}, "\""),
    ("quotation: curly quotes do not count", Q, {}, "\u201cHi\u201d"),
    ("two responses: different", TR, {}, "One\n******\nTwo"),
    ("two responses: identical after strip", TR, {}, "One\n******\n One "),
    ("two responses: blank middle", TR, {}, "One\n******\n******\nTwo"),
    ("two responses: seven stars leave a star", TR, {}, "A*******B"),
    ("repeat: prompt first, case and spaces ignored at the ends", RP, {"prompt_to_repeat": "Say hi. "}, "  say HI. Hi!"),
    ("repeat: answer first", RP, {"prompt_to_repeat": "Say hi."}, "Hi! Say hi."),
]

# Sentence counts by hand from Punkt's rules (see ifeval_cases_test.cpp for the reasoning).
hand = [
    ("sentences: three plain sentences", SEN, {"num_sentences": 3, "relation": "at least"}, "One. Two! Three?", True),
    ("sentences: a break needs a following token", SEN, {"num_sentences": 2, "relation": "less than"}, "Only one.   ", True),
    ("sentences: newlines alone do not split", SEN, {"num_sentences": 2, "relation": "less than"}, "* a\n* b\n* c", True),
    ("sentences: known abbreviation does not end a sentence", SEN, {"num_sentences": 2, "relation": "less than"}, "Mr. Smith went home.", True),
    ("sentences: number followed by a lowercase word is no break", SEN, {"num_sentences": 2, "relation": "less than"}, "It costs 5. more or less", True),
    ("sentences: number followed by a capital is a break", SEN, {"num_sentences": 2, "relation": "at least"}, "In 2024. Then more.", True),
    ("sentences: an initial before a name is no break", SEN, {"num_sentences": 2, "relation": "less than"}, "J. Smith wrote it.", True),
    ("sentences: closing quote moves to the sentence before", SEN, {"num_sentences": 3, "relation": "less than"}, "He said \"Go.\" Then left.", True),
    ("sentences: a closing quote at the end is no sentence of its own", SEN, {"num_sentences": 2, "relation": "less than"}, "He said \"Go.\"", True),
    ("sentences: two after a question and an exclamation", SEN, {"num_sentences": 3, "relation": "at least"}, "Why? Because! Yes", True),
    ("sentences: an ellipsis before a lowercase word is no break", SEN, {"num_sentences": 2, "relation": "less than"}, "Wait... then go.", True),
]

with open("ifeval_cases.jsonl", "w") as f:
    for name, iid, kw, resp in cases:
        f.write(json.dumps({"name": name, "id": iid, "kwargs": kw, "response": resp,
                            "followed": bool(CHECKS[iid](resp, kw)), "by": "python"}) + "\n")
    for name, iid, kw, resp, followed in hand:
        f.write(json.dumps({"name": name, "id": iid, "kwargs": kw, "response": resp,
                            "followed": followed, "by": "hand"}) + "\n")
