import type * as PlaceholderModule from "../../../components/k8s/placeholder-pool";
import { resolveSlotProfile } from "../../../components/k8s/slot-profile";
import type { Slot } from "../../../components/slots";
import { NOW, HOUR, basePolicy, flatHistory, promiseOf, setMocks, settle } from "../mocks";
import type { MockRecorder } from "../mocks";

let rec: MockRecorder;
let mod: typeof PlaceholderModule;

beforeAll(async () => {
  rec = await setMocks();
  mod = await import("../../../components/k8s/placeholder-pool");
});
beforeEach(() => rec.reset());

const PC = "kubernetes:scheduling.k8s.io/v1:PriorityClass";
const DEPLOY = "kubernetes:apps/v1:Deployment";
const fixed = (n: number) => ({ ...basePolicy, min: n, max: n });
const base = { history: flatHistory(10), now: NOW, policy: fixed(3), cpu: "500m", memory: "1Gi" };
const slot = (index: number, state: Slot["state"]): Slot => ({
  index,
  name: `p-${index}`,
  state,
  since: NOW,
});

describe("pure helpers", () => {
  it("replicas = declared shadow slots", () => {
    expect(
      mod.placeholderReplicas({
        declared: [slot(0, "claimed"), slot(1, "shadow"), slot(2, "releasing"), slot(3, "shadow")],
      }),
    ).toBe(2);
  });

  it("observe ignores spec.replicas; enforce reconciles it", () => {
    expect(mod.placeholderIgnoreChanges("observe")).toEqual(["spec.replicas"]);
    expect(mod.placeholderIgnoreChanges("enforce")).toEqual([]);
    // Held without a known profile: the live count and requests stay, whatever the mode.
    expect(mod.placeholderIgnoreChanges("enforce", true)).toEqual([
      "spec.replicas",
      "spec.template",
    ]);
  });

  it("priority must sit at or above the autoscaler cutoff and below the workloads", () => {
    expect(mod.validateK8sPlaceholderPoolArgs({ ...base, priorityValue: 0 }, "pools[0]")).toEqual([
      "pools[0].priorityValue must be < pools[0].workloadPriority (got 0 >= 0): workloads could not preempt placeholders; lower priorityValue or give workloads a higher PriorityClass",
    ]);
    expect(mod.validateK8sPlaceholderPoolArgs({ ...base, priorityValue: -11 }, "pools[0]")).toEqual(
      [
        "pools[0].priorityValue must be >= pools[0].expendablePodsPriorityCutoff (got -11 < -10): below the cutoff the cluster autoscaler keeps no nodes for placeholders; raise priorityValue",
      ],
    );
    // A managed cluster with cutoff 0: placeholders at 0, workloads at 1000.
    expect(
      mod.validateK8sPlaceholderPoolArgs({
        ...base,
        priorityValue: 0,
        expendablePodsPriorityCutoff: 0,
        workloadPriority: 1000,
      }),
    ).toEqual([]);
  });
});

