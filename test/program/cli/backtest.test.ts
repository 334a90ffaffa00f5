import { readFileSync, rmSync } from "fs";
import { join } from "path";
import * as backtestModule from "../../../forecasts/backtest";
import { buildCli } from "../../../program/cli/main";
import { dailyShapeCsv, runCli, tmpDir, writeFixture } from "./cli-helpers";

describe("shadowpool backtest", () => {
  const dir = tmpDir();
  // 16 days of hourly rows: 14 days of warm-up, then 48 hourly deployments.
  const history = writeFixture(dir, "daily.csv", dailyShapeCsv(16));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("prints the figures of the plan, the oracle and every baseline as a table", async () => {
    const out = await runCli(["backtest", "--history", history]);
    expect(out).toContain("384 rows, step 1h");
    expect(out).toMatch(
      /deployments: 48 every 1h from 2026-01-19T00:00:00Z to 2026-01-20T23:00:00Z/,
    );
    for (const policy of [
      "plan (q 0.95)",
      "oracle (hindsight)",
      "last-window",
      "last-week",
      "two-weeks",
    ]) {
      expect(out).toContain(policy);
    }
    expect(out).toContain("+20.0 % fixed");
    expect(out).toMatch(/tuned/);
    expect(out).toMatch(/plan idle \/ best hindsight-tuned baseline idle/);
    expect(out).toMatch(
      /window maximum inside the plan's 90\.0 % prediction interval: [\d.]+ % of the windows that had one/,
    );
  });

  it("writes one capacity per CSV data row with --caps-out, null during the warm-up", async () => {
    // A duplicated row stays a row of its own in the output.
    const text = dailyShapeCsv(16);
    const lines = text.trimEnd().split("\n");
    const withDuplicate = [...lines, lines[lines.length - 1]].join("\n") + "\n";
    const file = writeFixture(dir, "dup.csv", withDuplicate);
    const capsFile = join(dir, "caps.json");
    await runCli(["backtest", "--history", file, "--caps-out", capsFile]);
    const caps = JSON.parse(readFileSync(capsFile, "utf8")) as (number | null)[];
    expect(caps).toHaveLength(16 * 24 + 1);
    expect(caps.slice(0, 14 * 24).every((c) => c === null)).toBe(true);
    expect(caps.slice(14 * 24).every((c) => typeof c === "number" && Number.isInteger(c))).toBe(
      true,
    );
    // The duplicate row gets the same capacity as the row it repeats.
    expect(caps[caps.length - 1]).toBe(caps[caps.length - 2]);
  });

  it("deploys once a row by default when the rows are further apart than an hour", async () => {
    // 90 daily rows with a weekly rhythm: 76 daily deployments after the 14-day warm-up.
    const start = Date.UTC(2026, 0, 5) / 1000;
    const rows = Array.from(
      { length: 90 },
      (_, d) => `${start + d * 86400},${d % 7 < 5 ? 40 + (d % 3) : 12}`,
    );
    const file = writeFixture(dir, "days.csv", `timestamp,value\n${rows.join("\n")}\n`);
    const r = JSON.parse(await runCli(["backtest", "--history", file, "--json"]));
    expect(r.every).toBe(86400);
    expect(r.deployments).toHaveLength(90 - 14);
  });

  it("replays a fractional demand (a CPU share) in fine units, not whole slots", async () => {
    // The daily shape divided by 100: values 0.05 to 0.2, so capacity steps of 0.0001.
    const lines = dailyShapeCsv(16).trimEnd().split("\n");
    const shares = lines.map((l, i) => {
      if (i === 0) return l;
      const [t, v] = l.split(",");
      return `${t},${Number(v) / 100}`;
    });
    const file = writeFixture(dir, "shares.csv", `${shares.join("\n")}\n`);
    const capsFile = join(dir, "share-caps.json");
    const out = await runCli(["backtest", "--history", file, "--caps-out", capsFile]);
    expect(out).toContain(
      "the demand is not whole numbers: capacity was held in steps of 0.0001, not whole slots",
    );
    const caps = (JSON.parse(readFileSync(capsFile, "utf8")) as (number | null)[]).slice(14 * 24);
    // Every capacity is below one whole unit and a whole number of 0.0001 steps.
    expect(caps.every((c) => c !== null && c < 1)).toBe(true);
    expect(caps.every((c) => Math.abs(c! * 1e4 - Math.round(c! * 1e4)) < 1e-6)).toBe(true);
  });

  it("replays the program's schedule horizon with --missed-runs 1", async () => {
    const out = await runCli(["backtest", "--history", history, "--json", "--missed-runs", "1"]);
    expect(JSON.parse(out).horizonSeconds).toBe(2 * 3600);
  });

  it("prints JSON with --json, honouring --every and --warmup", async () => {
    const out = await runCli([
      "backtest",
      "--history",
      history,
      "--json",
      "--every",
      "2h",
      "--warmup",
      "15d",
    ]);
    const r = JSON.parse(out);
    expect(r.every).toBe(7200);
    expect(r.warmupSeconds).toBe(15 * 86400);
    expect(r.horizonSeconds).toBe(2 * 3600);
    expect(r.deployments).toHaveLength(12);
    expect(r.plan.rows).toBe(24);
    expect(r.oracle.stepCoverage).toBe(1);
    expect(r.baselines.map((b: { name: string }) => b.name)).toEqual([
      "last-window",
      "last-week",
      "two-weeks",
    ]);
    expect(r.capsPerRow).toBeUndefined();
  });

  it("prices the capacity each policy held with --price (capacity per row × 24 h × price)", async () => {
    const out = await runCli(["backtest", "--history", history, "--json", "--price", "0.5"]);
    const r = JSON.parse(out);
    // 12 slots held on average cost 12 × 24 × 0.5 = 144 a day: each cost is read from the
    // policy's own mean capacity, so a wrong hour count or a missed price would show.
    expect(r.costPerDay.pricePerSlotHour).toBe(0.5);
    expect(r.costPerDay.plan).toBeCloseTo(r.plan.capacityMean * 12, 10);
    expect(r.costPerDay.oracle).toBeCloseTo(r.oracle.capacityMean * 12, 10);
    expect(r.costPerDay.baselines[1].name).toBe("last-week");
    expect(r.costPerDay.baselines[1].fixed).toBeCloseTo(
      r.baselines[1].fixed.figures.capacityMean * 12,
      10,
    );
    const text = await runCli(["backtest", "--history", history, "--price", "0.5"]);
    expect(text).toContain("cost/day");
    expect(text).toContain(
      `cost of the capacity held, at 0.5 per slot-hour: plan ${(r.plan.capacityMean * 12).toFixed(2)}/day`,
    );
    expect(text).toMatch(
      /best hindsight-tuned baseline \(.+\): [\d.]+\/day; the plan (saves|costs)/,
    );
    expect(text).toMatch(/cheapest fixed-margin baseline \(.+ \+20\.0 %, window coverage/);
    const plain = await runCli(["backtest", "--history", history]);
    expect(plain).not.toContain("cost/day");
    await expect(runCli(["backtest", "--history", history, "--price", "-1"])).rejects.toThrow(
      /--price must be a number, 0 or more, e.g. 0.05 \(got "-1"\)/,
    );
  });

  it("rejects a bad --quantile, --every or file with a message naming it", async () => {
    await expect(runCli(["backtest", "--history", history, "--quantile", "1.5"])).rejects.toThrow(
      /--quantile must be a number between 0.5 and 0.999, e.g. 0.95 \(got "1.5"\)/,
    );
    await expect(runCli(["backtest", "--history", history, "--every", "1x"])).rejects.toThrow(
      /--every must be a duration like .* \(got "1x"\)/,
    );
    await expect(runCli(["backtest", "--history", join(dir, "nope.csv")])).rejects.toThrow(
      /history file .*nope.csv does not exist/,
    );
    await expect(runCli(["backtest", "--history", history, "--warmup", "30d"])).rejects.toThrow(
      /too short for a warm-up/,
    );
  });

  it("passes --select-by to the backtest and reports it", async () => {
    const spy = jest.spyOn(backtestModule, "backtest");
    try {
      const r = JSON.parse(
        await runCli(["backtest", "--history", history, "--json", "--select-by", "pinball"]),
      );
      expect(r.selectBy).toBe("pinball");
      expect(spy).toHaveBeenCalledTimes(1);
      expect(spy.mock.calls[0][1]).toMatchObject({ selectBy: "pinball" });
    } finally {
      spy.mockRestore();
    }
    const text = await runCli(["backtest", "--history", history]);
    expect(text).toMatch(/models chosen \(by capacity\): /);
  });

  it("describes every option in --help", () => {
    const help = buildCli()
      .commands.find((c) => c.name() === "backtest")!
      .helpInformation();
    for (const flag of [
      "--history <file>",
      "--every <duration>",
      "--warmup <duration>",
      "--quantile <q>",
      "--select-by <score>",
      "--json",
      "--caps-out <file>",
      "--events <file>",
      "--time-zone <zone>",
    ]) {
      expect(help).toContain(flag);
    }
    expect(help.replace(/\s+/g, " ")).toContain("default 1h, or the history's step when longer");
    expect(help).toContain("(default: 14d)");
  });
});
