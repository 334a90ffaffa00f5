/**
 * The Prometheus source against a REAL Prometheus (Debian's package) on 127.0.0.1, backfilled with
 * promtool before it starts. Fails (does not skip) when prometheus/promtool are missing: CI installs
 * them with .ci/install-test-servers.sh.
 */
import { loadHistory } from "../../../program/sources/load";
import {
  loadPrometheusPoints,
  planRangeChunks,
  queryRange,
} from "../../../program/sources/prometheus";
import type { PrometheusSourceSpec } from "../../../program/sources/types";
import { startPrometheus, type PrometheusServer } from "../../helpers/prometheus-server";

const STEP = 60;
/** 12,500 minutes ≈ 8.7 days: more than the 11,000 points Prometheus serves per request. */
const SAMPLES = 12_500;
// Tests may use the clock (forecasts/ may not): the data must sit inside the 30-day retention.
const NOW = Math.floor(Date.now() / 1000 / 3600) * 3600;

/** Sample k minutes before NOW; quarter values round-trip exactly through Prometheus's text. */
const valueAt = (k: number) => ((k * 37) % 101) / 4;
const expectedPoints = (count: number) =>
  Array.from({ length: count }, (_, i) => {
    const k = count - i;
    return { t: NOW - k * STEP, v: valueAt(k) };
  });

let prom: PrometheusServer;

beforeAll(async () => {
  const samples = Array.from({ length: SAMPLES }, (_, i) => ({
    t: NOW - (i + 1) * STEP,
    v: valueAt(i + 1),
  }));
  const short = samples.slice(0, 120);
  prom = await startPrometheus([
    { name: "shadowpool_demand", labels: { pool: "api" }, samples },
    { name: "shadowpool_multi", labels: { pool: "a" }, samples: short },
    { name: "shadowpool_multi", labels: { pool: "b" }, samples: short },
  ]);
}, 120_000);

afterAll(async () => {
  await prom?.stop();
});

const spec = (over: Partial<PrometheusSourceSpec> = {}): PrometheusSourceSpec => ({
  type: "prometheus",
  url: prom.url,
  query: 'shadowpool_demand{pool="api"}',
  step: STEP,
  lookback: 3 * 3600,
  timeoutMs: 10_000,
  retries: 1,
  ...over,
});

test("values and timestamps round-trip exactly over [now - lookback, now)", async () => {
  const loaded = await loadHistory(spec(), { now: NOW, baseDir: "/" });
  if (!loaded.ok) throw new Error(loaded.error);
  // 3 h at 60 s: 180 points, the first at NOW - 3 h, the last one step before NOW (now is exclusive).
  expect(loaded.history.points).toEqual(expectedPoints(180));
  expect(loaded.history.repairs).toEqual([]);
  expect(loaded.source).toBe(`prometheus ${prom.url} query "shadowpool_demand{pool=\\"api\\"}"`);
});

test("pages a range longer than 11,000 points and returns every point once", async () => {
  const lookback = 12_000 * STEP;
  expect(planRangeChunks(NOW, lookback, STEP)).toHaveLength(2);
  const loaded = await loadHistory(spec({ lookback }), { now: NOW, baseDir: "/" });
  if (!loaded.ok) throw new Error(loaded.error);
  expect(loaded.history.points).toHaveLength(12_000);
  expect(loaded.history.points).toEqual(expectedPoints(12_000));
});

test("a single request over 11,000 points maps Prometheus's 400 bad_data to a clear error", async () => {
  const start = NOW - 11_500 * STEP;
  await expect(
    queryRange(spec({ retries: 3 }), { start, end: NOW - STEP, step: STEP }),
  ).rejects.toThrow(
    /^answered HTTP 400 bad_data: exceeded maximum resolution of 11,000 points per timeseries/,
  );
  // The same through the loader with paging switched off: the error names the source, not retried.
  await expect(
    loadPrometheusPoints(spec({ lookback: 11_500 * STEP }), NOW, { maxPointsPerRequest: 20_000 }),
  ).rejects.toThrow(/HTTP 400 bad_data: exceeded maximum resolution/);
});

test("a query returning several series is an error naming the count and suggesting sum()", async () => {
  const loaded = await loadHistory(spec({ query: "shadowpool_multi" }), { now: NOW, baseDir: "/" });
  expect(loaded.ok).toBe(false);
  if (loaded.ok) return;
  expect(loaded.error).toContain(
    `prometheus ${prom.url} query "shadowpool_multi": query returned 2 series`,
  );
  expect(loaded.error).toContain('{__name__="shadowpool_multi",pool="a"}');
  expect(loaded.error).toContain("sum(shadowpool_multi)");
});

test("sum(...) over several series works and adds them", async () => {
  const loaded = await loadHistory(spec({ query: "sum(shadowpool_multi)", lookback: 3600 }), {
    now: NOW,
    baseDir: "/",
  });
  if (!loaded.ok) throw new Error(loaded.error);
  expect(loaded.history.points).toEqual(expectedPoints(60).map((p) => ({ t: p.t, v: 2 * p.v })));
});

test("a query that matches nothing is ok:false with 'returned no data'", async () => {
  const loaded = await loadHistory(spec({ query: "no_such_metric" }), { now: NOW, baseDir: "/" });
  expect(loaded).toEqual({
    ok: false,
    source: `prometheus ${prom.url} query "no_such_metric"`,
    error: expect.stringMatching(/query "no_such_metric": returned no data before now/),
  });
});

test("a PromQL syntax error is a 400 bad_data, reported at once (4xx is not retried)", async () => {
  const t0 = Date.now();
  const loaded = await loadHistory(spec({ query: "sum(", retries: 3 }), { now: NOW, baseDir: "/" });
  expect(loaded.ok).toBe(false);
  if (loaded.ok) return;
  expect(loaded.error).toMatch(/answered HTTP 400 bad_data: .*parse error/);
  expect(loaded.error).not.toMatch(/gave up after/);
  expect(Date.now() - t0).toBeLessThan(2_000);
});
