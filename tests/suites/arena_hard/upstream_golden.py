#!/usr/bin/python3
# Golden data for the Arena-Hard leaderboard against upstream's own procedure
# (lmarena/arena-hard-auto show_result.py + utils/math_utils.py, read 2026-12; see
# docs/suites/arena-hard.md). Run with a Python that has numpy (Debian: python3-numpy):
#   /usr/bin/python3 tests/suites/arena_hard/upstream_golden.py
# It writes, under tests/suites/arena_hard/upstream_golden/:
#   model_judgment/gpt-4.1/*.jsonl, model_answer/*.jsonl  -- upstream's v2.0 schema, with the quirks
#       upstream accepts: repeated judgment lines, the baseline judged against itself, a model
#       named "org/model", null games, mirrored labels;
#   expected.json -- the scores upstream's procedure gives on the full data without resampling:
#       plain = the mean of each model's rows; style = one fit of upstream's model with
#       torch.optim.LBFGS(lr=0.1, max_iter=50, tolerance_grad=1e-9, tolerance_change=1e-9,
#       history_size=100, line_search_fn=None) from 0.5, re-implemented here in numpy float32.
# This is an independent implementation (numpy, vectorised, float32 throughout) of the same
# published procedure; the C++ code is not consulted.
import json
import os
import random

import numpy as np

F32 = np.float32
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "upstream_golden")
BASELINE = "o3-mini-2025-01-31"
JUDGE = "gpt-4.1"
CATEGORY = "hard_prompt"
MODELS = ["model-a", "model-b", "model-c", "model-d", "org/model-e"]
STRENGTH = {"model-a": 0.9, "model-b": 0.3, "model-c": -0.2, "model-d": -1.0, "org/model-e": 0.5}
N_Q = 80
LABELS_A_BETTER = ["A>>B", "A>B", "B<A", "B<<A"]
LABELS_B_BETTER = ["B>>A", "B>A", "A<B", "A<<B"]
LABELS_TIE = ["A=B", "B=A"]
WEIGHT = 3
LABEL_TO_SCORE = {
    "A>B": [1], "A>>B": [1] * WEIGHT, "A=B": [0.5], "A<<B": [0] * WEIGHT, "A<B": [0],
    "B>A": [0], "B>>A": [0] * WEIGHT, "B=A": [0.5], "B<<A": [1] * WEIGHT, "B<A": [1],
}


def make_answers(rng):
    meta = {}
    for m in [BASELINE] + MODELS:
        meta[m] = {}
        for q in range(N_Q):
            uid = "q%03d" % q
            # upstream's key order: token_len, header_count, list_count, bold_count
            meta[m][uid] = {
                "token_len": rng.randint(40, 2400),
                "header_count": {"h%d" % i: rng.randint(0, 3 if i < 4 else 1) for i in range(1, 7)},
                "list_count": {"ordered": rng.randint(0, 12), "unordered": rng.randint(0, 15)},
                "bold_count": {"**": rng.randint(0, 10), "__": rng.randint(0, 1)},
            }
    return meta


def label_for(rng, p_model_better, model_is_a):
    x = rng.random()
    if x < 0.06:
        return None
    if x < 0.2:
        return rng.choice(LABELS_TIE)
    model_better = rng.random() < p_model_better
    a_better = model_better == model_is_a
    return rng.choice(LABELS_A_BETTER if a_better else LABELS_B_BETTER)


def judgment(rng, model, uid, meta):
    if model == BASELINE:
        p = 0.5
    else:
        lm, lb = meta[model][uid]["token_len"], meta[BASELINE][uid]["token_len"]
        z = STRENGTH[model] + 0.6 * (lm - lb) / (lm + lb)
        p = 1 / (1 + np.exp(-z))
    games = []
    for g in (0, 1):
        if rng.random() < 0.02:
            games.append(None)
            continue
        games.append({"score": label_for(rng, p, model_is_a=(g == 1)),
                      "judgment": {"answer": "..."}, "prompt": [{"role": "user", "content": uid}]})
    return {"uid": uid, "category": CATEGORY, "judge": JUDGE, "model": model,
            "baseline": BASELINE, "games": games}


