/**
 * The whole program (program/index.ts, run under Pulumi mocks by the offline preview) for each
 * example stack, twice in a row: the second deployment reads the state the first one exported.
 * Resource sizes follow the planner's numbers, so counts are asserted against the plan the same
 * run exported (slots = claims + shadow), and everything else by exact type and name.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SlotPoolOutput } from "../../program/outputs";
import { runPreview, type PreviewResult } from "../../program/preview/run";
import type { DeploymentState } from "../../program/state";

const ROOT = join(__dirname, "..", "..");
const dir = mkdtempSync(join(tmpdir(), "shadowpool-program-"));

/** First deployment (no state) at 08:00, then the next scheduled one at 09:00 on its state. */
async function twoDeployments(
  stack: string,
  claims?: DeploymentState["claims"],
): Promise<[PreviewResult, PreviewResult]> {
  const first = await runPreview({
    stack,
    cwd: ROOT,
    stateFile: join(dir, `${stack}-none.json`),
    now: "2026-11-23T08:00:00Z",
    saveState: join(dir, `${stack}-1.json`),
  });
  let statePath = join(dir, `${stack}-1.json`);
  if (claims !== undefined) {
    const state = JSON.parse(readFileSync(statePath, "utf8")) as DeploymentState;
    statePath = join(dir, `${stack}-1-claimed.json`);
    writeFileSync(statePath, JSON.stringify({ ...state, claims }));
  }
  const second = await runPreview({
    stack,
    cwd: ROOT,
    stateFile: statePath,
    now: "2026-11-23T09:00:00Z",
  });
  return [first, second];
}

const slotPool = (r: PreviewResult, name: string): SlotPoolOutput =>
  r.outputs.pools[name] as SlotPoolOutput;
const names = (r: PreviewResult, type: string): string[] =>
  r.resources.filter((x) => x.type === type).map((x) => x.name);
const range = (pool: string, n: number): string[] =>
  Array.from({ length: n }, (_, i) => `${pool}-${i}`);

describe("dev stack, two deployments", () => {
  let first: PreviewResult;
  let second: PreviewResult;
  beforeAll(async () => {
    // Between the runs, a workload takes api-ips-1 and another announces it is releasing api-ips-3.
    [first, second] = await twoDeployments("dev", {
      "api-ips": [
        { index: 1, by: "i-0a1b2c3d4e5f60718" },
        { index: 3, by: "batch-export", releasing: true },
      ],
    });
  });

  it("declares each component and its children under stable names", () => {
    expect(names(first, "shadowpool:aws:WarmPool")).toEqual(["api-warm"]);
    expect(names(first, "aws:autoscaling/group:Group")).toEqual(["api-warm-group"]);
    expect(names(first, "shadowpool:aws:AddressPool")).toEqual(["api-ips"]);
    expect(names(first, "shadowpool:k8s:PlaceholderPool")).toEqual(["ci-runners"]);
    expect(names(first, "kubernetes:scheduling.k8s.io/v1:PriorityClass")).toEqual([
      "ci-runners-priority",
    ]);
    expect(names(first, "kubernetes:apps/v1:Deployment")).toEqual(["ci-runners-placeholders"]);
    expect(names(first, "shadowpool:aws:TrafficWeights")).toEqual(["api-traffic"]);
    expect(names(first, "aws:route53/record:Record").sort()).toEqual([
      "api-traffic-route53-legacy",
      "api-traffic-route53-warm",
    ]);
  });

  it("exports the address pool's shadow table: one row per declared slot with its state", () => {
    const exported = second.outputs as unknown as { shadowTables: Record<string, unknown> };
    expect(Object.keys(exported.shadowTables)).toEqual(["api-ips"]);
    const declared = slotPool(second, "api-ips").declared;
    const rows = second.shadowTables["api-ips"];
    expect(rows.map((r) => [r.name, r.state])).toEqual(declared.map((s) => [s.name, s.state]));
    expect(rows.find((r) => r.name === "api-ips-1")).toMatchObject({
      state: "claimed",
      claimedBy: "i-0a1b2c3d4e5f60718",
    });
  });

  it("first deployment: one network interface per planned slot, everything created", () => {
    const ips = slotPool(first, "api-ips");
    // The load-test override holds at least 12 shadow addresses at 08:00.
    expect(ips.plan.shadow).toBeGreaterThanOrEqual(12);
    expect(ips.notes).toContain("override until 2026-11-23T12:00Z (load test): at least 12 shadow");
    expect(names(first, "aws:ec2/networkInterface:NetworkInterface")).toEqual(
      range("api-ips", ips.plan.shadow),
    );
    expect(first.changes.every((c) => c.op === "create")).toBe(true);
    expect(first.changes).toHaveLength(first.resources.length);
    expect(first.outputs.shadowpool.resources).toHaveLength(first.resources.length);
  });

  it("observe mode declares no placeholder slots on a first deployment but reports the plan", () => {
    const ci = slotPool(first, "ci-runners");
    expect(ci.mode).toBe("observe");
    expect(ci.declared).toEqual([]);
    expect(ci.slots.length).toBe(ci.plan.shadow);
    expect(first.outputs.summary[2]).toMatch(/^\[observe\] ci-runners: 0 → \d+ shadow/);
  });

  it("second deployment: claimed slots kept under their names, the table grows instead", () => {
    const before = slotPool(first, "api-ips");
    const ips = slotPool(second, "api-ips");
    const claimed = ips.slots.filter((s) => s.state !== "shadow");
    expect(claimed.map((s) => [s.index, s.state, s.claimedBy])).toEqual([
      [1, "claimed", "i-0a1b2c3d4e5f60718"],
      [3, "releasing", "batch-export"],
    ]);
    expect(ips.plan.inUse).toBe(2);
    expect(ips.plan.expectedReleases).toBe(1);
    // Total = claimed + shadow; every earlier name still exists.
    const interfaces = names(second, "aws:ec2/networkInterface:NetworkInterface");
    expect(interfaces).toEqual(range("api-ips", 2 + ips.plan.shadow));
    expect(interfaces).toEqual(expect.arrayContaining(range("api-ips", before.plan.shadow)));
    expect(ips.changes.claimed).toEqual([1, 3]);
    expect(ips.changes.removed).toEqual([]);
  });

  it("second deployment: no deletes, claimed interfaces only retagged", () => {
    const deleted = second.changes.filter((c) => c.op === "delete");
    expect(deleted).toEqual([]);
    const updates = second.changes.filter((c) => c.type.startsWith("aws:ec2/networkInterface"));
    for (const u of updates.filter((c) => c.op === "update")) {
      expect(["api-ips-1", "api-ips-3"]).toContain(u.name);
      expect(u.changed).toEqual(["tags"]);
    }
  });

  it("summary lines read previous → next shadow with the model and bound", () => {
    const warmBefore = slotPool(first, "api-warm").plan.shadow;
    const warm = slotPool(second, "api-warm");
    const delta = warm.plan.shadow - warmBefore;
    expect(second.outputs.summary[0]).toBe(
      `api-warm: ${warmBefore} → ${warm.plan.shadow} shadow (${delta > 0 ? "+" : ""}${delta}), ` +
        `peak q95 = ${Math.ceil(warm.plan.peak)} by ${warm.plan.model}, bound: ${warm.plan.bounds.join(", ")}, ` +
        `shadow costs ${(warm.plan.shadowCostPerDay as number).toFixed(2)}/day`,
    );
    // Price: shadow × 0.0416 per slot-hour × 24 h.
    expect(warm.shadowCostPerDay).toBeCloseTo(warm.plan.shadow * 0.0416 * 24, 6);
    expect(second.outputs.summary[3]).toMatch(/^api-traffic: legacy \d+ → \d+, warm \d+ → \d+/);
  });

  it("the state carries what the next run needs", () => {
    const state = second.outputs.shadowpool;
    expect(state.version).toBe(1);
    expect(state.now).toBe(Date.UTC(2026, 10, 23, 9) / 1000);
    expect(Object.keys(state.pools)).toEqual(["api-warm", "api-ips", "ci-runners", "api-traffic"]);
    expect(state.pools["api-ips"].slots).toEqual(slotPool(second, "api-ips").declared);
    expect(state.pools["api-traffic"].weights).toEqual(
      (second.outputs.pools["api-traffic"] as { weights: { weights: unknown } }).weights.weights,
    );
    expect(state.claims).toBeUndefined();
  });
});

