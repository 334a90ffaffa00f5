/**
 * Start a real server process for a test, wait until it answers, and stop it by PID.
 * Shared by the Prometheus and moto helpers.
 */
import { spawn, type ChildProcess } from "child_process";
import { closeSync, openSync, readFileSync } from "fs";

export interface RunningProcess {
  readonly pid: number;
  /** Stop the process (SIGTERM, then SIGKILL after 5 s) and wait for it to exit. */
  stop(): Promise<void>;
}

/**
 * Spawn `command args`, logging to `logFile`, and poll `readyUrl` until it answers 200.
 *
 * @throws when the command is missing, exits early, or is not ready within `timeoutMs`; the
 *   message includes the end of the log.
 */
export async function spawnUntilReady(
  command: string,
  args: readonly string[],
  readyUrl: string,
  logFile: string,
  timeoutMs = 30_000,
): Promise<RunningProcess> {
  const log = openSync(logFile, "a");
  const child: ChildProcess = spawn(command, args, { stdio: ["ignore", log, log] });
  closeSync(log);
  let exited: string | null = null;
  const exit = new Promise<void>((ok) => {
    child.once("exit", (code, signal) => {
      exited = `exited with ${code ?? signal}`;
      ok();
    });
    child.once("error", (e) => {
      exited = `could not start: ${e.message}`;
      ok();
    });
  });
  const tail = () => readFileSync(logFile, "utf8").split("\n").slice(-15).join("\n");
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited)
      throw new Error(
        `${command} ${exited}; install it with .ci/install-test-servers.sh\n${tail()}`,
      );
    try {
      const res = await fetch(readyUrl, { signal: AbortSignal.timeout(1_000) });
      if (res.status === 200) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${command} not ready at ${readyUrl} after ${timeoutMs} ms\n${tail()}`);
    }
    await new Promise((ok) => setTimeout(ok, 100));
  }
  const pid = child.pid as number;
  return {
    pid,
    stop: async () => {
      if (exited) return;
      process.kill(pid, "SIGTERM");
      const timer = setTimeout(() => {
        if (!exited) process.kill(pid, "SIGKILL");
      }, 5_000);
      await exit;
      clearTimeout(timer);
    },
  };
}
