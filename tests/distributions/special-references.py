"""
Writes special-references.json: exact values (mpmath 1.3, 100 digits, printed to 20) of the
special functions in src/distributions/special.ts, for special-exact.test.ts. Every input is
taken as the double the test passes (mpf(0.1) is the double nearest 0.1, not 1/10).

Inverses are found by bisection in mpmath on the exact forward function, started from scipy's
betaincinv/gammaincinv (double precision starts, refined far past them). 100 digits, not 50:
at 50 digits mpmath's betainc(0.5, 50000, 0.002, 1) is off in its tenth digit.

    python3 tests/distributions/special-references.py > tests/distributions/special-references.json
"""
import json
from mpmath import mp, mpf, loggamma, betainc, gammainc, log, binomial, beta, exp
from scipy.special import betaincinv, gammaincinv, gammainccinv

mp.dps = 100


def s(v):
    return mp.nstr(v, 20, min_fixed=-5, max_fixed=5)


def bisect(g, lo, hi, steps):
    """The root of an increasing g on [lo, hi]."""
    for _ in range(steps):
        mid = (lo + hi) / 2
        if g(mid) < 0:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


out = {}
out['logGamma'] = [[x, s(loggamma(mpf(x)))] for x in [1e-5, 0.5, 1.5, 3.7, 9.99, 10, 10.5, 25.3, 171.5, 1e5, 1e15]]

out['incompleteBeta'] = [
    [x, a, b, s(betainc(a, b, 0, x, regularized=True)), s(betainc(a, b, x, 1, regularized=True))]
    for (x, a, b) in [(0.2, 2, 3), (0.7, 2, 3), (0.5, 0.3, 0.4), (0.01, 0.1, 5), (0.999, 5, 0.1), (0.4, 200, 300),
                      (0.41, 200, 300), (0.45, 200, 300), (1e-8, 0.5, 2), (0.9, 50, 2), (0.3, 1, 1), (0.6, 1, 1)]
]

ibi = []
for (p, a, b) in [(0.1, 2, 3), (0.9, 2, 3), (0.5, 0.3, 0.4), (1e-10, 0.3, 0.4), (0.999, 0.5, 5), (1e-6, 200, 300),
                  (0.3, 0.05, 1), (0.7, 1, 0.05), (0.25, 1, 1), (0.999999, 2, 0.7)]:
    x0 = mpf(float(betaincinv(a, b, p)))
    if p < 0.5:
        x = exp(bisect(lambda t: betainc(a, b, 0, exp(t), regularized=True) - p, log(x0) - 3, min(log(x0) + 3, 0), 400))
    else:  # from the upper tail, in 1 − x, where the quantile is close to 1
        y0 = 1 - x0 if x0 < 1 else mpf(float(betaincinv(b, a, 1 - p)))
        y = exp(bisect(lambda t: betainc(a, b, 1 - exp(t), 1, regularized=True) - (1 - mpf(p)), log(y0) - 3, min(log(y0) + 3, 0), 400))
        x = 1 - y
    ibi.append([p, a, b, s(x)])
out['incompleteBetaInv'] = ibi

out['logPoissonTerm'] = [
    [a, x, s(-mpf(x)) if a == 0 else None if x == 0 else s(a * log(mpf(x)) - x - loggamma(mpf(a) + 1))]
    for (a, x) in [(0, 3.5), (3, 0), (2.5, 2.4), (3, 100), (40, 39.5), (15, 16), (16, 15), (1e6, 1e6 + 1000), (1e-3, 5), (7, 1e-3), (200, 180)]
]

out['logBinomialTerm'] = [
    [k, n, p, s(log(binomial(n, k)) + k * log(mpf(p)) + (n - k) * log(1 - mpf(p)))]
    for (k, n, p) in [(0, 10, 0.3), (10, 10, 0.3), (3, 10, 0.3), (5, 10, 0.5), (1, 1000, 0.999), (500000000, 1000000000, 0.5),
                      (499990000, 1000000000, 0.5), (7, 20, 1e-3), (13, 20, 0.999)]
]

out['logBetaAccurate'] = [[a, b, s(log(beta(mpf(a), mpf(b))))]
                          for (a, b) in [(2, 3), (3, 2), (0.5, 5e5), (5e5, 0.5), (20, 25), (1e-3, 1e-3), (100, 1e-4), (16, 15.5)]]

out['incompleteGamma'] = [
    [a, x, s(gammainc(a, 0, x, regularized=True)), s(gammainc(a, x, mp.inf, regularized=True))]
    for (a, x) in [(0.5, 0.2), (0.5, 3), (2, 1.5), (2, 3.5), (10, 9), (10, 12), (100, 80), (100, 130), (1e4, 1e4), (1e4, 1.02e4), (0.05, 1e-10), (3, 50)]
]

igi = []
for (p, a) in [(0.1, 0.5), (0.9, 0.5), (0.5, 3), (1e-6, 3), (1 - 1e-12, 3), (0.3, 100), (1e-200, 100), (1e-10, 0.05), (1e-20, 0.05),
               (0.999, 0.05), (0.4, 0.8), (0.95, 0.8)]:
    P = mpf(p)
    if p < 0.5:
        x0 = float(gammaincinv(a, p))
        if x0 <= 1e-250:  # below scipy's range: the leading term P ≈ x^a / Γ(a + 1)
            x0 = exp((log(P) + loggamma(a + 1)) / a)
        g = lambda t: log(gammainc(a, 0, exp(t), regularized=True)) - log(P)
    else:
        x0 = float(gammainccinv(a, 1 - p))
        g = lambda t: log(1 - P) - log(gammainc(a, exp(t), mp.inf, regularized=True))
    igi.append([p, a, s(exp(bisect(g, log(mpf(x0)) - 3, log(mpf(x0)) + 3, 130)))])
out['incompleteGammaInv'] = igi

out['incompleteBetaHalfUpper'] = [
    [x, b, s(betainc(0.5, b, x, 1, regularized=True))]
    for (x, b) in [(0.01, 50), (0.1, 50), (0.3, 50), (0.001, 1000), (0.01, 1000), (1e-4, 5e4), (3e-5, 5e4), (0.002, 5e4)]
]

print(json.dumps(out, indent=0))
