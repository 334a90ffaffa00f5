/**
 * The offline preview: run the Pulumi program (program/index.ts, the very module `pulumi up` runs)
 * in-process under Pulumi mocks, with the stack's config from `Pulumi.<stack>.yaml` and the
 * previous state from a JSON file, then compare what it declared with what the state file lists.
 * Needs no cloud account, no network for CSV sources, and no Pulumi CLI.
 */
import { writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { shadowTableRows, type ShadowTableRow } from "../../components/shadow-table";
import { parseTimestamp } from "../../forecasts/series/timestamp";
import { findProjectRoot, readProjectFile } from "../config/project";
import { SECRET_KEYS } from "../config/read";
import type { StackOutputs } from "../outputs";
import { readStateFile, type DeploymentState, type ResourceRecord } from "../state";
import { setOfflineClaims } from "../claims-reader";
import { CLAIM_ANSWERS, offlineReading } from "./claims";
import { diffResources, type ResourceChange } from "./diff";
import { previewMocks, STACK_REFERENCE, type RecordedResource } from "./mocks";
import { readStackConfig } from "./stack-config";

/** What the preview command passes. */
export interface PreviewOptions {
  readonly stack: string;
  /** Previous state file; default `<stackConfigDir>/state/<stack>.json` (missing = first deployment). */
  readonly stateFile?: string;
  /** Plan for this instant instead of the config's or the schedule's. */
  readonly now?: string;
  /** Where to start looking for Pulumi.yaml. Default: the working directory, then the program's folder. */
  readonly cwd?: string;
  /** Write the state this run leaves (with resource inputs) to this file. */
  readonly saveState?: string;
  /** Extra environment for secrets (default process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Everything the preview prints. */
export interface PreviewResult {
  readonly project: string;
  readonly stack: string;
  readonly stateFile: string;
  /** The previous state (undefined: first deployment). */
  readonly previous?: DeploymentState;
  /** The program's stack outputs (summary, pools, shadowpool). */
  readonly outputs: StackOutputs;
  /** Address pools' shadow tables; addresses are only known after `pulumi up`. */
  readonly shadowTables: Readonly<Record<string, ShadowTableRow[]>>;
  readonly resources: readonly RecordedResource[];
  readonly changes: readonly ResourceChange[];
  /** Lines the program logged, and notes of the preview itself (skipped secrets). */
  readonly log: readonly string[];
}

/**
 * Run the preview.
 *
 * @param opts stack, state file, now.
 * @returns outputs, resources and the diff.
 * @throws {ConfigError} for invalid stack config (nothing is declared), or an Error naming a
 *   missing stack / unreadable state file.
 */
export async function runPreview(opts: PreviewOptions): Promise<PreviewResult> {
  const root = locateProject(opts.cwd ?? process.cwd());
  const project = readProjectFile(root);
  const stackConfig = readStackConfig(project, opts.stack);
  const stateFile =
    opts.stateFile !== undefined
      ? resolve(opts.cwd ?? process.cwd(), opts.stateFile)
      : join(project.stackConfigDir, "state", `${opts.stack}.json`);
  const previous = await readStateFile(stateFile);
  const flat = { ...stackConfig.flat };
  if (opts.now !== undefined) {
    const t = parseTimestamp(opts.now.trim());
    if (typeof t !== "number") throw new Error(`--now must be an ISO-8601 time (${t})`);
    flat["shadowpool:now"] = new Date(t * 1000).toISOString();
  }
  const log = stackConfig.skippedSecrets.map(
    (k) =>
      `note: ${k} is encrypted and cannot be read offline; set its environment variable instead`,
  );
  for (const key of Object.keys(SECRET_KEYS)) {
    if (stackConfig.flat[`shadowpool:${key}`] !== undefined) {
      log.push(
        `warning: shadowpool:${key} is stored in plain text in ${stackConfig.path}; ` +
          `set it with pulumi config set --secret shadowpool:${key}`,
      );
    }
  }

  const recorder = previewMocks(previous, CLAIM_ANSWERS);
  // The Kubernetes claim reader talks to a cluster directly: answer it from the scenario too.
  setOfflineClaims((pool) => offlineReading(pool, previous));
  await pulumi.runtime.setMocks(recorder.mocks, project.name, opts.stack, true, "organization");
  pulumi.runtime.setAllConfig(flat, []);
  let outputs: StackOutputs;
  try {
    outputs = await withCapturedConsole(log, async () => {
      // Required after the mocks are set, as `pulumi up` would load it. Same module, same code.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const program = require("../index") as () => Promise<Record<string, unknown>>;
      return (await program()) as unknown as StackOutputs;
    });
  } finally {
    setOfflineClaims(undefined);
  }
  const declared = outputs.shadowpool.resources;
  await registrationsSettled(recorder.resources, declared.length);

  const resources = recorder.resources.filter((r) => r.type !== STACK_REFERENCE);
  const next = withInputs(declared, resources);
  const changes = diffResources(previous?.resources ?? [], next);
  if (opts.saveState !== undefined) {
    // The scenario (claims and pods the cloud reports) carries over, so the next preview sees it too.
    const scenario = {
      ...(previous?.claims === undefined ? {} : { claims: previous.claims }),
      ...(previous?.pods === undefined ? {} : { pods: previous.pods }),
    };
    const saved: DeploymentState = { ...outputs.shadowpool, resources: next, ...scenario };
    await writeFile(
      resolve(opts.cwd ?? process.cwd(), opts.saveState),
      JSON.stringify(saved, null, 2) + "\n",
    );
  }
  return {
    project: project.name,
    stack: opts.stack,
    stateFile,
    ...(previous === undefined ? {} : { previous }),
    outputs,
    shadowTables: previewShadowTables(outputs),
    resources,
    changes,
    log,
  };
}

/** Pulumi.yaml above the working directory, else above this program (the repo's own project). */
function locateProject(cwd: string): string {
  try {
    return findProjectRoot(cwd);
  } catch {
    return findProjectRoot(join(__dirname, ".."));
  }
}

/** The declared resources with the inputs the mocks saw (for update detection next time). */
function withInputs(
  declared: readonly ResourceRecord[],
  seen: readonly RecordedResource[],
): ResourceRecord[] {
  const inputs = new Map(seen.map((r) => [`${r.type}::${r.name}`, r.inputs]));
  return declared.map((r) => {
    const found = inputs.get(`${r.type}::${r.name}`);
    return found === undefined ? { type: r.type, name: r.name } : { ...r, inputs: found };
  });
}

/** Registrations reach the mocks asynchronously: wait until all declared ones have arrived. */
async function registrationsSettled(
  seen: readonly RecordedResource[],
  declared: number,
): Promise<void> {
  const deadline = Date.now() + 10_000;
  // +1: the StackReference the program reads its previous state through.
  while (seen.length < declared + 1 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 5));
  }
  // Let the last input resolutions finish.
  await new Promise((r) => setImmediate(r));
}

