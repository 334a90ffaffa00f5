/**
 * AWS claim reader: the pure mapping without Pulumi, and the invokes under Pulumi mocks (every
 * invoke the test does not expect throws).
 */
import type { PoolConfig } from "../../../program/config";
import type { DeploymentState } from "../../../program/state";
import { invokeRecorder, setInvokeMocks } from "../../helpers/invoke-mocks";

const invokes = invokeRecorder();
const seen = invokes.seen;
let mod: typeof import("../../../program/claims/aws");

beforeAll(async () => {
  await setInvokeMocks(invokes);
  mod = await import("../../../program/claims/aws");
});
beforeEach(() => {
  seen.length = 0;
});

const tags = (slot: string, extra: Record<string, string> = {}) => ({
  "shadowpool:pool": "api",
  "shadowpool:slot": slot,
  ...extra,
});

describe("pure mapping", () => {
  test("attached or tagged interfaces are claims; free ones are not; releasing is read", () => {
    const claims = mod.awsClaimsFromObjects("api", "private", [
      { id: "eni-0", tags: tags("0") },
      {
        id: "eni-1",
        tags: tags("1"),
        attachments: [{ instanceId: "i-123", attachmentId: "eni-attach-1" }],
      },
      {
        id: "eni-2",
        tags: tags("2", { "shadowpool:claimed-by": "team-a", "shadowpool:releasing": "true" }),
      },
      {
        id: "eni-5",
        tags: tags("5", { "shadowpool:claimed-by": "job-9" }),
        attachments: [{ instanceId: "i-9" }],
      },
      {
        id: "eni-6",
        tags: tags("6", { "shadowpool:claimed-by": "job-10", "shadowpool:releasing": "80" }),
      },
    ]);
    expect(claims).toEqual([
      { index: 1, by: "i-123" },
      { index: 2, by: "team-a", releasing: true },
      { index: 5, by: "job-9" },
      { index: 6, by: "job-10", releasing: true, releaseConfidence: 0.8 },
    ]);
  });

  test("associated elastic IPs are claims, by instance, interface or association", () => {
    const claims = mod.awsClaimsFromObjects("api", "public", [
      { id: "eipalloc-3", tags: tags("3"), networkInterfaceId: "eni-77" },
      { id: "eipalloc-0", tags: tags("0"), instanceId: "i-1", networkInterfaceId: "eni-1" },
      {
        id: "eipalloc-1",
        tags: tags("1"),
        instanceId: "",
        networkInterfaceId: "",
        associationId: "",
      },
    ]);
    expect(claims).toEqual([
      { index: 0, by: "i-1" },
      { index: 3, by: "eni-77" },
    ]);
  });

  test("a held interface without a slot number, and two claiming one slot, are reported together", () => {
    expect(() =>
      mod.awsClaimsFromObjects("api", "private", [
        { id: "eni-a", tags: tags("x7"), attachments: [{ instanceId: "i-a" }] },
        { id: "eni-b", tags: tags("4"), attachments: [{ instanceId: "i-b" }] },
        { id: "eni-c", tags: tags("4", { "shadowpool:claimed-by": "svc" }) },
      ]),
    ).toThrow(
      "aws network interfaces tagged shadowpool:pool=api: cannot read claims safely:\n" +
        '  - network interface eni-a is held by i-a but its shadowpool:slot is "x7", not a slot number; ' +
        'set shadowpool:slot to the slot\'s index (e.g. "3") or take it out of the pool\n' +
        "  - network interface eni-c (held by svc) and network interface eni-b (held by i-b) both claim slot 4; " +
        "give one of them a free slot number in shadowpool:slot",
    );
  });
});

