/**
 * Stack configuration errors: each bad config gives exactly its message (path, value, fix), every
 * problem is reported at once, and a program run with a bad config declares nothing.
 */
import * as pulumi from "@pulumi/pulumi";
import { readFileSync } from "fs";
import { join } from "path";
import { parse } from "yaml";
import { ALL_MODELS, OPTIONAL_MODELS } from "../../forecasts/models";
import { planPool } from "../../forecasts/plan";
import { ConfigError, parseStackConfig } from "../../program/config";
import { previewMocks } from "../../program/preview/mocks";
import { policyFor } from "../../program/resolve-policy";
import { scheduleWindow } from "../../program/schedule";

/** A valid one-pool config; each case changes one thing. */
function base(): Record<string, unknown> {
  return {
    schedule: "0 * * * *",
    pools: [
      {
        name: "api-ips",
        kind: "addresses",
        cloud: "aws",
        bounds: { min: 1, max: 10, maxStepDown: 2, cooldown: "1h" },
        provider: { addressType: "private", subnetId: "subnet-1" },
      },
    ],
  };
}

type Pool = Record<string, unknown>;
const withPool = (change: (p: Pool) => void): Record<string, unknown> => {
  const cfg = base();
  change((cfg.pools as Pool[])[0]);
  return cfg;
};

const CASES: readonly [string, Record<string, unknown>, string][] = [
  [
    "sibling names no pool of the stack",
    withPool((p) => (p.forecast = { sibling: "api-eu" })),
    'pools[0].forecast.sibling must name a slot pool of this stack with a longer history (got "api-eu"; known: none)',
  ],
  [
    "sibling names the pool itself",
    withPool((p) => (p.forecast = { sibling: "api-ips" })),
    'pools[0].forecast.sibling must name another pool, not the pool itself (got "api-ips")',
  ],
  [
    "sibling is not a string",
    withPool((p) => (p.forecast = { sibling: 3 })),
    "pools[0].forecast.sibling must be a string (got 3)",
  ],
  [
    "quantile out of range",
    withPool((p) => (p.forecast = { quantile: 1.5 })),
    "pools[0].forecast.quantile must be between 0.5 and 0.999 (got 1.5)",
  ],
  [
    "unknown kind",
    withPool((p) => (p.kind = "warmm")),
    'pools[0].kind must be one of warm, addresses, namespaces, weights (got "warmm")',
  ],
  [
    "kind not on that cloud",
    withPool((p) => (p.cloud = "kubernetes")),
    'pools[0].cloud must be aws or gcp for kind addresses (got "kubernetes")',
  ],
  [
    "bad pool name",
    withPool((p) => (p.name = "Api_IPs")),
    'pools[0].name must be 1-40 lowercase letters, digits or dashes, starting with a letter (got "Api_IPs")',
  ],
  [
    "min above max",
    withPool((p) => (p.bounds = { min: 5, max: 2 })),
    "pools[0].bounds.min must be <= bounds.max (got min 5, max 2)",
  ],
  [
    "missing max",
    withPool((p) => (p.bounds = { min: 1 })),
    "pools[0].bounds.max is required: the most shadow slots this pool may hold, e.g. 50",
  ],
  [
    "a step-down of zero",
    withPool((p) => (p.bounds = { max: 5, maxStepDown: 0 })),
    "pools[0].bounds.maxStepDown must be a whole number >= 1 (got 0)",
  ],
  [
    "duration in words",
    withPool((p) => (p.bounds = { max: 5, cooldown: "2 hours" })),
    'pools[0].bounds.cooldown must be a duration like "90s", "15m", "2h", "1d" or "1h30m" (got "2 hours")',
  ],
  [
    "misspelt field",
    withPool((p) => (p.bounds = { mn: 1, max: 5 })),
    'pools[0].bounds has unknown field "mn": remove or fix the spelling',
  ],
  [
    "unknown source type",
    withPool((p) => (p.history = { type: "influx", path: "x" })),
    'pools[0].history.type must be one of csv, prometheus, cloudwatch (got "influx")',
  ],
  [
    "prometheus without a URL scheme",
    withPool(
      (p) =>
        (p.history = {
          type: "prometheus",
          url: "prometheus:9090",
          query: "sum(up)",
          step: "1h",
          lookback: "14d",
        }),
    ),
    'pools[0].history.url must be an http(s) URL like "http://prometheus:9090" (got "prometheus:9090")',
  ],
  [
    "cloudwatch period not in minutes",
    withPool(
      (p) =>
        (p.history = {
          type: "cloudwatch",
          region: "us-east-1",
          namespace: "App",
          metricName: "Busy",
          stat: "Maximum",
          period: "90s",
          lookback: "14d",
        }),
    ),
    'pools[0].history.period must be a whole number of minutes, at least 1m (got "90s")',
  ],
  [
    "unknown model",
    withPool((p) => (p.forecast = { models: ["prophet"] })),
    `pools[0].forecast.models[0] must be one of ${[...ALL_MODELS, ...OPTIONAL_MODELS].map((m) => m.name).join(", ")} (got "prophet")`,
  ],
  [
    "unknown selection score",
    withPool((p) => (p.forecast = { selectBy: "mape" })),
    'pools[0].forecast.selectBy must be one of pinball, capacity (got "mape")',
  ],
  [
    "override that ends before it starts",
    withPool(
      (p) =>
        (p.overrides = [
          { from: "2026-11-24T10:00:00Z", to: "2026-11-24T08:00:00Z", minShadow: 3 },
        ]),
    ),
    "pools[0].overrides[0].to must be after from (got from 2026-11-24T10:00:00Z, to 2026-11-24T08:00:00Z)",
  ],
  [
    "event time that is not a time",
    withPool((p) => (p.events = [{ at: "next friday", duration: "1d", extra: 3 }])),
    'pools[0].events[0].at must be an ISO-8601 time like "2026-11-24T09:00:00Z" (got "next friday")',
  ],
  [
    "unknown time zone",
    withPool((p) => (p.forecast = { timeZone: "Europe/Atlantis" })),
    'pools[0].forecast.timeZone must be an IANA time zone like "Europe/Berlin", "America/New_York" or "UTC" (got "Europe/Atlantis")',
  ],
  [
    "event with neither extra slots nor a factor",
    withPool((p) => (p.events = [{ name: "launch", at: "2026-11-27T00:00:00Z", duration: "1d" }])),
    "pools[0].events[0] must give extra (shadow slots to hold for the event) or factor (its demand as a multiple of the usual), or both",
  ],
  [
    "event factor that is not positive",
    withPool((p) => (p.events = [{ at: "2026-11-27T00:00:00Z", duration: "1d", factor: 0 }])),
    "pools[0].events[0].factor must be a positive number, e.g. 0.5 for a holiday or 2 for a launch (got 0)",
  ],
  [
    "provider field owned by the program",
    withPool((p) => (p.provider = { addressType: "private", subnetId: "s", mode: "enforce" })),
    "pools[0].provider.mode is set by the program from the pool's config; remove it",
  ],
  [
    "provider args rejected by the component",
    withPool((p) => (p.provider = { addressType: "elastic" })),
    'pools[0].provider.addressType must be one of private, public (got "elastic")',
  ],
  [
    "cron with words",
    { ...base(), schedule: "every hour" },
    'schedule must be a cron expression with 5 fields like "0 * * * *" (got "every hour")',
  ],
  [
    "now that is not a time",
    { ...base(), now: "yesterday" },
    'now must be an ISO-8601 time like "2026-11-24T09:00:00Z" (got "yesterday")',
  ],
  ["no pools", { schedule: "0 * * * *" }, "pools is required (a list)"],
  ["empty pools", { pools: [] }, "pools must list at least one pool"],
  [
    "unknown top-level key",
    { ...base(), pool: [] },
    'shadowpool config has unknown field "pool": remove or fix the spelling',
  ],
];

