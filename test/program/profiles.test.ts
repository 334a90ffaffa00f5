/**
 * Slot profiles through the whole program (runProgram under Pulumi mocks, dependencies injected):
 * a first deployment learns the profile from the workload's pods and stores it in the state; the
 * next one, whose read fails, keeps it and does not shrink the pool; a first deployment with
 * nothing to size a placeholder with falls back to cold provisioning; old states still load.
 */
import * as pulumi from "@pulumi/pulumi";
import type { PodSeen } from "../../components/k8s/pod-requests";
import type { PoolReading } from "../../program/claims-reader";
import type { SlotPoolOutput } from "../../program/outputs";
import { previewMocks, type PreviewMocks } from "../../program/preview/mocks";
import type { ProgramDeps, ProgramResult } from "../../program/run";
import { parseState, type DeploymentState } from "../../program/state";
import { onePoolDeps } from "../helpers/program-deps";

const NOW = Date.parse("2026-11-23T09:00:00Z") / 1000;
const DEPLOY = "kubernetes:apps/v1:Deployment";
const LEARNED = "learned from 3 running pods of app=ci-runner in ci";

const runner = (phase: string, cpu: string, memory: string): PodSeen => ({
  metadata: { name: `runner-${cpu}-${memory}` },
  spec: { containers: [{ name: "run", resources: { requests: { cpu, memory } } }] },
  status: { phase },
});
const PODS = [
  runner("Running", "1500m", "3Gi"),
  runner("Running", "1", "3.5Gi"),
  runner("Running", "1", "1Gi"),
  runner("Pending", "8", "32Gi"),
];

let rec: PreviewMocks;
let runProgram: (deps: ProgramDeps) => Promise<ProgramResult>;
let readingFromPods: (pods: readonly PodSeen[], slots: []) => PoolReading;
beforeAll(async () => {
  rec = previewMocks(undefined);
  await pulumi.runtime.setMocks(rec.mocks, "shadowpool", "profiles", true, "organization");
  ({ runProgram } = await import("../../program/run"));
  ({ readingFromPods } = await import("../../program/claims/warm-k8s"));
});
beforeEach(() => {
  rec.resources.length = 0;
});

/** One deployment of a stack holding the `ci` placeholder pool. */
function deps(opts: {
  previous?: DeploymentState;
  demand: number;
  read: ProgramDeps["readClaims"];
  provider?: Record<string, unknown>;
}): ProgramDeps {
  return onePoolDeps({
    pool: {
      name: "ci",
      kind: "warm",
      cloud: "kubernetes",
      mode: "enforce",
      bounds: { min: 0, max: 30 },
      provider: {
        namespace: "ci",
        workload: { namespace: "ci", selector: "app=ci-runner" },
        ...opts.provider,
      },
    },
    now: NOW,
    demand: opts.demand,
    readClaims: opts.read,
    ...(opts.previous === undefined ? {} : { previous: opts.previous }),
  });
}

/** The placeholder Deployment's replicas and pod requests, once the mocks have seen it. */
async function deployment(): Promise<{ replicas: number; requests: unknown }> {
  for (let i = 0; i < 200 && !rec.resources.some((r) => r.type === DEPLOY); i++) {
    await new Promise((r) => setTimeout(r, 5));
  }
  const found = rec.resources.filter((r) => r.type === DEPLOY);
  expect(found.map((r) => r.name)).toEqual(["ci-placeholders"]);
  const spec = found[0].inputs.spec as {
    replicas: number;
    template: { spec: { containers: { resources: { requests?: unknown } }[] } };
  };
  return { replicas: spec.replicas, requests: spec.template.spec.containers[0].resources.requests };
}

const ci = (r: ProgramResult): SlotPoolOutput => r.outputs.pools.ci as SlotPoolOutput;
const failing = async (): Promise<PoolReading> => {
  throw new Error("ci: kubernetes pods app=ci-runner in ci: reading the in-use count failed: 503");
};

