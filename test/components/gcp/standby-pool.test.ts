import type * as StandbyModule from "../../../components/gcp/standby-pool";
import type { Slot } from "../../../components/slots";
import { NOW, HOUR, basePolicy, flatHistory, promiseOf, setMocks, settle } from "../mocks";
import type { MockRecorder } from "../mocks";

let rec: MockRecorder;
let mod: typeof StandbyModule;

beforeAll(async () => {
  rec = await setMocks();
  mod = await import("../../../components/gcp/standby-pool");
});
beforeEach(() => rec.reset());

const MIG = "gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager";
const fixed = (n: number) => ({ ...basePolicy, min: n, max: n });
const TEMPLATE = "projects/p/global/instanceTemplates/web-v3";
const base = {
  history: flatHistory(10),
  now: NOW,
  policy: fixed(4),
  instanceTemplate: TEMPLATE,
  baseInstanceName: "web",
  region: "europe-west1",
};
const slot = (index: number, state: Slot["state"]): Slot => ({
  index,
  name: `p-${index}`,
  state,
  since: NOW,
});

describe("gcpStandbySizing (pure)", () => {
  const declared = [slot(0, "claimed"), slot(1, "shadow"), slot(2, "shadow"), slot(3, "shadow")];

  it("stopped pool: targetStoppedSize = shadow slots, suspended held at 0", () => {
    expect(mod.gcpStandbySizing({ declared, mode: "enforce" }, {}).standby).toEqual({
      standbyPolicy: { mode: "SCALE_OUT_POOL", initialDelaySec: 0 },
      targetStoppedSize: 3,
      targetSuspendedSize: 0,
    });
  });

  it("suspended pool, manual mode, initial delay", () => {
    const s = mod.gcpStandbySizing(
      { declared, mode: "enforce" },
      { poolState: "Suspended", standbyMode: "MANUAL", initialDelaySec: 120 },
    );
    expect(s.standby).toEqual({
      standbyPolicy: { mode: "MANUAL", initialDelaySec: 120 },
      targetStoppedSize: 0,
      targetSuspendedSize: 3,
    });
  });

  it("observe on a first deployment declares no standby fields", () => {
    expect(mod.gcpStandbySizing({ declared: [], mode: "observe" }, {}).standby).toBeNull();
  });

  it("targetSize always belongs to the autoscaler; observe leaves standby fields alone", () => {
    expect(mod.gcpStandbyIgnoreChanges("enforce")).toEqual(["targetSize"]);
    expect(mod.gcpStandbyIgnoreChanges("observe")).toEqual([
      "targetSize",
      "targetSuspendedSize",
      "targetStoppedSize",
      "standbyPolicy",
    ]);
  });
});

