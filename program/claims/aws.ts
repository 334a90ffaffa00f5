/**
 * Claims of an AWS address pool, read before any component is built: the pool's network
 * interfaces (private) or Elastic IPs (public), found by the tag `shadowpool:pool=<pool>`. A slot
 * is claimed when it carries `shadowpool:claimed-by` or is attached/associated; the tag
 * `shadowpool:releasing=true` marks it releasing (`=80`: 80 % likely to be back in time). Reads go through Pulumi invokes, so they run
 * under `pulumi up`, `pulumi preview` and Pulumi mocks alike.
 */
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import {
  CLAIMED_BY_TAG,
  POOL_TAG,
  RELEASING_TAG,
  SLOT_TAG,
} from "../../components/aws/address-pool";
import type { SlotClaim } from "../../components/slots";
import {
  claimsFromMarks,
  errorText,
  releaseMark,
  type AddressReading,
  type ClaimMarks,
} from "./check";

/** Where and how to read. */
export interface AwsClaimReadOptions {
  /** `"private"`: network interfaces; `"public"`: Elastic IPs (as the pool's `addressType`). */
  readonly addressType: "private" | "public";
  /** Region to read; default: the provider's. */
  readonly region?: string;
  /** Explicit provider for the invokes; default: the program's default AWS provider. */
  readonly provider?: pulumi.ProviderResource;
}

/** What decides a network interface's claim (a subset of `getNetworkInterface`'s result). */
export interface AwsInterfaceSeen {
  readonly id: string;
  readonly tags?: Readonly<Record<string, string>>;
  readonly attachments?: readonly {
    readonly instanceId?: string;
    readonly attachmentId?: string;
  }[];
}

/** What decides an Elastic IP's claim (a subset of `getElasticIp`'s result). */
export interface AwsElasticIpSeen {
  readonly id: string;
  readonly tags?: Readonly<Record<string, string>>;
  readonly instanceId?: string;
  readonly networkInterfaceId?: string;
  readonly associationId?: string;
}

/** Pure: a network interface's marks; attached means held by the instance (or the attachment). */
export function interfaceMarks(eni: AwsInterfaceSeen): ClaimMarks {
  const tags = eni.tags ?? {};
  const attachment = (eni.attachments ?? []).find((a) => a.instanceId || a.attachmentId);
  const attachedTo = attachment ? attachment.instanceId || attachment.attachmentId : undefined;
  return {
    ref: `network interface ${eni.id}`,
    slot: tags[SLOT_TAG],
    by: tags[CLAIMED_BY_TAG] || attachedTo || undefined,
    releasing: releaseMark(tags[RELEASING_TAG]),
  };
}

/** Pure: an Elastic IP's marks; associated means held by the instance or interface. */
export function elasticIpMarks(eip: AwsElasticIpSeen): ClaimMarks {
  const tags = eip.tags ?? {};
  const associatedTo = eip.instanceId || eip.networkInterfaceId || eip.associationId || undefined;
  return {
    ref: `elastic IP ${eip.id}`,
    slot: tags[SLOT_TAG],
    by: tags[CLAIMED_BY_TAG] || associatedTo,
    releasing: releaseMark(tags[RELEASING_TAG]),
  };
}

/**
 * Pure: claims from what was read.
 *
 * @param pool the pool's name (for messages).
 * @param addressType which kind of objects these are.
 * @param seen the pool's objects.
 * @returns claims sorted by slot index.
 * @throws {ClaimError} listing held objects without a usable slot tag and slots claimed twice.
 */
export function awsClaimsFromObjects(
  pool: string,
  addressType: "private" | "public",
  seen: readonly (AwsInterfaceSeen | AwsElasticIpSeen)[],
): SlotClaim[] {
  const marks = seen.map((o) =>
    addressType === "private" ? interfaceMarks(o as AwsInterfaceSeen) : elasticIpMarks(o),
  );
  return claimsFromMarks(awsClaimSource(pool, addressType), SLOT_TAG, marks);
}

/** How a read names itself in messages. */
export function awsClaimSource(pool: string, addressType: "private" | "public"): string {
  const what = addressType === "private" ? "network interfaces" : "elastic IPs";
  return `aws ${what} tagged ${POOL_TAG}=${pool}`;
}

/**
 * Read the pool's objects from AWS: their claims, and every object's marks with its id (for
 * `leakedAddresses`).
 *
 * @param pool the pool's name (the value of its `shadowpool:pool` tag).
 * @param options which objects, where, through which provider.
 * @returns claims sorted by slot index, and the marks of every object read.
 * @throws {ClaimError} on ambiguous tags; the invoke's error (prefixed with the source) when AWS fails.
 */
export async function readAwsAddresses(
  pool: string,
  options: AwsClaimReadOptions,
): Promise<AddressReading> {
  const opts = options.provider ? { provider: options.provider } : undefined;
  const filters = [{ name: `tag:${POOL_TAG}`, values: [pool] }];
  const region = options.region;
  const source = awsClaimSource(pool, options.addressType);
  try {
    let seen: (AwsInterfaceSeen | AwsElasticIpSeen)[];
    if (options.addressType === "private") {
      const found = await aws.ec2.getNetworkInterfaces({ filters, region }, opts);
      seen = await Promise.all(
        found.ids.map((id) => aws.ec2.getNetworkInterface({ id, region }, opts)),
      );
    } else {
      const found = await aws.ec2.getEips({ filters, region }, opts);
      seen = await Promise.all(
        found.allocationIds.map((id) => aws.ec2.getElasticIp({ id, region }, opts)),
      );
    }
    const marks = seen.map((o) => ({
      ...(options.addressType === "private"
        ? interfaceMarks(o as AwsInterfaceSeen)
        : elasticIpMarks(o)),
      id: o.id,
    }));
    return { claims: awsClaimsFromObjects(pool, options.addressType, seen), marks };
  } catch (e) {
    if (e instanceof Error && e.name === "ClaimError") throw e;
    throw new Error(`${source}: reading claims failed: ${errorText(e)}`);
  }
}
