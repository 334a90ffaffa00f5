/**
 * What one pod of a workload requests, as the Kubernetes scheduler counts it, and the slot profile
 * learned from a workload's running pods: the largest request of each resource, rounded up to a
 * clean quantity. Pure: takes the pods already listed (the same list that counts the slots in use).
 *
 * The pod's effective request follows Kubernetes (resource.PodRequests in k8s.io/component-helpers;
 * https://kubernetes.io/docs/concepts/workloads/pods/init-containers/#resource-sharing-within-containers
 * and .../pods/sidecar-containers/#resource-sharing-within-containers), per resource:
 * - a container's request is `requests[r]`, or `limits[r]` when only a limit is set (Kubernetes
 *   copies the limit into the request: .../configuration/manage-resources-containers/);
 * - regular containers and sidecars (init containers with `restartPolicy: Always`) run together,
 *   so their requests add up;
 * - a plain init container runs alone, next to the sidecars started before it: its request plus
 *   theirs; the pod needs the largest of those and of the sum above;
 * - pod-level `spec.resources` requests, where set, replace the containers' aggregate;
 * - `spec.overhead` (set from the RuntimeClass) is added on top.
 */
import {
  addQuantities,
  ceilUnits,
  maxQuantity,
  parseQuantity,
  ZERO,
  type Quantity,
} from "./quantity";

/** A container's resources, as the API returns them (a subset of V1Container). */
export interface ContainerSeen {
  readonly name?: string;
  readonly restartPolicy?: string;
  readonly resources?: {
    readonly requests?: Readonly<Record<string, string>>;
    readonly limits?: Readonly<Record<string, string>>;
  };
}

/** What decides a pod's slot (a subset of V1Pod, so listed pods can be passed as they are). */
export interface PodSeen {
  readonly metadata?: { readonly name?: string; readonly deletionTimestamp?: unknown };
  readonly status?: { readonly phase?: string };
  readonly spec?: {
    readonly containers?: readonly ContainerSeen[];
    readonly initContainers?: readonly ContainerSeen[];
    readonly overhead?: Readonly<Record<string, string>>;
    readonly resources?: ContainerSeen["resources"];
  };
}

/** Resource name → exact quantity. */
export type Requests = ReadonlyMap<string, Quantity>;

/** What one deployment learned from a workload's pods: a profile, or why there is none. */
export type ProfileReading =
  | { readonly ok: true; readonly requests: LearnedRequests }
  | { readonly ok: false; readonly reason: string };

/** A learned slot profile: requests as clean quantity strings, and how many pods it came from. */
export interface LearnedRequests {
  readonly cpu: string;
  readonly memory: string;
  /** Every other resource the pods request (GPUs, ephemeral-storage, hugepages). */
  readonly extendedResources: Readonly<Record<string, string>>;
  readonly pods: number;
}

/**
 * Whether a pod holds a slot: Running and not being deleted (a terminating pod frees its room soon).
 *
 * @param pod a listed pod
 * @returns true when it counts as in use
 */
export function isRunningPod(pod: PodSeen): boolean {
  return pod.status?.phase === "Running" && !pod.metadata?.deletionTimestamp;
}

/**
 * One container's request of each resource it names (limits stand in for missing requests).
 *
 * @param c the container
 * @param where names it in errors, e.g. `pod web-1 containers[0]`
 * @returns its requests
 * @throws {Error} naming the field and value when a quantity does not parse
 */
function containerRequests(c: ContainerSeen, where: string): Map<string, Quantity> {
  const out = new Map<string, Quantity>();
  const requests = c.resources?.requests ?? {};
  const limits = c.resources?.limits ?? {};
  for (const name of new Set([...Object.keys(limits), ...Object.keys(requests)])) {
    const field = name in requests ? "requests" : "limits";
    const text = field === "requests" ? requests[name] : limits[name];
    out.set(name, quantityAt(text, `${where}.resources.${field}["${name}"]`));
  }
  return out;
}

function quantityAt(text: unknown, where: string): Quantity {
  const q = parseQuantity(text);
  if (q === null || q.num < 0n) {
    throw new Error(`${where} is not a Kubernetes quantity >= 0 (got ${JSON.stringify(text)})`);
  }
  return q;
}

/** a + b, resource by resource. */
function addAll(a: Requests, b: Requests): Map<string, Quantity> {
  const out = new Map(a);
  for (const [name, q] of b) out.set(name, addQuantities(out.get(name) ?? ZERO, q));
  return out;
}

