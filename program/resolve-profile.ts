/**
 * The slot profile of a Kubernetes placeholder pool for this run, from plain data the program has
 * already loaded: the admin pins in the provider block, the profile learned from the workload's
 * pods by the claim reader, and the profile the previous deployment held (components/k8s/
 * slot-profile.ts has the precedence). Pure: the property tests and resolveDeployment use it too.
 */
import {
  resolveSlotProfile,
  type SlotProfile,
  type SlotProfileDecision,
  type WorkloadRef,
} from "../components/k8s/slot-profile";
import { providerString, type PoolConfig } from "./config";
import type { PoolInputs } from "./resolve";
import type { PoolState } from "./state";

/** Pools whose slots have a profile. */
const PROFILED = "warm/kubernetes";

/**
 * The profile decision of a pool, or undefined for pools whose slots have no profile (every pool
 * but Kubernetes placeholders: a launch or instance template shapes AWS and GCP warm slots).
 *
 * @param pool the pool's config (its provider block is already validated).
 * @param inputs this run's claims and profile reading.
 * @param before the pool's previous state.
 * @returns the decision, or undefined.
 */
export function slotProfileFor(
  pool: PoolConfig,
  inputs: Pick<PoolInputs, "profileReading">,
  before: Pick<PoolState, "profile"> | undefined,
): SlotProfileDecision | undefined {
  if (`${pool.kind}/${pool.cloud}` !== PROFILED) return undefined;
  const p = pool.provider;
  const common = {
    admin: {
      cpu: providerString(pool, "cpu"),
      memory: providerString(pool, "memory"),
      extendedResources: p.extendedResources as Readonly<Record<string, string>> | undefined,
    },
    workload: p.workload as WorkloadRef | undefined,
    previous: before?.profile as SlotProfile | undefined,
    existed: before !== undefined,
  };
  const decision = resolveSlotProfile({ ...common, reading: inputs.profileReading });
  if (pool.mode !== "observe" || common.previous === undefined || !inputs.profileReading?.ok) {
    return decision;
  }
  // Observe mode leaves capacity as it is: a resized placeholder is a capacity change, so the
  // previous requests stay (admin pins still apply: they are an explicit edit of the config), and
  // the why shows what enforce mode would learn.
  const held = resolveSlotProfile({ ...common, reading: { ok: false, reason: OBSERVE_HOLDS } });
  return {
    ...held,
    why: `${held.why}; ${decision.why.replace(/^slot profile: /, "learned now, applied in enforce mode: ")}`,
  };
}

/** Why an observe-mode pool keeps its previous profile. */
export const OBSERVE_HOLDS = "observe mode keeps the placeholders' requests as they are";