/** Run `fn` with console output collected into `lines` (the program logs through Pulumi's log). */
async function withCapturedConsole<T>(lines: string[], fn: () => Promise<T>): Promise<T> {
  const saved = { log: console.log, info: console.info, warn: console.warn, error: console.error };
  const collect = (...args: unknown[]): void => {
    lines.push(
      args
        .map(String)
        .join(" ")
        .replace(/^(info|warning|error): \[runtime\] /, ""),
    );
  };
  console.log = console.info = console.warn = console.error = collect;
  try {
    return await fn();
  } finally {
    Object.assign(console, saved);
  }
}

/**
 * The address pools' shadow tables as the preview can know them: every row but the address, which
 * the cloud assigns at `pulumi up` (the program's `shadowTables` output carries it then).
 *
 * @param outputs the program's outputs.
 * @returns rows by pool, for pools of kind `addresses`.
 */
function previewShadowTables(outputs: StackOutputs): Record<string, ShadowTableRow[]> {
  const tables: Record<string, ShadowTableRow[]> = {};
  for (const [name, pool] of Object.entries(outputs.pools)) {
    if (pool.kind !== "addresses") continue;
    tables[name] = shadowTableRows(
      pool.declared,
      pool.declared.map(() => "(known after pulumi up)"),
    );
  }
  return tables;
}
