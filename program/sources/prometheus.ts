/**
 * The Prometheus history source: `POST /api/v1/query_range` over `[now - lookback, now)`, paged so
 * that no request asks for more than 10,000 points (Prometheus refuses more than 11,000 per series
 * with HTTP 400 bad_data). Timeouts and retries come from retry.ts; credentials never leave the
 * request headers (every message goes through the source's redactor).
 */
import type { RawPoint } from "../../forecasts/types";
import { makeRedactor, redactUrl } from "./redact";
import { SourceError, fetchText, withRetries } from "./retry";
import { DEFAULT_RETRIES, DEFAULT_TIMEOUT_MS, type PrometheusSourceSpec } from "./types";
import { parseQueryRangeBody, seriesKey, type PromSeries } from "./prometheus-parse";

export { parseQueryRangeBody, type PromSeries } from "./prometheus-parse";

/** Most points asked for in one request; Prometheus's own limit is 11,000 per series. */
export const MAX_POINTS_PER_REQUEST = 10_000;

/** One `query_range` request: evaluation times `start, start + step, …, end` (inclusive). */
export interface RangeChunk {
  readonly start: number;
  readonly end: number;
  readonly step: number;
}

/** How the source names itself in messages: server (without credentials) and query. */
export function prometheusSourceName(spec: Pick<PrometheusSourceSpec, "url" | "query">): string {
  return `prometheus ${redactUrl(spec.url)} query ${JSON.stringify(spec.query)}`;
}

/**
 * Split `[now - lookback, now)` into requests of at most `maxPoints` evaluation times each.
 * The first time is aligned up to a multiple of `step`, so runs with the same `now` ask for the
 * same times, and samples written on the step grid come back with their own timestamps.
 *
 * @param now end of the range, exclusive (epoch seconds).
 * @param lookback length of the range in seconds (> 0).
 * @param step resolution in seconds (> 0).
 * @param maxPoints most evaluation times per request (≥ 1).
 * @returns the requests in time order; empty when the range holds no step time.
 */
export function planRangeChunks(
  now: number,
  lookback: number,
  step: number,
  maxPoints: number = MAX_POINTS_PER_REQUEST,
): RangeChunk[] {
  const start = Math.ceil((now - lookback) / step) * step;
  // Evaluation times start + i*step for i in [0, total): all strictly before `now`.
  const total = Math.max(0, Math.ceil((now - start) / step));
  const chunks: RangeChunk[] = [];
  for (let first = 0; first < total; first += maxPoints) {
    const last = Math.min(total, first + maxPoints) - 1;
    chunks.push({ start: start + first * step, end: start + last * step, step });
  }
  return chunks;
}

/** Problems with the spec itself, one sentence each (the config schema checks these too). */
function specProblems(spec: PrometheusSourceSpec): string[] {
  const problems: string[] = [];
  try {
    const u = new URL(spec.url);
    if (u.protocol !== "http:" && u.protocol !== "https:") {
      problems.push(`url must start with http:// or https:// (got ${u.protocol})`);
    }
  } catch {
    problems.push(
      `url ${JSON.stringify(redactUrl(spec.url))} is not a valid URL; use e.g. http://prometheus:9090`,
    );
  }
  if (typeof spec.query !== "string" || spec.query.trim() === "")
    problems.push("query must be a PromQL expression");
  if (!(spec.step > 0))
    problems.push(`step must be a positive number of seconds (got ${spec.step})`);
  if (!(spec.lookback > 0))
    problems.push(`lookback must be a positive number of seconds (got ${spec.lookback})`);
  return problems;
}

/** The request pieces derived from the spec: endpoint without credentials, headers, secrets. */
interface Connection {
  readonly endpoint: string;
  readonly headers: Record<string, string>;
  readonly redact: (text: string) => string;
  readonly timeoutMs: number;
  readonly retries: number;
}

