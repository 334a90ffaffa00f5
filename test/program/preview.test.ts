/**
 * `shadowpool preview --stack dev` from the repo root, on the committed state file: the key lines
 * a new user reads (not a full snapshot), the JSON form, and the errors for an unknown stack.
 */
import { join } from "node:path";
import { buildCli } from "../../program/cli/main";
import type { SlotPoolOutput } from "../../program/outputs";
import { countChanges, diffResources } from "../../program/preview/diff";
import { renderPreview, slotRanges } from "../../program/preview/render";
import { runPreview, type PreviewResult } from "../../program/preview/run";

const ROOT = join(__dirname, "..", "..");

/** Run the CLI, returning what it wrote to stdout. */
async function cli(args: string[]): Promise<string> {
  const chunks: string[] = [];
  const spy = jest.spyOn(process.stdout, "write").mockImplementation((chunk: unknown) => {
    chunks.push(String(chunk));
    return true;
  });
  try {
    await buildCli()
      .exitOverride()
      .parseAsync(["node", "shadowpool", ...args]);
  } finally {
    spy.mockRestore();
  }
  return chunks.join("");
}

describe("shadowpool preview --stack dev", () => {
  let result: PreviewResult;
  let text: string;
  beforeAll(async () => {
    result = await runPreview({ stack: "dev", cwd: ROOT });
    text = renderPreview(result);
  });

  it("says which stack, which now and which previous state", () => {
    const lines = text.split("\n");
    expect(lines[0]).toBe(
      "Shadowpool preview: stack dev (project shadowpool), planned for 2026-11-23T09:00Z",
    );
    // jest runs from the repo root: the path is shown relative to it.
    expect(lines[1]).toBe(
      "Previous state: stacks/state/dev.json (deployment planned for 2026-11-23T08:00Z)",
    );
    expect(result.stateFile).toBe(join(ROOT, "stacks", "state", "dev.json"));
  });

  it("prints each pool's forecast, plan and why", () => {
    expect(text).toContain("\napi-warm (warm on aws, enforce)\n");
    expect(text).toContain("\napi-ips (addresses on aws, enforce)\n");
    expect(text).toContain("\nci-runners (warm on kubernetes, observe)\n");
    expect(text).toContain("\napi-traffic (traffic weights on aws, enforce)\n");
    expect(text).toMatch(/ {2}forecast: predictable; model \S+ \(backtest capacity [\d.]+\);/);
    expect(text).toMatch(/peak q95 = [\d.]+ over \S+ \(90 % interval [\d.]+–[\d.]+\)/);
    expect(text).toContain(
      "  note:     override until 2026-11-23T12:00Z (load test): at least 12 shadow",
    );
    expect(text).toContain("            newly claimed api-ips-1, api-ips-3; released none");
    const why = result.outputs.pools["api-warm"] as SlotPoolOutput;
    expect(text).toContain(`    - ${why.plan.why[0]}`);
  });

  it("learns ci-runners' slot profile from its workload's (mocked) pods, and holds the previous one in observe mode", () => {
    // stacks/state/dev.json lists 3 Running ci-runner pods and 1 Pending one. The largest running
    // one, by hand: runner 1500m/3.5Gi + log-shipper sidecar 100m/128Mi = 1600m/3712Mi; the clone
    // init container (2 cpu, 512Mi, before the sidecar) raises cpu to 2. The Pending 4-cpu pod
    // holds no slot and sizes none. The pool is in observe mode and the previous deployment held
    // 2 cpu / 4Gi (the state's profile), so those stay and the learned one is reported.
    expect(text).toContain(
      "    - slot profile: cpu 2, memory 4Gi (kept from the previous deployment (app=ci-runner in ci: " +
        "observe mode keeps the placeholders' requests as they are)); learned now, applied in " +
        "enforce mode: cpu 2, memory 3712Mi (learned from 3 running pods of app=ci-runner in ci)",
    );
    const ci = result.outputs.pools["ci-runners"] as SlotPoolOutput;
    expect(ci.plan.inUse).toBe(3);
    const deployment = result.resources.find((r) => r.name === "ci-runners-placeholders");
    const spec = deployment?.inputs.spec as {
      template: { spec: { containers: { resources: unknown }[] } };
    };
    expect(spec.template.spec.containers[0].resources).toEqual({
      requests: { cpu: "2", memory: "4Gi" },
    });
    // Observe mode changes no capacity: the placeholders are not resized.
    expect(result.changes).toContainEqual(
      expect.objectContaining({ op: "same", name: "ci-runners-placeholders" }),
    );
    expect(result.outputs.shadowpool.pools["ci-runners"].profile).toEqual({
      cpu: "2",
      memory: "4Gi",
    });
  });

  it("counts api-warm's in-service instances as in use, so the warm pool holds peak − in use", () => {
    const warm = result.outputs.pools["api-warm"] as SlotPoolOutput;
    // The scenario: the group's desiredCapacity is the number of api-warm claims in the state file.
    const inService = result.previous?.claims?.["api-warm"]?.length ?? 0;
    expect(inService).toBeGreaterThan(0);
    expect(warm.plan.inUse).toBe(inService);
    expect(text).toContain(`; in use ${inService}; expected back 0;`);
    // Peak is total prepared capacity: the raw shadow is what is not already in service.
    const needed = Math.ceil(warm.plan.peak - 1e-9) - inService - warm.plan.expectedReleases;
    expect(warm.plan.rawShadow).toBe(needed);
    // Within bounds: at least the raw need (clamped to min/max), at most what the previous
    // deployment held when the cooldown/step-down keeps surplus — never the whole peak.
    const prevShadow = result.previous?.pools["api-warm"].plan.shadow ?? 0;
    const [min, max] = [2, 40]; // api-warm's bounds in stacks/Pulumi.dev.yaml
    const clamped = Math.min(Math.max(needed, min), max);
    expect(warm.plan.shadow).toBeGreaterThanOrEqual(clamped);
    expect(warm.plan.shadow).toBeLessThanOrEqual(Math.max(clamped, prevShadow));
    expect(warm.plan.shadow).toBeLessThan(Math.ceil(warm.plan.peak - 1e-9));
    // Slots: the in-service ones are claimed, the rest shadow; the group's warm pool floor is the shadow.
    expect(warm.slots.filter((s) => s.state === "claimed")).toHaveLength(inService);
    expect(warm.slots.filter((s) => s.state === "shadow")).toHaveLength(warm.plan.shadow);
    const group = result.resources.find((r) => r.type === "aws:autoscaling/group:Group");
    expect(group?.inputs.warmPool).toMatchObject({
      minSize: warm.plan.shadow,
      maxGroupPreparedCapacity: inService + warm.plan.shadow,
    });
  });

  it("names CSV sources relative to the project, not the machine", () => {
    const warm = result.outputs.pools["api-warm"] as SlotPoolOutput;
    expect(warm.history.source).toBe("csv stacks/data/api-warm.csv");
    expect(JSON.stringify(result.outputs)).not.toContain(ROOT);
  });

  it("lists the resources pulumi up would change, against the state file", () => {
    // Claims arrived on api-ips-1 and -3: their tags change, nothing is deleted.
    expect(text).toMatch(
      /~ update │ aws:ec2\/networkInterface:NetworkInterface │ api-ips-1 +│ tags/,
    );
    expect(text).toMatch(
      /~ update │ aws:ec2\/networkInterface:NetworkInterface │ api-ips-3 +│ tags/,
    );
    expect(text).not.toContain("- delete");
    const c = countChanges(result.changes);
    expect(c.delete).toBe(0);
    expect(text).toContain(
      `Resources: ${c.create} to create, ${c.update} to update, 0 to delete, ${c.same} unchanged\n`,
    );
    expect(c.create + c.update + c.same).toBe(result.outputs.shadowpool.resources.length);
  });

  it("ends with the summary lines", () => {
    const summary = text.slice(text.indexOf("\nSummary:\n"));
    for (const line of result.outputs.summary) expect(summary).toContain(`  ${line}\n`);
    expect(result.outputs.summary[1]).toMatch(/^api-ips: 12 → \d+ shadow/);
  });

  it("--json prints the outputs and the resource changes", async () => {
    const out = JSON.parse(await cli(["preview", "--stack", "dev", "--json"])) as {
      stack: string;
      summary: string[];
      resourceChanges: { op: string }[];
      shadowpool: { version: number };
    };
    expect(out.stack).toBe("dev");
    expect(out.summary).toEqual(result.outputs.summary);
    expect(out.resourceChanges).toEqual(result.changes);
    expect(out.shadowpool.version).toBe(1);
  });

  it("names the known stacks when the stack does not exist", async () => {
    await expect(runPreview({ stack: "qa", cwd: ROOT })).rejects.toThrow(
      `no stack "qa": ${join(ROOT, "stacks", "Pulumi.qa.yaml")} does not exist (known stacks: dev, prod, staging)`,
    );
  });
});

describe("resource diff", () => {
  it("creates, updates (naming the inputs), keeps and deletes by type and name", () => {
    const before = [
      { type: "t:A", name: "a-0", inputs: { tags: { s: "shadow" }, size: 1 } },
      { type: "t:A", name: "a-1", inputs: { size: 1 } },
      { type: "t:A", name: "a-2" },
    ];
    const after = [
      { type: "t:A", name: "a-0", inputs: { size: 1, tags: { s: "claimed" } } },
      { type: "t:A", name: "a-1", inputs: { size: 1 } },
      { type: "t:B", name: "a-2" },
    ];
    expect(diffResources(before, after)).toEqual([
      { op: "update", type: "t:A", name: "a-0", changed: ["tags"] },
      { op: "same", type: "t:A", name: "a-1" },
      { op: "create", type: "t:B", name: "a-2" },
      { op: "delete", type: "t:A", name: "a-2" },
    ]);
  });

  it("writes slot lists as ranges", () => {
    expect(slotRanges("p", [])).toBe("none");
    expect(slotRanges("p", [0, 1, 2, 5, 7, 8])).toBe("p-0..2, p-5, p-7..8");
  });
});