def write_files(rng, meta):
    jdir = os.path.join(OUT, "model_judgment", JUDGE)
    adir = os.path.join(OUT, "model_answer")
    os.makedirs(jdir, exist_ok=True)
    os.makedirs(adir, exist_ok=True)
    files = {}
    for m in MODELS:
        files[m.replace("/", "__")] = [judgment(rng, m, "q%03d" % q, meta) for q in range(N_Q)]
    files[BASELINE] = [judgment(rng, BASELINE, "q%03d" % q, meta) for q in range(12)]
    files["model-a-rerun"] = files["model-a"][:15]  # the same lines again: upstream counts both
    for name, lines in files.items():
        with open(os.path.join(jdir, name + ".jsonl"), "w") as f:
            for j in lines:
                f.write(json.dumps(j) + "\n")
    for m in [BASELINE] + MODELS:
        with open(os.path.join(adir, m.replace("/", "__") + ".jsonl"), "w") as f:
            for uid, md in meta[m].items():
                msg = [{"role": "user", "content": uid},
                       {"role": "assistant", "content": {"answer": "answer of " + m}}]
                f.write(json.dumps({"uid": uid, "ans_id": "ans-%s-%s" % (m, uid), "model": m,
                                    "messages": msg, "tstamp": 1740000000.5,
                                    "metadata": md}) + "\n")
    return [j for name in sorted(files) for j in files[name]]


def battles_of(judgments):
    # load_judgments: drop a judgment when either game (or its score) is null; game 1's scores,
    # then 1 - game 0's; explode.
    rows = []
    for j in judgments:
        g = j["games"]
        if g[0] is None or g[1] is None or g[0]["score"] is None or g[1]["score"] is None:
            continue
        scores = LABEL_TO_SCORE[g[1]["score"]] + [1 - s for s in LABEL_TO_SCORE[g[0]["score"]]]
        rows += [(j["uid"], j["model"], s) for s in scores]
    return rows


def plain_scores(rows):
    groups = {}
    for _, m, s in rows:
        groups.setdefault(m.split("/")[-1], []).append(float(s))
    return {m: sum(v) / len(v) for m, v in groups.items()}


def features(rows, meta):
    def vec(md):
        return [v if isinstance(v, int) else sum(v.values()) for v in md.values()]
    mf = np.array([vec(meta[m][u]) for u, m, _ in rows], dtype=F32)
    bf = np.array([vec(meta[BASELINE][u]) for u, _, _ in rows], dtype=F32)
    out = np.zeros_like(mf)
    out[:, 0] = (mf[:, 0] - bf[:, 0]) / (mf[:, 0] + bf[:, 0])
    md = mf[:, 1:] / (mf[:, :1] + F32(1))
    bd = bf[:, 1:] / (bf[:, :1] + F32(1))
    out[:, 1:] = (md - bd) / (md + bd + F32(1))
    mean = out.mean(axis=0, dtype=F32)
    std = out.std(axis=0, ddof=1, dtype=F32)
    return ((out - mean) / std).astype(F32)


def design(rows, meta):
    names = [m.split("/")[-1] for _, m, _ in rows]
    players = sorted(set(names + [BASELINE]))
    idx = {p: i for i, p in enumerate(players)}
    onehot = np.zeros((len(rows), len(players)), dtype=F32)
    for r, n in enumerate(names):
        onehot[r, idx[n]] = 1
        onehot[r, idx[BASELINE]] = -1  # overwrites the +1 of a self-battle row, as upstream
    X = np.concatenate([onehot, features(rows, meta)], axis=1).astype(F32)
    y = np.array([s for _, _, s in rows], dtype=F32)
    return X, y, players


