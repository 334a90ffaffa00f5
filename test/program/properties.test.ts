/**
 * Property tests over the program's pure middle (program/resolve.ts, with the components' own
 * resolvePool and the real planner): random sequences of deployments with random histories (some
 * sources failing), random claims and random bounds.
 * - no claimed slot is ever deleted;
 * - the plan stays within min/max and removes at most maxStepDown shadow slots per deployment;
 * - a failing source never shrinks a pool;
 * - the same inputs always give the same plan.
 */
import fc from "fast-check";
import type { SlotClaim } from "../../components/slots";
import { parseStackConfig, type StackConfig } from "../../program/config";
import { resolveDeployment, type PoolInputs } from "../../program/resolve";
import { scheduleWindow } from "../../program/schedule";
import type { DeploymentState } from "../../program/state";

const HOUR = 3600;
const START = Date.UTC(2026, 10, 2) / 1000;

interface Scenario {
  readonly mode: "observe" | "enforce";
  readonly min: number;
  readonly span: number;
  readonly maxStepDown: number | null;
  readonly cooldownHours: number;
  readonly quantile: number;
  readonly runs: readonly {
    readonly failing: boolean;
    readonly level: number;
    readonly amplitude: number;
    readonly hours: number;
    readonly claims: readonly { index: number; releasing: boolean }[];
  }[];
}

const scenario: fc.Arbitrary<Scenario> = fc.record({
  mode: fc.constantFrom("observe" as const, "enforce" as const),
  min: fc.integer({ min: 0, max: 4 }),
  span: fc.integer({ min: 0, max: 15 }),
  maxStepDown: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }),
  cooldownHours: fc.constantFrom(0, 1, 3),
  quantile: fc.constantFrom(0.5, 0.9, 0.95, 0.99),
  runs: fc.array(
    fc.record({
      failing: fc.boolean(),
      level: fc.integer({ min: 0, max: 12 }),
      amplitude: fc.integer({ min: 0, max: 10 }),
      hours: fc.integer({ min: 30, max: 120 }),
      claims: fc.uniqueArray(
        fc.record({ index: fc.integer({ min: 0, max: 14 }), releasing: fc.boolean() }),
        { selector: (c) => c.index, maxLength: 5 },
      ),
    }),
    { minLength: 2, maxLength: 5 },
  ),
});

function configOf(s: Scenario): StackConfig {
  const result = parseStackConfig({
    schedule: "0 * * * *",
    pools: [
      {
        name: "ips",
        kind: "addresses",
        cloud: "aws",
        mode: s.mode,
        forecast: { quantile: s.quantile },
        bounds: {
          min: s.min,
          max: s.min + s.span,
          ...(s.maxStepDown === null ? {} : { maxStepDown: s.maxStepDown }),
          cooldown: `${s.cooldownHours}h`,
        },
        provider: { addressType: "private", subnetId: "subnet-1" },
      },
    ],
  });
  if (!result.ok) throw new Error(result.errors.join("\n"));
  return result.config;
}

/** A daily wave of demand ending just before `now`, or a failed source. */
function inputsOf(run: Scenario["runs"][number], now: number): PoolInputs {
  const claims: SlotClaim[] = run.claims.map((c) => ({
    index: c.index,
    by: `w${c.index}`,
    ...(c.releasing ? { releasing: true } : {}),
  }));
  if (run.failing) {
    return {
      history: { history: null, historyError: "csv x.csv: gone", notes: [], source: "csv x.csv" },
      claims,
    };
  }
  const values = Array.from({ length: run.hours }, (_, i) =>
    Math.round(run.level + run.amplitude * Math.max(0, Math.sin((2 * Math.PI * i) / 24))),
  );
  return {
    history: {
      history: { start: now - run.hours * HOUR, step: HOUR, values },
      notes: [],
      source: "csv x.csv",
    },
    claims,
  };
}

describe("deployment sequences", () => {
  it("keep claims, bounds and step limits, and never shrink on a failing source", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const config = configOf(s);
        let previous: DeploymentState | undefined;
        s.runs.forEach((run, k) => {
          const window = scheduleWindow(config.schedule, 0, START + k * HOUR);
          const inputs = new Map([["ips", inputsOf(run, window.now)]]);
          const { outcomes, state } = resolveDeployment(config, window, inputs, previous);
          const out = outcomes[0];
          if (out.kind !== "slots") throw new Error("expected a slot pool");
          const { plan, declared } = out.resolved;
          const before = previous?.pools.ips;
          const declaredIdx = new Set(declared.map((x) => x.index));

          // No claimed slot is deleted: every claimed index that existed is still declared, and in
          // enforce mode every claim has its slot.
          for (const c of run.claims) {
            const existed = before?.slots.some((x) => x.index === c.index) ?? false;
            if (existed || s.mode === "enforce") expect(declaredIdx.has(c.index)).toBe(true);
          }
          // Bounds and the step limit.
          expect(plan.shadow).toBeGreaterThanOrEqual(s.min);
          expect(plan.shadow).toBeLessThanOrEqual(s.min + s.span);
          if (before !== undefined && s.maxStepDown !== null) {
            expect(before.plan.shadow - plan.shadow).toBeLessThanOrEqual(s.maxStepDown);
          }
          // A failing source never shrinks the pool.
          if (run.failing && before !== undefined) {
            expect(plan.shadow).toBeGreaterThanOrEqual(before.plan.shadow);
          }
          // Enforce mode declares exactly the claims plus the planned shadow.
          if (s.mode === "enforce") {
            expect(declared.filter((x) => x.state === "shadow")).toHaveLength(plan.shadow);
          }
          // Same inputs, same plan.
          expect(resolveDeployment(config, window, inputs, previous)).toEqual({ outcomes, state });
          previous = state;
        });
      }),
      { numRuns: 60, seed: 4242 },
    );
  });
});
