import type { Command } from "commander";

/** Registers `shadowpool backtest` (placeholder until its issue lands). */
export function registerBacktest(program: Command): void {
  program
    .command("backtest")
    .description("not implemented yet")
    .action(() => {
      throw new Error("shadowpool backtest is not implemented yet");
    });
}
