import fc from "fast-check";
import { nextPrevious, resolvePool } from "../../components/pool";
import type { PoolArgsBase } from "../../components/pool";
import { describeExpectation, summarize } from "../../components/pool-summary";
import { validatePoolArgs } from "../../components/pool-validate";
import type { PoolPlan } from "../../forecasts/types";
import { HOUR, NOW, basePolicy, flatHistory } from "./mocks";

const base: PoolArgsBase = { history: flatHistory(10), now: NOW, policy: basePolicy };

const plan: PoolPlan = {
  now: NOW,
  horizonSeconds: 2 * HOUR,
  quantile: 0.95,
  verdict: "predictable",
  model: "mstl",
  backtestPinball: 0.4,
  backtestCapacity: 3,
  selectBy: "capacity",
  pointMax: 39,
  peak: 40.2,
  inUse: 24,
  expectedReleases: 0,
  rawShadow: 17,
  shadow: 17,
  bounds: ["none"],
  surplusSince: null,
  shadowCostPerDay: null,
  why: [],
};

describe("summarize / describeExpectation", () => {
  it("reads like the contract's example", () => {
    expect(summarize("api-warm", "enforce", 14, 17, plan)).toBe(
      "api-warm: 14 → 17 shadow (+3), peak q95 = 41 by mstl, bound: none",
    );
    expect(
      summarize("api-warm", "observe", 5, 2, {
        ...plan,
        model: null,
        bounds: ["min", "maxStepDown"],
      }),
    ).toBe(
      "[observe] api-warm: 5 → 2 shadow (-3), peak q95 = 41 by fallback, bound: min, maxStepDown",
    );
  });

  it("names the end of the horizon", () => {
    expect(describeExpectation(plan)).toBe("peak q95 = 41 by mstl before 2025-11-24T10:00Z");
  });
});

describe("resolvePool", () => {
  it("enforce: declares the planned table (claims + plan.shadow shadow slots)", () => {
    const claims = [
      { index: 0, by: "a" },
      { index: 1, by: "b" },
    ];
    const r = resolvePool("web", { ...base, mode: "enforce", claims });
    expect(r.plan.inUse).toBe(2);
    expect(r.slots.filter((s) => s.state === "shadow")).toHaveLength(r.plan.shadow);
    expect(r.slots).toHaveLength(2 + r.plan.shadow);
    expect(r.declared).toEqual(r.slots);
    expect(r.mode).toBe("enforce");
    expect(r.summary.startsWith("web: 0 → ")).toBe(true);
    expect(
      r.slots
        .filter((s) => s.state === "shadow")
        .every((s) => s.expectedFor?.startsWith("peak q95 = ")),
    ).toBe(true);
  });

  it("observe is the default and declares nothing on a first deployment, while reporting enforce's table", () => {
    const r = resolvePool("web", { ...base, policy: { ...basePolicy, min: 3 } });
    expect(r.mode).toBe("observe");
    expect(r.declared).toEqual([]);
    expect(r.slots.length).toBeGreaterThanOrEqual(3);
    expect(r.changes.added.length).toBe(r.slots.length);
    expect(r.summary.startsWith("[observe] web: 0 → ")).toBe(true);
  });

  it("observe keeps exactly the previous indices, with claim states applied; adopted claims are not declared", () => {
    const first = resolvePool("web", {
      ...base,
      mode: "enforce",
      policy: { ...basePolicy, min: 4, max: 4 },
    });
    expect(first.declared.map((s) => s.name)).toEqual(["web-0", "web-1", "web-2", "web-3"]);
    const second = resolvePool("web", {
      ...base,
      now: NOW + HOUR,
      policy: { ...basePolicy, min: 0, max: 0 },
      claims: [
        { index: 2, by: "job" },
        { index: 9, by: "outsider" },
      ],
      previous: { slots: first.slots, plan: { shadow: 4, surplusSince: null } },
    });
    expect(second.declared.map((s) => `${s.name}:${s.state}`)).toEqual([
      "web-0:shadow",
      "web-1:shadow",
      "web-2:claimed",
      "web-3:shadow",
    ]);
    // Enforce would keep only the claimed slots (max 0 shadow).
    expect(second.slots.map((s) => s.name)).toEqual(["web-2", "web-9"]);
    expect(second.changes.removed).toEqual([0, 1, 3]);
  });

  it("a claimed slot survives a plan of zero in enforce mode", () => {
    const first = resolvePool("w", {
      ...base,
      mode: "enforce",
      policy: { ...basePolicy, min: 3, max: 3 },
    });
    const next = resolvePool("w", {
      ...base,
      mode: "enforce",
      policy: { ...basePolicy, max: 0 },
      claims: [{ index: 2, by: "x" }],
      previous: { slots: first.slots, plan: { shadow: 3, surplusSince: null } },
    });
    expect(next.declared.map((s) => s.name)).toEqual(["w-2"]);
    expect(next.plan.shadow).toBe(0);
  });

  it("throws one error listing every problem", () => {
    expect(() =>
      resolvePool("w", {
        ...base,
        mode: "bogus" as "observe",
        policy: { ...basePolicy, min: 5, max: 2 },
      }),
    ).toThrow(
      /args\.mode must be one of observe, enforce \(got "bogus"\)[\s\S]*args\.policy\.min must be <= args\.policy\.max/,
    );
  });
});

