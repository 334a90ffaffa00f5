/**
 * Warm-pool in-use counts: the pure mappings (group → count, MIG instances → count), and the
 * invoke paths under Pulumi mocks (every invoke a test does not expect throws), down to the
 * claims `readPoolClaims` hands the program.
 */
import { runTsChild } from "../../helpers/ts-child";
import { invokeRecorder, setInvokeMocks } from "../../helpers/invoke-mocks";
import { k8sWorkloadOf, runningPods } from "../../../program/claims/warm-k8s";
import { startFakeHttp, type FakeHttpServer } from "../../helpers/fake-http";
import type { Slot } from "../../../components/slots";
import type { PoolConfig } from "../../../program/config";
import type { DeploymentState } from "../../../program/state";

const invokes = invokeRecorder();
const seen = invokes.seen;
let warm: typeof import("../../../program/claims/warm");
let reader: typeof import("../../../program/claims-reader");

beforeAll(async () => {
  await setInvokeMocks(invokes);
  warm = await import("../../../program/claims/warm");
  reader = await import("../../../program/claims-reader");
});
beforeEach(() => {
  seen.length = 0;
  invokes.calls = {};
});

const LIST = "aws:autoscaling/getAmiIds:getAmiIds";
const GROUP = "aws:autoscaling/getGroup:getGroup";
const MIG = "gcp:compute/getRegionInstanceGroup:getRegionInstanceGroup";

const pool = (cloud: "aws" | "gcp" | "kubernetes", provider: Record<string, unknown>) =>
  ({ name: "api-warm", kind: "warm", cloud, provider }) as unknown as PoolConfig;

const slot = (index: number, state: Slot["state"]): Slot => ({
  index,
  name: `api-warm-${index}`,
  state,
  since: 0,
  ...(state === "shadow" ? {} : { claimedBy: "in service" }),
});

/** A previous state whose api-warm table has slots 0..5, 2 and 5 in service. */
function previousState(cloud: string, resources: DeploymentState["resources"] = []) {
  const slots = [0, 1, 2, 3, 4, 5].map((i) => slot(i, i === 2 || i === 5 ? "claimed" : "shadow"));
  return {
    version: 1,
    now: 0,
    pools: {
      "api-warm": {
        kind: "warm",
        cloud,
        mode: "enforce",
        slots,
        plan: { shadow: 4, surplusSince: null },
      },
    },
    resources,
  } as DeploymentState;
}

describe("pure mapping", () => {
  test("an AWS group's in-service count is its desiredCapacity; no group is 0", () => {
    expect(warm.awsInServiceCount("api-warm", { name: "g", desiredCapacity: 6 })).toBe(6);
    expect(warm.awsInServiceCount("api-warm", { name: "g", desiredCapacity: 0 })).toBe(0);
    expect(warm.awsInServiceCount("api-warm", undefined)).toBe(0);
  });

  test("a desiredCapacity that is not an integer >= 0 is refused, naming the group", () => {
    expect(() => warm.awsInServiceCount("api-warm", { name: "g", desiredCapacity: -1 })).toThrow(
      "api-warm: Auto Scaling group g reports desiredCapacity -1, not an integer >= 0",
    );
    expect(() => warm.awsInServiceCount("api-warm", { name: "g", desiredCapacity: 2.5 })).toThrow(
      /desiredCapacity 2.5/,
    );
  });

  test("only RUNNING VMs of a MIG are in use (standby VMs are stopped or suspended)", () => {
    expect(
      warm.gcpRunningCount([
        { instance: "a", status: "RUNNING" },
        { instance: "b", status: "TERMINATED" },
        { instance: "c", status: "SUSPENDED" },
        { instance: "d", status: "RUNNING" },
        { instance: "e", status: "STAGING" },
      ]),
    ).toBe(2);
    expect(warm.gcpRunningCount([])).toBe(0);
  });
});

