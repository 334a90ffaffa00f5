/**
 * Args of the Kubernetes placeholder pool, their defaults and their validation. Pure: no resources.
 */
import type * as k8s from "@pulumi/kubernetes";
import type { PoolArgsBase } from "../pool";
import { validatePoolArgs } from "../pool-validate";
import {
  checkArray,
  checkInteger,
  checkNonEmpty,
  checkObject,
  checkOneOf,
  checkStringMap,
} from "../validate";
import { isNonNegativeQuantity } from "./quantity";
import type { SlotProfileDecision, WorkloadRef } from "./slot-profile";

export const DEFAULT_PAUSE_IMAGE = "registry.k8s.io/pause:3.10";
export const DEFAULT_CAPACITY_BUFFER_API = "autoscaling.x-k8s.io/v1alpha1";
export const BUFFER_STRATEGIES = ["placeholder-pods", "capacity-buffer"] as const;
export type K8sBufferStrategy = (typeof BUFFER_STRATEGIES)[number];
export const PREEMPTION_POLICIES = ["Never", "PreemptLowerPriority"] as const;
export type PreemptionPolicy = (typeof PREEMPTION_POLICIES)[number];

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** A Kubernetes label value (the pool name is one, on every placeholder). */
const LABEL_VALUE = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

export interface K8sPlaceholderPoolArgs extends PoolArgsBase {
  /**
   * `placeholder-pods` (a PriorityClass + a Deployment of pause pods; works on any cluster) or
   * `capacity-buffer` (a PodTemplate + a `CapacityBuffer`, for a cluster autoscaler that serves
   * that API: virtual pods, no PriorityClass, no preemption). Default `"placeholder-pods"`.
   */
  readonly strategy?: K8sBufferStrategy;
  /** API version of `CapacityBuffer` (alpha in cluster autoscaler 1.34). Default `"autoscaling.x-k8s.io/v1alpha1"`. */
  readonly capacityBufferApiVersion?: string;
  /**
   * CPU request of one slot (one placeholder pod), e.g. `"500m"`: an admin pin that wins over the
   * learned value. Required without `workload`; with it, default: learned from its pods.
   */
  readonly cpu?: string;
  /** Memory request of one slot, e.g. `"1Gi"`. Required without `workload`; with it, default: learned. */
  readonly memory?: string;
  /**
   * Extended resources of one slot (requests = limits), e.g. `{ "nvidia.com/gpu": "1" }`; each key
   * pins that resource. Default: none, or with `workload` those its pods request (learned).
   */
  readonly extendedResources?: Readonly<Record<string, string>>;
  /** Namespace of the placeholder Deployment. Default `"default"`. */
  readonly namespace?: string;
  /** PriorityClass value of the placeholders. Default −10. */
  readonly priorityValue?: number;
  /** The cluster autoscaler's `--expendable-pods-priority-cutoff`; priorityValue must be >= it. Default −10. */
  readonly expendablePodsPriorityCutoff?: number;
  /** Lowest priority of the workloads that should preempt placeholders; priorityValue must be < it. Default 0. */
  readonly workloadPriority?: number;
  /** The placeholders' own preemption policy. Default `"Never"`. */
  readonly preemptionPolicy?: PreemptionPolicy;
  /** Pause image. Default `"registry.k8s.io/pause:3.10"`. */
  readonly image?: string;
  /** Node selector of the placeholders (the node pool to keep warm). Default none. */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /** Tolerations of the placeholders. Default none. */
  readonly tolerations?: readonly k8s.types.input.core.v1.Toleration[];
  /** Extra pod labels. Default none. */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * The workload whose pods these placeholders keep room for. The program counts its Running pods
   * as the slots in use (one pod = one slot) and learns the slot profile from them (the largest
   * request of each resource among them; see components/k8s/slot-profile.ts). Default none: the
   * in-use count is not read and stays 0, and `cpu`/`memory` are required.
   */
  readonly workload?: WorkloadRef;
  /**
   * The slot profile in force, decided by the program (admin pins > learned > previous > cold;
   * `resolveSlotProfile`). Set by the program, never in config. Default: the admin pins `cpu`,
   * `memory`, `extendedResources`, or cold provisioning (no placeholder pods) when one is missing.
   */
  readonly profile?: SlotProfileDecision;
}

/**
 * Every problem with the args (shared pool fields included).
 *
 * @param args the component's args
 * @param path prefix for messages, e.g. `pools[4]`
 * @returns messages naming the field, the value and the fix
 */
