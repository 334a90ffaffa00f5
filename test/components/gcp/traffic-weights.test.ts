import type { MockRecorder } from "../mocks";
import { promiseOf, setMocks, settle, thrownMessage } from "../mocks";

let rec: MockRecorder;
let mod: typeof import("../../../components/gcp/traffic-weights");

beforeAll(async () => {
  rec = await setMocks();
  mod = await import("../../../components/gcp/traffic-weights");
});
beforeEach(() => rec.reset());

const bs = (n: string) => `projects/p/global/backendServices/${n}`;

/** Two backends: old 12 ready, new 4 ready + 8 warming; demand 10 of total 1000, step 10 %. */
const args = {
  backends: [
    { name: "old", ready: 12, backendService: bs("old") },
    { name: "new", ready: 4, warming: 8, backendService: bs("new") },
  ],
  demand: 10,
  total: 1000,
  maxStep: 10,
};

describe("GcpTrafficWeights", () => {
  it("declares one global URL map with weighted backend services (total 1000)", async () => {
    const c = new mod.GcpTrafficWeights("web", {
      ...args,
      mode: "enforce",
      previous: { old: 1000, new: 0 },
    });
    await settle(c.weights);
    // Target 750/250 (ready 12:4); step 10% of 1000 = 100 → old 900, new 100.
    expect(await promiseOf(c.weights)).toEqual({ new: 100, old: 900 });
    expect(c.resolved.target).toEqual({ new: 250, old: 750 });
    expect(rec.resources.map((r) => [r.type, r.name, r.parent])).toEqual([
      ["shadowpool:gcp:TrafficWeights", "web", undefined],
      ["gcp:compute/uRLMap:URLMap", "web-urlmap", "web"],
    ]);
    expect(rec.named("web-urlmap").inputs).toMatchObject({
      description: "shadowpool traffic weights web",
      defaultRouteAction: {
        weightedBackendServices: [
          { backendService: bs("old"), weight: 900 },
          { backendService: bs("new"), weight: 100 },
        ],
      },
    });
  });

  it("declares a regional URL map when a region is given, and keeps names over two deployments", async () => {
    const regional = {
      mode: "enforce" as const,
      backends: [
        { name: "a", ready: 1, backendService: bs("a") },
        { name: "b", ready: 1, backendService: bs("b") },
      ],
      demand: 2,
      region: "europe-west1",
    };
    const first = new mod.GcpTrafficWeights("lb", regional);
    const w1 = await promiseOf(first.weights);
    await settle(first.weights);
    expect(w1).toEqual({ a: 50, b: 50 });
    const r1 = rec.resources.map((r) => [r.type, r.name]);
    expect(r1).toEqual([
      ["shadowpool:gcp:TrafficWeights", "lb"],
      ["gcp:compute/regionUrlMap:RegionUrlMap", "lb-urlmap"],
    ]);
    expect(rec.named("lb-urlmap").inputs.region).toBe("europe-west1");
    rec.reset();
    const second = new mod.GcpTrafficWeights("lb", {
      ...regional,
      backends: [regional.backends[0], { ...regional.backends[1], ready: 3 }],
      previous: w1,
    });
    await settle(second.weights);
    // Target 25/75; default step 20 → 30/70.
    expect(await promiseOf(second.weights)).toEqual({ a: 30, b: 70 });
    expect(rec.resources.map((r) => [r.type, r.name])).toEqual(r1);
  });

  it("rejects bad args naming each field and the fix, registering nothing", async () => {
    const message = thrownMessage(
      () =>
        new mod.GcpTrafficWeights("Web", {
          backends: [{ name: "a", ready: 1, backendService: "" }],
          demand: 1,
          total: 2000,
          maxStep: 0.5,
        }),
    );
    expect(message).toBe(
      [
        'GcpTrafficWeights "Web": 4 invalid argument(s):',
        'name must be 1..40 lowercase letters, digits or dashes, starting with a letter (got "Web"); GCP names its resources after it',
        "args.total must be an integer between 1 and 1000 for this provider (got 2000); use e.g. 100",
        "args.maxStep must be between 1 and 100 percent points of the total (got 0.5); use e.g. 20",
        'args.backends[0].backendService is required (got ""); pass the backend service\'s self link',
      ].join("\n  "),
    );
    await settle(); // every registration started so far has reached the mock monitor
    expect(rec.resources).toHaveLength(0);
  });
});

describe("GcpTrafficWeights: observe vs enforce", () => {
  const URLMAP = "gcp:compute/uRLMap:URLMap";
  const weightsOf = (r: { inputs: Record<string, unknown> }) =>
    (
      r.inputs.defaultRouteAction as { weightedBackendServices: { weight: number }[] }
    ).weightedBackendServices.map((w) => w.weight);

  it("first deployment in observe declares no URL map, also when the stored previous weights are empty", async () => {
    for (const previous of [undefined, {}]) {
      rec.reset();
      const c = new mod.GcpTrafficWeights("web", { ...args, previous });
      await settle(c.weights, c.plannedWeights);
      expect(rec.resources.map((r) => [r.type, r.name])).toEqual([
        ["shadowpool:gcp:TrafficWeights", "web"],
      ]);
      expect(c.urlMap).toBeUndefined();
      expect(c.resolved.declared).toBe(false);
      expect(await promiseOf(c.weights)).toEqual({});
      // Ready 12:4 of 1000, no step limit without previous weights: 750 / 250.
      expect(await promiseOf(c.plannedWeights)).toEqual({ new: 250, old: 750 });
      expect(await promiseOf(c.mode)).toBe("observe");
    }
  });

  it("observe holds the previous weights (a new backend at 0), enforce moves one step, same URL map", async () => {
    const observed = new mod.GcpTrafficWeights("web", { ...args, previous: { old: 1000 } });
    await settle(observed.weights, observed.summary);
    expect(await promiseOf(observed.weights)).toEqual({ new: 0, old: 1000 });
    expect(await promiseOf(observed.plannedWeights)).toEqual({ new: 100, old: 900 });
    expect(await promiseOf(observed.summary)).toBe(
      "[observe] web: new 0 → 100, old 1000 → 900 (step 100 of 1000, 2 more deployment(s) to target); declared as before: new 0, old 1000",
    );
    expect(rec.resources.map((r) => [r.type, r.name])).toEqual([
      ["shadowpool:gcp:TrafficWeights", "web"],
      [URLMAP, "web-urlmap"],
    ]);
    expect(weightsOf(rec.named("web-urlmap"))).toEqual([1000, 0]);

    rec.reset();
    const enforced = new mod.GcpTrafficWeights("web", {
      ...args,
      previous: { old: 1000 },
      mode: "enforce",
    });
    await settle(enforced.weights);
    expect(await promiseOf(enforced.weights)).toEqual({ new: 100, old: 900 });
    expect(await promiseOf(enforced.plannedWeights)).toEqual({ new: 100, old: 900 });
    expect(rec.resources.map((r) => [r.type, r.name])).toEqual([
      ["shadowpool:gcp:TrafficWeights", "web"],
      [URLMAP, "web-urlmap"],
    ]);
    expect(weightsOf(rec.named("web-urlmap"))).toEqual([900, 100]);
  });
});
