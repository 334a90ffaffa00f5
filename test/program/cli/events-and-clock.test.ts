import { rmSync } from "fs";
import { readCalendar } from "../../../program/cli/events";
import { dailyShapeCsv, runCli, tmpDir, writeFixture } from "./cli-helpers";

const dir = tmpDir();
// 16 days of hourly rows from 2026-01-05T00:00:00Z: the history ends at 2026-01-21T00:00:00Z.
const history = writeFixture(dir, "daily.csv", dailyShapeCsv(16));
const END = Date.UTC(2026, 0, 21) / 1000;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("--events", () => {
  it("reads a YAML or JSON calendar with the fields of a pool's events", () => {
    const yaml = writeFixture(
      dir,
      "events.yaml",
      '- { name: launch, at: "2026-01-21T00:00:00Z", duration: 1d, factor: 2 }\n- { at: "2026-01-10T00:00:00Z", duration: 2h }\n',
    );
    expect(readCalendar(yaml)).toEqual([
      { name: "launch", start: END, end: END + 86_400, factor: 2 },
      { start: END - 11 * 86_400, end: END - 11 * 86_400 + 7200 },
    ]);
    const json = writeFixture(
      dir,
      "events.json",
      JSON.stringify([{ name: "launch", at: String(END), duration: "1d", factor: 2 }]),
    );
    expect(readCalendar(json)).toEqual([
      { name: "launch", start: END, end: END + 86_400, factor: 2 },
    ]);
  });

  it("reports every bad entry at once, naming the file, the entry, the field and the fix", () => {
    const bad = writeFixture(
      dir,
      "bad.yaml",
      '- { at: "soon", duration: 1d, factor: -2 }\n- { at: "2026-01-21T00:00:00Z", duration: 1d, extra: 3 }\n',
    );
    expect(() => readCalendar(bad)).toThrow(
      `--events ${bad} has 3 problem(s):\n` +
        '  events[0].at must be an ISO-8601 time like "2026-11-24T09:00:00Z" (got "soon")\n' +
        "  events[0].factor must be a positive number, e.g. 0.5 for a holiday or 2 for a launch (got -2)\n" +
        '  events[1] has unknown field "extra": remove or fix the spelling',
    );
    const notYaml = writeFixture(dir, "broken.yaml", "- { at: [\n");
    expect(() => readCalendar(notYaml)).toThrow(
      /^--events .*broken.yaml: cannot read it as YAML or JSON: /,
    );
  });

  it("multiplies the forecast of a window a declared launch reaches, and says so", async () => {
    const events = writeFixture(
      dir,
      "launch.yaml",
      '- { name: launch, at: "2026-01-21T00:00:00Z", duration: 1d, factor: 2 }\n',
    );
    const plain = JSON.parse(await runCli(["forecast", "--history", history, "--json"]));
    const launch = JSON.parse(
      await runCli(["forecast", "--history", history, "--json", "--events", events]),
    );
    expect(launch.events).toEqual({ windowFactor: 2, inWindow: ["launch ×2"], rescaledSteps: 0 });
    expect(launch.pointMax).toBeCloseTo(2 * plain.pointMax, 9);
    expect(launch.peak).toBeGreaterThanOrEqual(2 * plain.peak - 1);
    const text = await runCli(["forecast", "--history", history, "--events", events]);
    expect(text).toMatch(/events\s+│ window × 2 \(launch ×2\); 0 history step\(s\) rescaled/);
    const plan = await runCli(["plan", "--history", history, "--in-use", "0", "--events", events]);
    expect(plan).toMatch(
      /Events: the window's bound is multiplied by 2, the largest factor over its steps \(events reaching it: launch ×2\)/,
    );
  });

  it("gives the backtest's plan the calendar, and says the baselines do not get it", async () => {
    const holiday = writeFixture(
      dir,
      "holiday.yaml",
      '- { name: holiday, at: "2026-01-20T00:00:00Z", duration: 1d, factor: 0.5 }\n',
    );
    const out = await runCli(["backtest", "--history", history, "--events", holiday]);
    expect(out).toContain(
      "known events given to the plan (not to the baselines): holiday 2026-01-20T00:00:00Z–2026-01-21T00:00:00Z ×0.5",
    );
  });

  it("forecasts on the wall clock --time-zone names, and rejects an unknown zone", async () => {
    const out = await runCli(["forecast", "--history", history, "--time-zone", "Europe/Berlin"]);
    expect(out).toMatch(/clock\s+│ wall clock of Europe\/Berlin/);
    const fc = JSON.parse(
      await runCli(["forecast", "--history", history, "--json", "--time-zone", "Europe/Berlin"]),
    );
    expect(fc.timeZone).toBe("Europe/Berlin");
    const plan = await runCli([
      "plan",
      "--history",
      history,
      "--in-use",
      "0",
      "--time-zone",
      "UTC",
    ]);
    expect(plan).not.toMatch(/wall clock/);
    await expect(
      runCli(["backtest", "--history", history, "--time-zone", "Berlin"]),
    ).rejects.toThrow(
      '--time-zone must be an IANA time zone like "Europe/Berlin", "America/New_York" or "UTC" (got "Berlin")',
    );
  });
});
