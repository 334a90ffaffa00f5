/**
 * State between deployments: the program reads its previous state from a StackReference to its
 * own stack (answered here by the mocks, as in the offline preview), config from Pulumi's flat map,
 * and rejects a malformed state rather than planning on a guess.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { rawConfigFrom } from "../../program/config/read";
import { previewMocks, STACK_REFERENCE } from "../../program/preview/mocks";
import {
  parseState,
  readStateFile,
  readStateFromStack,
  StateError,
  type DeploymentState,
} from "../../program/state";

const STATE: DeploymentState = {
  version: 1,
  now: 1795424400,
  pools: {
    "api-ips": {
      kind: "addresses",
      cloud: "aws",
      mode: "enforce",
      slots: [
        { index: 0, name: "api-ips-0", state: "claimed", since: 1795420800, claimedBy: "i-1" },
      ],
      plan: { shadow: 0, surplusSince: null },
    },
  },
  resources: [{ type: "shadowpool:aws:AddressPool", name: "api-ips" }],
};

describe("readStateFromStack", () => {
  it("first deployment: the stack has no shadowpool output", async () => {
    const rec = previewMocks(undefined);
    await pulumi.runtime.setMocks(rec.mocks, "shadowpool", "dev", true, "acme");
    await expect(readStateFromStack()).resolves.toBeUndefined();
    const ref = rec.resources.find((r) => r.type === STACK_REFERENCE);
    expect(ref?.name).toBe("shadowpool-previous");
    expect(ref?.inputs.name).toBe("acme/shadowpool/dev");
  });

  it("later deployments read the previous state back as plain data", async () => {
    const rec = previewMocks(STATE);
    await pulumi.runtime.setMocks(rec.mocks, "shadowpool", "dev", true, "acme");
    await expect(readStateFromStack()).resolves.toEqual(STATE);
  });
});

describe("parseState", () => {
  it("rejects a state of another version, naming the field", () => {
    expect(() => parseState({ ...STATE, version: 2 }, "stacks/state/dev.json")).toThrow(StateError);
    expect(() => parseState({ ...STATE, version: 2 }, "stacks/state/dev.json")).toThrow(
      "stacks/state/dev.json is not a shadowpool state (version 1):\n  - version must be one of 1 (got 2)",
    );
  });

  it("rejects a slot in an unknown state", () => {
    const bad = JSON.parse(JSON.stringify(STATE)) as {
      pools: Record<string, { slots: { state: string }[] }>;
    };
    bad.pools["api-ips"].slots[0].state = "busy";
    expect(() => parseState(bad, "s.json")).toThrow(
      'pools.api-ips.slots[0].state must be one of shadow, claimed, releasing (got "busy")',
    );
  });

  it("a missing file is a first deployment; broken JSON is an error", async () => {
    const dir = mkdtempSync(join(tmpdir(), "shadowpool-state-"));
    await expect(readStateFile(join(dir, "none.json"))).resolves.toBeUndefined();
    writeFileSync(join(dir, "bad.json"), "{ not json");
    await expect(readStateFile(join(dir, "bad.json"))).rejects.toThrow(
      /bad\.json is not valid JSON/,
    );
    writeFileSync(join(dir, "ok.json"), JSON.stringify(STATE));
    await expect(readStateFile(join(dir, "ok.json"))).resolves.toEqual(STATE);
  });
});

describe("rawConfigFrom", () => {
  it("parses structured values, strips the namespace and keeps secrets apart", () => {
    const raw = rawConfigFrom(
      {
        "shadowpool:pools": '[{"name":"a"}]',
        "shadowpool:config:schedule": "*/5 * * * *",
        "shadowpool:prometheusToken": "t0ken",
        "aws:region": "us-east-1",
      },
      { SHADOWPOOL_PROMETHEUS_PASSWORD: "pw" },
    );
    expect(raw).toEqual({
      values: { pools: [{ name: "a" }], schedule: "*/5 * * * *" },
      secrets: { prometheusToken: "t0ken", prometheusPassword: "pw" },
    });
  });

  it("secret config wins over the environment", () => {
    const raw = rawConfigFrom(
      { "shadowpool:prometheusToken": "from-config" },
      { SHADOWPOOL_PROMETHEUS_TOKEN: "from-env" },
    );
    expect(raw.secrets.prometheusToken).toBe("from-config");
  });
});
