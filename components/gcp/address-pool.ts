/**
 * GCP reserved addresses: one slot = one regional `compute.Address`, INTERNAL (a private IP held in
 * a subnetwork) or EXTERNAL (a public IP held in the project).
 *
 * Labels: Shadowpool owns `shadowpool-pool`, `shadowpool-slot` and `shadowpool-state` (GCP label
 * keys cannot hold `:` or `/`; values are lowercased and cut to 63 characters). Whoever takes an
 * address sets `shadowpool-claimed-by` (and `shadowpool-releasing=true` to announce giving it
 * back). The provider's `labels` only manages the keys in the program (other labels show in
 * `effectiveLabels` and are left alone); the claimer's keys are also listed in `ignoreChanges`.
 */
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import type { PoolArgsBase } from "../pool";
import { validatePoolArgs } from "../pool-validate";
import { PoolComponent } from "../pool-component";
import { shadowTable, type ShadowTableRow } from "../shadow-table";
import { claimsFromSlotMarks, slotMarks, type SlotMarkKeys } from "../slot-marks";
import type { Slot, SlotClaim } from "../slots";
import { checkOneOf, throwIfProblems } from "../validate";

export const POOL_LABEL = "shadowpool-pool";
export const SLOT_LABEL = "shadowpool-slot";
export const STATE_LABEL = "shadowpool-state";
/** Set by the claimer (never by Shadowpool): who holds the address (a label value). */
export const CLAIMED_BY_LABEL = "shadowpool-claimed-by";
/** Set by the claimer (never by Shadowpool): `true` when the address is about to be given back. */
export const RELEASING_LABEL = "shadowpool-releasing";
/** The labels Shadowpool owns, for {@link slotMarks}. */
const OWN_LABELS: SlotMarkKeys = { pool: POOL_LABEL, slot: SLOT_LABEL, state: STATE_LABEL };

/** A GCP resource name: lowercase letter first, then lowercase letters, digits and dashes, no trailing dash. */
const GCP_NAME = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
/** A GCP label key (ASCII subset): lowercase letter first, ≤ 63 characters. */
const LABEL_KEY = /^[a-z][a-z0-9_-]{0,62}$/;
/** A GCP label value (ASCII subset): ≤ 63 characters, may be empty. */
const LABEL_VALUE = /^[a-z0-9_-]{0,63}$/;
/** Longest component name: Pulumi adds `-<index>` and an 8-character suffix, GCP allows 63. */
export const GCP_MAX_POOL_NAME = 40;

/**
 * Problems with a name Pulumi will turn into GCP resource names (`${name}-…-<suffix>`).
 *
 * @param name the component's name
 * @param field how to call it in messages
 * @returns every problem found
 */
export function gcpNameProblems(name: string, field = "name"): string[] {
  if (GCP_NAME.test(name) && name.length <= GCP_MAX_POOL_NAME) return [];
  return [
    `${field} must be 1..${GCP_MAX_POOL_NAME} lowercase letters, digits or dashes, starting with a letter (got ${JSON.stringify(name)}); GCP names its resources after it`,
  ];
}

/**
 * Pure: a GCP label value from any string: lowercase, other characters become `-`, at most 63.
 *
 * @param value any string
 * @returns a valid label value
 */
export function gcpLabelValue(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, "-")
    .slice(0, 63);
}

