/**
 * What a placeholder pool declares, as pure functions of its args and its plan: the slot profile in
 * force and the args the pool is planned with, the replicas, the pod template and its labels, and
 * what the Deployment must not reconcile. No resources.
 */
import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { PoolMode, ResolvedPool } from "../pool";
import { DEFAULT_PAUSE_IMAGE, type K8sPlaceholderPoolArgs } from "./placeholder-args";
import {
  profilePolicy,
  resolveSlotProfile,
  type SlotProfile,
  type SlotProfileDecision,
} from "./slot-profile";

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
