import type { MockRecorder } from "../mocks";
import { promiseOf, setMocks, settle } from "../mocks";

let rec: MockRecorder;
let mod: typeof import("../../../components/aws/traffic-weights");

beforeAll(async () => {
  rec = await setMocks();
  mod = await import("../../../components/aws/traffic-weights");
});
beforeEach(() => rec.reset());

const backends = [
  {
    name: "blue",
    ready: 10,
    records: ["blue-lb.example.com"],
    targetGroupArn: "arn:aws:elasticloadbalancing:eu-west-1:1:targetgroup/blue/1",
  },
  {
    name: "green",
    ready: 30,
    warming: 5,
    records: ["green-lb.example.com"],
    targetGroupArn: "arn:aws:elasticloadbalancing:eu-west-1:1:targetgroup/green/2",
  },
];

describe("AwsTrafficWeights", () => {
  it("declares one weighted Route 53 record per backend and one ALB rule, step-limited from the previous weights", async () => {
    const c = new mod.AwsTrafficWeights("web", {
      mode: "enforce",
      backends,
      demand: 20,
      maxStep: 20,
      previous: { blue: 100, green: 0 },
      route53: { zoneId: "Z123", name: "api.example.com" },
      alb: { listenerArn: "arn:listener", priority: 10 },
    });
    await settle(c.weights, c.summary);

    expect(await promiseOf(c.weights)).toEqual({ blue: 80, green: 20 });
    expect(await promiseOf(c.summary)).toBe(
      "web: blue 100 → 80, green 0 → 20 (step 20 of 100, 3 more deployment(s) to target)",
    );
    expect(rec.named("web").type).toBe("shadowpool:aws:TrafficWeights");
    const records = rec.ofType("aws:route53/record:Record");
    expect(records.map((r) => r.name)).toEqual(["web-route53-blue", "web-route53-green"]);
    expect(records.every((r) => r.parent === "web")).toBe(true);
    expect(records[1].inputs).toMatchObject({
      zoneId: "Z123",
      name: "api.example.com",
      type: "CNAME",
      ttl: 60,
      setIdentifier: "green",
      records: ["green-lb.example.com"],
      weightedRoutingPolicies: [{ weight: 20 }],
    });
    const rules = rec.ofType("aws:lb/listenerRule:ListenerRule");
    expect(rules.map((r) => r.name)).toEqual(["web-alb"]);
    expect(rules[0].parent).toBe("web");
    expect(rules[0].inputs).toMatchObject({
      listenerArn: "arn:listener",
      priority: 10,
      conditions: [{ pathPattern: { values: ["/*"] } }],
      actions: [
        {
          type: "forward",
          forward: {
            targetGroups: [
              { arn: backends[0].targetGroupArn, weight: 80 },
              { arn: backends[1].targetGroupArn, weight: 20 },
            ],
          },
        },
      ],
    });
    expect(rec.resources).toHaveLength(4);
  });

  it("uses alias records when given and declares no ALB rule without alb", async () => {
    const c = new mod.AwsTrafficWeights("dns", {
      mode: "enforce",
      backends: [
        { name: "a", ready: 1, alias: { name: "a-lb.aws.com", zoneId: "ZLB" } },
        {
          name: "b",
          ready: 3,
          alias: { name: "b-lb.aws.com", zoneId: "ZLB", evaluateTargetHealth: false },
        },
      ],
      demand: 4,
      total: 255,
      route53: { zoneId: "Z1", name: "x.example.com", type: "A" },
    });
    await settle(c.weights);
    // 1:3 of 255 = 63.75 / 191.25 → 64 / 191.
    expect(await promiseOf(c.weights)).toEqual({ a: 64, b: 191 });
    const b = rec.named("dns-route53-b");
    expect(b.inputs).toMatchObject({
      type: "A",
      aliases: [{ name: "b-lb.aws.com", zoneId: "ZLB", evaluateTargetHealth: false }],
      weightedRoutingPolicies: [{ weight: 191 }],
    });
    expect(b.inputs.ttl).toBeUndefined();
    expect(rec.ofType("aws:lb/listenerRule:ListenerRule")).toHaveLength(0);
  });

  it("moves weights one step per deployment across two deployments, names stable", async () => {
    const args = {
      mode: "enforce" as const,
      backends,
      demand: 20,
      maxStep: 30,
      alb: { listenerArn: "arn:l", priority: 5 },
    };
    const first = new mod.AwsTrafficWeights("seq", { ...args, previous: { blue: 100, green: 0 } });
    const w1 = await promiseOf(first.weights);
    await settle(first.weights);
    const names1 = rec.resources.map((r) => r.name);
    rec.reset();
    const second = new mod.AwsTrafficWeights("seq", { ...args, previous: w1 });
    const w2 = await promiseOf(second.weights);
    await settle(second.weights);
    expect(w1).toEqual({ blue: 70, green: 30 });
    expect(w2).toEqual({ blue: 40, green: 60 });
    expect(rec.resources.map((r) => r.name)).toEqual(names1);
  });

  it("rejects bad args with every problem named, before any resource", async () => {
    expect(
      () =>
        new mod.AwsTrafficWeights("bad", {
          backends: [
            { name: "a", ready: 1 },
            { name: "a", ready: 2, records: ["x"], alias: { name: "y", zoneId: "z" } },
          ],
          demand: 1,
          total: 300,
          maxStep: 150,
          route53: { zoneId: "Z", name: "" },
          alb: { listenerArn: "arn", priority: 0 },
        }),
    ).toThrow(
      [
        'AwsTrafficWeights "bad": 9 invalid argument(s):',
        '  args.backends[1].name must be unique: "a" is also args.backends[0]; rename one',
        "  args.total must be an integer between 1 and 255 for this provider (got 300); use e.g. 100",
        "  args.maxStep must be between 1 and 100 percent points of the total (got 150); use e.g. 20",
        '  args.route53.name must be a non-empty string (the record name, e.g. api.example.com) (got "")',
        "  args.backends[0] needs exactly one of records or alias for route53 (got neither)",
        "  args.backends[1] needs exactly one of records or alias for route53 (got both)",
        "  args.alb.priority must be an integer between 1 and 50000 (got 0)",
        "  args.backends[0].targetGroupArn is required with alb (got undefined)",
        "  args.backends[1].targetGroupArn is required with alb (got undefined)",
      ].join("\n"),
    );
    expect(() => new mod.AwsTrafficWeights("none", { backends: [], demand: 0 })).toThrow(
      /args\.route53 or args\.alb must be set[\s\S]*args\.backends must list at least one backend/,
    );
    await settle(); // every registration started so far has reached the mock monitor
    expect(rec.resources).toHaveLength(0);
  });

  it("allows totals up to 999 with alb alone and at most five target groups", () => {
    const many = Array.from({ length: 6 }, (_, i) => ({
      name: `t${i}`,
      ready: 1,
      targetGroupArn: `arn:${i}`,
    }));
    expect(
      mod.validateAwsTrafficWeightsArgs({
        backends: many.slice(0, 5),
        demand: 1,
        total: 999,
        alb: { listenerArn: "l", priority: 1 },
      }),
    ).toEqual([]);
    expect(
      mod.validateAwsTrafficWeightsArgs(
        { backends: many, demand: 1, total: 1000, alb: { listenerArn: "l", priority: 1 } },
        "traffic[2]",
      ),
    ).toEqual([
      "traffic[2].total must be an integer between 1 and 999 for this provider (got 1000); use e.g. 100",
      "traffic[2].backends must have at most 5 entries with alb (an ALB forward action takes 5 target groups; got 6)",
    ]);
  });

  it("rejects an unknown mode, naming the choices", () => {
    expect(
      mod.validateAwsTrafficWeightsArgs({
        mode: "dry-run" as "observe",
        backends: [{ name: "a", ready: 1, targetGroupArn: "arn:a" }],
        demand: 1,
        alb: { listenerArn: "l", priority: 1 },
      }),
    ).toEqual(['args.mode must be one of observe, enforce (got "dry-run")']);
  });
});

