/**
 * Load one pool's demand history from its configured source. Never throws for a source failure:
 * the program keeps the pool at its previous size when a source fails or is empty, and the
 * returned `error` (naming the source, never its credentials) goes into the plan's why.
 */
import { isAbsolute, relative, resolve, sep } from "path";
import { cleanPoints } from "../../forecasts/series/clean";
import type { CleanHistory, RawPoint } from "../../forecasts/types";
import { cloudWatchSourceName, loadCloudWatchPoints } from "./cloudwatch";
import { readCsvHistory } from "./csv";
import { loadPrometheusPoints, prometheusSourceName } from "./prometheus";
import { makeRedactor } from "./redact";
import type { LoadOptions, LoadedHistory, SourceSpec } from "./types";

/**
 * How a source is named in messages and plans (credentials removed). A relative CSV path is named
 * relative to baseDir (`csv stacks/data/api-warm.csv`), so outputs and state do not depend on
 * where the project is checked out; an absolute one as given.
 *
 * @param spec the source.
 * @param baseDir folder of Pulumi.yaml, for CSV paths.
 */
export function sourceName(spec: SourceSpec, baseDir: string): string {
  switch (spec.type) {
    case "csv":
      return `csv ${csvDisplayPath(spec.path, baseDir)}`;
    case "prometheus":
      return prometheusSourceName(spec);
    case "cloudwatch":
      return cloudWatchSourceName(spec);
    default:
      // Only reachable with unvalidated config: name it by whatever type it claims.
      return `${String((spec as { type?: unknown }).type)} source`;
  }
}

/** CSV paths resolve against the folder of Pulumi.yaml, never the process's working directory. */
function csvPath(path: string, baseDir: string): string {
  return isAbsolute(path) ? path : resolve(baseDir, path);
}

/** The CSV path as shown: normalised, relative to baseDir, `/`-separated; absolute ones as given. */
function csvDisplayPath(path: string, baseDir: string): string {
  if (isAbsolute(path)) return path;
  return relative(baseDir, csvPath(path, baseDir)).split(sep).join("/");
}

/** Every secret a spec may carry, so that no message can leak one. */
function specSecrets(spec: SourceSpec): (string | undefined)[] {
  if (spec.type !== "prometheus" || !spec.auth) return [];
  if ("username" in spec.auth)
    return [spec.auth.password, `${spec.auth.username}:${spec.auth.password}`];
  return [spec.auth.bearerToken];
}

/**
 * Load, validate and trim one source's history to the points before `now`.
 *
 * @param spec the pool's configured source.
 * @param options `now` (exclusive end, epoch seconds) and `baseDir` (folder of Pulumi.yaml).
 * @returns `{ ok: true, history }`, or `{ ok: false, error }` when the source failed, answered
 *   nonsense, or had no data before `now`. Never rejects.
 */
export async function loadHistory(spec: SourceSpec, options: LoadOptions): Promise<LoadedHistory> {
  let source = `${(spec as { type?: unknown })?.type ?? "unknown"} source`;
  const redact = makeRedactor(specSecrets(spec));
  try {
    source = sourceName(spec, options.baseDir);
    const history = await loadClean(spec, options, source);
    return { ok: true, history, source };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { ok: false, error: redact(`${source}: ${message}`), source };
  }
}

async function loadClean(
  spec: SourceSpec,
  options: LoadOptions,
  source: string,
): Promise<CleanHistory> {
  const { now } = options;
  let history: CleanHistory;
  switch (spec.type) {
    case "csv":
      history = readCsvHistory(csvPath(spec.path, options.baseDir));
      break;
    case "prometheus":
      history = cleanOrEmpty(await loadPrometheusPoints(spec, now), source);
      break;
    case "cloudwatch":
      history = cleanOrEmpty(await loadCloudWatchPoints(spec, now), source);
      break;
    default:
      throw new Error(
        `type ${JSON.stringify((spec as { type?: unknown }).type)} is not a known source; use csv, prometheus or cloudwatch`,
      );
  }
  // History at or after `now` is ignored, so a preview and the `up` after it plan the same.
  const points = history.points.filter((p) => p.t < now);
  if (points.length === 0)
    throw new Error(`returned no data before now (${new Date(now * 1000).toISOString()})`);
  return points.length === history.points.length ? history : { points, repairs: history.repairs };
}

/**
 * Clean the points; an empty answer gets its own message, not the CSV-oriented one. A NaN value is
 * PromQL's "undefined here" (e.g. 0/0 in a ratio), not a broken exporter: it is dropped and left as
 * a gap for resampling, and said so. Infinities still fail validation.
 */
function cleanOrEmpty(points: RawPoint[], source: string): CleanHistory {
  const defined = points.filter((p) => !Number.isNaN(p.v));
  if (defined.length === 0) return { points: [], repairs: [] };
  const clean = cleanPoints(defined, source);
  const dropped = points.length - defined.length;
  if (dropped === 0) return clean;
  const note = `${dropped} NaN sample(s) (undefined query results) dropped: left as gaps`;
  return { points: clean.points, repairs: [note, ...clean.repairs] };
}
