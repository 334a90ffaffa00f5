/**
 * The program's pure middle: floors from overrides and events, the policy, histories from loaded
 * points, weights args from referenced pools; and, through runProgram with injected dependencies,
 * what happens when claims cannot be read.
 */
import * as pulumi from "@pulumi/pulumi";
import { parseStackConfig, type PoolConfig, type StackConfig } from "../../program/config";
import { previewMocks } from "../../program/preview/mocks";
import { toPoolHistory } from "../../program/pool-history";
import { resolveDeployment, slotPoolArgs } from "../../program/resolve";
import { countedReleases, plannedFloor, policyFor } from "../../program/resolve-policy";
import { weightsArgs } from "../../program/resolve-weights";
import { resolveTrafficWeights } from "../../components/weights";
import { scheduleWindow } from "../../program/schedule";
import type { SlotPoolOutput } from "../../program/outputs";
import type { ProgramDeps } from "../../program/run";
import type { DeploymentState } from "../../program/state";
import { onePoolDeps } from "../helpers/program-deps";

const t = (iso: string): number => Date.parse(iso) / 1000;
const NOW = t("2026-11-23T09:00:00Z");
const window = scheduleWindow("0 * * * *", 0, NOW);

function config(pool: Record<string, unknown>, more: Record<string, unknown>[] = []): StackConfig {
  const result = parseStackConfig({
    pools: [
      {
        name: "ips",
        kind: "addresses",
        cloud: "aws",
        bounds: { min: 1, max: 10 },
        readiness: "10m",
        provider: { addressType: "private", subnetId: "subnet-1" },
        ...pool,
      },
      ...more,
    ],
  });
  if (!result.ok) throw new Error(result.errors.join("\n"));
  return result.config;
}
const poolOf = (pool: Record<string, unknown>): PoolConfig => config(pool).pools[0];

describe("plannedFloor", () => {
  it("an override holds its floor only inside [from, to)", () => {
    const o = { minShadow: 6, reason: "load test" };
    const inside = poolOf({
      overrides: [{ from: "2026-11-23T09:00:00Z", to: "2026-11-23T10:00:00Z", ...o }],
    });
    const after = poolOf({
      overrides: [{ from: "2026-11-23T08:00:00Z", to: "2026-11-23T09:00:00Z", ...o }],
    });
    expect(plannedFloor(inside, window)).toEqual({
      floor: 6,
      notes: ["override until 2026-11-23T10:00Z (load test): at least 6 shadow"],
    });
    expect(plannedFloor(after, window)).toEqual({ floor: 0, notes: [] });
  });

  it("an event counts from the run whose horizon reaches it until it ends; events add up", () => {
    // Horizon at 09:00: to 11:00 (run after next) + 10m readiness = 11:10.
    const events = [
      { name: "a", at: "2026-11-23T11:10:00Z", duration: "1h", extra: 3 },
      { name: "b", at: "2026-11-23T08:00:00Z", duration: "2h", extra: 2 },
      { name: "late", at: "2026-11-23T11:11:00Z", duration: "1h", extra: 100 },
      { name: "over", at: "2026-11-23T07:00:00Z", duration: "2h", extra: 100 },
    ];
    expect(plannedFloor(poolOf({ events }), window).floor).toBe(5);
  });

  it("an event's factor is not a floor: every event goes to the forecast's calendar", () => {
    const pool = poolOf({
      events: [
        { name: "holiday", at: "2026-11-23T10:00:00Z", duration: "1d", factor: 0.5 },
        { name: "train", at: "2026-11-23T08:00:00Z", duration: "2h", extra: 2 },
      ],
    });
    const { policy, notes } = policyFor(pool, window);
    expect(policy.min).toBe(2);
    expect(notes).toEqual(["event train at 2026-11-23T08:00Z: +2 shadow held"]);
    const at = Date.parse("2026-11-23T10:00:00Z") / 1000;
    expect(policy.events).toEqual([
      { name: "holiday", start: at, end: at + 86_400, factor: 0.5 },
      { name: "train", start: at - 7200, end: at },
    ]);
    expect(policyFor(poolOf({}), window).policy.events).toBeUndefined();
    const berlin = poolOf({ forecast: { timeZone: "Europe/Berlin" } });
    expect(policyFor(berlin, window).policy.timeZone).toBe("Europe/Berlin");
    expect(policyFor(poolOf({}), window).policy.timeZone).toBeUndefined();
  });

  it("the floor raises min, and max when above it", () => {
    const pool = poolOf({
      overrides: [{ from: "2026-11-23T00:00:00Z", to: "2026-11-24T00:00:00Z", minShadow: 14 }],
    });
    const { policy, notes } = policyFor(pool, window);
    expect([policy.min, policy.max]).toEqual([14, 14]);
    expect(notes[1]).toBe("the floor 14 is above bounds.max 10: max raised");
    expect(policy.horizonSeconds).toBe(2 * 3600 + 600);
  });
});

