/**
 * The Pulumi mocks the offline preview runs the program under. Every registration is recorded with
 * its inputs (mocked state = inputs, as a provider would echo them). The program's StackReference
 * to its own stack answers with the previous state (from the state file), so the program reads its
 * previous state through exactly the code path `pulumi up` uses. Any other invoke fails loudly: a
 * preview must never guess what the cloud would answer.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { DeploymentState } from "../state";

/** Type token of stack references. */
export const STACK_REFERENCE = "pulumi:pulumi:StackReference";

/** One registration seen by the mocks. */
export interface RecordedResource {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
}

/** Mocks plus what they saw. */
export interface PreviewMocks {
  readonly mocks: pulumi.runtime.Mocks;
  /** Every registration, in order (the stack reference included). */
  readonly resources: RecordedResource[];
}

/** Invoke handlers by token, answering from the previous state. */
export type InvokeAnswers = Readonly<
  Record<
    string,
    (inputs: Record<string, unknown>, previous?: DeploymentState) => Record<string, unknown>
  >
>;

/**
 * Build the preview's mocks.
 *
 * @param previous the previous state (undefined: first deployment).
 * @param answers invokes the preview knows how to answer offline.
 * @returns the mocks and the live list of registrations.
 */
export function previewMocks(
  previous: DeploymentState | undefined,
  answers: InvokeAnswers = {},
): PreviewMocks {
  const resources: RecordedResource[] = [];
  const mocks: pulumi.runtime.Mocks = {
    newResource(args: pulumi.runtime.MockResourceArgs) {
      const inputs = { ...(args.inputs as Record<string, unknown>) };
      resources.push({ type: args.type, name: args.name, inputs });
      if (args.type === STACK_REFERENCE) {
        return {
          id: String(inputs.name ?? args.name),
          state: {
            name: inputs.name,
            outputs: previous === undefined ? {} : { shadowpool: previous },
            secretOutputNames: [],
          },
        };
      }
      return { id: `${args.name}-preview-id`, state: inputs };
    },
    call(args: pulumi.runtime.MockCallArgs) {
      const answer = answers[args.token];
      if (answer === undefined) {
        throw new Error(
          `the offline preview cannot answer the invoke ${args.token}: it never asks the cloud`,
        );
      }
      return answer(args.inputs as Record<string, unknown>, previous);
    },
  };
  return { mocks, resources };
}
