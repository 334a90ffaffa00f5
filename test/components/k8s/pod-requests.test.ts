/**
 * A pod's effective request as Kubernetes computes it, and the slot profile learned from a
 * workload's running pods. The rules, from the Kubernetes docs, each case worked by hand below:
 * - init containers (https://kubernetes.io/docs/concepts/workloads/pods/init-containers/#resource-sharing-within-containers):
 *   "the highest of any particular resource request … defined on all init containers is the
 *   effective init request"; the pod's is "the higher of the sum of all app containers request …
 *   [and] the effective init request";
 * - sidecars, init containers with `restartPolicy: Always`
 *   (https://kubernetes.io/docs/concepts/workloads/pods/sidecar-containers/#resource-sharing-within-containers):
 *   they keep running, so they add to the app containers and to every init container after them;
 * - a limit without a request is copied into the request
 *   (https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/);
 * - pod overhead is added (https://kubernetes.io/docs/concepts/scheduling-eviction/pod-overhead/).
 */
import {
  effectivePodRequests,
  isRunningPod,
  learnRequests,
  type ContainerSeen,
  type PodSeen,
} from "../../../components/k8s/pod-requests";

const c = (
  requests: Record<string, string>,
  extra: Partial<ContainerSeen> = {},
): ContainerSeen => ({
  resources: { requests },
  ...extra,
});
const sidecar = (requests: Record<string, string>): ContainerSeen =>
  c(requests, { restartPolicy: "Always" });
const pod = (spec: PodSeen["spec"], phase = "Running", name = "p"): PodSeen => ({
  metadata: { name },
  spec,
  status: { phase },
});
/** The effective request as plain strings (num/den), by resource. */
const effective = (p: PodSeen): Record<string, string> =>
  Object.fromEntries([...effectivePodRequests(p)].map(([k, q]) => [k, `${q.num}/${q.den}`]));

describe("effectivePodRequests", () => {
  it("regular containers add up", () => {
    const p = pod({ containers: [c({ cpu: "250m", memory: "64Mi" }), c({ cpu: "1" })] });
    // 250m + 1 = 1.25 = 5/4 cpu; memory 64 Mi = 67108864 bytes.
    expect(effective(p)).toEqual({ cpu: "5/4", memory: "67108864/1" });
  });

  it("a plain init container counts only when it is larger than the app containers", () => {
    // App: cpu 1, memory 1Gi. Init: cpu 2 (larger), memory 256Mi (smaller).
    const p = pod({
      initContainers: [c({ cpu: "2", memory: "256Mi" })],
      containers: [c({ cpu: "1", memory: "1Gi" })],
    });
    expect(effective(p)).toEqual({ cpu: "2/1", memory: `${2 ** 30}/1` });
  });

  it("the largest init container sets the init request; init containers do not add up", () => {
    const p = pod({
      initContainers: [c({ cpu: "3" }), c({ cpu: "2" })],
      containers: [c({ cpu: "1" })],
    });
    expect(effective(p)).toEqual({ cpu: "3/1" });
  });

  it("sidecars add to the app containers and to the init containers started after them", () => {
    // Order: init A (cpu 2), sidecar S (cpu 500m), init B (cpu 2), app (cpu 1).
    // Init steps: A alone = 2; S with the sidecars before it = 0.5; B + S = 2.5 → init peak 2.5.
    // Running: app 1 + S 0.5 = 1.5. Effective: max(1.5, 2.5) = 2.5 = 5/2.
    const p = pod({
      initContainers: [c({ cpu: "2" }), sidecar({ cpu: "500m" }), c({ cpu: "2" })],
      containers: [c({ cpu: "1" })],
    });
    expect(effective(p)).toEqual({ cpu: "5/2" });
    // The same sidecar after the last init container: init peak 2, running 1.5 → 2.
    const later = pod({
      initContainers: [c({ cpu: "2" }), c({ cpu: "2" }), sidecar({ cpu: "500m" })],
      containers: [c({ cpu: "1" })],
    });
    expect(effective(later)).toEqual({ cpu: "2/1" });
    // Large app containers: the sidecar adds to them. 3 + 0.5 = 3.5.
    const big = pod({ initContainers: [sidecar({ cpu: "500m" })], containers: [c({ cpu: "3" })] });
    expect(effective(big)).toEqual({ cpu: "7/2" });
  });

  it("a limit without a request stands in for the request; a request wins over its limit", () => {
    const p = pod({
      containers: [
        { resources: { limits: { cpu: "2", "nvidia.com/gpu": "1" } } },
        { resources: { requests: { cpu: "100m" }, limits: { cpu: "4" } } },
      ],
    });
    // cpu 2 + 0.1 = 21/10; the GPU's limit is its request.
    expect(effective(p)).toEqual({ cpu: "21/10", "nvidia.com/gpu": "1/1" });
  });

  it("pod-level requests replace the containers' aggregate; overhead is added", () => {
    const p = pod({
      containers: [c({ cpu: "1", memory: "1Gi" })],
      resources: { requests: { cpu: "3" } },
      overhead: { cpu: "250m", memory: "120Mi" },
    });
    expect(effective(p)).toEqual({ cpu: "13/4", memory: `${(1024 + 120) * 2 ** 20}/1` });
  });

  it("a request that is not a quantity is an error naming the pod, the field and the value", () => {
    const p = pod({ containers: [c({ cpu: "1" }), c({ memory: "lots" })] }, "Running", "web-1");
    expect(() => effectivePodRequests(p)).toThrow(
      'pod web-1 containers[1].resources.requests["memory"] is not a Kubernetes quantity >= 0 (got "lots")',
    );
  });

  it("a pod with no containers requests nothing", () => {
    expect(effective({})).toEqual({});
  });
});

