/**
 * The CloudWatch source against a REAL AWS API emulator (moto in server mode) on 127.0.0.1.
 * Fails (does not skip) when moto is missing: CI installs it with .ci/install-test-servers.sh.
 */
import { CloudWatchClient, PutMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { getMetricDataInput, pagePoints } from "../../../program/sources/cloudwatch";
import { loadHistory } from "../../../program/sources/load";
import type { CloudWatchSourceSpec } from "../../../program/sources/types";
import { freePort, startFakeHttp } from "../../helpers/fake-http";
import { startMoto, useDummyAwsCredentials, type MotoServer } from "../../helpers/moto-server";

const SECRET = "wJalrXUtnFEMI-shadowpool-test-SECRET";
const PERIOD = 300;
// moto keeps what it is given; real timestamps keep the data plausible for CloudWatch's rules.
const NOW = Math.floor(Date.now() / 1000 / 3600) * 3600;
const BUCKETS = 24; // two hours of 5-minute buckets

let moto: MotoServer;
let savedEnv: NodeJS.ProcessEnv;

beforeAll(async () => {
  savedEnv = { ...process.env };
  useDummyAwsCredentials(SECRET);
  moto = await startMoto();
  const cw = new CloudWatchClient({ region: "us-east-1", endpoint: moto.url });
  // Two samples per bucket, k and 2k + 1, so Sum, Average, Minimum, Maximum and SampleCount differ.
  const data = Array.from({ length: BUCKETS }, (_, i) => i + 1).flatMap((k) => [
    { t: NOW - k * PERIOD, v: k },
    { t: NOW - k * PERIOD + 60, v: 2 * k + 1 },
  ]);
  for (let i = 0; i < data.length; i += 20) {
    await cw.send(
      new PutMetricDataCommand({
        Namespace: "Shadowpool/Test",
        MetricData: data.slice(i, i + 20).map((d) => ({
          MetricName: "Sessions",
          Dimensions: [{ Name: "Pool", Value: "api" }],
          Timestamp: new Date(d.t * 1000),
          Value: d.v,
        })),
      }),
    );
  }
  cw.destroy();
}, 60_000);

afterAll(async () => {
  await moto?.stop();
  process.env = savedEnv;
});

const spec = (over: Partial<CloudWatchSourceSpec> = {}): CloudWatchSourceSpec => ({
  type: "cloudwatch",
  region: "us-east-1",
  endpoint: moto.url,
  namespace: "Shadowpool/Test",
  metricName: "Sessions",
  dimensions: { Pool: "api" },
  stat: "Sum",
  period: PERIOD,
  lookback: BUCKETS * PERIOD,
  timeoutMs: 5_000,
  retries: 1,
  ...over,
});
const load = (s: CloudWatchSourceSpec) => loadHistory(s, { now: NOW, baseDir: "/" });

/** Expected per bucket k (k periods before now), from the two samples k and 2k + 1. */
const expected: Record<CloudWatchSourceSpec["stat"], (k: number) => number> = {
  Sum: (k) => 3 * k + 1,
  Average: (k) => (3 * k + 1) / 2,
  Minimum: (k) => k,
  Maximum: (k) => 2 * k + 1,
  SampleCount: () => 2,
};

test.each(Object.keys(expected) as CloudWatchSourceSpec["stat"][])(
  "PutMetricData then loadHistory returns the %s of each bucket, oldest first",
  async (stat) => {
    const loaded = await load(spec({ stat }));
    if (!loaded.ok) throw new Error(loaded.error);
    const want = Array.from({ length: BUCKETS }, (_, i) => BUCKETS - i).map((k) => ({
      t: NOW - k * PERIOD,
      v: expected[stat](k),
    }));
    expect(loaded.history.points).toEqual(want);
    expect(loaded.source).toBe(
      `cloudwatch us-east-1 at ${moto.url} Shadowpool/Test/Sessions{Pool=api} ${stat}/300s`,
    );
  },
);

test("a wrong region finds no data: ok:false naming the region", async () => {
  const loaded = await load(spec({ region: "eu-west-1" }));
  expect(loaded).toEqual({
    ok: false,
    source: expect.stringContaining("cloudwatch eu-west-1 at"),
    error: expect.stringMatching(
      /^cloudwatch eu-west-1 at .*Sessions\{Pool=api\} Sum\/300s: returned no data before now/,
    ),
  });
});

test("an endpoint that is down: ok:false within a bounded time, no secret in the message", async () => {
  const port = await freePort();
  const t0 = Date.now();
  const loaded = await load(
    spec({ endpoint: `http://127.0.0.1:${port}`, retries: 2, timeoutMs: 1_000 }),
  );
  expect(loaded.ok).toBe(false);
  if (loaded.ok) return;
  expect(loaded.error).toContain(`cloudwatch us-east-1 at http://127.0.0.1:${port}`);
  expect(loaded.error).toMatch(
    /GetMetricData failed: .*ECONNREFUSED.*connection refused: check endpoint and region/,
  );
  expect(loaded.error).not.toContain(SECRET);
  expect(loaded.error).not.toContain("AKIAMOTOTESTKEY00000");
  expect(Date.now() - t0).toBeLessThan(10_000);
});

test("a server that never answers: each attempt times out, ok:false within a bounded time", async () => {
  const slow = await startFakeHttp(() => "hang");
  try {
    const t0 = Date.now();
    const loaded = await load(spec({ endpoint: slow.url, retries: 1, timeoutMs: 300 }));
    const elapsed = Date.now() - t0;
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.error).toMatch(/GetMetricData failed: TimeoutError/);
    expect(loaded.error).toContain("no answer within 300 ms per attempt (timeoutMs)");
    expect(slow.requests).toHaveLength(2);
    expect(elapsed).toBeLessThan(8_000);
  } finally {
    await slow.close();
  }
});

