/**
 * Validation of a pool's `provider` block: the fields the program sets itself are refused, and the
 * rest goes to the component's own validation, through the registries in `./components`.
 */
import type { PoolArgsBase } from "../../components/pool";
import type { PoolPolicy } from "../../forecasts/types";
import { SLOT_POOLS, WEIGHTS, type LooseWeightsArgs } from "./components";

/** Fields the program sets itself; a provider block must not set them. */
export const PROGRAM_FIELDS: readonly string[] = [
  "mode",
  "history",
  "historyError",
  "now",
  "policy",
  "claims",
  "expectedReleases",
  "previous",
  "profile",
];

/** A valid placeholder for the shared fields, so provider validation reports provider fields only. */
const NEUTRAL_POLICY: PoolPolicy = {
  quantile: 0.95,
  horizonSeconds: 3600,
  min: 0,
  max: 1,
  maxStepDown: Infinity,
  cooldownSeconds: 0,
};

/**
 * Validate a pool's provider block with its component's own validation.
 *
 * @param kind pool kind from config.
 * @param cloud cloud from config.
 * @param provider the provider block (component-specific args).
 * @param path message prefix, e.g. `pools[1].provider`.
 * @returns every problem, each naming its path.
 */
export function validateProviderArgs(
  kind: string,
  cloud: string,
  provider: Readonly<Record<string, unknown>>,
  path: string,
): string[] {
  const problems: string[] = [];
  for (const field of PROGRAM_FIELDS) {
    if (field in provider) {
      problems.push(`${path}.${field} is set by the program from the pool's config; remove it`);
    }
  }
  if (kind === "weights") return [...problems, ...validateWeightsProvider(cloud, provider, path)];
  const entry = SLOT_POOLS[`${kind}/${cloud}`];
  if (entry === undefined) {
    const have = Object.keys(SLOT_POOLS).join(", ") || "none yet";
    return [
      ...problems,
      `${path}: kind ${kind} on ${cloud} is not available in this build (have: ${have})`,
    ];
  }
  if (problems.length > 0) return problems;
  const base: PoolArgsBase = { history: null, now: 0, policy: NEUTRAL_POLICY };
  return entry.validate({ ...provider, ...base }, path);
}

/**
 * Validate a weights pool's provider block: backends name a slot `pool` (its capacity is filled in
 * at run time) or give a fixed `ready`; the rest is the component's own validation.
 */
function validateWeightsProvider(
  cloud: string,
  provider: Readonly<Record<string, unknown>>,
  path: string,
): string[] {
  const entry = WEIGHTS[cloud];
  if (entry === undefined) {
    const have = Object.keys(WEIGHTS).join(", ") || "none yet";
    return [`${path}: traffic weights on ${cloud} are not available in this build (have: ${have})`];
  }
  const problems: string[] = [];
  if ("demand" in provider) {
    problems.push(
      `${path}.demand is set by the program from the referenced pools' peaks; remove it`,
    );
  }
  const raw = Array.isArray(provider.backends) ? (provider.backends as unknown[]) : [];
  const backends = raw.map((b, i) => {
    if (b === null || typeof b !== "object") return b;
    const { pool, ...rest } = b as Record<string, unknown>;
    if (pool === undefined && rest.ready === undefined) {
      problems.push(
        `${path}.backends[${i}] needs pool (the name of a slot pool in this stack) or ready (a fixed capacity)`,
      );
    }
    if (pool !== undefined && typeof pool !== "string") {
      problems.push(
        `${path}.backends[${i}].pool must be a pool name (got ${JSON.stringify(pool)})`,
      );
    }
    // A referenced pool's capacity is only known at run time: any valid number stands in for it.
    return pool === undefined ? rest : { ...rest, ready: 1 };
  });
  const args = {
    ...provider,
    ...(Array.isArray(provider.backends) ? { backends } : {}),
    demand: 0,
  } as LooseWeightsArgs;
  return [...problems, ...entry.validate(args, path)];
}
