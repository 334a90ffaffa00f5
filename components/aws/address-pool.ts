/**
 * AWS reserved addresses: one slot = one network interface in a subnet (a private IP held for
 * whoever attaches it) or one Elastic IP (a public IP held in the account).
 *
 * Tags: Shadowpool owns `shadowpool:pool`, `shadowpool:slot` and `shadowpool:state`. Whoever takes
 * an address sets `shadowpool:claimed-by` (and `shadowpool:releasing=true` to announce it gives the
 * address back); Shadowpool never writes those keys and lists them in `ignoreChanges`, together
 * with the attachment/association fields a claimer changes, so a deployment (even after
 * `pulumi refresh` copies them into the state) never detaches or untags a claimed address.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { PoolArgsBase } from "../pool";
import { validatePoolArgs } from "../pool-validate";
import { PoolComponent } from "../pool-component";
import { shadowTable, type ShadowTableRow } from "../shadow-table";
import { claimsFromSlotMarks, slotMarks, type SlotMarkKeys } from "../slot-marks";
import type { Slot, SlotClaim } from "../slots";
import { checkOneOf, throwIfProblems } from "../validate";

export const POOL_TAG = "shadowpool:pool";
export const SLOT_TAG = "shadowpool:slot";
export const STATE_TAG = "shadowpool:state";
/** Set by the claimer (never by Shadowpool): who holds the address. */
export const CLAIMED_BY_TAG = "shadowpool:claimed-by";
/** Set by the claimer (never by Shadowpool): `true` when the address is about to be given back. */
export const RELEASING_TAG = "shadowpool:releasing";
/** The tags Shadowpool owns, for {@link slotMarks}. */
const OWN_TAGS: SlotMarkKeys = { pool: POOL_TAG, slot: SLOT_TAG, state: STATE_TAG };

/** Args of {@link AwsAddressPool}. */
export interface AwsAddressPoolArgs extends PoolArgsBase {
  /** `"private"`: a network interface in `subnetId`; `"public"`: an Elastic IP (`domain: "vpc"`). Required. */
  readonly addressType: "private" | "public";
  /** Subnet of the network interfaces. Required with `"private"`, not allowed with `"public"`. */
  readonly subnetId?: pulumi.Input<string>;
  /** Security groups of the network interfaces. Default: the VPC's default group. Private only. */
  readonly securityGroups?: pulumi.Input<string>[];
  /** Public IPv4 pool (BYOIP) of the Elastic IPs. Default: Amazon's pool. Public only. */
  readonly publicIpv4Pool?: pulumi.Input<string>;
  /** Extra tags on every slot (keys must not start with `shadowpool:`). Default: none. */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * Pure validation (shared pool fields included).
 *
 * @param args the component's args
 * @param path prefix for messages, e.g. `pools[3]`
 * @returns every problem found (empty when valid)
 */
export function validateAwsAddressPoolArgs(args: AwsAddressPoolArgs, path = "args"): string[] {
  const p = validatePoolArgs(args, path);
  if (checkOneOf(p, `${path}.addressType`, args.addressType, ["private", "public"])) {
    if (args.addressType === "private" && args.subnetId === undefined) {
      p.push(
        `${path}.subnetId is required with addressType "private" (got undefined); pass the subnet that holds the addresses`,
      );
    }
    if (args.addressType === "public") {
      if (args.subnetId !== undefined)
        p.push(`${path}.subnetId is only for addressType "private"; remove it or use "private"`);
      if (args.securityGroups !== undefined) {
        p.push(
          `${path}.securityGroups is only for addressType "private"; remove it or use "private"`,
        );
      }
    }
    if (args.addressType === "private" && args.publicIpv4Pool !== undefined) {
      p.push(`${path}.publicIpv4Pool is only for addressType "public"; remove it or use "public"`);
    }
  }
  for (const [key, value] of Object.entries(args.tags ?? {})) {
    if (key.startsWith("shadowpool:")) {
      p.push(
        `${path}.tags["${key}"] uses the reserved prefix shadowpool: (Shadowpool and claimers own it); rename the tag`,
      );
    } else if (key.length === 0 || key.length > 128) {
      p.push(`${path}.tags["${key}"] key must be 1..128 characters (got ${key.length})`);
    }
    if (typeof value !== "string" || value.length > 256) {
      p.push(
        `${path}.tags["${key}"] must be a string of at most 256 characters (got ${JSON.stringify(value)})`,
      );
    }
  }
  return p;
}

/** Pure: the tags of one slot (extra tags first, Shadowpool's on top). */
export function slotTags(
  pool: string,
  slot: Slot,
  extra: Readonly<Record<string, string>> = {},
): Record<string, string> {
  return slotMarks(OWN_TAGS, pool, slot, extra);
}

/** What the program read for one tagged address of the pool (from `aws.ec2.getNetworkInterfaces`/EIP lookups). */
export interface AwsTaggedAddress {
  readonly tags: Readonly<Record<string, string>>;
  /** Instance or interface the address is attached/associated to, if any. */
  readonly attachedTo?: string;
}

/**
 * Pure: claims from the tags and attachments the program read. An address is claimed when it
 * carries `shadowpool:claimed-by` or is attached (then claimed by what it is attached to);
 * `shadowpool:releasing=true` marks it releasing. Addresses of other pools are ignored.
 *
 * @param pool the pool's name
 * @param found what the program read
 * @returns one claim per claimed slot, by index
 */
export function claimsFromAwsTags(pool: string, found: readonly AwsTaggedAddress[]): SlotClaim[] {
  const read = found.map((a) => ({
    pool: a.tags[POOL_TAG],
    slot: a.tags[SLOT_TAG],
    by: a.tags[CLAIMED_BY_TAG] || a.attachedTo,
    releasing: a.tags[RELEASING_TAG] === "true",
  }));
  return claimsFromSlotMarks(pool, read);
}

/** Tag paths and fields a claimer owns (kept out of every update). */
const CLAIMER_TAG_PATHS = [`tags["${CLAIMED_BY_TAG}"]`, `tags["${RELEASING_TAG}"]`];

/** Reserved private IPs (network interfaces) or public IPs (Elastic IPs), sized by the plan. */
export class AwsAddressPool extends PoolComponent {
  /** The slots declared by this deployment (observe mode: the previous ones). */
  public readonly declared: pulumi.Output<Slot[]>;
  /** Slot → address → state → since → expected for, one row per declared slot. */
  public readonly shadowTable: pulumi.Output<ShadowTableRow[]>;
  /** The slot resources by index. */
  public readonly addresses: Record<number, aws.ec2.NetworkInterface | aws.ec2.Eip>;

