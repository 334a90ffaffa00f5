/**
 * The slot profile's precedence, resource by resource: admin override > learned this deployment >
 * kept from the previous deployment > cold provisioning, and the why that says which applied.
 */
import type { ProfileReading } from "../../../components/k8s/pod-requests";
import { profilePolicy, resolveSlotProfile } from "../../../components/k8s/slot-profile";
import { basePolicy } from "../mocks";

const workload = { namespace: "ci", selector: "app=ci-runner" };
const learned = (cpu: string, memory: string, pods = 3): ProfileReading => ({
  ok: true,
  requests: { cpu, memory, extendedResources: {}, pods },
});
const failed: ProfileReading = { ok: false, reason: "the pods could not be read" };
const previous = { cpu: "1", memory: "2Gi" };
const LEARNED = "learned from 3 running pods of app=ci-runner in ci";

describe("resolveSlotProfile", () => {
  it("learned: the reading sizes the slot when nothing is pinned", () => {
    expect(
      resolveSlotProfile({ admin: {}, workload, reading: learned("1500m", "3Gi"), previous }),
    ).toEqual({
      profile: { cpu: "1500m", memory: "3Gi" },
      sources: { cpu: LEARNED, memory: LEARNED },
      why: `slot profile: cpu 1500m, memory 3Gi (${LEARNED})`,
    });
  });

  it("admin > learned, field by field", () => {
    const d = resolveSlotProfile({
      admin: { cpu: "2" },
      workload,
      reading: learned("1500m", "3Gi", 1),
    });
    expect(d.profile).toEqual({ cpu: "2", memory: "3Gi" });
    expect(d.why).toBe(
      "slot profile: cpu 2 (admin override); memory 3Gi (learned from 1 running pod of app=ci-runner in ci)",
    );
  });

  it("admin pins win even when the read fails and nothing was kept", () => {
    const d = resolveSlotProfile({ admin: { cpu: "2", memory: "4Gi" }, workload, reading: failed });
    expect(d).toEqual({
      profile: { cpu: "2", memory: "4Gi" },
      sources: { cpu: "admin override", memory: "admin override" },
      why: "slot profile: cpu 2, memory 4Gi (admin override)",
    });
  });

  it("previous: a failed read keeps the previous profile, with the reason", () => {
    const d = resolveSlotProfile({ admin: {}, workload, reading: failed, previous });
    expect(d.profile).toEqual(previous);
    expect(d.why).toBe(
      "slot profile: cpu 1, memory 2Gi (kept from the previous deployment (app=ci-runner in ci: the pods could not be read))",
    );
  });

  it("previous: no running pod keeps it too; admin still wins over it", () => {
    const none: ProfileReading = { ok: false, reason: "no Running pod among the 0 listed" };
    const d = resolveSlotProfile({ admin: { memory: "8Gi" }, workload, reading: none, previous });
    expect(d.profile).toEqual({ cpu: "1", memory: "8Gi" });
    expect(d.sources).toEqual({
      cpu: "kept from the previous deployment (app=ci-runner in ci: no Running pod among the 0 listed)",
      memory: "admin override",
    });
  });

  it("cold: no reading, no previous profile, no admin value", () => {
    const d = resolveSlotProfile({ admin: {}, workload, reading: failed });
    expect(d).toEqual({
      sources: {},
      why: "slot profile: cold provisioning: app=ci-runner in ci: the pods could not be read, and no previous profile nor provider.cpu/provider.memory to fall back on: no placeholder pods this deployment",
    });
    // One pinned field is not a profile: the other is still missing.
    const half = resolveSlotProfile({ admin: { cpu: "2" }, workload, reading: failed });
    expect(half.profile).toBeUndefined();
    expect(half.why).toContain("no previous profile nor provider.memory to fall back on");
  });

  it("a component without the program's reading: the pins alone, else cold", () => {
    expect(resolveSlotProfile({ admin: { cpu: "1", memory: "1Gi" } }).profile).toEqual({
      cpu: "1",
      memory: "1Gi",
    });
    expect(resolveSlotProfile({ admin: {}, workload }).why).toContain(
      "cold provisioning: app=ci-runner in ci: the pods were not read",
    );
  });

  it("extended resources: learned ones are kept, a pinned key wins over its learned value", () => {
    const reading: ProfileReading = {
      ok: true,
      requests: {
        cpu: "4",
        memory: "16Gi",
        extendedResources: { "nvidia.com/gpu": "1", "ephemeral-storage": "10Gi" },
        pods: 2,
      },
    };
    const d = resolveSlotProfile({
      admin: { extendedResources: { "nvidia.com/gpu": "2" } },
      workload,
      reading,
    });
    expect(d.profile).toEqual({
      cpu: "4",
      memory: "16Gi",
      extendedResources: { "ephemeral-storage": "10Gi", "nvidia.com/gpu": "2" },
    });
    expect(d.sources["nvidia.com/gpu"]).toBe("admin override");
    expect(d.sources["ephemeral-storage"]).toBe(
      "learned from 2 running pods of app=ci-runner in ci",
    );
  });

  it("an existing pool with no profile anywhere is held, not made cold", () => {
    const d = resolveSlotProfile({
      admin: { cpu: "1" },
      workload: { namespace: "ci", selector: "app=ci-runner" },
      reading: { ok: false, reason: "no Running pod among the 0 listed" },
      existed: true,
    });
    expect(d).toEqual({
      held: true,
      sources: {},
      why: "slot profile: unknown (app=ci-runner in ci: no Running pod among the 0 listed), and the previous deployment recorded none: the placeholders are held as they are, count and requests, until the pods can be read or provider.memory is set",
    });
  });

  it("profilePolicy: unchanged with a profile, the previous count when held, 0 when cold", () => {
    const policy = { ...basePolicy, min: 3, max: 40 };
    expect(profilePolicy(policy, { profile: { cpu: "1", memory: "1Gi" } }, 7)).toBe(policy);
    expect(profilePolicy(policy, { held: true }, 7)).toEqual({ ...basePolicy, min: 7, max: 7 });
    expect(profilePolicy(policy, {}, 7)).toEqual({ ...basePolicy, min: 0, max: 0 });
  });
});
