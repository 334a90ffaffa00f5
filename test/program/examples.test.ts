/**
 * The scheduled-deployment examples stay in step with the stacks: the workflow runs every example
 * stack on the stacks' own schedule, previews on pull requests and deploys on the schedule; the
 * operator's Stack re-runs on the same interval.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse, parseAllDocuments } from "yaml";
import { listStacks } from "../../program/preview/stack-config";
import { readProjectFile } from "../../program/config/project";

const ROOT = join(__dirname, "..", "..");
const read = (path: string): string => readFileSync(join(ROOT, path), "utf8");

interface Step {
  uses?: string;
  if?: string;
  with?: Record<string, unknown>;
}

describe("GitHub Actions example", () => {
  const wf = parse(read("examples/github-actions/shadowpool.yml")) as {
    on: { schedule: { cron: string }[]; pull_request: unknown };
    jobs: { deploy: { strategy: { matrix: { stack: string[] } }; steps: Step[] } };
  };
  const stacks = listStacks(readProjectFile(ROOT));

  it("runs on the stacks' schedule and on pull requests", () => {
    const schedules = stacks.map(
      (s) =>
        (parse(read(`stacks/Pulumi.${s}.yaml`)) as { config: Record<string, string> }).config[
          "shadowpool:schedule"
        ],
    );
    expect(new Set(schedules)).toEqual(new Set([wf.on.schedule[0].cron]));
    expect(wf.on.pull_request).toBeDefined();
  });

  it("has one deploy job per example stack", () => {
    expect([...wf.jobs.deploy.strategy.matrix.stack].sort()).toEqual(stacks);
  });

  it("previews on pull requests and deploys on the schedule with pulumi/actions", () => {
    const pulumiSteps = wf.jobs.deploy.steps.filter((s) => s.uses?.startsWith("pulumi/actions@"));
    expect(pulumiSteps.map((s) => [s.with?.command, s.if])).toEqual([
      ["preview", "github.event_name == 'pull_request'"],
      ["up", "github.event_name != 'pull_request' && github.ref == 'refs/heads/main'"],
    ]);
    expect(pulumiSteps[0].with?.["comment-on-pr"]).toBe(true);
  });
});

describe("Pulumi Kubernetes Operator example", () => {
  const docs = parseAllDocuments(read("examples/operator/stack.yaml")).map((d) => d.toJS()) as {
    apiVersion: string;
    kind: string;
    spec?: Record<string, unknown>;
  }[];
  const stack = docs.find((d) => d.kind === "Stack");

  it("is a pulumi.com/v1 Stack that re-runs hourly on the same commit", () => {
    expect(stack?.apiVersion).toBe("pulumi.com/v1");
    expect(stack?.spec).toMatchObject({
      resyncFrequencySeconds: 3600,
      continueResyncOnCommitMatch: true,
      destroyOnFinalize: false,
      stack: expect.stringMatching(/\/prod$/),
    });
  });
});
