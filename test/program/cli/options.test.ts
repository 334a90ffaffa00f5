import {
  countArg,
  durationArg,
  formatDuration,
  listArg,
  modelChoices,
  parseDuration,
  quantileArg,
  timeArg,
} from "../../../program/cli/options";

describe("durations", () => {
  it("parses units and sums of parts", () => {
    expect(parseDuration("5m")).toBe(300);
    expect(parseDuration("1h")).toBe(3600);
    expect(parseDuration("14d")).toBe(1_209_600);
    expect(parseDuration("2w")).toBe(1_209_600);
    expect(parseDuration("1h30m")).toBe(5400);
    expect(parseDuration("90")).toBeNull();
    expect(parseDuration("1.5h")).toBeNull();
  });

  it("formats the shortest form", () => {
    expect(formatDuration(7200)).toBe("2h");
    expect(formatDuration(1_209_600)).toBe("2w");
    expect(formatDuration(5400)).toBe("1h30m");
    expect(formatDuration(0)).toBe("0s");
  });

  it("names the option, the value and the fix", () => {
    expect(() => durationArg("--every")("0s")).toThrow(
      '--every must be a duration like "90s", "15m", "1h", "14d", "2w" or "1h30m" (got "0s")',
    );
    expect(durationArg("--readiness", true)("0s")).toBe(0);
  });
});

describe("other option parsers", () => {
  it("checks quantiles, counts, times and lists", () => {
    expect(quantileArg("0.95")).toBe(0.95);
    expect(() => quantileArg("1")).toThrow(/--quantile .* \(got "1"\)/);
    expect(() => quantileArg("")).toThrow(/--quantile/);
    expect(countArg("--min")("0")).toBe(0);
    expect(() => countArg("--min")("-1")).toThrow(/--min must be a whole number/);
    expect(timeArg("--now")("2026-01-05T01:00:00Z")).toBe(Date.UTC(2026, 0, 5, 1) / 1000);
    expect(timeArg("--now")("1767574800")).toBe(1767574800);
    expect(listArg("a, b,,c")).toEqual(["a", "b", "c"]);
    expect(() => listArg(" , ")).toThrow(/--models/);
  });
});

describe("modelChoices", () => {
  it("passes on the choices given, in one order, and leaves out the rest", () => {
    expect(modelChoices({})).toEqual({});
    expect(Object.keys(modelChoices({}))).toEqual([]);
    const choices = modelChoices({
      timeZone: "Europe/Berlin",
      events: [],
      models: ["persistence"],
    });
    expect(Object.keys(choices)).toEqual(["models", "events", "timeZone"]);
    expect(Object.keys(modelChoices({ models: undefined, timeZone: "UTC" }))).toEqual(["timeZone"]);
  });
});