describe("countedReleases", () => {
  it("counts every certain release, silently", () => {
    const notes: string[] = [];
    const claims = [
      { index: 0, by: "a", releasing: true },
      { index: 1, by: "b", releasing: true },
      { index: 2, by: "c" },
    ];
    expect(countedReleases(claims, 0.95, notes)).toBe(2);
    expect(notes).toEqual([]);
  });

  it("counts the releases that happen with the pool's quantile, and says so", () => {
    // A certain release and two coin flips: P(R >= 1) = 1, P(R >= 2) = 0.75, P(R >= 3) = 0.25.
    const notes: string[] = [];
    const claims = [
      { index: 0, by: "a", releasing: true },
      { index: 1, by: "b", releasing: true, releaseConfidence: 0.5 },
      { index: 2, by: "c", releasing: true, releaseConfidence: 0.5 },
    ];
    expect(countedReleases(claims, 0.95, notes)).toBe(1);
    expect(countedReleases(claims, 0.75, [])).toBe(2);
    expect(notes).toEqual([
      "releases: 3 slot(s) releasing (confidence 100 %, 50 %, 50 %); 1 counted, the number that happen with probability 0.95",
    ]);
  });
});

describe("toPoolHistory", () => {
  it("keeps a failed source's reason, and drops points at or after now", () => {
    expect(
      toPoolHistory({ ok: false, error: "csv x: gone", source: "csv x" }, undefined, NOW),
    ).toEqual({
      history: null,
      historyError: "csv x: gone",
      notes: [],
      source: "csv x",
    });
    const points = [0, 1, 2, 3].map((i) => ({ t: NOW - 3 * 3600 + i * 3600, v: 10 + i }));
    const h = toPoolHistory(
      { ok: true, history: { points, repairs: [] }, source: "csv x" },
      undefined,
      NOW,
    );
    expect(h.history).toEqual({ start: NOW - 3 * 3600, step: 3600, values: [10, 11, 12] });
  });

  it("a history with nothing before now is unavailable, with the reason", () => {
    const points = [
      { t: NOW, v: 1 },
      { t: NOW + 3600, v: 2 },
    ];
    const h = toPoolHistory(
      { ok: true, history: { points, repairs: [] }, source: "csv x" },
      3600,
      NOW,
    );
    expect(h.history).toBeNull();
    expect(h.historyError).toMatch(/^csv x: /);
  });
});