  constructor(name: string, args: AwsAddressPoolArgs, opts?: pulumi.ComponentResourceOptions) {
    // Every problem at once, before anything (the component included) is registered.
    throwIfProblems(`AwsAddressPool "${name}"`, validateAwsAddressPoolArgs(args));
    super("shadowpool:aws:AddressPool", name, args, opts);
    const resolved = this.resolved;

    this.addresses = {};
    const ips: pulumi.Output<string>[] = [];
    for (const slot of resolved.declared) {
      const tags = slotTags(name, slot, args.tags);
      if (args.addressType === "private") {
        const eni = new aws.ec2.NetworkInterface(
          slot.name,
          {
            subnetId: args.subnetId as pulumi.Input<string>,
            securityGroups: args.securityGroups,
            description: `shadowpool ${name} slot ${slot.index}`,
            tags,
          },
          // A claimer attaches the interface: never detach it.
          { parent: this, ignoreChanges: [...CLAIMER_TAG_PATHS, "attachments"] },
        );
        this.addresses[slot.index] = eni;
        ips.push(eni.privateIp);
      } else {
        const eip = new aws.ec2.Eip(
          slot.name,
          { domain: "vpc", publicIpv4Pool: args.publicIpv4Pool, tags },
          // A claimer associates the address: never disassociate it.
          {
            parent: this,
            ignoreChanges: [
              ...CLAIMER_TAG_PATHS,
              "instance",
              "networkInterface",
              "associateWithPrivateIp",
            ],
          },
        );
        this.addresses[slot.index] = eip;
        ips.push(eip.publicIp);
      }
    }

    this.declared = pulumi.output(resolved.declared);
    this.shadowTable = shadowTable(resolved.declared, ips);
    this.registerPoolOutputs({ declared: this.declared, shadowTable: this.shadowTable });
  }
}
