import fc from "fast-check";
import { affinityShares } from "../../components/weights-affinity";
import { planWeights, validateWeightsInput, type WeightPlan } from "../../components/weights";
import { weightInputs } from "./weights-inputs";

const blue = (ready: number, extra: object = {}) => ({
  name: "blue",
  ready,
  affinity: 0.5,
  ...extra,
});
const green = (ready: number, extra: object = {}) => ({
  name: "green",
  ready,
  affinity: 1,
  ...extra,
});

describe("affinityShares (hand-computed)", () => {
  it("serves the demand from the highest affinity first, each backend up to its ready capacity", () => {
    // green (1) has 30 ready, blue (0.5) 40. Demand 25: green alone. Demand 50: green 30, blue 20.
    expect(affinityShares([blue(40), green(30)], 25)).toEqual([0, 1]);
    expect(affinityShares([blue(40), green(30)], 50)).toEqual([20 / 50, 30 / 50]);
    // Demand above all ready capacity: every backend serves all it has (each is short).
    expect(affinityShares([blue(40), green(30)], 100)).toEqual([40 / 70, 30 / 70]);
    // No demand: the highest affinity that has capacity takes it all.
    expect(affinityShares([blue(40), green(30)], 0)).toEqual([0, 1]);
    expect(affinityShares([blue(40), green(0)], 0)).toEqual([1, 0]);
  });

  it("shares by ready capacity among equal scores, and gives an unhealthy backend nothing", () => {
    const equal = [
      { name: "a", ready: 10 },
      { name: "b", ready: 30 },
    ];
    expect(affinityShares(equal, 20)).toEqual([0.25, 0.75]);
    expect(affinityShares([blue(40), green(30, { healthy: false })], 25)).toEqual([1, 0]);
    expect(affinityShares([blue(0), green(30, { healthy: false })], 25)).toEqual([0, 0]);
  });
});

describe("migration onto a pre-warmed shadow, deployment after deployment", () => {
  it("moves traffic to the higher affinity as its capacity becomes ready, at most the step each time", () => {
    // Demand 25. The green shadow warms: 0, 10, 30, 30, 30, 30 slots ready. Step 20 of 100.
    const greenReady = [0, 10, 30, 30, 30, 30];
    let previous: Record<string, number> = { blue: 100, green: 0 };
    const seen: WeightPlan[] = [];
    for (const ready of greenReady) {
      const plan = planWeights({
        backends: [blue(40), green(ready)],
        demand: 25,
        total: 100,
        maxStep: 20,
        previous,
      });
      seen.push(plan);
      previous = plan.weights;
    }
    // Targets: all blue; green 10 of 25 (40 %); then all green.
    expect(seen.map((p) => p.target.green)).toEqual([0, 40, 100, 100, 100, 100]);
    expect(seen.map((p) => p.weights.green)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(seen.map((p) => p.deploymentsToTarget)).toEqual([0, 1, 3, 2, 1, 0]);
    expect(seen[2].why).toContain(
      "migration by affinity: demand served first by green (affinity 1)",
    );
    expect(seen[1].why).toContain(
      "migration by affinity: demand served first by green (affinity 1), then blue (affinity 0.5)",
    );
  });

  it("rolls back at once when the new backend is marked unhealthy, then ramps up again", () => {
    const step = { demand: 25, total: 100, maxStep: 20 };
    const rollback = planWeights({
      ...step,
      backends: [blue(40), green(30, { healthy: false })],
      previous: { blue: 20, green: 80 },
    });
    // The step limit (20) is broken on purpose: green's 80 leave on this deployment.
    expect(rollback.weights).toEqual({ blue: 100, green: 0 });
    expect(rollback.why).toContain(
      "rollback: green marked unhealthy: weight to 0 on this deployment, taken over without the step limit",
    );
    expect(rollback.why).toContain(
      "green (affinity 1) [unhealthy: rolled back]: 30 ready, target 0 of 100, weight 80 → 0 (cap 0)",
    );
    // Healthy again: back to the gradual switch-over.
    const again = planWeights({
      ...step,
      backends: [blue(40), green(30)],
      previous: rollback.weights,
    });
    expect(again.weights).toEqual({ blue: 80, green: 20 });
    expect(again.deploymentsToTarget).toBe(4);
  });

  it("ignores health, and says so, when every backend is marked unhealthy", () => {
    const plan = planWeights({
      backends: [blue(40, { healthy: false }), green(30, { healthy: false })],
      demand: 25,
      total: 100,
      maxStep: 20,
      previous: { blue: 50, green: 50 },
    });
    expect(plan.weights).toEqual({ blue: 30, green: 70 });
    expect(plan.why[0]).toBe(
      "every backend is marked unhealthy: nothing to roll back to, health ignored",
    );
  });

  it("rejects an affinity outside [0, 1] and a health that is not a boolean, naming the fix", () => {
    const input = {
      backends: [
        { name: "a", ready: 1, affinity: 1.5 },
        { name: "b", ready: 1, healthy: "no" as unknown as boolean },
      ],
      demand: 1,
      total: 100,
      maxStep: 20,
    };
    expect(validateWeightsInput(input, "pools[2].provider")).toEqual([
      "pools[2].provider.backends[0].affinity must be a score between 0 and 1 (got 1.5); give the backend traffic should move to the higher score, or omit it for 1",
      'pools[2].provider.backends[1].healthy must be true or false (got "no"); false rolls traffic back off the backend',
    ]);
  });
});

describe("migration and rollback (properties)", () => {
  const inputs = weightInputs(true);

  it("sums to the total and sends nothing to an unhealthy backend while a healthy one exists", () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const plan = planWeights(input);
        const w = Object.values(plan.weights);
        expect(w.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
        expect(w.reduce((a, b) => a + b, 0)).toBe(input.total);
        if (input.backends.some((b) => b.healthy !== false)) {
          for (const b of input.backends)
            if (b.healthy === false) expect(plan.weights[b.name]).toBe(0);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("lowers a healthy backend by at most the step, and breaks the step only for a rollback", () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const plan = planWeights(input);
        const step = Math.floor((input.maxStep * input.total) / 100);
        const anyHealthy = input.backends.some((b) => b.healthy !== false);
        const rollingBack =
          anyHealthy &&
          input.backends.some(
            (b) =>
              b.healthy === false &&
              plan.changes.some((c) => c.name === b.name && (c.previous ?? 0) > 0),
          );
        for (const c of plan.changes) {
          if (c.previous === null) continue;
          const unhealthy =
            anyHealthy && input.backends.find((b) => b.name === c.name)?.healthy === false;
          if (!unhealthy) expect(c.previous - c.next).toBeLessThanOrEqual(step);
          if (!rollingBack) expect(Math.abs(c.next - c.previous)).toBeLessThanOrEqual(step);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("does not depend on the order of the backends", () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const reversed = { ...input, backends: [...input.backends].reverse() };
        expect(planWeights(reversed).weights).toEqual(planWeights(input).weights);
      }),
      { numRuns: 300 },
    );
  });
});