/** Args of {@link GcpAddressPool}. */
export interface GcpAddressPoolArgs extends PoolArgsBase {
  /** `"INTERNAL"` (in `subnetwork`) or `"EXTERNAL"`. Required. */
  readonly addressType: "INTERNAL" | "EXTERNAL";
  /** Subnetwork of internal addresses (self link or name). Required with INTERNAL, not allowed with EXTERNAL. */
  readonly subnetwork?: pulumi.Input<string>;
  /** Region of the addresses. Default: the provider's region. */
  readonly region?: pulumi.Input<string>;
  /** Project. Default: the provider's project. */
  readonly project?: pulumi.Input<string>;
  /** Network tier of external addresses. Default: GCP's (`PREMIUM`). EXTERNAL only. */
  readonly networkTier?: "PREMIUM" | "STANDARD";
  /** Purpose of internal addresses (e.g. `GCE_ENDPOINT`, `SHARED_LOADBALANCER_VIP`). Default: GCP's (`GCE_ENDPOINT`). */
  readonly purpose?: string;
  /** Extra labels on every slot (valid GCP labels, keys not starting with `shadowpool-`). Default: none. */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * Pure validation (shared pool fields included).
 *
 * @param args the component's args
 * @param path prefix for messages, e.g. `pools[3]`
 * @returns every problem found (empty when valid)
 */
export function validateGcpAddressPoolArgs(args: GcpAddressPoolArgs, path = "args"): string[] {
  const p = validatePoolArgs(args, path);
  if (checkOneOf(p, `${path}.addressType`, args.addressType, ["INTERNAL", "EXTERNAL"])) {
    if (args.addressType === "INTERNAL" && args.subnetwork === undefined) {
      p.push(
        `${path}.subnetwork is required with addressType INTERNAL (got undefined); pass the subnetwork that holds the addresses`,
      );
    }
    if (args.addressType === "EXTERNAL" && args.subnetwork !== undefined) {
      p.push(`${path}.subnetwork is only for addressType INTERNAL; remove it or use INTERNAL`);
    }
    if (args.addressType === "INTERNAL" && args.networkTier !== undefined) {
      p.push(`${path}.networkTier is only for addressType EXTERNAL; remove it or use EXTERNAL`);
    }
  }
  if (args.networkTier !== undefined)
    checkOneOf(p, `${path}.networkTier`, args.networkTier, ["PREMIUM", "STANDARD"]);
  for (const [key, value] of Object.entries(args.labels ?? {})) {
    if (key.startsWith("shadowpool-")) {
      p.push(
        `${path}.labels["${key}"] uses the reserved prefix shadowpool- (Shadowpool and claimers own it); rename the label`,
      );
    } else if (!LABEL_KEY.test(key)) {
      p.push(
        `${path}.labels["${key}"] key must start with a lowercase letter and hold only a-z, 0-9, _ and - (at most 63)`,
      );
    }
    if (typeof value !== "string" || !LABEL_VALUE.test(value)) {
      p.push(
        `${path}.labels["${key}"] value must hold only a-z, 0-9, _ and - (at most 63; got ${JSON.stringify(value)})`,
      );
    }
  }
  return p;
}

/** Pure: the labels of one slot (extra labels first, Shadowpool's on top). */
export function slotLabels(
  pool: string,
  slot: Slot,
  extra: Readonly<Record<string, string>> = {},
): Record<string, string> {
  return slotMarks(OWN_LABELS, gcpLabelValue(pool), slot, extra);
}

/** What the program read for one labelled address (from `gcp.compute.getAddresses`). */
export interface GcpLabelledAddress {
  readonly labels: Readonly<Record<string, string>>;
  /** The address's `users` (resources using it); non-empty means it is in use. */
  readonly users?: readonly string[];
}

/**
 * Pure: claims from the labels and users the program read. An address is claimed when it has the
 * `shadowpool-claimed-by` label or any user (then claimed by the first user);
 * `shadowpool-releasing=true` marks it releasing. Addresses of other pools are ignored.
 *
 * @param pool the pool's name (compared as a label value)
 * @param found what the program read
 * @returns one claim per claimed slot, by index
 */
export function claimsFromGcpLabels(
  pool: string,
  found: readonly GcpLabelledAddress[],
): SlotClaim[] {
  const read = found.map((a) => ({
    pool: a.labels[POOL_LABEL],
    slot: a.labels[SLOT_LABEL],
    by: a.labels[CLAIMED_BY_LABEL] || a.users?.[0],
    releasing: a.labels[RELEASING_LABEL] === "true",
  }));
  return claimsFromSlotMarks(gcpLabelValue(pool), read);
}

/** Reserved internal or external IPs (`compute.Address`), sized by the plan. */
export class GcpAddressPool extends PoolComponent {
  /** The slots declared by this deployment (observe mode: the previous ones). */
  public readonly declared: pulumi.Output<Slot[]>;
  /** Slot → address → state → since → expected for, one row per declared slot. */
  public readonly shadowTable: pulumi.Output<ShadowTableRow[]>;
  /** The slot resources by index. */
  public readonly addresses: Record<number, gcp.compute.Address>;

  constructor(name: string, args: GcpAddressPoolArgs, opts?: pulumi.ComponentResourceOptions) {
    // Every problem at once, before anything (the component included) is registered.
    throwIfProblems(`GcpAddressPool "${name}"`, [
      ...gcpNameProblems(name),
      ...validateGcpAddressPoolArgs(args),
    ]);
    super("shadowpool:gcp:AddressPool", name, args, opts);
    const resolved = this.resolved;

    this.addresses = {};
    const ips: pulumi.Output<string>[] = [];
    for (const slot of resolved.declared) {
      const address = new gcp.compute.Address(
        slot.name,
        {
          addressType: args.addressType,
          subnetwork: args.subnetwork,
          region: args.region,
          project: args.project,
          networkTier: args.networkTier,
          purpose: args.purpose,
          description: `shadowpool ${name} slot ${slot.index}`,
          labels: slotLabels(name, slot, args.labels),
        },
        {
          parent: this,
          ignoreChanges: [`labels["${CLAIMED_BY_LABEL}"]`, `labels["${RELEASING_LABEL}"]`],
        },
      );
      this.addresses[slot.index] = address;
      ips.push(address.address);
    }

    this.declared = pulumi.output(resolved.declared);
    this.shadowTable = shadowTable(resolved.declared, ips);
    this.registerPoolOutputs({ declared: this.declared, shadowTable: this.shadowTable });
  }
}
