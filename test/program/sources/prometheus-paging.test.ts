/** Paging of long ranges: pure chunk planning, and the requests a long load really sends. */
import { loadPrometheusPoints, planRangeChunks } from "../../../program/sources/prometheus";
import { startFakeHttp } from "../../helpers/fake-http";

const NOW = 1_700_006_400;

test("chunks cover [now - lookback, now) on the step grid, at most maxPoints each, no overlap", () => {
  expect(planRangeChunks(NOW, 600, 60, 4)).toEqual([
    { start: NOW - 600, end: NOW - 420, step: 60 },
    { start: NOW - 360, end: NOW - 180, step: 60 },
    { start: NOW - 120, end: NOW - 60, step: 60 },
  ]);
  // A lookback off the grid starts at the next grid time; a `now` off the grid ends before it.
  expect(planRangeChunks(NOW + 30, 125, 60)).toEqual([{ start: NOW - 60, end: NOW, step: 60 }]);
  expect(planRangeChunks(NOW, 59, 60)).toEqual([]);
  expect(planRangeChunks(NOW, 60, 60)).toEqual([{ start: NOW - 60, end: NOW - 60, step: 60 }]);
});

test("a 25,000-point range is read in 3 requests of ≤ 10,000 points and every point comes back once", async () => {
  const server = await startFakeHttp((req) => {
    const form = new URLSearchParams(req.body);
    const [start, end, step] = ["start", "end", "step"].map((k) => Number(form.get(k)));
    const values: [number, string][] = [];
    for (let t = start; t <= end; t += step) values.push([t, String((t / step) % 7)]);
    return {
      status: 200,
      body: JSON.stringify({
        status: "success",
        data: { resultType: "matrix", result: [{ metric: {}, values }] },
      }),
    };
  });
  try {
    const points = await loadPrometheusPoints(
      { type: "prometheus", url: server.url, query: "up", step: 15, lookback: 25_000 * 15 },
      NOW,
    );
    const sizes = server.requests.map((r) => {
      const f = new URLSearchParams(r.body);
      return (Number(f.get("end")) - Number(f.get("start"))) / 15 + 1;
    });
    expect(sizes).toEqual([10_000, 10_000, 5_000]);
    expect(points).toHaveLength(25_000);
    expect(points[0].t).toBe(NOW - 25_000 * 15);
    expect(points[points.length - 1].t).toBe(NOW - 15);
    expect(new Set(points.map((p) => p.t)).size).toBe(25_000);
  } finally {
    await server.close();
  }
});
