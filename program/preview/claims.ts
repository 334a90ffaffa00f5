/**
 * Offline answers to the claim readers' invokes. A state file's `claims` (per pool) describe what
 * "the cloud" reports in the scenario; these handlers turn them into the objects AWS or GCP would
 * return (tagged network interfaces, Elastic IPs, labelled addresses), so the claim readers run
 * their real code under mocks. No `claims` → the pool's objects are all free: no claims.
 *
 * Warm pools: the number of claims listed for the pool is its in-use count (the Auto Scaling
 * group's `desiredCapacity`, the MIG's RUNNING VMs); their `by` and `index` are not used, since the
 * cloud reports a count. The group/MIG exists when the state file records it (or lists claims).
 *
 * Kubernetes placeholder pools with a workload: the state file's `pods` (per pool) are what the
 * pod list would return; the real reader's pure half turns them into the in-use count and the
 * learned slot profile ({@link offlineReading}).
 */
import {
  CLAIMED_BY_TAG,
  POOL_TAG,
  RELEASING_TAG,
  SLOT_TAG,
} from "../../components/aws/address-pool";
import {
  CLAIMED_BY_LABEL,
  POOL_LABEL,
  RELEASING_LABEL,
  SLOT_LABEL,
  gcpLabelValue,
} from "../../components/gcp/address-pool";
import type { SlotClaim } from "../../components/slots";
import type { PoolReading } from "../claims-reader";
import { AWS_WARM_POOL_TAG, GCP_MIG_TYPE } from "../claims/warm";
import { readingFromPods } from "../claims/warm-k8s";
import type { PoolConfig } from "../config";
import { previousPool, type DeploymentState, type ResourceRecord } from "../state";
import type { InvokeAnswers } from "./mocks";

type Filters = readonly { name?: string; values?: readonly string[] }[];

/** The pool named by an AWS tag filter. */
function poolOfFilters(filters: unknown): string | undefined {
  const found = ((filters ?? []) as Filters).find((f) => f.name === `tag:${POOL_TAG}`);
  return found?.values?.[0];
}

const claimsOf = (
  state: DeploymentState | undefined,
  pool: string | undefined,
): readonly SlotClaim[] => (pool === undefined ? [] : (state?.claims?.[pool] ?? []));

/** `eni-api-ips-3` ↔ pool `api-ips`, slot 3. */
const objectId = (prefix: string, pool: string, index: number): string =>
  `${prefix}-${pool}-${index}`;

function parseId(id: string): { pool: string; index: number } | undefined {
  const m = /^(?:eni|eipalloc)-(.+)-(\d+)$/.exec(id);
  return m === null ? undefined : { pool: m[1], index: Number(m[2]) };
}

function awsTags(pool: string, claim: SlotClaim): Record<string, string> {
  return {
    [POOL_TAG]: pool,
    [SLOT_TAG]: String(claim.index),
    [CLAIMED_BY_TAG]: claim.by,
    ...(claim.releasing === true ? { [RELEASING_TAG]: "true" } : {}),
  };
}

/** One object per claim, looked up by its id. */
function awsObject(id: unknown, state: DeploymentState | undefined): Record<string, unknown> {
  const parsed = parseId(String(id));
  const claim = claimsOf(state, parsed?.pool).find((c) => c.index === parsed?.index);
  if (parsed === undefined || claim === undefined) {
    throw new Error(`offline preview: no such object ${String(id)}`);
  }
  return { id: String(id), tags: awsTags(parsed.pool, claim) };
}

const AWS_GROUP_TYPE = "aws:autoscaling/group:Group";

/** A warm pool's recorded group/MIG: the component names it `<pool>-<suffix>`. */
function warmRecords(
  state: DeploymentState | undefined,
  type: string,
  suffix: string,
): { pool: string; physical: string }[] {
  return (state?.resources ?? [])
    .filter((r: ResourceRecord) => r.type === type && r.name.endsWith(`-${suffix}`))
    .map((r) => ({
      pool: r.name.slice(0, -suffix.length - 1),
      // The physical name: the recorded `name` input, else the logical name stands in for it.
      physical: typeof r.inputs?.name === "string" ? r.inputs.name : r.name,
    }));
}

/** Groups the preview knows: recorded ones, plus any pool with scenario claims (by logical name). */
function awsGroups(state: DeploymentState | undefined): { pool: string; physical: string }[] {
  const groups = warmRecords(state, AWS_GROUP_TYPE, "group");
  for (const pool of Object.keys(state?.claims ?? {})) {
    if (!groups.some((g) => g.pool === pool)) groups.push({ pool, physical: `${pool}-group` });
  }
  return groups;
}

