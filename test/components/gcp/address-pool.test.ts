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
let mod: typeof import("../../../components/gcp/address-pool");
type Args = import("../../../components/gcp/address-pool").GcpAddressPoolArgs;

const ADDRESS = "gcp:compute/address:Address";

beforeAll(async () => {
  rec = await setMocks();
  assignAddresses({ [ADDRESS]: (index) => ({ address: `10.1.0.${index}` }) });
  mod = await import("../../../components/gcp/address-pool");
});
beforeEach(() => rec.reset());

const base = {
  now: NOW,
  policy: basePolicy,
  mode: "enforce" as const,
  addressType: "INTERNAL" as const,
  subnetwork: "projects/p/regions/europe-west1/subnetworks/apps",
  region: "europe-west1",
};

async function deploy(args: Partial<Args> & { history: Args["history"] }, name = "vip") {
  rec.reset();
  const pool = new mod.GcpAddressPool(name, { ...base, ...args });
  const table = await promiseOf(pool.shadowTable);
  await settle(pool.summary, pool.shadowTable);
  return { pool, table, names: rec.ofType(ADDRESS).map((r) => r.name) };
}

describe("GcpAddressPool: a known plan", () => {
  it("declares one labelled internal address per slot and the shadow table", async () => {
    const { pool, table, names } = await deploy({
      history: flatHistory(2),
      labels: { team: "edge" },
    });
    expect(pool.resolved.plan.shadow).toBe(2);
    expect(names).toEqual(["vip-0", "vip-1"]);
    expect(rec.named("vip").type).toBe("shadowpool:gcp:AddressPool");
    expect(rec.resources).toHaveLength(3);
    const a = rec.named("vip-1");
    expect(a.parent).toBe("vip");
    expect(a.inputs).toMatchObject({
      addressType: "INTERNAL",
      subnetwork: base.subnetwork,
      region: "europe-west1",
      description: "shadowpool vip slot 1",
      labels: {
        team: "edge",
        "shadowpool-pool": "vip",
        "shadowpool-slot": "1",
        "shadowpool-state": "shadow",
      },
    });
    expect(a.ignoreChanges).toEqual([
      'labels["shadowpool-claimed-by"]',
      'labels["shadowpool-releasing"]',
    ]);
    expect(table.map((r) => [r.slot, r.address, r.state])).toEqual([
      [0, "10.1.0.0", "shadow"],
      [1, "10.1.0.1", "shadow"],
    ]);
  });

  it("declares external addresses with a network tier", async () => {
    await deploy({
      history: flatHistory(1),
      addressType: "EXTERNAL",
      subnetwork: undefined,
      networkTier: "STANDARD",
    });
    expect(rec.named("vip-0").inputs).toMatchObject({
      addressType: "EXTERNAL",
      networkTier: "STANDARD",
    });
    expect(rec.named("vip-0").inputs.subnetwork).toBeUndefined();
  });
});

describe("GcpAddressPool: sequences of deployments", () => {
  it("shrinks around a claim on the highest index and grows back into the gaps", async () => {
    const d1 = await deploy({ history: flatHistory(3) });
    expect(d1.names).toEqual(["vip-0", "vip-1", "vip-2"]);
    const claims: SlotClaim[] = [{ index: 2, by: "forwarding-rule-a" }];
    const d2 = await deploy({
      history: flatHistory(1),
      claims,
      previous: previousOf(d1.pool.resolved.slots),
    });
    // Peak 1, 1 in use → 0 shadow: the claimed highest slot stays, the free ones go.
    expect(d2.names).toEqual(["vip-2"]);
    expect(rec.named("vip-2").inputs.labels).toMatchObject({ "shadowpool-state": "claimed" });
    expect(d2.table).toEqual([
      expect.objectContaining({
        slot: 2,
        address: "10.1.0.2",
        state: "claimed",
        claimedBy: "forwarding-rule-a",
      }),
    ]);
    const d3 = await deploy({
      history: flatHistory(4),
      claims,
      previous: previousOf(d2.pool.resolved.slots),
    });
    expect(d3.names).toEqual(["vip-0", "vip-1", "vip-2", "vip-3"]);
  });

  it("observe mode keeps the previous addresses as they are", async () => {
    const d1 = await deploy({ history: flatHistory(3) });
    const d2 = await deploy({
      history: flatHistory(0),
      mode: "observe",
      previous: previousOf(d1.pool.resolved.slots),
    });
    expect(d2.names).toEqual(["vip-0", "vip-1", "vip-2"]);
    expect(d2.pool.resolved.changes.removed).toEqual([0, 1, 2]);
  });
});

