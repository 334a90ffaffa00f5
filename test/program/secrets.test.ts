/**
 * Credentials never reach outputs: a Prometheus bearer token set as Pulumi secret config is sent to
 * the server (so it was really used), and neither the stack outputs, the state nor the program's
 * log contain it, even though the source failed and its error is reported. The server is a small
 * HTTP server on 127.0.0.1 that echoes the token back in its error body, the worst case.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as pulumi from "@pulumi/pulumi";
import type { SlotPoolOutput, StackOutputs } from "../../program/outputs";
import { CLAIM_ANSWERS } from "../../program/preview/claims";
import { previewMocks } from "../../program/preview/mocks";

const TOKEN = "sp-tok-9f8e7d6c5b4a39281706";

let server: Server;
let port = 0;
const seen: (string | undefined)[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req.headers.authorization);
    res.writeHead(500, { "content-type": "text/plain" });
    res.end(`internal error for ${req.headers.authorization ?? "anonymous"}`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

it("a secret Prometheus token is used but never appears in outputs, state or log", async () => {
  const { mocks, resources } = previewMocks(undefined, CLAIM_ANSWERS);
  await pulumi.runtime.setMocks(mocks, "shadowpool", "secrets", true, "organization");
  const pools = [
    {
      name: "api-ips",
      kind: "addresses",
      cloud: "aws",
      mode: "enforce",
      history: {
        type: "prometheus",
        url: `http://127.0.0.1:${port}`,
        query: "sum(busy)",
        step: "1h",
        lookback: "14d",
        timeout: "2s",
        retries: 0,
      },
      bounds: { min: 1, max: 10 },
      provider: { addressType: "private", subnetId: "subnet-1" },
    },
  ];
  pulumi.runtime.setAllConfig(
    {
      "shadowpool:pools": JSON.stringify(pools),
      "shadowpool:now": "2026-11-23T09:00:00Z",
      "shadowpool:prometheusToken": TOKEN,
    },
    ["shadowpool:prometheusToken"],
  );
  const lines: string[] = [];
  const spies = (["log", "info", "warn", "error"] as const).map((m) =>
    jest.spyOn(console, m).mockImplementation((...args: unknown[]) => {
      lines.push(args.map(String).join(" "));
    }),
  );
  let outputs: StackOutputs;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const program = require("../../program/index") as () => Promise<StackOutputs>;
    outputs = await program();
  } finally {
    spies.forEach((s) => s.mockRestore());
  }

  // The token was sent: the secret reached the source.
  expect(seen).toContain(`Bearer ${TOKEN}`);
  // The source failed and says so, naming the source, without the token.
  const pool = outputs.pools["api-ips"] as SlotPoolOutput;
  expect(pool.history.error).toContain(`127.0.0.1:${port}`);
  expect(pool.plan.bounds).toContain("source-failed");
  // Nothing exported, logged or declared carries it.
  expect(JSON.stringify(outputs)).not.toContain(TOKEN);
  expect(lines.join("\n")).not.toContain(TOKEN);
  expect(JSON.stringify(resources)).not.toContain(TOKEN);
  expect(JSON.stringify(outputs)).not.toContain(TOKEN.slice(0, 12));
});
