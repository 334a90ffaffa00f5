import { Option, type Command } from "commander";
import {
  SELECTION_SCORE_MEANING,
  type SelectionScore,
} from "../../forecasts/calibrate/capacity-score";
import { forecastWindowMax } from "../../forecasts/forecast-window-max";
import type { WindowMaxForecast } from "../../forecasts/window-max-types";
import { eventsOption } from "./events";
import { duration, num, pct, renderPairs, renderTable } from "./format";
import { historyLines, loadCsvSeries, siblingInput, type LoadedCsv } from "./history";
import {
  durationArg,
  modelChoices,
  modelsOption,
  nowOption,
  HISTORY_OPTION_HELP,
  quantileOption,
  selectByOption,
  siblingOption,
  timeZoneOption,
  type ModelChoices,
} from "./options";

/** Parsed options of `shadowpool forecast`. */
interface ForecastCliOptions extends ModelChoices {
  history: string;
  sibling?: string;
  horizon: number;
  quantile: number;
  selectBy: SelectionScore;
  now?: number;
  json?: boolean;
}

/** Registers `shadowpool forecast`. */
export function registerForecast(program: Command): void {
  program
    .command("forecast")
    .description(
      "Forecast the quantile of the maximum demand over the next horizon from a history CSV: the " +
        "model chosen by rolling-origin backtest, its point maximum, the calibrated peak, the " +
        "verdict and every candidate model's score.",
    )
    .requiredOption("--history <file>", HISTORY_OPTION_HELP)
    .addOption(
      new Option("--horizon <duration>", "window to forecast the maximum over (5m, 1h, 1d…)")
        .argParser(durationArg("--horizon"))
        .default(3600, "1h"),
    )
    .addOption(quantileOption("quantile of the window maximum (0.5 to 0.999)"))
    .addOption(selectByOption())
    .addOption(nowOption("forecast time"))
    .addOption(modelsOption())
    .addOption(eventsOption())
    .addOption(timeZoneOption())
    .addOption(siblingOption())
    .option("--json", "print the forecast as JSON")
    .action((opts: ForecastCliOptions) => {
      const loaded = loadCsvSeries(opts.history, opts.now);
      const fc = forecastWindowMax({
        history: loaded.series,
        now: loaded.now,
        horizonSeconds: opts.horizon,
        quantile: opts.quantile,
        selectBy: opts.selectBy,
        ...modelChoices(opts),
        ...siblingInput(opts.sibling, loaded.now),
      });
      if (opts.json) {
        const out = {
          history: opts.history,
          now: loaded.now,
          horizonSeconds: opts.horizon,
          quantile: opts.quantile,
          ...fc,
        };
        process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
        return;
      }
      process.stdout.write(formatForecast(opts.history, loaded, opts.horizon, opts.quantile, fc));
    });
}

/**
 * The readable forecast.
 *
 * @returns the report text.
 */
function formatForecast(
  source: string,
  loaded: LoadedCsv,
  horizon: number,
  quantile: number,
  fc: WindowMaxForecast,
): string {
  const lines = historyLines(source, loaded);
  const c = fc.calibration;
  lines.push(
    renderPairs([
      ["verdict", fc.verdict],
      [
        "model",
        fc.model ??
          (fc.fallback?.sibling === undefined
            ? "fallback (recent maximum + margin)"
            : `fallback (sibling ${fc.fallback.sibling.name}'s peak × level ratio)`),
      ],
      ["selected by", `${fc.selectBy} (${SELECTION_SCORE_MEANING[fc.selectBy]})`],
      ["backtest pinball", num(fc.backtestPinball, 3)],
      ["backtest capacity", num(fc.backtestCapacity, 3)],
      [`point max over ${duration(horizon)}`, num(fc.pointMax)],
      [
        `peak (q ${quantile} of the window max)`,
        `${num(fc.peak)} → ${Math.ceil(fc.peak - 1e-9)} slots`,
      ],
      [
        "interval",
        fc.interval === null
          ? "–"
          : `${num(fc.interval.lower)} – ${num(fc.interval.upper)} (${pct(fc.interval.level)} of windows)`,
      ],
      ["model step", duration(fc.step)],
      ["clock", fc.timeZone === null ? "UTC" : `wall clock of ${fc.timeZone}`],
      ["history", `${num(fc.historyDays, 1)} days`],
      [
        "calibration",
        c === null
          ? "–"
          : `${c.n} windows${leftOut(c.unobserved, c.eventWindows)}, ` +
            (c.adaptation === "tracking"
              ? `level ${c.level}, score quantile offset by ${num(c.offset, 3)} (quantile tracking), `
              : `level ${c.level} adapted to ${num(c.adaptedLevel, 3)} (${c.adaptation === "dtaci" ? "DtACI" : "ACI"}), `) +
            `${c.normalisation} scores; ` +
            `backtest coverage ${pct(c.backtestCoverage)} of ${c.backtestWindows} windows`,
      ],
      ...(fc.events !== null
        ? [
            [
              "events",
              `window × ${fc.events.windowFactor}` +
                (fc.events.inWindow.length > 0 ? ` (${fc.events.inWindow.join(", ")})` : "") +
                `; ${fc.events.rescaledSteps} history step(s) rescaled by their factor`,
            ] as const,
          ]
        : []),
      ...(fc.fallback !== null
        ? [
            [
              "fallback",
              `recent maximum ${num(fc.fallback.recentMax)} over ${fc.fallback.days} days`,
            ] as const,
          ]
        : []),
      ...(fc.fallback?.sibling !== undefined
        ? [
            [
              "sibling",
              `${fc.fallback.sibling.name}: peak ${num(fc.fallback.sibling.siblingPeak)} by ` +
                `${fc.fallback.sibling.model} × level ratio ${num(fc.fallback.sibling.ratio, 3)} ` +
                `(largest of ${fc.fallback.sibling.days} daily ratios), at least ` +
                `${num(fc.fallback.sibling.sameWindowMax)} (this pool, same window, earlier days); ` +
                `plain fallback ${num(fc.fallback.sibling.plainPeak)}`,
            ] as const,
          ]
        : []),
    ]).trimEnd(),
  );
  if (fc.candidates.length > 0) {
    lines.push(
      `candidates (pinball: ${SELECTION_SCORE_MEANING.pinball}; ` +
        `capacity: ${SELECTION_SCORE_MEANING.capacity}; lower is better):`,
    );
    const rows = fc.candidates.map((k) => [
      k.model === fc.model ? `${k.model} (chosen)` : k.model,
      num(k.pinball, 3),
      num(k.capacity, 3),
      k.normalisation ?? "–",
      k.coverage === null ? "–" : pct(k.coverage),
      k.note ?? "",
    ]);
    lines.push(
      renderTable(
        ["model", "pinball", "capacity", "normalisation", "coverage", "note"],
        rows,
      ).trimEnd(),
    );
  }
  return `${lines.join("\n")}\n`;
}

/** ` (2 left out: gaps in the rows; 24 left out: known events)`, or nothing. */
function leftOut(gaps: number, events: number): string {
  const parts = [
    ...(gaps > 0 ? [`${gaps} left out: gaps in the rows`] : []),
    ...(events > 0 ? [`${events} left out: known events`] : []),
  ];
  return parts.length > 0 ? ` (${parts.join("; ")})` : "";
}
