/** Validation of the weight inputs, every problem at once, each naming the field and the fix. Pure. */
import type { PlanWeightsInput } from "./weights-types";

const isFiniteNonNeg = (x: unknown): x is number =>
  typeof x === "number" && Number.isFinite(x) && x >= 0;

/**
 * Problems with the weight inputs, as `${path}.field must … (got …)` messages with the fix.
 *
 * @param input the inputs to check
 * @param path prefix for messages, e.g. `args` or `traffic[0]`
 * @param maxTotal largest total the provider allows (default unlimited)
 * @returns every problem found (empty when valid)
 */
export function validateWeightsInput(
  input: PlanWeightsInput,
  path: string,
  maxTotal = Number.MAX_SAFE_INTEGER,
): string[] {
  const p: string[] = [];
  const backends = input.backends;
  if (!Array.isArray(backends) || backends.length === 0) {
    p.push(
      `${path}.backends must list at least one backend (got ${JSON.stringify(backends)}); add { name, ready }`,
    );
  } else {
    const seen = new Map<string, number>();
    backends.forEach((b, i) => {
      if (typeof b.name !== "string" || b.name.length === 0) {
        p.push(
          `${path}.backends[${i}].name must be a non-empty string (got ${JSON.stringify(b.name)})`,
        );
      } else if (seen.has(b.name)) {
        p.push(
          `${path}.backends[${i}].name must be unique: "${b.name}" is also ${path}.backends[${seen.get(b.name)}]; rename one`,
        );
      } else {
        seen.set(b.name, i);
      }
      if (!isFiniteNonNeg(b.ready)) {
        p.push(
          `${path}.backends[${i}].ready must be a finite number >= 0 (got ${b.ready}); pass in use + ready shadow slots`,
        );
      }
      if (b.affinity !== undefined && !(isFiniteNonNeg(b.affinity) && b.affinity <= 1)) {
        p.push(
          `${path}.backends[${i}].affinity must be a score between 0 and 1 (got ${JSON.stringify(b.affinity)}); give the backend traffic should move to the higher score, or omit it for 1`,
        );
      }
      if (b.healthy !== undefined && typeof b.healthy !== "boolean") {
        p.push(
          `${path}.backends[${i}].healthy must be true or false (got ${JSON.stringify(b.healthy)}); false rolls traffic back off the backend`,
        );
      }
      if (b.warming !== undefined && !isFiniteNonNeg(b.warming)) {
        p.push(
          `${path}.backends[${i}].warming must be a finite number >= 0 (got ${b.warming}); omit it for 0`,
        );
      }
    });
  }
  if (!isFiniteNonNeg(input.demand)) {
    p.push(
      `${path}.demand must be a finite number >= 0 (got ${input.demand}); pass the plan's peak`,
    );
  }
  const totalOk = Number.isInteger(input.total) && input.total >= 1 && input.total <= maxTotal;
  if (!totalOk) {
    p.push(
      `${path}.total must be an integer between 1 and ${maxTotal} for this provider (got ${input.total}); use e.g. 100`,
    );
  }
  const stepOk = typeof input.maxStep === "number" && input.maxStep >= 1 && input.maxStep <= 100;
  if (!stepOk) {
    p.push(
      `${path}.maxStep must be between 1 and 100 percent points of the total (got ${input.maxStep}); use e.g. 20`,
    );
  } else if (totalOk && Math.floor((input.maxStep * input.total) / 100) < 1) {
    p.push(
      `${path}.maxStep of ${input.maxStep}% of total ${input.total} is less than one weight unit; raise maxStep to at least ${Math.ceil(100 / input.total)} or the total`,
    );
  }
  if (input.previous !== undefined) {
    if (input.previous === null || typeof input.previous !== "object") {
      p.push(
        `${path}.previous must be an object of weights by backend name (got ${String(input.previous)})`,
      );
    } else {
      for (const [name, w] of Object.entries(input.previous)) {
        if (!isFiniteNonNeg(w))
          p.push(`${path}.previous["${name}"] must be a finite number >= 0 (got ${w})`);
      }
    }
  }
  return p;
}