describe("two deployments: learn, then keep on a failed read", () => {
  let first: ProgramResult;
  let firstDeployment: { replicas: number; requests: unknown };
  beforeAll(async () => {
    rec.resources.length = 0;
    first = await runProgram(deps({ demand: 12, read: async () => readingFromPods(PODS, []) }));
    firstDeployment = await deployment();
  });

  it("first: the largest running pod sizes each placeholder, stored in the state", () => {
    // cpu from the first pod, memory from the second; the Pending 8-cpu pod does not count.
    expect(firstDeployment.requests).toEqual({ cpu: "1500m", memory: "3584Mi" });
    expect(first.outputs.shadowpool.pools.ci.profile).toEqual({ cpu: "1500m", memory: "3584Mi" });
    expect(ci(first).plan.inUse).toBe(3);
    expect(firstDeployment.replicas).toBe(ci(first).plan.shadow);
    expect(firstDeployment.replicas).toBeGreaterThan(0);
    expect(ci(first).plan.why.at(-1)).toBe(`slot profile: cpu 1500m, memory 3584Mi (${LEARNED})`);
    expect(ci(first).profile?.sources).toEqual({ cpu: LEARNED, memory: LEARNED });
  });

  it("second: the read fails and demand drops to 0, yet the profile and the size hold", async () => {
    const second = await runProgram(
      deps({ previous: first.outputs.shadowpool, demand: 0, read: failing }),
    );
    const d = await deployment();
    expect(d.requests).toEqual({ cpu: "1500m", memory: "3584Mi" });
    expect(d.replicas).toBe(firstDeployment.replicas);
    expect(ci(second).changes.removed).toEqual([]);
    expect(ci(second).plan.why.at(-1)).toBe(
      "slot profile: cpu 1500m, memory 3584Mi (kept from the previous deployment (app=ci-runner in ci: the pods could not be read))",
    );
    expect(second.outputs.shadowpool.pools.ci.profile).toEqual({ cpu: "1500m", memory: "3584Mi" });
  });

  it("second: no Running pod keeps the profile too; an admin pin still wins", async () => {
    const second = await runProgram(
      deps({
        previous: first.outputs.shadowpool,
        demand: 12,
        read: async () => readingFromPods([runner("Pending", "4", "8Gi")], []),
        provider: { cpu: "2" },
      }),
    );
    const d = await deployment();
    expect(d.requests).toEqual({ cpu: "2", memory: "3584Mi" });
    expect(ci(second).plan.why.at(-1)).toBe(
      "slot profile: cpu 2 (admin override); memory 3584Mi (kept from the previous deployment (app=ci-runner in ci: no Running pod among the 1 listed))",
    );
  });

  it("second: new requests of the workload's pods resize the placeholders", async () => {
    await runProgram(
      deps({
        previous: first.outputs.shadowpool,
        demand: 12,
        read: async () => readingFromPods([runner("Running", "2", "5Gi")], []),
      }),
    );
    expect((await deployment()).requests).toEqual({ cpu: "2", memory: "5Gi" });
  });
});

describe("cold provisioning", () => {
  it("a first deployment that cannot read the pods declares no placeholder pod, and says why", async () => {
    const result = await runProgram(deps({ demand: 12, read: failing }));
    const d = await deployment();
    expect(d).toEqual({ replicas: 0, requests: undefined });
    expect(ci(result).plan.shadow).toBe(0);
    expect(ci(result).plan.why.at(-1)).toBe(
      "slot profile: cold provisioning: app=ci-runner in ci: the pods could not be read, and no previous profile nor provider.cpu/provider.memory to fall back on: no placeholder pods this deployment",
    );
    expect(result.outputs.shadowpool.pools.ci.profile).toBeUndefined();
  });

  it("admin pins avoid it: they size the placeholders whatever the read", async () => {
    await runProgram(deps({ demand: 12, read: failing, provider: { cpu: "500m", memory: "1Gi" } }));
    const d = await deployment();
    expect(d.requests).toEqual({ cpu: "500m", memory: "1Gi" });
    expect(d.replicas).toBeGreaterThan(0);
  });
});

describe("a pool deployed before profiles were recorded", () => {
  it("with its pins removed and a failing read, it is held as it is, not made cold", async () => {
    const pinned = await runProgram(
      deps({
        demand: 12,
        read: async () => readingFromPods(PODS, []),
        provider: { cpu: "500m", memory: "1Gi" },
      }),
    );
    const before = (await deployment()).replicas;
    expect(before).toBeGreaterThan(0);
    // The same state as an older Shadowpool wrote it: no profile.
    const state = pinned.outputs.shadowpool;
    const { profile: _dropped, ...oldPool } = state.pools.ci;
    expect(_dropped).toEqual({ cpu: "500m", memory: "1Gi" });
    const old = { ...state, pools: { ...state.pools, ci: oldPool } };
    rec.resources.length = 0;
    const next = await runProgram(deps({ previous: old, demand: 0, read: failing }));
    // Demand fell to 0, yet the shadow count holds (nothing can be resized or removed unseen).
    expect((await deployment()).replicas).toBe(before);
    expect(ci(next).plan.shadow).toBe(before);
    expect(ci(next).changes.removed).toEqual([]);
    expect(ci(next).plan.why.at(-1)).toBe(
      "slot profile: unknown (app=ci-runner in ci: the pods could not be read), and the previous deployment recorded none: the placeholders are held as they are, count and requests, until the pods can be read or provider.cpu and provider.memory are set",
    );
    expect(next.outputs.shadowpool.pools.ci.profile).toBeUndefined();
  });
});

describe("state format", () => {
  it("a state written before profiles loads, and a profile round-trips", () => {
    const old = {
      version: 1,
      now: NOW,
      pools: {
        ci: {
          kind: "warm",
          cloud: "kubernetes",
          mode: "enforce",
          slots: [],
          plan: { shadow: 0, surplusSince: null },
        },
      },
      resources: [],
    };
    expect(parseState(old, "old.json").pools.ci.profile).toBeUndefined();
    const profile = { cpu: "1500m", memory: "3Gi", extendedResources: { "nvidia.com/gpu": "1" } };
    const withProfile = { ...old, pools: { ci: { ...old.pools.ci, profile } } };
    expect(parseState(withProfile, "new.json").pools.ci.profile).toEqual(profile);
    expect(() =>
      parseState({ ...old, pools: { ci: { ...old.pools.ci, profile: { cpu: 2 } } } }, "bad.json"),
    ).toThrow(/bad\.json is not a shadowpool state/);
  });
});
