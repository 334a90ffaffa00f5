/**
 * The Prometheus source against servers that misbehave on purpose (a fake HTTP server on
 * 127.0.0.1): down, slow, garbage, 5xx then success; and what it sends (auth headers, form body).
 * Secrets must never appear in an error, even when the server echoes them back.
 */
import { loadHistory } from "../../../program/sources/load";
import type { PrometheusSourceSpec } from "../../../program/sources/types";
import {
  freePort,
  startFakeHttp,
  type FakeAnswer,
  type FakeHttpServer,
} from "../../helpers/fake-http";

const NOW = 1_700_006_400; // a multiple of 60 and of 3600
const TOKEN = "s3cr3t-T0ken.with/odd+chars";
const PASSWORD = "hunter2-P@ss:word";

const okBody = (values: [number, string][]) =>
  JSON.stringify({
    status: "success",
    data: { resultType: "matrix", result: [{ metric: {}, values }] },
  });

const spec = (url: string, over: Partial<PrometheusSourceSpec> = {}): PrometheusSourceSpec => ({
  type: "prometheus",
  url,
  query: "sum(demand)",
  step: 60,
  lookback: 300,
  timeoutMs: 2_000,
  retries: 2,
  ...over,
});
const load = (s: PrometheusSourceSpec) => loadHistory(s, { now: NOW, baseDir: "/" });

let server: FakeHttpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
const serve = async (handler: (n: number, auth: string) => FakeAnswer) => {
  server = await startFakeHttp((req, n) => handler(n, String(req.headers.authorization ?? "")));
  return server;
};

test("sends a POST form with the aligned range and the query, and reads the answer", async () => {
  const s = await serve(() => ({
    status: 200,
    body: okBody([
      [NOW - 120, "3"],
      [NOW - 60, "4.5"],
      [NOW, "9"],
    ]),
  }));
  const loaded = await load(spec(s.url + "/prom/", { lookback: 301 }));
  expect(loaded).toEqual({
    ok: true,
    source: `prometheus ${s.url}/prom/ query "sum(demand)"`,
    // The sample AT now is dropped: the range is [now - lookback, now).
    history: {
      points: [
        { t: NOW - 120, v: 3 },
        { t: NOW - 60, v: 4.5 },
      ],
      repairs: [],
    },
  });
  expect(s.requests).toHaveLength(1);
  const req = s.requests[0];
  expect(req.method).toBe("POST");
  expect(req.url).toBe("/prom/api/v1/query_range");
  expect(req.headers["content-type"]).toBe("application/x-www-form-urlencoded");
  // start = now - 301 aligned up to the step grid = now - 300; end = the last step time before now.
  expect(Object.fromEntries(new URLSearchParams(req.body))).toEqual({
    query: "sum(demand)",
    start: String(NOW - 300),
    end: String(NOW - 60),
    step: "60",
  });
  expect(req.headers.authorization).toBeUndefined();
});

