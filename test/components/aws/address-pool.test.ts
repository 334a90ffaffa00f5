import type { SlotClaim } from "../../../components/slots";
import { assignAddresses } from "../../helpers/assign-addresses";
import type { MockRecorder } from "../mocks";
import {
  NOW,
  basePolicy,
  flatHistory,
  promiseOf,
  previousOf,
  setMocks,
  settle,
  thrownMessage,
} from "../mocks";

let rec: MockRecorder;
let mod: typeof import("../../../components/aws/address-pool");

const ENI = "aws:ec2/networkInterface:NetworkInterface";
const EIP = "aws:ec2/eip:Eip";

beforeAll(async () => {
  rec = await setMocks();
  assignAddresses({
    [ENI]: (index) => ({ privateIp: `10.0.0.${index}` }),
    [EIP]: (index) => ({ publicIp: `203.0.113.${index}` }),
  });
  mod = await import("../../../components/aws/address-pool");
});
beforeEach(() => rec.reset());

const base = {
  now: NOW,
  policy: basePolicy,
  mode: "enforce" as const,
  addressType: "private" as const,
  subnetId: "subnet-1",
};

/** One deployment: build the pool, wait for it, return it with what it registered. */
async function deploy(
  args: Partial<import("../../../components/aws/address-pool").AwsAddressPoolArgs> & {
    history: ReturnType<typeof flatHistory>;
  },
) {
  rec.reset();
  const pool = new mod.AwsAddressPool("addr", { ...base, ...args });
  const table = await promiseOf(pool.shadowTable);
  await settle(pool.summary, pool.shadowTable);
  const names = rec.resources.filter((r) => r.type === ENI || r.type === EIP).map((r) => r.name);
  return { pool, table, names };
}

describe("AwsAddressPool: a known plan", () => {
  it("declares one tagged network interface per slot and a shadow table with their addresses", async () => {
    // Flat demand of 3 → peak 3, nothing in use → 3 shadow slots.
    const { pool, table, names } = await deploy({ history: flatHistory(3) });
    expect(pool.resolved.plan.shadow).toBe(3);
    expect(names).toEqual(["addr-0", "addr-1", "addr-2"]);
    expect(rec.named("addr").type).toBe("shadowpool:aws:AddressPool");
    expect(rec.resources).toHaveLength(4);
    const eni = rec.named("addr-1");
    expect(eni.parent).toBe("addr");
    expect(eni.inputs).toMatchObject({
      subnetId: "subnet-1",
      description: "shadowpool addr slot 1",
      tags: { "shadowpool:pool": "addr", "shadowpool:slot": "1", "shadowpool:state": "shadow" },
    });
    expect(eni.ignoreChanges).toEqual([
      'tags["shadowpool:claimed-by"]',
      'tags["shadowpool:releasing"]',
      "attachments",
    ]);
    expect(table).toEqual(
      [0, 1, 2].map((i) => ({
        slot: i,
        name: `addr-${i}`,
        address: `10.0.0.${i}`,
        state: "shadow",
        since: "2025-11-24T08:00:00.000Z",
        expectedFor: "peak q95 = 3 by snaive-daily before 2025-11-24T10:00Z",
        claimedBy: null,
      })),
    );
  });

  it("declares Elastic IPs (domain vpc) for public addresses", async () => {
    const { table, names } = await deploy({
      history: flatHistory(2),
      addressType: "public",
      subnetId: undefined,
      tags: { team: "edge" },
    });
    expect(names).toEqual(["addr-0", "addr-1"]);
    expect(rec.ofType(ENI)).toHaveLength(0);
    const eip = rec.named("addr-0");
    expect(eip.inputs).toMatchObject({
      domain: "vpc",
      tags: {
        team: "edge",
        "shadowpool:pool": "addr",
        "shadowpool:slot": "0",
        "shadowpool:state": "shadow",
      },
    });
    expect(eip.ignoreChanges).toEqual([
      'tags["shadowpool:claimed-by"]',
      'tags["shadowpool:releasing"]',
      "instance",
      "networkInterface",
      "associateWithPrivateIp",
    ]);
    expect(table.map((r) => r.address)).toEqual(["203.0.113.0", "203.0.113.1"]);
  });
});

