import fc from "fast-check";
import {
  largestRemainder,
  poolCapacity,
  planWeights,
  resolveTrafficWeights,
  summarizeWeights,
  validateWeightsInput,
} from "../../components/weights";
import { weightInputs } from "./weights-inputs";

describe("largestRemainder", () => {
  it("matches the published Hare/largest-remainder example (Wikipedia, 'Largest remainders method')", () => {
    // 10 seats, votes 47000/16000/15800/12000/6100/3100: quotas 4.70 1.60 1.58 1.20 0.61 0.31,
    // automatic seats 4 1 1 1 0 0, remainder seats to Yellows, Blues, Whites → 5 2 1 1 1 0.
    const votes = [47000, 16000, 15800, 12000, 6100, 3100];
    const quotas = votes.map((v) => (v / 100000) * 10);
    expect(largestRemainder(quotas, 10)).toEqual([5, 2, 1, 1, 1, 0]);
  });

  it("breaks equal remainders by position", () => {
    expect(largestRemainder([1.5, 1.5], 3)).toEqual([2, 1]);
    expect(largestRemainder([1 / 3, 1 / 3, 1 / 3], 1)).toEqual([1, 0, 0]);
  });
});

describe("planWeights: examples", () => {
  it("without previous weights, apportions ready capacity like the largest-remainder example", () => {
    const plan = planWeights({
      backends: [
        { name: "yellows", ready: 47000 },
        { name: "whites", ready: 16000 },
        { name: "reds", ready: 15800 },
        { name: "greens", ready: 12000 },
        { name: "blues", ready: 6100 },
        { name: "pinks", ready: 3100 },
      ],
      demand: 0,
      total: 10,
      maxStep: 100,
    });
    expect(plan.weights).toEqual({ yellows: 5, whites: 2, reds: 1, greens: 1, blues: 1, pinks: 0 });
    expect(plan.changes.every((c) => c.previous === null)).toBe(true);
    expect(plan.why).toContain("no previous weights: no step limit on this deployment");
  });

  it("moves at most the step and reports how many deployments remain", () => {
    // target blue 25 / green 75; step 20 from blue 100 → 80, green 0 → 20; gap 55 → 3 more.
    const plan = planWeights({
      backends: [
        { name: "blue", ready: 10 },
        { name: "green", ready: 30, warming: 5 },
      ],
      demand: 20,
      total: 100,
      maxStep: 20,
      previous: { blue: 100, green: 0 },
    });
    expect(plan.weights).toEqual({ blue: 80, green: 20 });
    expect(plan.target).toEqual({ blue: 25, green: 75 });
    expect(plan.stepUnits).toBe(20);
    expect(plan.deploymentsToTarget).toBe(3);
    expect(plan.changes).toEqual([
      { name: "blue", previous: 100, next: 80, delta: -20 },
      { name: "green", previous: 0, next: 20, delta: 20 },
    ]);
    expect(plan.why.find((w) => w.startsWith("green:"))).toBe(
      "green: 30 ready (+5 warming, not weighted yet), target 75 of 100, weight 0 → 20 (cap 150)",
    );
  });

  it("sends the weight a step-limited backend must keep elsewhere only up to each backend's cap", () => {
    // ready a 30, b 5, c 65 against demand 50: caps a 60, b 10, c 130 (of 100).
    // c may rise by 20 only, b may fall by 20 only (to 20 > its cap 10): without caps the
    // closest point would give b 27.5; with caps b stays at 20 and a takes its cap 60.
    const plan = planWeights({
      backends: [
        { name: "a", ready: 30 },
        { name: "b", ready: 5 },
        { name: "c", ready: 65 },
      ],
      demand: 50,
      total: 100,
      maxStep: 20,
      previous: { a: 60, b: 40, c: 0 },
    });
    expect(plan.weights).toEqual({ a: 60, b: 20, c: 20 });
  });

  it("drops the caps (never the step limit) when both cannot hold", () => {
    // a may rise by 10 only, so b and c must keep 90 together although their caps are 5 each.
    const plan = planWeights({
      backends: [
        { name: "a", ready: 18 },
        { name: "b", ready: 1 },
        { name: "c", ready: 1 },
      ],
      demand: 20,
      total: 100,
      maxStep: 10,
      previous: { a: 0, b: 60, c: 40 },
    });
    expect(plan.weights).toEqual({ a: 10, b: 50, c: 40 });
    expect(plan.why).toContain(
      "caps dropped for this deployment: the step limit keeps a backend above what its capacity serves",
    );
  });

  it("rescales previous weights when a backend was removed", () => {
    const plan = planWeights({
      backends: [
        { name: "a", ready: 10 },
        { name: "b", ready: 10 },
      ],
      demand: 10,
      total: 100,
      maxStep: 100,
      previous: { a: 50, b: 30, gone: 20 },
    });
    // 50/80 and 30/80 of 100 = 62.5 / 37.5 → 63 / 37 (tie to the first name).
    expect(plan.changes.map((c) => c.previous)).toEqual([63, 37]);
    expect(plan.weights).toEqual({ a: 50, b: 50 });
    expect(plan.why).toContain("previous weights of removed backends redistributed: gone");
  });

  it("holds the previous weights when nothing is ready, splits evenly without them", () => {
    const none = [
      { name: "x", ready: 0 },
      { name: "y", ready: 0 },
    ];
    const held = planWeights({
      backends: none,
      demand: 5,
      total: 100,
      maxStep: 10,
      previous: { x: 70, y: 30 },
    });
    expect(held.weights).toEqual({ x: 70, y: 30 });
    const even = planWeights({ backends: none, demand: 5, total: 255, maxStep: 10 });
    expect(even.weights).toEqual({ x: 128, y: 127 });
  });
});

