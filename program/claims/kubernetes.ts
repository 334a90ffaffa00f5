/**
 * Claims of a Kubernetes namespace pool, read before any component is built: the namespaces
 * labelled `shadowpool.io/pool=<pool>`, listed with the official client (`@kubernetes/client-node`)
 * and a label selector. A namespace is claimed when the label or annotation
 * `shadowpool.io/claimed-by` is set; `shadowpool.io/releasing=true` (label or annotation) marks it
 * releasing (`=80`: 80 % likely to be back in time; the larger of the two counts). Its slot is the label `shadowpool.io/slot`.
 */
// Types only at the top: @kubernetes/client-node 1.x is an ES module. Node ≥ 20.19 can require()
// it, but jest's CommonJS runtime cannot, so the library is loaded on first use (see readK8sClaims)
// and modules that merely import this file (the program, its tests under mocks) never load it.
import type { V1Namespace } from "@kubernetes/client-node";
import type { SlotClaim } from "../../components/slots";
import { ClaimError, claimsFromMarks, errorText, releaseMark, type ClaimMarks } from "./check";
import { connectK8s, listAllPages, type K8sReadOptions } from "./k8s-list";

export const K8S_POOL_LABEL = "shadowpool.io/pool";
export const K8S_SLOT_LABEL = "shadowpool.io/slot";
/** Label or annotation naming the claimant (annotations allow any text, labels are restricted). */
export const K8S_CLAIMED_BY = "shadowpool.io/claimed-by";
/** Label or annotation: `"true"` when the claimant announced it will give the namespace back. */
export const K8S_RELEASING = "shadowpool.io/releasing";

/** Where and how to read. */
export type K8sClaimReadOptions = K8sReadOptions;

/** Pure: a namespace's marks; the annotation wins over the label when both are set. */
export function namespaceMarks(ns: V1Namespace): ClaimMarks {
  const labels = ns.metadata?.labels ?? {};
  const notes = ns.metadata?.annotations ?? {};
  return {
    ref: `namespace ${ns.metadata?.name ?? "(unnamed)"}`,
    slot: labels[K8S_SLOT_LABEL],
    by: notes[K8S_CLAIMED_BY] || labels[K8S_CLAIMED_BY] || undefined,
    releasing: Math.max(releaseMark(notes[K8S_RELEASING]), releaseMark(labels[K8S_RELEASING])),
  };
}

/** How a read names itself in messages. */
export function k8sClaimSource(pool: string, server?: string): string {
  return `kubernetes namespaces labelled ${K8S_POOL_LABEL}=${pool}${server ? ` at ${server}` : ""}`;
}

/**
 * Pure: claims from the namespaces read. Namespaces of other pools are ignored.
 *
 * @param pool the pool's name.
 * @param namespaces what the API returned.
 * @returns claims sorted by slot index.
 * @throws {ClaimError} listing claimed namespaces without a usable slot label and slots claimed twice.
 */
export function k8sClaimsFromNamespaces(
  pool: string,
  namespaces: readonly V1Namespace[],
): SlotClaim[] {
  const mine = namespaces.filter((ns) => ns.metadata?.labels?.[K8S_POOL_LABEL] === pool);
  return claimsFromMarks(k8sClaimSource(pool), K8S_SLOT_LABEL, mine.map(namespaceMarks));
}

/**
 * Read the pool's claims from the cluster, following `continue` pages.
 *
 * @param pool the pool's name.
 * @param options cluster access, page size, timeout.
 * @returns claims sorted by slot index.
 * @throws {ClaimError} on ambiguous labels; an error naming the cluster (never its token) when the
 *   API fails or does not answer in time.
 */
export async function readK8sClaims(
  pool: string,
  options: K8sClaimReadOptions = {},
): Promise<SlotClaim[]> {
  const { api, server, redact } = await connectK8s(options);
  try {
    const items = await listAllPages(
      (limit, token) =>
        api.listNamespace({ labelSelector: `${K8S_POOL_LABEL}=${pool}`, limit, _continue: token }),
      options,
    );
    return k8sClaimsFromNamespaces(pool, items);
  } catch (e) {
    if (e instanceof ClaimError) throw e;
    const status = (e as { code?: unknown }).code;
    const hint =
      status === 401 || status === 403
        ? "; check the kubeconfig's credentials and RBAC (list namespaces)"
        : "";
    throw new Error(
      redact(`${k8sClaimSource(pool, server)}: reading claims failed: ${apiErrorText(e)}${hint}`),
    );
  }
}

/**
 * The API's own words for a failure: the client's ApiException carries the HTTP code and the
 * Status body (whose `message` says what was refused); anything else keeps its message.
 */
export function apiErrorText(e: unknown): string {
  const err = e as { code?: unknown; body?: unknown };
  if (typeof err?.code !== "number" || err.body === undefined) return errorText(e);
  let body: unknown = err.body;
  if (typeof body === "string") {
    try {
      body = JSON.parse(body);
    } catch {
      // Not JSON: show the text as is.
    }
  }
  const message = (body as { message?: unknown } | null)?.message;
  const text = typeof message === "string" ? message : JSON.stringify(body).slice(0, 200);
  return `HTTP ${err.code}: ${text}`;
}
