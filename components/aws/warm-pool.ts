/**
 * AWS warm instances: an Auto Scaling group whose warm pool is sized from the forecast.
 *
 * Slots are abstract here (instances are not Pulumi resources): claimed slots are the group's
 * in-service instances, shadow slots are warm-pool instances. The program must pass the in-service
 * count as claims — `claimsFromCount(n, previous.slots)` (components/slots.ts; n = the group's
 * `desiredCapacity` from `aws.autoscaling.getGroup`, 0 before the group exists), or
 * `claimsFromHolders(instanceIds, previous.slots)` — so `plan.inUse` is the in-service count.
 * Without claims the plan treats the whole peak as warm (over-provisioning by the in-service count).
 * Sizing:
 *   warmPool.minSize                  = shadow slots (the warm pool's floor)
 *   warmPool.maxGroupPreparedCapacity = all slots (in use + shadow = the plan's peak in slots),
 *                                       raised to the group's minSize when below it.
 * Shadowpool never owns `desiredCapacity`: it is never set and is in `ignoreChanges`, so a deployment
 * during a scale-up never drains live instances.
 *
 * Observe mode: the declared sizes are the previous deployment's (nothing on a first deployment:
 * no `warmPool` block), and `warmPool` is added to `ignoreChanges`, so whatever warm pool exists
 * (e.g. on an imported group) is left exactly as it is.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { PoolArgsBase, PoolMode, ResolvedPool } from "../pool";
import { validatePoolArgs } from "../pool-validate";
import { PoolComponent } from "../pool-component";
import {
  checkInteger,
  checkNoOwnedFields,
  checkNonEmpty,
  checkOneOf,
  checkStringMap,
  throwIfProblems,
} from "../validate";

export const AWS_POOL_STATES = ["Stopped", "Running", "Hibernated"] as const;
export type AwsPoolState = (typeof AWS_POOL_STATES)[number];

/** Group arguments Shadowpool sets itself (or must never set): not accepted in `groupArgs`. */
const OWNED_GROUP_FIELDS = [
  "desiredCapacity",
  "warmPool",
  "minSize",
  "maxSize",
  "launchTemplate",
  "launchConfiguration",
  "mixedInstancesPolicy",
  "vpcZoneIdentifiers",
  "name",
] as const;

export interface AwsWarmPoolArgs extends PoolArgsBase {
  /** Launch template id of the group's instances. Required. */
  readonly launchTemplateId: pulumi.Input<string>;
  /** Launch template version. Default `"$Latest"`. */
  readonly launchTemplateVersion?: pulumi.Input<string>;
  /** Subnets of the group (`vpcZoneIdentifiers`). Required, at least one. */
  readonly subnetIds: readonly pulumi.Input<string>[];
  /** The group's minimum in-service size (the runtime autoscaler's floor). Required, integer >= 0. */
  readonly minSize: number;
  /** The group's maximum in-service size. Required, integer >= minSize. */
  readonly maxSize: number;
  /** State of warm-pool instances: `Stopped`, `Running` or `Hibernated`. Default `"Stopped"`. */
  readonly poolState?: AwsPoolState;
  /** Return instances to the warm pool on scale-in instead of terminating them. Default `true`. */
  readonly reuseOnScaleIn?: boolean;
  /** The group's name (1..255 characters; stable, so the program can read its instances). Default: generated from the component name. */
  readonly groupName?: string;
  /** Extra tags on the group (propagated to instances). Default none. */
  readonly tags?: Readonly<Record<string, string>>;
  /** Any other `aws.autoscaling.GroupArgs` (e.g. `targetGroupArns`, `healthCheckType`); sizing fields are refused. Default none. */
  readonly groupArgs?: Partial<
    Omit<aws.autoscaling.GroupArgs, (typeof OWNED_GROUP_FIELDS)[number]>
  >;
}

/** The warm pool block Shadowpool declares (null: no block declared). */
export interface AwsWarmPoolSizing {
  readonly warmPool: {
    readonly poolState: AwsPoolState;
    readonly minSize: number;
    readonly maxGroupPreparedCapacity: number;
    readonly instanceReusePolicy: { readonly reuseOnScaleIn: boolean };
  } | null;
  /** Why the sizes differ from the plain plan, one line each. */
  readonly notes: readonly string[];
}

/**
 * Every problem with the args (shared pool fields included).
 *
 * @param args the component's args
 * @param path prefix for messages, e.g. `pools[0]`
 * @returns messages naming the field, the value and the fix
 */
