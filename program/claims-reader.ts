/**
 * Which claim reader serves each pool kind on each cloud. Claims are read from the cloud before any
 * component is built (tags, labels, attachments). AWS and GCP readers go through Pulumi invokes (so
 * the offline preview answers them under mocks); the Kubernetes reader talks to the cluster's API
 * directly, so the offline preview replaces it with {@link setOfflineClaims}. Warm pools have no
 * per-slot claims (the runtime autoscaler owns in-service capacity): their in-use COUNT is read
 * (AWS: the group's desiredCapacity; GCP: the MIG's RUNNING VMs) and turned into claims with
 * `claimsFromCount` (program/claims/warm.ts); Kubernetes placeholder pools count the running pods
 * of the workload named by `provider.workload` (program/claims/warm-k8s.ts), else keep the previous
 * deployment's claims (none); the same listing gives the pool's learned slot profile.
 */
import { existsSync, readFileSync } from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import type { ProfileReading } from "../components/k8s/pod-requests";
import type { SlotClaim } from "../components/slots";
import { readAwsAddresses } from "./claims/aws";
import { readGcpAddresses } from "./claims/gcp";
import type { AddressReading } from "./claims/check";
import { leakedAddresses, type LeakedAddress } from "./claims/leaks";
import { readK8sClaims } from "./claims/kubernetes";
import { readWarmClaims } from "./claims/warm";
import { readK8sWarmClaims } from "./claims/warm-k8s";
import { providerString, type PoolConfig } from "./config";
import { claimsFromPrevious } from "./run";
import { previousPool, type DeploymentState } from "./state";
import { SLOT_TAG } from "../components/aws/address-pool";
import { SLOT_LABEL } from "../components/gcp/address-pool";

/** What a pool's reader saw in the cloud. */
export interface PoolReading {
  /** The claims on the pool's slots now. */
  readonly claims: readonly SlotClaim[];
  /** Kubernetes placeholder pools with a workload: the slot profile learned from its pods. */
  readonly profile?: ProfileReading;
  /** Address pools: the pool's objects the last deployment did not record as slots. */
  readonly leaks?: readonly LeakedAddress[];
}

/** A claim reader: what one pool's slots look like now (previous: for count-based pools). */
export type ClaimReader = (
  pool: PoolConfig,
  previous: DeploymentState | undefined,
) => Promise<PoolReading>;

/** A reader that sees claims only. */
const claimsOnly =
  (
    read: (pool: PoolConfig, previous: DeploymentState | undefined) => Promise<SlotClaim[]>,
  ): ClaimReader =>
  async (pool, previous) => ({ claims: await read(pool, previous) });

/** Readers available in this build, by `kind/cloud`. */
export const CLAIM_READERS: Readonly<Record<string, ClaimReader>> = {
  "addresses/aws": async (pool, previous) => {
    const isPublic = pool.provider.addressType === "public";
    const read = await readAwsAddresses(pool.name, {
      addressType: isPublic ? "public" : "private",
    });
    return withLeaks(pool, previous, read, {
      resourceType: isPublic ? "aws:ec2/eip:Eip" : "aws:ec2/networkInterface:NetworkInterface",
      slotKey: SLOT_TAG,
    });
  },
  "addresses/gcp": async (pool, previous) => {
    const read = await readGcpAddresses(pool.name, {
      project: providerString(pool, "project"),
      region: providerString(pool, "region"),
    });
    return withLeaks(pool, previous, read, {
      resourceType: "gcp:compute/address:Address",
      slotKey: SLOT_LABEL,
    });
  },
  "namespaces/kubernetes": claimsOnly((pool) =>
    readK8sClaims(pool.name, { kubeconfig: providerKubeconfig() }),
  ),
  "warm/aws": claimsOnly(readWarmClaims),
  "warm/gcp": claimsOnly(readWarmClaims),
  "warm/kubernetes": (pool, previous) =>
    readK8sWarmClaims(pool, previous, { kubeconfig: providerKubeconfig() }),
};

/** An address pool's reading: its claims, and its objects the last deployment did not record. */
function withLeaks(
  pool: PoolConfig,
  previous: DeploymentState | undefined,
  read: AddressReading,
  ctx: { resourceType: string; slotKey: string },
): PoolReading {
  const before = previousPool(previous, pool.name, pool.kind, pool.cloud);
  const managed = new Set((before?.slots ?? []).map((s) => s.index));
  // Slots are children of the pool's component: an adopted one must be imported under it.
  const component = `shadowpool:${pool.cloud}:AddressPool`;
  const parentUrn = `urn:pulumi:${pulumi.getStack()}::${pulumi.getProject()}::${component}::${pool.name}`;
  const leaks = leakedAddresses(read.marks, managed, {
    pool: pool.name,
    parentUrn,
    mode: pool.mode,
    ...ctx,
  });
  return { claims: read.claims, ...(leaks.length === 0 ? {} : { leaks }) };
}

/**
 * The cluster the Kubernetes provider deploys to: its `kubernetes:kubeconfig` config (text or a
 * file path), so claims are read from the same cluster; undefined = the default chain.
 */
function providerKubeconfig(): string | undefined {
  const value = new pulumi.Config("kubernetes").get("kubeconfig");
  if (value === undefined || value.includes("\n")) return value;
  return existsSync(value) ? readFileSync(value, "utf8") : value;
}

/** Readers that do not go through invokes, and so cannot run under mocks. */
const DIRECT_READERS: ReadonlySet<string> = new Set(["namespaces/kubernetes", "warm/kubernetes"]);

let offline: ((pool: PoolConfig) => PoolReading) | undefined;

/**
 * Offline preview only: answer readers that would reach a cluster directly from a scenario.
 *
 * @param answer the reading per pool, or undefined to restore the real readers.
 */
export function setOfflineClaims(answer: ((pool: PoolConfig) => PoolReading) | undefined): void {
  offline = answer;
}

/**
 * What a pool's slots look like in the cloud now: claims and, for Kubernetes placeholder pools
 * with a workload, the learned slot profile.
 *
 * @param pool the pool's config.
 * @param previous the previous deployment's state.
 * @returns the reading.
 */
export async function readPoolClaims(
  pool: PoolConfig,
  previous: DeploymentState | undefined,
): Promise<PoolReading> {
  const key = `${pool.kind}/${pool.cloud}`;
  if (offline !== undefined && DIRECT_READERS.has(key)) return offline(pool);
  const reader = CLAIM_READERS[key];
  if (reader !== undefined) return reader(pool, previous);
  return { claims: claimsFromPrevious(pool, previous) };
}
