/**
 * Leaked addresses: the pool's objects that the last deployment did not record, each with the
 * command that reclaims it.
 */
import { leakedAddresses } from "../../../program/claims/leaks";

const ctx = {
  pool: "api-ips",
  resourceType: "aws:ec2/networkInterface:NetworkInterface",
  slotKey: "shadowpool:slot",
  parentUrn: "urn:pulumi:prod::shadowpool::shadowpool:aws:AddressPool::api-ips",
  mode: "enforce" as const,
};
const PARENT = "--parent pool=urn:pulumi:prod::shadowpool::shadowpool:aws:AddressPool::api-ips";
const WHERE =
  "not among the slots the last deployment recorded (a failed run, a lost state, or made by hand)";
const mark = (id: string, slot: string | undefined, by?: string) => ({
  ref: `network interface ${id}`,
  id,
  slot,
  by,
  releasing: 0,
});

describe("leakedAddresses", () => {
  it("leaves the recorded slots alone and reports the others with their fix", () => {
    const marks = [
      mark("eni-a", "0"),
      mark("eni-b", "1", "i-7"),
      mark("eni-c", "7"),
      mark("eni-d", "8", "team-x"),
      mark("eni-e", "x1"),
    ];
    expect(leakedAddresses(marks, new Set([0, 1]), ctx)).toEqual([
      {
        ref: "network interface eni-c",
        id: "eni-c",
        slot: 7,
        heldBy: null,
        fix: `${WHERE}; free: delete it, or adopt it as slot 7 with \`pulumi import aws:ec2/networkInterface:NetworkInterface api-ips-7 eni-c ${PARENT}\``,
      },
      {
        ref: "network interface eni-d",
        id: "eni-d",
        slot: 8,
        heldBy: "team-x",
        fix: `${WHERE}; held by team-x: adopt it with \`pulumi import aws:ec2/networkInterface:NetworkInterface api-ips-8 eni-d ${PARENT}\` before the pool declares slot 8 anew beside it`,
      },
      {
        ref: "network interface eni-e",
        id: "eni-e",
        slot: null,
        heldBy: null,
        fix: `${WHERE}, and its shadowpool:slot is not a slot number: delete it, or set shadowpool:slot to a free slot number and adopt it`,
      },
    ]);
  });

  it("in observe mode, adopting goes with the switch to enforce", () => {
    const [free, held] = leakedAddresses(
      [mark("eni-c", "7"), mark("eni-d", "8", "team-x")],
      new Set(),
      {
        ...ctx,
        mode: "observe",
      },
    );
    const observe =
      "in the same change that switches the pool to enforce (in observe mode it declares no new slot, and would delete an imported one)";
    expect(free.fix).toBe(
      `${WHERE}; free: delete it, or adopt it as slot 7 with \`pulumi import aws:ec2/networkInterface:NetworkInterface api-ips-7 eni-c ${PARENT}\` ${observe}`,
    );
    expect(held.fix).toBe(
      `${WHERE}; held by team-x: adopt it with \`pulumi import aws:ec2/networkInterface:NetworkInterface api-ips-8 eni-d ${PARENT}\` ${observe}`,
    );
  });

  it("on a first deployment every object of the pool is leaked; with none, nothing is", () => {
    expect(leakedAddresses([mark("eni-a", "0")], new Set(), ctx).map((l) => l.id)).toEqual([
      "eni-a",
    ]);
    expect(leakedAddresses([], new Set(), ctx)).toEqual([]);
  });
});
