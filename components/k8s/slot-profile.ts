/**
 * The slot profile in force for a placeholder pool — the requests of one placeholder pod — and
 * where each request came from. Precedence, resource by resource:
 *
 * 1. **admin override**: `cpu`, `memory`, `extendedResources[r]` set in the stack config;
 * 2. **learned** this deployment from the workload's running pods (program/claims/warm-k8s.ts);
 * 3. **kept from the previous deployment** when the pods could not be read or none is Running
 *    (a failing read never changes a pool's profile);
 * 4. otherwise **cold provisioning** for a new pool: no placeholder pod this deployment (real pods
 *    wait for the cluster autoscaler), said plainly with the reason; a pool deployed before (whose
 *    state, written before profiles, recorded none) is **held** as it is instead, count and
 *    requests, since a failing read must never shrink a pool.
 * Pure: no Pulumi, no I/O.
 */
import type { PoolPolicy } from "../../forecasts/types";
import type { ProfileReading } from "./pod-requests";

/** The requests of one placeholder pod (one slot). */
export interface SlotProfile {
  /** CPU request, e.g. `"1500m"`. */
  readonly cpu: string;
  /** Memory request, e.g. `"3Gi"`. */
  readonly memory: string;
  /** Other resources (requests = limits), e.g. `{ "nvidia.com/gpu": "1" }`. Default none. */
  readonly extendedResources?: Readonly<Record<string, string>>;
}

/** The workload a placeholder pool keeps room for. */
export interface WorkloadRef {
  readonly namespace: string;
  /** Label selector of its pods, e.g. `app=ci-runner`. */
  readonly selector: string;
}

/** What decides the profile. */
export interface ProfileInputs {
  /** The stack config's pins; each set field wins. */
  readonly admin: {
    readonly cpu?: string;
    readonly memory?: string;
    readonly extendedResources?: Readonly<Record<string, string>>;
  };
  /** The workload learned from; undefined = nothing to learn from. */
  readonly workload?: WorkloadRef;
  /** This deployment's reading of the workload's pods; undefined = not read. */
  readonly reading?: ProfileReading;
  /** The profile the previous deployment held; undefined = none (first deployment, or cold). */
  readonly previous?: SlotProfile;
  /** The pool was deployed before: without any profile it is held as it is, not made cold. */
  readonly existed?: boolean;
}

/** The profile in force and its explanation. */
export interface SlotProfileDecision {
  /** The requests of one placeholder; undefined = cold provisioning, or held when `held`. */
  readonly profile?: SlotProfile;
  /** No profile is known, but the pool exists: its placeholders stay as they are (count and requests). */
  readonly held?: boolean;
  /** Where each request came from, by resource name (`cpu`, `memory`, extended ones). */
  readonly sources: Readonly<Record<string, string>>;
  /** One line for the plan's why, e.g. `slot profile: cpu 2, memory 4Gi (admin override)`. */
  readonly why: string;
}

/** The source text of an admin pin. */
export const ADMIN_OVERRIDE = "admin override";

/**
 * Decide the slot profile (see the file's comment for the precedence).
 *
 * @param input admin pins, the workload, this deployment's reading, the previous profile
 * @returns the profile in force (or none: cold provisioning), each request's source, and the why
 */
export function resolveSlotProfile(input: ProfileInputs): SlotProfileDecision {
  const { admin, workload, reading, previous } = input;
  const where = workload === undefined ? "" : `${workload.selector} in ${workload.namespace}`;
  const failure =
    workload === undefined
      ? "no provider.workload to learn from"
      : reading === undefined
        ? `${where}: the pods were not read`
        : reading.ok
          ? ""
          : `${where}: ${reading.reason}`;
  // What stands in for anything the admin did not pin: the learned profile, else the previous one.
  const base: { profile: SlotProfile; source: string } | undefined =
    reading?.ok === true
      ? {
          profile: reading.requests,
          source: `learned from ${reading.requests.pods} running pod${reading.requests.pods === 1 ? "" : "s"} of ${where}`,
        }
      : previous !== undefined
        ? { profile: previous, source: `kept from the previous deployment (${failure})` }
        : undefined;

  const values: Record<string, string> = {};
  const sources: Record<string, string> = {};
  const take = (name: string, pinned: string | undefined, learned: string | undefined): void => {
    if (pinned !== undefined) {
      values[name] = pinned;
      sources[name] = ADMIN_OVERRIDE;
    } else if (learned !== undefined && base !== undefined) {
      values[name] = learned;
      sources[name] = base.source;
    }
  };
  take("cpu", admin.cpu, base?.profile.cpu);
  take("memory", admin.memory, base?.profile.memory);
  const extendedNames = new Set([
    ...Object.keys(base?.profile.extendedResources ?? {}),
    ...Object.keys(admin.extendedResources ?? {}),
  ]);
  for (const name of [...extendedNames].sort()) {
    take(name, admin.extendedResources?.[name], base?.profile.extendedResources?.[name]);
  }

  const missing = ["cpu", "memory"].filter((r) => values[r] === undefined);
  if (missing.length > 0 && input.existed === true) {
    return {
      held: true,
      sources: {},
      why:
        `slot profile: unknown (${failure}), and the previous deployment recorded none: the ` +
        `placeholders are held as they are, count and requests, until the pods can be read or ` +
        `provider.${missing.join(" and provider.")} ${missing.length === 1 ? "is" : "are"} set`,
    };
  }
  if (missing.length > 0) {
    return {
      sources: {},
      why:
        `slot profile: cold provisioning: ${failure}, and no previous profile nor provider.` +
        `${missing.join("/provider.")} to fall back on: no placeholder pods this deployment`,
    };
  }
  const { cpu, memory, ...extended } = values;
  return {
    profile: {
      cpu,
      memory,
      ...(Object.keys(extended).length === 0 ? {} : { extendedResources: extended }),
    },
    sources,
    why: `slot profile: ${describeSources(values, sources)}`,
  };
}

/**
 * `cpu 2 (admin override); memory 3Gi, nvidia.com/gpu 1 (learned from 4 running pods of …)`:
 * resources in order, grouped by their source.
 */
function describeSources(
  values: Readonly<Record<string, string>>,
  sources: Readonly<Record<string, string>>,
): string {
  const groups = new Map<string, string[]>();
  for (const [name, value] of Object.entries(values)) {
    const source = sources[name];
    groups.set(source, [...(groups.get(source) ?? []), `${name} ${value}`]);
  }
  return [...groups].map(([source, parts]) => `${parts.join(", ")} (${source})`).join("; ");
}

/**
 * The policy a placeholder pool is planned with under its profile decision: unchanged with a
 * profile; held at the previous deployment's shadow count when `held` (nothing can be resized or
 * removed without knowing the requests); min = max = 0 in cold provisioning (no placeholder can be
 * sized, so none is held).
 *
 * @param policy the pool's policy
 * @param decision the slot profile decision
 * @param previousShadow the shadow slots the previous deployment declared (default 0)
 * @returns the policy to plan with
 */
export function profilePolicy(
  policy: PoolPolicy,
  decision: Pick<SlotProfileDecision, "profile" | "held">,
  previousShadow = 0,
): PoolPolicy {
  if (decision.profile !== undefined) return policy;
  const size = decision.held === true ? previousShadow : 0;
  return { ...policy, min: size, max: size };
}
