/**
 * AWS traffic weights: Route 53 weighted records and/or an ALB listener rule that forwards to
 * weighted target groups, with weights from `planWeights` (components/weights-plan.ts): shares
 * follow ready capacity, each weight moves at most `maxStep` per deployment.
 *
 * Limits: a Route 53 weight is 0..255 per record, so with `route53` the total is at most 255
 * (default 100: weights read as percentages). An ALB forward action takes 1..5 target groups with
 * weights 0..999, so with `alb` alone the total is at most 999.
 *
 * Mode (`args.mode`, default observe): in observe mode the records and the rule keep their previous
 * weights, and on a first deployment (no previous weights) neither is declared, since a new weighted
 * record or listener rule would itself take traffic. `plannedWeights` shows what enforce declares.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { checkInteger, checkNonEmpty, throwIfProblems } from "../validate";
import {
  validateTrafficWeightsArgsBase,
  type TrafficWeightsArgsBase,
  type WeightBackend,
} from "../weights";
import { TrafficWeightsComponent } from "../weights-component";

/** Largest Route 53 weight of one record. */
export const ROUTE53_MAX_WEIGHT = 255;
/** Largest weight of one target group in an ALB forward action. */
export const ALB_MAX_WEIGHT = 999;
/** Most target groups one ALB forward action takes. */
export const ALB_MAX_TARGET_GROUPS = 5;

/** One AWS backend: what its record points at and/or its target group. */
export interface AwsWeightedBackend extends WeightBackend {
  /** Route 53 record values (e.g. the backend's load balancer DNS name). With `route53`: this or `alias`. */
  readonly records?: readonly pulumi.Input<string>[];
  /** Route 53 alias target (e.g. an ALB's `dnsName`/`zoneId`). With `route53`: this or `records`. */
  readonly alias?: {
    readonly name: pulumi.Input<string>;
    readonly zoneId: pulumi.Input<string>;
    /** Default true: Route 53 skips the backend while its target is unhealthy. */
    readonly evaluateTargetHealth?: boolean;
  };
  /** Route 53 health check for this record. Default: none. */
  readonly healthCheckId?: pulumi.Input<string>;
  /** ALB target group ARN. Required with `alb`. */
  readonly targetGroupArn?: pulumi.Input<string>;
}

/** Route 53 settings: one weighted record per backend, all with the same name and type. */
export interface AwsRoute53Weights {
  /** Hosted zone id. */
  readonly zoneId: pulumi.Input<string>;
  /** Record name, e.g. `api.example.com`. */
  readonly name: pulumi.Input<string>;
  /** Record type. Default `"CNAME"`. */
  readonly type?: "A" | "AAAA" | "CNAME";
  /** TTL in seconds for non-alias records. Default 60 (weights take effect as caches expire). */
  readonly ttl?: number;
}

/** ALB settings: one listener rule whose forward action splits across the backends' target groups. */
export interface AwsAlbWeights {
  /** Listener ARN (Shadowpool adds a rule; it never owns the listener or its default action). */
  readonly listenerArn: pulumi.Input<string>;
  /** Rule priority, 1..50000. Required: two rules cannot share one. */
  readonly priority: number;
  /** Rule conditions. Default: path pattern `/*` (all requests). */
  readonly conditions?: pulumi.Input<aws.types.input.lb.ListenerRuleCondition>[];
  /** Target-group stickiness in seconds (1..604800). Default: off. */
  readonly stickinessSeconds?: number;
}

/** Args of {@link AwsTrafficWeights}: at least one of `route53`/`alb`. */
export interface AwsTrafficWeightsArgs extends TrafficWeightsArgsBase<AwsWeightedBackend> {
  /** Route 53 weighted records. Default: none. */
  readonly route53?: AwsRoute53Weights;
  /** ALB weighted target groups. Default: none. */
  readonly alb?: AwsAlbWeights;
}

/** The largest total the args allow: Route 53's per-record limit with `route53`, else the ALB's. */
function maxTotalOf(args: AwsTrafficWeightsArgs): number {
  return args.route53 !== undefined ? ROUTE53_MAX_WEIGHT : ALB_MAX_WEIGHT;
}

/**
 * Pure validation of the args, with the provider's limits.
 *
 * @param args the component's args
 * @param path prefix for messages, e.g. `traffic[0]`
 * @returns every problem found (empty when valid)
 */
