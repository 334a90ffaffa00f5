/**
 * Which component implements each pool kind on each cloud, behind one small interface so the program
 * can validate provider args and build any pool the same way. Adding a kind or cloud is one entry.
 */
import type * as pulumi from "@pulumi/pulumi";
import {
  AwsTrafficWeights,
  validateAwsTrafficWeightsArgs,
  type AwsTrafficWeightsArgs,
} from "../../components/aws/traffic-weights";
import { AwsAddressPool, validateAwsAddressPoolArgs } from "../../components/aws/address-pool";
import { AwsWarmPool, validateAwsWarmPoolArgs } from "../../components/aws/warm-pool";
import { GcpAddressPool, validateGcpAddressPoolArgs } from "../../components/gcp/address-pool";
import {
  GcpTrafficWeights,
  validateGcpTrafficWeightsArgs,
  type GcpTrafficWeightsArgs,
} from "../../components/gcp/traffic-weights";
import {
  K8sTrafficWeights,
  validateK8sTrafficWeightsArgs,
  type K8sTrafficWeightsArgs,
} from "../../components/k8s/traffic-weights";
import { GcpStandbyPool, validateGcpStandbyPoolArgs } from "../../components/gcp/standby-pool";
import {
  K8sNamespacePool,
  validateK8sNamespacePoolArgs,
} from "../../components/k8s/namespace-pool";
import {
  K8sPlaceholderPool,
  validateK8sPlaceholderPoolArgs,
} from "../../components/k8s/placeholder-pool";
import type { PoolArgsBase, ResolvedPool } from "../../components/pool";
import type { ShadowTableRow } from "../../components/shadow-table";
import type { ResolvedTrafficWeights, TrafficWeightsArgsBase } from "../../components/weights";
import type { PoolPolicy } from "../../forecasts/types";

/** A slot-pool component as the program sees it. */
export interface SlotPoolComponent extends pulumi.ComponentResource {
  /** The plain-data plan, slot table and summary (the contract's `resolved`). */
  readonly resolved: ResolvedPool;
  /** Address pools: slot → address → state → since → expected for (a stack output). */
  readonly shadowTable?: pulumi.Output<ShadowTableRow[]>;
}

/** How the program validates and builds one kind of slot pool on one cloud. */
export interface SlotPoolEntry {
  /** The component's type token, e.g. `shadowpool:aws:WarmPool`. */
  readonly type: string;
  /** The component's pure validation (includes the shared fields). */
  validate(args: PoolArgsBase & Record<string, unknown>, path: string): string[];
  /** Build the component (at the program's top level). */
  create(
    name: string,
    args: PoolArgsBase & Record<string, unknown>,
    opts: pulumi.ComponentResourceOptions,
  ): SlotPoolComponent;
}

/** `warm/aws` and so on. */
export type EntryKey = `${string}/${string}`;

/** Args as they come from config: typed loosely, each component validates its own fields. */
type LooseArgs = PoolArgsBase & Record<string, unknown>;
type LooseWeightsArgs = TrafficWeightsArgsBase & Record<string, unknown>;

/** One registry entry from a component's class and validation function. */
function slotEntry<A extends PoolArgsBase>(
  type: string,
  validate: (args: A, path: string) => string[],
  Component: new (
    name: string,
    args: A,
    opts?: pulumi.ComponentResourceOptions,
  ) => SlotPoolComponent,
): SlotPoolEntry {
  return {
    type,
    // Config args are loosely typed on purpose: the component's validation checks every field.
    validate: (args: LooseArgs, path) => validate(args as unknown as A, path),
    create: (name, args: LooseArgs, opts) => new Component(name, args as unknown as A, opts),
  };
}

/** Slot pools available in this build (the design's table). */
export const SLOT_POOLS: Readonly<Record<EntryKey, SlotPoolEntry>> = {
  "warm/aws": slotEntry("shadowpool:aws:WarmPool", validateAwsWarmPoolArgs, AwsWarmPool),
  "warm/gcp": slotEntry("shadowpool:gcp:StandbyPool", validateGcpStandbyPoolArgs, GcpStandbyPool),
  "warm/kubernetes": slotEntry(
    "shadowpool:k8s:PlaceholderPool",
    validateK8sPlaceholderPoolArgs,
    K8sPlaceholderPool,
  ),
  "addresses/aws": slotEntry(
    "shadowpool:aws:AddressPool",
    validateAwsAddressPoolArgs,
    AwsAddressPool,
  ),
  "addresses/gcp": slotEntry(
    "shadowpool:gcp:AddressPool",
    validateGcpAddressPoolArgs,
    GcpAddressPool,
  ),
  "namespaces/kubernetes": slotEntry(
    "shadowpool:k8s:NamespacePool",
    validateK8sNamespacePoolArgs,
    K8sNamespacePool,
  ),
};

/** A traffic-weights component as the program sees it. */
export interface WeightsComponent extends pulumi.ComponentResource {
  readonly resolved: ResolvedTrafficWeights;
  readonly summary: pulumi.Output<string>;
}

