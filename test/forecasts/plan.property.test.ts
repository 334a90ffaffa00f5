import fc from "fast-check";
import { planPool } from "../../forecasts/plan";
import type { PlanInput, Series } from "../../forecasts/types";
import { mulberry32 } from "./calibrate/prng";

const HOUR = 3600;
const NOW = 1_767_571_200; // 2026-01-05T00:00:00Z

/** Hourly history ending at NOW: none, a short one (fallback) or 15 days with a daily rhythm. */
const historyArb: fc.Arbitrary<Series | null> = fc.oneof(
  fc.constant(null),
  fc
    .array(fc.nat({ max: 40 }), { minLength: 0, maxLength: 5 * 24 })
    .map((values) => ({ start: NOW - values.length * HOUR, step: HOUR, values })),
  fc
    .record({
      seed: fc.nat(),
      base: fc.nat({ max: 30 }),
      amp: fc.nat({ max: 30 }),
      shift: fc.integer({ min: -20, max: 20 }),
    })
    .map(({ seed, base, amp, shift }) => {
      const u = mulberry32(seed);
      const n = 15 * 24;
      const values = Array.from({ length: n }, (_, i) =>
        Math.max(
          0,
          Math.round(
            base + (i > n - 48 ? shift : 0) + amp * Math.sin((2 * Math.PI * i) / 24) + 4 * u(),
          ),
        ),
      );
      return { start: NOW - n * HOUR, step: HOUR, values };
    }),
);

const inputArb: fc.Arbitrary<PlanInput> = fc
  .record({
    history: historyArb,
    nowOffset: fc.constantFrom(0, 0, 1800, 7 * HOUR),
    inUse: fc.nat({ max: 30 }),
    expectedReleases: fc.nat({ max: 5 }),
    previous: fc.option(
      fc.record({ shadow: fc.nat({ max: 40 }), surplusAge: fc.option(fc.nat({ max: 4 * HOUR })) }),
      { nil: undefined },
    ),
    min: fc.nat({ max: 5 }),
    span: fc.oneof(fc.nat({ max: 25 }), fc.constant(Infinity)),
    maxStepDown: fc.oneof(fc.nat({ max: 6 }), fc.constant(Infinity)),
    cooldownSeconds: fc.constantFrom(0, HOUR, 2 * HOUR),
    quantile: fc.double({ min: 0.5, max: 0.999, noNaN: true }),
    horizonSeconds: fc.constantFrom(1800, HOUR, 2 * HOUR),
    price: fc.option(fc.double({ min: 0, max: 5, noNaN: true }), { nil: undefined }),
  })
  .map((r) => {
    const now = NOW + r.nowOffset;
    return {
      history: r.history,
      now,
      inUse: r.inUse,
      expectedReleases: r.expectedReleases,
      previous:
        r.previous === undefined
          ? undefined
          : {
              shadow: r.previous.shadow,
              surplusSince: r.previous.surplusAge === null ? null : now - r.previous.surplusAge,
            },
      policy: {
        quantile: r.quantile,
        horizonSeconds: r.horizonSeconds,
        min: r.min,
        max: r.min + r.span,
        maxStepDown: r.maxStepDown,
        cooldownSeconds: r.cooldownSeconds,
        models: ["snaive-daily", "snaive-weekly"],
        pricePerSlotHour: r.price,
      },
    };
  });

const runs = { numRuns: 150, seed: 20260105 };

describe("planPool properties", () => {
  it("always holds min and max, with a whole, non-negative shadow and a finite peak", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const plan = planPool(input);
        expect(Number.isInteger(plan.shadow)).toBe(true);
        expect(plan.shadow).toBeGreaterThanOrEqual(Math.max(0, input.policy.min));
        expect(plan.shadow).toBeLessThanOrEqual(input.policy.max);
        expect(Number.isFinite(plan.peak) && plan.peak >= 0).toBe(true);
        expect(plan.bounds.length).toBeGreaterThan(0);
        if (plan.bounds.includes("none")) expect(plan.bounds).toEqual(["none"]);
        expect(plan.why.length).toBeGreaterThan(0);
      }),
      runs,
    );
  });

  it("gives byte-identical output for the same input", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const copy = JSON.parse(
          JSON.stringify(input, (_k, v) => (v === Infinity ? "Infinity" : v)),
          (_k, v) => (v === "Infinity" ? Infinity : v),
        ) as PlanInput;
        expect(JSON.stringify(planPool(copy))).toBe(JSON.stringify(planPool(input)));
      }),
      runs,
    );
  });

  it("removes at most maxStepDown slots (unless max was lowered below)", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        fc.pre(input.previous !== undefined);
        const plan = planPool(input);
        const prev = input.previous!.shadow;
        expect(plan.shadow).toBeGreaterThanOrEqual(
          Math.min(prev - input.policy.maxStepDown, input.policy.max),
        );
      }),
      runs,
    );
  });

  it("never shrinks during the cooldown", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        fc.pre(input.previous !== undefined);
        const since = input.previous!.surplusSince ?? input.now;
        fc.pre(input.now - since < input.policy.cooldownSeconds);
        const plan = planPool(input);
        expect(plan.shadow).toBeGreaterThanOrEqual(
          Math.min(input.previous!.shadow, input.policy.max),
        );
      }),
      runs,
    );
  });

  it("never shrinks on a missing history", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const plan = planPool({ ...input, history: null, historyError: "source down" });
        const prev = input.previous?.shadow ?? input.policy.min;
        expect(plan.shadow).toBeGreaterThanOrEqual(Math.min(prev, input.policy.max));
        expect(plan.bounds[0]).toBe("source-failed");
        expect(plan.why[0]).toContain("source down");
      }),
      runs,
    );
  });
});
