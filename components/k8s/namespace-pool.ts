/**
 * Kubernetes namespaces held ready: one slot = namespace `<pool>-<n>` with a `ResourceQuota`, a
 * `LimitRange`, a default-deny `NetworkPolicy` and a `RoleBinding` for the team that will claim it,
 * plus one claim guard for the pool (`claim-guard.ts`): the API server refuses to delete a claimed
 * namespace, so a claim made after the claims were read still keeps its slot.
 *
 * Labels: Shadowpool owns `shadowpool.io/pool`, `shadowpool.io/slot` and `shadowpool.io/state`.
 * Whoever takes a namespace sets `shadowpool.io/claimed-by` (a label, or an annotation when the
 * value is not a valid label value) and `shadowpool.io/releasing: "true"` to announce giving it
 * back. Shadowpool never puts those keys in its inputs, so neither server-side apply (the
 * provider's default: a field manager only owns the fields it sets) nor client-side apply (a
 * three-way merge removes only keys that were in the previous inputs) removes them; the keys are
 * also listed in `ignoreChanges` (`metadata.labels["shadowpool.io/claimed-by"]`), so even after a
 * `pulumi refresh` copies them into the state, an update keeps them.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { PoolComponent } from "../pool-component";
import { claimsFromSlotMarks, slotMarks, type SlotMarkKeys } from "../slot-marks";
import type { Slot, SlotClaim } from "../slots";
import { throwIfProblems } from "../validate";
import { declareClaimGuard } from "./claim-guard";
import {
  CLAIMED_BY_KEY,
  MANAGED_OBJECT_PREFIX,
  POOL_LABEL,
  RELEASING_KEY,
  SLOT_LABEL,
  STATE_LABEL,
} from "./namespace-keys";
import {
  DEFAULT_LIMITS,
  DEFAULT_QUOTA,
  namespacePoolNameProblems,
  validateK8sNamespacePoolArgs,
  type K8sNamespacePoolArgs,
} from "./namespace-args";

// The args and their validation live in namespace-args.ts; this path keeps exporting them.
export {
  DEFAULT_LIMITS,
  DEFAULT_QUOTA,
  K8S_MAX_POOL_NAME,
  namespacePoolNameProblems,
  validateK8sNamespacePoolArgs,
  type K8sNamespacePoolArgs,
  type K8sSubject,
} from "./namespace-args";

export {
  CLAIMED_BY_KEY,
  POOL_LABEL,
  RELEASING_KEY,
  SLOT_LABEL,
  STATE_LABEL,
} from "./namespace-keys";
/** The labels Shadowpool owns, for {@link slotMarks}. */
const OWN_LABELS: SlotMarkKeys = { pool: POOL_LABEL, slot: SLOT_LABEL, state: STATE_LABEL };

/** Pure: the labels of one slot's namespace (extra labels first, Shadowpool's on top). */
export function namespaceLabels(
  pool: string,
  slot: Slot,
  extra: Readonly<Record<string, string>> = {},
): Record<string, string> {
  return slotMarks(OWN_LABELS, pool, slot, extra);
}

/** Pure: the default-deny NetworkPolicy spec (ingress and egress), with DNS egress when allowed. */
export function denyAllSpec(
  allowDnsEgress: boolean,
): k8s.types.input.networking.v1.NetworkPolicySpec {
  const dns = {
    to: [
      {
        namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } },
        podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
      },
    ],
    ports: [
      { protocol: "UDP", port: 53 },
      { protocol: "TCP", port: 53 },
    ],
  };
  // An empty podSelector selects every pod; listing both types with no (other) rules denies all.
  return {
    podSelector: {},
    policyTypes: ["Ingress", "Egress"],
    ingress: [],
    egress: allowDnsEgress ? [dns] : [],
  };
}

/** What the program read for one namespace of the pool (labels and annotations). */
export interface K8sNamespaceSeen {
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}

/**
 * Pure: claims from the namespaces the program listed (label selector `shadowpool.io/pool=<pool>`).
 * `shadowpool.io/claimed-by` (label, else annotation) claims it; `shadowpool.io/releasing: "true"`
 * (label or annotation) marks it releasing.
 *
 * @param pool the pool's name
 * @param found the namespaces read
 * @returns one claim per claimed slot, by index
 */