describe("invokes under mocks", () => {
  test("private: lists interfaces by the pool tag, then reads each one", async () => {
    invokes.calls = {
      "aws:ec2/getNetworkInterfaces:getNetworkInterfaces": () => ({
        ids: ["eni-0", "eni-1"],
        id: "x",
        region: "us-east-1",
      }),
      "aws:ec2/getNetworkInterface:getNetworkInterface": (inputs) =>
        inputs.id === "eni-1"
          ? {
              id: "eni-1",
              tags: tags("1"),
              attachments: [{ instanceId: "i-42", attachmentId: "a-1" }],
            }
          : { id: "eni-0", tags: tags("0"), attachments: [] },
    };
    const { claims } = await mod.readAwsAddresses("api", {
      addressType: "private",
      region: "eu-west-1",
    });
    expect(claims).toEqual([{ index: 1, by: "i-42" }]);
    expect(seen[0]).toEqual({
      token: "aws:ec2/getNetworkInterfaces:getNetworkInterfaces",
      inputs: { filters: [{ name: "tag:shadowpool:pool", values: ["api"] }], region: "eu-west-1" },
    });
    expect(
      seen
        .slice(1)
        .map((s) => s.inputs.id)
        .sort(),
    ).toEqual(["eni-0", "eni-1"]);
  });

  test("every interface read keeps its id, so a leaked one can be named and imported", async () => {
    invokes.calls = {
      "aws:ec2/getNetworkInterfaces:getNetworkInterfaces": () => ({ ids: ["eni-9"], id: "x" }),
      "aws:ec2/getNetworkInterface:getNetworkInterface": () => ({
        id: "eni-9",
        tags: tags("9"),
        attachments: [],
      }),
    };
    const read = await mod.readAwsAddresses("api", { addressType: "private" });
    expect(read.claims).toEqual([]);
    expect(read.marks).toEqual([
      { ref: "network interface eni-9", slot: "9", by: undefined, releasing: 0, id: "eni-9" },
    ]);
  });

  test("the pool's reader reports objects the last deployment did not record as leaked", async () => {
    invokes.calls = {
      "aws:ec2/getNetworkInterfaces:getNetworkInterfaces": () => ({
        ids: ["eni-0", "eni-5"],
        id: "x",
      }),
      "aws:ec2/getNetworkInterface:getNetworkInterface": (inputs) => ({
        id: inputs.id,
        tags: tags(inputs.id === "eni-0" ? "0" : "5"),
        attachments: [],
      }),
    };
    const { CLAIM_READERS } = await import("../../../program/claims-reader");
    const pool = {
      name: "api",
      kind: "addresses",
      cloud: "aws",
      mode: "enforce",
      provider: { addressType: "private" },
    } as unknown as PoolConfig;
    const slot0 = { index: 0, name: "api-0", state: "shadow" as const, since: 0 };
    const previous: DeploymentState = {
      version: 1,
      now: 0,
      pools: {
        api: {
          kind: "addresses",
          cloud: "aws",
          mode: "enforce",
          slots: [slot0],
          plan: { shadow: 1, surplusSince: null },
        },
      },
      resources: [],
    };
    const reading = await CLAIM_READERS["addresses/aws"](pool, previous);
    expect(reading.claims).toEqual([]);
    expect(reading.leaks?.map((l) => [l.id, l.slot, l.heldBy])).toEqual([["eni-5", 5, null]]);
    expect(reading.leaks?.[0].fix).toContain(
      "`pulumi import aws:ec2/networkInterface:NetworkInterface api-5 eni-5 --parent pool=urn:pulumi:",
    );
    // A first deployment recorded nothing: both are leaked.
    const first = await CLAIM_READERS["addresses/aws"](pool, undefined);
    expect(first.leaks?.map((l) => l.id)).toEqual(["eni-0", "eni-5"]);
  });

  test("public: lists elastic IPs by the pool tag, then reads each one", async () => {
    invokes.calls = {
      "aws:ec2/getEips:getEips": () => ({
        allocationIds: ["eipalloc-2"],
        publicIps: ["203.0.113.7"],
        id: "x",
        region: "r",
      }),
      "aws:ec2/getElasticIp:getElasticIp": () => ({
        id: "eipalloc-2",
        tags: tags("2", { "shadowpool:claimed-by": "edge", "shadowpool:releasing": "TRUE" }),
        instanceId: "",
        networkInterfaceId: "",
        associationId: "",
      }),
    };
    expect((await mod.readAwsAddresses("api", { addressType: "public" })).claims).toEqual([
      { index: 2, by: "edge", releasing: true },
    ]);
    expect(seen.map((s) => s.token)).toEqual([
      "aws:ec2/getEips:getEips",
      "aws:ec2/getElasticIp:getElasticIp",
    ]);
  });

  test("a failing invoke is an error naming what was read", async () => {
    invokes.calls = {};
    await expect(mod.readAwsAddresses("api", { addressType: "private" })).rejects.toThrow(
      // Pulumi's mock monitor drops the invoke's message; the real engine passes it through.
      "aws network interfaces tagged shadowpool:pool=api: reading claims failed: the provider gave no details (check credentials and region)",
    );
  });
});