export function validateAwsTrafficWeightsArgs(
  args: AwsTrafficWeightsArgs,
  path = "args",
): string[] {
  const p: string[] = [];
  if (args.route53 === undefined && args.alb === undefined) {
    p.push(
      `${path}.route53 or ${path}.alb must be set (got neither); add { zoneId, name } or { listenerArn, priority }`,
    );
  }
  const maxTotal = maxTotalOf(args);
  p.push(...validateTrafficWeightsArgsBase(args, path, maxTotal));
  const backends = Array.isArray(args.backends) ? args.backends : [];
  if (args.route53 !== undefined) {
    // An Output name is checked by the provider; a plain one here.
    if (!pulumi.Output.isInstance(args.route53.name)) {
      checkNonEmpty(
        p,
        `${path}.route53.name`,
        args.route53.name,
        "the record name, e.g. api.example.com",
      );
    }
    if (args.route53.ttl !== undefined)
      checkInteger(p, `${path}.route53.ttl`, args.route53.ttl, { min: 0 });
    backends.forEach((b, i) => {
      const hasRecords = b.records !== undefined && b.records.length > 0;
      if (hasRecords === (b.alias !== undefined)) {
        p.push(
          `${path}.backends[${i}] needs exactly one of records or alias for route53 (got ${hasRecords ? "both" : "neither"})`,
        );
      }
      if (typeof b.name === "string" && b.name.length > 128) {
        p.push(
          `${path}.backends[${i}].name must be at most 128 characters (it is the record's setIdentifier; got ${b.name.length})`,
        );
      }
    });
  }
  if (args.alb !== undefined) {
    checkInteger(p, `${path}.alb.priority`, args.alb.priority, { min: 1, max: 50000 });
    if (args.alb.stickinessSeconds !== undefined) {
      checkInteger(p, `${path}.alb.stickinessSeconds`, args.alb.stickinessSeconds, {
        min: 1,
        max: 604800,
      });
    }
    if (backends.length > ALB_MAX_TARGET_GROUPS) {
      p.push(
        `${path}.backends must have at most ${ALB_MAX_TARGET_GROUPS} entries with alb (an ALB forward action takes ${ALB_MAX_TARGET_GROUPS} target groups; got ${backends.length})`,
      );
    }
    backends.forEach((b, i) => {
      if (b.targetGroupArn === undefined)
        p.push(`${path}.backends[${i}].targetGroupArn is required with alb (got undefined)`);
    });
  }
  return p;
}

/** Route 53 and/or ALB weights that follow the backends' ready capacity. */
export class AwsTrafficWeights extends TrafficWeightsComponent {
  /** The Route 53 records by backend name (empty without `route53`, or when nothing is declared). */
  public readonly records: Record<string, aws.route53.Record>;
  /** The ALB listener rule (undefined without `alb`, or when nothing is declared). */
  public readonly listenerRule?: aws.lb.ListenerRule;

  constructor(name: string, args: AwsTrafficWeightsArgs, opts?: pulumi.ComponentResourceOptions) {
    // Validate before anything is registered, the component included.
    throwIfProblems(`AwsTrafficWeights "${name}"`, validateAwsTrafficWeightsArgs(args));
    super("shadowpool:aws:TrafficWeights", name, args, maxTotalOf(args), opts);
    const plan = this.resolved;

    this.records = {};
    // `plan.declared` is false only in observe mode without previous weights: declare nothing.
    if (args.route53 !== undefined && plan.declared) {
      const r53 = args.route53;
      for (const b of args.backends) {
        this.records[b.name] = new aws.route53.Record(
          `${name}-route53-${b.name}`,
          {
            zoneId: r53.zoneId,
            name: r53.name,
            type: r53.type ?? "CNAME",
            setIdentifier: b.name,
            weightedRoutingPolicies: [{ weight: plan.weights[b.name] }],
            ...(b.alias !== undefined
              ? {
                  aliases: [
                    {
                      name: b.alias.name,
                      zoneId: b.alias.zoneId,
                      evaluateTargetHealth: b.alias.evaluateTargetHealth ?? true,
                    },
                  ],
                }
              : { records: [...(b.records ?? [])], ttl: r53.ttl ?? 60 }),
            healthCheckId: b.healthCheckId,
          },
          { parent: this },
        );
      }
    }

    if (args.alb !== undefined && plan.declared) {
      const alb = args.alb;
      this.listenerRule = new aws.lb.ListenerRule(
        `${name}-alb`,
        {
          listenerArn: alb.listenerArn,
          priority: alb.priority,
          conditions: alb.conditions ?? [{ pathPattern: { values: ["/*"] } }],
          actions: [
            {
              type: "forward",
              forward: {
                targetGroups: args.backends.map((b) => ({
                  arn: b.targetGroupArn as pulumi.Input<string>,
                  weight: plan.weights[b.name],
                })),
                ...(alb.stickinessSeconds !== undefined
                  ? { stickiness: { enabled: true, duration: alb.stickinessSeconds } }
                  : {}),
              },
            },
          ],
        },
        { parent: this },
      );
    }

    this.registerWeightsOutputs();
  }
}
