import type { Command } from "commander";

/** Registers `shadowpool forecast` (placeholder until its issue lands). */
export function registerForecast(program: Command): void {
  program
    .command("forecast")
    .description("not implemented yet")
    .action(() => {
      throw new Error("shadowpool forecast is not implemented yet");
    });
}