describe("slotPoolArgs and weightsArgs", () => {
  it("unknown claims hold the pool: no slot may be removed", () => {
    const pool = poolOf({ bounds: { min: 1, max: 10, maxStepDown: 3 } });
    const history = { history: null, notes: [], source: "s" };
    expect(
      slotPoolArgs(pool, window, { history, claims: [] }, undefined).args.policy.maxStepDown,
    ).toBe(3);
    const held = slotPoolArgs(
      pool,
      window,
      { history, claims: [], claimsUnknown: true },
      undefined,
    );
    expect(held.args.policy.maxStepDown).toBe(0);
  });

  it("a young pool's sibling: its loaded history goes to the planner, or a note says why not", () => {
    const cfg = config({ forecast: { sibling: "ips-eu" } }, [
      {
        name: "ips-eu",
        kind: "addresses",
        cloud: "aws",
        bounds: { max: 50 },
        provider: { addressType: "private", subnetId: "subnet-2" },
      },
    ]);
    const [young, eu] = cfg.pools;
    // Hourly: five days here (a daily peak of 5 at 12 h), four weeks there at twice the level.
    const hours = (days: number, peak: number) =>
      Array.from({ length: days * 24 }, (_, i) => (i % 24 === 12 ? peak : 1 + (i % 2)));
    const series = (days: number, peak: number) => ({
      start: NOW - days * 86_400,
      step: 3600,
      values: hours(days, peak),
    });
    const own = { history: series(5, 5), notes: [], source: "young" };
    const theirs = { history: series(28, 10), notes: [], source: "eu" };
    const built = slotPoolArgs(young, window, { history: own, claims: [] }, undefined, theirs);
    expect(built.args.sibling).toEqual({ name: eu.name, history: theirs.history });
    expect(built.notes).toEqual([]);
    const failed = { history: null, historyError: "eu: timeout", notes: [], source: "eu" };
    const without = slotPoolArgs(young, window, { history: own, claims: [] }, undefined, failed);
    expect(without.args.sibling).toBeUndefined();
    expect(without.notes).toEqual([
      "forecast.sibling ips-eu: no history (eu: timeout); a young pool falls back on its recent maximum + margin",
    ]);
    // The whole deployment: the young pool plans from its sibling, which plans from its own.
    const inputs = new Map([
      [young.name, { history: own, claims: [] }],
      [eu.name, { history: theirs, claims: [] }],
    ]);
    const { outcomes } = resolveDeployment(cfg, window, inputs, undefined);
    const plans = outcomes.map((o) => (o.kind === "slots" ? o.resolved.plan : null));
    expect(plans[0]?.why.join("\n")).toContain('Fallback from sibling "ips-eu"');
    expect(plans[0]?.verdict).toMatch(/^not predictable: only 5 days of history/);
    expect(plans[1]?.verdict).toBe("predictable");
  });

  it("a backend naming a pool gets its ready and warming capacity; demand is its peak", () => {
    const cfg = config({}, [
      {
        name: "traffic",
        kind: "weights",
        cloud: "aws",
        provider: {
          route53: { zoneId: "Z1", name: "a.example.com" },
          backends: [
            { name: "warm", pool: "ips", records: ["w"] },
            { name: "cold", ready: 4, records: ["c"] },
          ],
        },
      },
    ]);
    const slot = (index: number, state: "shadow" | "claimed") => ({
      index,
      name: `ips-${index}`,
      state,
      since: 0,
    });
    const resolved = {
      declared: [slot(0, "claimed"), slot(1, "shadow"), slot(2, "shadow")],
      changes: { added: [2], removed: [], claimed: [], released: [] },
      plan: { peak: 7.5 },
    };
    const args = weightsArgs(cfg.pools[1], new Map([["ips", resolved as never]]), undefined);
    expect(args.backends).toEqual([
      { name: "warm", records: ["w"], ready: 2, warming: 1 },
      { name: "cold", ready: 4, records: ["c"] },
    ]);
    expect(args.demand).toBe(7.5);
    expect(args.mode).toBe("observe");
  });
});

describe("a migration and a rollback from the stack config", () => {
  const traffic = (backends: Record<string, unknown>[]) => ({
    name: "traffic",
    kind: "weights",
    cloud: "aws",
    mode: "enforce",
    provider: { route53: { zoneId: "Z1", name: "a.example.com" }, backends },
  });
  const resolved = {
    declared: [0, 1].map((index) => ({ index, name: `ips-${index}`, state: "shadow", since: 0 })),
    changes: { added: [], removed: [], claimed: [], released: [] },
    plan: { peak: 7.5 },
  };

  it("passes each backend's affinity and health to the weights", () => {
    const cfg = config({}, [
      traffic([
        { name: "warm", pool: "ips", records: ["w"], affinity: 1 },
        { name: "cold", ready: 10, records: ["c"], affinity: 0.5 },
      ]),
    ]);
    const args = weightsArgs(cfg.pools[1], new Map([["ips", resolved as never]]), undefined);
    // Demand 7.5: the warm pool (affinity 1) serves its 2 ready slots (27 %), the cold one 5.5.
    const weights = resolveTrafficWeights(args).weights;
    expect(weights).toEqual({ warm: 27, cold: 73 });
    const rolledBack = config({}, [
      traffic([
        { name: "warm", pool: "ips", records: ["w"], affinity: 1, healthy: false },
        { name: "cold", ready: 4, records: ["c"], affinity: 0.5 },
      ]),
    ]);
    const back = weightsArgs(rolledBack.pools[1], new Map([["ips", resolved as never]]), undefined);
    expect(resolveTrafficWeights(back).weights).toEqual({ warm: 0, cold: 100 });
  });

  it("rejects a bad affinity or health with the field, the value and the fix", () => {
    const result = parseStackConfig({
      pools: [
        traffic([
          { name: "a", ready: 1, records: ["a"], affinity: -1 },
          { name: "b", ready: 1, records: ["b"], healthy: "yes" },
        ]),
      ],
    });
    expect(!result.ok && result.errors).toEqual([
      "pools[0].provider.backends[0].affinity must be a score between 0 and 1 (got -1); give the backend traffic should move to the higher score, or omit it for 1",
      'pools[0].provider.backends[1].healthy must be true or false (got "yes"); false rolls traffic back off the backend',
    ]);
  });
});