/** How the program validates and builds traffic weights on one cloud. */
export interface WeightsEntry {
  readonly type: string;
  validate(args: LooseWeightsArgs, path: string): string[];
  create(
    name: string,
    args: LooseWeightsArgs,
    opts: pulumi.ComponentResourceOptions,
  ): WeightsComponent;
}

/** Traffic-weight components available in this build, by cloud. */
export const WEIGHTS: Readonly<Record<string, WeightsEntry>> = {
  aws: {
    type: "shadowpool:aws:TrafficWeights",
    validate: (args, path) =>
      validateAwsTrafficWeightsArgs(args as unknown as AwsTrafficWeightsArgs, path),
    create: (name, args, opts) =>
      new AwsTrafficWeights(name, args as unknown as AwsTrafficWeightsArgs, opts),
  },
  gcp: {
    type: "shadowpool:gcp:TrafficWeights",
    validate: (args, path) =>
      validateGcpTrafficWeightsArgs(args as unknown as GcpTrafficWeightsArgs, path),
    create: (name, args, opts) =>
      new GcpTrafficWeights(name, args as unknown as GcpTrafficWeightsArgs, opts),
  },
  kubernetes: {
    type: "shadowpool:k8s:TrafficWeights",
    validate: (args, path) =>
      validateK8sTrafficWeightsArgs(args as unknown as K8sTrafficWeightsArgs, path),
    create: (name, args, opts) =>
      new K8sTrafficWeights(name, args as unknown as K8sTrafficWeightsArgs, opts),
  },
};

/** Fields the program sets itself; a provider block must not set them. */
export const PROGRAM_FIELDS: readonly string[] = [
  "mode",
  "history",
  "historyError",
  "now",
  "policy",
  "claims",
  "expectedReleases",
  "previous",
  "profile",
];

/** A valid placeholder for the shared fields, so provider validation reports provider fields only. */
const NEUTRAL_POLICY: PoolPolicy = {
  quantile: 0.95,
  horizonSeconds: 3600,
  min: 0,
  max: 1,
  maxStepDown: Infinity,
  cooldownSeconds: 0,
};

/**
 * Validate a pool's provider block with its component's own validation.
 *
 * @param kind pool kind from config.
 * @param cloud cloud from config.
 * @param provider the provider block (component-specific args).
 * @param path message prefix, e.g. `pools[1].provider`.
 * @returns every problem, each naming its path.
 */
export function validateProviderArgs(
  kind: string,
  cloud: string,
  provider: Readonly<Record<string, unknown>>,
  path: string,
): string[] {
  const problems: string[] = [];
  for (const field of PROGRAM_FIELDS) {
    if (field in provider) {
      problems.push(`${path}.${field} is set by the program from the pool's config; remove it`);
    }
  }
  if (kind === "weights") return [...problems, ...validateWeightsProvider(cloud, provider, path)];
  const entry = SLOT_POOLS[`${kind}/${cloud}`];
  if (entry === undefined) {
    const have = Object.keys(SLOT_POOLS).join(", ") || "none yet";
    return [
      ...problems,
      `${path}: kind ${kind} on ${cloud} is not available in this build (have: ${have})`,
    ];
  }
  if (problems.length > 0) return problems;
  const base: PoolArgsBase = { history: null, now: 0, policy: NEUTRAL_POLICY };
  return entry.validate({ ...provider, ...base }, path);
}

/**
 * Validate a weights pool's provider block: backends name a slot `pool` (its capacity is filled in
 * at run time) or give a fixed `ready`; the rest is the component's own validation.
 */
function validateWeightsProvider(
  cloud: string,
  provider: Readonly<Record<string, unknown>>,
  path: string,
): string[] {
  const entry = WEIGHTS[cloud];
  if (entry === undefined) {
    const have = Object.keys(WEIGHTS).join(", ") || "none yet";
    return [`${path}: traffic weights on ${cloud} are not available in this build (have: ${have})`];
  }
  const problems: string[] = [];
  if ("demand" in provider) {
    problems.push(
      `${path}.demand is set by the program from the referenced pools' peaks; remove it`,
    );
  }
  const raw = Array.isArray(provider.backends) ? (provider.backends as unknown[]) : [];
  const backends = raw.map((b, i) => {
    if (b === null || typeof b !== "object") return b;
    const { pool, ...rest } = b as Record<string, unknown>;
    if (pool === undefined && rest.ready === undefined) {
      problems.push(
        `${path}.backends[${i}] needs pool (the name of a slot pool in this stack) or ready (a fixed capacity)`,
      );
    }
    if (pool !== undefined && typeof pool !== "string") {
      problems.push(
        `${path}.backends[${i}].pool must be a pool name (got ${JSON.stringify(pool)})`,
      );
    }
    // A referenced pool's capacity is only known at run time: any valid number stands in for it.
    return pool === undefined ? rest : { ...rest, ready: 1 };
  });
  const args = {
    ...provider,
    ...(Array.isArray(provider.backends) ? { backends } : {}),
    demand: 0,
  } as LooseWeightsArgs;
  return [...problems, ...entry.validate(args, path)];
}
