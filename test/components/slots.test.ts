import fc from "fast-check";
import {
  claimsFromCount,
  claimsFromHolders,
  diffSlots,
  planSlots,
  slotName,
} from "../../components/slots";
import type { Slot, SlotClaim } from "../../components/slots";

const T0 = 1_700_000_000;
const deploy = (
  previous: readonly Slot[],
  claims: readonly SlotClaim[],
  targetShadow: number,
  now = T0,
) => planSlots({ pool: "p", previous, claims, targetShadow, now });
const summary = (slots: readonly Slot[]) => slots.map((s) => `${s.name}:${s.state[0]}`).join(" ");

describe("planSlots: sequences of deployments", () => {
  it("first deployment creates p-0..p-(n-1) as shadow", () => {
    const { slots, changes } = deploy([], [], 3);
    expect(summary(slots)).toBe("p-0:s p-1:s p-2:s");
    expect(changes).toEqual({ added: [0, 1, 2], removed: [], claimed: [], released: [] });
    expect(slots.every((s) => s.since === T0)).toBe(true);
  });

  it("grow adds the next indices, shrink removes the highest free ones, names stay stable", () => {
    const d1 = deploy([], [], 3).slots;
    const d2 = deploy(d1, [], 5, T0 + 3600);
    expect(summary(d2.slots)).toBe("p-0:s p-1:s p-2:s p-3:s p-4:s");
    expect(d2.changes.added).toEqual([3, 4]);
    // Existing slots keep their `since`.
    expect(d2.slots[0].since).toBe(T0);
    expect(d2.slots[4].since).toBe(T0 + 3600);
    const d3 = deploy(d2.slots, [], 2, T0 + 7200);
    expect(summary(d3.slots)).toBe("p-0:s p-1:s");
    expect(d3.changes.removed).toEqual([2, 3, 4]);
  });

  it("shrinking below the number of claimed slots keeps every claimed slot", () => {
    const d1 = deploy([], [], 4).slots;
    const claims = [
      { index: 0, by: "a" },
      { index: 2, by: "b" },
      { index: 3, by: "c" },
    ];
    const d2 = deploy(d1, claims, 0, T0 + 60);
    expect(summary(d2.slots)).toBe("p-0:c p-2:c p-3:c");
    expect(d2.changes).toEqual({ added: [], removed: [1], claimed: [0, 2, 3], released: [] });
    expect(d2.slots.find((s) => s.index === 2)?.claimedBy).toBe("b");
  });

  it("claims exceeding the plan grow the pool (claimed + target shadow)", () => {
    const d1 = deploy([], [], 2).slots;
    const d2 = deploy(
      d1,
      [
        { index: 0, by: "a" },
        { index: 1, by: "b" },
      ],
      2,
    );
    expect(summary(d2.slots)).toBe("p-0:c p-1:c p-2:s p-3:s");
  });

  it("a claim on the highest index survives a shrink; the next growth fills the gaps first", () => {
    const d1 = deploy([], [], 6).slots;
    const d2 = deploy(d1, [{ index: 5, by: "x" }], 1);
    expect(summary(d2.slots)).toBe("p-0:s p-5:c");
    expect(d2.changes.removed).toEqual([1, 2, 3, 4]);
    const d3 = deploy(d2.slots, [{ index: 5, by: "x" }], 3);
    expect(summary(d3.slots)).toBe("p-0:s p-1:s p-2:s p-5:c");
    expect(d3.changes.added).toEqual([1, 2]);
  });

  it("a slot released between deployments becomes shadow again, then may be removed", () => {
    const d1 = deploy([], [{ index: 1, by: "a" }], 2, T0).slots;
    expect(summary(d1)).toBe("p-0:s p-1:c p-2:s");
    // Claim gone, target 3 shadow: the released slot counts as shadow, nothing added.
    const d2 = deploy(d1, [], 3, T0 + 100);
    expect(summary(d2.slots)).toBe("p-0:s p-1:s p-2:s");
    expect(d2.changes).toEqual({ added: [], removed: [], claimed: [], released: [1] });
    expect(d2.slots[1].since).toBe(T0 + 100);
    expect(d2.slots[1].claimedBy).toBeUndefined();
    const d3 = deploy(d2.slots, [], 1, T0 + 200);
    expect(summary(d3.slots)).toBe("p-0:s");
  });

  it("releasing claims are kept, and move since only when the state changes", () => {
    const d1 = deploy([], [{ index: 0, by: "a" }], 0, T0).slots;
    const d2 = deploy(d1, [{ index: 0, by: "a" }], 0, T0 + 10).slots;
    expect(d2[0].since).toBe(T0);
    const d3 = deploy(d2, [{ index: 0, by: "a", releasing: true }], 0, T0 + 20).slots;
    expect(d3[0]).toMatchObject({ state: "releasing", since: T0 + 20, claimedBy: "a" });
  });

  it("claims on indices not in the previous table are adopted at that index", () => {
    const { slots, changes } = deploy([], [{ index: 7, by: "i-123" }], 1);
    expect(summary(slots)).toBe("p-0:s p-7:c");
    expect(changes.added).toEqual([0, 7]);
    expect(changes.claimed).toEqual([7]);
  });

  it("stamps expectedFor on shadow slots only", () => {
    const { slots } = planSlots({
      pool: "p",
      previous: [],
      claims: [{ index: 0, by: "a" }],
      targetShadow: 1,
      now: T0,
      expectedFor: "peak",
    });
    expect(slots.map((s) => s.expectedFor)).toEqual([undefined, "peak"]);
  });

  it("rejects bad args naming the field and the fix", () => {
    expect(() => deploy([], [], -1)).toThrow(/targetShadow must be an integer >= 0 \(got -1\)/);
    expect(() =>
      deploy(
        [],
        [
          { index: 1, by: "a" },
          { index: 1, by: "b" },
        ],
        0,
      ),
    ).toThrow(/claims\[1\]\.index must be unique.*merge the two claims/);
    expect(() => deploy([], [{ index: -2, by: "" }], 0)).toThrow(
      /claims\[0\]\.index must be an integer >= 0 \(got -2\).*claims\[0\]\.by must be a non-empty string/,
    );
  });
});

