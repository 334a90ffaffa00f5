/**
 * Shared Pulumi mocks for component tests.
 *
 * `setMocks()` installs `pulumi.runtime.setMocks` and records every registered resource (custom
 * resources and components) with its type, name, inputs, parent and `ignoreChanges`. Mocked state =
 * inputs (Kubernetes resources without `metadata.name` get `<logical name>-mock0001`, as the provider
 * auto-names them). Any `call`
 * (invoke) that the test did not mock explicitly throws, so a component that starts doing I/O
 * through an invoke fails its tests.
 *
 * Usage (mocks must be set BEFORE the code under test is imported):
 * ```ts
 * let rec: MockRecorder;
 * let mod: typeof import("../../../components/aws/warm-pool");
 * beforeAll(async () => {
 *   rec = await setMocks();
 *   mod = await import("../../../components/aws/warm-pool");
 * });
 * beforeEach(() => rec.reset());
 * ```
 */
import * as pulumi from "@pulumi/pulumi";
import type { Slot } from "../../components/slots";

/** One resource registration seen by the mock monitor. */
export interface RecordedResource {
  /** Type token, e.g. `aws:autoscaling/group:Group` or `shadowpool:aws:WarmPool`. */
  readonly type: string;
  /** Logical name. */
  readonly name: string;
  /** Inputs as the provider would receive them (Outputs resolved). */
  readonly inputs: Record<string, unknown>;
  /** Whether this is a custom (provider) resource; false for components. */
  readonly custom: boolean;
  /** URN assigned by the mock monitor. */
  readonly urn: string;
  /** URN of the parent resource ("" for none / the stack). */
  readonly parentUrn: string;
  /** Logical name of the parent when it was recorded too (undefined for the stack). */
  readonly parent?: string;
  /** Property names listed in the resource's `ignoreChanges` option. */
  readonly ignoreChanges: readonly string[];
  /** Logical names of the resources it depends on explicitly (`dependsOn`) or through inputs. */
  readonly dependencies: readonly string[];
}

/** Mocked invokes: token → handler returning the call's outputs. */
export type CallMocks = Readonly<Record<string, (inputs: Record<string, unknown>) => object>>;

/** What `setMocks` returns: the live list of registrations plus small lookups. */
export interface MockRecorder {
  /** Every registration, in order. */
  readonly resources: RecordedResource[];
  /** Invoke tokens that were called (mocked ones). */
  readonly calls: string[];
  /** Forget everything recorded so far (call in beforeEach). */
  reset(): void;
  /** Registrations of one type token. */
  ofType(type: string): RecordedResource[];
  /** The single registration with this name; throws when there is none or several. */
  named(name: string): RecordedResource;
  /** Replace the mocked invokes. */
  setCalls(calls: CallMocks): void;
}

interface RegisterRequestLike {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getIgnorechangesList(): string[];
  getDependenciesList(): string[];
  getObject(): unknown;
}

type Callback = (err: unknown, res?: { getUrn(): string }) => void;

/**
 * The mocked provider state: the inputs, plus what the Kubernetes provider does itself — a resource
 * without `metadata.name` gets `${logicalName}-mock0001` (the real provider appends a random suffix).
 */
function withK8sAutoName(args: pulumi.runtime.MockResourceArgs): Record<string, unknown> {
  const state = { ...(args.inputs as Record<string, unknown>) };
  if (args.type.startsWith("kubernetes:") && args.custom !== false) {
    const metadata = (state.metadata ?? {}) as Record<string, unknown>;
    if (metadata.name === undefined)
      state.metadata = { ...metadata, name: `${args.name}-mock0001` };
  }
  return state;
}

/**
 * Install Pulumi mocks that record every registration and throw on unmocked invokes.
 *
 * @param calls invokes the test allows, by token (default none)
 * @returns the recorder
 */
