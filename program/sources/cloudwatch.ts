/**
 * The CloudWatch history source: one metric statistic read with `GetMetricData` (AWS SDK v3) over
 * `[now - lookback, now)`, following NextToken pages. Credentials come from the SDK's default chain
 * (environment, profile, role); retries are the SDK's own (`maxAttempts`), bounded by a per-attempt
 * timeout and an overall budget.
 */
import {
  CloudWatchClient,
  GetMetricDataCommand,
  type GetMetricDataCommandOutput,
} from "@aws-sdk/client-cloudwatch";
import type { RawPoint } from "../../forecasts/types";
import { makeRedactor, redactUrl } from "./redact";
import { SourceError } from "./retry";
import { DEFAULT_RETRIES, DEFAULT_TIMEOUT_MS, type CloudWatchSourceSpec } from "./types";

/** The statistics a source may ask for. */
export const CLOUDWATCH_STATS = ["Average", "Sum", "Minimum", "Maximum", "SampleCount"] as const;

/** Most pages followed before giving up: a guard against a server that repeats its NextToken. */
const MAX_PAGES = 1_000;

/** How the source names itself in messages: region, endpoint (without credentials), metric, stat. */
export function cloudWatchSourceName(spec: CloudWatchSourceSpec): string {
  const dims = Object.keys(spec.dimensions ?? {})
    .sort()
    .map((k) => `${k}=${spec.dimensions?.[k]}`)
    .join(",");
  const where = spec.endpoint ? `${spec.region} at ${redactUrl(spec.endpoint)}` : spec.region;
  return `cloudwatch ${where} ${spec.namespace}/${spec.metricName}{${dims}} ${spec.stat}/${spec.period}s`;
}

/** Problems with the spec itself, one sentence each (the config schema checks these too). */
function specProblems(spec: CloudWatchSourceSpec): string[] {
  const problems: string[] = [];
  if (typeof spec.region !== "string" || !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(spec.region)) {
    problems.push(
      `region must be an AWS region such as us-east-1 (got ${JSON.stringify(spec.region)})`,
    );
  }
  if (!spec.namespace) problems.push("namespace must name the metric's namespace, e.g. AWS/EC2");
  if (!spec.metricName) problems.push("metricName must name the metric");
  if (!(CLOUDWATCH_STATS as readonly string[]).includes(spec.stat)) {
    problems.push(
      `stat must be one of ${CLOUDWATCH_STATS.join(", ")} (got ${JSON.stringify(spec.stat)})`,
    );
  }
  if (!(spec.period > 0))
    problems.push(`period must be a positive number of seconds (got ${spec.period})`);
  if (!(spec.lookback > 0))
    problems.push(`lookback must be a positive number of seconds (got ${spec.lookback})`);
  return problems;
}

/**
 * The `GetMetricData` input for one page. Exported for tests: the exact request is a contract.
 *
 * @param spec the source.
 * @param now end of the range (epoch seconds), exclusive.
 * @param nextToken the previous page's token, if any.
 */
export function getMetricDataInput(spec: CloudWatchSourceSpec, now: number, nextToken?: string) {
  // Align the start to the period, as CloudWatch recommends, so equal `now`s ask for equal buckets.
  const start = Math.ceil((now - spec.lookback) / spec.period) * spec.period;
  const dims = spec.dimensions ?? {};
  return {
    StartTime: new Date(start * 1000),
    EndTime: new Date(now * 1000),
    ScanBy: "TimestampAscending" as const,
    NextToken: nextToken,
    MetricDataQueries: [
      {
        Id: "demand",
        ReturnData: true,
        MetricStat: {
          Metric: {
            Namespace: spec.namespace,
            MetricName: spec.metricName,
            Dimensions: Object.keys(dims)
              .sort()
              .map((Name) => ({ Name, Value: dims[Name] })),
          },
          Period: spec.period,
          Stat: spec.stat,
        },
      },
    ],
  };
}

/**
 * Points of one `GetMetricData` page, or an error for a failed query.
 *
 * @param page the SDK's answer.
 * @returns the page's points (timestamps in epoch seconds).
 * @throws {SourceError} when the query's status is `InternalError` or `Forbidden`, or the shape is wrong.
 */
