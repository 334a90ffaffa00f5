/**
 * Claims of a GCP address pool, read before any component is built: the pool's reserved addresses,
 * found with `gcp.compute.getAddresses` filtered on the label `shadowpool-pool=<pool>`. An address
 * is claimed when its status is IN_USE (a forwarding rule or VM uses it) or it carries the label
 * `shadowpool-claimed-by`; `shadowpool-releasing=true` marks it releasing (`=80`: 80 % likely to
 * be back in time; see `releaseMark`). GCP label keys cannot
 * hold `:` or `.`, hence dashes.
 */
import * as gcp from "@pulumi/gcp";
import type * as pulumi from "@pulumi/pulumi";
import {
  CLAIMED_BY_LABEL,
  POOL_LABEL,
  RELEASING_LABEL,
  SLOT_LABEL,
  gcpLabelValue,
} from "../../components/gcp/address-pool";
import type { SlotClaim } from "../../components/slots";
import {
  claimsFromMarks,
  errorText,
  releaseMark,
  type AddressReading,
  type ClaimMarks,
} from "./check";

/** Where and how to read. */
export interface GcpClaimReadOptions {
  /** Project to read; default: the provider's. */
  readonly project?: string;
  /** Region of the addresses; default: all regions. */
  readonly region?: string;
  /** Explicit provider for the invoke; default: the program's default GCP provider. */
  readonly provider?: pulumi.ProviderResource;
}

/** What decides an address's claim (a subset of `getAddresses`'s address entries). */
export interface GcpAddressSeen {
  readonly name: string;
  readonly region?: string;
  readonly status?: string;
  readonly labels?: Readonly<Record<string, string>>;
}

/** Pure: an address's marks; IN_USE without a claimed-by label is held by "in-use". */
export function addressMarks(a: GcpAddressSeen): ClaimMarks {
  const labels = a.labels ?? {};
  const inUse = a.status === "IN_USE";
  return {
    ref: `address ${a.region ? `${a.region}/` : ""}${a.name}`,
    slot: labels[SLOT_LABEL],
    by: labels[CLAIMED_BY_LABEL] || (inUse ? "in-use" : undefined),
    releasing: releaseMark(labels[RELEASING_LABEL]),
  };
}

/** The `getAddresses` filter for a pool: its label, as the component writes it. */
export function gcpPoolFilter(pool: string): string {
  return `labels.${POOL_LABEL}=${gcpLabelValue(pool)}`;
}

/** How a read names itself in messages. */
export function gcpClaimSource(pool: string): string {
  return `gcp addresses labelled ${POOL_LABEL}=${gcpLabelValue(pool)}`;
}

/**
 * Pure: claims from what was read. Addresses of other pools (a filter the API did not apply) are
 * ignored.
 *
 * @param pool the pool's name.
 * @param seen the addresses read.
 * @returns claims sorted by slot index.
 * @throws {ClaimError} listing held addresses without a usable slot label and slots claimed twice.
 */
export function gcpClaimsFromAddresses(pool: string, seen: readonly GcpAddressSeen[]): SlotClaim[] {
  const mine = seen.filter((a) => (a.labels ?? {})[POOL_LABEL] === gcpLabelValue(pool));
  return claimsFromMarks(gcpClaimSource(pool), SLOT_LABEL, mine.map(addressMarks));
}

/**
 * Read the pool's addresses from GCP: their claims, and every address's marks with its import id
 * (`<region>/<name>`, or the name of a global address), for `leakedAddresses`.
 *
 * @param pool the pool's name.
 * @param options project, region, provider.
 * @returns claims sorted by slot index, and the marks of the pool's addresses.
 * @throws {ClaimError} on ambiguous labels; an error naming the read when GCP fails.
 */
export async function readGcpAddresses(
  pool: string,
  options: GcpClaimReadOptions = {},
): Promise<AddressReading> {
  const opts = options.provider ? { provider: options.provider } : undefined;
  const source = gcpClaimSource(pool);
  let found: gcp.compute.GetAddressesResult;
  try {
    found = await gcp.compute.getAddresses(
      { filter: gcpPoolFilter(pool), project: options.project, region: options.region },
      opts,
    );
  } catch (e) {
    throw new Error(`${source}: reading claims failed: ${errorText(e)}`);
  }
  const addresses = found.addresses ?? [];
  const marks = addresses
    .filter((a) => (a.labels ?? {})[POOL_LABEL] === gcpLabelValue(pool))
    .map((a) => ({ ...addressMarks(a), id: a.region ? `${a.region}/${a.name}` : a.name }));
  return { claims: gcpClaimsFromAddresses(pool, addresses), marks };
}