describe("GcpAddressPool: names and labels", () => {
  it("sanitizes label values to GCP's rules (lowercase, a-z0-9_-, at most 63)", () => {
    expect(mod.gcpLabelValue("API.Pool/EU west")).toBe("api-pool-eu-west");
    expect(mod.gcpLabelValue("x".repeat(80))).toHaveLength(63);
    const labels = mod.slotLabels("Edge_VIPs", {
      index: 7,
      name: "Edge_VIPs-7",
      state: "releasing",
      since: 0,
    });
    expect(labels).toEqual({
      "shadowpool-pool": "edge_vips",
      "shadowpool-slot": "7",
      "shadowpool-state": "releasing",
    });
    for (const v of Object.values(labels)) expect(v).toMatch(/^[a-z0-9_-]{0,63}$/);
  });

  it("rejects a component name GCP cannot use and bad labels, listing every problem, registering nothing", async () => {
    const message = thrownMessage(
      () =>
        new mod.GcpAddressPool("Edge_VIPs", {
          ...base,
          history: flatHistory(1),
          subnetwork: undefined,
          networkTier: "GOLD" as unknown as "PREMIUM",
          labels: { Team: "Edge", "shadowpool-claimed-by": "me" },
        }),
    );
    expect(message).toBe(
      [
        'GcpAddressPool "Edge_VIPs": 7 invalid argument(s):',
        'name must be 1..40 lowercase letters, digits or dashes, starting with a letter (got "Edge_VIPs"); GCP names its resources after it',
        "args.subnetwork is required with addressType INTERNAL (got undefined); pass the subnetwork that holds the addresses",
        "args.networkTier is only for addressType EXTERNAL; remove it or use EXTERNAL",
        'args.networkTier must be one of PREMIUM, STANDARD (got "GOLD")',
        'args.labels["Team"] key must start with a lowercase letter and hold only a-z, 0-9, _ and - (at most 63)',
        'args.labels["Team"] value must hold only a-z, 0-9, _ and - (at most 63; got "Edge")',
        'args.labels["shadowpool-claimed-by"] uses the reserved prefix shadowpool- (Shadowpool and claimers own it); rename the label',
      ].join("\n  "),
    );
    expect(
      mod.validateGcpAddressPoolArgs(
        { ...base, history: flatHistory(1), addressType: "EXTERNAL" },
        "pools[0]",
      ),
    ).toEqual(["pools[0].subnetwork is only for addressType INTERNAL; remove it or use INTERNAL"]);
    await settle(); // every registration started so far has reached the mock monitor
    expect(rec.resources).toHaveLength(0);
  });

  it("reads claims from the claimer's label or the address's users", () => {
    const l = (slot: string, extra: Record<string, string> = {}) => ({
      "shadowpool-pool": "edge_vips",
      "shadowpool-slot": slot,
      ...extra,
    });
    expect(
      mod.claimsFromGcpLabels("Edge_VIPs", [
        { labels: l("3", { "shadowpool-claimed-by": "team-a", "shadowpool-releasing": "true" }) },
        { labels: l("1"), users: ["projects/p/regions/r/forwardingRules/fr-1"] },
        { labels: l("0"), users: [] },
        { labels: { ...l("5"), "shadowpool-pool": "other" }, users: ["x"] },
      ]),
    ).toEqual([
      { index: 1, by: "projects/p/regions/r/forwardingRules/fr-1" },
      { index: 3, by: "team-a", releasing: true },
    ]);
  });
});
