/**
 * The injected dependencies of one program run over a one-pool stack, for tests that drive
 * `runProgram` under mocks: the config pinned to `now`, a flat hourly history of `demand` over
 * the 400 hours before it, and the claims reader the test chooses.
 */
import type { ProgramDeps } from "../../program/run";
import type { DeploymentState } from "../../program/state";

/** What varies between the tests' runs. */
export interface OnePoolRun {
  /** The pool's raw stack config (name, kind, cloud, mode, bounds, provider…). */
  readonly pool: Record<string, unknown>;
  /** The run's time, epoch seconds; the config pins the same instant. */
  readonly now: number;
  /** Demand at every hour of the history. */
  readonly demand: number;
  readonly readClaims: ProgramDeps["readClaims"];
  readonly previous?: DeploymentState;
}

/**
 * @param run the pool, time, demand, claims reader and previous state.
 * @returns the dependencies of `runProgram`.
 */
export function onePoolDeps(run: OnePoolRun): ProgramDeps {
  return {
    baseDir: "/nonexistent",
    realNow: () => run.now,
    readConfig: () => ({
      values: { now: new Date(run.now * 1000).toISOString(), pools: [run.pool] },
      secrets: {},
    }),
    readPrevious: async () => run.previous,
    loadHistory: async () => ({
      ok: true as const,
      source: "test",
      history: {
        points: Array.from({ length: 400 }, (_, i) => ({
          t: run.now - (400 - i) * 3600,
          v: run.demand,
        })),
        repairs: [],
      },
    }),
    readClaims: run.readClaims,
  };
}