def loss_grad(X, y, w):
    x = X @ w
    max_val = np.maximum(-x, F32(0))
    loss = ((F32(1) - y) * x + max_val + np.log(np.exp(-max_val) + np.exp(-x - max_val))).sum(
        dtype=F32)
    r = (F32(1) / (F32(1) + np.exp(-x)) - y).astype(F32)
    return float(loss), (X.T @ r).astype(F32)


def lbfgs(X, y, lr=F32(0.1), max_iter=50, tol=1e-9, history=100):
    # torch.optim.LBFGS.step with line_search_fn=None, from a fresh state.
    w = np.full(X.shape[1], F32(0.5), dtype=F32)
    max_eval = max_iter * 5 // 4
    loss, g = loss_grad(X, y, w)
    evals = 1
    if np.abs(g).max() <= tol:
        return w
    dirs, stps, ro, h_diag = [], [], [], F32(1)
    d = t = prev_g = None
    for n_iter in range(1, max_iter + 1):
        if n_iter == 1:
            d = -g
        else:
            yv = (g - prev_g).astype(F32)
            s = (d * t).astype(F32)
            ys = F32(yv @ s)
            if ys > 1e-10:
                if len(dirs) == history:
                    dirs.pop(0), stps.pop(0), ro.pop(0)
                dirs.append(yv), stps.append(s), ro.append(F32(1) / ys)
                h_diag = F32(ys / F32(yv @ yv))
            q = -g
            al = [None] * len(dirs)
            for i in range(len(dirs) - 1, -1, -1):
                al[i] = F32(F32(stps[i] @ q) * ro[i])
                q = (q - al[i] * dirs[i]).astype(F32)
            r = (q * h_diag).astype(F32)
            for i in range(len(dirs)):
                be = F32(F32(dirs[i] @ r) * ro[i])
                r = (r + (al[i] - be) * stps[i]).astype(F32)
            d = r
        prev_g = g.copy()
        prev_loss = loss
        t = min(F32(1), F32(1) / np.abs(g).sum(dtype=F32)) * lr if n_iter == 1 else lr
        t = F32(t)
        if F32(g @ d) > -tol:
            break
        w = (w + t * d).astype(F32)
        opt = False
        if n_iter != max_iter:
            loss, g = loss_grad(X, y, w)
            evals += 1
            opt = np.abs(g).max() <= tol
        if n_iter == max_iter or evals >= max_eval or opt:
            break
        if np.abs(d * t).max() <= tol or abs(loss - prev_loss) < tol:
            break
    return w


def newton(X, y, players):
    # The converged optimum of the same loss (baseline pinned at 0), for contrast only.
    b = players.index(BASELINE)
    Z = np.delete(X, b, axis=1).astype(np.float64)
    w = np.zeros(Z.shape[1])
    for _ in range(100):
        p = 1 / (1 + np.exp(-(Z @ w)))
        step = np.linalg.solve((Z * (p * (1 - p))[:, None]).T @ Z, Z.T @ (p - y))
        w -= step
        if np.abs(step).max() < 1e-12:
            break
    return {m: float(1 / (1 + np.exp(-w[i if i < b else i - 1])))
            for i, m in enumerate(players) if m != BASELINE}


def main():
    rng = random.Random(12)
    meta = make_answers(rng)
    judgments = write_files(rng, meta)
    rows = battles_of(judgments)
    X, y, players = design(rows, meta)
    w = lbfgs(X, y)
    c = w[: len(players)].astype(np.float64)
    b = players.index(BASELINE)
    style = {m: float(np.exp(c[i]) / (np.exp(c[i]) + np.exp(c[b])))
             for i, m in enumerate(players) if m != BASELINE}
    expected = {
        "baseline": BASELINE, "category": CATEGORY, "n_rows": len(rows),
        "plain": plain_scores(rows),
        "style_upstream": style,
        "style_coefficients": [float(v) for v in w[len(players):]],
        "style_converged": newton(X, y, players),
    }
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1, sort_keys=True)
        f.write("\n")
    print(json.dumps(expected, indent=1, sort_keys=True))


if __name__ == "__main__":
    main()
