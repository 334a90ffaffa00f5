/**
 * A pool's plan in words for humans: the one-line summary and what a shadow slot is held for. Pure.
 */
import type { PoolPlan } from "../forecasts/types";
import type { PoolMode } from "./pool";

/** `peak q95 = 41 by mstl before 2026-11-24T09:00Z` (the end of the horizon). */
export function describeExpectation(plan: PoolPlan): string {
  const end = new Date((plan.now + plan.horizonSeconds) * 1000).toISOString();
  return `peak ${quantileLabel(plan.quantile)} = ${Math.ceil(plan.peak)} by ${plan.model ?? "fallback"} before ${end.slice(0, 16)}Z`;
}

/** `q95` for 0.95, `q97.5` for 0.975. */
function quantileLabel(q: number): string {
  return `q${Number((q * 100).toFixed(3))}`;
}

/**
 * One line for humans: `api-warm: 14 → 17 shadow (+3), peak q95 = 41 by mstl, bound: none`,
 * prefixed with `[observe] ` in observe mode.
 */
export function summarize(
  pool: string,
  mode: PoolMode,
  prevShadow: number,
  nextShadow: number,
  plan: PoolPlan,
): string {
  const delta = nextShadow - prevShadow;
  const signed = delta > 0 ? `+${delta}` : `${delta}`;
  const bounds = plan.bounds.join(", ");
  const line =
    `${pool}: ${prevShadow} → ${nextShadow} shadow (${signed}), ` +
    `peak ${quantileLabel(plan.quantile)} = ${Math.ceil(plan.peak)} by ${plan.model ?? "fallback"}, bound: ${bounds}`;
  return mode === "observe" ? `[observe] ${line}` : line;
}
