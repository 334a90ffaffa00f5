import type { MockRecorder } from "../mocks";
import { promiseOf, setMocks, settle, thrownMessage } from "../mocks";

let rec: MockRecorder;
let mod: typeof import("../../../components/k8s/traffic-weights");

beforeAll(async () => {
  rec = await setMocks();
  mod = await import("../../../components/k8s/traffic-weights");
});
beforeEach(() => rec.reset());

const HTTPROUTE = "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute";

const args = {
  namespace: "shop",
  parentRefs: [{ name: "public", namespace: "gateways", sectionName: "https" }],
  hostnames: ["shop.example.com"],
  backends: [
    { name: "checkout-blue", ready: 6, port: 8080 },
    { name: "green", service: "checkout-green", ready: 2, warming: 4, port: 8080 },
  ],
  demand: 8,
};

describe("K8sTrafficWeights", () => {
  it("declares one HTTPRoute with weighted backendRefs", async () => {
    const c = new mod.K8sTrafficWeights("checkout", { ...args, mode: "enforce" });
    await settle(c.weights);
    // Ready 6:2 → 75/25 (no previous weights: no step limit).
    expect(await promiseOf(c.weights)).toEqual({ "checkout-blue": 75, green: 25 });
    expect(rec.resources.map((r) => [r.type, r.name, r.parent])).toEqual([
      ["shadowpool:k8s:TrafficWeights", "checkout", undefined],
      [HTTPROUTE, "checkout-httproute", "checkout"],
    ]);
    expect(rec.named("checkout-httproute").inputs).toEqual({
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "HTTPRoute",
      metadata: {
        name: "checkout",
        namespace: "shop",
        labels: { "app.kubernetes.io/managed-by": "shadowpool" },
      },
      spec: {
        parentRefs: [{ name: "public", namespace: "gateways", sectionName: "https" }],
        hostnames: ["shop.example.com"],
        rules: [
          {
            matches: [{ path: { type: "PathPrefix", value: "/" } }],
            backendRefs: [
              { name: "checkout-blue", port: 8080, weight: 75 },
              { name: "checkout-green", port: 8080, weight: 25 },
            ],
          },
        ],
      },
    });
  });

  it("moves traffic onto the warmed backend one step per deployment, same resource names", async () => {
    const first = new mod.K8sTrafficWeights("checkout", {
      ...args,
      mode: "enforce",
      previous: { "checkout-blue": 100, green: 0 },
    });
    const w1 = await promiseOf(first.weights);
    await settle(first.weights);
    const names = rec.resources.map((r) => r.name);
    rec.reset();
    // The warming capacity is ready now: 6:6 → target 50/50; step 20 → 60/40.
    const second = new mod.K8sTrafficWeights("checkout", {
      ...args,
      mode: "enforce",
      backends: [args.backends[0], { ...args.backends[1], ready: 6, warming: 0 }],
      previous: w1,
    });
    const w2 = await promiseOf(second.weights);
    await settle(second.weights);
    expect(w1).toEqual({ "checkout-blue": 80, green: 20 });
    expect(w2).toEqual({ "checkout-blue": 60, green: 40 });
    expect(await promiseOf(second.summary)).toBe(
      "checkout: checkout-blue 80 → 60, green 20 → 40 (step 20 of 100, 1 more deployment(s) to target)",
    );
    expect(rec.resources.map((r) => r.name)).toEqual(names);
  });

  it("rejects bad args with field and fix, registering nothing", async () => {
    const message = thrownMessage(
      () =>
        new mod.K8sTrafficWeights("Checkout", {
          ...args,
          namespace: "Shop",
          parentRefs: [],
          backends: [{ name: "a_b", ready: 1, port: 0 }],
          maxStep: 0,
        }),
    );
    expect(message).toBe(
      [
        'K8sTrafficWeights "Checkout": 6 invalid argument(s):',
        'name must be a DNS-1123 label when args.routeName is not set (got "Checkout"); rename the component or set routeName',
        "args.maxStep must be between 1 and 100 percent points of the total (got 0); use e.g. 20",
        'args.namespace must be a DNS-1123 label (lowercase letters, digits, dashes, at most 63; got "Shop")',
        'args.backends[0].name (the Service name) must be a DNS-1123 label (lowercase letters, digits, dashes, at most 63; got "a_b")',
        "args.backends[0].port must be an integer between 1 and 65535 (got 0)",
        "args.parentRefs must list at least one Gateway (got []); add { name }",
      ].join("\n  "),
    );
    expect(
      mod.validateK8sTrafficWeightsArgs(
        { ...args, total: 2_000_000, pathPrefix: "api" },
        "traffic[1]",
      ),
    ).toEqual([
      "traffic[1].total must be an integer between 1 and 1000000 for this provider (got 2000000); use e.g. 100",
      'traffic[1].pathPrefix must start with / (got "api")',
    ]);
    await settle(); // every registration started so far has reached the mock monitor
    expect(rec.resources).toHaveLength(0);
  });
});

