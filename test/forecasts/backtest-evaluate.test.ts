import type { BacktestResult } from "../../forecasts/backtest";
import { evaluationRow, markdownTable, seedSummary } from "../../scripts/evaluation-table";

/** The parts of a backtest result the evaluation reads. */
function result(
  windowCoverage: number,
  planIdle: number,
  baselineIdles: number[],
  intervalCoverage: number | null = null,
): BacktestResult {
  return {
    quantile: 0.95,
    intervalCoverage,
    plan: { stepCoverage: 0.99, windowCoverage, idleMean: planIdle },
    oracle: { idleMean: 1 },
    deployments: [{ model: "a" }, { model: "a" }, { model: "b" }, { model: null }],
    baselines: baselineIdles.map((idle, i) => ({
      name: `b${i}`,
      tuned: {
        margin: { kind: "additive", value: i },
        figures: { idleMean: idle, stepCoverage: 0.99 },
      },
    })),
  } as unknown as BacktestResult;
}

describe("evaluationRow", () => {
  it("compares with the tuned baseline of least idle", () => {
    const row = evaluationRow("t", result(0.95, 8.5, [12, 10, 11]));
    expect(row.baseline).toBe("b1 +1 slot");
    expect(row.baselineIdle).toBe(10);
    expect(row.ratio).toBeCloseTo(0.85, 12);
    expect(row.models).toBe("a 50 %, b 25 %, fallback 25 %");
    expect(row.pass).toBe(true);
  });

  it("fails above 0.85 × the baseline's idle or more than 2 points from the quantile", () => {
    expect(evaluationRow("t", result(0.95, 8.6, [10])).pass).toBe(false);
    expect(evaluationRow("t", result(0.93, 8, [10])).pass).toBe(true);
    expect(evaluationRow("t", result(0.929, 8, [10])).pass).toBe(false);
    expect(evaluationRow("t", result(0.971, 8, [10])).pass).toBe(false);
  });

  it("fails when no baseline reaches the plan's coverage, and prints a markdown row", () => {
    const row = evaluationRow("none", result(0.95, 8, []));
    expect(row.pass).toBe(false);
    expect(markdownTable([row])).toContain(
      "| none | 99.0 % | 95.0 % | – | 8.00 | 1.00 | none reaches the coverage |",
    );
  });
});

describe("seedSummary", () => {
  it("gives each trace's mean and worst ratio, passes, coverage ranges and oracle means", () => {
    const seedA = [
      evaluationRow("t", result(0.95, 8, [10], 0.91), { ratio: 0.7, quantileRatio: 0.8 }),
    ];
    const seedB = [
      evaluationRow("t", result(0.94, 9, [10], 0.885), { ratio: 0.8, quantileRatio: null }),
    ];
    expect(seedSummary([seedA, seedB]).split("\n")[2]).toBe(
      "| t | 2 | 0.85 | 0.90 | 1 | 94.0–95.0 % | 88.5–91.0 % | 0.75 | 0.80 |",
    );
    // Without intervals (a planner that gives none) the range is a dash.
    const none = [evaluationRow("t", result(0.95, 8, [10]))];
    expect(seedSummary([none]).split("\n")[2]).toContain("| 95.0–95.0 % | – |");
  });
});