describe("AwsTrafficWeights: observe vs enforce", () => {
  const both = {
    backends,
    demand: 20,
    route53: { zoneId: "Z123", name: "api.example.com" },
    alb: { listenerArn: "arn:listener", priority: 10 },
  };
  const RECORD = "aws:route53/record:Record";
  const RULE = "aws:lb/listenerRule:ListenerRule";

  it("first deployment in observe (the default): no record, no rule; the would-be weights are exported", async () => {
    const c = new mod.AwsTrafficWeights("web", both);
    await settle(c.weights, c.plannedWeights, c.summary);
    // A new weighted record or listener rule would itself take traffic: nothing is declared.
    expect(rec.resources.map((r) => [r.type, r.name])).toEqual([
      ["shadowpool:aws:TrafficWeights", "web"],
    ]);
    expect(c.records).toEqual({});
    expect(c.listenerRule).toBeUndefined();
    expect(await promiseOf(c.mode)).toBe("observe");
    expect(await promiseOf(c.weights)).toEqual({});
    // Ready 10:30 with no previous weights (no step limit): 25 / 75.
    expect(await promiseOf(c.plannedWeights)).toEqual({ blue: 25, green: 75 });
    expect((await promiseOf(c.why))[0]).toBe(
      "observe mode: no previous weights, so no weighted resource is declared (traffic left as it is); the planned weights are what enforce would declare",
    );
    expect(await promiseOf(c.summary)).toBe(
      "[observe] web: blue 25, green 75 (step 20 of 100, at target); nothing declared (no previous weights)",
    );
  });

  it("observe with previous weights declares them unchanged; enforce (one field) declares the plan, same names", async () => {
    const previous = { blue: 100, green: 0 };
    const observed = new mod.AwsTrafficWeights("web", { ...both, previous });
    await settle(observed.weights, observed.summary);
    expect(await promiseOf(observed.weights)).toEqual({ blue: 100, green: 0 });
    expect(await promiseOf(observed.plannedWeights)).toEqual({ blue: 80, green: 20 });
    expect(await promiseOf(observed.changes)).toEqual([
      { name: "blue", previous: 100, next: 80, delta: -20 },
      { name: "green", previous: 0, next: 20, delta: 20 },
    ]);
    expect(await promiseOf(observed.summary)).toBe(
      "[observe] web: blue 100 → 80, green 0 → 20 (step 20 of 100, 3 more deployment(s) to target); declared as before: blue 100, green 0",
    );
    expect(rec.resources).toHaveLength(4);
    expect(rec.ofType(RECORD).map((r) => r.inputs.weightedRoutingPolicies)).toEqual([
      [{ weight: 100 }],
      [{ weight: 0 }],
    ]);
    const observedRule = rec.ofType(RULE)[0].inputs as { actions: { forward: unknown }[] };
    expect(observedRule.actions[0].forward).toEqual({
      targetGroups: [
        { arn: backends[0].targetGroupArn, weight: 100 },
        { arn: backends[1].targetGroupArn, weight: 0 },
      ],
    });
    const names = rec.resources.map((r) => [r.type, r.name]);

    rec.reset();
    const enforced = new mod.AwsTrafficWeights("web", { ...both, previous, mode: "enforce" });
    await settle(enforced.weights, enforced.summary);
    expect(await promiseOf(enforced.weights)).toEqual({ blue: 80, green: 20 });
    expect(await promiseOf(enforced.plannedWeights)).toEqual({ blue: 80, green: 20 });
    expect(await promiseOf(enforced.summary)).toBe(
      "web: blue 100 → 80, green 0 → 20 (step 20 of 100, 3 more deployment(s) to target)",
    );
    expect(rec.resources.map((r) => [r.type, r.name])).toEqual(names);
    expect(rec.ofType(RECORD).map((r) => r.inputs.weightedRoutingPolicies)).toEqual([
      [{ weight: 80 }],
      [{ weight: 20 }],
    ]);
  });
});