export function validateAwsWarmPoolArgs(args: AwsWarmPoolArgs, path = "args"): string[] {
  const p = validatePoolArgs(args, path);
  if (typeof args.launchTemplateId === "string" || args.launchTemplateId === undefined) {
    checkNonEmpty(
      p,
      `${path}.launchTemplateId`,
      args.launchTemplateId,
      "the id of an EC2 launch template, lt-…",
    );
  }
  if (!Array.isArray(args.subnetIds) || args.subnetIds.length === 0) {
    p.push(
      `${path}.subnetIds must list at least one subnet id (got ${JSON.stringify(args.subnetIds)})`,
    );
  }
  const minOk = checkInteger(p, `${path}.minSize`, args.minSize, { min: 0 });
  const maxOk = checkInteger(p, `${path}.maxSize`, args.maxSize, { min: 0 });
  if (minOk && maxOk && args.minSize > args.maxSize) {
    p.push(
      `${path}.minSize must be <= ${path}.maxSize (got ${args.minSize} > ${args.maxSize}); lower minSize or raise maxSize`,
    );
  }
  if (
    args.groupName !== undefined &&
    (typeof args.groupName !== "string" || args.groupName.length < 1 || args.groupName.length > 255)
  ) {
    p.push(
      `${path}.groupName must be 1..255 characters (got ${JSON.stringify(args.groupName)}); omit it for a generated name`,
    );
  }
  if (args.poolState !== undefined)
    checkOneOf(p, `${path}.poolState`, args.poolState, AWS_POOL_STATES);
  if (args.reuseOnScaleIn !== undefined && typeof args.reuseOnScaleIn !== "boolean") {
    p.push(
      `${path}.reuseOnScaleIn must be true or false (got ${JSON.stringify(args.reuseOnScaleIn)})`,
    );
  }
  if (args.tags !== undefined) checkStringMap(p, `${path}.tags`, args.tags);
  if (args.groupArgs !== undefined) {
    const setBy = "Shadowpool (or never, for desiredCapacity)";
    checkNoOwnedFields(p, `${path}.groupArgs`, args.groupArgs, OWNED_GROUP_FIELDS, setBy);
  }
  return p;
}

/**
 * Pure: the warm pool block for a resolved pool.
 *
 * @param resolved the pool's plan and declared slots
 * @param args group min/max size, pool state and reuse policy
 * @returns the warm pool block (or null) and notes
 */
export function awsWarmPoolSizing(
  resolved: Pick<ResolvedPool, "declared" | "mode">,
  args: Pick<AwsWarmPoolArgs, "minSize" | "maxSize" | "poolState" | "reuseOnScaleIn">,
): AwsWarmPoolSizing {
  const notes: string[] = [];
  if (resolved.mode === "observe" && resolved.declared.length === 0) {
    notes.push(
      "observe mode, first deployment: no warm pool declared; an existing one is left as it is",
    );
    return { warmPool: null, notes };
  }
  const shadow = resolved.declared.filter((s) => s.state === "shadow").length;
  const prepared = resolved.declared.length;
  // AWS sizes the warm pool as maxGroupPreparedCapacity - desired; it must not be below the group's min.
  const maxGroupPreparedCapacity = Math.max(prepared, args.minSize);
  if (maxGroupPreparedCapacity > prepared) {
    notes.push(
      `maxGroupPreparedCapacity raised from ${prepared} to the group's minSize ${args.minSize}`,
    );
  }
  const inService = prepared - shadow;
  if (inService + shadow > args.maxSize) {
    notes.push(
      `${inService} in use + ${shadow} warm exceeds the group's maxSize ${args.maxSize}: warm instances above it cannot be put in service; raise maxSize`,
    );
  }
  return {
    warmPool: {
      poolState: args.poolState ?? "Stopped",
      minSize: shadow,
      maxGroupPreparedCapacity,
      instanceReusePolicy: { reuseOnScaleIn: args.reuseOnScaleIn ?? true },
    },
    notes,
  };
}

/**
 * Pure: the properties the group must not reconcile. `desiredCapacity` always (the autoscaler owns
 * it); `warmPool` too in observe mode (capacity is left as it is).
 *
 * @param mode the pool's mode
 * @returns the `ignoreChanges` list
 */
export function awsWarmPoolIgnoreChanges(mode: PoolMode): string[] {
  return mode === "observe" ? ["desiredCapacity", "warmPool"] : ["desiredCapacity"];
}

/** An Auto Scaling group whose warm pool holds the forecast's shadow capacity. */
export class AwsWarmPool extends PoolComponent {
  /** The warm pool block declared, with notes. */
  public readonly sizing: AwsWarmPoolSizing;
  public readonly group: aws.autoscaling.Group;
  public readonly groupName: pulumi.Output<string>;

  constructor(name: string, args: AwsWarmPoolArgs, opts?: pulumi.ComponentResourceOptions) {
    // Validate before anything is registered, the component itself included.
    throwIfProblems(`AwsWarmPool "${name}"`, validateAwsWarmPoolArgs(args));
    super("shadowpool:aws:WarmPool", name, args, opts);
    this.sizing = awsWarmPoolSizing(this.resolved, args);

    this.group = new aws.autoscaling.Group(
      `${name}-group`,
      {
        ...args.groupArgs,
        name: args.groupName,
        minSize: args.minSize,
        maxSize: args.maxSize,
        vpcZoneIdentifiers: [...args.subnetIds],
        launchTemplate: {
          id: args.launchTemplateId,
          version: args.launchTemplateVersion ?? "$Latest",
        },
        warmPool: this.sizing.warmPool ?? undefined,
        tags: [
          { key: "shadowpool:pool", value: name, propagateAtLaunch: true },
          { key: "shadowpool:mode", value: this.resolved.mode, propagateAtLaunch: false },
          ...Object.entries(args.tags ?? {}).map(([key, value]) => ({
            key,
            value,
            propagateAtLaunch: true,
          })),
        ],
      },
      { parent: this, ignoreChanges: awsWarmPoolIgnoreChanges(this.resolved.mode) },
    );
    for (const note of this.sizing.notes) pulumi.log.info(`${name}: ${note}`, this);

    this.groupName = this.group.name;
    this.registerPoolOutputs({ groupName: this.groupName });
  }
}
