/**
 * GCP warm instances: a regional managed instance group whose standby pool (suspended or stopped
 * VMs) is sized from the forecast. Uses `standbyPolicy`, `targetSuspendedSize` and
 * `targetStoppedSize` of `gcp.compute.RegionInstanceGroupManager`, all in the GA provider
 * (@pulumi/gcp 9.37; no beta provider needed).
 *
 * Slots are abstract (VMs are not Pulumi resources): claimed slots are the group's running VMs (the
 * program passes `claimsFromCount(running, previous.slots)`, running = RUNNING instances of
 * `gcp.compute.getRegionInstanceGroup`, or `claimsFromHolders(vmNames, …)`), shadow slots are
 * standby VMs.
 * Sizing: the standby size of the chosen state (`targetStoppedSize` or `targetSuspendedSize`) =
 * shadow slots; the other one = 0. The MIG's `targetSize` belongs to its autoscaler: never set
 * (except `initialTargetSize` at creation) and in `ignoreChanges`.
 *
 * Observe mode: standby sizes are the previous deployment's (none on a first deployment), and the
 * standby fields are in `ignoreChanges`, so existing standby capacity is left as it is.
 */
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import type { PoolArgsBase, PoolMode, ResolvedPool } from "../pool";
import { validatePoolArgs } from "../pool-validate";
import { PoolComponent } from "../pool-component";
import {
  checkArray,
  checkInteger,
  checkNoOwnedFields,
  checkNonEmpty,
  checkOneOf,
  throwIfProblems,
} from "../validate";

export const GCP_POOL_STATES = ["Stopped", "Suspended"] as const;
export type GcpPoolState = (typeof GCP_POOL_STATES)[number];
export const GCP_STANDBY_MODES = ["SCALE_OUT_POOL", "MANUAL"] as const;
export type GcpStandbyMode = (typeof GCP_STANDBY_MODES)[number];

const OWNED_MIG_FIELDS = [
  "targetSize",
  "targetSuspendedSize",
  "targetStoppedSize",
  "standbyPolicy",
  "baseInstanceName",
  "versions",
] as const;
const RFC1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

export interface GcpStandbyPoolArgs extends PoolArgsBase {
  /** Instance template (self link) of the group's VMs. Required. */
  readonly instanceTemplate: pulumi.Input<string>;
  /** Base name of the VMs: lowercase letters, digits, hyphens, at most 58 characters. Required. */
  readonly baseInstanceName: string;
  /** Region of the group. Default: the provider's region. */
  readonly region?: pulumi.Input<string>;
  /** Project. Default: the provider's project. */
  readonly project?: pulumi.Input<string>;
  /** Zones of the regional group. Default: chosen by GCP. */
  readonly distributionPolicyZones?: readonly pulumi.Input<string>[];
  /** State of standby VMs: `Stopped` or `Suspended` (faster to resume, needs a supporting machine type). Default `"Stopped"`. */
  readonly poolState?: GcpPoolState;
  /** `SCALE_OUT_POOL` (the MIG resumes standby VMs on scale-out and refills the pool) or `MANUAL`. Default `"SCALE_OUT_POOL"`. */
  readonly standbyMode?: GcpStandbyMode;
  /** Seconds a new VM runs (to initialise) before it is stopped/suspended, 0..3600. Default 0 (GCP's default). */
  readonly initialDelaySec?: number;
  /** Running VMs at creation only (`targetSize` is the autoscaler's afterwards). Default: not set (GCP: 0). */
  readonly initialTargetSize?: number;
  /** The MIG's name (RFC 1035, 1..63 characters). Default: generated from the component name. */
  readonly migName?: string;
  /** Any other `RegionInstanceGroupManagerArgs` (e.g. `namedPorts`, `autoHealingPolicies`); sizing fields are refused. Default none. */
  readonly groupArgs?: Partial<
    Omit<gcp.compute.RegionInstanceGroupManagerArgs, (typeof OWNED_MIG_FIELDS)[number]>
  >;
}

/** The standby fields Shadowpool declares (null: none declared). */
export interface GcpStandbySizing {
  readonly standby: {
    readonly standbyPolicy: { readonly mode: GcpStandbyMode; readonly initialDelaySec: number };
    readonly targetStoppedSize: number;
    readonly targetSuspendedSize: number;
  } | null;
  readonly notes: readonly string[];
}

/**
 * Every problem with the args (shared pool fields included).
 *
 * @param args the component's args
 * @param path prefix for messages, e.g. `pools[1]`
 * @returns messages naming the field, the value and the fix
 */