test("a server that echoes the signed request: key id, signature and secret never show", async () => {
  // CloudWatch answers in AWS JSON 1.0; this one rejects the token and echoes what it got.
  const echo = await startFakeHttp((req) => ({
    status: 400,
    headers: { "content-type": "application/x-amz-json-1.0" },
    body: JSON.stringify({
      __type: "InvalidClientTokenId",
      message: `token rejected: ${req.headers.authorization} secret=${SECRET} raw ${SECRET}`,
    }),
  }));
  try {
    const loaded = await load(spec({ endpoint: echo.url, retries: 0 }));
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.error).toContain(
      "GetMetricData failed: InvalidClientTokenId (HTTP 400): token rejected: AWS4-HMAC-SHA256",
    );
    const signature = /Signature=([0-9a-f]+)/.exec(
      String(echo.requests[0].headers.authorization),
    )?.[1];
    expect(signature).toMatch(/^[0-9a-f]{64}$/);
    for (const secret of [SECRET, "AKIAMOTOTESTKEY00000", signature as string]) {
      expect(loaded.error).not.toContain(secret);
    }
  } finally {
    await echo.close();
  }
});

test("follows NextToken pages (moto ignores pagination, so a fake speaks AWS JSON 1.0)", async () => {
  const pages = [
    {
      NextToken: "page-2",
      results: [
        [NOW - 900, 1],
        [NOW - 600, 2],
      ],
      status: "PartialData",
    },
    {
      results: [
        [NOW - 300, 3],
        [NOW, 99],
      ],
      status: "Complete",
    },
  ];
  const fake = await startFakeHttp((_req, n) => ({
    status: 200,
    headers: { "content-type": "application/x-amz-json-1.0" },
    body: JSON.stringify({
      NextToken: pages[n].NextToken,
      MetricDataResults: [
        {
          Id: "demand",
          StatusCode: pages[n].status,
          Timestamps: pages[n].results.map(([t]) => t),
          Values: pages[n].results.map(([, v]) => v),
        },
      ],
    }),
  }));
  try {
    const loaded = await load(spec({ endpoint: fake.url, lookback: 900 }));
    // The point AT now is dropped: the range is [now - lookback, now).
    expect(loaded).toMatchObject({
      ok: true,
      history: {
        points: [
          { t: NOW - 900, v: 1 },
          { t: NOW - 600, v: 2 },
          { t: NOW - 300, v: 3 },
        ],
      },
    });
    const bodies = fake.requests.map((r) => JSON.parse(r.body) as { NextToken?: string });
    expect(bodies.map((b) => b.NextToken)).toEqual([undefined, "page-2"]);
  } finally {
    await fake.close();
  }
});

test("a bad spec is reported without any request", async () => {
  const loaded = await load(spec({ region: "", period: -1 }));
  expect(loaded.ok).toBe(false);
  if (loaded.ok) return;
  expect(loaded.error).toContain('region must be an AWS region such as us-east-1 (got "")');
  expect(loaded.error).toContain("period must be a positive number of seconds (got -1)");
});

test("the request: start aligned to the period, end = now, one metric stat, dimensions sorted", () => {
  const input = getMetricDataInput(
    spec({ lookback: 1000, dimensions: { b: "2", a: "1" } }),
    NOW,
    "tok",
  );
  expect(input.StartTime.getTime() / 1000).toBe(NOW - 900);
  expect(input.EndTime.getTime() / 1000).toBe(NOW);
  expect(input.NextToken).toBe("tok");
  expect(input.MetricDataQueries[0].MetricStat.Metric.Dimensions).toEqual([
    { Name: "a", Value: "1" },
    { Name: "b", Value: "2" },
  ]);
});

test("a page whose query failed is an error; mismatched arrays are an error", () => {
  expect(() =>
    pagePoints({
      MetricDataResults: [
        {
          Id: "demand",
          StatusCode: "Forbidden",
          Messages: [{ Code: "AccessDenied", Value: "no" }],
        },
      ],
    }),
  ).toThrow("GetMetricData status Forbidden: AccessDenied no");
  expect(() =>
    pagePoints({
      MetricDataResults: [
        { Id: "demand", StatusCode: "Complete", Timestamps: [new Date(0)], Values: [] },
      ],
    }),
  ).toThrow("GetMetricData returned 1 timestamps but 0 values");
});
