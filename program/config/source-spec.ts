import type { SourceSpec } from "../sources/types";
import { acceptedDuration } from "./duration";
import type { RawSource } from "./schema";

/** Secrets read from Pulumi secret config or the environment; never echoed in messages. */
export interface ConfigSecrets {
  readonly prometheusToken?: string;
  readonly prometheusPassword?: string;
}

/**
 * The loader's source spec, with durations in seconds and credentials from secrets.
 *
 * @param s a `history` block the schema accepted.
 * @param secrets credentials from secret config or the environment.
 * @returns the spec the sources load from.
 */
export function toSourceSpec(s: RawSource, secrets: ConfigSecrets): SourceSpec {
  switch (s.type) {
    case "csv":
      return { type: "csv", path: s.path };
    case "prometheus": {
      const auth =
        s.username !== undefined
          ? { username: s.username, password: secrets.prometheusPassword ?? "" }
          : secrets.prometheusToken !== undefined
            ? { bearerToken: secrets.prometheusToken }
            : undefined;
      return {
        type: "prometheus",
        url: s.url,
        query: s.query,
        step: acceptedDuration(s.step),
        lookback: acceptedDuration(s.lookback),
        timeoutMs: s.timeout === undefined ? undefined : acceptedDuration(s.timeout) * 1000,
        retries: s.retries,
        auth,
      };
    }
    case "cloudwatch":
      return {
        type: "cloudwatch",
        region: s.region,
        endpoint: s.endpoint,
        namespace: s.namespace,
        metricName: s.metricName,
        dimensions: s.dimensions,
        stat: s.stat,
        period: acceptedDuration(s.period),
        lookback: acceptedDuration(s.lookback),
        timeoutMs: s.timeout === undefined ? undefined : acceptedDuration(s.timeout) * 1000,
        retries: s.retries,
      };
  }
}