export function pagePoints(
  page: Pick<GetMetricDataCommandOutput, "MetricDataResults">,
): RawPoint[] {
  const results = page.MetricDataResults ?? [];
  const points: RawPoint[] = [];
  for (const r of results) {
    if (r.StatusCode === "InternalError" || r.StatusCode === "Forbidden") {
      const msgs = (r.Messages ?? [])
        .map((m) => `${m.Code ?? ""} ${m.Value ?? ""}`.trim())
        .join("; ");
      throw new SourceError(
        `GetMetricData status ${r.StatusCode}${msgs ? `: ${msgs}` : ""}`,
        r.StatusCode === "InternalError",
      );
    }
    const ts = r.Timestamps ?? [];
    const vs = r.Values ?? [];
    if (ts.length !== vs.length) {
      throw new SourceError(
        `GetMetricData returned ${ts.length} timestamps but ${vs.length} values`,
        false,
      );
    }
    ts.forEach((t, i) => points.push({ t: new Date(t).getTime() / 1000, v: vs[i] }));
  }
  return points;
}

/**
 * Read the metric over `[now - lookback, now)`.
 *
 * @param spec the source.
 * @param now end of the range, exclusive (epoch seconds).
 * @returns raw points in the service's order (clean them with `cleanPoints`); empty when the
 *   metric has no data in the range (or does not exist, or lives in another region).
 * @throws {SourceError} with a redacted message.
 */
export async function loadCloudWatchPoints(
  spec: CloudWatchSourceSpec,
  now: number,
): Promise<RawPoint[]> {
  const problems = specProblems(spec);
  if (problems.length > 0) throw new SourceError(problems.join("; "), false);
  const timeoutMs = spec.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const retries = spec.retries ?? DEFAULT_RETRIES;
  const redact = makeRedactor([
    process.env.AWS_SECRET_ACCESS_KEY,
    process.env.AWS_SESSION_TOKEN,
    process.env.AWS_ACCESS_KEY_ID,
  ]);
  const client = new CloudWatchClient({
    region: spec.region,
    endpoint: spec.endpoint,
    maxAttempts: retries + 1,
    requestHandler: {
      connectionTimeout: timeoutMs,
      requestTimeout: timeoutMs,
      throwOnRequestTimeout: true,
    },
  });
  // Overall budget per page: every attempt may time out, plus the SDK's backoff between them.
  const budgetMs = (retries + 1) * timeoutMs + retries * 5_000;
  try {
    const points: RawPoint[] = [];
    let token: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const out = await client.send(
        new GetMetricDataCommand(getMetricDataInput(spec, now, token)),
        {
          abortSignal: AbortSignal.timeout(budgetMs),
        },
      );
      for (const p of pagePoints(out)) if (p.t < now) points.push(p);
      token = out.NextToken;
      if (!token) return points;
    }
    throw new SourceError(
      `GetMetricData still had more pages after ${MAX_PAGES}; shorten lookback or raise period`,
      false,
    );
  } catch (e) {
    throw new SourceError(redact(describeAwsError(e, timeoutMs)), false);
  } finally {
    client.destroy();
  }
}

/** A sentence for an SDK failure, with a hint where the cause is usually the setup. */
function describeAwsError(e: unknown, timeoutMs: number): string {
  if (e instanceof SourceError) return e.message;
  const err = e as {
    name?: string;
    message?: string;
    code?: string;
    $metadata?: { httpStatusCode?: number; attempts?: number };
  };
  const name = err?.name ?? "Error";
  const message = err?.message ?? String(e);
  const status = err?.$metadata?.httpStatusCode;
  const attempts = err?.$metadata?.attempts;
  const parts = [`GetMetricData failed: ${name}${status ? ` (HTTP ${status})` : ""}: ${message}`];
  if (name === "CredentialsProviderError" || /credential/i.test(message)) {
    parts.push(
      "set AWS credentials in the environment (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or AWS_PROFILE)",
    );
  } else if (/ECONNREFUSED/.test(`${err?.code ?? ""} ${message}`)) {
    parts.push("connection refused: check endpoint and region");
  } else if (name === "TimeoutError" || name === "AbortError") {
    parts.push(`no answer within ${timeoutMs} ms per attempt (timeoutMs)`);
  }
  if (attempts && attempts > 1) parts.push(`gave up after ${attempts} attempts`);
  return parts.join("; ");
}
