/**
 * GCP traffic weights: a URL map whose default route splits traffic across weighted backend
 * services (`defaultRouteAction.weightedBackendServices`), with weights from `planWeights` (components/weights-plan.ts).
 *
 * Limits: each weight is 0..1000 (so the total is at most 1000; default 100). Weighted backend
 * services need a load balancer with advanced traffic management (global or regional external
 * Application Load Balancer with `EXTERNAL_MANAGED`, or internal Application Load Balancer).
 * Shadowpool owns this URL map: point the load balancer's target proxy at `urlMap.selfLink`.
 *
 * Mode (`args.mode`, default observe): in observe mode the URL map keeps its previous weights, and
 * on a first deployment (no previous weights) no URL map is declared, so nothing points traffic
 * anywhere new. `plannedWeights` shows what enforce declares.
 */
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { throwIfProblems } from "../validate";
import {
  validateTrafficWeightsArgsBase,
  type TrafficWeightsArgsBase,
  type WeightBackend,
} from "../weights";
import { TrafficWeightsComponent } from "../weights-component";
import { gcpNameProblems } from "./address-pool";

/** Largest weight of one weighted backend service. */
export const URL_MAP_MAX_WEIGHT = 1000;

/** One GCP backend: a backend service. */
export interface GcpWeightedBackend extends WeightBackend {
  /** Backend service self link or id. Required. */
  readonly backendService: pulumi.Input<string>;
}

/** Args of {@link GcpTrafficWeights}. */
export interface GcpTrafficWeightsArgs extends TrafficWeightsArgsBase<GcpWeightedBackend> {
  /** Region for a regional URL map (`compute.RegionUrlMap`). Default: none, a global `compute.URLMap`. */
  readonly region?: string;
  /** Project. Default: the provider's project. */
  readonly project?: pulumi.Input<string>;
  /** URL map description. Default: `shadowpool traffic weights <name>`. */
  readonly description?: string;
}

/**
 * Pure validation of the args, with the URL map's limits.
 *
 * @param args the component's args
 * @param path prefix for messages, e.g. `traffic[1]`
 * @returns every problem found (empty when valid)
 */
export function validateGcpTrafficWeightsArgs(
  args: GcpTrafficWeightsArgs,
  path = "args",
): string[] {
  const p = validateTrafficWeightsArgsBase(args, path, URL_MAP_MAX_WEIGHT);
  const backends = Array.isArray(args.backends) ? args.backends : [];
  backends.forEach((b, i) => {
    if (b.backendService === undefined || b.backendService === "") {
      p.push(
        `${path}.backends[${i}].backendService is required (got ${JSON.stringify(b.backendService)}); pass the backend service's self link`,
      );
    }
  });
  if (args.region !== undefined && (typeof args.region !== "string" || args.region.length === 0)) {
    p.push(
      `${path}.region must be a region name such as europe-west1 (got ${JSON.stringify(args.region)}); omit it for a global URL map`,
    );
  }
  return p;
}

/** A URL map with weighted backend services that follow the backends' ready capacity. */
export class GcpTrafficWeights extends TrafficWeightsComponent {
  /** The URL map (global or regional); undefined when nothing is declared (observe, first deployment). */
  public readonly urlMap?: gcp.compute.URLMap | gcp.compute.RegionUrlMap;

  constructor(name: string, args: GcpTrafficWeightsArgs, opts?: pulumi.ComponentResourceOptions) {
    // Validate before anything is registered, the component included.
    throwIfProblems(`GcpTrafficWeights "${name}"`, [
      ...gcpNameProblems(name),
      ...validateGcpTrafficWeightsArgs(args),
    ]);
    super("shadowpool:gcp:TrafficWeights", name, args, URL_MAP_MAX_WEIGHT, opts);
    const plan = this.resolved;

    const weightedBackendServices = args.backends.map((b) => ({
      backendService: b.backendService,
      weight: plan.weights[b.name],
    }));
    const common = {
      project: args.project,
      description: args.description ?? `shadowpool traffic weights ${name}`,
      defaultRouteAction: { weightedBackendServices },
    };
    // `plan.declared` is false only in observe mode without previous weights: declare nothing.
    if (plan.declared) {
      this.urlMap =
        args.region === undefined
          ? new gcp.compute.URLMap(`${name}-urlmap`, common, { parent: this })
          : new gcp.compute.RegionUrlMap(
              `${name}-urlmap`,
              { ...common, region: args.region },
              { parent: this },
            );
    }

    this.registerWeightsOutputs();
  }
}