/** max(a, b), resource by resource. */
function maxAll(a: Requests, b: Requests): Map<string, Quantity> {
  const out = new Map(a);
  for (const [name, q] of b) out.set(name, maxQuantity(out.get(name) ?? ZERO, q));
  return out;
}

/**
 * The effective request of one pod, as the scheduler counts it (see the file's comment).
 *
 * @param pod the pod
 * @returns its request of each resource it names
 * @throws {Error} naming the pod and field when a quantity does not parse
 */
export function effectivePodRequests(pod: PodSeen): Requests {
  const podName = `pod ${pod.metadata?.name ?? "(unnamed)"}`;
  const spec = pod.spec ?? {};
  let running: Requests = new Map();
  (spec.containers ?? []).forEach((c, i) => {
    running = addAll(running, containerRequests(c, `${podName} containers[${i}]`));
  });
  let sidecars: Requests = new Map();
  let initPeak: Requests = new Map();
  (spec.initContainers ?? []).forEach((c, i) => {
    const own = containerRequests(c, `${podName} initContainers[${i}]`);
    if (c.restartPolicy === "Always") {
      // A sidecar keeps running: it adds to the pod's steady state and to every later init step.
      running = addAll(running, own);
      sidecars = addAll(sidecars, own);
      initPeak = maxAll(initPeak, sidecars);
    } else {
      initPeak = maxAll(initPeak, addAll(own, sidecars));
    }
  });
  const total = maxAll(running, initPeak);
  const podLevel = containerRequests({ resources: spec.resources }, `${podName} spec`);
  for (const [name, q] of podLevel) total.set(name, q);
  const overhead = spec.overhead ?? {};
  for (const [name, text] of Object.entries(overhead)) {
    const q = quantityAt(text, `${podName} spec.overhead["${name}"]`);
    total.set(name, addQuantities(total.get(name) ?? ZERO, q));
  }
  return total;
}

const MILLI: Quantity = { num: 1n, den: 1000n };
const MI: Quantity = { num: 1n << 20n, den: 1n };
const ONE: Quantity = { num: 1n, den: 1n };

/**
 * A request rounded UP to a clean quantity: cpu to whole millicores (`1500m`, or `2` for whole
 * cores), byte-sized resources (memory, ephemeral-storage, hugepages-*) to Mi (`1536Mi`, or `3Gi`),
 * anything else (extended resources, which Kubernetes only allows whole) to whole units.
 *
 * @param name the resource name
 * @param q the exact request
 * @returns the quantity string for a placeholder's request
 */
export function roundRequest(name: string, q: Quantity): string {
  if (name === "cpu") {
    const m = ceilUnits(q, MILLI);
    return m % 1000n === 0n ? String(m / 1000n) : `${m}m`;
  }
  if (name === "memory" || name === "ephemeral-storage" || name.startsWith("hugepages-")) {
    const mi = ceilUnits(q, MI);
    if (mi === 0n) return "0";
    return mi % 1024n === 0n ? `${mi / 1024n}Gi` : `${mi}Mi`;
  }
  return String(ceilUnits(q, ONE));
}

/**
 * The slot profile of a workload: over its running pods, the largest effective request of each
 * resource, rounded up. Taken resource by resource, so one placeholder's room fits any of the pods
 * (it may be larger than any single pod when the largest cpu and the largest memory are in
 * different pods: room to spare rather than a cold node).
 *
 * @param pods the workload's pods as listed (any phase)
 * @returns the profile, or a reason when no pod is running or a request does not parse
 */
export function learnRequests(pods: readonly PodSeen[]): ProfileReading {
  const running = pods.filter(isRunningPod);
  if (running.length === 0) {
    return { ok: false, reason: `no Running pod among the ${pods.length} listed` };
  }
  let largest: Requests = new Map();
  try {
    for (const pod of running) largest = maxAll(largest, effectivePodRequests(pod));
  } catch (err) {
    return { ok: false, reason: (err as Error).message };
  }
  const extendedResources: Record<string, string> = {};
  for (const name of [...largest.keys()].sort()) {
    if (name !== "cpu" && name !== "memory") {
      extendedResources[name] = roundRequest(name, largest.get(name) as Quantity);
    }
  }
  return {
    ok: true,
    requests: {
      // A workload that requests no cpu (or memory) needs none of it in the slot either.
      cpu: roundRequest("cpu", largest.get("cpu") ?? ZERO),
      memory: roundRequest("memory", largest.get("memory") ?? ZERO),
      extendedResources,
      pods: running.length,
    },
  };
}
