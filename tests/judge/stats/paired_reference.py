#!/usr/bin/env python3
"""Reference values for tests/judge/stats/paired_test.cpp, computed independently of the C++ code.

Plain Python, no scipy: the generator is mt19937_64 written from its definition in the C++
standard ([rand.eng.mers], with the standard's own check value), the index rule is Lemire's
multiply-shift with rejection as documented in judge/stats/bootstrap.h, binomials use math.comb,
the sign-flip test enumerates every sign pattern with exact fractions, and the t distribution's
CDF is integrated numerically (composite Simpson on the density). Output:
paired_reference.txt (run: python3 paired_reference.py > paired_reference.txt).
"""
import itertools
import math
from fractions import Fraction

MASK64 = (1 << 64) - 1


class MT19937_64:
    n, m, r = 312, 156, 31
    a = 0xB5026F5AA96619E9
    u, d, s, b, t, c, l = 29, 0x5555555555555555, 17, 0x71D67FFFEDA60000, 37, 0xFFF7EEE000000000, 43
    f = 6364136223846793005

    def __init__(self, seed):
        self.x = [seed & MASK64]
        for i in range(1, self.n):
            prev = self.x[-1]
            self.x.append((self.f * (prev ^ (prev >> 62)) + i) & MASK64)
        self.i = self.n

    def __call__(self):
        if self.i >= self.n:
            upper = MASK64 << self.r & MASK64
            lower = (1 << self.r) - 1
            for k in range(self.n):
                y = (self.x[k] & upper) | (self.x[(k + 1) % self.n] & lower)
                v = self.x[(k + self.m) % self.n] ^ (y >> 1)
                if y & 1:
                    v ^= self.a
                self.x[k] = v
            self.i = 0
        y = self.x[self.i]
        self.i += 1
        y ^= (y >> self.u) & self.d
        y ^= (y << self.s) & self.b
        y ^= (y << self.t) & self.c
        y ^= y >> self.l
        return y


def index(gen, n):
    m = (gen() >> 32) * n
    low = m & 0xFFFFFFFF
    if low < n:
        threshold = (1 << 32) % n
        while low < threshold:
            m = (gen() >> 32) * n
            low = m & 0xFFFFFFFF
    return m >> 32


def quantile(values, q):
    v = sorted(values)
    pos = q * (len(v) - 1)
    lo = math.floor(pos)
    hi = min(lo + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (pos - lo)


def boot_mean(values, rounds, seed):
    g = MT19937_64(seed)
    n = len(values)
    means = []
    for _ in range(rounds):
        means.append(sum(values[index(g, n)] for _ in range(n)) / n)
    return quantile(means, 0.025), quantile(means, 0.975)


def boot_diff(a, b, rounds, seed):
    g = MT19937_64(seed)
    out = []
    for _ in range(rounds):
        ma = sum(a[index(g, len(a))] for _ in range(len(a))) / len(a)
        mb = sum(b[index(g, len(b))] for _ in range(len(b))) / len(b)
        out.append(ma - mb)
    return quantile(out, 0.025), quantile(out, 0.975)


def mcnemar(b, c):
    n = b + c
    if n == 0:
        return Fraction(1)
    tail = sum(math.comb(n, i) for i in range(min(b, c) + 1))
    return min(Fraction(1), Fraction(2 * tail, 2 ** n))


def sign_flip(diffs):
    d = [Fraction(x) for x in diffs if x != 0]
    obs = abs(sum(d))
    hits = sum(1 for signs in itertools.product((1, -1), repeat=len(d))
               if abs(sum(s * x for s, x in zip(signs, d))) >= obs)
    return Fraction(hits, 2 ** len(d))


def t_cdf(t, df, steps=200000):
    # P(T <= t) for t <= 0: 1/2 - integral of the density from t to 0 (Simpson).
    c = math.exp(math.lgamma((df + 1) / 2) - math.lgamma(df / 2)) / math.sqrt(df * math.pi)
    dens = lambda x: c * (1 + x * x / df) ** (-(df + 1) / 2)
    h = -t / steps
    s = dens(t) + dens(0.0)
    for k in range(1, steps):
        s += (4 if k % 2 else 2) * dens(t + k * h)
    return 0.5 - s * h / 3


def welch(a, b):
    ma, mb = sum(a) / len(a), sum(b) / len(b)
    va = sum((x - ma) ** 2 for x in a) / (len(a) - 1) / len(a)
    vb = sum((x - mb) ** 2 for x in b) / (len(b) - 1) / len(b)
    t = (ma - mb) / math.sqrt(va + vb)
    df = (va + vb) ** 2 / (va ** 2 / (len(a) - 1) + vb ** 2 / (len(b) - 1))
    return 2 * t_cdf(-abs(t), df), t, df


def holm(p):
    m = len(p)
    order = sorted(range(m), key=lambda i: p[i])
    out, running = [0.0] * m, 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * p[i]))
        out[i] = running
    return out


def main():
    g = MT19937_64(5489)
    for _ in range(9999):
        g()
    print("mt19937_64 default seed, 10000th output:", g(), "(standard: 9981545732273789042)")

    binary_a = [1, 1, 1, 0, 1, 0, 1, 1, 0, 1, 1, 0]
    binary_b = [0, 1, 0, 0, 1, 1, 0, 1, 0, 0, 1, 0]
    d = [x - y for x, y in zip(binary_a, binary_b)]
    lo, hi = boot_mean(d, 2000, 7)
    print("binary paired: diff", sum(d) / len(d), "ci", repr(lo), repr(hi))
    print("mcnemar(4, 1) =", mcnemar(4, 1), float(mcnemar(4, 1)))
    print("mcnemar(7, 20) =", float(mcnemar(7, 20)))

    frac_a = [0.9, 0.4, 0.75, 0.6, 1.0, 0.3, 0.8, 0.55]
    frac_b = [0.7, 0.5, 0.5, 0.6, 0.6, 0.1, 0.85, 0.25]
    fd = [x - y for x, y in zip(frac_a, frac_b)]
    lo, hi = boot_mean(fd, 500, 3)
    print("fractional paired: ci", repr(lo), repr(hi))
    print("sign-flip exact p =", sign_flip(fd), float(sign_flip(fd)))

    ua = [1, 0, 1, 1, 0, 1, 1, 1, 0, 1]
    ub = [0, 0, 1, 0, 1, 0, 0]
    p, t, df = welch(ua, ub)
    print("welch p =", repr(p), "t =", repr(t), "df =", repr(df))
    lo, hi = boot_diff(ua, ub, 1000, 11)
    print("unpaired ci", repr(lo), repr(hi))

    print("holm([0.01, 0.04, 0.03, 0.005]) =", holm([0.01, 0.04, 0.03, 0.005]))


if __name__ == "__main__":
    main()
