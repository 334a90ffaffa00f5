/**
 * In-use count of a Kubernetes placeholder pool: the pods of the workload the placeholders keep
 * room for, named by the pool's optional `provider.workload: { namespace, selector }` (a label
 * selector such as `app=ci-runner`). One running pod is one slot in use, so size the placeholders'
 * `cpu`/`memory` like one pod of that workload. Without `workload` the count is not read (0 in
 * use: the placeholders hold the whole peak) and the previous claims stand.
 *
 * Pods are listed with `@kubernetes/client-node`, loaded on first use (an ES module jest cannot
 * load; see program/claims/kubernetes.ts). Counted: phase Running and not being deleted.
 */
import type { V1Pod } from "@kubernetes/client-node";
import { claimsFromCount, type SlotClaim } from "../../components/slots";
import type { PoolConfig } from "../config";
import { claimsFromPrevious } from "../run";
import { previousPool, type DeploymentState } from "../state";
import { connectK8s, listAllPages, type K8sReadOptions } from "./k8s-list";
import { apiErrorText } from "./kubernetes";

/** The workload a placeholder pool shadows. */
export interface K8sWorkload {
  readonly namespace: string;
  /** Label selector of the workload's pods, e.g. `app=ci-runner,tier=build`. */
  readonly selector: string;
}

/**
 * Pure: the pool's `provider.workload`, checked.
 *
 * @param pool the pool's name (for messages).
 * @param value `provider.workload` as configured.
 * @returns the workload, or undefined when not configured.
 * @throws {Error} naming the field when it is set but not `{ namespace, selector }` strings.
 */
export function k8sWorkloadOf(pool: string, value: unknown): K8sWorkload | undefined {
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
export function runningPods(pods: readonly V1Pod[]): number {
  return pods.filter((p) => p.status?.phase === "Running" && !p.metadata?.deletionTimestamp).length;
}

/** Where and how to read. */
export type K8sWarmReadOptions = K8sReadOptions;

/**
 * Count the workload's running pods, following `continue` pages.
 *
 * @param pool the pool's name (for messages).
 * @param workload namespace and selector.
 * @param options cluster access, page size, timeout.
 * @returns the count.
 * @throws {Error} naming the namespace, selector and cluster (never its token) when the API fails.
 */
export async function readK8sRunningPods(
  pool: string,
  workload: K8sWorkload,
  options: K8sWarmReadOptions = {},
): Promise<number> {
  const { api, server, redact } = await connectK8s(options);
  try {
    const pods = await listAllPages(
      (limit, token) =>
        api.listNamespacedPod({
          namespace: workload.namespace,
          labelSelector: workload.selector,
          limit,
          _continue: token,
        }),
      options,
    );
    return runningPods(pods);
  } catch (e) {
    const where = `kubernetes pods ${workload.selector} in ${workload.namespace}${server ? ` at ${server}` : ""}`;
    throw new Error(
      redact(`${pool}: ${where}: reading the in-use count failed: ${apiErrorText(e)}`),
    );
  }
}

/**
 * The claims of a Kubernetes placeholder pool.
 *
 * @param pool the pool's config (warm on kubernetes).
 * @param previous the previous state.
 * @param options cluster access.
 * @returns `claimsFromCount(running pods, previous slots)`; without `provider.workload`, the
 *   previous claims.
 * @throws {Error} when `workload` is malformed or the pods cannot be listed.
 */
export async function readK8sWarmClaims(
  pool: PoolConfig,
  previous: DeploymentState | undefined,
  options: K8sWarmReadOptions = {},
): Promise<SlotClaim[]> {
  const workload = k8sWorkloadOf(pool.name, pool.provider.workload);
  if (workload === undefined) return claimsFromPrevious(pool, previous);
  const count = await readK8sRunningPods(pool.name, workload, options);
  const slots = previousPool(previous, pool.name, pool.kind, pool.cloud)?.slots ?? [];
  return claimsFromCount(count, slots);
}