export function claimsFromNamespaces(
  pool: string,
  found: readonly K8sNamespaceSeen[],
): SlotClaim[] {
  const read = found.map((ns) => ({
    pool: ns.labels[POOL_LABEL],
    slot: ns.labels[SLOT_LABEL],
    by: ns.labels[CLAIMED_BY_KEY] || ns.annotations?.[CLAIMED_BY_KEY],
    releasing: (ns.labels[RELEASING_KEY] ?? ns.annotations?.[RELEASING_KEY]) === "true",
  }));
  return claimsFromSlotMarks(pool, read);
}

/** Metadata paths a claimer owns: never part of an update. */
const CLAIMER_PATHS = [CLAIMED_BY_KEY, RELEASING_KEY].flatMap((k) => [
  `metadata.labels["${k}"]`,
  `metadata.annotations["${k}"]`,
]);

/** Pre-created namespaces with quota, limits, default-deny network policy and a team RoleBinding. */
export class K8sNamespacePool extends PoolComponent {
  /** The slots declared by this deployment (observe mode: the previous ones). */
  public readonly declared: pulumi.Output<Slot[]>;
  /** Namespace names by slot state (`releasing` ones count toward expected releases). */
  public readonly namespaces: pulumi.Output<Record<"shadow" | "claimed" | "releasing", string[]>>;

  constructor(name: string, args: K8sNamespacePoolArgs, opts?: pulumi.ComponentResourceOptions) {
    // Every problem at once, before anything (the component included) is registered.
    throwIfProblems(`K8sNamespacePool "${name}"`, [
      ...namespacePoolNameProblems(name),
      ...validateK8sNamespacePoolArgs(args),
    ]);
    super("shadowpool:k8s:NamespacePool", name, args, opts);
    const resolved = this.resolved;
    const limits = args.limits ?? DEFAULT_LIMITS;
    // Declared before the namespaces, which depend on it: it is in force before the first one
    // exists, and a namespace is deleted (or refused) before the guard is.
    const guard =
      (args.guardClaims ?? true) && resolved.declared.length > 0
        ? declareClaimGuard(name, this)
        : [];

    for (const slot of resolved.declared) {
      const ns = new k8s.core.v1.Namespace(
        slot.name,
        { metadata: { name: slot.name, labels: namespaceLabels(name, slot, args.labels) } },
        { parent: this, ignoreChanges: CLAIMER_PATHS, dependsOn: guard },
      );
      const meta = (n: string) => ({
        name: `${MANAGED_OBJECT_PREFIX}${n}`,
        namespace: ns.metadata.name,
      });
      new k8s.core.v1.ResourceQuota(
        `${slot.name}-quota`,
        {
          metadata: meta("quota"),
          spec: { hard: { ...(args.quota ?? DEFAULT_QUOTA) } },
        },
        { parent: this },
      );
      new k8s.core.v1.LimitRange(
        `${slot.name}-limits`,
        {
          metadata: meta("limits"),
          spec: {
            limits: [
              {
                type: "Container",
                default: { ...limits.default },
                defaultRequest: { ...limits.defaultRequest },
              },
            ],
          },
        },
        { parent: this },
      );
      new k8s.networking.v1.NetworkPolicy(
        `${slot.name}-deny`,
        {
          metadata: meta("default-deny"),
          spec: denyAllSpec(args.allowDnsEgress ?? true),
        },
        { parent: this },
      );
      new k8s.rbac.v1.RoleBinding(
        `${slot.name}-team`,
        {
          metadata: meta("team"),
          roleRef: {
            apiGroup: "rbac.authorization.k8s.io",
            kind: "ClusterRole",
            name: args.clusterRole ?? "edit",
          },
          subjects: args.subjects.map((s) =>
            s.kind === "ServiceAccount"
              ? { kind: s.kind, name: s.name, namespace: s.namespace }
              : { kind: s.kind, name: s.name, apiGroup: "rbac.authorization.k8s.io" },
          ),
        },
        { parent: this },
      );
    }

    const byState = (st: Slot["state"]) =>
      resolved.declared.filter((s) => s.state === st).map((s) => s.name);
    this.declared = pulumi.output(resolved.declared);
    this.namespaces = pulumi.output({
      shadow: byState("shadow"),
      claimed: byState("claimed"),
      releasing: byState("releasing"),
    });
    this.registerPoolOutputs({ declared: this.declared, namespaces: this.namespaces });
  }
}