/** The invokes the claim readers make, answered from the state file's scenario claims. */
export const CLAIM_ANSWERS: InvokeAnswers = {
  "aws:ec2/getNetworkInterfaces:getNetworkInterfaces": (inputs, state) => {
    const pool = poolOfFilters(inputs.filters);
    return {
      id: "preview",
      ids: claimsOf(state, pool).map((c) => objectId("eni", pool ?? "", c.index)),
    };
  },
  "aws:ec2/getNetworkInterface:getNetworkInterface": (inputs, state) => awsObject(inputs.id, state),
  "aws:ec2/getEips:getEips": (inputs, state) => {
    const pool = poolOfFilters(inputs.filters);
    const ids = claimsOf(state, pool).map((c) => objectId("eipalloc", pool ?? "", c.index));
    return { id: "preview", allocationIds: ids, publicIps: [] };
  },
  "aws:ec2/getElasticIp:getElasticIp": (inputs, state) => awsObject(inputs.id, state),
  // Warm pools: the Auto Scaling group list (by name or by the pool tag), then the group.
  "aws:autoscaling/getAmiIds:getAmiIds": (inputs, state) => {
    const wanted = (inputs.names ?? []) as readonly string[];
    const byTag = ((inputs.filters ?? []) as Filters).find(
      (f) => f.name === `tag:${AWS_WARM_POOL_TAG}`,
    )?.values?.[0];
    const names = awsGroups(state)
      .filter((g) => wanted.includes(g.physical) || g.pool === byTag)
      .map((g) => g.physical);
    return { id: "preview", names, arns: names.map((n) => `arn:preview:${n}`) };
  },
  "aws:autoscaling/getGroup:getGroup": (inputs, state) => {
    const group = awsGroups(state).find((g) => g.physical === inputs.name);
    if (group === undefined)
      throw new Error(`offline preview: no such group ${String(inputs.name)}`);
    return {
      id: group.physical,
      name: group.physical,
      desiredCapacity: claimsOf(state, group.pool).length,
    };
  },
  "gcp:compute/getRegionInstanceGroup:getRegionInstanceGroup": (inputs, state) => {
    const mig = warmRecords(state, GCP_MIG_TYPE, "mig").find((g) => g.physical === inputs.name);
    if (mig === undefined) throw new Error(`offline preview: no such MIG ${String(inputs.name)}`);
    const instances = claimsOf(state, mig.pool).map((c) => ({
      instance: `${mig.pool}-${c.index}`,
      status: "RUNNING",
      namedPorts: [],
    }));
    return { id: mig.physical, name: mig.physical, instances, size: instances.length };
  },
  "gcp:compute/getAddresses:getAddresses": (inputs, state) => {
    const filter = String(inputs.filter ?? "");
    const addresses: Record<string, unknown>[] = [];
    for (const [pool, claims] of Object.entries(state?.claims ?? {})) {
      if (filter !== `labels.${POOL_LABEL}=${gcpLabelValue(pool)}`) continue;
      for (const c of claims) {
        addresses.push({
          name: `${pool}-${c.index}`,
          status: "IN_USE",
          labels: {
            [POOL_LABEL]: gcpLabelValue(pool),
            [SLOT_LABEL]: String(c.index),
            [CLAIMED_BY_LABEL]: gcpLabelValue(c.by),
            ...(c.releasing === true ? { [RELEASING_LABEL]: "true" } : {}),
          },
        });
      }
    }
    return { id: "preview", addresses };
  },
};

/**
 * The offline answer of a reader that talks to a cluster directly (Kubernetes): a placeholder
 * pool with a workload and scenario `pods` reads them as the real reader reads a pod list;
 * otherwise the scenario's claims.
 *
 * @param pool the pool's config.
 * @param state the previous state file (with the scenario).
 * @returns the reading.
 */
export function offlineReading(pool: PoolConfig, state: DeploymentState | undefined): PoolReading {
  const pods = state?.pods?.[pool.name];
  const placeholders = pool.kind === "warm" && pool.cloud === "kubernetes";
  if (placeholders && pool.provider.workload !== undefined && pods !== undefined) {
    const slots = previousPool(state, pool.name, pool.kind, pool.cloud)?.slots ?? [];
    return readingFromPods(pods, slots);
  }
  return { claims: claimsOf(state, pool.name) };
}
