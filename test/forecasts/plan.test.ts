import { applyLimits } from "../../forecasts/plan-limits";
import { planPool } from "../../forecasts/plan";
import type { PlanInput, PoolPolicy, Series } from "../../forecasts/types";
import { testPolicy } from "./policy";

const HOUR = 3600;
const DAY = 24 * HOUR;
const NOW = 1_767_571_200; // 2026-01-05T00:00:00Z

/** A constant history: every model forecasts it exactly, so the peak is the constant itself. */
function constant(days: number, value: number): Series {
  return { start: NOW - days * DAY, step: HOUR, values: new Array<number>(days * 24).fill(value) };
}

const policy = testPolicy(["snaive-daily", "snaive-weekly"]);

const input = (over: Partial<PlanInput> = {}, pol: Partial<PoolPolicy> = {}): PlanInput => ({
  history: constant(21, 10),
  now: NOW,
  inUse: 4,
  expectedReleases: 1,
  policy: { ...policy, ...pol },
  ...over,
});

describe("planPool", () => {
  it("sizes shadow = ceil(peak) − in use − expected releases, with its why", () => {
    const plan = planPool(input());
    expect(plan.verdict).toBe("predictable");
    expect(plan.model).toBe("snaive-daily");
    expect(plan.peak).toBe(10);
    expect(plan.pointMax).toBe(10);
    expect(plan.rawShadow).toBe(5);
    expect(plan.shadow).toBe(5);
    expect(plan.bounds).toEqual(["none"]);
    expect(plan.surplusSince).toBeNull();
    expect(plan.shadowCostPerDay).toBeNull();
    expect(plan.selectBy).toBe("capacity");
    expect(plan.backtestCapacity).toBe(0); // a constant daily profile: snaive is exact
    expect(plan.why[0]).toMatch(
      /^Model snaive-daily chosen by rolling-origin backtest over \d+ windows: mean capacity above the window maximum at equal coverage 0 \(others: /,
    );
    expect(plan.why).toContain(
      "Capacity: ceil(peak 10) = 10 − in use 4 − expected releases 1 = raw shadow 5.",
    );
    expect(plan.why).toContain("No bound or limit changed the answer.");
  });

  it("says how many windows of invented demand the calibration left out", () => {
    const history = constant(21, 10);
    // Day 15 was a gap the resampler filled: its 24 hourly windows are not scored.
    const filled = history.values.map((_, i) => (i >= 15 * 24 && i < 16 * 24 ? 2 : 0) as 0 | 2);
    const plan = planPool(input({ history: { ...history, filled } }));
    expect(plan.why[1]).toMatch(
      / trailing windows \(24 more left out: their demand was invented for gaps in the rows; adaptive level /,
    );
    expect(planPool(input()).why[1]).not.toMatch(/left out/);
  });

  it("says so when the model was selected by pinball loss", () => {
    const plan = planPool(input({}, { selectBy: "pinball" }));
    expect(plan.peak).toBe(10);
    expect(plan.selectBy).toBe("pinball");
    expect(plan.why[0]).toMatch(
      /^Model snaive-daily chosen by rolling-origin backtest over \d+ windows: mean pinball loss of the window maximum 0 at q = 0.95/,
    );
  });

  it("raises to min and lowers to max, saying which bound changed the answer", () => {
    const low = planPool(input({}, { min: 7 }));
    expect(low.shadow).toBe(7);
    expect(low.bounds).toEqual(["min"]);
    expect(low.why).toContain("min 7 raised the shadow from 5 to 7.");
    const high = planPool(input({}, { max: 3 }));
    expect(high.shadow).toBe(3);
    expect(high.bounds).toEqual(["max"]);
    // More in use than the peak: the raw shadow is negative, min 0 holds.
    const busy = planPool(input({ inUse: 30 }));
    expect(busy.rawShadow).toBe(-21);
    expect(busy.shadow).toBe(0);
    expect(busy.bounds).toEqual(["min"]);
  });

  it("keeps surplus slots through the cooldown, across two successive plans", () => {
    const first = planPool(
      input({ previous: { shadow: 9, surplusSince: null } }, { cooldownSeconds: 2 * HOUR }),
    );
    expect(first.shadow).toBe(9);
    expect(first.bounds).toEqual(["cooldown"]);
    expect(first.surplusSince).toBe(NOW);
    expect(
      first.why.some((l) =>
        l.startsWith(
          "cooldown: 4 surplus slot(s) kept (surplus since 2026-01-05T00:00:00Z, removable from 2026-01-05T02:00:00Z); target 5.",
        ),
      ),
    ).toBe(true);

    const hist = constant(21, 10);
    const next = (now: number) =>
      planPool(
        input(
          {
            now,
            history: hist,
            previous: { shadow: first.shadow, surplusSince: first.surplusSince },
          },
          { cooldownSeconds: 2 * HOUR },
        ),
      );
    const stillCooling = next(NOW + HOUR);
    expect(stillCooling.shadow).toBe(9);
    expect(stillCooling.surplusSince).toBe(NOW);
    const done = next(NOW + 2 * HOUR);
    expect(done.shadow).toBe(5);
    expect(done.bounds).toEqual(["none"]);
    expect(done.surplusSince).toBeNull();
  });

  it("removes at most maxStepDown per deployment and keeps the surplus clock while it does", () => {
    const first = planPool(
      input({ previous: { shadow: 12, surplusSince: null } }, { maxStepDown: 3 }),
    );
    expect(first.shadow).toBe(9);
    expect(first.bounds).toEqual(["maxStepDown"]);
    expect(first.surplusSince).toBe(NOW);
    const second = planPool(
      input(
        { now: NOW + HOUR, previous: { shadow: 9, surplusSince: first.surplusSince } },
        { maxStepDown: 3 },
      ),
    );
    expect(second.shadow).toBe(6);
    const third = planPool(
      input(
        { now: NOW + 2 * HOUR, previous: { shadow: 6, surplusSince: NOW } },
        { maxStepDown: 3 },
      ),
    );
    expect(third.shadow).toBe(5);
    expect(third.bounds).toEqual(["none"]);
    expect(third.surplusSince).toBeNull();
  });

  it("resets the surplus clock when the target is back at or above the previous size", () => {
    const plan = planPool(
      input({ previous: { shadow: 5, surplusSince: NOW - DAY } }, { cooldownSeconds: DAY }),
    );
    expect(plan.shadow).toBe(5);
    expect(plan.surplusSince).toBeNull();
  });

  it("keeps the previous size when the history source failed, and says why", () => {
    const plan = planPool(
      input({
        history: null,
        historyError: "prometheus: HTTP 503",
        previous: { shadow: 6, surplusSince: NOW - HOUR },
      }),
    );
    expect(plan.shadow).toBe(6);
    expect(plan.bounds).toEqual(["source-failed"]);
    expect(plan.verdict).toBe("not predictable: history unavailable (prometheus: HTTP 503)");
    expect(plan.surplusSince).toBe(NOW - HOUR);
    expect(plan.why[0]).toContain("prometheus: HTTP 503");
    expect(plan.model).toBeNull();
    // A new pool with a failing source starts at min.
    const fresh = planPool(input({ history: null }, { min: 2 }));
    expect(fresh.shadow).toBe(2);
    expect(fresh.verdict).toBe(
      "not predictable: history unavailable (the source returned no data)",
    );
  });

  it("treats a history with nothing before now like a failed source", () => {
    const plan = planPool(
      input({
        history: { start: NOW, step: HOUR, values: [3, 4] },
        previous: { shadow: 2, surplusSince: null },
      }),
    );
    expect(plan.shadow).toBe(2);
    expect(plan.bounds).toEqual(["source-failed"]);
  });

  it("falls back with a verdict under 14 days of history", () => {
    const plan = planPool(input({ history: constant(5, 10) }));
    expect(plan.verdict).toBe(
      "not predictable: only 5 days of history before now (a model needs 14 days)",
    );
    expect(plan.model).toBeNull();
    expect(plan.peak).toBe(12); // 10 + 20 %
    expect(plan.shadow).toBe(7);
    expect(plan.bounds).toEqual(["fallback"]);
    expect(plan.why[1]).toBe(
      "Fallback: maximum of the last 5 days 10 + margin (20 %, at least 1 for whole units) = peak 12 over [now, now + 1h).",
    );
  });

  it("prices the shadow per day when a price is set", () => {
    const plan = planPool(input({}, { pricePerSlotHour: 0.25 }));
    expect(plan.shadowCostPerDay).toBe(5 * 0.25 * 24);
    expect(plan.why[plan.why.length - 1]).toBe(
      "Shadow: 5 slot(s), costing 30 per day at 0.25 per slot-hour.",
    );
  });

  it("forecasts across a stale gap between the end of the history and now, and says so", () => {
    const h = constant(21, 10);
    const stale: Series = { ...h, values: h.values.slice(0, -3) };
    const plan = planPool(input({ history: stale }));
    expect(plan.verdict).toBe("predictable");
    expect(plan.peak).toBe(10);
    expect(plan.why).toContain(
      "History ends 3h before now: the forecast spans that gap too, and the calibration used the same lead time.",
    );
  });

  it("ignores history at or after now", () => {
    const h = constant(21, 10);
    const withFuture: Series = { ...h, values: [...h.values, 500, 500, 500] };
    expect(JSON.stringify(planPool(input({ history: withFuture })))).toBe(
      JSON.stringify(planPool(input({ history: h }))),
    );
  });

  it("rejects a bad input before anything else, naming every field, value and fix", () => {
    expect(() => planPool(input({}, { quantile: 1.5 }))).toThrow(
      "policy.quantile must be between 0.5 and 0.999 (got 1.5)",
    );
    let message = "";
    try {
      planPool(
        input(
          { inUse: -1, history: null },
          {
            min: 5,
            max: 2,
            horizonSeconds: 0,
            models: ["prophet"],
            selectBy: "mape" as unknown as "pinball",
          },
        ),
      );
    } catch (err) {
      message = (err as Error).message;
    }
    expect(
      message
        .split("\n")
        .slice(1)
        .map((l) => l.trim()),
    ).toEqual([
      "inUse must be a whole number of slots >= 0 (got -1)",
      "policy.horizonSeconds must be a positive number of seconds (got 0)",
      "policy.min (5) must not exceed policy.max (2); lower min or raise max",
      'policy.selectBy must be one of pinball, capacity (got "mape")',
      'policy.models[0] is not a known model (got "prophet"); use one of ' +
        message.split("use one of ")[1],
    ]);
    expect(() => planPool(input({ previous: { shadow: 1.5, surplusSince: null } }))).toThrow(
      "previous.shadow must be a whole number of slots >= 0 (got 1.5)",
    );
  });
});

describe("applyLimits", () => {
  const pol = { min: 1, max: 10, maxStepDown: 2, cooldownSeconds: 0 };
  it("lets a lowered max win over the step-down limit", () => {
    const r = applyLimits(3, { ...pol, max: 4 }, { shadow: 9, surplusSince: null }, NOW);
    // Without max the step-down limit would hold 7; without the limit the answer would be 3.
    expect(r.shadow).toBe(4);
    expect(r.bounds).toEqual(["max", "maxStepDown"]);
  });

  it("grows without limit up to max", () => {
    const r = applyLimits(50, pol, { shadow: 2, surplusSince: null }, NOW);
    expect(r).toEqual({
      shadow: 10,
      bounds: ["max"],
      surplusSince: null,
      why: ["max 10 lowered the shadow from 50 to 10."],
    });
  });
});