describe("isRunningPod", () => {
  it("Running and not being deleted", () => {
    expect(isRunningPod(pod({}))).toBe(true);
    expect(isRunningPod(pod({}, "Pending"))).toBe(false);
    expect(isRunningPod(pod({}, "Succeeded"))).toBe(false);
    expect(
      isRunningPod({ status: { phase: "Running" }, metadata: { deletionTimestamp: "x" } }),
    ).toBe(false);
  });
});

describe("learnRequests: the largest request among the running pods, rounded up", () => {
  it("takes each resource's largest running pod; pending pods do not count", () => {
    const pods = [
      pod({ containers: [c({ cpu: "1500m", memory: "2Gi" })] }),
      // Larger memory, smaller cpu; a sidecar adds 100m/128Mi.
      pod({
        initContainers: [sidecar({ cpu: "100m", memory: "128Mi" })],
        containers: [c({ cpu: "1", memory: "3Gi", "nvidia.com/gpu": "1" })],
      }),
      pod({ containers: [c({ cpu: "16", memory: "64Gi" })] }, "Pending"),
    ];
    expect(learnRequests(pods)).toEqual({
      ok: true,
      requests: {
        cpu: "1500m",
        memory: "3200Mi",
        extendedResources: { "nvidia.com/gpu": "1" },
        pods: 2,
      },
    });
  });

  it("rounds up: cpu to millicores, memory to Mi", () => {
    const pods = [pod({ containers: [c({ cpu: "0.0001", memory: "1000000" })] })];
    // 0.1m → 1m; 1,000,000 bytes = 0.95 Mi → 1Mi.
    expect(learnRequests(pods)).toEqual({
      ok: true,
      requests: { cpu: "1m", memory: "1Mi", extendedResources: {}, pods: 1 },
    });
  });

  it("a workload that requests no memory needs none in the slot", () => {
    expect(learnRequests([pod({ containers: [c({ cpu: "2" })] })])).toEqual({
      ok: true,
      requests: { cpu: "2", memory: "0", extendedResources: {}, pods: 1 },
    });
  });

  it("no running pod, or a bad quantity: no profile, and why", () => {
    expect(learnRequests([])).toEqual({ ok: false, reason: "no Running pod among the 0 listed" });
    expect(learnRequests([pod({}, "Pending"), pod({}, "Failed")])).toEqual({
      ok: false,
      reason: "no Running pod among the 2 listed",
    });
    expect(learnRequests([pod({ containers: [c({ cpu: "-1" })] }, "Running", "x")])).toEqual({
      ok: false,
      reason:
        'pod x containers[0].resources.requests["cpu"] is not a Kubernetes quantity >= 0 (got "-1")',
    });
  });
});
