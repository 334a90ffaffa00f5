/**
 * Kubernetes warm capacity: placeholder pods of a low-priority `PriorityClass`. Each placeholder
 * requests one slot (cpu/memory), so the cluster autoscaler keeps nodes for them; when real pods
 * need room the scheduler preempts placeholders (lower priority) and the real pods start at once.
 *
 * Priority: the placeholders' value must be BELOW the workloads' priority (so they are preempted)
 * and AT OR ABOVE the cluster autoscaler's `--expendable-pods-priority-cutoff` (−10 by default; 0 on
 * some managed clusters), else the autoscaler treats them as expendable and keeps no nodes for them.
 * Both are settable and checked. `preemptionPolicy: Never`: placeholders never preempt anything
 * themselves (it does not affect them being preempted). Never the global default.
 *
 * Slots: the Deployment's replicas are the shadow slots (`replicas` = declared shadow count). Pods
 * have generated names, so slot names `${pool}-${n}` are bookkeeping only here; claimed slots are
 * the workload's pods in slot units (the program passes `claimsFromCount(n, previous.slots)`).
 * Placeholders sit Pending by design: the Deployment carries `pulumi.com/skipAwait: "true"`.
 *
 * Observe mode: replicas are the previous deployment's shadow count (0 on a first deployment) and
 * `spec.replicas` is in `ignoreChanges`. A `CapacityBuffer` (autoscaling.x-k8s.io) variant is not
 * implemented.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { validatePoolArgs } from "../pool";
import type { PoolArgsBase, PoolMode, ResolvedPool } from "../pool";
import { PoolComponent } from "../pool-component";
import { checkArray, checkInteger, checkOneOf, checkStringMap, throwIfProblems } from "../validate";

export const DEFAULT_PAUSE_IMAGE = "registry.k8s.io/pause:3.10";
export const DEFAULT_CAPACITY_BUFFER_API = "autoscaling.x-k8s.io/v1alpha1";
export const BUFFER_STRATEGIES = ["placeholder-pods", "capacity-buffer"] as const;
export type K8sBufferStrategy = (typeof BUFFER_STRATEGIES)[number];
export const PREEMPTION_POLICIES = ["Never", "PreemptLowerPriority"] as const;
export type PreemptionPolicy = (typeof PREEMPTION_POLICIES)[number];

const QUANTITY = /^[0-9]+(\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei|e[0-9]+)?$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
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
  /** CPU request of one slot (one placeholder pod), e.g. `"500m"`. Required. */
  readonly cpu: string;
  /** Memory request of one slot, e.g. `"1Gi"`. Required. */
  readonly memory: string;
  /** Extended resources of one slot (requests = limits), e.g. `{ "nvidia.com/gpu": "1" }`. Default none. */
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
    if (typeof args[field] !== "string" || !QUANTITY.test(args[field])) {
      p.push(
        `${path}.${field} must be a Kubernetes quantity such as ${field === "cpu" ? '"500m" or "2"' : '"512Mi" or "1Gi"'} (got ${JSON.stringify(args[field])})`,
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
    if (!QUANTITY.test(value))
      p.push(
        `${path}.extendedResources["${key}"] must be a Kubernetes quantity (got ${JSON.stringify(value)})`,
      );
  }
  if (
    args.namespace !== undefined &&
    (!DNS_LABEL.test(args.namespace) || args.namespace.length > 63)
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

/**
 * Pure: placeholder replicas = declared shadow slots.
 *
 * @param resolved the pool's declared slots
 * @returns the Deployment's replicas
 */
export function placeholderReplicas(resolved: Pick<ResolvedPool, "declared">): number {
  return resolved.declared.filter((s) => s.state === "shadow").length;
}

/**
 * Pure: properties the Deployment must not reconcile (observe: `spec.replicas`).
 *
 * @param mode the pool's mode
 * @returns the `ignoreChanges` list
 */
export function placeholderIgnoreChanges(mode: PoolMode): string[] {
  return mode === "observe" ? ["spec.replicas"] : [];
}

/**
 * Pure: the pod template of one slot (a pause container requesting one slot's resources).
 *
 * @param name the pool's name (labels)
 * @param args requests, image, placement, labels
 * @param priorityClassName the placeholders' PriorityClass (absent for a CapacityBuffer template)
 * @returns the pod template (metadata + spec)
 */
export function slotPodTemplate(
  name: string,
  args: K8sPlaceholderPoolArgs,
  priorityClassName?: pulumi.Input<string>,
): k8s.types.input.core.v1.PodTemplateSpec {
  const extended = { ...args.extendedResources };
  return {
    metadata: { labels: { ...args.labels, ...placeholderLabels(name) } },
    spec: {
      priorityClassName,
      // Preempted placeholders should free their node at once.
      terminationGracePeriodSeconds: 0,
      automountServiceAccountToken: false,
      nodeSelector: args.nodeSelector ? { ...args.nodeSelector } : undefined,
      tolerations: args.tolerations ? [...args.tolerations] : undefined,
      containers: [
        {
          name: "pause",
          image: args.image ?? DEFAULT_PAUSE_IMAGE,
          resources: {
            requests: { cpu: args.cpu, memory: args.memory, ...extended },
            // Extended resources (GPUs) need limits equal to requests.
            limits: Object.keys(extended).length > 0 ? extended : undefined,
          },
        },
      ],
    },
  };
}

/** Labels selecting a pool's placeholders. */
export function placeholderLabels(name: string): Record<string, string> {
  return { "app.kubernetes.io/name": "shadowpool-placeholder", "shadowpool.io/pool": name };
}

/** Placeholder pods of a low-priority class (or a CapacityBuffer), holding the forecast's shadow capacity on nodes. */
export class K8sPlaceholderPool extends PoolComponent {
  /** Placeholder pods (or buffer chunks) declared. */
  public readonly replicas: number;
  /** `placeholder-pods` only. */
  public readonly priorityClass?: k8s.scheduling.v1.PriorityClass;
  public readonly deployment?: k8s.apps.v1.Deployment;
  public readonly priorityClassName?: pulumi.Output<string>;
  public readonly deploymentName?: pulumi.Output<string>;
  /** `capacity-buffer` only. */
  public readonly podTemplate?: k8s.core.v1.PodTemplate;
  public readonly capacityBuffer?: k8s.apiextensions.CustomResource;

  constructor(name: string, args: K8sPlaceholderPoolArgs, opts?: pulumi.ComponentResourceOptions) {
    const problems = validateK8sPlaceholderPoolArgs(args);
    if (!LABEL_VALUE.test(name) || name.length > 63) {
      problems.push(
        `name must be a valid label value (letters, digits, -_. ; at most 63) (got ${JSON.stringify(name)})`,
      );
    }
    // Validate before anything is registered, the component itself included.
    throwIfProblems(`K8sPlaceholderPool "${name}"`, problems);
    super("shadowpool:k8s:PlaceholderPool", name, args, opts);
    this.replicas = placeholderReplicas(this.resolved);
    const namespace = args.namespace ?? "default";
    const labels = placeholderLabels(name);
    const ignoreChanges = placeholderIgnoreChanges(this.resolved.mode);
    const extra: Record<string, pulumi.Output<string>> = {};

    if ((args.strategy ?? "placeholder-pods") === "capacity-buffer") {
      // The cluster autoscaler keeps room for `replicas` virtual pods shaped like the template.
      this.podTemplate = new k8s.core.v1.PodTemplate(
        `${name}-template`,
        { metadata: { namespace, labels }, template: slotPodTemplate(name, args) },
        { parent: this },
      );
      this.capacityBuffer = new k8s.apiextensions.CustomResource(
        `${name}-buffer`,
        {
          apiVersion: args.capacityBufferApiVersion ?? DEFAULT_CAPACITY_BUFFER_API,
          kind: "CapacityBuffer",
          metadata: { namespace, labels },
          spec: {
            podTemplateRef: { name: this.podTemplate.metadata.name },
            replicas: this.replicas,
          },
        },
        { parent: this, ignoreChanges },
      );
      extra.capacityBufferName = this.capacityBuffer.metadata.name;
    } else {
      this.priorityClass = new k8s.scheduling.v1.PriorityClass(
        `${name}-priority`,
        {
          metadata: { labels: { "shadowpool.io/pool": name } },
          value: args.priorityValue ?? -10,
          globalDefault: false,
          preemptionPolicy: args.preemptionPolicy ?? "Never",
          description: `Shadowpool placeholders of pool ${name}: preempted by any workload, kept warm by the cluster autoscaler.`,
        },
        { parent: this },
      );
      this.deployment = new k8s.apps.v1.Deployment(
        `${name}-placeholders`,
        {
          metadata: {
            namespace,
            labels,
            // Placeholders may sit Pending by design: do not wait for readiness.
            annotations: { "pulumi.com/skipAwait": "true" },
          },
          spec: {
            replicas: this.replicas,
            selector: { matchLabels: labels },
            template: slotPodTemplate(name, args, this.priorityClass.metadata.name),
          },
        },
        { parent: this, ignoreChanges },
      );
      this.priorityClassName = this.priorityClass.metadata.name;
      this.deploymentName = this.deployment.metadata.name;
      extra.priorityClassName = this.priorityClassName;
      extra.deploymentName = this.deploymentName;
    }

    this.registerPoolOutputs(extra);
  }
}
