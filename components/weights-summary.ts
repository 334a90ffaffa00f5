/** The one-line summary of a traffic-weights pool, for logs and stack outputs. Pure. */
import type { ResolvedTrafficWeights } from "./weights-mode";
import type { WeightPlan } from "./weights-types";

/**
 * One line for humans, e.g.
 * `web: blue 100 → 80, green 0 → 20 (step 20 of 100, 3 more deployment(s) to target)`.
 * For an observe-mode result the line starts with `[observe] `, the moves are the would-be ones,
 * and it ends with what is declared instead: `; declared as before: blue 100, green 0` or
 * `; nothing declared (no previous weights)`.
 *
 * @param name the pool (component) name
 * @param plan a plan, or a resolved result with its mode
 * @returns the summary line
 */
export function summarizeWeights(name: string, plan: WeightPlan | ResolvedTrafficWeights): string {
  const moves = plan.changes
    .map((c) =>
      c.previous === null ? `${c.name} ${c.next}` : `${c.name} ${c.previous} → ${c.next}`,
    )
    .join(", ");
  const rest =
    plan.deploymentsToTarget === 0
      ? "at target"
      : `${plan.deploymentsToTarget} more deployment(s) to target`;
  const line = `${name}: ${moves} (step ${plan.stepUnits} of ${plan.total}, ${rest})`;
  if (!("mode" in plan) || plan.mode !== "observe") return line;
  const declared = plan.declared
    ? `declared as before: ${Object.entries(plan.weights)
        .map(([b, w]) => `${b} ${w}`)
        .join(", ")}`
    : "nothing declared (no previous weights)";
  return `[observe] ${line}; ${declared}`;
}
