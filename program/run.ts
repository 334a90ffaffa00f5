/**
 * The program's core, shared by `pulumi up`/`pulumi preview` (program/index.ts) and the offline
 * preview (program/preview/): validate config, fix `now`, read the previous state, load every
 * pool's history and claims, THEN build the components at the top level and export the outputs.
 *
 * Order matters: nothing is declared before the whole configuration is valid (a ConfigError lists
 * every problem and declares nothing), and every value that decides which resources exist is plain
 * data, loaded and awaited before the first component is built.
 */
import * as pulumi from "@pulumi/pulumi";
import type { ShadowTableRow } from "../components/shadow-table";
import type { SlotClaim } from "../components/slots";
import type { PoolReading } from "./claims-reader";
import { requireStackConfig, type PoolConfig, type StackConfig } from "./config";
import { SLOT_POOLS, WEIGHTS } from "./config/components";
import type { RawConfig } from "./config/read";
import { buildOutputs, type StackOutputs } from "./outputs";
import { toPoolHistory } from "./pool-history";
import { nextState, slotPoolArgs, type PoolInputs, type PoolOutcome } from "./resolve";
import { weightsArgs } from "./resolve-weights";
import { scheduleWindow, type ScheduleWindow } from "./schedule";
import type { LoadedHistory, LoadOptions, SourceSpec } from "./sources/types";
import { previousPool, type DeploymentState, type ResourceRecord } from "./state";

/** What the program needs from the outside world (injected so tests and the preview can vary it). */
export interface ProgramDeps {
  /** The folder holding Pulumi.yaml: relative paths in config resolve against it. */
  readonly baseDir: string;
  /** The clock, epoch seconds. */
  readonly realNow: () => number;
  /** The `shadowpool:` config namespace and secrets. */
  readonly readConfig: () => RawConfig;
  /** The previous deployment's state (undefined for a first deployment). */
  readonly readPrevious: () => Promise<DeploymentState | undefined>;
  readonly loadHistory: (spec: SourceSpec, options: LoadOptions) => Promise<LoadedHistory>;
  /**
   * Claims on a pool's slots (and a Kubernetes placeholder pool's learned slot profile), read from
   * the cloud. Rejecting is allowed: the pool then keeps the previous deployment's claims and slot
   * profile (never deleting a slot or resizing one because the cloud could not be read).
   */
  readonly readClaims: (
    pool: PoolConfig,
    previous: DeploymentState | undefined,
  ) => Promise<PoolReading>;
}

/** The run's result: the outputs, plus the plain data the preview prints. */
export interface ProgramResult {
  readonly config: StackConfig;
  readonly window: ScheduleWindow;
  readonly inputs: ReadonlyMap<string, PoolInputs>;
  readonly outcomes: readonly PoolOutcome[];
  readonly outputs: StackOutputs;
  /** Address pools' shadow tables (slot → address → state → since → expected for), by pool. */
  readonly shadowTables: Readonly<Record<string, pulumi.Output<ShadowTableRow[]>>>;
}

/**
 * Run the program once.
 *
 * @param deps the outside world.
 * @returns outputs and plain results.
 * @throws {ConfigError} with every configuration problem, before anything is declared.
 */
export async function runProgram(deps: ProgramDeps): Promise<ProgramResult> {
  const { values, secrets } = deps.readConfig();
  const config = requireStackConfig(values, secrets);
  const window = scheduleWindow(config.schedule, deps.realNow(), config.now);
  const previous = await deps.readPrevious();

  const notes = new Map<string, string[]>();
  const inputs = await loadInputs(config, window, previous, deps, notes);

  const resources: ResourceRecord[] = [];
  // Every component and child it declares is recorded, so the next run (and the offline preview)
  // knows what exists. Transformations are inherited by children and run in real runs and mocks.
  const record: pulumi.ResourceTransformation = (a) => {
    resources.push({ type: a.type, name: a.name });
    return undefined;
  };
  const opts: pulumi.ComponentResourceOptions = { transformations: [record] };

  const outcomes: PoolOutcome[] = [];
  const slotResolved = new Map<string, PoolOutcome & { kind: "slots" }>();
  const shadowTables: Record<string, pulumi.Output<ShadowTableRow[]>> = {};
  for (const pool of config.pools) {
    if (pool.kind === "weights") continue;
    const sibling = pool.sibling === undefined ? undefined : inputs.get(pool.sibling)?.history;
    const built = slotPoolArgs(
      pool,
      window,
      inputs.get(pool.name) as PoolInputs,
      previous,
      sibling,
    );
    notes.get(pool.name)?.push(...built.notes);
    const entry = SLOT_POOLS[`${pool.kind}/${pool.cloud}`];
    const component = entry.create(pool.name, built.args, opts);
    if (component.shadowTable !== undefined) shadowTables[pool.name] = component.shadowTable;
    const outcome = {
      kind: "slots" as const,
      pool,
      resolved: component.resolved,
      ...(built.profile === undefined ? {} : { profile: built.profile }),
    };
    slotResolved.set(pool.name, outcome);
  }
  const slotPlans = new Map([...slotResolved].map(([name, o]) => [name, o.resolved]));
  for (const pool of config.pools) {
    if (pool.kind === "weights") {
      const component = WEIGHTS[pool.cloud].create(
        pool.name,
        weightsArgs(pool, slotPlans, previous),
        opts,
      );
      outcomes.push({ kind: "weights", pool, resolved: component.resolved });
    } else {
      outcomes.push(slotResolved.get(pool.name) as PoolOutcome);
    }
  }

  const state = nextState(window.now, outcomes, resources);
  const outputs = buildOutputs(outcomes, inputs, notes, state);
  for (const line of outputs.summary) pulumi.log.info(line);
  for (const line of droppedPools(config, previous)) pulumi.log.warn(line);
  return { config, window, inputs, outcomes, outputs, shadowTables };
}

