import type * as WarmPoolModule from "../../../components/aws/warm-pool";
import type { Slot } from "../../../components/slots";
import {
  NOW,
  HOUR,
  basePolicy,
  flatHistory,
  promiseOf,
  setMocks,
  settle,
  thrownMessage,
} from "../mocks";
import type { MockRecorder } from "../mocks";

let rec: MockRecorder;
let mod: typeof WarmPoolModule;

beforeAll(async () => {
  rec = await setMocks();
  mod = await import("../../../components/aws/warm-pool");
});
beforeEach(() => rec.reset());

const GROUP = "aws:autoscaling/group:Group";
const fixed = (n: number) => ({ ...basePolicy, min: n, max: n });
const base = {
  history: flatHistory(10),
  now: NOW,
  policy: fixed(5),
  launchTemplateId: "lt-0abc",
  subnetIds: ["subnet-a", "subnet-b"],
  minSize: 2,
  maxSize: 20,
};
const slot = (index: number, state: Slot["state"]): Slot => ({
  index,
  name: `p-${index}`,
  state,
  since: NOW,
  ...(state === "shadow" ? {} : { claimedBy: `i-${index}` }),
});

describe("awsWarmPoolSizing (pure)", () => {
  it("minSize = shadow slots, maxGroupPreparedCapacity = in use + shadow", () => {
    const declared = [
      slot(0, "claimed"),
      slot(1, "claimed"),
      slot(2, "releasing"),
      ...[3, 4, 5, 6].map((i) => slot(i, "shadow")),
    ];
    const s = mod.awsWarmPoolSizing(
      { declared, mode: "enforce" },
      { minSize: 2, maxSize: 20, poolState: "Hibernated" },
    );
    expect(s.warmPool).toEqual({
      poolState: "Hibernated",
      minSize: 4,
      maxGroupPreparedCapacity: 7,
      instanceReusePolicy: { reuseOnScaleIn: true },
    });
    expect(s.notes).toEqual([]);
  });

  it("raises maxGroupPreparedCapacity to the group's minSize and warns above maxSize", () => {
    const s = mod.awsWarmPoolSizing(
      { declared: [slot(0, "shadow")], mode: "enforce" },
      { minSize: 3, maxSize: 3, reuseOnScaleIn: false },
    );
    expect(s.warmPool).toEqual({
      poolState: "Stopped",
      minSize: 1,
      maxGroupPreparedCapacity: 3,
      instanceReusePolicy: { reuseOnScaleIn: false },
    });
    expect(s.notes).toEqual(["maxGroupPreparedCapacity raised from 1 to the group's minSize 3"]);
    const over = mod.awsWarmPoolSizing(
      { declared: [0, 1, 2].map((i) => slot(i, "shadow")), mode: "enforce" },
      { minSize: 0, maxSize: 2 },
    );
    expect(over.notes[0]).toMatch(
      /0 in use \+ 3 warm exceeds the group's maxSize 2.*raise maxSize/,
    );
  });

  it("observe on a first deployment declares no warm pool", () => {
    const s = mod.awsWarmPoolSizing({ declared: [], mode: "observe" }, { minSize: 0, maxSize: 5 });
    expect(s.warmPool).toBeNull();
  });

  it("never reconciles desiredCapacity; observe also leaves the warm pool alone", () => {
    expect(mod.awsWarmPoolIgnoreChanges("enforce")).toEqual(["desiredCapacity"]);
    expect(mod.awsWarmPoolIgnoreChanges("observe")).toEqual(["desiredCapacity", "warmPool"]);
  });
});