describe("GcpStandbyPool (mocks)", () => {
  it("enforce: one regional MIG with the standby pool sized from the plan", async () => {
    const pool = new mod.GcpStandbyPool("api-standby", {
      ...base,
      mode: "enforce",
      poolState: "Suspended",
      initialDelaySec: 60,
      claims: [{ index: 0, by: "web-abcd" }],
      distributionPolicyZones: ["europe-west1-b", "europe-west1-c"],
    });
    await settle(pool.summary, pool.migSelfLink);
    expect(rec.resources.map((r) => `${r.type}/${r.name}`)).toEqual([
      "shadowpool:gcp:StandbyPool/api-standby",
      `${MIG}/api-standby-mig`,
    ]);
    const mig = rec.named("api-standby-mig");
    expect(mig.parent).toBe("api-standby");
    expect(mig.ignoreChanges).toEqual(["targetSize"]);
    expect(mig.inputs.targetSize).toBeUndefined();
    expect(mig.inputs).toMatchObject({
      baseInstanceName: "web",
      region: "europe-west1",
      versions: [{ name: "primary", instanceTemplate: TEMPLATE }],
      distributionPolicyZones: ["europe-west1-b", "europe-west1-c"],
      standbyPolicy: { mode: "SCALE_OUT_POOL", initialDelaySec: 60 },
      // policy min = max = 4 fixes the shadow whatever the forecast.
      targetSuspendedSize: 4,
      targetStoppedSize: 0,
    });
    expect((await promiseOf(pool.plan)).shadow).toBe(4);
    expect(await promiseOf(pool.summary)).toMatch(/^api-standby: 0 → 4 shadow \(\+4\)/);
  });

  it("initialTargetSize is set at creation only (targetSize stays ignored)", async () => {
    const pool = new mod.GcpStandbyPool("sized", {
      ...base,
      mode: "enforce",
      initialTargetSize: 2,
    });
    await settle(pool.summary);
    const mig = rec.named("sized-mig");
    expect(mig.inputs.targetSize).toBe(2);
    expect(mig.ignoreChanges).toContain("targetSize");
  });

  it("a second deployment grows the standby pool and keeps the claimed slots", async () => {
    const first = new mod.GcpStandbyPool("g", {
      ...base,
      mode: "enforce",
      claims: [{ index: 1, by: "web-1" }],
    });
    await settle(first.summary);
    rec.reset();
    const second = new mod.GcpStandbyPool("g2", {
      ...base,
      mode: "enforce",
      now: NOW + HOUR,
      policy: fixed(6),
      claims: [
        { index: 1, by: "web-1" },
        { index: 4, by: "web-4" },
      ],
      previous: { slots: first.resolved.slots, plan: { shadow: 4, surplusSince: null } },
    });
    await settle(second.summary);
    expect(first.resolved.slots.map((s) => `${s.index}:${s.state[0]}`).join(" ")).toBe(
      "0:s 1:c 2:s 3:s 4:s",
    );
    expect(second.resolved.slots.map((s) => `${s.index}:${s.state[0]}`).join(" ")).toBe(
      "0:s 1:c 2:s 3:s 4:c 5:s 6:s 7:s",
    );
    expect(rec.named("g2-mig").inputs).toMatchObject({
      targetStoppedSize: 6,
      targetSuspendedSize: 0,
    });
  });

  it("observe (the default): no standby fields on a first deployment, all standby fields ignored", async () => {
    const pool = new mod.GcpStandbyPool("obs", base);
    await settle(pool.summary);
    const mig = rec.named("obs-mig");
    expect(mig.inputs.standbyPolicy).toBeUndefined();
    expect(mig.inputs.targetStoppedSize).toBeUndefined();
    expect(mig.ignoreChanges).toEqual(mod.gcpStandbyIgnoreChanges("observe"));
    expect(await promiseOf(pool.summary)).toMatch(/^\[observe\] obs: 0 → 4 shadow/);
  });

  it("rejects bad args with every problem named, before declaring anything", () => {
    expect(
      () =>
        new mod.GcpStandbyPool("bad", {
          ...base,
          baseInstanceName: "Web_1",
          poolState: "Hibernated" as "Stopped",
          standbyMode: "AUTO" as "MANUAL",
          initialDelaySec: 4000,
          policy: { ...basePolicy, min: 9, max: 3 },
          groupArgs: { targetSize: 3 } as object,
        }),
    ).toThrow(
      new RegExp(
        [
          'GcpStandbyPool "bad": 6 invalid argument\\(s\\)',
          "args\\.policy\\.min must be <= args\\.policy\\.max \\(got min 9 > max 3\\)",
          'args\\.baseInstanceName must be lowercase letters.*\\(got "Web_1"\\)',
          'args\\.poolState must be one of Stopped, Suspended \\(got "Hibernated"\\)',
          'args\\.standbyMode must be one of SCALE_OUT_POOL, MANUAL \\(got "AUTO"\\)',
          "args\\.initialDelaySec must be an integer between 0 and 3600 \\(got 4000\\)",
          "args\\.groupArgs\\.targetSize is set by Shadowpool",
        ].join("[\\s\\S]*"),
      ),
    );
    expect(rec.resources).toHaveLength(0);
  });

  it("reports loosely typed config garbage instead of crashing", () => {
    const loose = {
      ...base,
      distributionPolicyZones: "europe-west1-b",
      groupArgs: 3,
    } as unknown as typeof base;
    expect(mod.validateGcpStandbyPoolArgs(loose, "pools[1]")).toEqual([
      'pools[1].distributionPolicyZones must be a list (got "europe-west1-b")',
      "pools[1].groupArgs must be a mapping of keys to values (got 3)",
    ]);
  });
});
