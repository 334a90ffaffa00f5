import type { Command } from "commander";

/** Registers `shadowpool preview` (placeholder until its issue lands). */
export function registerPreview(program: Command): void {
  program
    .command("preview")
    .description("not implemented yet")
    .action(() => {
      throw new Error("shadowpool preview is not implemented yet");
    });
}