describe("K8sPlaceholderPool (mocks)", () => {
  it("enforce: a PriorityClass and a Deployment of pause pods, one slot per pod", async () => {
    const pool = new mod.K8sPlaceholderPool("gpu-warm", {
      ...base,
      mode: "enforce",
      namespace: "warm",
      claims: [{ index: 0, by: "trainer-7f9c" }],
      extendedResources: { "nvidia.com/gpu": "1" },
      nodeSelector: { pool: "gpu" },
    });
    await settle(pool.summary, pool.deploymentName!, pool.priorityClassName!);
    expect(rec.resources.map((r) => `${r.type}/${r.name}`)).toEqual([
      "shadowpool:k8s:PlaceholderPool/gpu-warm",
      `${PC}/gpu-warm-priority`,
      `${DEPLOY}/gpu-warm-placeholders`,
    ]);
    const pc = rec.named("gpu-warm-priority");
    expect(pc.parent).toBe("gpu-warm");
    expect(pc.inputs).toMatchObject({
      value: -10,
      globalDefault: false,
      preemptionPolicy: "Never",
    });

    const d = rec.named("gpu-warm-placeholders");
    expect(d.parent).toBe("gpu-warm");
    expect(d.ignoreChanges).toEqual([]);
    const inputs = d.inputs as {
      metadata: { namespace: string; annotations: Record<string, string> };
      spec: {
        replicas: number;
        selector: { matchLabels: Record<string, string> };
        template: { metadata: { labels: Record<string, string> }; spec: Record<string, unknown> };
      };
    };
    expect(inputs.metadata.namespace).toBe("warm");
    expect(inputs.metadata.annotations).toEqual({ "pulumi.com/skipAwait": "true" });
    // policy min = max = 3 fixes the shadow whatever the forecast.
    expect(inputs.spec.replicas).toBe(3);
    expect(inputs.spec.selector.matchLabels).toEqual({
      "app.kubernetes.io/name": "shadowpool-placeholder",
      "shadowpool.io/pool": "gpu-warm",
    });
    expect(inputs.spec.template.metadata.labels).toMatchObject(inputs.spec.selector.matchLabels);
    expect(inputs.spec.template.spec).toMatchObject({
      priorityClassName: "gpu-warm-priority-mock0001",
      terminationGracePeriodSeconds: 0,
      nodeSelector: { pool: "gpu" },
      containers: [
        {
          name: "pause",
          image: "registry.k8s.io/pause:3.10",
          resources: {
            requests: { cpu: "500m", memory: "1Gi", "nvidia.com/gpu": "1" },
            limits: { "nvidia.com/gpu": "1" },
          },
        },
      ],
    });
    expect(await promiseOf(pool.priorityClassName)).toBe("gpu-warm-priority-mock0001");
    expect((await promiseOf(pool.plan)).inUse).toBe(1);
  });

  it("priority value and preemption policy are configurable; never the global default", async () => {
    const pool = new mod.K8sPlaceholderPool("gke", {
      ...base,
      priorityValue: 0,
      expendablePodsPriorityCutoff: 0,
      workloadPriority: 100,
      preemptionPolicy: "PreemptLowerPriority",
    });
    await settle(pool.summary, pool.priorityClassName!);
    expect(rec.named("gke-priority").inputs).toMatchObject({
      value: 0,
      globalDefault: false,
      preemptionPolicy: "PreemptLowerPriority",
    });
  });

  it("a second deployment scales placeholders down; observe then keeps the count", async () => {
    const first = new mod.K8sPlaceholderPool("web", { ...base, mode: "enforce", policy: fixed(5) });
    await settle(first.summary);
    const previous = { slots: first.resolved.slots, plan: { shadow: 5, surplusSince: null } };
    rec.reset();
    const second = new mod.K8sPlaceholderPool("web2", {
      ...base,
      mode: "enforce",
      now: NOW + HOUR,
      policy: fixed(2),
      previous,
    });
    await settle(second.summary);
    expect((rec.named("web2-placeholders").inputs.spec as { replicas: number }).replicas).toBe(2);
    expect(second.resolved.changes.removed).toEqual([2, 3, 4]);
    rec.reset();
    const observed = new mod.K8sPlaceholderPool("web3", {
      ...base,
      now: NOW + HOUR,
      policy: fixed(2),
      previous,
    });
    await settle(observed.summary);
    const d = rec.named("web3-placeholders");
    expect((d.inputs.spec as { replicas: number }).replicas).toBe(5);
    expect(d.ignoreChanges).toEqual(["spec.replicas"]);
    expect(await promiseOf(observed.summary)).toMatch(/^\[observe\] web3: 5 → 2 shadow \(-3\)/);
  });

  it("observe on a first deployment declares zero placeholders", async () => {
    const pool = new mod.K8sPlaceholderPool("fresh", base);
    await settle(pool.summary);
    expect(pool.replicas).toBe(0);
    expect((rec.named("fresh-placeholders").inputs.spec as { replicas: number }).replicas).toBe(0);
  });

  it("rejects bad args with every problem named, before declaring anything", () => {
    expect(
      () =>
        new mod.K8sPlaceholderPool("Bad Name", {
          ...base,
          cpu: "half",
          memory: "",
          namespace: "Team_A",
          priorityValue: 1.5,
          preemptionPolicy: "Always" as "Never",
          expectedReleases: -2,
        }),
    ).toThrow(
      new RegExp(
        [
          'K8sPlaceholderPool "Bad Name": 7 invalid argument\\(s\\)',
          "args\\.expectedReleases must be an integer >= 0 \\(got -2\\)",
          'args\\.cpu must be a Kubernetes quantity such as "500m" or "2" \\(got "half"\\)',
          'args\\.memory must be a Kubernetes quantity such as "512Mi" or "1Gi" \\(got ""\\)',
          'args\\.namespace must be a DNS-1123 label.*\\(got "Team_A"\\)',
          "args\\.priorityValue must be an integer between -2147483648 and 1000000000 \\(got 1\\.5\\)",
          'args\\.preemptionPolicy must be one of Never, PreemptLowerPriority \\(got "Always"\\)',
          'name must be a valid label value.*\\(got "Bad Name"\\)',
        ].join("[\\s\\S]*"),
      ),
    );
    expect(rec.resources).toHaveLength(0);
  });

  it("reports a namespace left empty in YAML (null) as a bad name instead of crashing", () => {
    expect(
      mod.validateK8sPlaceholderPoolArgs({ ...base, namespace: null as unknown as string }, "args"),
    ).toEqual([
      "args.namespace must be a DNS-1123 label (lowercase letters, digits, hyphens; at most 63) (got null)",
    ]);
  });

  it("rejects a malformed workload (the in-use count's source) before declaring anything", () => {
    expect(
      mod.validateK8sPlaceholderPoolArgs({
        ...base,
        workload: { namespace: "ci", selector: "app=ci" },
      }),
    ).toEqual([]);
    expect(
      mod.validateK8sPlaceholderPoolArgs(
        { ...base, workload: { namespace: "", selector: " " } },
        "pools[2].provider",
      ),
    ).toEqual([
      'pools[2].provider.workload.namespace must be a non-empty string (got "")',
      'pools[2].provider.workload.selector must be a non-empty string (a label selector such as app=ci-runner) (got " ")',
    ]);
    expect(
      () =>
        new mod.K8sPlaceholderPool("wl", {
          ...base,
          workload: "app=ci" as unknown as { namespace: string; selector: string },
        }),
    ).toThrow('args.workload must be a mapping of keys to values (got "app=ci")');
    expect(rec.resources).toHaveLength(0);
  });

  it("capacity-buffer strategy: a PodTemplate of one slot and a CapacityBuffer with replicas = shadow", async () => {
    const pool = new mod.K8sPlaceholderPool("cb", {
      ...base,
      mode: "enforce",
      strategy: "capacity-buffer",
      namespace: "apps",
    });
    await settle(pool.summary, pool.capacityBuffer!.metadata.name);
    expect(rec.resources.map((r) => `${r.type}/${r.name}`)).toEqual([
      "shadowpool:k8s:PlaceholderPool/cb",
      "kubernetes:core/v1:PodTemplate/cb-template",
      "kubernetes:autoscaling.x-k8s.io/v1alpha1:CapacityBuffer/cb-buffer",
    ]);
    expect(pool.priorityClass).toBeUndefined();
    const tpl = rec.named("cb-template").inputs as {
      metadata: { namespace: string };
      template: { spec: Record<string, unknown> };
    };
    expect(tpl.metadata.namespace).toBe("apps");
    expect(tpl.template.spec.priorityClassName).toBeUndefined();
    expect(tpl.template.spec.containers).toEqual([
      {
        name: "pause",
        image: "registry.k8s.io/pause:3.10",
        resources: { requests: { cpu: "500m", memory: "1Gi" } },
      },
    ]);
    const buffer = rec.named("cb-buffer");
    expect(buffer.parent).toBe("cb");
    expect(buffer.inputs).toMatchObject({
      apiVersion: "autoscaling.x-k8s.io/v1alpha1",
      kind: "CapacityBuffer",
      metadata: { namespace: "apps" },
      spec: { podTemplateRef: { name: "cb-template-mock0001" }, replicas: 3 },
    });
    expect(buffer.ignoreChanges).toEqual([]);
  });

  it("capacity-buffer skips the priority checks (no PriorityClass) and validates its own fields", () => {
    expect(
      mod.validateK8sPlaceholderPoolArgs({
        ...base,
        strategy: "capacity-buffer",
        priorityValue: 5,
      }),
    ).toEqual([]);
    expect(
      mod.validateK8sPlaceholderPoolArgs({
        ...base,
        strategy: "balloons" as "capacity-buffer",
        capacityBufferApiVersion: "v1",
      }),
    ).toEqual([
      'args.strategy must be one of placeholder-pods, capacity-buffer (got "balloons")',
      'args.capacityBufferApiVersion must be autoscaling.x-k8s.io/<version> (got "v1"); omit it for autoscaling.x-k8s.io/v1alpha1',
    ]);
  });

  it("reports loosely typed config garbage instead of crashing", () => {
    const loose = {
      ...base,
      nodeSelector: ["gpu"],
      tolerations: "all",
      extendedResources: { "nvidia.com/gpu": 1 },
    } as unknown as typeof base;
    expect(mod.validateK8sPlaceholderPoolArgs(loose, "pools[2]")).toEqual([
      'pools[2].nodeSelector must be a mapping of keys to values (got ["gpu"])',
      'pools[2].tolerations must be a list (got "all")',
      'pools[2].extendedResources["nvidia.com/gpu"] must be a string (got 1); quote it in the config',
    ]);
  });
});

