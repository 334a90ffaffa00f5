/**
 * The stack configuration schema (namespace `shadowpool:`), written with zod. Every field carries
 * its own message so that a reader gets `pools[2].forecast.quantile must be between 0.5 and 0.999
 * (got 1.5)` rather than a schema library's wording. Semantic checks that span fields (unique names,
 * min ≤ max, kind/cloud pairs, provider args) live in program/config.ts.
 */
import { z } from "zod";
import { SELECTION_SCORES } from "../../forecasts/calibrate/capacity-score";
import { FACTOR_HINT } from "../../forecasts/events";
import { isTimeZone, TIME_ZONE_HINT } from "../../forecasts/series/local-time";
import { parseTimestamp } from "../../forecasts/series/timestamp";
import { DURATION_HINT, parseDuration } from "./duration";

/** Render a bad value in a message: strings quoted, objects as short JSON. */
export function show(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** A number in `[lo, hi]`. */
const between = (lo: number, hi: number) =>
  z.number().refine((v) => v >= lo && v <= hi, {
    error: (iss) => `must be between ${lo} and ${hi} (got ${show(iss.input)})`,
  });

/** A whole number ≥ `lo`. */
const wholeAtLeast = (lo: number) =>
  z.number().refine((v) => Number.isInteger(v) && v >= lo, {
    error: (iss) => `must be a whole number >= ${lo} (got ${show(iss.input)})`,
  });

/** A duration string, kept as text; program/config.ts converts it to seconds. */
export const duration = z.string().refine((v) => parseDuration(v) !== null, {
  error: (iss) => `must be ${DURATION_HINT} (got ${show(iss.input)})`,
});

/** An ISO-8601 time (or epoch seconds as text), kept as text. */
export const instant = z.string().refine((v) => typeof parseTimestamp(v.trim()) === "number", {
  error: (iss) => `must be an ISO-8601 time like "2026-11-24T09:00:00Z" (got ${show(iss.input)})`,
});

/**
 * The fields of a known event, shared by a pool's `events` and the CLI's `--events` file: when it
 * starts, how long it lasts, and `factor`, its expected demand as a multiple of the usual.
 */
export const knownEventFields = {
  name: z.string().optional(),
  at: instant,
  duration,
  factor: z
    .number()
    .refine((v) => v > 0 && Number.isFinite(v), {
      error: (iss) => `must be ${FACTOR_HINT} (got ${show(iss.input)})`,
    })
    .optional(),
};

/** A pool's planned event: `extra` shadow slots held for it, a `factor` on its demand, or both. */
const plannedEvent = z
  .strictObject({ ...knownEventFields, extra: wholeAtLeast(1).optional() })
  .refine((e) => e.extra !== undefined || e.factor !== undefined, {
    error:
      "must give extra (shadow slots to hold for the event) or factor (its demand as a multiple of the usual), or both",
  });

/** Pool names become resource names (`<pool>-<n>`) and Kubernetes namespaces: keep them DNS-safe. */
export const POOL_NAME = /^[a-z]([a-z0-9-]{0,38}[a-z0-9])?$/;

const csvSource = z.strictObject({
  type: z.literal("csv"),
  /** Relative to the folder holding Pulumi.yaml. */
  path: z.string().min(1, { error: "must name a CSV file, e.g. stacks/data/api-warm.csv" }),
});

const prometheusSource = z.strictObject({
  type: z.literal("prometheus"),
  url: z.string().refine((v) => /^https?:\/\/[^\s]+$/.test(v), {
    error: (iss) => `must be an http(s) URL like "http://prometheus:9090" (got ${show(iss.input)})`,
  }),
  query: z.string().min(1, { error: "must be a PromQL expression returning one series" }),
  step: duration,
  lookback: duration,
  timeout: duration.optional(),
  retries: wholeAtLeast(0).optional(),
  /** Basic auth user; the password comes from the secret `shadowpool:prometheusPassword`. */
  username: z.string().optional(),
});

const cloudwatchSource = z.strictObject({
  type: z.literal("cloudwatch"),
  region: z.string().min(1, { error: "must be an AWS region such as us-east-1" }),
  endpoint: z.string().optional(),
  namespace: z.string().min(1, { error: "must be a CloudWatch namespace such as AWS/EC2" }),
  metricName: z.string().min(1, { error: "must be a metric name" }),
  dimensions: z.record(z.string(), z.string()).optional(),
  stat: z.enum(["Average", "Sum", "Minimum", "Maximum", "SampleCount"]),
  period: duration,
  lookback: duration,
  timeout: duration.optional(),
  retries: wholeAtLeast(0).optional(),
});

/** The source types, for messages. */
export const SOURCE_TYPES = ["csv", "prometheus", "cloudwatch"] as const;

const source = z.discriminatedUnion("type", [csvSource, prometheusSource, cloudwatchSource], {
  error: (iss) =>
    iss.code === "invalid_union"
      ? `must be one of ${SOURCE_TYPES.join(", ")} (got ${show((iss.input as { type?: unknown })?.type)})`
      : undefined,
});

export const POOL_KINDS = ["warm", "addresses", "namespaces", "weights"] as const;
export const CLOUDS = ["aws", "gcp", "kubernetes"] as const;

const pool = z.strictObject({
  name: z.string().refine((v) => POOL_NAME.test(v), {
    error: (iss) =>
      `must be 1-40 lowercase letters, digits or dashes, starting with a letter (got ${show(iss.input)})`,
  }),
  kind: z.enum(POOL_KINDS),
  cloud: z.enum(CLOUDS),
  /** `observe` (default: plan and report, change nothing) or `enforce`. */
  mode: z.enum(["observe", "enforce"]).optional(),
  /** Passed to the component as is (validated by the component's own validateXArgs). */
  provider: z.record(z.string(), z.unknown()).default({}),
  history: source.optional(),
  /** Resampling step; default: inferred from the history's spacing. */
  step: duration.optional(),
  forecast: z
    .strictObject({
      quantile: between(0.5, 0.999).default(0.95),
      models: z.array(z.string()).optional(),
      /** What model selection minimises; default `capacity`. */
      selectBy: z.enum(SELECTION_SCORES).optional(),
      /** IANA time zone whose wall clock demand follows; default UTC. */
      timeZone: z
        .string()
        .refine(isTimeZone, {
          error: (iss) => `must be ${TIME_ZONE_HINT} (got ${show(iss.input)})`,
        })
        .optional(),
      /**
       * Another pool of the stack whose history a young pool (under two weeks of its own) borrows
       * the shape of, scaled to its level; default none (the recent maximum + margin).
       */
      sibling: z.string().optional(),
    })
    .default({ quantile: 0.95 }),
  bounds: z
    .strictObject({
      min: wholeAtLeast(0).default(0),
      max: wholeAtLeast(0).optional(),
      maxStepDown: wholeAtLeast(1).optional(),
      cooldown: duration.default("0s"),
    })
    .default({ min: 0, cooldown: "0s" }),
  readiness: duration.default("5m"),
  pricePerSlotHour: z
    .number()
    .refine((v) => v >= 0, { error: (iss) => `must be >= 0 (got ${show(iss.input)})` })
    .optional(),
  overrides: z
    .array(
      z.strictObject({
        from: instant,
        to: instant,
        minShadow: wholeAtLeast(0),
        reason: z.string().optional(),
      }),
    )
    .default([]),
  events: z.array(plannedEvent).default([]),
});

/** The whole `shadowpool:` namespace (secrets are read separately and never pass through here). */
export const stackConfigSchema = z.strictObject({
  pools: z.array(pool).min(1, { error: "must list at least one pool" }),
  schedule: z.string().default("0 * * * *"),
  now: instant.optional(),
});

export type RawStackConfig = z.output<typeof stackConfigSchema>;
export type RawPoolConfig = RawStackConfig["pools"][number];
export type RawSource = NonNullable<RawPoolConfig["history"]>;
