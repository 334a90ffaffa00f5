/**
 * Kubernetes claim reader: pure mapping in jest, and the real `@kubernetes/client-node` client
 * against a small fake Kubernetes API on 127.0.0.1 (no API server can be installed here). The
 * client is an ES module that jest's CommonJS runtime cannot load, so the I/O tests run the reader
 * in a child Node process (read-k8s-claims.driver.ts), as `pulumi up` would.
 */
import { join } from "path";
import { k8sClaimsFromNamespaces } from "../../../program/claims/kubernetes";
import { startFakeHttp, type FakeAnswer, type FakeHttpServer } from "../../helpers/fake-http";
import { runTsChild } from "../../helpers/ts-child";

const TOKEN = "eyJhbGciOiJSUzI1NiJ9.k8s-secret-token";

const ns = (
  name: string,
  labels: Record<string, string>,
  annotations: Record<string, string> = {},
) => ({
  metadata: { name, labels: { "shadowpool.io/pool": "team", ...labels }, annotations },
});

type DriverResult = { ok: true; claims: unknown[] } | { ok: false; error: string };

/** Run readK8sClaims with the real client in a child Node process (see the driver's header). */
function readViaDriver(args: {
  pool: string;
  server: string;
  pageSize?: number;
  timeoutMs?: number;
}) {
  const driver = join(__dirname, "read-k8s-claims.driver.ts");
  return runTsChild<DriverResult>([driver, JSON.stringify({ ...args, token: TOKEN })]);
}

let server: FakeHttpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
const serve = async (handler: (n: number, auth: string) => FakeAnswer) => {
  server = await startFakeHttp((req, n) => handler(n, String(req.headers.authorization ?? "")));
  return server;
};

describe("pure mapping", () => {
  test("claimed-by (label or annotation) makes a claim; releasing is read from either", () => {
    const claims = k8sClaimsFromNamespaces("team", [
      ns("team-0", { "shadowpool.io/slot": "0" }),
      ns("team-1", { "shadowpool.io/slot": "1", "shadowpool.io/claimed-by": "alice" }),
      ns(
        "team-2",
        { "shadowpool.io/slot": "2" },
        { "shadowpool.io/claimed-by": "Bob <bob@example.com>", "shadowpool.io/releasing": "true" },
      ),
      ns("team-3", {
        "shadowpool.io/slot": "3",
        "shadowpool.io/claimed-by": "ci",
        "shadowpool.io/releasing": "true",
      }),
      // A label says 30 %, the annotation 60 %: the larger counts.
      ns(
        "team-4",
        {
          "shadowpool.io/slot": "4",
          "shadowpool.io/claimed-by": "dora",
          "shadowpool.io/releasing": "30",
        },
        { "shadowpool.io/releasing": "60" },
      ),
      {
        metadata: {
          name: "other-1",
          labels: {
            "shadowpool.io/pool": "other",
            "shadowpool.io/slot": "1",
            "shadowpool.io/claimed-by": "x",
          },
        },
      },
    ]);
    expect(claims).toEqual([
      { index: 1, by: "alice" },
      { index: 2, by: "Bob <bob@example.com>", releasing: true },
      { index: 3, by: "ci", releasing: true },
      { index: 4, by: "dora", releasing: true, releaseConfidence: 0.6 },
    ]);
  });

  test("two claimed namespaces on one slot are an error naming both", () => {
    expect(() =>
      k8sClaimsFromNamespaces("team", [
        ns("team-a", { "shadowpool.io/slot": "4", "shadowpool.io/claimed-by": "a" }),
        ns("team-b", { "shadowpool.io/slot": "4" }, { "shadowpool.io/claimed-by": "b" }),
      ]),
    ).toThrow("namespace team-b (held by b) and namespace team-a (held by a) both claim slot 4");
  });
});

describe("against a fake API server with the real client", () => {
  test("lists namespaces by label selector, follows continue pages, sends the token", async () => {
    const pages = [
      {
        items: [
          ns("team-0", { "shadowpool.io/slot": "0" }),
          ns("team-1", { "shadowpool.io/slot": "1" }, { "shadowpool.io/claimed-by": "alice" }),
        ],
        metadata: { continue: "page-2" },
      },
      {
        items: [ns("team-5", { "shadowpool.io/slot": "5", "shadowpool.io/claimed-by": "bob" })],
        metadata: {},
      },
    ];
    const s = await serve((n) => ({
      status: 200,
      body: JSON.stringify({ kind: "NamespaceList", apiVersion: "v1", ...pages[n] }),
    }));
    const result = await readViaDriver({ pool: "team", server: s.url, pageSize: 2 });
    expect(result).toEqual({
      ok: true,
      claims: [
        { index: 1, by: "alice" },
        { index: 5, by: "bob" },
      ],
    });
    expect(s.requests).toHaveLength(2);
    const [first, second] = s.requests.map((r) => new URL(r.url, s.url));
    expect(first.pathname).toBe("/api/v1/namespaces");
    expect(Object.fromEntries(first.searchParams)).toEqual({
      labelSelector: "shadowpool.io/pool=team",
      limit: "2",
    });
    expect(Object.fromEntries(second.searchParams)).toEqual({
      labelSelector: "shadowpool.io/pool=team",
      limit: "2",
      continue: "page-2",
    });
    expect(s.requests[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  test("a 403 is an error naming the cluster and the fix, without the token even if echoed", async () => {
    const s = await serve((_n, auth) => ({
      status: 403,
      body: JSON.stringify({
        kind: "Status",
        apiVersion: "v1",
        status: "Failure",
        reason: "Forbidden",
        code: 403,
        message: `namespaces is forbidden (${auth})`,
      }),
    }));
    const result = await readViaDriver({ pool: "team", server: s.url });
    const err = result.ok ? "" : result.error;
    expect(
      err.startsWith(
        `kubernetes namespaces labelled shadowpool.io/pool=team at ${s.url}: reading claims failed: `,
      ),
    ).toBe(true);
    expect(err).toContain(
      "reading claims failed: HTTP 403: namespaces is forbidden (Bearer [REDACTED]); ",
    );
    expect(err).toContain("check the kubeconfig's credentials and RBAC (list namespaces)");
    expect(err).not.toContain(TOKEN);
  });

  test("a server that never answers: an error after the timeout", async () => {
    const s = await serve(() => "hang");
    const t0 = Date.now();
    const result = await readViaDriver({ pool: "team", server: s.url, timeoutMs: 300 });
    expect(result).toEqual({
      ok: false,
      error: expect.stringContaining("reading claims failed: no answer within 300 ms (timeoutMs)"),
    });
    // Bounded by the timeout plus the child's start-up (ts-node, the client library).
    expect(Date.now() - t0).toBeLessThan(30_000);
  });
});
