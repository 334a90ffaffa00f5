/**
 * The history sources a pool may name in its stack configuration, and what loading one returns.
 * The stack config schema (program/config.ts) mirrors these shapes; times are epoch seconds.
 */
import type { CleanHistory } from "../../forecasts/types";

/** Demand history in a CSV file (the default source). */
export interface CsvSourceSpec {
  readonly type: "csv";
  /** Path to the file, resolved against the folder that holds Pulumi.yaml (`baseDir`). */
  readonly path: string;
}

/** Credentials for Prometheus: a bearer token, or basic auth. From secret config or the environment. */
export type PrometheusAuth =
  { readonly bearerToken?: string } | { readonly username: string; readonly password: string };

/** A PromQL query evaluated with `query_range` over `[now - lookback, now)`. */
export interface PrometheusSourceSpec {
  readonly type: "prometheus";
  /** Base URL of the Prometheus server, e.g. `http://prometheus:9090` (a path prefix is kept). */
  readonly url: string;
  /** A PromQL expression returning ONE series (wrap several in `sum(...)` or `max(...)`). */
  readonly query: string;
  /** Resolution in seconds: one point per step. */
  readonly step: number;
  /** How far back to read, in seconds. */
  readonly lookback: number;
  /** Per-request timeout in milliseconds. Default 10,000. */
  readonly timeoutMs?: number;
  /** Retries after a failed request (5xx, timeout, connection error; never 4xx). Default 3. */
  readonly retries?: number;
  readonly auth?: PrometheusAuth;
}

/** The CloudWatch statistics a source may ask for (moto and CloudWatch both support these). */
export type CloudWatchStat = "Average" | "Sum" | "Minimum" | "Maximum" | "SampleCount";

/** One CloudWatch metric read with `GetMetricData` over `[now - lookback, now)`. */
export interface CloudWatchSourceSpec {
  readonly type: "cloudwatch";
  /** AWS region, e.g. `us-east-1`. Required: the metric lives in one region. */
  readonly region: string;
  /** Endpoint override (an emulator, a VPC endpoint). Default: the region's public endpoint. */
  readonly endpoint?: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions?: Readonly<Record<string, string>>;
  readonly stat: CloudWatchStat;
  /** Period in seconds (CloudWatch wants 60 or a multiple of 60 for standard metrics). */
  readonly period: number;
  /** How far back to read, in seconds. */
  readonly lookback: number;
  /** Per-attempt timeout in milliseconds. Default 10,000. */
  readonly timeoutMs?: number;
  /** Retries after a failed attempt (passed to the SDK as `maxAttempts = retries + 1`). Default 3. */
  readonly retries?: number;
}

export type SourceSpec = CsvSourceSpec | PrometheusSourceSpec | CloudWatchSourceSpec;

/** What `loadHistory` needs besides the spec. */
export interface LoadOptions {
  /** Start of the current schedule interval, epoch seconds; points at or after it are dropped. */
  readonly now: number;
  /** Folder holding Pulumi.yaml; relative CSV paths resolve against it. */
  readonly baseDir: string;
}

/**
 * The outcome of loading one source. Never an exception: a failing or empty source keeps the
 * pool at its previous size, and `error` (which names the source, never its credentials) says why.
 */
export type LoadedHistory =
  | { readonly ok: true; readonly history: CleanHistory; readonly source: string }
  | { readonly ok: false; readonly error: string; readonly source: string };

/** Default per-request timeout for network sources, milliseconds. */
export const DEFAULT_TIMEOUT_MS = 10_000;
/** Default number of retries for network sources. */
export const DEFAULT_RETRIES = 3;
