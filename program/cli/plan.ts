import type { Command } from "commander";

/** Registers `shadowpool plan` (placeholder until its issue lands). */
export function registerPlan(program: Command): void {
  program
    .command("plan")
    .description("not implemented yet")
    .action(() => {
      throw new Error("shadowpool plan is not implemented yet");
    });
}
