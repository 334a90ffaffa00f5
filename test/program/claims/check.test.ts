import { claimsFromMarks, releaseMark } from "../../../program/claims/check";

describe("releaseMark", () => {
  it("reads true as certain and a whole percentage as a probability", () => {
    expect(releaseMark("true")).toBe(1);
    expect(releaseMark(" TRUE ")).toBe(1);
    expect(releaseMark("80")).toBe(0.8);
    expect(releaseMark("100")).toBe(1);
  });

  it("reads anything else as not releasing, which keeps the capacity", () => {
    for (const v of [undefined, "", "false", "0", "101", "0.8", "80%", "soon"]) {
      expect(releaseMark(v)).toBe(0);
    }
  });
});

describe("claimsFromMarks", () => {
  it("keeps a doubtful release's confidence, and none for a certain one", () => {
    const claims = claimsFromMarks("test", "slot", [
      { ref: "a", slot: "1", by: "team-a", releasing: 0.8 },
      { ref: "b", slot: "0", by: "team-b", releasing: 1 },
      { ref: "c", slot: "2", by: "team-c", releasing: 0 },
      { ref: "d", slot: "3", releasing: 0.5 }, // free: not a claim at all
    ]);
    expect(claims).toEqual([
      { index: 0, by: "team-b", releasing: true },
      { index: 1, by: "team-a", releasing: true, releaseConfidence: 0.8 },
      { index: 2, by: "team-c" },
    ]);
  });
});
