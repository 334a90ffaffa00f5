/**
 * In-use counts of warm pools, read before any component is built. Warm instances have no
 * identity Shadowpool can see (the runtime autoscaler launches and terminates them), so a warm
 * pool's claims are a COUNT turned into slot claims with `claimsFromCount(n, previous.slots)`:
 * the plan's `peak` is total prepared capacity (in use + shadow), so without the count the whole
 * peak would be held as warm capacity on top of what is already in service.
 *
 * - AWS: n = the Auto Scaling group's `desiredCapacity` (the instances the group keeps in
 *   service; warm-pool instances are not part of it). `aws.autoscaling.getGroup` has no instance
 *   list, so this is the closest in-service figure. The group is found by `groupName` when the
 *   pool sets it, else by the tag `shadowpool:pool=<pool>` the component puts on it (through
 *   `aws.autoscaling.getAmiIds`, the Auto Scaling group list). No group yet → 0.
 * - GCP: n = RUNNING instances of the regional MIG (`gcp.compute.getRegionInstanceGroup`;
 *   standby VMs are stopped or suspended, so they are not counted). A MIG has no labels to search
 *   by, so this needs the pool's `migName`; without it (a generated name) n = 0 and a warning says
 *   so. A failed read of a MIG the previous deployment did not record is a first deployment → 0.
 * - Kubernetes: running pods of the workload named by `provider.workload` (program/claims/warm-k8s.ts,
 *   which talks to the cluster directly, not through an invoke).
 *
 * Every invoke failure rejects, so the program keeps the previous deployment's claims and removes
 * no slot (program/run.ts, readClaimsSafely).
 */
import * as aws from "@pulumi/aws";
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { claimsFromCount, type SlotClaim } from "../../components/slots";
import { providerString, type PoolConfig } from "../config";
import { previousPool, type DeploymentState } from "../state";
import { errorText } from "./check";

/** The tag the warm-pool component puts on its group (components/aws/warm-pool.ts). */
export const AWS_WARM_POOL_TAG = "shadowpool:pool";
/** Type token and child suffix of the MIG the GCP standby pool declares. */
export const GCP_MIG_TYPE = "gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager";

/** An in-use count and, when it is a stand-in rather than a reading, why. */
export interface WarmCount {
  readonly count: number;
  readonly note?: string;
  /** The note is a warning (the count is a guess that over-provisions), not information. */
  readonly warning?: boolean;
}

/** What decides an AWS group's in-service count (a subset of `getGroup`'s result). */
export interface AwsGroupSeen {
  readonly name: string;
  readonly desiredCapacity: number;
}

/** What decides a MIG's running count (a subset of `getRegionInstanceGroup`'s instances). */
export interface GcpInstanceSeen {
  readonly instance?: string;
  readonly status?: string;
}

/**
 * Pure: in-service instances of a group.
 *
 * @param pool the pool's name (for messages).
 * @param group the group read, or undefined when it does not exist yet.
 * @returns the count (0 without a group).
 * @throws {Error} when AWS reported a desiredCapacity that is not an integer >= 0.
 */
export function awsInServiceCount(pool: string, group: AwsGroupSeen | undefined): number {
  if (group === undefined) return 0;
  const n = group.desiredCapacity;
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new Error(
      `${pool}: Auto Scaling group ${group.name} reports desiredCapacity ${JSON.stringify(n)}, not an integer >= 0`,
    );
  }
  return n;
}

/**
 * Pure: running VMs of a MIG. Standby VMs (STOPPED/TERMINATED/SUSPENDED) and VMs still being
 * created are not in service.
 *
 * @param instances the group's instances.
 * @returns how many are RUNNING.
 */
export function gcpRunningCount(instances: readonly GcpInstanceSeen[]): number {
  return instances.filter((i) => i.status === "RUNNING").length;
}

/** Where to read an AWS warm pool's group. */
export interface AwsWarmReadOptions {
  /** The group's name (the pool's `groupName`); default: found by the pool tag. */
  readonly groupName?: string;
  readonly region?: string;
  readonly provider?: pulumi.ProviderResource;
}

/**
 * Read the in-service count of an AWS warm pool's group.
 *
 * @param pool the pool's name (its group's `shadowpool:pool` tag).
 * @param options group name, region, provider.
 * @returns the count (0 when no group exists yet).
 * @throws {Error} naming the group when AWS fails, or when several groups carry the pool's tag.
 */
