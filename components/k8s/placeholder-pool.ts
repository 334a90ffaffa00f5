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
 * Profile: each placeholder requests one slot's profile (`slotProfile`: admin pins, else learned
 * from the workload's running pods, else the previous deployment's; components/k8s/slot-profile.ts).
 * With no profile at all a new pool falls back to cold provisioning: its plan is held at 0 shadow
 * and the Deployment (same name) has 0 replicas, so real pods wait for the cluster autoscaler; a
 * pool deployed before is held as it is (previous count; replicas and template in ignoreChanges).
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
import { PoolComponent } from "../pool-component";
import { throwIfProblems } from "../validate";
import {
  DEFAULT_CAPACITY_BUFFER_API,
  placeholderPoolNameProblems,
  validateK8sPlaceholderPoolArgs,
  type K8sPlaceholderPoolArgs,
} from "./placeholder-args";
import {
  placeholderIgnoreChanges,
  placeholderLabels,
  placeholderReplicas,
  plannedArgs,
  slotPodTemplate,
  slotProfile,
} from "./placeholder-specs";
import type { SlotProfileDecision } from "./slot-profile";

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
// What the pool declares (pure functions) lives in placeholder-specs.ts; this path exports it too.
export * from "./placeholder-specs";

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
  /** The slot profile in force, where each request came from, and the why (plain data). */
  public readonly slotProfile: SlotProfileDecision;

  constructor(name: string, args: K8sPlaceholderPoolArgs, opts?: pulumi.ComponentResourceOptions) {
    // Validate before anything is registered, the component itself included.
    throwIfProblems(`K8sPlaceholderPool "${name}"`, [
      ...validateK8sPlaceholderPoolArgs(args),
      ...placeholderPoolNameProblems(name),
    ]);
    const decision = slotProfile(args);
    super("shadowpool:k8s:PlaceholderPool", name, plannedArgs(args, decision), opts);
    this.slotProfile = decision;
    this.replicas = placeholderReplicas(this.resolved, decision);
    const profile = decision.profile;
    const namespace = args.namespace ?? "default";
    const labels = placeholderLabels(name);
    const held = decision.held === true;
    const ignoreChanges = placeholderIgnoreChanges(this.resolved.mode, held);
    const extra: pulumi.Inputs = { slotProfile: decision };

    if ((args.strategy ?? "placeholder-pods") === "capacity-buffer") {
      // The cluster autoscaler keeps room for `replicas` virtual pods shaped like the template.
      this.podTemplate = new k8s.core.v1.PodTemplate(
        `${name}-template`,
        { metadata: { namespace, labels }, template: slotPodTemplate(name, args, profile) },
        { parent: this, ignoreChanges: held ? ["template"] : [] },
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
            template: slotPodTemplate(name, args, profile, this.priorityClass.metadata.name),
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
