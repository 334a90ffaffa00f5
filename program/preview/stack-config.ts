/**
 * Read `Pulumi.<stack>.yaml` the way the Pulumi CLI hands it to a program: a flat map of
 * `namespace:key` → text, structured values as JSON. Encrypted (`secure:`) values cannot be read
 * offline: they are left out and named, and the program falls back to the environment for them.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import type { ProjectFile } from "../config/project";

/** A stack's configuration, flattened. */
export interface StackConfigFile {
  /** The file read. */
  readonly path: string;
  /** `namespace:key` → value text. */
  readonly flat: Record<string, string>;
  /** Encrypted keys that were skipped (the preview cannot decrypt them). */
  readonly skippedSecrets: readonly string[];
}

/**
 * Stacks that have a config file.
 *
 * @param project the project.
 * @returns stack names, sorted.
 */
export function listStacks(project: ProjectFile): string[] {
  if (!existsSync(project.stackConfigDir)) return [];
  return readdirSync(project.stackConfigDir)
    .map((f) => /^Pulumi\.(.+)\.ya?ml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort();
}

/**
 * Read and flatten a stack's config file.
 *
 * @param project the project (its name is the namespace of keys written without one).
 * @param stack the stack's name, e.g. `dev`.
 * @returns the flattened config.
 * @throws {Error} naming the known stacks when the file does not exist.
 */
export function readStackConfig(project: ProjectFile, stack: string): StackConfigFile {
  const path = join(project.stackConfigDir, `Pulumi.${stack}.yaml`);
  if (!existsSync(path)) {
    const known = listStacks(project).join(", ") || "none";
    throw new Error(`no stack "${stack}": ${path} does not exist (known stacks: ${known})`);
  }
  const doc = parse(readFileSync(path, "utf8")) as { config?: Record<string, unknown> } | null;
  const flat: Record<string, string> = {};
  const skippedSecrets: string[] = [];
  for (const [key, value] of Object.entries(doc?.config ?? {})) {
    // Pulumi puts a key without a namespace in the project's namespace.
    const fullKey = key.includes(":") ? key : `${project.name}:${key}`;
    if (isSecure(value)) {
      skippedSecrets.push(fullKey);
      continue;
    }
    flat[fullKey] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return { path, flat, skippedSecrets };
}

function isSecure(value: unknown): boolean {
  return (
    value !== null &&
    typeof value === "object" &&
    !Array.isArray(value) &&
    Object.keys(value).length === 1 &&
    "secure" in value
  );
}
