/**
 * Pure parsing of Prometheus `query_range` answers: what counts as success, what is retried, and
 * how a wrong answer (HTML from a proxy, JSON of another API) is reported.
 */
import type { RawPoint } from "../../forecasts/types";
import { SourceError, type TextResponse } from "./retry";

/** One series of a matrix answer: its labels and its samples as numbers. */
export interface PromSeries {
  readonly metric: Readonly<Record<string, string>>;
  readonly points: readonly RawPoint[];
}

/** A short, single-line excerpt of a body for messages. */
function excerpt(body: string): string {
  const flat = body.replace(/\s+/g, " ").trim();
  return JSON.stringify(flat.length > 80 ? `${flat.slice(0, 80)}…` : flat);
}

/** What to check when the server refuses the credentials. */
function authHint(status: number): string {
  return status === 401 || status === 403
    ? "check the source's auth (bearer token or basic auth)"
    : "";
}

/** Prometheus writes special floats as strings: `NaN`, `+Inf`, `-Inf`. */
function sampleValue(text: unknown): number {
  if (text === "+Inf" || text === "Inf") return Infinity;
  if (text === "-Inf") return -Infinity;
  return typeof text === "string" && text.trim() !== "" ? Number(text) : NaN;
}

/**
 * A stable name for a label set: `{instance="a",job="b"}` (labels sorted), `{}` for none.
 *
 * @param metric the series' labels.
 * @returns the PromQL-style selector text.
 */
export function seriesKey(metric: Readonly<Record<string, string>>): string {
  const labels = Object.keys(metric)
    .sort()
    .map((k) => `${k}=${JSON.stringify(metric[k])}`);
  return `{${labels.join(",")}}`;
}

/**
 * Turn an HTTP answer from `/api/v1/query_range` into series, or a clear error.
 *
 * @param res status, content type and body of the answer.
 * @returns the series of a successful matrix answer (possibly none).
 * @throws {SourceError} retryable for 5xx and 429, not retryable for 4xx, non-JSON bodies and
 *   JSON of the wrong shape.
 */
export function parseQueryRangeBody(res: TextResponse): PromSeries[] {
  let json: unknown;
  try {
    json = JSON.parse(res.body);
  } catch {
    const retryable = res.status >= 500 || res.status === 429;
    throw new SourceError(
      `answered HTTP ${res.status} with a body that is not JSON` +
        `${res.contentType ? ` (content-type ${res.contentType})` : ""}: ${excerpt(res.body)}; ` +
        (authHint(res.status) ||
          "check that url points at the Prometheus server (not a proxy's login page)"),
      retryable,
    );
  }
  const doc = json as { status?: unknown; errorType?: unknown; error?: unknown; data?: unknown };
  if (res.status < 200 || res.status >= 300 || doc?.status === "error") {
    const kind = typeof doc?.errorType === "string" ? ` ${doc.errorType}` : "";
    const why = typeof doc?.error === "string" ? `: ${doc.error}` : `: ${excerpt(res.body)}`;
    const retryable = res.status >= 500 || res.status === 429;
    const hint = authHint(res.status) ? `; ${authHint(res.status)}` : "";
    throw new SourceError(`answered HTTP ${res.status}${kind}${why}${hint}`, retryable);
  }
  const data = doc?.data as { resultType?: unknown; result?: unknown } | undefined;
  if (doc?.status !== "success" || data?.resultType !== "matrix" || !Array.isArray(data.result)) {
    throw new SourceError(
      `answered HTTP ${res.status} with JSON that is not a query_range result ` +
        `(expected {"status":"success","data":{"resultType":"matrix","result":[…]}}): ${excerpt(res.body)}`,
      false,
    );
  }
  return data.result.map((entry: unknown, i: number) => parseSeries(entry, i));
}

/** One element of `data.result`, checked field by field. */
function parseSeries(entry: unknown, index: number): PromSeries {
  const e = entry as { metric?: unknown; values?: unknown };
  const metricOk =
    typeof e?.metric === "object" &&
    e.metric !== null &&
    Object.values(e.metric).every((v) => typeof v === "string");
  if (!metricOk || !Array.isArray(e.values)) {
    throw new SourceError(
      `answered a matrix whose result[${index}] lacks "metric" labels or a "values" array`,
      false,
    );
  }
  const points = e.values.map((pair: unknown, j: number): RawPoint => {
    if (
      !Array.isArray(pair) ||
      pair.length !== 2 ||
      typeof pair[0] !== "number" ||
      typeof pair[1] !== "string"
    ) {
      throw new SourceError(
        `answered a matrix whose result[${index}].values[${j}] is ${JSON.stringify(pair)}, ` +
          `not a [seconds, "value"] pair`,
        false,
      );
    }
    return { t: pair[0], v: sampleValue(pair[1]) };
  });
  return { metric: e.metric as Record<string, string>, points };
}
