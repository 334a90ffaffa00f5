/**
 * Stack configuration: read the `shadowpool:` namespace, validate it completely (schema, then the
 * checks that span fields, then each component's own provider-args validation) and turn it into
 * plain, typed pool configurations. Nothing here declares a resource: the program calls
 * {@link parseStackConfig} first and stops with every problem at once when it fails.
 */
import type { SelectionScore } from "../forecasts/calibrate/capacity-score";
import { parseTimestamp } from "../forecasts/series/timestamp";
import type { SourceSpec } from "./sources/types";
import { type ConfigSecrets, toSourceSpec } from "./config/source-spec";
import { acceptedDuration } from "./config/duration";
import { formatIssues, issueMessage } from "./config/messages";
import { crossChecks } from "./config/checks";
import { stackConfigSchema } from "./config/schema";
import type { RawPoolConfig } from "./config/schema";

export type { ConfigSecrets } from "./config/source-spec";

export type PoolKind = RawPoolConfig["kind"];
export type Cloud = RawPoolConfig["cloud"];

/** A time window during which the pool holds at least `minShadow` shadow slots. */
export interface OverrideWindow {
  readonly from: number;
  readonly to: number;
  readonly minShadow: number;
  readonly reason?: string;
}

/**
 * A planned event from `at` for `durationSeconds`: `extra` shadow slots held for it (0: none), and
 * `factor`, its expected demand as a multiple of the usual, which the forecast applies.
 */
export interface PlannedEvent {
  readonly name?: string;
  readonly at: number;
  readonly durationSeconds: number;
  readonly extra: number;
  readonly factor?: number;
}

/** One pool, validated, with durations in seconds and times in epoch seconds. */
export interface PoolConfig {
  readonly name: string;
  readonly kind: PoolKind;
  readonly cloud: Cloud;
  readonly mode: "observe" | "enforce";
  /** Provider-specific component args, passed as is. */
  readonly provider: Readonly<Record<string, unknown>>;
  /** Where the demand history comes from (credentials filled in from secrets). */
  readonly source: SourceSpec;
  /** Resampling step in seconds; undefined = inferred from the history. */
  readonly stepSeconds?: number;
  readonly quantile: number;
  readonly models?: readonly string[];
  /** What model selection minimises; undefined = the planner's default (`capacity`). */
  readonly selectBy?: SelectionScore;
  /** IANA time zone whose wall clock demand follows; undefined = UTC. */
  readonly timeZone?: string;
  /** Another pool whose history the fallback borrows while this one is young; undefined = none. */
  readonly sibling?: string;
  readonly min: number;
  /** Most shadow slots (weights pools have none: Infinity). */
  readonly max: number;
  /** Most shadow slots removed by one deployment (Infinity = unlimited). */
  readonly maxStepDown: number;
  readonly cooldownSeconds: number;
  readonly readinessSeconds: number;
  readonly pricePerSlotHour?: number;
  readonly overrides: readonly OverrideWindow[];
  readonly events: readonly PlannedEvent[];
}

/**
 * A string field of a pool's provider block (already validated by the component's args).
 *
 * @param pool the pool's config.
 * @param key the field, e.g. `region`.
 * @returns its value when it is a string, else undefined.
 */
export function providerString(
  pool: Pick<PoolConfig, "provider">,
  key: string,
): string | undefined {
  const v = pool.provider[key];
  return typeof v === "string" ? v : undefined;
}

/** The validated stack configuration. */
export interface StackConfig {
  readonly pools: readonly PoolConfig[];
  /** Cron expression of the deployment schedule (UTC). */
  readonly schedule: string;
  /** Explicit `now` (epoch seconds), when configured. */
  readonly now?: number;
}

/** Every problem with a stack's configuration, reported at once. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `stack configuration has ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n` +
        problems.map((p) => `  - ${p}`).join("\n"),
    );
    this.name = "ConfigError";
  }
}

/**
 * Validate raw configuration values (already parsed from YAML/JSON) and convert them.
 *
 * @param raw the `shadowpool:` keys without the namespace, e.g. `{ pools: [...], schedule: "0 * * * *" }`.
 * @param secrets credentials from secret config or the environment.
 * @returns the config, or every problem found.
 */
export function parseStackConfig(
  raw: Readonly<Record<string, unknown>>,
  secrets: ConfigSecrets = {},
): { ok: true; config: StackConfig } | { ok: false; errors: string[] } {
  const parsed = stackConfigSchema.safeParse(raw, { error: issueMessage });
  // Checks across fields run on the raw values too, so one run reports every problem at once.
  const errors = [
    ...(parsed.success ? [] : formatIssues(parsed.error.issues)),
    ...crossChecks(raw),
  ];
  if (!parsed.success || errors.length > 0) return { ok: false, errors };
  const data = parsed.data;
  return {
    ok: true,
    config: {
      pools: data.pools.map((p) => toPoolConfig(p, secrets)),
      schedule: data.schedule,
      now: data.now === undefined ? undefined : seconds(data.now),
    },
  };
}

/**
 * Like {@link parseStackConfig}, but throws a {@link ConfigError} listing every problem.
 *
 * @throws {ConfigError} when the configuration is invalid.
 */
export function requireStackConfig(
  raw: Readonly<Record<string, unknown>>,
  secrets: ConfigSecrets = {},
): StackConfig {
  const result = parseStackConfig(raw, secrets);
  if (!result.ok) throw new ConfigError(result.errors);
  return result.config;
}

/** Epoch seconds of a time the schema already accepted. */
function seconds(text: string): number {
  return parseTimestamp(text.trim()) as number;
}

function toPoolConfig(p: RawPoolConfig, secrets: ConfigSecrets): PoolConfig {
  return {
    name: p.name,
    kind: p.kind,
    cloud: p.cloud,
    mode: p.mode ?? "observe",
    provider: p.provider,
    source: toSourceSpec(p.history ?? { type: "csv", path: `stacks/data/${p.name}.csv` }, secrets),
    stepSeconds: p.step === undefined ? undefined : acceptedDuration(p.step),
    quantile: p.forecast.quantile,
    models: p.forecast.models,
    selectBy: p.forecast.selectBy,
    timeZone: p.forecast.timeZone,
    sibling: p.forecast.sibling,
    min: p.bounds.min,
    max: p.bounds.max ?? Infinity,
    maxStepDown: p.bounds.maxStepDown ?? Infinity,
    cooldownSeconds: acceptedDuration(p.bounds.cooldown),
    readinessSeconds: acceptedDuration(p.readiness),
    pricePerSlotHour: p.pricePerSlotHour,
    overrides: p.overrides.map((o) => ({
      from: seconds(o.from),
      to: seconds(o.to),
      minShadow: o.minShadow,
      reason: o.reason,
    })),
    events: p.events.map(toPlannedEvent),
  };
}

/**
 * An event as the schema accepted it (a pool's `events` entry, or a line of a `--events` file),
 * with its time and duration in seconds.
 *
 * @param e the validated entry.
 * @returns the planned event (`extra` 0 when not given).
 */
export function toPlannedEvent(e: {
  readonly name?: string;
  readonly at: string;
  readonly duration: string;
  readonly extra?: number;
  readonly factor?: number;
}): PlannedEvent {
  return {
    name: e.name,
    at: seconds(e.at),
    durationSeconds: acceptedDuration(e.duration),
    extra: e.extra ?? 0,
    ...(e.factor === undefined ? {} : { factor: e.factor }),
  };
}