export async function setMocks(calls: CallMocks = {}): Promise<MockRecorder> {
  let mockedCalls: CallMocks = calls;
  const resources: RecordedResource[] = [];
  const callLog: string[] = [];
  const nameByUrn = new Map<string, string>();

  await pulumi.runtime.setMocks(
    {
      newResource: (args: pulumi.runtime.MockResourceArgs) => ({
        id: args.custom === false ? undefined : `${args.name}-id`,
        state: withK8sAutoName(args),
      }),
      call: (args: pulumi.runtime.MockCallArgs) => {
        const handler = mockedCalls[args.token];
        if (handler === undefined) {
          // The SDK rethrows `err.details` (a gRPC field), so carry the message there too.
          const message = `unmocked invoke ${args.token}: components must not do I/O`;
          throw Object.assign(new Error(message), { details: message });
        }
        callLog.push(args.token);
        return handler(args.inputs as Record<string, unknown>) as Record<string, unknown>;
      },
    },
    "project",
    "stack",
    false,
  );

  // Wrap the mock monitor so parent and ignoreChanges (absent from MockResourceArgs) are recorded.
  const monitor = pulumi.runtime.getMonitor() as unknown as {
    registerResource(req: RegisterRequestLike, cb: Callback): void;
  };
  const original = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req: RegisterRequestLike, cb: Callback) => {
    original(req, (err, res) => {
      if (!err && res) {
        const urn = res.getUrn();
        nameByUrn.set(urn, req.getName());
        resources.push({
          type: req.getType(),
          name: req.getName(),
          inputs: pulumi.runtime.deserializeProperties(
            req.getObject() as Parameters<typeof pulumi.runtime.deserializeProperties>[0],
          ) as Record<string, unknown>,
          custom: req.getCustom(),
          urn,
          parentUrn: req.getParent(),
          parent: nameByUrn.get(req.getParent()),
          ignoreChanges: req.getIgnorechangesList(),
          dependencies: req.getDependenciesList().map((u) => nameByUrn.get(u) ?? u),
        });
      }
      cb(err, res);
    });
  };

  return {
    resources,
    calls: callLog,
    reset() {
      resources.length = 0;
      callLog.length = 0;
    },
    ofType(type: string) {
      return resources.filter((r) => r.type === type);
    },
    named(name: string) {
      const found = resources.filter((r) => r.name === name);
      if (found.length !== 1) {
        throw new Error(`expected one resource named ${name}, found ${found.length}`);
      }
      return found[0];
    },
    setCalls(next: CallMocks) {
      mockedCalls = next;
    },
  };
}

/**
 * Resolve a Pulumi Output (or plain value) in tests.
 *
 * @param output the value to await
 * @returns its resolved value
 */
export function promiseOf<T>(output: pulumi.Input<T>): Promise<T> {
  return new Promise((resolve) => pulumi.output(output).apply((v) => resolve(v as T)));
}

/**
 * Wait until every registration started so far has reached the mock monitor.
 * Registrations are asynchronous; await this before asserting on `resources`.
 *
 * @param outputs outputs of the components under test (their resolution implies registration)
 */
export async function settle(...outputs: pulumi.Output<unknown>[]): Promise<void> {
  await Promise.all(outputs.map((o) => promiseOf(o)));
  // Give the monitor callbacks of children a few turns of the event loop.
  for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
}

/** A fixed `now` for component tests: 2025-11-24T08:00:00Z. */
export const NOW = 1_763_971_200;
export const HOUR = 3600;

/**
 * Four weeks of flat hourly demand at `level`, ending just before {@link NOW}.
 *
 * @param level demand in slots at every step
 * @returns a regular series
 */
export function flatHistory(level: number): { start: number; step: number; values: number[] } {
  const n = 28 * 24;
  return { start: NOW - n * HOUR, step: HOUR, values: Array.from({ length: n }, () => level) };
}

/** A permissive policy: q95, 2 h horizon, 0..100 shadow slots, no step-down limit, no cooldown. */
export const basePolicy = {
  quantile: 0.95,
  horizonSeconds: 2 * HOUR,
  min: 0,
  max: 100,
  maxStepDown: Infinity,
  cooldownSeconds: 0,
};

/**
 * The message `fn` throws, for asserting a validation error's exact text.
 *
 * @param fn code expected to throw (e.g. constructing a component with bad args)
 * @returns the thrown Error's message, or "" when `fn` does not throw (so the assertion fails)
 */
export function thrownMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  return "";
}

/**
 * What the program saves for the next deployment of a pool, written out by hand (not
 * `nextPrevious`, so the tests do not lean on the code under test): the slots and their shadow count.
 *
 * @param slots the slot table the previous deployment declared
 * @returns the next deployment's `previous`
 */
export function previousOf(slots: readonly Slot[]) {
  return {
    slots,
    plan: { shadow: slots.filter((s) => s.state === "shadow").length, surplusSince: null },
  };
}
