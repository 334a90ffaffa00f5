/**
 * What `pulumi up` would do to each resource, judged from the previous state's resource list: a
 * resource only in the new list is created, one only in the old list is deleted, one in both is
 * updated when both lists recorded its inputs and they differ (the changed top-level inputs are
 * named), and unchanged otherwise. Like Pulumi, resources are identified by type and name.
 */
import type { ResourceRecord } from "../state";

export type ResourceOp = "create" | "update" | "delete" | "same";

/** One resource's fate. */
export interface ResourceChange {
  readonly op: ResourceOp;
  readonly type: string;
  readonly name: string;
  /** Top-level inputs that differ (updates only). */
  readonly changed?: readonly string[];
}

/** JSON with sorted keys, so two equal objects always print the same. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
    return Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  });
}

const keyOf = (r: ResourceRecord): string => `${r.type}::${r.name}`;

/**
 * Compare two resource lists.
 *
 * @param previous the previous deployment's resources (empty for a first deployment).
 * @param next the resources this run declares.
 * @returns creates and updates and unchanged in `next` order, then deletes in `previous` order.
 */
export function diffResources(
  previous: readonly ResourceRecord[],
  next: readonly ResourceRecord[],
): ResourceChange[] {
  const before = new Map(previous.map((r) => [keyOf(r), r]));
  const nextKeys = new Set(next.map(keyOf));
  const out: ResourceChange[] = [];
  for (const r of next) {
    const old = before.get(keyOf(r));
    if (old === undefined) {
      out.push({ op: "create", type: r.type, name: r.name });
      continue;
    }
    const changed = changedInputs(old.inputs, r.inputs);
    out.push(
      changed.length > 0
        ? { op: "update", type: r.type, name: r.name, changed }
        : { op: "same", type: r.type, name: r.name },
    );
  }
  for (const r of previous) {
    if (!nextKeys.has(keyOf(r))) out.push({ op: "delete", type: r.type, name: r.name });
  }
  return out;
}

/** Top-level input names whose values differ; none when either side did not record inputs. */
function changedInputs(
  a: Readonly<Record<string, unknown>> | undefined,
  b: Readonly<Record<string, unknown>> | undefined,
): string[] {
  if (a === undefined || b === undefined) return [];
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.filter((k) => stableJson(a[k]) !== stableJson(b[k]));
}

/**
 * Count changes by operation.
 *
 * @param changes the diff.
 * @returns counts per operation.
 */
export function countChanges(changes: readonly ResourceChange[]): Record<ResourceOp, number> {
  const counts: Record<ResourceOp, number> = { create: 0, update: 0, delete: 0, same: 0 };
  for (const c of changes) counts[c.op] += 1;
  return counts;
}
