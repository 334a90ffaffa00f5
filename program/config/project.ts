/**
 * The project folder: the one holding Pulumi.yaml. Every relative path in configuration resolves
 * against it, never against the process's working directory (CI jobs and the Kubernetes operator
 * run the program from elsewhere).
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parse } from "yaml";

/**
 * Walk up from `start` to the first folder that holds Pulumi.yaml.
 *
 * @param start a folder (e.g. the program's own `__dirname`).
 * @returns the project folder.
 * @throws {Error} when no Pulumi.yaml is found up to the filesystem root.
 */
export function findProjectRoot(start: string): string {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, "Pulumi.yaml"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error(`no Pulumi.yaml found in ${resolve(start)} or any folder above it`);
    }
    dir = parent;
  }
}

/** What the offline tools need from Pulumi.yaml. */
export interface ProjectFile {
  readonly name: string;
  /** Folder of the `Pulumi.<stack>.yaml` files, absolute. */
  readonly stackConfigDir: string;
}

/**
 * Read Pulumi.yaml.
 *
 * @param root the project folder.
 * @returns the project's name and stack config folder.
 */
export function readProjectFile(root: string): ProjectFile {
  const doc = parse(readFileSync(join(root, "Pulumi.yaml"), "utf8")) as {
    name?: unknown;
    stackConfigDir?: unknown;
  };
  if (typeof doc?.name !== "string" || doc.name === "") {
    throw new Error(`${join(root, "Pulumi.yaml")} must set name (the project's name)`);
  }
  const configDir = typeof doc.stackConfigDir === "string" ? doc.stackConfigDir : ".";
  return { name: doc.name, stackConfigDir: resolve(root, configDir) };
}
