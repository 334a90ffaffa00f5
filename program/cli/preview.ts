import type { Command } from "commander";
import { renderPreview } from "../preview/render";
import { runPreview } from "../preview/run";

/** Options of `shadowpool preview`. */
interface PreviewFlags {
  readonly stack: string;
  readonly state?: string;
  readonly now?: string;
  readonly json?: boolean;
  readonly saveState?: string;
}

/**
 * Registers `shadowpool preview`: run the Pulumi program offline under mocks for one stack and show
 * per pool the forecast, the plan with its why, and the resources `pulumi up` would create, update
 * or delete compared with the previous state file. No cloud account, no Pulumi CLI.
 */
export function registerPreview(program: Command): void {
  program
    .command("preview")
    .description(
      "run the Pulumi program offline (under mocks) and show each pool's forecast, plan and the resources pulumi up would change",
    )
    .requiredOption("--stack <name>", "stack to preview: reads stacks/Pulumi.<name>.yaml")
    .option(
      "--state <file>",
      "previous deployment's state (default stacks/state/<stack>.json; missing = first deployment)",
    )
    .option("--now <time>", "plan for this ISO-8601 time instead of the config's or the schedule's")
    .option("--json", "print the result as JSON")
    .option(
      "--save-state <file>",
      "write the state this run leaves, to preview the next run with --state",
    )
    .action(async (flags: PreviewFlags) => {
      const result = await runPreview({
        stack: flags.stack,
        stateFile: flags.state,
        now: flags.now,
        saveState: flags.saveState,
      });
      if (flags.json === true) {
        const { outputs, shadowTables, changes, log, stack, stateFile } = result;
        const json = {
          stack,
          stateFile,
          ...outputs,
          shadowTables,
          resourceChanges: changes,
          log,
        };
        process.stdout.write(JSON.stringify(json, null, 2) + "\n");
      } else {
        process.stdout.write(renderPreview(result));
      }
    });
}