describe("planWeights: ties", () => {
  it("keeps a true tie of remainders with the earlier name on every deployment (found by fast-check)", () => {
    // 1/180 and 172/180 of 100 both leave a remainder of 5/9: the tie goes to "b" every time.
    const input = {
      backends: [
        { name: "a", ready: 7 },
        { name: "b", ready: 1 },
        { name: "c", ready: 172 },
      ],
      demand: 0,
      total: 100,
      maxStep: 15,
    };
    const first = planWeights(input);
    expect(first.weights).toEqual({ a: 4, b: 1, c: 95 });
    expect(planWeights({ ...input, previous: first.weights }).weights).toEqual(first.weights);
  });
});

describe("planWeights: validation", () => {
  it("reports every problem with the field and the fix", () => {
    const bad = {
      backends: [
        { name: "a", ready: -1 },
        { name: "a", ready: 1 },
      ],
      demand: Number.NaN,
      total: 300,
      maxStep: 0,
      previous: { a: -5 },
    };
    const problems = validateWeightsInput(bad, "traffic[0]", 255);
    expect(problems).toEqual([
      "traffic[0].backends[0].ready must be a finite number >= 0 (got -1); pass in use + ready shadow slots",
      'traffic[0].backends[1].name must be unique: "a" is also traffic[0].backends[0]; rename one',
      "traffic[0].demand must be a finite number >= 0 (got NaN); pass the plan's peak",
      "traffic[0].total must be an integer between 1 and 255 for this provider (got 300); use e.g. 100",
      "traffic[0].maxStep must be between 1 and 100 percent points of the total (got 0); use e.g. 20",
      'traffic[0].previous["a"] must be a finite number >= 0 (got -5)',
    ]);
    expect(() => planWeights(bad, 255)).toThrow(/weights\.maxStep must be between 1 and 100/);
  });

  it("rejects empty backends, maxStep above 100, and a step below one weight unit", () => {
    expect(
      validateWeightsInput({ backends: [], demand: 1, total: 100, maxStep: 101 }, "args"),
    ).toEqual([
      "args.backends must list at least one backend (got []); add { name, ready }",
      "args.maxStep must be between 1 and 100 percent points of the total (got 101); use e.g. 20",
    ]);
    expect(
      validateWeightsInput(
        { backends: [{ name: "a", ready: 1 }], demand: 1, total: 10, maxStep: 5 },
        "args",
      ),
    ).toEqual([
      "args.maxStep of 5% of total 10 is less than one weight unit; raise maxStep to at least 10 or the total",
    ]);
  });
});

/** Random inputs without affinities or health: the rules every deployment keeps. */
const inputs = weightInputs();

describe("planWeights: properties", () => {
  it("returns non-negative integers that sum exactly to the total", () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const w = Object.values(planWeights(input).weights);
        expect(w.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
        expect(w.reduce((a, b) => a + b, 0)).toBe(input.total);
      }),
      { numRuns: 500 },
    );
  });

  it("never moves a weight by more than the step from the previous weights", () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const plan = planWeights(input);
        const step = Math.floor((input.maxStep * input.total) / 100);
        for (const c of plan.changes) {
          if (input.previous !== undefined) expect(c.previous).toBe(input.previous[c.name]);
          if (c.previous !== null) expect(Math.abs(c.next - c.previous)).toBeLessThanOrEqual(step);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("is deterministic and independent of the order of the backends", () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const again = planWeights(input);
        const reversed = planWeights({ ...input, backends: [...input.backends].reverse() });
        expect(planWeights(input)).toEqual(again);
        expect(reversed.weights).toEqual(again.weights);
      }),
      { numRuns: 300 },
    );
  });

  it("without previous weights and enough capacity, gives no backend more than its cap (up to rounding)", () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const ready = input.backends.reduce((a, b) => a + b.ready, 0);
        fc.pre(input.demand > 0 && ready >= input.demand);
        const plan = planWeights({ ...input, previous: undefined });
        for (const b of input.backends) {
          expect(plan.weights[b.name]).toBeLessThanOrEqual(
            Math.ceil((b.ready / input.demand) * input.total),
          );
        }
      }),
      { numRuns: 300 },
    );
  });

  it("reaches the target when redeployed with the same capacity", () => {
    fc.assert(
      fc.property(inputs, (input) => {
        let plan = planWeights(input);
        const step = Math.floor((input.maxStep * input.total) / 100);
        for (let k = 0; k < Math.ceil(input.total / step) + 1; k++) {
          plan = planWeights({ ...input, previous: plan.weights });
        }
        expect(plan.weights).toEqual(plan.target);
        expect(plan.deploymentsToTarget).toBe(0);
      }),
      { numRuns: 300 },
    );
  });
});