describe("K8sTrafficWeights: observe vs enforce", () => {
  const backendRefsOf = (name: string) =>
    (rec.named(name).inputs.spec as { rules: { backendRefs: unknown[] }[] }).rules[0].backendRefs;

  it("first deployment in observe declares no HTTPRoute; switching to enforce next time declares the plan", async () => {
    const observed = new mod.K8sTrafficWeights("checkout", args);
    await settle(observed.weights, observed.summary);
    // A new route attached to the Gateway would itself take traffic: nothing is declared.
    expect(rec.resources.map((r) => [r.type, r.name])).toEqual([
      ["shadowpool:k8s:TrafficWeights", "checkout"],
    ]);
    expect(observed.route).toBeUndefined();
    const declared = await promiseOf(observed.weights);
    expect(declared).toEqual({});
    expect(await promiseOf(observed.plannedWeights)).toEqual({ "checkout-blue": 75, green: 25 });
    expect(await promiseOf(observed.summary)).toBe(
      "[observe] checkout: checkout-blue 75, green 25 (step 20 of 100, at target); nothing declared (no previous weights)",
    );

    rec.reset();
    // The next deployment reads the declared weights ({}) as previous: no step limit applies.
    const enforced = new mod.K8sTrafficWeights("checkout", {
      ...args,
      mode: "enforce",
      previous: declared,
    });
    await settle(enforced.weights);
    expect(await promiseOf(enforced.weights)).toEqual({ "checkout-blue": 75, green: 25 });
    expect(rec.resources.map((r) => [r.type, r.name])).toEqual([
      ["shadowpool:k8s:TrafficWeights", "checkout"],
      [HTTPROUTE, "checkout-httproute"],
    ]);
    expect(backendRefsOf("checkout-httproute")).toEqual([
      { name: "checkout-blue", port: 8080, weight: 75 },
      { name: "checkout-green", port: 8080, weight: 25 },
    ]);
  });

  it("observe with previous weights declares them unchanged, enforce declares the planned step", async () => {
    const previous = { "checkout-blue": 100, green: 0 };
    const observed = new mod.K8sTrafficWeights("checkout", { ...args, previous });
    await settle(observed.weights);
    expect(await promiseOf(observed.weights)).toEqual(previous);
    expect(await promiseOf(observed.plannedWeights)).toEqual({ "checkout-blue": 80, green: 20 });
    expect(observed.resolved.mode).toBe("observe");
    expect(rec.resources).toHaveLength(2);
    expect(backendRefsOf("checkout-httproute")).toEqual([
      { name: "checkout-blue", port: 8080, weight: 100 },
      { name: "checkout-green", port: 8080, weight: 0 },
    ]);

    rec.reset();
    const enforced = new mod.K8sTrafficWeights("checkout", { ...args, previous, mode: "enforce" });
    await settle(enforced.weights);
    expect(await promiseOf(enforced.weights)).toEqual({ "checkout-blue": 80, green: 20 });
    expect(await promiseOf(enforced.plannedWeights)).toEqual({ "checkout-blue": 80, green: 20 });
    expect(rec.resources).toHaveLength(2);
    expect(backendRefsOf("checkout-httproute")).toEqual([
      { name: "checkout-blue", port: 8080, weight: 80 },
      { name: "checkout-green", port: 8080, weight: 20 },
    ]);
  });
});