export function validateK8sPlaceholderPoolArgs(
  args: K8sPlaceholderPoolArgs,
  path = "args",
): string[] {
  const p = validatePoolArgs(args, path);
  for (const field of ["cpu", "memory"] as const) {
    const example = field === "cpu" ? '"500m" or "2"' : '"512Mi" or "1Gi"';
    if (args[field] === undefined) {
      // With a workload the value is learned from its pods; without one nothing can size a slot.
      if (args.workload === undefined) {
        p.push(
          `${path}.${field} is required when ${path}.workload is not set (got nothing): set it to a Kubernetes quantity such as ${example}, or set workload: { namespace, selector } to learn it from the workload's running pods`,
        );
      }
    } else if (!isNonNegativeQuantity(args[field])) {
      p.push(
        `${path}.${field} must be a Kubernetes quantity such as ${example} (got ${JSON.stringify(args[field])})`,
      );
    }
  }
  if (args.nodeSelector !== undefined) checkStringMap(p, `${path}.nodeSelector`, args.nodeSelector);
  if (args.labels !== undefined) checkStringMap(p, `${path}.labels`, args.labels);
  if (args.tolerations !== undefined) checkArray(p, `${path}.tolerations`, args.tolerations);
  const extendedOk =
    args.extendedResources === undefined ||
    checkStringMap(p, `${path}.extendedResources`, args.extendedResources);
  for (const [key, value] of Object.entries(extendedOk ? (args.extendedResources ?? {}) : {})) {
    if (!isNonNegativeQuantity(value))
      p.push(
        `${path}.extendedResources["${key}"] must be a Kubernetes quantity (got ${JSON.stringify(value)})`,
      );
  }
  if (
    args.namespace !== undefined &&
    // A null from YAML (`namespace:` left empty) is not a name: report it, do not crash on it.
    (typeof args.namespace !== "string" ||
      !DNS_LABEL.test(args.namespace) ||
      args.namespace.length > 63)
  ) {
    p.push(
      `${path}.namespace must be a DNS-1123 label (lowercase letters, digits, hyphens; at most 63) (got ${JSON.stringify(args.namespace)})`,
    );
  }
  if (args.strategy !== undefined)
    checkOneOf(p, `${path}.strategy`, args.strategy, BUFFER_STRATEGIES);
  if ((args.strategy ?? "placeholder-pods") === "placeholder-pods")
    p.push(...validatePriority(args, path));
  if (
    args.capacityBufferApiVersion !== undefined &&
    !/^autoscaling\.x-k8s\.io\/v[0-9a-z]+$/.test(args.capacityBufferApiVersion)
  ) {
    p.push(
      `${path}.capacityBufferApiVersion must be autoscaling.x-k8s.io/<version> (got ${JSON.stringify(args.capacityBufferApiVersion)}); omit it for ${DEFAULT_CAPACITY_BUFFER_API}`,
    );
  }
  if (args.workload !== undefined && checkObject(p, `${path}.workload`, args.workload)) {
    checkNonEmpty(p, `${path}.workload.namespace`, args.workload.namespace);
    checkNonEmpty(
      p,
      `${path}.workload.selector`,
      args.workload.selector,
      "a label selector such as app=ci-runner",
    );
  }
  if (args.image !== undefined && (typeof args.image !== "string" || args.image.trim() === "")) {
    p.push(
      `${path}.image must be a non-empty image reference (got ${JSON.stringify(args.image)}); omit it for ${DEFAULT_PAUSE_IMAGE}`,
    );
  }
  return p;
}

/**
 * Problems with the placeholders' priority: below the workloads, at or above the autoscaler's cutoff.
 *
 * @param args the component's args
 * @param path prefix for messages
 * @returns every problem found
 */
function validatePriority(args: K8sPlaceholderPoolArgs, path: string): string[] {
  const p: string[] = [];
  // User-defined priority classes are limited to 1,000,000,000 (higher is reserved for system ones).
  const range = { min: -2147483648, max: 1_000_000_000 };
  const value = args.priorityValue ?? -10;
  const cutoff = args.expendablePodsPriorityCutoff ?? -10;
  const workload = args.workloadPriority ?? 0;
  // Check all three (no short-circuit) so every problem is reported.
  const checks = [
    checkInteger(p, `${path}.priorityValue`, value, range),
    checkInteger(p, `${path}.expendablePodsPriorityCutoff`, cutoff, range),
    checkInteger(p, `${path}.workloadPriority`, workload, range),
  ];
  const ok = checks.every(Boolean);
  if (ok && value < cutoff) {
    p.push(
      `${path}.priorityValue must be >= ${path}.expendablePodsPriorityCutoff (got ${value} < ${cutoff}): below the cutoff the cluster autoscaler keeps no nodes for placeholders; raise priorityValue`,
    );
  }
  if (ok && value >= workload) {
    p.push(
      `${path}.priorityValue must be < ${path}.workloadPriority (got ${value} >= ${workload}): workloads could not preempt placeholders; lower priorityValue or give workloads a higher PriorityClass`,
    );
  }
  if (args.preemptionPolicy !== undefined) {
    checkOneOf(p, `${path}.preemptionPolicy`, args.preemptionPolicy, PREEMPTION_POLICIES);
  }
  return p;
}

/** Problems with the component's name as a label value (it labels every placeholder). */
export function placeholderPoolNameProblems(name: string): string[] {
  if (LABEL_VALUE.test(name) && name.length <= 63) return [];
  return [
    `name must be a valid label value (letters, digits, -_. ; at most 63) (got ${JSON.stringify(name)})`,
  ];
}