describe.each([
  [
    "staging",
    {
      "shadowpool:gcp:StandbyPool": ["web-standby"],
      "shadowpool:gcp:AddressPool": ["edge-ips", "edge-ips-west"],
      "shadowpool:k8s:NamespacePool": ["team-ns"],
      "shadowpool:gcp:TrafficWeights": ["web-traffic"],
    },
    {
      "gcp:compute/address:Address": ["edge-ips", "edge-ips-west"],
      "kubernetes:core/v1:Namespace": ["team-ns"],
    },
  ],
  [
    "prod",
    {
      "shadowpool:aws:WarmPool": ["api-warm"],
      "shadowpool:aws:AddressPool": ["api-ips"],
      "shadowpool:gcp:StandbyPool": ["web-standby"],
      "shadowpool:gcp:AddressPool": ["edge-ips"],
      "shadowpool:k8s:PlaceholderPool": ["ci-runners"],
      "shadowpool:k8s:NamespacePool": ["team-ns"],
      "shadowpool:aws:TrafficWeights": ["api-traffic"],
    },
    { "aws:ec2/eip:Eip": ["api-ips"], "gcp:compute/address:Address": ["edge-ips"] },
  ],
])("%s stack, two deployments", (stack, components, slotTypes) => {
  let first: PreviewResult;
  let second: PreviewResult;
  beforeAll(async () => {
    [first, second] = await twoDeployments(stack);
  });

  it("declares exactly the configured components", () => {
    const declared = first.resources.filter((r) => r.type.startsWith("shadowpool:"));
    const byType: Record<string, string[]> = {};
    for (const r of declared) (byType[r.type] ??= []).push(r.name);
    expect(byType).toEqual(components);
  });

  it("slot resources are named <pool>-<n>, one per declared slot, in both runs", () => {
    for (const run of [first, second]) {
      for (const [type, pools] of Object.entries(slotTypes)) {
        const declared = pools.flatMap((pool) => slotPool(run, pool).declared.map((s) => s.name));
        expect(names(run, type)).toEqual(declared);
      }
    }
  });

  it("the second run deletes only free slots, never more than maxStepDown per pool", () => {
    const slotPools = Object.values(slotTypes).flat();
    for (const c of second.changes.filter((x) => x.op === "delete")) {
      const before = slotPools
        .flatMap((pool) => slotPool(first, pool).declared)
        .find((s) => s.name === c.name);
      expect(before?.state).toBe("shadow");
    }
    for (const pool of slotPools.filter((p) => p.endsWith("-ips"))) {
      // Both stacks set maxStepDown 1 on their address pools.
      expect(slotPool(second, pool).changes.removed.length).toBeLessThanOrEqual(1);
    }
  });

  it("every pool has a summary line, previous → next from the state", () => {
    const pools = Object.keys(second.outputs.pools);
    expect(second.outputs.summary).toHaveLength(pools.length);
    for (const [i, name] of pools.entries()) {
      expect(second.outputs.summary[i]).toContain(`${name}: `);
    }
  });
});