export function validateGcpStandbyPoolArgs(args: GcpStandbyPoolArgs, path = "args"): string[] {
  const p = validatePoolArgs(args, path);
  if (typeof args.instanceTemplate === "string" || args.instanceTemplate === undefined) {
    checkNonEmpty(
      p,
      `${path}.instanceTemplate`,
      args.instanceTemplate,
      "an instance template self link",
    );
  }
  if (
    typeof args.baseInstanceName !== "string" ||
    !RFC1035.test(args.baseInstanceName) ||
    args.baseInstanceName.length > 58
  ) {
    p.push(
      `${path}.baseInstanceName must be lowercase letters, digits and hyphens, starting with a letter, at most 58 characters (got ${JSON.stringify(args.baseInstanceName)})`,
    );
  }
  if (args.migName !== undefined && (!RFC1035.test(args.migName) || args.migName.length > 63)) {
    p.push(
      `${path}.migName must be an RFC 1035 name of 1..63 characters (got ${JSON.stringify(args.migName)})`,
    );
  }
  if (args.poolState !== undefined)
    checkOneOf(p, `${path}.poolState`, args.poolState, GCP_POOL_STATES);
  if (args.standbyMode !== undefined)
    checkOneOf(p, `${path}.standbyMode`, args.standbyMode, GCP_STANDBY_MODES);
  if (args.initialDelaySec !== undefined) {
    checkInteger(p, `${path}.initialDelaySec`, args.initialDelaySec, { min: 0, max: 3600 });
  }
  if (args.initialTargetSize !== undefined) {
    checkInteger(p, `${path}.initialTargetSize`, args.initialTargetSize, { min: 0 });
  }
  if (args.distributionPolicyZones !== undefined) {
    checkArray(p, `${path}.distributionPolicyZones`, args.distributionPolicyZones);
  }
  if (args.groupArgs !== undefined) {
    const setBy = "Shadowpool (targetSize by the autoscaler)";
    checkNoOwnedFields(p, `${path}.groupArgs`, args.groupArgs, OWNED_MIG_FIELDS, setBy);
  }
  return p;
}

/**
 * Pure: the standby fields for a resolved pool.
 *
 * @param resolved the pool's declared slots and mode
 * @param args pool state, standby mode, initial delay
 * @returns the standby fields (or null) and notes
 */
export function gcpStandbySizing(
  resolved: Pick<ResolvedPool, "declared" | "mode">,
  args: Pick<GcpStandbyPoolArgs, "poolState" | "standbyMode" | "initialDelaySec">,
): GcpStandbySizing {
  if (resolved.mode === "observe" && resolved.declared.length === 0) {
    return {
      standby: null,
      notes: [
        "observe mode, first deployment: no standby pool declared; an existing one is left as it is",
      ],
    };
  }
  const shadow = resolved.declared.filter((s) => s.state === "shadow").length;
  const suspended = (args.poolState ?? "Stopped") === "Suspended";
  return {
    standby: {
      standbyPolicy: {
        mode: args.standbyMode ?? "SCALE_OUT_POOL",
        initialDelaySec: args.initialDelaySec ?? 0,
      },
      // The other state is held at 0 so a change of pool state moves the VMs over.
      targetStoppedSize: suspended ? 0 : shadow,
      targetSuspendedSize: suspended ? shadow : 0,
    },
    notes: [],
  };
}

/**
 * Pure: properties the MIG must not reconcile: `targetSize` always (the autoscaler's); the standby
 * fields too in observe mode.
 *
 * @param mode the pool's mode
 * @returns the `ignoreChanges` list
 */
export function gcpStandbyIgnoreChanges(mode: PoolMode): string[] {
  return mode === "observe"
    ? ["targetSize", "targetSuspendedSize", "targetStoppedSize", "standbyPolicy"]
    : ["targetSize"];
}

/** A regional MIG whose standby pool holds the forecast's shadow capacity. */
export class GcpStandbyPool extends PoolComponent {
  /** The standby fields declared, with notes. */
  public readonly sizing: GcpStandbySizing;
  public readonly mig: gcp.compute.RegionInstanceGroupManager;
  public readonly migSelfLink: pulumi.Output<string>;

  constructor(name: string, args: GcpStandbyPoolArgs, opts?: pulumi.ComponentResourceOptions) {
    // Validate before anything is registered, the component itself included.
    throwIfProblems(`GcpStandbyPool "${name}"`, validateGcpStandbyPoolArgs(args));
    super("shadowpool:gcp:StandbyPool", name, args, opts);
    this.sizing = gcpStandbySizing(this.resolved, args);

    this.mig = new gcp.compute.RegionInstanceGroupManager(
      `${name}-mig`,
      {
        ...args.groupArgs,
        name: args.migName,
        baseInstanceName: args.baseInstanceName,
        region: args.region,
        project: args.project,
        distributionPolicyZones: args.distributionPolicyZones
          ? [...args.distributionPolicyZones]
          : undefined,
        versions: [{ name: "primary", instanceTemplate: args.instanceTemplate }],
        targetSize: args.initialTargetSize,
        ...(this.sizing.standby ?? {}),
      },
      { parent: this, ignoreChanges: gcpStandbyIgnoreChanges(this.resolved.mode) },
    );
    for (const note of this.sizing.notes) pulumi.log.info(`${name}: ${note}`, this);

    this.migSelfLink = this.mig.selfLink;
    this.registerPoolOutputs({ migSelfLink: this.migSelfLink });
  }
}