describe("AwsAddressPool: sequences of deployments", () => {
  it("grows, keeps a claim on the highest index through a shrink, then regrows into the gaps", async () => {
    const d1 = await deploy({ history: flatHistory(4) });
    expect(d1.names).toEqual(["addr-0", "addr-1", "addr-2", "addr-3"]);

    // Slot 3 (the highest) is claimed; demand drops to 2: 1 in use + 1 shadow.
    const claims: SlotClaim[] = [{ index: 3, by: "i-0abc" }];
    const d2 = await deploy({
      history: flatHistory(2),
      claims,
      previous: previousOf(d1.pool.resolved.slots),
    });
    expect(d2.names).toEqual(["addr-0", "addr-3"]);
    expect(d2.pool.resolved.changes).toEqual({
      added: [],
      removed: [1, 2],
      claimed: [3],
      released: [],
    });
    expect(rec.named("addr-3").inputs.tags).toMatchObject({ "shadowpool:state": "claimed" });
    expect(d2.table[1]).toMatchObject({
      slot: 3,
      address: "10.0.0.3",
      state: "claimed",
      claimedBy: "i-0abc",
      expectedFor: null,
    });

    // Demand rises to 6: 1 in use + 5 shadow; the lowest free indices are reused.
    const d3 = await deploy({
      history: flatHistory(6),
      claims,
      previous: previousOf(d2.pool.resolved.slots),
    });
    expect(d3.names).toEqual(["addr-0", "addr-1", "addr-2", "addr-3", "addr-4", "addr-5"]);
    expect(d3.pool.resolved.changes.added).toEqual([1, 2, 4, 5]);
  });

  it("never deletes a claimed slot when demand falls below the claims, and frees a released one", async () => {
    const d1 = await deploy({ history: flatHistory(3) });
    const claims: SlotClaim[] = [0, 1, 2].map((index) => ({ index, by: `svc-${index}` }));
    const d2 = await deploy({
      history: flatHistory(1),
      claims,
      previous: previousOf(d1.pool.resolved.slots),
    });
    expect(d2.names).toEqual(["addr-0", "addr-1", "addr-2"]);
    expect(d2.table.every((r) => r.state === "claimed")).toBe(true);

    // svc-1 gave its address back: slot 1 is shadow again (from now) and, surplus, is removed.
    const later = NOW + 3600;
    const d3 = await deploy({
      history: flatHistory(2),
      now: later,
      claims: [claims[0], { ...claims[2], releasing: true }],
      previous: previousOf(d2.pool.resolved.slots),
    });
    expect(d3.pool.resolved.changes.released).toEqual([1]);
    expect(d3.names).toEqual(["addr-0", "addr-2"]);
    expect(rec.named("addr-2").inputs.tags).toMatchObject({ "shadowpool:state": "releasing" });
  });

  it("observe mode leaves the previous slots exactly as they were and reports what enforce would do", async () => {
    const d1 = await deploy({ history: flatHistory(2) });
    const d2 = await deploy({
      history: flatHistory(5),
      mode: "observe",
      previous: previousOf(d1.pool.resolved.slots),
    });
    expect(d2.names).toEqual(["addr-0", "addr-1"]);
    expect(d2.pool.resolved.slots).toHaveLength(5);
    expect(await promiseOf(d2.pool.summary)).toBe(
      "[observe] addr: 2 → 5 shadow (+3), peak q95 = 5 by snaive-daily, bound: none",
    );
    const first = await deploy({ history: flatHistory(5), mode: "observe" });
    expect(first.names).toEqual([]);
    expect(first.table).toEqual([]);
  });
});

describe("AwsAddressPool: bad args", () => {
  it("lists every problem with its field and fix, and registers nothing", async () => {
    const bad = {
      ...base,
      history: flatHistory(1),
      addressType: "elastic" as unknown as "private",
      tags: { "shadowpool:claimed-by": "me" },
      policy: { ...basePolicy, min: 5, max: 2 },
    };
    const message = thrownMessage(() => new mod.AwsAddressPool("bad", bad));
    expect(message).toBe(
      [
        'AwsAddressPool "bad": 3 invalid argument(s):',
        "args.policy.min must be <= args.policy.max (got min 5 > max 2); lower min or raise max",
        'args.addressType must be one of private, public (got "elastic")',
        'args.tags["shadowpool:claimed-by"] uses the reserved prefix shadowpool: (Shadowpool and claimers own it); rename the tag',
      ].join("\n  "),
    );
    expect(
      () =>
        new mod.AwsAddressPool("bad", { ...base, history: flatHistory(1), subnetId: undefined }),
    ).toThrow(
      'args.subnetId is required with addressType "private" (got undefined); pass the subnet that holds the addresses',
    );
    expect(
      mod.validateAwsAddressPoolArgs(
        { ...bad, addressType: "public", securityGroups: ["sg-1"] },
        "pools[1]",
      ),
    ).toEqual([
      "pools[1].policy.min must be <= pools[1].policy.max (got min 5 > max 2); lower min or raise max",
      'pools[1].subnetId is only for addressType "private"; remove it or use "private"',
      'pools[1].securityGroups is only for addressType "private"; remove it or use "private"',
      'pools[1].tags["shadowpool:claimed-by"] uses the reserved prefix shadowpool: (Shadowpool and claimers own it); rename the tag',
    ]);
    await settle(); // every registration started so far has reached the mock monitor
    expect(rec.resources).toHaveLength(0);
  });
});

describe("claimsFromAwsTags", () => {
  it("reads claims from the claimer's tags or an attachment, for this pool only", () => {
    const t = (slot: string, extra: Record<string, string> = {}, pool = "addr") => ({
      "shadowpool:pool": pool,
      "shadowpool:slot": slot,
      ...extra,
    });
    expect(
      mod.claimsFromAwsTags("addr", [
        { tags: t("4", { "shadowpool:claimed-by": "svc-a" }) },
        { tags: t("1"), attachedTo: "i-123" },
        { tags: t("2") },
        { tags: t("0", { "shadowpool:claimed-by": "svc-b", "shadowpool:releasing": "true" }) },
        { tags: t("3", { "shadowpool:claimed-by": "x" }, "other") },
      ]),
    ).toEqual([
      { index: 0, by: "svc-b", releasing: true },
      { index: 1, by: "i-123" },
      { index: 4, by: "svc-a" },
    ]);
  });
});
