/** GCP claim reader: pure mapping, and the invoke under Pulumi mocks (unmocked invokes throw). */
import { invokeRecorder, setInvokeMocks } from "../../helpers/invoke-mocks";

const invokes = invokeRecorder();
const seen = invokes.seen;
let mod: typeof import("../../../program/claims/gcp");

beforeAll(async () => {
  await setInvokeMocks(invokes);
  mod = await import("../../../program/claims/gcp");
});
beforeEach(() => {
  seen.length = 0;
});

const address = (
  name: string,
  slot: string,
  status: string,
  extra: Record<string, string> = {},
) => ({
  name,
  region: "europe-west1",
  status,
  labels: { "shadowpool-pool": "api", "shadowpool-slot": slot, ...extra },
});

test("IN_USE or labelled addresses are claims; RESERVED ones are shadow slots", () => {
  expect(
    mod.gcpClaimsFromAddresses("api", [
      address("api-0", "0", "RESERVED"),
      address("api-1", "1", "IN_USE"),
      address("api-2", "2", "RESERVED", {
        "shadowpool-claimed-by": "batch",
        "shadowpool-releasing": "true",
      }),
      address("api-3", "3", "IN_USE", { "shadowpool-claimed-by": "frontend" }),
      {
        ...address("other-1", "1", "IN_USE"),
        labels: { "shadowpool-pool": "other", "shadowpool-slot": "1" },
      },
    ]),
  ).toEqual([
    { index: 1, by: "in-use" },
    { index: 2, by: "batch", releasing: true },
    { index: 3, by: "frontend" },
  ]);
});

test("an IN_USE address without a slot label is an error naming it", () => {
  const bad = {
    name: "api-x",
    region: "europe-west1",
    status: "IN_USE",
    labels: { "shadowpool-pool": "api" },
  };
  expect(() => mod.gcpClaimsFromAddresses("api", [bad])).toThrow(
    "gcp addresses labelled shadowpool-pool=api: cannot read claims safely:\n" +
      "  - address europe-west1/api-x is held by in-use but its shadowpool-slot is null, not a slot number; " +
      'set shadowpool-slot to the slot\'s index (e.g. "3") or take it out of the pool',
  );
});

test("getAddresses is called with the pool's label filter, project and region", async () => {
  invokes.calls = {
    "gcp:compute/getAddresses:getAddresses": () => ({
      id: "x",
      project: "p",
      addresses: [address("api-0", "0", "IN_USE"), address("api-1", "1", "RESERVED")],
    }),
  };
  expect(
    (await mod.readGcpAddresses("API.v2", { project: "p", region: "europe-west1" })).claims,
  ).toEqual([]);
  expect(seen).toEqual([
    {
      token: "gcp:compute/getAddresses:getAddresses",
      inputs: { filter: "labels.shadowpool-pool=api-v2", project: "p", region: "europe-west1" },
    },
  ]);
  expect((await mod.readGcpAddresses("api")).claims).toEqual([{ index: 0, by: "in-use" }]);
});

test("every address read keeps its import id (region/name), for the leak report", async () => {
  invokes.calls = {
    "gcp:compute/getAddresses:getAddresses": () => ({
      id: "x",
      addresses: [address("api-3", "3", "RESERVED")],
    }),
  };
  const read = await mod.readGcpAddresses("api");
  expect(read.claims).toEqual([]);
  expect(read.marks.map((m) => [m.ref, m.id, m.slot])).toEqual([
    ["address europe-west1/api-3", "europe-west1/api-3", "3"],
  ]);
});

test("a failing invoke is an error naming what was read", async () => {
  invokes.calls = {};
  await expect(mod.readGcpAddresses("api")).rejects.toThrow(
    /^gcp addresses labelled shadowpool-pool=api: reading claims failed: /,
  );
});
