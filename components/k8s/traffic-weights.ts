/**
 * Kubernetes traffic weights: a Gateway API `HTTPRoute` (declared as a custom resource,
 * `gateway.networking.k8s.io/v1`) whose rule splits traffic across weighted `backendRefs`, with
 * weights from `planWeights` (components/weights-plan.ts).
 *
 * Limits: a backendRef weight is 0..1,000,000 (so the total is at most 1,000,000; default 100).
 * A backend in another namespace than the route needs a `ReferenceGrant` there (not declared here).
 *
 * Mode (`args.mode`, default observe): in observe mode the route keeps its previous weights, and on a
 * first deployment (no previous weights) no HTTPRoute is declared, since a new route attached to the
 * Gateway would itself take traffic. `plannedWeights` shows what enforce declares.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { checkInteger, throwIfProblems } from "../validate";
import {
  validateTrafficWeightsArgsBase,
  type TrafficWeightsArgsBase,
  type WeightBackend,
} from "../weights";
import { TrafficWeightsComponent } from "../weights-component";

/** Largest weight of one backendRef (Gateway API). */
export const HTTPROUTE_MAX_WEIGHT = 1_000_000;
/** A DNS-1123 label (namespaces, Services). */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** One Kubernetes backend: a Service port. */
export interface K8sWeightedBackend extends WeightBackend {
  /** Service name. Default: the backend's `name`. */
  readonly service?: string;
  /** Service port, 1..65535. Required. */
  readonly port: number;
  /** Namespace of the Service. Default: the route's namespace. */
  readonly namespace?: string;
}

/** A Gateway (or listener) the route attaches to. */
export interface K8sParentRef {
  /** Gateway name. Required. */
  readonly name: string;
  /** Gateway namespace. Default: the route's namespace. */
  readonly namespace?: string;
  /** Listener name on the Gateway. Default: all listeners. */
  readonly sectionName?: string;
}

/** Args of {@link K8sTrafficWeights}. */
export interface K8sTrafficWeightsArgs extends TrafficWeightsArgsBase<K8sWeightedBackend> {
  /** Namespace of the HTTPRoute. Required. */
  readonly namespace: string;
  /** Name of the HTTPRoute. Default: the component's name. */
  readonly routeName?: string;
  /** Gateways the route attaches to. Required, at least one. */
  readonly parentRefs: readonly K8sParentRef[];
  /** Hostnames the route matches. Default: all the Gateway's. */
  readonly hostnames?: readonly string[];
  /** Path prefix the rule matches. Default `"/"`. */
  readonly pathPrefix?: string;
}

/**
 * Pure validation of the args, with the Gateway API's limits.
 *
 * @param args the component's args
 * @param path prefix for messages, e.g. `traffic[2]`
 * @returns every problem found (empty when valid)
 */
export function validateK8sTrafficWeightsArgs(
  args: K8sTrafficWeightsArgs,
  path = "args",
): string[] {
  const p = validateTrafficWeightsArgsBase(args, path, HTTPROUTE_MAX_WEIGHT);
  const dns = (field: string, v: unknown): void => {
    if (typeof v !== "string" || !DNS_LABEL.test(v) || v.length > 63) {
      p.push(
        `${field} must be a DNS-1123 label (lowercase letters, digits, dashes, at most 63; got ${JSON.stringify(v)})`,
      );
    }
  };
  dns(`${path}.namespace`, args.namespace);
  if (args.routeName !== undefined) dns(`${path}.routeName`, args.routeName);
  const backends = Array.isArray(args.backends) ? args.backends : [];
  backends.forEach((b, i) => {
    dns(
      b.service === undefined
        ? `${path}.backends[${i}].name (the Service name)`
        : `${path}.backends[${i}].service`,
      b.service ?? b.name,
    );
    checkInteger(p, `${path}.backends[${i}].port`, b.port, { min: 1, max: 65535 });
    if (b.namespace !== undefined) dns(`${path}.backends[${i}].namespace`, b.namespace);
  });
  if (!Array.isArray(args.parentRefs) || args.parentRefs.length === 0) {
    p.push(
      `${path}.parentRefs must list at least one Gateway (got ${JSON.stringify(args.parentRefs)}); add { name }`,
    );
  } else {
    args.parentRefs.forEach((r, i) => {
      if (typeof r.name !== "string" || r.name.length === 0) {
        p.push(
          `${path}.parentRefs[${i}].name must be the Gateway's name (got ${JSON.stringify(r.name)})`,
        );
      }
    });
  }
  if (args.pathPrefix !== undefined && !args.pathPrefix.startsWith("/")) {
    p.push(`${path}.pathPrefix must start with / (got ${JSON.stringify(args.pathPrefix)})`);
  }
  return p;
}

/** Pure: the HTTPRoute spec for the planned weights. */
export function httpRouteSpec(
  args: K8sTrafficWeightsArgs,
  weights: Readonly<Record<string, number>>,
): Record<string, unknown> {
  return {
    parentRefs: args.parentRefs.map((r) => ({ ...r })),
    ...(args.hostnames !== undefined ? { hostnames: [...args.hostnames] } : {}),
    rules: [
      {
        matches: [{ path: { type: "PathPrefix", value: args.pathPrefix ?? "/" } }],
        backendRefs: args.backends.map((b) => ({
          name: b.service ?? b.name,
          port: b.port,
          weight: weights[b.name],
          ...(b.namespace !== undefined ? { namespace: b.namespace } : {}),
        })),
      },
    ],
  };
}

/** A Gateway API HTTPRoute whose backend weights follow the backends' ready capacity. */
export class K8sTrafficWeights extends TrafficWeightsComponent {
  /** The HTTPRoute; undefined when nothing is declared (observe mode, first deployment). */
  public readonly route?: k8s.apiextensions.CustomResource;

  constructor(name: string, args: K8sTrafficWeightsArgs, opts?: pulumi.ComponentResourceOptions) {
    // Validate before anything is registered, the component included.
    const problems = validateK8sTrafficWeightsArgs(args);
    if (args.routeName === undefined && (!DNS_LABEL.test(name) || name.length > 63)) {
      problems.unshift(
        `name must be a DNS-1123 label when args.routeName is not set (got ${JSON.stringify(name)}); rename the component or set routeName`,
      );
    }
    throwIfProblems(`K8sTrafficWeights "${name}"`, problems);
    super("shadowpool:k8s:TrafficWeights", name, args, HTTPROUTE_MAX_WEIGHT, opts);
    const plan = this.resolved;

    // `plan.declared` is false only in observe mode without previous weights: declare nothing.
    if (plan.declared) {
      this.route = new k8s.apiextensions.CustomResource(
        `${name}-httproute`,
        {
          apiVersion: "gateway.networking.k8s.io/v1",
          kind: "HTTPRoute",
          metadata: {
            name: args.routeName ?? name,
            namespace: args.namespace,
            labels: { "app.kubernetes.io/managed-by": "shadowpool" },
          },
          spec: httpRouteSpec(args, plan.weights),
        },
        { parent: this },
      );
    }

    this.registerWeightsOutputs();
  }
}
