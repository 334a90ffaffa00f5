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
import {
  profilePolicy,
  resolveSlotProfile,
  type SlotProfile,
  type SlotProfileDecision,
} from "./slot-profile";

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
 * Pure: placeholder replicas = declared shadow slots; 0 in cold provisioning (no profile to size a
 * placeholder with, whatever an observe-mode table still lists).
 *
 * @param resolved the pool's declared slots
 * @param decision the slot profile in force (default: one is in force)
 * @returns the Deployment's replicas
 */
export function placeholderReplicas(
  resolved: Pick<ResolvedPool, "declared">,
  decision?: Pick<SlotProfileDecision, "profile" | "held">,
): number {
  if (decision !== undefined && decision.profile === undefined && decision.held !== true) return 0;
  return resolved.declared.filter((s) => s.state === "shadow").length;
}

/**
 * Pure: properties the Deployment must not reconcile (observe: `spec.replicas`; a pool held without
 * a known profile: its replicas and its pod template, so the live requests stay).
 *
 * @param mode the pool's mode
 * @param held the pool is held without a known profile (default false)
 * @returns the `ignoreChanges` list
 */
export function placeholderIgnoreChanges(mode: PoolMode, held = false): string[] {
  if (held) return ["spec.replicas", "spec.template"];
  return mode === "observe" ? ["spec.replicas"] : [];
}

/**
 * Pure: the slot profile in force — the program's decision, else the admin pins alone (cold
 * provisioning when `cpu` or `memory` is missing).
 *
 * @param args the component's args
 * @returns the profile (undefined: cold) with its sources and why
 */
export function slotProfile(args: K8sPlaceholderPoolArgs): SlotProfileDecision {
  return (
    args.profile ??
    resolveSlotProfile({
      admin: args,
      workload: args.workload,
      existed: args.previous !== undefined,
    })
  );
}

/**
 * Pure: the args the pool is planned with — unchanged with a profile; without one, held at the
 * previous shadow count or cold (min = max = 0): see `profilePolicy`.
 *
 * @param args the component's args
 * @param decision the slot profile in force
 * @returns the args to plan with
 */
export function plannedArgs(
  args: K8sPlaceholderPoolArgs,
  decision: SlotProfileDecision,
): K8sPlaceholderPoolArgs {
  if (decision.profile !== undefined) return args;
  return { ...args, policy: profilePolicy(args.policy, decision, args.previous?.plan.shadow) };
}

/**
 * Pure: the pod template of one slot (a pause container requesting one slot's resources).
 *
 * @param name the pool's name (labels)
 * @param args image, placement, labels
 * @param profile the requests of one slot (undefined in cold provisioning: no requests, 0 replicas)
 * @param priorityClassName the placeholders' PriorityClass (absent for a CapacityBuffer template)
 * @returns the pod template (metadata + spec)
 */
export function slotPodTemplate(
  name: string,
  args: K8sPlaceholderPoolArgs,
  profile: SlotProfile | undefined,
  priorityClassName?: pulumi.Input<string>,
): k8s.types.input.core.v1.PodTemplateSpec {
  const extended = { ...profile?.extendedResources };
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
          resources:
            profile === undefined
              ? {}
              : {
                  requests: { cpu: profile.cpu, memory: profile.memory, ...extended },
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