export async function readAwsInService(
  pool: string,
  options: AwsWarmReadOptions = {},
): Promise<WarmCount> {
  const opts = options.provider ? { provider: options.provider } : undefined;
  const region = options.region;
  const source =
    options.groupName !== undefined
      ? `aws auto scaling group ${options.groupName}`
      : `aws auto scaling groups tagged ${AWS_WARM_POOL_TAG}=${pool}`;
  let names: string[];
  try {
    // The list answers "no such group" with an empty list, where getGroup would fail.
    const found = await aws.autoscaling.getAmiIds(
      options.groupName !== undefined
        ? { names: [options.groupName], region }
        : { filters: [{ name: `tag:${AWS_WARM_POOL_TAG}`, values: [pool] }], region },
      opts,
    );
    names = found.names ?? [];
  } catch (e) {
    throw new Error(`${source}: reading the in-service count failed: ${errorText(e)}`);
  }
  if (names.length === 0) {
    return { count: 0, note: `${source}: no group yet (first deployment), 0 in service` };
  }
  if (names.length > 1) {
    throw new Error(
      `${source}: ${names.length} groups match (${names.join(", ")}); ` +
        `set the pool's provider.groupName so its in-service count is read from one group`,
    );
  }
  let group: AwsGroupSeen;
  try {
    group = await aws.autoscaling.getGroup({ name: names[0], region }, opts);
  } catch (e) {
    throw new Error(`${source}: reading the in-service count failed: ${errorText(e)}`);
  }
  return { count: awsInServiceCount(pool, group) };
}

/** Where to read a GCP standby pool's MIG. */
export interface GcpWarmReadOptions {
  /** The MIG's name (the pool's `migName`); without it the MIG cannot be found. */
  readonly migName?: string;
  readonly region?: string;
  readonly project?: string;
  /** The previous deployment declared the MIG: a failed read is then an error, not "no MIG yet". */
  readonly recorded: boolean;
  readonly provider?: pulumi.ProviderResource;
}

/**
 * Read the running count of a GCP standby pool's MIG.
 *
 * @param pool the pool's name.
 * @param options MIG name, region, project, whether it should exist.
 * @returns the count (0 with a note when the MIG cannot be named or does not exist yet).
 * @throws {Error} naming the MIG when GCP fails on a MIG the previous deployment declared.
 */
export async function readGcpRunning(
  pool: string,
  options: GcpWarmReadOptions,
): Promise<WarmCount> {
  if (options.migName === undefined) {
    return {
      count: 0,
      note:
        `${pool}: running VMs not read (the MIG's name is generated); counted 0 in use, so the ` +
        `standby pool holds the whole peak; set provider.migName to count them`,
      warning: true,
    };
  }
  const opts = options.provider ? { provider: options.provider } : undefined;
  const source = `gcp regional instance group ${options.migName}`;
  try {
    const group = await gcp.compute.getRegionInstanceGroup(
      { name: options.migName, region: options.region, project: options.project },
      opts,
    );
    return { count: gcpRunningCount(group.instances ?? []) };
  } catch (e) {
    if (!options.recorded) {
      return { count: 0, note: `${source}: not found (first deployment), 0 in use` };
    }
    throw new Error(`${source}: reading the running count failed: ${errorText(e)}`);
  }
}

/**
 * The claims of a warm pool: its in-use count as slot claims on the previous slot table.
 *
 * @param pool the pool's config (kind `warm`).
 * @param previous the previous deployment's state.
 * @returns claims (`claimsFromCount`).
 * @throws {Error} when the count cannot be read.
 */
export async function readWarmClaims(
  pool: PoolConfig,
  previous: DeploymentState | undefined,
): Promise<SlotClaim[]> {
  const slots = previousPool(previous, pool.name, pool.kind, pool.cloud)?.slots ?? [];
  let read: WarmCount;
  if (pool.cloud === "aws") {
    read = await readAwsInService(pool.name, {
      groupName: providerString(pool, "groupName"),
      region: providerString(pool, "region"),
    });
  } else if (pool.cloud === "gcp") {
    read = await readGcpRunning(pool.name, {
      migName: providerString(pool, "migName"),
      region: providerString(pool, "region"),
      project: providerString(pool, "project"),
      recorded: (previous?.resources ?? []).some(
        (r) => r.type === GCP_MIG_TYPE && r.name === `${pool.name}-mig`,
      ),
    });
  } else {
    // Kubernetes is read by program/claims/warm-k8s.ts (no invoke).
    throw new Error(`${pool.name}: no invoke-based in-use reader for warm pools on ${pool.cloud}`);
  }
  if (read.note !== undefined) (read.warning ? pulumi.log.warn : pulumi.log.info)(read.note);
  return claimsFromCount(read.count, slots);
}
