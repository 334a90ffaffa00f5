/**
 * The preview as a person reads it: per pool the forecast, the plan with its why and the slot
 * changes; then the resources `pulumi up` would create, update or delete; then the summary lines.
 */
import { isAbsolute, relative } from "node:path";
import Table from "cli-table3";
import { formatDuration } from "../config/duration";
import type { SlotPoolOutput, WeightsPoolOutput } from "../outputs";
import { countChanges, type ResourceChange } from "./diff";
import type { PreviewResult } from "./run";

const iso = (t: number): string => `${new Date(t * 1000).toISOString().slice(0, 16)}Z`;
const num = (x: number | null, digits = 1): string => (x === null ? "n/a" : x.toFixed(digits));

/**
 * Render the preview as text.
 *
 * @param r the preview's result.
 * @returns the text, ending with a newline.
 */
export function renderPreview(r: PreviewResult): string {
  const out: string[] = [];
  const state = r.outputs.shadowpool;
  const stateFile = shortPath(r.stateFile);
  out.push(
    `Shadowpool preview: stack ${r.stack} (project ${r.project}), planned for ${iso(state.now)}`,
  );
  out.push(
    r.previous === undefined
      ? `Previous state: none (${stateFile} not found): first deployment`
      : `Previous state: ${stateFile} (deployment planned for ${iso(r.previous.now)})`,
  );
  for (const [name, pool] of Object.entries(r.outputs.pools)) {
    out.push("");
    out.push(
      ...(pool.kind === "weights"
        ? renderWeights(name, pool as WeightsPoolOutput)
        : renderSlotPool(name, pool as SlotPoolOutput)),
    );
  }
  out.push("");
  out.push(...renderResources(r.changes));
  // The program logs its summary lines too (for `pulumi up`); show only the other lines here.
  const log = r.log.filter((l) => !r.outputs.summary.includes(l));
  if (log.length > 0) out.push("", "Program log:", ...log.map((l) => `  ${l}`));
  out.push("", "Summary:", ...r.outputs.summary.map((l) => `  ${l}`));
  const c = countChanges(r.changes);
  out.push(
    `Resources: ${c.create} to create, ${c.update} to update, ${c.delete} to delete, ${c.same} unchanged`,
  );
  return out.join("\n") + "\n";
}

/** A path relative to the working directory when it lies below it (shorter to read). */
function shortPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel) ? rel : path;
}

function renderSlotPool(name: string, p: SlotPoolOutput): string[] {
  const plan = p.plan;
  const lines = [`${name} (${p.kind} on ${p.cloud}, ${p.mode})`];
  const source = p.history.error === undefined ? p.history.source : `${p.history.source}: FAILED`;
  lines.push(`  history:  ${source}`);
  if (p.history.error !== undefined) lines.push(`            ${p.history.error}`);
  for (const repair of p.history.repairs) lines.push(`            repaired: ${repair}`);
  lines.push(
    `  forecast: ${plan.verdict}; model ${plan.model ?? "fallback"}` +
      ` (backtest ${plan.selectBy} ${num(plan.selectBy === "capacity" ? plan.backtestCapacity : plan.backtestPinball, 2)});` +
      ` point max ${num(plan.pointMax)};` +
      ` peak q${Number((plan.quantile * 100).toFixed(3))} = ${num(plan.peak)} over ${formatDuration(plan.horizonSeconds)}` +
      (plan.interval
        ? ` (${Number((plan.interval.level * 100).toFixed(3))} % interval ${num(plan.interval.lower)}–${num(plan.interval.upper)})`
        : ""),
  );
  const cost =
    plan.shadowCostPerDay === null ? "" : `; shadow costs ${plan.shadowCostPerDay.toFixed(2)}/day`;
  lines.push(
    `  plan:     ${plan.shadow} shadow (raw ${plan.rawShadow}); in use ${plan.inUse}; ` +
      `expected back ${plan.expectedReleases}; bound: ${plan.bounds.join(", ")}${cost}`,
  );
  lines.push("  why:", ...plan.why.map((w) => `    - ${w}`));
  for (const note of p.notes) lines.push(`  note:     ${note}`);
  const ch = p.changes;
  const list = (xs: readonly number[]): string => slotRanges(name, xs);
  lines.push(
    `  slots:    ${p.slots.length} (${p.slots.filter((s) => s.state === "shadow").length} shadow, ` +
      `${p.slots.filter((s) => s.state !== "shadow").length} claimed or releasing); ` +
      `added ${list(ch.added)}; removed ${list(ch.removed)}`,
  );
  if (ch.claimed.length + ch.released.length > 0) {
    lines.push(`            newly claimed ${list(ch.claimed)}; released ${list(ch.released)}`);
  }
  if (p.mode === "observe") {
    lines.push(
      `            observe mode: ${p.declared.length} slot(s) declared as they were; the above is what enforce would do`,
    );
  }
  return lines;
}

/**
 * Slot indices as compact ranges: `api-ips-0..11, api-ips-14` (or `none`).
 *
 * @param pool the pool's name.
 * @param indices ascending slot indices.
 * @returns the text.
 */
export function slotRanges(pool: string, indices: readonly number[]): string {
  if (indices.length === 0) return "none";
  const parts: string[] = [];
  let start = indices[0];
  let prev = start;
  for (const i of [...indices.slice(1), NaN]) {
    if (i === prev + 1) {
      prev = i;
      continue;
    }
    parts.push(start === prev ? `${pool}-${start}` : `${pool}-${start}..${prev}`);
    start = i;
    prev = i;
  }
  return parts.join(", ");
}

function renderWeights(name: string, p: WeightsPoolOutput): string[] {
  const lines = [`${name} (traffic weights on ${p.cloud}, ${p.mode})`];
  const w = p.weights;
  const list = (x: Readonly<Record<string, number>>): string =>
    Object.entries(x)
      .map(([b, v]) => `${b} ${v}`)
      .join(", ") || "none";
  lines.push(`  planned:  ${list(w.plannedWeights)} of ${w.total} (target ${list(w.target)})`);
  lines.push(
    `  declared: ${w.declared ? list(w.weights) : "nothing (observe mode, no previous weights)"}`,
  );
  lines.push("  why:", ...w.why.map((l) => `    - ${l}`));
  return lines;
}

function renderResources(changes: readonly ResourceChange[]): string[] {
  const shown = changes.filter((c) => c.op !== "same");
  if (shown.length === 0) return ["Resources: no changes."];
  const table = new Table({
    head: ["op", "type", "name", "changed inputs"],
    style: { head: [], border: [] },
    // No separator between rows: a long plan stays readable.
    chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" },
  });
  const sign = { create: "+ create", update: "~ update", delete: "- delete", same: "" };
  for (const c of shown) table.push([sign[c.op], c.type, c.name, (c.changed ?? []).join(", ")]);
  return ["Resources pulumi up would change:", table.toString()];
}
