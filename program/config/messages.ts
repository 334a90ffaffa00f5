/**
 * Turns zod issues into the project's message style: `<path> must … (got …)`, with paths written the
 * way a reader finds them in the YAML (`pools[2].forecast.quantile`).
 */
import type { z } from "zod";
import { show } from "./schema";

/**
 * Write a zod path as `pools[2].forecast.quantile`.
 *
 * @param path the issue's path.
 * @returns the dotted path with numeric indices in brackets.
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out;
}

const ARTICLE: Readonly<Record<string, string>> = {
  string: "a string",
  number: "a number",
  boolean: "true or false",
  object: "a mapping (key: value)",
  array: "a list",
  record: "a mapping (key: value)",
};

/**
 * The per-parse error map: wording for the issues whose schema has no message of its own.
 *
 * @param iss a raw zod issue.
 * @returns the message (without the path), or undefined to keep zod's.
 */
export function issueMessage(iss: z.core.$ZodRawIssue): string | undefined {
  switch (iss.code) {
    case "invalid_type": {
      const expected = ARTICLE[iss.expected] ?? iss.expected;
      return iss.input === undefined
        ? `is required (${expected})`
        : `must be ${expected} (got ${show(iss.input)})`;
    }
    case "invalid_value":
      return `must be one of ${iss.values.map(String).join(", ")} (got ${show(iss.input)})`;
    case "unrecognized_keys": {
      const keys = iss.keys.map((k) => `"${k}"`).join(", ");
      return `has unknown field${iss.keys.length > 1 ? "s" : ""} ${keys}: remove or fix the spelling`;
    }
    default:
      return undefined;
  }
}

/**
 * One line per issue, path first (top-level problems are named after the config namespace).
 *
 * @param issues the issues of a failed parse.
 * @returns messages like `pools[0].kind must be one of warm, addresses, namespaces, weights (got "x")`.
 */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const path = formatPath(issue.path);
    return `${path === "" ? "shadowpool config" : path} ${issue.message}`;
  });
}