describe("validatePoolArgs", () => {
  it("accepts valid args", () => {
    expect(validatePoolArgs(base, "pools[0]")).toEqual([]);
    expect(
      validatePoolArgs({ ...base, history: null, historyError: "timeout" }, "pools[0]"),
    ).toEqual([]);
  });

  it("reports every problem with the path, the value and the fix", () => {
    const problems = validatePoolArgs(
      {
        ...base,
        now: -5,
        policy: { ...basePolicy, quantile: 1.5, min: -1, max: 2.5, maxStepDown: -3 },
        expectedReleases: -1,
        claims: [
          { index: 0, by: "a" },
          { index: 0, by: "b" },
        ],
      },
      "pools[2]",
    );
    expect(problems).toEqual([
      "pools[2].now must be a number >= 0 (got -5)",
      "pools[2].policy.quantile must be a number between 0.5 and 0.999 (got 1.5)",
      "pools[2].policy.min must be an integer >= 0 (got -1)",
      "pools[2].policy.max must be an integer >= 0 (got 2.5)",
      "pools[2].policy.maxStepDown must be an integer >= 0 (got -3)",
      "pools[2].claims[1].index must be unique: slot 0 is already claimed by pools[2].claims[0]; merge the two claims",
      "pools[2].expectedReleases must be an integer >= 0 (got -1)",
    ]);
  });

  it("accepts unlimited max and maxStepDown, rejects unknown models and non-finite history", () => {
    expect(validatePoolArgs({ ...base, policy: { ...basePolicy, max: Infinity } }, "p")).toEqual(
      [],
    );
    const problems = validatePoolArgs(
      {
        ...base,
        history: { start: NOW - 7200, step: HOUR, values: [1, NaN] },
        policy: { ...basePolicy, models: ["prophet"] },
      },
      "p",
    );
    expect(problems).toHaveLength(2);
    expect(problems[0]).toBe(
      "p.history.values[1] must be a finite number (got NaN); clean the series first",
    );
    expect(problems[1]).toMatch(
      /^p\.policy\.models\[0\] is not a known model \(got "prophet"\); use one of /,
    );
  });
});

describe("nextPrevious", () => {
  it("persists what was declared: the would-be table in enforce, the previous one in observe", () => {
    const first = resolvePool("w", {
      ...base,
      mode: "enforce",
      policy: { ...basePolicy, min: 3, max: 3 },
    });
    expect(nextPrevious(first)).toEqual({
      slots: first.slots,
      plan: { shadow: 3, surplusSince: first.plan.surplusSince },
    });
    const observed = resolvePool("w", {
      ...base,
      now: NOW + HOUR,
      policy: { ...basePolicy, min: 6, max: 6 },
      previous: nextPrevious(first),
    });
    // Observe reports 6 but holds 3: the next run must start from the 3 that exist.
    expect(observed.plan.shadow).toBe(6);
    expect(nextPrevious(observed).plan.shadow).toBe(3);
    expect(nextPrevious(observed).slots.map((s) => s.name)).toEqual(["w-0", "w-1", "w-2"]);
  });
});

describe("resolvePool: properties over random sequences of deployments", () => {
  // history: null keeps the planner on its fast path (previous size clamped to min..max).
  const step = fc.record({
    mode: fc.constantFrom("observe" as const, "enforce" as const),
    min: fc.nat(6),
    extra: fc.nat(6),
    claimed: fc.uniqueArray(fc.nat(15), { maxLength: 6 }),
  });

  it("enforce never drops a claim; observe never changes the declared indices", () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 8 }), (steps) => {
        let previous: ReturnType<typeof nextPrevious> | undefined;
        steps.forEach((s, k) => {
          const claims = s.claimed.map((index) => ({ index, by: `w${index}` }));
          const r = resolvePool("q", {
            history: null,
            now: NOW + k * HOUR,
            mode: s.mode,
            policy: { ...basePolicy, min: s.min, max: s.min + s.extra },
            claims,
            previous,
          });
          const declared = new Map(r.declared.map((x) => [x.index, x]));
          if (s.mode === "enforce") {
            for (const c of claims) expect(declared.get(c.index)?.state).toBe("claimed");
            expect(r.declared.filter((x) => x.state === "shadow")).toHaveLength(r.plan.shadow);
          } else {
            expect(r.declared.map((x) => x.index)).toEqual(
              (previous?.slots ?? []).map((x) => x.index),
            );
          }
          // The would-be table always holds every claim plus the planned shadow.
          expect(r.slots).toHaveLength(claims.length + r.plan.shadow);
          previous = nextPrevious(r);
        });
      }),
      { numRuns: 200 },
    );
  });

  it("reports loosely typed config garbage instead of crashing", () => {
    const garbage = {
      ...base,
      claims: "all" as unknown as [],
      previous: { slots: [null], plan: "x" } as unknown as undefined,
      policy: { ...basePolicy, models: "mstl" as unknown as string[] },
    };
    expect(validatePoolArgs(garbage, "pools[0]")).toEqual([
      'pools[0].policy.models must be a list of model names (got "mstl")',
      'pools[0].claims must be a list of claims (got "all")',
      "pools[0].previous.slots[0] must be a slot { index, name, state, since } (got null)",
      'pools[0].previous.plan must be a mapping of keys to values (got "x")',
    ]);
  });
});
