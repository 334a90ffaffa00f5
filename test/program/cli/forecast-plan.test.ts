import { rmSync } from "fs";
import { buildCli } from "../../../program/cli/main";
import { SELECT_BY_OPTION_HELP } from "../../../program/cli/options";
import { dailyShapeCsv, runCli, tmpDir, writeFixture } from "./cli-helpers";

const dir = tmpDir();
// 16 days of hourly rows from 2026-01-05T00:00:00Z: the history ends at 2026-01-21T00:00:00Z.
const history = writeFixture(dir, "daily.csv", dailyShapeCsv(16));
const END = Date.UTC(2026, 0, 21) / 1000;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("shadowpool forecast", () => {
  it("prints the verdict, model, point max, calibrated peak and candidates", async () => {
    const out = await runCli(["forecast", "--history", history]);
    expect(out).toContain("384 rows, step 1h");
    expect(out).toContain("now: 2026-01-21T00:00:00Z (end of history");
    expect(out).toMatch(/verdict\s+│ predictable/);
    expect(out).toMatch(/point max over 1h/);
    expect(out).toMatch(/peak \(q 0.95 of the window max\)\s+│ [\d.]+ → \d+ slots/);
    expect(out).toMatch(/\(chosen\)/);
  });

  it("names the correction that calibrated the bound, as the JSON reports it", async () => {
    const text = await runCli(["forecast", "--history", history]);
    const c = JSON.parse(await runCli(["forecast", "--history", history, "--json"])).calibration;
    const expected =
      c.adaptation === "tracking"
        ? `level 0.95, score quantile offset by ${Math.round(c.offset * 1000) / 1000} (quantile tracking)`
        : `level 0.95 adapted to ${Math.round(c.adaptedLevel * 1000) / 1000} (${c.adaptation === "dtaci" ? "DtACI" : "ACI"})`;
    expect(text).toContain(expected);
    // Tracking moves an offset and keeps the level; ACI and DtACI move the level and no offset.
    if (c.adaptation === "tracking") expect(c.adaptedLevel).toBe(0.95);
    else expect(c.offset).toBe(0);
  });

  it("prints JSON with --json, with now defaulting to the end of the history", async () => {
    const fc = JSON.parse(
      await runCli(["forecast", "--history", history, "--json", "--horizon", "3h"]),
    );
    expect(fc.now).toBe(END);
    expect(fc.horizonSeconds).toBe(3 * 3600);
    expect(fc.quantile).toBe(0.95);
    expect(fc.verdict).toBe("predictable");
    expect(typeof fc.model).toBe("string");
    expect(fc.peak).toBeGreaterThan(0);
    expect(typeof fc.pointMax).toBe("number");
    expect(fc.candidates.length).toBeGreaterThan(0);
  });

  it("ignores rows at or after --now, given as ISO-8601 or epoch seconds", async () => {
    const iso = JSON.parse(
      await runCli(["forecast", "--history", history, "--json", "--now", "2026-01-20T12:00:00Z"]),
    );
    const epoch = JSON.parse(
      await runCli(["forecast", "--history", history, "--json", "--now", String(END - 12 * 3600)]),
    );
    expect(iso.now).toBe(END - 12 * 3600);
    expect(epoch).toEqual(iso);
  });

  it("says `not predictable` for three days of history", async () => {
    const short = writeFixture(dir, "short.csv", dailyShapeCsv(3));
    const fc = JSON.parse(await runCli(["forecast", "--history", short, "--json"]));
    expect(fc.verdict).toMatch(/^not predictable: /);
    expect(fc.model).toBeNull();
  });

  it("with --sibling, a young history holds the sibling's peak at its own level", async () => {
    // The last three days of the sibling's rows, at half its demand.
    const rows = dailyShapeCsv(16).trim().split("\n").slice(1).slice(-72);
    const halved = rows.map((r) => {
      const [t, v] = r.split(",");
      return `${t},${Number(v) / 2}`;
    });
    const young = writeFixture(dir, "young.csv", `timestamp,value\n${halved.join("\n")}\n`);
    const fc = JSON.parse(
      await runCli(["forecast", "--history", young, "--sibling", history, "--json"]),
    );
    expect(fc.verdict).toMatch(/^not predictable: only 3 days of history/);
    expect(fc.fallback.sibling).toMatchObject({ name: history, ratio: 0.5, days: 3 });
    expect(fc.peak).toBeLessThan(fc.fallback.sibling.plainPeak);
    const text = await runCli(["forecast", "--history", young, "--sibling", history]);
    expect(text).toMatch(/model\s+│ fallback \(sibling .*daily\.csv's peak × level ratio\)/);
  });

  it("rejects a bad --quantile and a bad --now naming the option", async () => {
    await expect(runCli(["forecast", "--history", history, "--quantile", "0.3"])).rejects.toThrow(
      /--quantile must be a number between 0.5 and 0.999, e.g. 0.95 \(got "0.3"\)/,
    );
    await expect(runCli(["forecast", "--history", history, "--now", "yesterday"])).rejects.toThrow(
      /--now must be ISO-8601 .* \(got "yesterday"\)/,
    );
  });
});

describe("shadowpool plan", () => {
  it("prints the shadow slots and the why", async () => {
    const out = await runCli(["plan", "--history", history, "--in-use", "3", "--price", "0.1"]);
    expect(out).toMatch(/shadow: \d+ slot\(s\) \(in use 3, total prepared \d+\)/);
    expect(out).toContain("why:");
    expect(out).toMatch(/ {2}- .*chosen by rolling-origin backtest/);
    expect(out).toMatch(/cost per day\s+│ [\d.]+/);
  });

  it("prints the PoolPlan with --json and applies --max", async () => {
    const free = JSON.parse(
      await runCli(["plan", "--history", history, "--in-use", "2", "--json"]),
    );
    expect(free.inUse).toBe(2);
    expect(free.now).toBe(END);
    expect(free.horizonSeconds).toBe(7200);
    expect(free.rawShadow).toBe(Math.ceil(free.peak - 1e-9) - 2);
    expect(free.shadow).toBe(free.rawShadow);
    expect(free.bounds).toEqual(["none"]);
    expect(free.shadow).toBeGreaterThan(1);
    const capped = JSON.parse(
      await runCli(["plan", "--history", history, "--in-use", "2", "--max", "1", "--json"]),
    );
    expect(capped.shadow).toBe(1);
    expect(capped.bounds).toContain("max");
  });

  it("passes --releases and the previous deployment's state to the planner", async () => {
    const plan = JSON.parse(
      await runCli([
        "plan",
        "--history",
        history,
        "--in-use",
        "0",
        "--releases",
        "1",
        "--previous-shadow",
        "40",
        "--max-step-down",
        "2",
        "--json",
      ]),
    );
    expect(plan.expectedReleases).toBe(1);
    // The raw shadow is far below 40: at most two slots go in one deployment.
    expect(plan.rawShadow).toBeLessThan(38);
    expect(plan.shadow).toBe(38);
    expect(plan.bounds).toContain("maxStepDown");
  });

  it("requires --in-use as a whole number", async () => {
    await expect(runCli(["plan", "--history", history, "--in-use", "2.5"])).rejects.toThrow(
      /--in-use must be a whole number of slots, 0 or more \(got "2.5"\)/,
    );
  });

  it("describes every option in --help", () => {
    const help = buildCli()
      .commands.find((c) => c.name() === "plan")!
      .helpInformation();
    for (const flag of [
      "--in-use <n>",
      "--min <n>",
      "--max <n>",
      "--max-step-down <n>",
      "--cooldown <duration>",
      "--releases <n>",
      "--price <p>",
      "--horizon <duration>",
      "--quantile <q>",
      "--select-by <score>",
      "--now <time>",
      "--json",
    ]) {
      expect(help).toContain(flag);
    }
  });
});

describe("--select-by on forecast, plan and backtest", () => {
  const CAPACITY = "mean capacity above the window maximum at equal coverage";

  it("forecast: selection by pinball when asked, by capacity by default, in the JSON and the table", async () => {
    const byPinball = JSON.parse(
      await runCli(["forecast", "--history", history, "--json", "--select-by", "pinball"]),
    );
    expect(byPinball.selectBy).toBe("pinball");
    const byDefault = JSON.parse(await runCli(["forecast", "--history", history, "--json"]));
    expect(byDefault.selectBy).toBe("capacity");
    expect(typeof byDefault.backtestCapacity).toBe("number");
    const text = await runCli(["forecast", "--history", history]);
    expect(text).toMatch(new RegExp(`selected by\\s+│ capacity \\(${CAPACITY}\\)`));
    expect(text).toMatch(/│ model\s+│ pinball\s+│ capacity\s+│ normalisation/);
  });

  it("plan: the why names the criterion selection minimised", async () => {
    const byPinball = JSON.parse(
      await runCli([
        "plan",
        "--history",
        history,
        "--in-use",
        "2",
        "--json",
        "--select-by",
        "pinball",
      ]),
    );
    expect(byPinball.why[0]).toContain(`chosen by rolling-origin backtest`);
    expect(byPinball.why[0]).toContain("mean pinball loss of the window maximum");
    expect(byPinball.why[0]).not.toContain(CAPACITY);
    const byDefault = JSON.parse(
      await runCli(["plan", "--history", history, "--in-use", "2", "--json"]),
    );
    expect(byDefault.why[0]).toContain(CAPACITY);
  });

  it.each([
    ["forecast", []],
    ["plan", ["--in-use", "2"]],
    ["backtest", []],
  ])(
    "%s rejects an unknown score naming the option, the value and the choices",
    async (cmd, more) => {
      await expect(
        runCli([cmd, "--history", history, ...more, "--select-by", "mape"]),
      ).rejects.toThrow('--select-by must be one of pinball, capacity (got "mape")');
    },
  );

  it("the three commands share one --select-by help line, default capacity", () => {
    for (const name of ["forecast", "plan", "backtest"]) {
      const option = buildCli()
        .commands.find((c) => c.name() === name)!
        .options.find((o) => o.long === "--select-by")!;
      expect(option.flags).toBe("--select-by <score>");
      expect(option.description).toBe(SELECT_BY_OPTION_HELP);
      expect(option.defaultValue).toBe("capacity");
    }
    expect(SELECT_BY_OPTION_HELP).toBe(
      "what model selection minimises: capacity (mean capacity above the window maximum at " +
        "equal coverage) or pinball (mean pinball loss of the window maximum)",
    );
  });
});