describe("stack configuration errors", () => {
  it.each(CASES)("%s", (_what, config, message) => {
    const result = parseStackConfig(config);
    expect(result).toEqual({ ok: false, errors: [message] });
  });

  it("accepts the base config with its defaults", () => {
    const result = parseStackConfig(base());
    if (!result.ok) throw new Error(result.errors.join("\n"));
    const pool = result.config.pools[0];
    expect(pool).toMatchObject({
      mode: "observe",
      quantile: 0.95,
      min: 1,
      max: 10,
      maxStepDown: 2,
      cooldownSeconds: 3600,
      readinessSeconds: 300,
      source: { type: "csv", path: "stacks/data/api-ips.csv" },
    });
  });

  it("accepts the annotated example of stacks/README.md, optional models and events included", () => {
    const md = readFileSync(join(__dirname, "../../stacks/README.md"), "utf8");
    const block = md.split("```yaml\n")[1].split("```")[0];
    const entries = Object.entries(parse(block).config as Record<string, unknown>);
    const raw = Object.fromEntries(
      entries
        .filter(([k]) => k.startsWith("shadowpool:"))
        .map(([k, v]) => [k.slice("shadowpool:".length), v]),
    );
    const result = parseStackConfig(raw);
    if (!result.ok) throw new Error(result.errors.join("\n"));
    const pool = result.config.pools[0];
    expect(pool.models).toEqual(["snaive-weekly", "mstl-robust"]);
    expect(pool.timeZone).toBe("Europe/Berlin");
    expect(pool.events.map((e) => [e.name, e.extra, e.factor])).toEqual([
      ["launch", 10, undefined],
      ["holiday", 0, 0.5],
    ]);
  });

  it("forecast.selectBy reaches the pool's policy and the plan's why", () => {
    // 16 days of hourly demand with a daily shape (5 at night, 20 at 14:00 UTC).
    const start = Date.UTC(2026, 0, 5) / 1000;
    const values = Array.from({ length: 16 * 24 }, (_, i) =>
      Math.round(5 + 15 * Math.max(0, Math.cos((((i % 24) - 14) * Math.PI) / 12))),
    );
    const now = start + values.length * 3600;
    const window = scheduleWindow("0 * * * *", 0, now);
    const planFor = (forecast: Record<string, unknown>) => {
      const result = parseStackConfig(withPool((p) => (p.forecast = forecast)));
      if (!result.ok) throw new Error(result.errors.join("\n"));
      const { policy } = policyFor(result.config.pools[0], window);
      return {
        policy,
        plan: planPool({ history: { start, step: 3600, values }, now, inUse: 0, policy }),
      };
    };
    const byPinball = planFor({ selectBy: "pinball" });
    expect(byPinball.policy.selectBy).toBe("pinball");
    expect(byPinball.plan.verdict).toBe("predictable");
    expect(byPinball.plan.why[0]).toContain("mean pinball loss of the window maximum");
    // Absent, the planner's default applies: selection by capacity at equal coverage.
    const byDefault = planFor({});
    expect(byDefault.policy.selectBy).toBeUndefined();
    expect(byDefault.plan.why[0]).toContain(
      "mean capacity above the window maximum at equal coverage",
    );
  });

  it("reports every problem at once, across pools and top-level keys", () => {
    const cfg = base();
    const pools = cfg.pools as Pool[];
    pools[0].forecast = { quantile: 0.2 };
    pools.push({ ...pools[0], forecast: undefined, bounds: { min: 9, max: 3 } });
    pools.push({
      name: "traffic",
      kind: "weights",
      cloud: "aws",
      provider: {
        route53: { zoneId: "Z1", name: "a.example.com" },
        backends: [{ name: "b", pool: "nope", records: ["x"] }],
      },
    });
    cfg.schedule = "61 * * * *";
    const result = parseStackConfig(cfg);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual([
      "pools[0].forecast.quantile must be between 0.5 and 0.999 (got 0.2)",
      'schedule must be a cron expression like "0 * * * *" (got "61 * * * *": Constraint error, got value 61 expected range 0-59)',
      'pools[1].name "api-ips" is already used by pools[0]; pool names must be unique',
      "pools[1].bounds.min must be <= bounds.max (got min 9, max 3)",
      'pools[2].provider.backends[0].pool must name a slot pool of this stack (got "nope"; known: api-ips)',
    ]);
  });

  it("placeholder pools: cpu/memory required without a workload, optional with one", () => {
    const k8s = (provider: Record<string, unknown>): Pool => ({
      name: "ci-runners",
      kind: "warm",
      cloud: "kubernetes",
      bounds: { max: 30 },
      provider,
    });
    const cfg = base();
    const pools = cfg.pools as Pool[];
    // Reported together with an unrelated problem of another pool, before anything is declared.
    pools[0].bounds = { min: 9, max: 3 };
    pools.push(k8s({ namespace: "ci", memory: "4Gi" }));
    pools.push({
      ...k8s({ cpu: "two", workload: { namespace: "ci", selector: "app=r" } }),
      name: "b",
    });
    const result = parseStackConfig(cfg);
    expect(!result.ok && result.errors).toEqual([
      "pools[0].bounds.min must be <= bounds.max (got min 9, max 3)",
      'pools[1].provider.cpu is required when pools[1].provider.workload is not set (got nothing): set it to a Kubernetes quantity such as "500m" or "2", or set workload: { namespace, selector } to learn it from the workload\'s running pods',
      'pools[2].provider.cpu must be a Kubernetes quantity such as "500m" or "2" (got "two")',
    ]);
    // With a workload, neither is needed: they are learned from its pods.
    const learned = base();
    (learned.pools as Pool[]).push(
      k8s({ namespace: "ci", workload: { namespace: "ci", selector: "app=ci-runner" } }),
    );
    expect(parseStackConfig(learned).ok).toBe(true);
    // The profile is the program's to decide, never the config's.
    const pinned = base();
    (pinned.pools as Pool[]).push(k8s({ cpu: "1", memory: "1Gi", profile: { why: "mine" } }));
    expect(!parseStackConfig(pinned).ok && parseStackConfig(pinned)).toMatchObject({
      errors: ["pools[1].provider.profile is set by the program from the pool's config; remove it"],
    });
  });

  it("declares no resource when the program meets a bad config", async () => {
    const { mocks, resources } = previewMocks(undefined);
    await pulumi.runtime.setMocks(mocks, "shadowpool", "bad", true, "organization");
    pulumi.runtime.setAllConfig({
      "shadowpool:pools": JSON.stringify(
        (withPool((p) => (p.forecast = { quantile: 1.5 })) as { pools: unknown }).pools,
      ),
    });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const program = require("../../program/index") as () => Promise<unknown>;
    await expect(program()).rejects.toThrow(ConfigError);
    await expect(program()).rejects.toThrow(
      "stack configuration has 1 problem:\n  - pools[0].forecast.quantile must be between 0.5 and 0.999 (got 1.5)",
    );
    await new Promise((r) => setTimeout(r, 50));
    expect(resources).toEqual([]);
  });
});
