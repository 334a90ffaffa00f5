import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { buildCli } from "../../../program/cli/main";

/** A temporary folder for fixture CSVs and output files. */
export function tmpDir(): string {
  return mkdtempSync(join(tmpdir(), "shadowpool-cli-"));
}

/**
 * Hourly demand with a daily shape (peak 20 around 14:00 UTC, 5 at night), `days` days from
 * 2026-01-05T00:00:00Z (a Monday), as CSV text.
 */
export function dailyShapeCsv(days: number): string {
  const start = Date.UTC(2026, 0, 5) / 1000;
  const lines = ["timestamp,value"];
  for (let i = 0; i < days * 24; i++) {
    const hour = i % 24;
    const v = Math.round(5 + 15 * Math.max(0, Math.cos(((hour - 14) * Math.PI) / 12)));
    lines.push(`${start + 3600 * i},${v}`);
  }
  return `${lines.join("\n")}\n`;
}

/** Write `text` to `dir/name` and return the path. */
export function writeFixture(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/**
 * Run the CLI with `args` (after `shadowpool`), capturing what it writes to stdout.
 *
 * @returns the captured stdout.
 * @throws whatever the command's action throws (main() would print it as `shadowpool: …`).
 */
export async function runCli(args: readonly string[]): Promise<string> {
  const chunks: string[] = [];
  const spy = jest.spyOn(process.stdout, "write").mockImplementation((chunk: unknown) => {
    chunks.push(String(chunk));
    return true;
  });
  try {
    await buildCli().parseAsync(["node", "shadowpool", ...args]);
  } finally {
    spy.mockRestore();
  }
  return chunks.join("");
}