test("sends the bearer token, and never shows it in an error even when the server echoes it", async () => {
  const s = await serve((_n, auth) => ({
    status: 500,
    body: JSON.stringify({
      status: "error",
      errorType: "internal",
      error: `bad header ${auth} token=${TOKEN}`,
    }),
  }));
  const loaded = await load(spec(s.url, { auth: { bearerToken: TOKEN }, retries: 1 }));
  expect(s.requests[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
  expect(loaded.ok).toBe(false);
  if (loaded.ok) return;
  expect(loaded.error).toMatch(
    /^prometheus http:\/\/127\.0\.0\.1:\d+ query "sum\(demand\)": answered HTTP 500 internal: bad header/,
  );
  expect(loaded.error).toContain("gave up after 2 attempts");
  expect(loaded.error).not.toContain(TOKEN);
  expect(loaded.error).not.toContain(encodeURIComponent(TOKEN));
});

test("basic auth from the spec or from the URL goes in a header; the password never shows", async () => {
  const basic = `Basic ${Buffer.from(`ops:${PASSWORD}`).toString("base64")}`;
  const s = await serve((_n, auth) => ({
    status: 401,
    body: `unauthorized: ${auth} (${PASSWORD})`,
    headers: { "content-type": "text/plain" },
  }));
  const fromSpec = await load(spec(s.url, { auth: { username: "ops", password: PASSWORD } }));
  const inUrl = `http://ops:${encodeURIComponent(PASSWORD)}@127.0.0.1:${s.port}`;
  const fromUrl = await load(spec(inUrl));
  expect(s.requests.map((r) => r.headers.authorization)).toEqual([basic, basic]);
  for (const loaded of [fromSpec, fromUrl]) {
    expect(loaded.ok).toBe(false);
    if (loaded.ok) continue;
    expect(loaded.source).toBe(`prometheus http://127.0.0.1:${s.port} query "sum(demand)"`);
    // 401 is a 4xx: one request each, no retries.
    expect(loaded.error).toContain("answered HTTP 401 with a body that is not JSON");
    for (const secret of [PASSWORD, encodeURIComponent(PASSWORD), basic.slice(6)]) {
      expect(loaded.error).not.toContain(secret);
      expect(loaded.source).not.toContain(secret);
    }
  }
});

test("a server that is down: connection refused, retried, ok:false quickly", async () => {
  const port = await freePort();
  const t0 = Date.now();
  const loaded = await load(spec(`http://127.0.0.1:${port}`, { retries: 2 }));
  expect(loaded.ok).toBe(false);
  if (loaded.ok) return;
  expect(loaded.error).toContain(
    `prometheus http://127.0.0.1:${port} query "sum(demand)": request failed: connection refused`,
  );
  expect(loaded.error).toContain("gave up after 3 attempts");
  expect(Date.now() - t0).toBeLessThan(5_000);
});

test("a slow server: each attempt times out, retries, then ok:false within a bounded time", async () => {
  const s = await serve(() => "hang");
  const t0 = Date.now();
  const loaded = await load(spec(s.url, { timeoutMs: 300, retries: 2 }));
  const elapsed = Date.now() - t0;
  expect(loaded.ok).toBe(false);
  if (loaded.ok) return;
  expect(loaded.error).toContain("no answer within 300 ms (timeoutMs) (gave up after 3 attempts)");
  expect(s.requests).toHaveLength(3);
  // 3 × 300 ms plus at most 200 + 400 ms of backoff, plus slack for a busy machine.
  expect(elapsed).toBeGreaterThanOrEqual(900);
  expect(elapsed).toBeLessThan(4_000);
});

test("HTTP 200 with a body that is not JSON: a clear error, not retried", async () => {
  const s = await serve(() => ({
    status: 200,
    body: "<html><body>Please log in</body></html>",
    headers: { "content-type": "text/html" },
  }));
  const loaded = await load(spec(s.url));
  expect(loaded.ok).toBe(false);
  if (loaded.ok) return;
  expect(loaded.error).toContain(
    'answered HTTP 200 with a body that is not JSON (content-type text/html): "<html><body>Please log in</body></html>"',
  );
  expect(s.requests).toHaveLength(1);
});

test("JSON of the wrong shape: a clear error naming the expected shape", async () => {
  const answers = [
    { status: "success", data: { resultType: "vector", result: [] } },
    {
      status: "success",
      data: { resultType: "matrix", result: [{ metric: {}, values: [[NOW - 60, 5]] }] },
    },
    { hello: "world" },
  ];
  const s = await serve((n) => ({ status: 200, body: JSON.stringify(answers[n]) }));
  const errors: string[] = [];
  for (let i = 0; i < answers.length; i++) {
    const loaded = await load(spec(s.url));
    errors.push(loaded.ok ? "ok" : loaded.error.replace(/^.*?: /, ""));
  }
  expect(errors[0]).toMatch(
    /^answered HTTP 200 with JSON that is not a query_range result \(expected .*"matrix"/,
  );
  expect(errors[1]).toBe(
    'answered a matrix whose result[0].values[0] is [1700006340,5], not a [seconds, "value"] pair',
  );
  expect(errors[2]).toMatch(/^answered HTTP 200 with JSON that is not a query_range result/);
  expect(s.requests).toHaveLength(3);
});

test("HTTP 500 then success: retried, and the second answer is used", async () => {
  const s = await serve((n) =>
    n === 0
      ? {
          status: 503,
          body: JSON.stringify({ status: "error", errorType: "unavailable", error: "starting" }),
        }
      : { status: 200, body: okBody([[NOW - 60, "7"]]) },
  );
  const loaded = await load(spec(s.url));
  expect(loaded).toMatchObject({ ok: true, history: { points: [{ t: NOW - 60, v: 7 }] } });
  expect(s.requests).toHaveLength(2);
});

test("NaN samples (undefined results) are dropped as gaps and said so; +Inf is rejected naming the row", async () => {
  const s = await serve((n) => ({
    status: 200,
    body:
      n === 0
        ? okBody([
            [NOW - 180, "2"],
            [NOW - 120, "NaN"],
            [NOW - 60, "4"],
          ])
        : okBody([
            [NOW - 120, "1"],
            [NOW - 60, "+Inf"],
          ]),
  }));
  expect(await load(spec(s.url))).toMatchObject({
    ok: true,
    history: {
      points: [
        { t: NOW - 180, v: 2 },
        { t: NOW - 60, v: 4 },
      ],
      repairs: ["1 NaN sample(s) (undefined query results) dropped: left as gaps"],
    },
  });
  const loaded = await load(spec(s.url));
  expect(loaded.ok).toBe(false);
  if (loaded.ok) return;
  expect(loaded.error).toContain("row 2: value Infinity is not a finite number");
});

test("a bad spec is reported without any request", async () => {
  const loaded = await load(spec("not a url", { step: 0 }));
  expect(loaded.ok).toBe(false);
  if (loaded.ok) return;
  expect(loaded.error).toContain(
    'url "not a url" is not a valid URL; use e.g. http://prometheus:9090',
  );
  expect(loaded.error).toContain("step must be a positive number of seconds (got 0)");
});