describe("AwsWarmPool (mocks)", () => {
  it("enforce: one group with the warm pool sized from the plan, desiredCapacity never set", async () => {
    const claims = [0, 1, 2].map((index) => ({ index, by: `i-${index}` }));
    const pool = new mod.AwsWarmPool("api-warm", {
      ...base,
      mode: "enforce",
      claims,
      poolState: "Running",
      groupName: "api-warm-asg",
    });
    await settle(pool.summary, pool.groupName);

    expect(rec.resources.map((r) => `${r.type}/${r.name}`)).toEqual([
      "shadowpool:aws:WarmPool/api-warm",
      `${GROUP}/api-warm-group`,
    ]);
    const g = rec.named("api-warm-group");
    expect(g.parent).toBe("api-warm");
    expect(g.ignoreChanges).toEqual(["desiredCapacity"]);
    expect(g.inputs.desiredCapacity).toBeUndefined();
    expect(g.inputs).toMatchObject({
      name: "api-warm-asg",
      minSize: 2,
      maxSize: 20,
      vpcZoneIdentifiers: ["subnet-a", "subnet-b"],
      launchTemplate: { id: "lt-0abc", version: "$Latest" },
      // policy min = max = 5 fixes the shadow whatever the forecast; 3 in service + 5 warm = 8 prepared.
      warmPool: {
        poolState: "Running",
        minSize: 5,
        maxGroupPreparedCapacity: 8,
        instanceReusePolicy: { reuseOnScaleIn: true },
      },
    });
    expect(g.inputs.tags).toContainEqual({
      key: "shadowpool:pool",
      value: "api-warm",
      propagateAtLaunch: true,
    });

    const plan = await promiseOf(pool.plan);
    expect(plan.shadow).toBe(5);
    expect(plan.inUse).toBe(3);
    expect((await promiseOf(pool.slots)).map((s) => s.name)).toEqual([
      "api-warm-0",
      "api-warm-1",
      "api-warm-2",
      "api-warm-3",
      "api-warm-4",
      "api-warm-5",
      "api-warm-6",
      "api-warm-7",
    ]);
    expect(await promiseOf(pool.summary)).toMatch(/^api-warm: 0 → 5 shadow \(\+5\), peak q95 = /);
    expect(await promiseOf(pool.changes)).toEqual({
      added: [0, 1, 2, 3, 4, 5, 6, 7],
      removed: [],
      claimed: [0, 1, 2],
      released: [],
    });
  });

  it("second deployment shrinks the warm pool but keeps every in-service slot", async () => {
    const claims = [0, 1, 2].map((index) => ({ index, by: `i-${index}` }));
    const first = new mod.AwsWarmPool("w", { ...base, mode: "enforce", claims });
    await settle(first.summary);
    rec.reset();
    // Later: i-1 scaled in; the plan now wants 1 warm instance.
    const second = new mod.AwsWarmPool("w2", {
      ...base,
      mode: "enforce",
      now: NOW + HOUR,
      policy: fixed(1),
      claims: [claims[0], claims[2]],
      previous: { slots: first.resolved.slots, plan: { shadow: 5, surplusSince: null } },
    });
    await settle(second.summary);
    expect(second.resolved.slots.map((s) => `${s.index}:${s.state}`)).toEqual([
      "0:claimed",
      "1:shadow",
      "2:claimed",
    ]);
    expect(second.resolved.changes).toEqual({
      added: [],
      removed: [3, 4, 5, 6, 7],
      claimed: [],
      released: [1],
    });
    expect(rec.named("w2-group").inputs.warmPool).toMatchObject({
      minSize: 1,
      maxGroupPreparedCapacity: 3,
    });
  });

  it("observe (the default): first deployment declares the group without a warm pool and ignores warmPool", async () => {
    const pool = new mod.AwsWarmPool("obs", base);
    await settle(pool.summary);
    const g = rec.named("obs-group");
    expect(g.inputs.warmPool).toBeUndefined();
    expect(g.ignoreChanges).toEqual(["desiredCapacity", "warmPool"]);
    expect(await promiseOf(pool.summary)).toMatch(/^\[observe\] obs: 0 → 5 shadow/);
    expect(pool.resolved.slots).toHaveLength(5);
  });

  it("observe keeps the previous sizes whatever the plan says", async () => {
    const previous = {
      slots: [slot(0, "claimed"), slot(1, "shadow"), slot(2, "shadow")],
      plan: { shadow: 2, surplusSince: null },
    };
    const pool = new mod.AwsWarmPool("keep", {
      ...base,
      policy: fixed(9),
      claims: [{ index: 0, by: "i-0" }],
      previous,
    });
    await settle(pool.summary);
    expect(rec.named("keep-group").inputs.warmPool).toMatchObject({
      minSize: 2,
      maxGroupPreparedCapacity: 3,
    });
    expect(pool.resolved.plan.shadow).toBe(9);
  });

  it("rejects bad args with every problem named, before declaring anything", () => {
    const bad = {
      ...base,
      minSize: 5,
      maxSize: 3,
      poolState: "Frozen" as "Stopped",
      subnetIds: [],
      launchTemplateId: "",
      policy: { ...basePolicy, min: -1 },
      groupArgs: { desiredCapacity: 4 } as object,
    };
    const message = thrownMessage(() => new mod.AwsWarmPool("bad", bad));
    expect(message).toContain('AwsWarmPool "bad": 6 invalid argument(s)');
    expect(message).toContain("args.policy.min must be an integer >= 0 (got -1)");
    expect(message).toContain("args.launchTemplateId must be a non-empty string");
    expect(message).toContain("args.subnetIds must list at least one subnet id (got [])");
    expect(message).toContain(
      "args.minSize must be <= args.maxSize (got 5 > 3); lower minSize or raise maxSize",
    );
    expect(message).toContain(
      'args.poolState must be one of Stopped, Running, Hibernated (got "Frozen")',
    );
    expect(message).toContain("args.groupArgs.desiredCapacity is set by Shadowpool");
    expect(rec.resources).toHaveLength(0);
  });

  it("validateAwsWarmPoolArgs uses the caller's path and accepts valid args", () => {
    expect(mod.validateAwsWarmPoolArgs(base, "pools[3]")).toEqual([]);
    expect(mod.validateAwsWarmPoolArgs({ ...base, maxSize: -1 }, "pools[3]")).toEqual([
      "pools[3].maxSize must be an integer >= 0 (got -1)",
    ]);
  });

  it("components do no I/O: an unmocked invoke fails", async () => {
    const aws = await import("@pulumi/aws");
    await expect(aws.autoscaling.getGroup({ name: "x" })).rejects.toThrow(
      /unmocked invoke aws:autoscaling\/getGroup:getGroup/,
    );
  });

  it("reports loosely typed config garbage instead of crashing", () => {
    const loose = {
      ...base,
      subnetIds: "subnet-a",
      tags: { team: 7 },
      groupArgs: "x",
    } as unknown as typeof base;
    expect(mod.validateAwsWarmPoolArgs(loose, "pools[0]")).toEqual([
      'pools[0].subnetIds must list at least one subnet id (got "subnet-a")',
      'pools[0].tags["team"] must be a string (got 7); quote it in the config',
      'pools[0].groupArgs must be a mapping of keys to values (got "x")',
    ]);
  });

  it("end to end with a forecast: the warm pool follows resolved.plan", async () => {
    const claims = [0, 1, 2].map((index) => ({ index, by: `i-${index}` }));
    const pool = new mod.AwsWarmPool("fc", {
      ...base,
      mode: "enforce",
      policy: basePolicy,
      claims,
    });
    await settle(pool.summary);
    const plan = pool.resolved.plan;
    // Flat demand of 10 with 3 in service: at least 7 more must be prepared.
    expect(plan.shadow).toBeGreaterThanOrEqual(7);
    expect(rec.named("fc-group").inputs.warmPool).toMatchObject({
      minSize: plan.shadow,
      maxGroupPreparedCapacity: 3 + plan.shadow,
    });
  });
});
