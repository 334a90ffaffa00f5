/**
 * The claim guard of a namespace pool: a `ValidatingAdmissionPolicy` (Kubernetes 1.30+) with its
 * binding, so the API server itself refuses to delete a claimed namespace of the pool, or the
 * `shadowpool-*` objects Shadowpool put in it, whoever asks.
 *
 * Why: claims are read once, before the components are built. A namespace claimed between that
 * read and the update is still a surplus slot to the plan, and Pulumi would delete it. With the
 * guard that delete is refused (`pulumi up` fails on it, with the policy's message), the namespace
 * and its team binding stay, and the next deployment reads the claim and keeps the slot. The same
 * holds for `kubectl delete`: a claimed namespace goes only after its claim is removed.
 */
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { CLAIMED_BY_KEY, MANAGED_OBJECT_PREFIX, POOL_LABEL } from "./namespace-keys";

type PolicySpec = k8s.types.input.admissionregistration.v1.ValidatingAdmissionPolicySpec;
type BindingSpec = k8s.types.input.admissionregistration.v1.ValidatingAdmissionPolicyBindingSpec;

/** What the API server answers when the guard refuses a delete. */
export const CLAIM_GUARD_MESSAGE =
  `this Shadowpool namespace is claimed (${CLAIMED_BY_KEY}): neither it nor its ` +
  `${MANAGED_OBJECT_PREFIX}* objects can be deleted; remove the claim first`;

/**
 * The guard's object name, cluster-wide: the policy and the binding share it.
 *
 * @param pool the pool's (component's) name.
 * @returns `shadowpool-<pool>-keep-claimed`.
 */
export function claimGuardName(pool: string): string {
  return `shadowpool-${pool}-keep-claimed`;
}

/**
 * Whether a CEL map expression holds `key` with a non-empty value, as the claim reader counts it
 * (`claimsFromNamespaces`: an empty label falls back to the annotation, an empty value claims
 * nothing).
 */
function hasNonEmpty(map: string, key: string): string {
  return `(has(${map}) && '${key}' in ${map} && ${map}['${key}'] != '')`;
}

/**
 * Pure: the policy's spec. It matches deletes of the pool's namespaces and of the quota, limits,
 * network policy and role binding inside them (selected by the namespace's `shadowpool.io/pool`
 * label), and denies one when the namespace — the deleted object itself, or the one it lives in —
 * carries a claim, and the object is the namespace or one of Shadowpool's `shadowpool-*` objects
 * (the team's own objects stay theirs to delete). `failurePolicy: Fail`: when the expression
 * cannot be evaluated the delete is refused, never let through.
 *
 * @param pool the pool's name (the value of its namespaces' `shadowpool.io/pool` label).
 * @returns the spec.
 */
export function claimGuardPolicySpec(pool: string): PolicySpec {
  const deletes = (apiGroup: string, resources: string[]) => ({
    apiGroups: [apiGroup],
    apiVersions: ["v1"],
    operations: ["DELETE"],
    resources,
  });
  return {
    failurePolicy: "Fail",
    matchConstraints: {
      resourceRules: [
        deletes("", ["namespaces", "resourcequotas", "limitranges"]),
        deletes("networking.k8s.io", ["networkpolicies"]),
        deletes("rbac.authorization.k8s.io", ["rolebindings"]),
      ],
      // For a namespace this selects on its own labels, for the others on their namespace's.
      namespaceSelector: { matchLabels: { [POOL_LABEL]: pool } },
    },
    variables: [
      {
        // On a delete `oldObject` is the object going; `namespaceObject` is null for a namespace.
        name: "meta",
        expression:
          "request.kind.kind == 'Namespace' ? oldObject.metadata : namespaceObject.metadata",
      },
      {
        name: "claimed",
        expression: `${hasNonEmpty("variables.meta.labels", CLAIMED_BY_KEY)} || ${hasNonEmpty("variables.meta.annotations", CLAIMED_BY_KEY)}`,
      },
      {
        name: "managed",
        expression: `request.kind.kind == 'Namespace' || oldObject.metadata.name.startsWith('${MANAGED_OBJECT_PREFIX}')`,
      },
    ],
    validations: [
      {
        expression: "!(variables.managed && variables.claimed)",
        message: CLAIM_GUARD_MESSAGE,
        reason: "Forbidden",
      },
    ],
  };
}

/**
 * Pure: the binding's spec: the policy, enforced (`Deny`), with no parameters.
 *
 * @param pool the pool's name.
 * @returns the spec.
 */
export function claimGuardBindingSpec(pool: string): BindingSpec {
  return { policyName: claimGuardName(pool), validationActions: ["Deny"] };
}

/**
 * Declare the guard's policy (`<pool>-keep-claimed`) and binding (`<pool>-keep-claimed-binding`)
 * as children of the pool.
 *
 * @param pool the pool's name.
 * @param parent the pool component.
 * @returns both resources, for the namespaces' `dependsOn`.
 */
export function declareClaimGuard(pool: string, parent: pulumi.Resource): pulumi.Resource[] {
  const metadata = { name: claimGuardName(pool) };
  const policy = new k8s.admissionregistration.v1.ValidatingAdmissionPolicy(
    `${pool}-keep-claimed`,
    { metadata, spec: claimGuardPolicySpec(pool) },
    { parent },
  );
  const binding = new k8s.admissionregistration.v1.ValidatingAdmissionPolicyBinding(
    `${pool}-keep-claimed-binding`,
    { metadata, spec: claimGuardBindingSpec(pool) },
    { parent, dependsOn: [policy] },
  );
  return [policy, binding];
}
