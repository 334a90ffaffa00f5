/**
 * The program's choice of a placeholder pool's slot profile by mode: enforce applies what was
 * learned; observe leaves capacity as it is, so it keeps the previous deployment's requests (a
 * resized placeholder is a capacity change) and reports what enforce would apply.
 */
import type { ProfileReading } from "../../components/k8s/pod-requests";
import type { PoolConfig } from "../../program/config";
import { OBSERVE_HOLDS, slotProfileFor } from "../../program/resolve-profile";

const LEARNED: ProfileReading = {
  ok: true,
  requests: { cpu: "2", memory: "3712Mi", extendedResources: {}, pods: 3 },
};
const PREVIOUS = { profile: { cpu: "2", memory: "4Gi" } };

function pool(mode: "observe" | "enforce", provider: Record<string, unknown> = {}): PoolConfig {
  return {
    name: "ci",
    kind: "warm",
    cloud: "kubernetes",
    mode,
    provider: { workload: { namespace: "ci", selector: "app=ci-runner" }, ...provider },
  } as unknown as PoolConfig;
}

describe("slotProfileFor by mode", () => {
  it("enforce applies the learned profile", () => {
    const d = slotProfileFor(pool("enforce"), { profileReading: LEARNED }, PREVIOUS);
    expect(d?.profile).toEqual({ cpu: "2", memory: "3712Mi" });
  });

  it("observe keeps the previous requests and says what enforce would apply", () => {
    const d = slotProfileFor(pool("observe"), { profileReading: LEARNED }, PREVIOUS);
    expect(d?.profile).toEqual({ cpu: "2", memory: "4Gi" });
    expect(d?.why).toBe(
      `slot profile: cpu 2, memory 4Gi (kept from the previous deployment (app=ci-runner in ci: ${OBSERVE_HOLDS})); ` +
        "learned now, applied in enforce mode: cpu 2, memory 3712Mi (learned from 3 running pods of app=ci-runner in ci)",
    );
  });

  it("observe still applies an admin pin, an explicit edit of the config", () => {
    const d = slotProfileFor(pool("observe", { cpu: "3" }), { profileReading: LEARNED }, PREVIOUS);
    expect(d?.profile).toEqual({ cpu: "3", memory: "4Gi" });
    expect(d?.sources.cpu).toBe("admin override");
  });

  it("observe with no previous profile (a first deployment) sizes the new placeholders as learned", () => {
    const d = slotProfileFor(pool("observe"), { profileReading: LEARNED }, undefined);
    expect(d?.profile).toEqual({ cpu: "2", memory: "3712Mi" });
  });

  it("pools of other kinds have no profile", () => {
    const ips = { ...pool("enforce"), kind: "addresses", cloud: "aws" } as PoolConfig;
    expect(slotProfileFor(ips, { profileReading: LEARNED }, PREVIOUS)).toBeUndefined();
  });
});
