/**
 * The namespace pool's claim guard. Its CEL runs in an independent implementation
 * (@marcbachmann/cel-js, in a child process: cel.driver.ts), fed the admission requests the API
 * server would send for each delete (request.kind, oldObject, namespaceObject as the
 * ValidatingAdmissionPolicy documentation defines them).
 */
import { join } from "path";
import {
  CLAIM_GUARD_MESSAGE,
  claimGuardBindingSpec,
  claimGuardName,
  claimGuardPolicySpec,
} from "../../../components/k8s/claim-guard";
import { runTsChild } from "../../helpers/ts-child";

type Meta = { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
type Outcome = { allowed: boolean; message?: string };

const POOL = { "shadowpool.io/pool": "sandbox", "shadowpool.io/slot": "0" };
const claimedByLabel: Meta = {
  name: "sandbox-0",
  labels: { ...POOL, "shadowpool.io/claimed-by": "payments" },
};
const claimedByAnnotation: Meta = {
  name: "sandbox-0",
  labels: { ...POOL, "shadowpool.io/claimed-by": "" },
  annotations: { "shadowpool.io/claimed-by": "Payments Team" },
};
const unclaimed: Meta = { name: "sandbox-0", labels: POOL };
const emptyClaim: Meta = {
  name: "sandbox-0",
  labels: { ...POOL, "shadowpool.io/claimed-by": "" },
  annotations: {},
};
const bare: Meta = { name: "sandbox-0" };

/** The admission request for deleting a namespace. */
const deleteNamespace = (ns: Meta) => ({
  request: { kind: { group: "", version: "v1", kind: "Namespace" }, operation: "DELETE" },
  oldObject: { apiVersion: "v1", kind: "Namespace", metadata: ns },
  namespaceObject: null,
});

/** The admission request for deleting an object inside a namespace. */
const deleteInside = (ns: Meta, group: string, kind: string, name: string) => ({
  request: { kind: { group, version: "v1", kind }, operation: "DELETE" },
  oldObject: { kind, metadata: { name, namespace: ns.name } },
  namespaceObject: { apiVersion: "v1", kind: "Namespace", metadata: ns },
});

function admit(requests: object[]): Promise<Outcome[]> {
  const input = JSON.stringify({ spec: claimGuardPolicySpec("sandbox"), requests });
  return runTsChild<Outcome[]>([join(__dirname, "cel.driver.ts"), input]);
}

describe("claim guard: which deletes the policy refuses (CEL evaluated independently)", () => {
  it("refuses to delete a namespace claimed by label or annotation, allows an unclaimed one", async () => {
    const outcomes = await admit([
      deleteNamespace(claimedByLabel),
      deleteNamespace(claimedByAnnotation),
      deleteNamespace(unclaimed),
      deleteNamespace(emptyClaim),
      deleteNamespace(bare),
    ]);
    expect(outcomes).toEqual([
      { allowed: false, message: CLAIM_GUARD_MESSAGE },
      { allowed: false, message: CLAIM_GUARD_MESSAGE },
      { allowed: true },
      { allowed: true },
      { allowed: true },
    ]);
  });

  it("protects Shadowpool's objects in a claimed namespace, not the team's own", async () => {
    const rbac = "rbac.authorization.k8s.io";
    const outcomes = await admit([
      deleteInside(claimedByLabel, rbac, "RoleBinding", "shadowpool-team"),
      deleteInside(claimedByAnnotation, "", "ResourceQuota", "shadowpool-quota"),
      deleteInside(claimedByLabel, "", "LimitRange", "shadowpool-limits"),
      deleteInside(claimedByLabel, "networking.k8s.io", "NetworkPolicy", "shadowpool-default-deny"),
      deleteInside(claimedByLabel, rbac, "RoleBinding", "payments-deployers"),
      deleteInside(unclaimed, rbac, "RoleBinding", "shadowpool-team"),
    ]);
    expect(outcomes.map((o) => o.allowed)).toEqual([false, false, false, false, true, true]);
  });
});

describe("claim guard: the objects declared", () => {
  it("matches deletes of the pool's namespaces and of the four kinds the pool puts in them", () => {
    const spec = claimGuardPolicySpec("sandbox");
    expect(spec.failurePolicy).toBe("Fail");
    expect(spec.matchConstraints).toEqual({
      resourceRules: [
        {
          apiGroups: [""],
          apiVersions: ["v1"],
          operations: ["DELETE"],
          resources: ["namespaces", "resourcequotas", "limitranges"],
        },
        {
          apiGroups: ["networking.k8s.io"],
          apiVersions: ["v1"],
          operations: ["DELETE"],
          resources: ["networkpolicies"],
        },
        {
          apiGroups: ["rbac.authorization.k8s.io"],
          apiVersions: ["v1"],
          operations: ["DELETE"],
          resources: ["rolebindings"],
        },
      ],
      namespaceSelector: { matchLabels: { "shadowpool.io/pool": "sandbox" } },
    });
  });

  it("binds the policy by its cluster-wide name, enforced", () => {
    expect(claimGuardName("sandbox")).toBe("shadowpool-sandbox-keep-claimed");
    expect(claimGuardBindingSpec("sandbox")).toEqual({
      policyName: "shadowpool-sandbox-keep-claimed",
      validationActions: ["Deny"],
    });
  });
});
