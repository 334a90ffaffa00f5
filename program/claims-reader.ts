/**
 * Which claim reader serves each pool kind on each cloud. Claims are read from the cloud before
 * any component is built (tags, labels, attachments); a kind without a reader in this build keeps
 * the claims the previous deployment recorded, so no claimed slot is ever dropped for lack of one.
 *
 * Offline preview state files may carry `claims` per pool: the claims "the cloud" reports in that
 * scenario. Real stack outputs never carry them.
 */
import type { SlotClaim } from "../components/slots";
import type { PoolConfig } from "./config";
import { claimsFromPrevious } from "./run";
import type { DeploymentState } from "./state";

/** A claim reader: the claims on one pool's slots now. */
export type ClaimReader = (pool: PoolConfig) => Promise<readonly SlotClaim[]>;

/** Readers available in this build, by `kind/cloud`. */
export const CLAIM_READERS: Readonly<Record<string, ClaimReader>> = {};

/**
 * The claims on a pool's slots.
 *
 * @param pool the pool's config.
 * @param previous the previous deployment's state.
 * @returns the claims.
 */
export async function readPoolClaims(
  pool: PoolConfig,
  previous: DeploymentState | undefined,
): Promise<readonly SlotClaim[]> {
  const scenario = previous?.claims?.[pool.name];
  if (scenario !== undefined) return scenario;
  const reader = CLAIM_READERS[`${pool.kind}/${pool.cloud}`];
  if (reader !== undefined) return reader(pool);
  return claimsFromPrevious(pool, previous);
}
