"""Reference values for the forecasting-model tests, computed with statsmodels.

Run:  pip install statsmodels && python3 scripts/reference/models_reference.py
Writes test/fixtures/reference/{stl,mstl,ets}_*.json (then run prettier on them, as `npm test`
checks formatting: npx prettier --write test/fixtures/reference). The tests compare the project's own
STL/MSTL/Holt-Winters code to these numbers; they are never produced by the project's code.
Every input series is either AirPassengers (shared reference data) or generated here from a fixed
seed, and is stored in the fixture next to the outputs.
"""

import json
import os
import sys

import numpy as np
import statsmodels
from statsmodels.tsa.holtwinters import ExponentialSmoothing
from statsmodels.tsa.seasonal import MSTL, STL

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
OUT = os.path.join(ROOT, "test", "fixtures", "reference")
AIR = os.path.join(ROOT, "test", "fixtures", "reference", "airpassengers.csv")


def air_passengers():
    path = AIR if os.path.exists(AIR) else sys.argv[1]
    with open(path) as f:
        rows = [line.strip().split(",") for line in f if line.strip()][1:]
    return np.array([float(r[1]) for r in rows])


def meta(**extra):
    return {
        "source": "statsmodels " + statsmodels.__version__ + ", numpy " + np.__version__,
        "script": "scripts/reference/models_reference.py",
        **extra,
    }


def lst(a):
    return [float(x) for x in np.asarray(a)]


def write(name, obj):
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(obj, f, indent=1)
        f.write("\n")
    print("wrote", name)


def stl_case(y, period, **kw):
    res = STL(y, period=period, **{k: v for k, v in kw.items() if k not in ("inner_iter", "outer_iter")}).fit(
        inner_iter=kw.get("inner_iter"), outer_iter=kw.get("outer_iter")
    )
    return {
        "period": period,
        "options": kw,
        "seasonal": lst(res.seasonal),
        "trend": lst(res.trend),
        "resid": lst(res.resid),
        "weights": lst(res.weights),
    }