/**
 * Pools the previous deployment held that this config no longer has (or has as another kind or
 * cloud): their slots will be deleted by this deployment, so say so loudly, naming claimed ones.
 *
 * @param config this run's config.
 * @param previous the previous state.
 * @returns one warning per dropped pool.
 */
export function droppedPools(config: StackConfig, previous: DeploymentState | undefined): string[] {
  const warnings: string[] = [];
  for (const [name, before] of Object.entries(previous?.pools ?? {})) {
    const now = config.pools.find((p) => p.name === name);
    if (now !== undefined && now.kind === before.kind && now.cloud === before.cloud) continue;
    const claimed = before.slots.filter((s) => s.state !== "shadow");
    const why =
      now === undefined ? "is no longer in the config" : `changed to ${now.kind} on ${now.cloud}`;
    warnings.push(
      `${name} ${why}: its ${before.slots.length} slot(s) will be deleted` +
        (claimed.length === 0
          ? ""
          : `, ${claimed.length} of them in use at the last deployment (${claimed
              .map((s) => `${s.name} by ${s.claimedBy ?? "unknown"}`)
              .join(", ")}); release them first or keep the pool in observe mode`),
    );
  }
  return warnings;
}

/** Load every pool's history and claims, concurrently, before any component is built. */
async function loadInputs(
  config: StackConfig,
  window: ScheduleWindow,
  previous: DeploymentState | undefined,
  deps: ProgramDeps,
  notes: Map<string, string[]>,
): Promise<Map<string, PoolInputs>> {
  const entries = await Promise.all(
    config.pools.map(async (pool): Promise<[string, PoolInputs]> => {
      const poolNotes: string[] = [];
      notes.set(pool.name, poolNotes);
      if (pool.kind === "weights") {
        // Weights follow the referenced pools' plans: no history or claims of their own.
        return [pool.name, { history: { history: null, notes: [], source: "pools" }, claims: [] }];
      }
      const [loaded, claims] = await Promise.all([
        deps.loadHistory(pool.source, { now: window.now, baseDir: deps.baseDir }),
        readClaimsSafely(pool, previous, deps, poolNotes),
      ]);
      const history = toPoolHistory(loaded, pool.stepSeconds, window.now);
      return [pool.name, { history, ...claims }];
    }),
  );
  return new Map(entries);
}

/**
 * Claims (and a learned slot profile) from the cloud. When they cannot be read, the previous
 * deployment's claims stand in and the pool is held (no slot removed this run: a slot claimed since
 * could otherwise be deleted); the profile reading says it failed, so the previous profile is kept.
 */
async function readClaimsSafely(
  pool: PoolConfig,
  previous: DeploymentState | undefined,
  deps: ProgramDeps,
  poolNotes: string[],
): Promise<Pick<PoolInputs, "claims" | "claimsUnknown" | "profileReading" | "leaks">> {
  try {
    const read = await deps.readClaims(pool, previous);
    for (const leak of read.leaks ?? []) poolNotes.push(`leaked: ${leak.ref}: ${leak.fix}`);
    return {
      claims: read.claims,
      ...(read.profile === undefined ? {} : { profileReading: read.profile }),
      ...(read.leaks === undefined ? {} : { leaks: read.leaks }),
    };
  } catch (err) {
    const kept = claimsFromPrevious(pool, previous);
    poolNotes.push(
      `claims could not be read (${err instanceof Error ? err.message : String(err)}); ` +
        `kept the previous deployment's ${kept.length} claim(s) and removed no slot`,
    );
    return {
      claims: kept,
      claimsUnknown: true,
      // The full error is in the note above; the profile's why names the cause only.
      profileReading: { ok: false, reason: "the pods could not be read" },
    };
  }
}

/**
 * The claims the previous deployment saw (its claimed and releasing slots).
 *
 * @param pool the pool's config.
 * @param previous the previous state.
 * @returns claims rebuilt from the previous slot table.
 */
export function claimsFromPrevious(
  pool: PoolConfig,
  previous: DeploymentState | undefined,
): SlotClaim[] {
  const before = previousPool(previous, pool.name, pool.kind, pool.cloud);
  return (before?.slots ?? [])
    .filter((s) => s.state !== "shadow")
    .map((s) => ({
      index: s.index,
      by: s.claimedBy ?? "unknown",
      ...(s.state === "releasing" ? { releasing: true } : {}),
    }));
}
