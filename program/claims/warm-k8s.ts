/**
 * In-use count and slot profile of a Kubernetes placeholder pool, from the pods of the workload the
 * placeholders keep room for, named by the pool's optional `provider.workload: { namespace,
 * selector }` (a label selector such as `app=ci-runner`). ONE list call serves both: one running
 * pod is one slot in use, and the largest request among the running pods is the slot profile
 * learned this deployment (components/k8s/pod-requests.ts). Without `workload` nothing is read (0 in
 * use: the placeholders hold the whole peak; the profile is the admin's `cpu`/`memory`) and the
 * previous claims stand.
 *
 * Pods are listed with `@kubernetes/client-node`, loaded on first use (an ES module jest cannot
 * load; see program/claims/kubernetes.ts). Counted: phase Running and not being deleted.
 */
import type { V1Pod } from "@kubernetes/client-node";
import { isRunningPod, learnRequests, type PodSeen } from "../../components/k8s/pod-requests";
import type { WorkloadRef } from "../../components/k8s/slot-profile";
import { claimsFromCount, type Slot } from "../../components/slots";
import type { PoolReading } from "../claims-reader";
import type { PoolConfig } from "../config";
import { claimsFromPrevious } from "../run";
import { previousPool, type DeploymentState } from "../state";
import { connectK8s, listAllPages, type K8sReadOptions } from "./k8s-list";
import { apiErrorText } from "./kubernetes";

/**
 * Pure: the pool's `provider.workload`, checked.
 *
 * @param pool the pool's name (for messages).
 * @param value `provider.workload` as configured.
 * @returns the workload, or undefined when not configured.
 * @throws {Error} naming the field when it is set but not `{ namespace, selector }` strings.
 */
export function k8sWorkloadOf(pool: string, value: unknown): WorkloadRef | undefined {
  if (value === undefined) return undefined;
  const w = value as { namespace?: unknown; selector?: unknown } | null;
  const ok = (v: unknown): v is string => typeof v === "string" && v.trim() !== "";
  if (w === null || typeof w !== "object" || !ok(w.namespace) || !ok(w.selector)) {
    throw new Error(
      `${pool}: provider.workload must be { namespace, selector } with non-empty strings, e.g. ` +
        `{ namespace: ci, selector: "app=ci-runner" } (got ${JSON.stringify(value)})`,
    );
  }
  return { namespace: w.namespace, selector: w.selector };
}

/**
 * Pure: pods in use — Running and not terminating (a pod being deleted frees its room soon).
 *
 * @param pods the workload's pods.
 * @returns how many hold a slot.
 */
export function runningPods(pods: readonly PodSeen[]): number {
  return pods.filter(isRunningPod).length;
}

/**
 * Pure: what one listing of the workload's pods says — the slots in use and the learned profile.
 *
 * @param pods the workload's pods, any phase.
 * @param slots the previous deployment's slot table (claims land on its indices).
 * @returns `claimsFromCount(running pods, slots)` and the profile reading.
 */
export function readingFromPods(pods: readonly PodSeen[], slots: readonly Slot[]): PoolReading {
  return { claims: claimsFromCount(runningPods(pods), slots), profile: learnRequests(pods) };
}

/** Where and how to read. */
export type K8sWarmReadOptions = K8sReadOptions;

/**
 * List the workload's pods, following `continue` pages.
 *
 * @param pool the pool's name (for messages).
 * @param workload namespace and selector.
 * @param options cluster access, page size, timeout.
 * @returns every pod the selector matches, any phase.
 * @throws {Error} naming the namespace, selector and cluster (never its token) when the API fails.
 */
export async function listWorkloadPods(
  pool: string,
  workload: WorkloadRef,
  options: K8sWarmReadOptions = {},
): Promise<V1Pod[]> {
  const { api, server, redact } = await connectK8s(options);
  try {
    return await listAllPages(
      (limit, token) =>
        api.listNamespacedPod({
          namespace: workload.namespace,
          labelSelector: workload.selector,
          limit,
          _continue: token,
        }),
      options,
    );
  } catch (e) {
    const where = `kubernetes pods ${workload.selector} in ${workload.namespace}${server ? ` at ${server}` : ""}`;
    throw new Error(
      redact(`${pool}: ${where}: reading the in-use count failed: ${apiErrorText(e)}`),
    );
  }
}

/**
 * The claims and slot profile of a Kubernetes placeholder pool.
 *
 * @param pool the pool's config (warm on kubernetes).
 * @param previous the previous state.
 * @param options cluster access.
 * @returns {@link readingFromPods} of one listing; without `provider.workload`, the previous claims.
 * @throws {Error} when `workload` is malformed or the pods cannot be listed.
 */
export async function readK8sWarmClaims(
  pool: PoolConfig,
  previous: DeploymentState | undefined,
  options: K8sWarmReadOptions = {},
): Promise<PoolReading> {
  const workload = k8sWorkloadOf(pool.name, pool.provider.workload);
  if (workload === undefined) return { claims: claimsFromPrevious(pool, previous) };
  const pods = await listWorkloadPods(pool.name, workload, options);
  const slots = previousPool(previous, pool.name, pool.kind, pool.cloud)?.slots ?? [];
  return readingFromPods(pods, slots);
}