def synthetic_daily(n, seed):
    """Hourly-like series: daily sine, slow trend, a level step and gaussian noise."""
    rng = np.random.default_rng(seed)
    t = np.arange(n)
    y = 50 + 0.05 * t + 20 * np.sin(2 * np.pi * t / 24) + rng.normal(0, 3, n)
    y[n // 2 :] += 15
    y[n // 3] += 80  # one burst, so robust weights matter
    return y


def synthetic_hourly_two_seasons(n, seed):
    """Hourly demand with daily and weekly seasonality (weekend dip), trend and noise."""
    rng = np.random.default_rng(seed)
    t = np.arange(n)
    hour = t % 24
    day = (t // 24) % 7
    daily = 30 * np.exp(-((hour - 14) ** 2) / 18.0)
    weekly = np.where(day >= 5, -15.0, 5.0 * np.sin(2 * np.pi * day / 7))
    return 100 + 0.02 * t + daily + weekly + rng.normal(0, 4, n)


def main():
    os.makedirs(OUT, exist_ok=True)
    air = air_passengers()

    # STL on AirPassengers: defaults, robust, and with jumps (as R's stl() defaults would use).
    write(
        "stl_airpassengers.json",
        meta(
            input=lst(air),
            cases=[
                stl_case(air, 12),
                stl_case(air, 12, robust=True),
                stl_case(air, 12, seasonal=13, seasonal_jump=2, trend_jump=3, low_pass_jump=2),
                stl_case(air, 12, seasonal=7, seasonal_deg=0, trend_deg=0, low_pass_deg=0, inner_iter=2),
            ],
        ),
    )

    syn = synthetic_daily(24 * 21, seed=20240101)
    write(
        "stl_synthetic.json",
        meta(
            generator="synthetic_daily(24 * 21, seed=20240101)",
            input=lst(syn),
            cases=[
                stl_case(syn, 24, seasonal=11),
                stl_case(syn, 24, seasonal=11, robust=True),
                stl_case(syn, 24, seasonal=11, seasonal_jump=2, trend_jump=5, low_pass_jump=3, inner_iter=2),
            ],
        ),
    )

    hourly = synthetic_hourly_two_seasons(24 * 7 * 4, seed=7)
    res = MSTL(hourly, periods=(24, 168)).fit()
    seas = np.asarray(res.seasonal)
    write(
        "mstl_hourly.json",
        meta(
            generator="synthetic_hourly_two_seasons(24 * 7 * 4, seed=7)",
            call="MSTL(y, periods=(24, 168)).fit()  # windows (11, 15), iterate 2, STL defaults",
            input=lst(hourly),
            periods=[24, 168],
            seasonal=[lst(seas[:, 0]), lst(seas[:, 1])],
            trend=lst(res.trend),
            resid=lst(res.resid),
        ),
    )

    # The MSTL forecaster's fast settings: MSTL's loop (statsmodels MSTL.fit, repeated here because
    # MSTL passes the same STL keywords to every period) with per-period STL settings: R's stl()
    # default jumps (ceiling(span / 10)) and two inner iterations.
    hourly8 = synthetic_hourly_two_seasons(24 * 7 * 8, seed=8)
    periods, windows = (24, 168), (11, 15)
    seasonal = np.zeros((2, hourly8.size))
    deseas = hourly8.copy()
    for _ in range(2):
        for i, (p, w) in enumerate(zip(periods, windows)):
            deseas = deseas + seasonal[i]
            trend_span = int(np.ceil(1.5 * p / (1 - 1.5 / w)))
            trend_span += trend_span % 2 == 0
            low_pass = p + 1 + ((p + 1) % 2 == 0)
            res = STL(
                deseas,
                period=p,
                seasonal=w,
                trend=trend_span,
                low_pass=low_pass,
                seasonal_jump=int(np.ceil(w / 10)),
                trend_jump=int(np.ceil(trend_span / 10)),
                low_pass_jump=int(np.ceil(low_pass / 10)),
            ).fit(inner_iter=2)
            seasonal[i] = res.seasonal
            deseas = deseas - seasonal[i]
    write(
        "mstl_hourly_fast.json",
        meta(
            generator="synthetic_hourly_two_seasons(24 * 7 * 8, seed=8)",
            call="MSTL loop with STL(seasonal=w, R-style jumps ceil(span/10)).fit(inner_iter=2) per period",
            input=lst(hourly8),
            periods=list(periods),
            seasonal=[lst(seasonal[0]), lst(seasonal[1])],
            trend=lst(res.trend),
            resid=lst(deseas - res.trend),
        ),
    )

    # Damped additive Holt-Winters with fixed parameters and a known initial state.
    init_level, init_trend = 118.0, 1.5
    init_seasonal = [-8.0, -3.0, 10.0, 6.0, -2.0, 12.0, 25.0, 24.0, 9.0, -7.0, -24.0, -12.0]
    params = dict(smoothing_level=0.3, smoothing_trend=0.05, smoothing_seasonal=0.2, damping_trend=0.9)
    model = ExponentialSmoothing(
        air,
        trend="add",
        damped_trend=True,
        seasonal="add",
        seasonal_periods=12,
        initialization_method="known",
        initial_level=init_level,
        initial_trend=init_trend,
        initial_seasonal=init_seasonal,
    )
    fit = model.fit(**params, optimized=False)
    write(
        "ets_damped_airpassengers.json",
        meta(
            call="ExponentialSmoothing(air, trend='add', damped_trend=True, seasonal='add', "
            "seasonal_periods=12, initialization_method='known', ...).fit(optimized=False, ...)",
            input=lst(air),
            params=params,
            initial_level=init_level,
            initial_trend=init_trend,
            initial_seasonal=init_seasonal,
            fitted=lst(fit.fittedvalues),
            forecast=lst(fit.forecast(24)),
            final_level=float(fit.level[-1]),
            final_trend=float(fit.trend[-1]),
            final_seasonal=lst(fit.season[-12:]),
            sse=float(fit.sse),
        ),
    )


if __name__ == "__main__":
    main()
