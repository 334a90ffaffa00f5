/**
 * A real Prometheus (Debian's package) on 127.0.0.1 with backfilled history: the series are
 * written as OpenMetrics, turned into TSDB blocks by `promtool tsdb create-blocks-from openmetrics`
 * BEFORE the server starts, and served from a temporary directory removed on stop.
 */
import { execFileSync } from "child_process";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { freePort } from "./fake-http";
import { spawnUntilReady } from "./spawn-server";

/** One series to backfill: a gauge with labels and samples (epoch seconds). */
export interface BackfillSeries {
  readonly name: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly samples: readonly { readonly t: number; readonly v: number }[];
}

export interface PrometheusServer {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/** OpenMetrics text for the series: one family per metric name, samples in time order. */
export function toOpenMetrics(series: readonly BackfillSeries[]): string {
  const lines: string[] = [];
  const names = [...new Set(series.map((s) => s.name))];
  for (const name of names) {
    lines.push(`# TYPE ${name} gauge`);
    for (const s of series.filter((x) => x.name === name)) {
      const labels = Object.entries(s.labels ?? {})
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(",");
      const selector = labels ? `${name}{${labels}}` : name;
      for (const p of [...s.samples].sort((a, b) => a.t - b.t))
        lines.push(`${selector} ${p.v} ${p.t}`);
    }
  }
  lines.push("# EOF");
  return lines.join("\n") + "\n";
}

/**
 * Backfill the series and start Prometheus on a free loopback port.
 *
 * @param series what to backfill (keep it inside the last 30 days: the retention window).
 * @returns the running server; call `stop()` in afterAll.
 * @throws when promtool or prometheus is missing (tests FAIL, they do not skip).
 */
export async function startPrometheus(
  series: readonly BackfillSeries[],
): Promise<PrometheusServer> {
  const dir = mkdtempSync(join(tmpdir(), "shadowpool-prom-"));
  const data = join(dir, "data");
  const input = join(dir, "backfill.om");
  const config = join(dir, "prometheus.yml");
  writeFileSync(input, toOpenMetrics(series));
  writeFileSync(config, "global:\n  scrape_interval: 1h\nscrape_configs: []\n");
  try {
    execFileSync(
      "promtool",
      ["tsdb", "create-blocks-from", "openmetrics", "--max-block-duration=24h", input, data],
      { stdio: "pipe" },
    );
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    const why = (e as { stderr?: Buffer }).stderr?.toString() || (e as Error).message;
    throw new Error(`promtool backfill failed (install with .ci/install-test-servers.sh): ${why}`);
  }
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const proc = await spawnUntilReady(
    "prometheus",
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${data}`,
      "--storage.tsdb.retention.time=30d",
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    `${url}/-/ready`,
    join(dir, "prometheus.log"),
  ).catch((e: unknown) => {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  });
  return {
    url,
    pid: proc.pid,
    stop: async () => {
      await proc.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
