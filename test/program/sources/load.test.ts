/** The dispatcher: CSV paths against baseDir, the `now` cut, and failures as values, never throws. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { loadHistory, sourceName } from "../../../program/sources/load";
import type { SourceSpec } from "../../../program/sources/types";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "shadowpool-load-"));
  mkdirSync(join(dir, "data"));
  writeFileSync(join(dir, "data", "api.csv"), "timestamp,value\n1000,3\n2000,5\n3000,7\n4000,9\n");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("a relative CSV path resolves against baseDir, not the working directory", async () => {
  const loaded = await loadHistory(
    { type: "csv", path: "data/api.csv" },
    { now: 10_000, baseDir: dir },
  );
  expect(loaded).toEqual({
    ok: true,
    // Named relative to baseDir (machine-independent); read from the resolved path.
    source: "csv data/api.csv",
    history: {
      points: [
        { t: 1000, v: 3 },
        { t: 2000, v: 5 },
        { t: 3000, v: 7 },
        { t: 4000, v: 9 },
      ],
      repairs: [],
    },
  });
});

test("points at or after now are dropped", async () => {
  const loaded = await loadHistory(
    { type: "csv", path: "data/api.csv" },
    { now: 3000, baseDir: dir },
  );
  expect(loaded.ok && loaded.history.points.map((p) => p.t)).toEqual([1000, 2000]);
});

test("a source with nothing before now is ok:false with 'returned no data'", async () => {
  const loaded = await loadHistory(
    { type: "csv", path: "data/api.csv" },
    { now: 1000, baseDir: dir },
  );
  expect(loaded).toEqual({
    ok: false,
    source: "csv data/api.csv",
    error: `csv data/api.csv: returned no data before now (1970-01-01T00:16:40.000Z)`,
  });
});

test("a missing file is ok:false naming the resolved path (no exception)", async () => {
  const loaded = await loadHistory(
    { type: "csv", path: "data/missing.csv" },
    { now: 10_000, baseDir: dir },
  );
  expect(loaded.ok).toBe(false);
  if (loaded.ok) return;
  expect(loaded.error).toContain(`csv data/missing.csv: history file`);
  expect(loaded.error).toContain(`looked at ${join(dir, "data", "missing.csv")}`);
  expect(loaded.error).toContain("does not exist");
});

test("CSV source names: relative to baseDir and normalised; absolute paths as given", () => {
  expect(sourceName({ type: "csv", path: "./data/../data/api.csv" }, dir)).toBe("csv data/api.csv");
  expect(sourceName({ type: "csv", path: join(dir, "data", "api.csv") }, dir)).toBe(
    `csv ${join(dir, "data", "api.csv")}`,
  );
});

test("an unknown source type is ok:false, not an exception", async () => {
  const loaded = await loadHistory({ type: "influx" } as unknown as SourceSpec, {
    now: 1,
    baseDir: dir,
  });
  expect(loaded).toEqual({
    ok: false,
    source: "influx source",
    error: 'influx source: type "influx" is not a known source; use csv, prometheus or cloudwatch',
  });
});

test("source names never carry credentials", () => {
  const name = sourceName(
    {
      type: "prometheus",
      url: "https://ops:pw123@prom.example:9090",
      query: "up",
      step: 60,
      lookback: 60,
    },
    dir,
  );
  expect(name).toBe('prometheus https://prom.example:9090 query "up"');
});
