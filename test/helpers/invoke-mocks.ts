/**
 * Pulumi mocks for code that only makes invokes (the claim readers): every invoke is recorded, and
 * one that the test has no handler for throws, so an unexpected call fails the test.
 */
import * as pulumi from "@pulumi/pulumi";

/** Answers an invoke from its inputs. */
export type InvokeHandler = (inputs: Record<string, unknown>) => object;

/** What the mocks answer and what they saw. */
export interface InvokeRecorder {
  /** Handlers by invoke token; a test replaces or extends them. */
  calls: Record<string, InvokeHandler>;
  /** Every invoke made, in order (tests clear it with `seen.length = 0`). */
  readonly seen: { token: string; inputs: Record<string, unknown> }[];
}

/** A recorder with no handlers yet. */
export function invokeRecorder(): InvokeRecorder {
  return { calls: {}, seen: [] };
}

/**
 * Set the Pulumi mocks (before importing the code under test).
 *
 * @param rec the recorder the mocks answer from and record into.
 */
export async function setInvokeMocks(rec: InvokeRecorder): Promise<void> {
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }),
      call: (args) => {
        rec.seen.push({ token: args.token, inputs: args.inputs });
        const handler = rec.calls[args.token];
        if (!handler) throw new Error(`unmocked invoke ${args.token}`);
        return handler(args.inputs);
      },
    },
    "project",
    "test",
    false,
  );
}