describe("AWS under mocks", () => {
  test("a named group: listed by name, then its desiredCapacity becomes claims on the in-use slots first", async () => {
    invokes.calls[LIST] = () => ({ id: "x", names: ["api-asg"], arns: ["arn:a"] });
    invokes.calls[GROUP] = () => ({ id: "api-asg", name: "api-asg", desiredCapacity: 3 });
    const { claims } = await reader.readPoolClaims(
      pool("aws", { groupName: "api-asg" }),
      previousState("aws"),
    );
    // Slots 2 and 5 were in service: they stay claimed; the third is the lowest free slot, 0.
    expect(claims).toEqual([
      { index: 0, by: "in service" },
      { index: 2, by: "in service" },
      { index: 5, by: "in service" },
    ]);
    expect(seen.map((s) => s.token)).toEqual([LIST, GROUP]);
    expect(seen[0].inputs.names).toEqual(["api-asg"]);
    expect(seen[0].inputs.filters).toBeUndefined();
    expect(seen[1].inputs.name).toBe("api-asg");
  });

  test("without groupName the group is found by its shadowpool:pool tag", async () => {
    invokes.calls[LIST] = () => ({ id: "x", names: ["api-warm-group-1a2b3c"], arns: ["arn:a"] });
    invokes.calls[GROUP] = () => ({ name: "api-warm-group-1a2b3c", desiredCapacity: 7 });
    const { claims } = await reader.readPoolClaims(pool("aws", {}), undefined);
    expect(claims.map((c) => c.index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(seen[0].inputs.filters).toEqual([{ name: "tag:shadowpool:pool", values: ["api-warm"] }]);
    expect(seen[1].inputs.name).toBe("api-warm-group-1a2b3c");
  });

  test("no group yet (first deployment) is 0 in service, without asking for the group", async () => {
    invokes.calls[LIST] = () => ({ id: "x", names: [], arns: [] });
    await expect(reader.readPoolClaims(pool("aws", {}), undefined)).resolves.toEqual({
      claims: [],
    });
    expect(seen.map((s) => s.token)).toEqual([LIST]);
  });

  test("two groups with the pool's tag: refused, asking for groupName", async () => {
    invokes.calls[LIST] = () => ({ id: "x", names: ["a", "b"], arns: ["1", "2"] });
    await expect(reader.readPoolClaims(pool("aws", {}), undefined)).rejects.toThrow(
      "aws auto scaling groups tagged shadowpool:pool=api-warm: 2 groups match (a, b); set the pool's provider.groupName",
    );
  });

  test("a failing read rejects naming the group (the program then keeps the previous claims)", async () => {
    invokes.calls[LIST] = () => ({ id: "x", names: ["api-asg"], arns: ["arn:a"] });
    invokes.calls[GROUP] = () => {
      throw new Error("throttled");
    };
    await expect(
      reader.readPoolClaims(pool("aws", { groupName: "api-asg" }), undefined),
    ).rejects.toThrow(/^aws auto scaling group api-asg: reading the in-service count failed/);
  });
});

describe("GCP under mocks", () => {
  test("RUNNING VMs of the named MIG become claims", async () => {
    invokes.calls[MIG] = () => ({
      id: "m",
      name: "api-mig",
      instances: [
        { instance: "v1", status: "RUNNING", namedPorts: [] },
        { instance: "v2", status: "SUSPENDED", namedPorts: [] },
        { instance: "v3", status: "RUNNING", namedPorts: [] },
      ],
      size: 3,
    });
    const { claims } = await reader.readPoolClaims(
      pool("gcp", { migName: "api-mig", region: "europe-west1", project: "p" }),
      previousState("gcp"),
    );
    expect(claims).toEqual([
      { index: 2, by: "in service" },
      { index: 5, by: "in service" },
    ]);
    expect(seen).toHaveLength(1);
    expect(seen[0].inputs).toMatchObject({ name: "api-mig", region: "europe-west1", project: "p" });
  });

  test("without migName nothing is invoked and the count is 0", async () => {
    await expect(reader.readPoolClaims(pool("gcp", {}), undefined)).resolves.toEqual({
      claims: [],
    });
    expect(seen).toHaveLength(0);
  });

  test("a failed read is 'no MIG yet' only when the previous deployment did not declare it", async () => {
    invokes.calls[MIG] = () => {
      throw new Error("notFound");
    };
    const named = pool("gcp", { migName: "api-mig" });
    await expect(reader.readPoolClaims(named, undefined)).resolves.toEqual({ claims: [] });
    const recorded = previousState("gcp", [{ type: warm.GCP_MIG_TYPE, name: "api-warm-mig" }]);
    await expect(reader.readPoolClaims(named, recorded)).rejects.toThrow(
      /^gcp regional instance group api-mig: reading the running count failed/,
    );
  });
});

describe("Kubernetes placeholder pools", () => {
  test("without provider.workload: previous claims kept, nothing read", async () => {
    const reading = await reader.readPoolClaims(
      pool("kubernetes", {}),
      previousState("kubernetes"),
    );
    // No workload: no pods listed, so no profile reading either (the admin's cpu/memory size slots).
    expect(reading).toEqual({
      claims: [
        { index: 2, by: "in service" },
        { index: 5, by: "in service" },
      ],
    });
    expect(seen).toHaveLength(0);
  });

  test("provider.workload must be { namespace, selector } strings", () => {
    expect(k8sWorkloadOf("ci", undefined)).toBeUndefined();
    expect(k8sWorkloadOf("ci", { namespace: "ci", selector: "app=runner" })).toEqual({
      namespace: "ci",
      selector: "app=runner",
    });
    expect(() => k8sWorkloadOf("ci", { namespace: "ci" })).toThrow(
      'ci: provider.workload must be { namespace, selector } with non-empty strings, e.g. { namespace: ci, selector: "app=ci-runner" } (got {"namespace":"ci"})',
    );
    expect(() => k8sWorkloadOf("ci", "app=runner")).toThrow(/provider\.workload must be/);
  });

  test("running pods hold slots; pending, finished and terminating pods do not", () => {
    expect(
      runningPods([
        { status: { phase: "Running" } },
        { status: { phase: "Pending" } },
        { status: { phase: "Succeeded" } },
        { status: { phase: "Running" }, metadata: { deletionTimestamp: new Date(0) } },
        { status: { phase: "Running" } },
      ]),
    ).toBe(2);
  });

  // The real client (an ES module jest cannot load) in a child Node process, against a fake API.
  let server: FakeHttpServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const SCRIPT = `
    const { KubeConfig } = require("@kubernetes/client-node");
    const { readK8sWarmClaims } = require("./program/claims/warm-k8s");
    const a = JSON.parse(process.argv[1]);
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: "f", server: a.server, skipTLSVerify: true }],
      users: [{ name: "u", token: "tok-secret" }],
      contexts: [{ name: "f", cluster: "f", user: "u" }],
      currentContext: "f",
    });
    readK8sWarmClaims(a.pool, undefined, { kubeConfig: kc, pageSize: 2 }).then(
      (reading) => { console.log(JSON.stringify({ ok: true, ...reading })); process.exit(0); },
      (e) => { console.log(JSON.stringify({ ok: false, error: e.message })); process.exit(0); },
    );`;
  const run = (args: object) =>
    runTsChild<{ ok: boolean; claims?: unknown[]; profile?: unknown; error?: string }>([
      "-e",
      SCRIPT,
      JSON.stringify(args),
    ]);
  const ciPool = {
    name: "ci-runners",
    kind: "warm",
    cloud: "kubernetes",
    provider: { workload: { namespace: "ci", selector: "app=runner" } },
  };

  test("one listing, page by page: the running pods are the slots in use and their largest request the profile", async () => {
    const pod = (phase: string, cpu: string, memory: string) => ({
      metadata: { name: `runner-${cpu}` },
      spec: { containers: [{ name: "run", resources: { requests: { cpu, memory } } }] },
      status: { phase },
    });
    const pages = [
      {
        // The Pending pod is the largest: it holds no slot, so it does not size one either.
        items: [pod("Running", "1500m", "2Gi"), pod("Pending", "8", "32Gi")],
        metadata: { continue: "p2" },
      },
      { items: [pod("Running", "1", "3000Mi")], metadata: {} },
    ];
    server = await startFakeHttp((_req, n) => ({
      status: 200,
      body: JSON.stringify({ kind: "PodList", apiVersion: "v1", ...pages[n] }),
    }));
    const result = await run({ pool: ciPool, server: server.url });
    expect(result).toEqual({
      ok: true,
      claims: [
        { index: 0, by: "in service" },
        { index: 1, by: "in service" },
      ],
      // cpu from the first pod, memory from the second (3000Mi > 2Gi = 2048Mi).
      profile: {
        ok: true,
        requests: { cpu: "1500m", memory: "3000Mi", extendedResources: {}, pods: 2 },
      },
    });
    // Two requests: the pages of ONE listing (the count and the profile share it).
    const urls = server.requests.map((r) => new URL(r.url, server?.url));
    expect(urls.map((u) => u.pathname)).toEqual([
      "/api/v1/namespaces/ci/pods",
      "/api/v1/namespaces/ci/pods",
    ]);
    expect(Object.fromEntries(urls[1].searchParams)).toEqual({
      labelSelector: "app=runner",
      limit: "2",
      continue: "p2",
    });
  });

  test("an API error rejects naming the workload, without the token", async () => {
    server = await startFakeHttp(() => ({
      status: 403,
      body: JSON.stringify({ kind: "Status", message: "pods is forbidden (token tok-secret)" }),
    }));
    const result = await run({ pool: ciPool, server: server.url });
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(
      /^ci-runners: kubernetes pods app=runner in ci at http:\/\/127\.0\.0\.1:\d+: reading the in-use count failed: HTTP 403: pods is forbidden/,
    );
    expect(result.error).not.toContain("tok-secret");
  });
});