describe("claimsFromHolders", () => {
  it("keeps holders on their previous index and fills free slots lowest first", () => {
    const previous = deploy([], [{ index: 2, by: "i-b" }], 2).slots; // p-0 s, p-1 s, p-2 c(i-b)
    const claims = claimsFromHolders(["i-new", "i-b"], previous);
    expect(claims).toEqual([
      { index: 0, by: "i-new" },
      { index: 2, by: "i-b" },
    ]);
  });

  it("goes past the table when the previous slots are all taken, and marks releasing holders", () => {
    const claims = claimsFromHolders(["a", "b"], [], new Set(["b"]));
    expect(claims).toEqual([
      { index: 0, by: "a" },
      { index: 1, by: "b", releasing: true },
    ]);
  });
});

describe("claimsFromCount", () => {
  it("keeps slots in use, then takes free slots lowest first, then new indices", () => {
    const previous = deploy([], [{ index: 3, by: "in service" }], 3).slots; // 0 s, 1 s, 2 s, 3 c
    expect(claimsFromCount(2, previous).map((c) => c.index)).toEqual([0, 3]);
    expect(claimsFromCount(6, previous).map((c) => c.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(claimsFromCount(0, previous)).toEqual([]);
    expect(claimsFromCount(2, [])).toEqual([
      { index: 0, by: "in service" },
      { index: 1, by: "in service" },
    ]);
  });

  it("a steady count changes nothing in the table", () => {
    const first = deploy([], claimsFromCount(3, []), 2).slots;
    const second = deploy(first, claimsFromCount(3, first), 2, T0 + 60);
    expect(second.changes).toEqual({ added: [], removed: [], claimed: [], released: [] });
  });

  it("rejects a negative or fractional count", () => {
    expect(() => claimsFromCount(-1, [])).toThrow(/count must be an integer >= 0 \(got -1\)/);
    expect(() => claimsFromCount(1.5, [])).toThrow(RangeError);
  });
});

describe("planSlots: properties over random sequences", () => {
  // A deployment step: which of the current slots are claimed (by a bit mask), plus new claims and a target.
  const step = fc.record({
    claimMask: fc.array(fc.boolean(), { maxLength: 30 }),
    extraClaims: fc.uniqueArray(fc.nat(40), { maxLength: 3 }),
    releasing: fc.boolean(),
    target: fc.nat(20),
  });

  it("never removes a claimed slot, never renames, and holds exactly target shadow slots", () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 12 }), (steps) => {
        let previous: Slot[] = [];
        steps.forEach((s, k) => {
          const claims: SlotClaim[] = [];
          const used = new Set<number>();
          previous.forEach((slot, i) => {
            if (s.claimMask[i]) {
              claims.push({
                index: slot.index,
                by: `w${slot.index}`,
                releasing: s.releasing && i % 2 === 0,
              });
              used.add(slot.index);
            }
          });
          for (const idx of s.extraClaims) {
            if (!used.has(idx)) {
              claims.push({ index: idx, by: `n${idx}` });
              used.add(idx);
            }
          }
          const { slots, changes } = deploy(previous, claims, s.target, T0 + k);
          const byIndex = new Map(slots.map((x) => [x.index, x]));
          // Every claim is present, at its index, in use.
          for (const c of claims)
            expect(byIndex.get(c.index)?.state).toBe(c.releasing ? "releasing" : "claimed");
          // Names are derived from stable indices.
          for (const x of slots) expect(x.name).toBe(slotName("p", x.index));
          // Exactly target shadow slots; total = claims + target.
          expect(slots.filter((x) => x.state === "shadow")).toHaveLength(s.target);
          expect(slots).toHaveLength(claims.length + s.target);
          // Only previous shadow (or released) slots are removed; kept slots keep their index.
          for (const i of changes.removed) expect(used.has(i)).toBe(false);
          expect(changes).toEqual(diffSlots(previous, slots));
          // Indices unique and sorted.
          expect(slots.map((x) => x.index)).toEqual(
            [...new Set(slots.map((x) => x.index))].sort((a, b) => a - b),
          );
          previous = slots;
        });
      }),
      { numRuns: 300 },
    );
  });

  it("a steady state (same claims, same target) changes nothing", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(15), { maxLength: 6 }), fc.nat(10), (idx, target) => {
        const claims = idx.map((index) => ({ index, by: `w${index}` }));
        const first = deploy([], claims, target, T0).slots;
        const second = deploy(first, claims, target, T0 + 99);
        expect(second.slots).toEqual(first);
        expect(second.changes).toEqual({ added: [], removed: [], claimed: [], released: [] });
      }),
    );
  });
});