describe("runProgram when claims cannot be read", () => {
  it("keeps the previous claims, removes no slot and says why", async () => {
    const previous: DeploymentState = {
      version: 1,
      now: NOW - 3600,
      pools: {
        ips: {
          kind: "addresses",
          cloud: "aws",
          mode: "enforce",
          slots: [0, 1, 2, 3, 4].map((i) => ({
            index: i,
            name: `ips-${i}`,
            state: i === 2 ? ("claimed" as const) : ("shadow" as const),
            since: NOW - 7200,
            ...(i === 2 ? { claimedBy: "i-2" } : {}),
          })),
          plan: { shadow: 4, surplusSince: null },
        },
      },
      resources: [],
    };
    const rec = previewMocks(previous);
    await pulumi.runtime.setMocks(rec.mocks, "shadowpool", "t", true, "organization");
    const { runProgram } = await import("../../program/run");
    const deps: ProgramDeps = onePoolDeps({
      pool: {
        name: "ips",
        kind: "addresses",
        cloud: "aws",
        mode: "enforce",
        bounds: { min: 0, max: 10 },
        provider: { addressType: "private", subnetId: "subnet-1" },
      },
      now: NOW,
      previous,
      // History of zero demand: the plan would shrink the pool to nothing.
      demand: 0,
      readClaims: async () => {
        throw new Error(
          "aws network interfaces tagged shadowpool:pool=ips: reading claims failed: throttled",
        );
      },
    });
    // With the claims read, the same run shrinks the pool (zero demand, min 0)...
    const read = await runProgram({
      ...deps,
      readClaims: async () => ({ claims: [{ index: 2, by: "i-2" }] }),
    });
    expect((read.outputs.pools.ips as SlotPoolOutput).changes.removed.length).toBeGreaterThan(0);
    // ...without them, it holds.
    const result = await runProgram(deps);
    const ips = result.outputs.pools.ips as SlotPoolOutput;
    expect(ips.notes).toContain(
      "claims could not be read (aws network interfaces tagged shadowpool:pool=ips: reading claims failed: throttled); kept the previous deployment's 1 claim(s) and removed no slot",
    );
    expect(ips.declared.map((s) => [s.name, s.state])).toEqual([
      ["ips-0", "shadow"],
      ["ips-1", "shadow"],
      ["ips-2", "claimed"],
      ["ips-3", "shadow"],
      ["ips-4", "shadow"],
    ]);
    expect(ips.changes.removed).toEqual([]);

    // Leaked addresses the reader found reach the pool's outputs and notes, and change no plan.
    const leak = {
      ref: "network interface eni-9",
      id: "eni-9",
      slot: 9,
      heldBy: null,
      fix: "free: delete it, or adopt it as slot 9",
    };
    const leaking = await runProgram({
      ...deps,
      readClaims: async () => ({ claims: [{ index: 2, by: "i-2" }], leaks: [leak] }),
    });
    const out = leaking.outputs.pools.ips as SlotPoolOutput;
    expect(out.leaked).toEqual([leak]);
    expect(out.notes).toContain(
      "leaked: network interface eni-9: free: delete it, or adopt it as slot 9",
    );
    expect(out.declared).toEqual((read.outputs.pools.ips as SlotPoolOutput).declared);
  });
});

describe("droppedPools", () => {
  it("warns when a pool with claimed slots leaves the config", async () => {
    const { droppedPools } = await import("../../program/run");
    const previous: DeploymentState = {
      version: 1,
      now: NOW - 3600,
      pools: {
        old: {
          kind: "addresses",
          cloud: "aws",
          mode: "enforce",
          slots: [
            { index: 0, name: "old-0", state: "shadow", since: 0 },
            { index: 1, name: "old-1", state: "claimed", since: 0, claimedBy: "i-9" },
          ],
          plan: { shadow: 1, surplusSince: null },
        },
        ips: {
          kind: "addresses",
          cloud: "aws",
          mode: "enforce",
          slots: [],
          plan: { shadow: 0, surplusSince: null },
        },
      },
      resources: [],
    };
    expect(droppedPools(config({}), previous)).toEqual([
      "old is no longer in the config: its 2 slot(s) will be deleted, 1 of them in use at the last deployment (old-1 by i-9); release them first or keep the pool in observe mode",
    ]);
  });
});
