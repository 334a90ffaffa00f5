/**
 * State between deployments. Each deployment exports a stack output `shadowpool` holding, per pool,
 * the slot table it declared and the planner state (shadow held, surplus since when), plus the
 * resources it declared. The next deployment reads it back — from the stack's own previous outputs
 * in `pulumi up`/`pulumi preview`, from a JSON file in the offline preview — BEFORE building any
 * component, because which slot resources exist must be decided from plain data.
 */
import { readFile } from "node:fs/promises";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import type { PodSeen } from "../components/k8s/pod-requests";
import type { SlotProfile } from "../components/k8s/slot-profile";
import type { Slot, SlotClaim } from "../components/slots";
import type { PreviousPlanState } from "../forecasts/types";
import { formatIssues, issueMessage } from "./config/messages";

/** Bumped when the shape changes incompatibly; older states are rejected with a clear message. */
export const STATE_VERSION = 1;

/** What one pool leaves for the next deployment. */
export interface PoolState {
  readonly kind: string;
  readonly cloud: string;
  readonly mode: "observe" | "enforce";
  /** The slots declared (observe mode: the unchanged previous table). */
  readonly slots: readonly Slot[];
  readonly plan: PreviousPlanState;
  /** Traffic weights by backend (weights pools only). */
  readonly weights?: Readonly<Record<string, number>>;
  /**
   * Kubernetes placeholder pools: the slot profile in force (absent in cold provisioning, and in
   * states written before profiles existed). The next deployment keeps it when its read fails.
   */
  readonly profile?: SlotProfile;
}

/** One declared resource (inputs only in offline-preview state files). */
export interface ResourceRecord {
  readonly type: string;
  readonly name: string;
  readonly inputs?: Readonly<Record<string, unknown>>;
}

/** The `shadowpool` stack output, and the offline preview's state file. */
export interface DeploymentState {
  readonly version: number;
  /** The `now` the deployment planned for (epoch seconds). */
  readonly now: number;
  readonly pools: Readonly<Record<string, PoolState>>;
  readonly resources: readonly ResourceRecord[];
  /**
   * Offline preview only: the claims the cloud would report, per pool (answered by the mocked
   * claim-reader invokes). A real deployment reads claims from the cloud and never from here.
   */
  readonly claims?: Readonly<Record<string, readonly SlotClaim[]>>;
  /**
   * Offline preview only: the pods a Kubernetes placeholder pool's workload would list, per pool
   * (their count in use and their requests, from which the slot profile is learned).
   */
  readonly pods?: Readonly<Record<string, readonly PodSeen[]>>;
}

const slotSchema = z.object({
  index: z.number().int().min(0),
  name: z.string(),
  state: z.enum(["shadow", "claimed", "releasing"]),
  since: z.number(),
  claimedBy: z.string().optional(),
  expectedFor: z.string().optional(),
});

const stateSchema = z.object({
  version: z.literal(STATE_VERSION),
  now: z.number(),
  pools: z.record(
    z.string(),
    z.object({
      kind: z.string(),
      cloud: z.string(),
      mode: z.enum(["observe", "enforce"]),
      slots: z.array(slotSchema),
      plan: z.object({ shadow: z.number().int().min(0), surplusSince: z.number().nullable() }),
      weights: z.record(z.string(), z.number()).optional(),
      // Optional: states written before profiles existed load unchanged.
      profile: z
        .object({
          cpu: z.string(),
          memory: z.string(),
          extendedResources: z.record(z.string(), z.string()).optional(),
        })
        .optional(),
    }),
  ),
  resources: z
    .array(
      z.object({
        type: z.string(),
        name: z.string(),
        inputs: z.record(z.string(), z.unknown()).optional(),
      }),
    )
    .default([]),
  claims: z
    .record(
      z.string(),
      z.array(
        z.object({
          index: z.number().int().min(0),
          by: z.string(),
          releasing: z.boolean().optional(),
        }),
      ),
    )
    .optional(),
  // Listed pods as the API returns them; a malformed one fails the learning with its reason.
  pods: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))).optional(),
});

/** The previous state is unusable: planning on top of a guess could delete slots, so stop. */
export class StateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StateError";
  }
}

/**
 * Validate a previous state.
 *
 * @param value the parsed JSON (stack output or file).
 * @param source names it in messages, e.g. `stacks/state/dev.json`.
 * @returns the state.
 * @throws {StateError} listing every problem.
 */
export function parseState(value: unknown, source: string): DeploymentState {
  const parsed = stateSchema.safeParse(value, { error: issueMessage });
  if (!parsed.success) {
    throw new StateError(
      `${source} is not a shadowpool state (version ${STATE_VERSION}):\n  - ` +
        formatIssues(parsed.error.issues).join("\n  - "),
    );
  }
  return parsed.data;
}

/**
 * Read the previous state from a JSON file (offline preview).
 *
 * @param path the file; a missing file means a first deployment.
 * @returns the state, or undefined when the file does not exist.
 * @throws {StateError} when the file exists but is not a valid state.
 */
export async function readStateFile(path: string): Promise<DeploymentState | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new StateError(`${path} is not valid JSON: ${(err as Error).message}`);
  }
  return parseState(json, path);
}

/**
 * Read the previous state from the current stack's own outputs, through a StackReference to itself.
 * Awaited before any component is built. A stack without the output (first deployment) gives
 * undefined.
 *
 * @returns the state of the previous deployment, or undefined.
 * @throws {StateError} when the output exists but is not a valid state.
 */
export async function readStateFromStack(): Promise<DeploymentState | undefined> {
  const org = pulumi.getOrganization() || "organization";
  const fullName = `${org}/${pulumi.getProject()}/${pulumi.getStack()}`;
  const ref = new pulumi.StackReference("shadowpool-previous", { name: fullName });
  const details = await ref.getOutputDetails("shadowpool");
  const value: unknown = details.value ?? details.secretValue;
  if (value === undefined || value === null) return undefined;
  return parseState(value, `stack ${fullName} output "shadowpool"`);
}

/**
 * The previous pool state in the components' `previous` shape.
 *
 * @param state the previous deployment's state, if any.
 * @param pool the pool's name.
 * @param kind the pool's kind now: a pool whose kind or cloud changed starts afresh.
 * @param cloud the pool's cloud now.
 * @returns slots and plan state, or undefined for a first deployment of this pool.
 */
export function previousPool(
  state: DeploymentState | undefined,
  pool: string,
  kind: string,
  cloud: string,
): PoolState | undefined {
  const found = state?.pools[pool];
  if (found === undefined || found.kind !== kind || found.cloud !== cloud) return undefined;
  return found;
}