describe("poolCapacity", () => {
  const slot = (index: number, state: "shadow" | "claimed" | "releasing") => ({
    index,
    name: `p-${index}`,
    state,
    since: 0,
  });

  it("counts slots added by this deployment as warming, everything else declared as ready", () => {
    const declared = [
      slot(0, "claimed"),
      slot(1, "shadow"),
      slot(2, "shadow"),
      slot(3, "shadow"),
      slot(5, "claimed"),
    ];
    // 2 and 3 are new shadow slots; 5 is an adopted claim (added, but already in use).
    const changes = { added: [2, 3, 5], removed: [4], claimed: [5], released: [] };
    expect(poolCapacity({ declared, changes })).toEqual({ ready: 3, warming: 2 });
  });

  it("counts nothing as warming when nothing was added (observe mode declares the previous slots)", () => {
    const changes = { added: [], removed: [], claimed: [], released: [] };
    expect(poolCapacity({ declared: [slot(0, "shadow"), slot(1, "releasing")], changes })).toEqual({
      ready: 2,
      warming: 0,
    });
  });
});

describe("resolveTrafficWeights: observe vs enforce", () => {
  const base = {
    backends: [
      { name: "blue", ready: 10 },
      { name: "green", ready: 30 },
    ],
    demand: 20,
  };

  it("enforce declares the plan: weights = plannedWeights = planWeights", () => {
    const r = resolveTrafficWeights({ ...base, mode: "enforce", previous: { blue: 100 } });
    const plan = planWeights({ ...base, total: 100, maxStep: 20, previous: { blue: 100 } });
    expect(r).toEqual({ ...plan, mode: "enforce", plannedWeights: plan.weights, declared: true });
    expect(r.weights).toEqual({ blue: 80, green: 20 });
    expect(summarizeWeights("web", r)).toBe(summarizeWeights("web", plan));
  });

  it("observe is the default; previous weights are held as they are, also when they do not sum to the total", () => {
    // A removed backend ("gone") leaves 70 + 0 for the current ones: declared as is, not rescaled.
    const r = resolveTrafficWeights({ ...base, previous: { blue: 70, gone: 30 } });
    expect(r.mode).toBe("observe");
    expect(r.declared).toBe(true);
    expect(r.weights).toEqual({ blue: 70, green: 0 });
    // Planned from the rescaled previous weights 100 / 0: one step of 20.
    expect(r.plannedWeights).toEqual({ blue: 80, green: 20 });
    expect(r.why[0]).toBe(
      "observe mode: the previous weights are declared as they are (traffic left as it is); the planned weights are what enforce would declare",
    );
    expect(r.why.slice(1)).toEqual(
      planWeights({ ...base, total: 100, maxStep: 20, previous: { blue: 70, gone: 30 } }).why,
    );
  });

  it("observe declares nothing when no current backend has a previous weight above 0", () => {
    const cases: (Record<string, number> | undefined)[] = [
      undefined,
      {},
      { blue: 0, green: 0 },
      { gone: 100 },
    ];
    for (const previous of cases) {
      const r = resolveTrafficWeights({ ...base, previous });
      expect(r.declared).toBe(false);
      expect(r.weights).toEqual({});
      expect(r.plannedWeights).toEqual({ blue: 25, green: 75 });
    }
  });

  it("rejects an unknown mode", () => {
    expect(() => resolveTrafficWeights({ ...base, mode: "shadow" as "observe" })).toThrow(
      'weights.mode must be one of observe, enforce (got "shadow")',
    );
  });

  it("observe always declares exactly the previous weights of the current backends (property)", () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const r = resolveTrafficWeights({ ...input, mode: "observe" });
        expect(r.plannedWeights).toEqual(planWeights(input).weights);
        if (input.previous === undefined) {
          expect(r.declared).toBe(false);
        } else {
          const held = Object.fromEntries(
            input.backends.map((b) => [b.name, input.previous?.[b.name] ?? 0]),
          );
          expect(r.weights).toEqual(held);
        }
      }),
      { numRuns: 300 },
    );
  });
});
