/**
 * Runs `readK8sClaims` in a plain Node process (with ts-node) and prints the outcome as JSON.
 * Why a child process: @kubernetes/client-node 1.x is an ES module; Node ≥ 20.19 can require()
 * it (as `pulumi up` does), jest's CommonJS runtime cannot. Not a test file: kubernetes.test.ts
 * starts it with `node -r ts-node/register/transpile-only`.
 *
 * argv[2]: JSON `{ pool, server, token, pageSize?, timeoutMs? }`.
 */
import { KubeConfig } from "@kubernetes/client-node";
import { readK8sClaims } from "../../../program/claims/kubernetes";

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2]) as {
    pool: string;
    server: string;
    token: string;
    pageSize?: number;
    timeoutMs?: number;
  };
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: "fake", server: args.server, skipTLSVerify: true }],
    users: [{ name: "ci", token: args.token }],
    contexts: [{ name: "fake", cluster: "fake", user: "ci" }],
    currentContext: "fake",
  });
  try {
    const claims = await readK8sClaims(args.pool, {
      kubeConfig: kc,
      pageSize: args.pageSize,
      timeoutMs: args.timeoutMs,
    });
    process.stdout.write(JSON.stringify({ ok: true, claims }) + "\n");
  } catch (e) {
    process.stdout.write(JSON.stringify({ ok: false, error: (e as Error).message }) + "\n");
  }
  // A hung request keeps a socket open: leave now that the answer is printed.
  process.exit(0);
}

void main();