function connect(spec: PrometheusSourceSpec): Connection {
  const base = new URL(spec.url);
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  const secrets: (string | undefined)[] = [];
  // Credentials may come in the URL (`http://user:pass@host`): move them to a header, since fetch
  // refuses URLs that carry them and they must never show in a message.
  let user = decodeURIComponent(base.username);
  let pass = decodeURIComponent(base.password);
  base.username = "";
  base.password = "";
  const auth = spec.auth ?? {};
  if ("username" in auth) {
    user = auth.username;
    pass = auth.password;
  }
  if ("bearerToken" in auth && auth.bearerToken) {
    headers.authorization = `Bearer ${auth.bearerToken}`;
    secrets.push(auth.bearerToken);
  } else if (user !== "" || pass !== "") {
    headers.authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString("base64")}`;
    secrets.push(pass, `${user}:${pass}`);
  }
  // Keep a path prefix (`http://host/prometheus`): resolve the API path relative to it.
  const prefix = base.pathname.endsWith("/") ? base.pathname : `${base.pathname}/`;
  const endpoint = new URL(`${prefix}api/v1/query_range`, base.origin).toString();
  return {
    endpoint,
    headers,
    redact: makeRedactor(secrets),
    timeoutMs: spec.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    retries: spec.retries ?? DEFAULT_RETRIES,
  };
}

/**
 * One `query_range` request (with retries). Exported so the over-long-request path can be tested:
 * `loadPrometheusPoints` never sends more than `MAX_POINTS_PER_REQUEST` points per request.
 *
 * @param spec the source.
 * @param chunk evaluation times to ask for.
 * @returns the series of the answer.
 * @throws {SourceError} with a redacted message, after retries where retrying makes sense.
 */
export async function queryRange(
  spec: PrometheusSourceSpec,
  chunk: RangeChunk,
): Promise<PromSeries[]> {
  const conn = connect(spec);
  const form = new URLSearchParams({
    query: spec.query,
    start: String(chunk.start),
    end: String(chunk.end),
    step: String(chunk.step),
  });
  try {
    return await withRetries(
      async () => {
        const res = await fetchText(
          conn.endpoint,
          { method: "POST", headers: conn.headers, body: form.toString() },
          conn.timeoutMs,
        );
        return parseQueryRangeBody(res);
      },
      { retries: conn.retries },
    );
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new SourceError(conn.redact(message), e instanceof SourceError && e.retryable);
  }
}

/** Options for tests and tuning; the defaults are what the program uses. */
export interface PrometheusLoadOptions {
  /** Most points per request. Default `MAX_POINTS_PER_REQUEST`. */
  readonly maxPointsPerRequest?: number;
}

/**
 * Read the query's single series over `[now - lookback, now)`, page by page.
 *
 * @param spec the source.
 * @param now end of the range, exclusive (epoch seconds).
 * @returns the raw points, in the server's order (clean them with `cleanPoints`); empty when the
 *   query matched nothing.
 * @throws {SourceError} on a bad spec, a failed request, or a query returning several series.
 */
export async function loadPrometheusPoints(
  spec: PrometheusSourceSpec,
  now: number,
  options: PrometheusLoadOptions = {},
): Promise<RawPoint[]> {
  const problems = specProblems(spec);
  if (problems.length > 0) throw new SourceError(problems.join("; "), false);
  const chunks = planRangeChunks(
    now,
    spec.lookback,
    spec.step,
    options.maxPointsPerRequest ?? MAX_POINTS_PER_REQUEST,
  );
  // Several series across pages are merged by their label set, so one series split over pages
  // counts once, and two series present in different pages still count as two.
  const seen = new Map<string, string>();
  const points: RawPoint[] = [];
  for (const chunk of chunks) {
    for (const series of await queryRange(spec, chunk)) {
      const key = seriesKey(series.metric);
      seen.set(key, key);
      for (const p of series.points) if (p.t < now) points.push(p);
    }
  }
  if (seen.size > 1) {
    const names = [...seen.keys()].slice(0, 3).join(", ");
    throw new SourceError(
      `query returned ${seen.size} series (${names}${seen.size > 3 ? ", …" : ""}) but a pool needs one; ` +
        `aggregate them in the query, e.g. sum(${spec.query}) or max(${spec.query})`,
      false,
    );
  }
  return points;
}
