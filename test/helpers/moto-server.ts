/**
 * A real AWS API emulator (moto in server mode) on 127.0.0.1, for the CloudWatch source and the
 * AWS claim readers. Tests point the SDK at `url` with dummy credentials.
 */
import { mkdtempSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { freePort } from "./fake-http";
import { spawnUntilReady } from "./spawn-server";

export interface MotoServer {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  readonly pid: number;
  /** Clear all emulated state (`POST /moto-api/reset`). */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Start moto on a free loopback port.
 *
 * @returns the running server; call `stop()` in afterAll.
 * @throws when moto is missing (tests FAIL, they do not skip).
 */
export async function startMoto(): Promise<MotoServer> {
  const dir = mkdtempSync(join(tmpdir(), "shadowpool-moto-"));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const proc = await spawnUntilReady(
    "python3",
    ["-m", "moto.server", "-H", "127.0.0.1", "-p", String(port)],
    `${url}/moto-api/data.json`,
    join(dir, "moto.log"),
  ).catch((e: unknown) => {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  });
  return {
    url,
    pid: proc.pid,
    reset: async () => {
      const res = await fetch(`${url}/moto-api/reset`, { method: "POST" });
      if (res.status !== 200) throw new Error(`moto reset answered HTTP ${res.status}`);
    },
    stop: async () => {
      await proc.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Dummy credentials for the SDK's default chain, and no instance-metadata lookups. */
export function useDummyAwsCredentials(secret = "motoSecretKeyForTestsOnly"): void {
  process.env.AWS_ACCESS_KEY_ID = "AKIAMOTOTESTKEY00000";
  process.env.AWS_SECRET_ACCESS_KEY = secret;
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  process.env.AWS_EC2_METADATA_DISABLED = "true";
}
