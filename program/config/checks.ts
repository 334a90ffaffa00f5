/**
 * Checks of the stack configuration that span fields (unique names, kind/cloud pairs, min <= max,
 * known models, override windows, weights references) and each component's own validation of its
 * provider block. They run on the raw values, next to the schema, so that one run reports every
 * problem at once; each check runs only when the fields it needs have the right type (the schema
 * reports them otherwise), so no problem is reported twice.
 */
import { ALL_MODELS, OPTIONAL_MODELS } from "../../forecasts/models";
import { parseTimestamp } from "../../forecasts/series/timestamp";
import { validateCron } from "../schedule";
import { validateProviderArgs } from "./provider-args";
import { parseDuration } from "./duration";
import { CLOUDS, POOL_KINDS, type RawPoolConfig } from "./schema";

type PoolKind = RawPoolConfig["kind"];
type Cloud = RawPoolConfig["cloud"];

/** Kinds that hold slots (weights pools hold none). */
export const SLOT_KINDS: ReadonlySet<PoolKind> = new Set(["warm", "addresses", "namespaces"]);

/** Which clouds each kind exists on (the design's table). */
const CLOUDS_OF_KIND: Readonly<Record<PoolKind, readonly Cloud[]>> = {
  warm: ["aws", "gcp", "kubernetes"],
  addresses: ["aws", "gcp"],
  namespaces: ["kubernetes"],
  weights: ["aws", "gcp", "kubernetes"],
};

/** A raw mapping, or an empty one for anything else (the schema reports the wrong type). */
const obj = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const isWhole = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 0;

/**
 * Checks that span fields, on raw values.
 *
 * @param raw the raw config namespace.
 * @returns every problem found.
 */
export function crossChecks(raw: Readonly<Record<string, unknown>>): string[] {
  const errors: string[] = [];
  if (typeof raw.schedule === "string") {
    const cronProblem = validateCron(raw.schedule);
    if (cronProblem !== null) errors.push(`schedule ${cronProblem}`);
  }
  const pools = Array.isArray(raw.pools) ? raw.pools.map(obj) : [];
  const firstIndexOf = new Map<string, number>();
  // The optional models (MSTL and others that did not earn a default place) may be asked for by name.
  const modelNames = [...ALL_MODELS, ...OPTIONAL_MODELS].map((m) => m.name);
  pools.forEach((pool, i) => {
    const at = `pools[${i}]`;
    if (typeof pool.name === "string") {
      const seen = firstIndexOf.get(pool.name);
      if (seen !== undefined) {
        errors.push(
          `${at}.name "${pool.name}" is already used by pools[${seen}]; pool names must be unique`,
        );
      } else firstIndexOf.set(pool.name, i);
    }
    const kind = POOL_KINDS.find((k) => k === pool.kind);
    const cloud = CLOUDS.find((c) => c === pool.cloud);
    const clouds = kind === undefined ? [] : CLOUDS_OF_KIND[kind];
    if (kind !== undefined && cloud !== undefined && !clouds.includes(cloud)) {
      errors.push(`${at}.cloud must be ${clouds.join(" or ")} for kind ${kind} (got "${cloud}")`);
    }
    const bounds = obj(pool.bounds);
    if (kind !== undefined && SLOT_KINDS.has(kind) && bounds.max === undefined) {
      errors.push(
        `${at}.bounds.max is required: the most shadow slots this pool may hold, e.g. 50`,
      );
    }
    if (isWhole(bounds.min) && isWhole(bounds.max) && bounds.min > bounds.max) {
      errors.push(
        `${at}.bounds.min must be <= bounds.max (got min ${bounds.min}, max ${bounds.max})`,
      );
    }
    const models = obj(pool.forecast).models;
    (Array.isArray(models) ? models : []).forEach((m: unknown, j) => {
      if (typeof m === "string" && !modelNames.includes(m)) {
        errors.push(
          `${at}.forecast.models[${j}] must be one of ${modelNames.join(", ")} (got "${m}")`,
        );
      }
    });
    (Array.isArray(pool.overrides) ? pool.overrides.map(obj) : []).forEach((o, j) => {
      const from = typeof o.from === "string" ? parseTimestamp(o.from.trim()) : null;
      const to = typeof o.to === "string" ? parseTimestamp(o.to.trim()) : null;
      if (typeof from === "number" && typeof to === "number" && to <= from) {
        errors.push(`${at}.overrides[${j}].to must be after from (got from ${o.from}, to ${o.to})`);
      }
    });
    const history = obj(pool.history);
    if (history.type === "cloudwatch" && typeof history.period === "string") {
      const period = parseDuration(history.period);
      if (period !== null && (period < 60 || period % 60 !== 0)) {
        errors.push(
          `${at}.history.period must be a whole number of minutes, at least 1m (got "${history.period}")`,
        );
      }
    }
    const provider = pool.provider === undefined ? {} : pool.provider;
    if (
      kind !== undefined &&
      cloud !== undefined &&
      clouds.includes(cloud) &&
      provider === obj(provider)
    ) {
      errors.push(...validateProviderArgs(kind, cloud, obj(provider), `${at}.provider`));
    }
  });
  errors.push(...checkBackendRefs(pools), ...checkSiblingRefs(pools));
  return errors;
}

/** A pool's `forecast.sibling` must name another slot pool of this stack (whose history it borrows). */
function checkSiblingRefs(pools: readonly Record<string, unknown>[]): string[] {
  const slotPools = pools
    .filter((p) => SLOT_KINDS.has(p.kind as PoolKind) && typeof p.name === "string")
    .map((p) => p.name as string);
  const errors: string[] = [];
  pools.forEach((pool, i) => {
    const ref = obj(pool.forecast).sibling;
    if (typeof ref !== "string") return;
    const at = `pools[${i}].forecast.sibling`;
    if (!SLOT_KINDS.has(pool.kind as PoolKind)) {
      errors.push(
        `${at} is for pools with slots, which forecast their own demand (got "${ref}" on a ${String(pool.kind)} pool); remove it`,
      );
    } else if (ref === pool.name) {
      errors.push(`${at} must name another pool, not the pool itself (got "${ref}")`);
    } else if (!slotPools.includes(ref)) {
      const known = slotPools.filter((n) => n !== pool.name).join(", ") || "none";
      errors.push(
        `${at} must name a slot pool of this stack with a longer history (got "${ref}"; known: ${known})`,
      );
    }
  });
  return errors;
}

/** Weights backends that name a pool must name a slot pool of this stack. */
function checkBackendRefs(pools: readonly Record<string, unknown>[]): string[] {
  const slotPools = new Set(
    pools
      .filter((p) => SLOT_KINDS.has(p.kind as PoolKind) && typeof p.name === "string")
      .map((p) => p.name as string),
  );
  const errors: string[] = [];
  pools.forEach((pool, i) => {
    const backends = obj(pool.provider).backends;
    if (pool.kind !== "weights" || !Array.isArray(backends)) return;
    backends.forEach((b: unknown, j) => {
      const ref = obj(b).pool;
      if (typeof ref === "string" && !slotPools.has(ref)) {
        const known = [...slotPools].join(", ") || "none";
        errors.push(
          `pools[${i}].provider.backends[${j}].pool must name a slot pool of this stack (got "${ref}"; known: ${known})`,
        );
      }
    });
  });
  return errors;
}
