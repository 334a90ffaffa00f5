/**
 * Which component implements each pool kind on each cloud, behind one small interface so the program
 * can validate provider args (`./provider-args`) and build any pool the same way. Adding a kind or
 * cloud is one entry.
 */
import type * as pulumi from "@pulumi/pulumi";
import {
  AwsTrafficWeights,
  validateAwsTrafficWeightsArgs,
} from "../../components/aws/traffic-weights";
import { AwsAddressPool, validateAwsAddressPoolArgs } from "../../components/aws/address-pool";
import { AwsWarmPool, validateAwsWarmPoolArgs } from "../../components/aws/warm-pool";
import { GcpAddressPool, validateGcpAddressPoolArgs } from "../../components/gcp/address-pool";
import {
  GcpTrafficWeights,
  validateGcpTrafficWeightsArgs,
} from "../../components/gcp/traffic-weights";
import {
  K8sTrafficWeights,
  validateK8sTrafficWeightsArgs,
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

/** A slot-pool component as the program sees it. */
export interface SlotPoolComponent extends pulumi.ComponentResource {
  /** The plain-data plan, slot table and summary (the contract's `resolved`). */
  readonly resolved: ResolvedPool;
  /** Address pools: slot → address → state → since → expected for (a stack output). */
  readonly shadowTable?: pulumi.Output<ShadowTableRow[]>;
}

/**
 * How the program validates and builds one component from config args. `Loose` is the args as
 * config gives them (typed loosely: each component validates its own fields); `C` the component.
 */
export interface ComponentEntry<Loose, C> {
  /** The component's type token, e.g. `shadowpool:aws:WarmPool`. */
  readonly type: string;
  /** The component's pure validation (includes the shared fields). */
  validate(args: Loose, path: string): string[];
  /** Build the component (at the program's top level). */
  create(name: string, args: Loose, opts: pulumi.ComponentResourceOptions): C;
}

/** Args of a slot pool as they come from config. */
type LooseArgs = PoolArgsBase & Record<string, unknown>;
/** Args of traffic weights as they come from config. */
export type LooseWeightsArgs = TrafficWeightsArgsBase & Record<string, unknown>;

/** How the program validates and builds one kind of slot pool on one cloud. */
export type SlotPoolEntry = ComponentEntry<LooseArgs, SlotPoolComponent>;

/** `warm/aws` and so on. */
export type EntryKey = `${string}/${string}`;

/**
 * One registry entry from a component's class and validation function (slot pools and traffic
 * weights alike; `Loose` comes from the registry's type).
 */
function entry<Loose, A extends object, C>(
  type: string,
  validate: (args: A, path: string) => string[],
  Component: new (name: string, args: A, opts?: pulumi.ComponentResourceOptions) => C,
): ComponentEntry<Loose, C> {
  return {
    type,
    // Config args are loosely typed on purpose: the component's validation checks every field.
    validate: (args, path) => validate(args as unknown as A, path),
    create: (name, args, opts) => new Component(name, args as unknown as A, opts),
  };
}

/** Slot pools available in this build (the design's table). */
export const SLOT_POOLS: Readonly<Record<EntryKey, SlotPoolEntry>> = {
  "warm/aws": entry("shadowpool:aws:WarmPool", validateAwsWarmPoolArgs, AwsWarmPool),
  "warm/gcp": entry("shadowpool:gcp:StandbyPool", validateGcpStandbyPoolArgs, GcpStandbyPool),
  "warm/kubernetes": entry(
    "shadowpool:k8s:PlaceholderPool",
    validateK8sPlaceholderPoolArgs,
    K8sPlaceholderPool,
  ),
  "addresses/aws": entry("shadowpool:aws:AddressPool", validateAwsAddressPoolArgs, AwsAddressPool),
  "addresses/gcp": entry("shadowpool:gcp:AddressPool", validateGcpAddressPoolArgs, GcpAddressPool),
  "namespaces/kubernetes": entry(
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
export type WeightsEntry = ComponentEntry<LooseWeightsArgs, WeightsComponent>;

/** Traffic-weight components available in this build, by cloud. */
export const WEIGHTS: Readonly<Record<string, WeightsEntry>> = {
  aws: entry("shadowpool:aws:TrafficWeights", validateAwsTrafficWeightsArgs, AwsTrafficWeights),
  gcp: entry("shadowpool:gcp:TrafficWeights", validateGcpTrafficWeightsArgs, GcpTrafficWeights),
  kubernetes: entry(
    "shadowpool:k8s:TrafficWeights",
    validateK8sTrafficWeightsArgs,
    K8sTrafficWeights,
  ),
};
