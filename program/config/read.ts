/**
 * Read the `shadowpool:` namespace from Pulumi's configuration map (what `new pulumi.Config` reads:
 * structured values arrive as JSON text), separating the secrets, which never reach the schema,
 * messages or outputs.
 */
import type { ConfigSecrets } from "../config";

/** Secret keys (set with `pulumi config set --secret`); the environment is the fallback. */
export const SECRET_KEYS = {
  prometheusToken: "SHADOWPOOL_PROMETHEUS_TOKEN",
  prometheusPassword: "SHADOWPOOL_PROMETHEUS_PASSWORD",
} as const;

/** The namespace's values (secrets removed) and the secrets. */
export interface RawConfig {
  readonly values: Record<string, unknown>;
  readonly secrets: ConfigSecrets;
}

/**
 * Split Pulumi's flat config map into schema values and secrets.
 *
 * @param flat keys like `shadowpool:pools` (or the older `shadowpool:config:pools`), values as text.
 * @param env the environment (for secret fallbacks).
 * @returns values to validate and secrets.
 */
export function rawConfigFrom(
  flat: Readonly<Record<string, string>>,
  env: Readonly<Record<string, string | undefined>>,
): RawConfig {
  const values: Record<string, unknown> = {};
  const secrets: Record<string, string> = {};
  for (const [fullKey, text] of Object.entries(flat)) {
    const key = namespaced(fullKey);
    if (key === null) continue;
    if (key in SECRET_KEYS) {
      secrets[key] = text;
      continue;
    }
    values[key] = parseValue(text);
  }
  for (const [key, envName] of Object.entries(SECRET_KEYS)) {
    const fromEnv = env[envName];
    if (secrets[key] === undefined && fromEnv !== undefined && fromEnv !== "")
      secrets[key] = fromEnv;
  }
  return { values, secrets };
}

/** `shadowpool:pools` → `pools`; keys of other namespaces → null. */
function namespaced(fullKey: string): string | null {
  for (const prefix of ["shadowpool:config:", "shadowpool:"]) {
    if (fullKey.startsWith(prefix)) return fullKey.slice(prefix.length);
  }
  return null;
}

/** Structured values (lists, mappings) arrive as JSON; scalars as plain text. */
function parseValue(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed.startsWith("[") || trimmed.startsWith("{")) {
    try {
      return JSON.parse(trimmed);
    } catch {
      return text;
    }
  }
  return text;
}