describe("slot profiles (mocks)", () => {
  const workload = { namespace: "ci", selector: "app=ci-runner" };
  // No cpu/memory pins: the workload's pods size the slot.
  const unpinned = { history: flatHistory(10), now: NOW, policy: fixed(3), workload };
  type PodTemplate = {
    spec: { containers: { resources: Record<string, unknown> }[] };
  };
  const deployed = (name: string) =>
    rec.named(`${name}-placeholders`).inputs.spec as { replicas: number; template: PodTemplate };

  it("a learned profile sizes each placeholder; extended resources get limits = requests", async () => {
    const profile = resolveSlotProfile({
      admin: {},
      workload,
      reading: {
        ok: true,
        requests: {
          cpu: "1500m",
          memory: "3200Mi",
          extendedResources: { "nvidia.com/gpu": "1" },
          pods: 4,
        },
      },
    });
    const pool = new mod.K8sPlaceholderPool("ci", { ...unpinned, mode: "enforce", profile });
    await settle(pool.summary, pool.deploymentName!);
    const spec = deployed("ci");
    expect(spec.replicas).toBe(3);
    expect(spec.template.spec.containers[0].resources).toEqual({
      requests: { cpu: "1500m", memory: "3200Mi", "nvidia.com/gpu": "1" },
      limits: { "nvidia.com/gpu": "1" },
    });
    expect(pool.slotProfile.why).toBe(
      "slot profile: cpu 1500m, memory 3200Mi, nvidia.com/gpu 1 (learned from 4 running pods of app=ci-runner in ci)",
    );
  });

  it("admin pins win over the learned profile in the pod's requests", async () => {
    const profile = resolveSlotProfile({
      admin: { memory: "4Gi" },
      workload,
      reading: { ok: true, requests: { cpu: "1", memory: "3Gi", extendedResources: {}, pods: 1 } },
    });
    const pool = new mod.K8sPlaceholderPool("pin", { ...unpinned, memory: "4Gi", profile });
    await settle(pool.summary, pool.deploymentName!);
    expect(deployed("pin").template.spec.containers[0].resources).toEqual({
      requests: { cpu: "1", memory: "4Gi" },
    });
  });

  it("cold provisioning: the same Deployment with 0 replicas and no requests; the plan holds 0", async () => {
    // A workload but nothing read, nothing kept and nothing pinned (as a library user would build it).
    const pool = new mod.K8sPlaceholderPool("cold", { ...unpinned, mode: "enforce" });
    await settle(pool.summary, pool.deploymentName!);
    expect(rec.resources.map((r) => `${r.type}/${r.name}`)).toEqual([
      "shadowpool:k8s:PlaceholderPool/cold",
      `${PC}/cold-priority`,
      `${DEPLOY}/cold-placeholders`,
    ]);
    const spec = deployed("cold");
    expect(spec.replicas).toBe(0);
    expect(spec.template.spec.containers[0].resources).toEqual({});
    expect(pool.replicas).toBe(0);
    // policy min = max = 3 would hold 3: cold provisioning holds none, and says why.
    expect(pool.resolved.plan.shadow).toBe(0);
    expect(pool.resolved.declared).toEqual([]);
    expect(pool.slotProfile.profile).toBeUndefined();
    expect(pool.slotProfile.why).toBe(
      "slot profile: cold provisioning: app=ci-runner in ci: the pods were not read, and no previous profile nor provider.cpu/provider.memory to fall back on: no placeholder pods this deployment",
    );
  });

  it("cold in observe mode declares 0 replicas even if the previous table listed shadow slots", () => {
    expect(mod.placeholderReplicas({ declared: [slot(0, "shadow"), slot(1, "shadow")] }, {})).toBe(
      0,
    );
    expect(
      mod.placeholderReplicas(
        { declared: [slot(0, "shadow"), slot(1, "shadow")] },
        { profile: { cpu: "1", memory: "1Gi" } },
      ),
    ).toBe(2);
    // Held: the declared slots (the previous count) stay.
    expect(
      mod.placeholderReplicas({ declared: [slot(0, "shadow"), slot(1, "shadow")] }, { held: true }),
    ).toBe(2);
  });

  it("without a workload cpu and memory are required, named with the fix", () => {
    expect(
      mod.validateK8sPlaceholderPoolArgs(
        { history: null, now: NOW, policy: fixed(1) },
        "pools[2].provider",
      ),
    ).toEqual([
      'pools[2].provider.cpu is required when pools[2].provider.workload is not set (got nothing): set it to a Kubernetes quantity such as "500m" or "2", or set workload: { namespace, selector } to learn it from the workload\'s running pods',
      'pools[2].provider.memory is required when pools[2].provider.workload is not set (got nothing): set it to a Kubernetes quantity such as "512Mi" or "1Gi", or set workload: { namespace, selector } to learn it from the workload\'s running pods',
    ]);
    expect(mod.validateK8sPlaceholderPoolArgs(unpinned)).toEqual([]);
    expect(mod.validateK8sPlaceholderPoolArgs({ ...unpinned, cpu: "-1" })).toEqual([
      'args.cpu must be a Kubernetes quantity such as "500m" or "2" (got "-1")',
    ]);
    expect(rec.resources).toHaveLength(0);
  });
});
