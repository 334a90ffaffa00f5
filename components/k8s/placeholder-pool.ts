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
import type { PoolMode, ResolvedPool } from "../pool";
import { PoolComponent } from "../pool-component";
import { throwIfProblems } from "../validate";
import {
  DEFAULT_CAPACITY_BUFFER_API,
  DEFAULT_PAUSE_IMAGE,
  placeholderPoolNameProblems,
  validateK8sPlaceholderPoolArgs,
  type K8sPlaceholderPoolArgs,
} from "./placeholder-args";

// The args and their validation live in placeholder-args.ts; this path keeps exporting them.
export {
  BUFFER_STRATEGIES,
  DEFAULT_CAPACITY_BUFFER_API,
  DEFAULT_PAUSE_IMAGE,
  PREEMPTION_POLICIES,
  placeholderPoolNameProblems,
  validateK8sPlaceholderPoolArgs,
  type K8sBufferStrategy,
  type K8sPlaceholderPoolArgs,
  type PreemptionPolicy,
} from "./placeholder-args";

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
    // Validate before anything is registered, the component itself included.
    throwIfProblems(`K8sPlaceholderPool "${name}"`, [
      ...validateK8sPlaceholderPoolArgs(args),
      ...placeholderPoolNameProblems(name),
    ]);
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
