# Independent reference for the style-controlled Bradley-Terry fit, in plain Python:
# rows -> style features -> N-1 standardisation -> Newton on the soft-target logistic loss
# (baseline coefficient fixed at 0, no ridge). Writes tests/judge/arena/bt_reference.json.
import json, math, os, random
random.seed(5)
n_models, rows = 3, []
true_beta = [-0.6, 0.2, 0.9]
for m in range(n_models):
    for q in range(120):
        mm = [random.randint(50, 1500), random.randint(0, 6), random.randint(0, 12), random.randint(0, 9)]
        bb = [random.randint(50, 1500), random.randint(0, 6), random.randint(0, 12), random.randint(0, 9)]
        lr = math.log(mm[0] / bb[0])
        p = 1 / (1 + math.exp(-(true_beta[m] + 0.5 * lr)))
        x = random.random()
        y = 1.0 if x < p * 0.85 else (0.5 if x < p * 0.85 + 0.15 else 0.0)
        rows.append({"model": m, "m": mm, "b": bb, "y": y})
def feats(mm, bb):
    f = [(mm[0] - bb[0]) / (mm[0] + bb[0])]
    for j in (1, 2, 3):
        dm, db = mm[j] / (mm[0] + 1), bb[j] / (bb[0] + 1)
        f.append((dm - db) / (dm + db + 1))
    return f
F = [feats(r["m"], r["b"]) for r in rows]
n = len(F)
for j in range(4):
    col = [f[j] for f in F]
    mu = sum(col) / n
    sd = math.sqrt(sum((c - mu) ** 2 for c in col) / (n - 1))
    for f in F:
        f[j] = (f[j] - mu) / sd
P = n_models + 4
def x_of(i):
    x = [0.0] * P
    x[rows[i]["model"]] = 1.0
    x[n_models:] = F[i]
    return x
X = [x_of(i) for i in range(n)]
Y = [r["y"] for r in rows]
theta = [0.0] * P
def solve(A, b):
    A = [row[:] + [bv] for row, bv in zip(A, b)]
    for c in range(P):
        piv = max(range(c, P), key=lambda r: abs(A[r][c]))
        A[c], A[piv] = A[piv], A[c]
        for r in range(P):
            if r != c:
                k = A[r][c] / A[c][c]
                A[r] = [a - k * bc for a, bc in zip(A[r], A[c])]
    return [A[r][P] / A[r][r] for r in range(P)]
for it in range(50):
    g = [0.0] * P
    H = [[0.0] * P for _ in range(P)]
    for x, y in zip(X, Y):
        e = sum(a * t for a, t in zip(x, theta))
        p = 1 / (1 + math.exp(-e))
        for a in range(P):
            g[a] += (p - y) * x[a]
            for b in range(P):
                H[a][b] += p * (1 - p) * x[a] * x[b]
    step = solve(H, g)
    theta = [t - s for t, s in zip(theta, step)]
    if max(abs(s) for s in step) < 1e-12:
        break
out = {"n_models": n_models, "rows": rows, "beta": theta[:n_models], "gamma": theta[n_models:],
       "note": "written by bt_reference.py: plain Python Newton, no ridge"}
json.dump(out, open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "bt_reference.json"), "w"))
print(theta)
