/**
 * A tiny HTTP server on 127.0.0.1 for tests that need a server to misbehave on purpose (slow,
 * garbage, 5xx then success) or to capture what a client sends (headers, form bodies).
 */
import { createServer, type IncomingHttpHeaders, type Server } from "http";
import type { AddressInfo } from "net";

/** A request as the server saw it. */
export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** What the handler answers; `"hang"` never answers (until the server closes). */
export type FakeAnswer =
  | { readonly status: number; readonly body: string; readonly headers?: Record<string, string> }
  | "hang";

export interface FakeHttpServer {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  readonly port: number;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * Start a server whose every request is answered by `handler` (given the 0-based request number).
 *
 * @param handler decides the answer; may be async.
 * @returns the running server; call `close()` in afterAll/afterEach.
 */
export async function startFakeHttp(
  handler: (req: RecordedRequest, n: number) => FakeAnswer | Promise<FakeAnswer>,
): Promise<FakeHttpServer> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const recorded: RecordedRequest = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      const n = requests.push(recorded) - 1;
      void Promise.resolve(handler(recorded, n)).then((answer) => {
        if (answer === "hang") return;
        res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
        res.end(answer.body);
      });
    });
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((ok) => {
        // Hung requests keep sockets open: drop them so close() returns.
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/**
 * A port on 127.0.0.1 that nothing listens on (for connection-refused tests, and to start
 * real servers on a free port). Another process could take it in between; tests accept that.
 */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((ok) => server.close(() => ok()));
  return port;
}
