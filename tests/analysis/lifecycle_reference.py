"""Logistic and Gompertz least-squares fits by SciPy's curve_fit, the independent reference of
analysis::fit_growth.

Usage: lifecycle_reference.py FILE
  FILE  one "t y" line per point (y: the cumulative count at year t)

Prints one line per model: "MODEL K t0 r r_squared aic" with
  logistic  y = K / (1 + exp(-r (t - t0)))
  gompertz  y = K exp(-exp(-r (t - t0)))
fitted by scipy.optimize.curve_fit (MINPACK Levenberg-Marquardt) from the start the library
documents (K = 1.5 max y; t0 = first t with y >= K/2, or K/e for Gompertz, else the last t;
r = ln 81 / (last t - first t)), with t centred on its mean as the library does and tight
tolerances; R^2 = 1 - SSE/SST and AIC = n ln(SSE/n) + 6 written out here.
"""
import math
import sys
import warnings

import numpy as np
from scipy.optimize import curve_fit


def logistic(t, k, t0, r):
    return k / (1.0 + np.exp(-r * (t - t0)))


def gompertz(t, k, t0, r):
    return k * np.exp(-np.exp(-r * (t - t0)))


def main():
    warnings.simplefilter("ignore")  # an exact fit has no covariance estimate: not our concern
    data = np.loadtxt(sys.argv[1], ndmin=2)
    t, y = data[:, 0], data[:, 1]
    mean = t.mean()
    for name, f, level in (("logistic", logistic, 0.5), ("gompertz", gompertz, 1.0 / math.e)):
        k0 = 1.5 * y.max()
        hit = [ti for ti, yi in zip(t, y) if yi >= k0 * level]
        t0 = min(hit) if hit else t.max()
        p0 = [k0, t0 - mean, math.log(81.0) / (t.max() - t.min())]
        p, _ = curve_fit(f, t - mean, y, p0=p0, method="lm", maxfev=20000, ftol=1e-15, xtol=1e-15, gtol=0.0)
        sse = float(np.sum((y - f(t - mean, *p)) ** 2))
        sst = float(np.sum((y - y.mean()) ** 2))
        aic = len(t) * math.log(sse / len(t)) + 6.0 if sse > 0 else float("nan")
        print(name, repr(float(p[0])), repr(float(p[1] + mean)), repr(float(p[2])), repr(1.0 - sse / sst), repr(aic))


if __name__ == "__main__":
    main()
