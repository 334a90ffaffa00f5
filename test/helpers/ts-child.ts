/**
 * Run TypeScript in a child Node process through ts-node, and parse the last line it prints as
 * JSON. For code that loads an ES-module library (the Kubernetes client, a CEL evaluator): Node
 * ≥ 20.19 can require() one, jest's CommonJS runtime cannot.
 */
import { execFile } from "child_process";
import { join } from "path";

/**
 * @param args node arguments after `-r ts-node/register/transpile-only`: a driver file and its
 * argument, or `-e`, a script and its argument.
 * @returns the parsed last line of the child's stdout.
 * @throws when the child fails, with its stderr.
 */
export function runTsChild<T>(args: readonly string[]): Promise<T> {
  return new Promise<T>((ok, fail) => {
    execFile(
      process.execPath,
      ["-r", "ts-node/register/transpile-only", ...args],
      { cwd: join(__dirname, "../.."), timeout: 60_000 },
      (err, stdout, stderr) => {
        if (err) fail(new Error(`child process failed: ${err.message}\n${stderr}`));
        else ok(JSON.parse(stdout.trim().split("\n").pop() as string) as T);
      },
    );
  });
}
