import { Command } from "commander";
import { registerBacktest } from "./backtest";
import { registerForecast } from "./forecast";
import { registerPlan } from "./plan";
import { registerPreview } from "./preview";

/**
 * Builds the `shadowpool` command line. Each subcommand lives in its own file and registers itself.
 */
export function buildCli(): Command {
  const program = new Command("shadowpool")
    .description(
      "Forecast-sized shadow capacity: forecast, plan, backtest and preview pools offline.",
    )
    .showHelpAfterError();
  registerForecast(program);
  registerPlan(program);
  registerBacktest(program);
  registerPreview(program);
  return program;
}

/** Entry point used by bin/shadowpool.js. */
export async function main(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (err) {
    process.stderr.write(`shadowpool: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
}
