/**
 * Kubernetes namespaces held ready: one slot = namespace `<pool>-<n>` with a `ResourceQuota`, a
 * `LimitRange`, a default-deny `NetworkPolicy` and a `RoleBinding` for the team that will claim it.
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
import { validatePoolArgs, type PoolArgsBase } from "../pool";
import { PoolComponent } from "../pool-component";
import { claimsFromSlotMarks, slotMarks, type SlotMarkKeys } from "../slot-marks";
import type { Slot, SlotClaim } from "../slots";
import { checkNonEmpty, checkOneOf, throwIfProblems } from "../validate";
import { DNS_LABEL } from "./traffic-weights";

export const POOL_LABEL = "shadowpool.io/pool";
export const SLOT_LABEL = "shadowpool.io/slot";
export const STATE_LABEL = "shadowpool.io/state";
/** Set by the claimer (label or annotation), never by Shadowpool: who holds the namespace. */
export const CLAIMED_BY_KEY = "shadowpool.io/claimed-by";
/** Set by the claimer (label or annotation), never by Shadowpool: `"true"` when giving it back. */
export const RELEASING_KEY = "shadowpool.io/releasing";
/** The labels Shadowpool owns, for {@link slotMarks}. */
const OWN_LABELS: SlotMarkKeys = { pool: POOL_LABEL, slot: SLOT_LABEL, state: STATE_LABEL };

/** Default quota of each namespace. */
export const DEFAULT_QUOTA: Readonly<Record<string, string>> = {
  "requests.cpu": "4",
  "requests.memory": "8Gi",
  "limits.cpu": "8",
  "limits.memory": "16Gi",
  pods: "50",
};
/** Default container limits/requests of each namespace. */
export const DEFAULT_LIMITS = {
  default: { cpu: "500m", memory: "512Mi" },
  defaultRequest: { cpu: "100m", memory: "128Mi" },
} as const;
/** Longest pool name: `<pool>-<n>` must fit a 63-character namespace name. */
export const K8S_MAX_POOL_NAME = 56;

/** Who the RoleBinding grants the ClusterRole to. */
export interface K8sSubject {
  readonly kind: "User" | "Group" | "ServiceAccount";
  readonly name: string;
  /** Required for a ServiceAccount. */
  readonly namespace?: string;
}

/** Args of {@link K8sNamespacePool}. */
export interface K8sNamespacePoolArgs extends PoolArgsBase {
  /** The team that will claim the namespaces (RoleBinding subjects). Required, at least one. */
  readonly subjects: readonly K8sSubject[];
  /** ClusterRole bound in each namespace. Default `"edit"`. */
  readonly clusterRole?: string;
  /** ResourceQuota `spec.hard`. Default {@link DEFAULT_QUOTA}. */
  readonly quota?: Readonly<Record<string, string>>;
  /** LimitRange container `default` and `defaultRequest`. Default {@link DEFAULT_LIMITS}. */
  readonly limits?: {
    readonly default: Readonly<Record<string, string>>;
    readonly defaultRequest: Readonly<Record<string, string>>;
  };
  /**
   * Let pods resolve names: the default-deny policy allows egress to kube-dns (pods labelled
   * `k8s-app: kube-dns` in `kube-system`, UDP and TCP 53) and nothing else. Default true: a namespace
   * that cannot resolve names is useless to most workloads; set false for a strict deny-all.
   */
  readonly allowDnsEgress?: boolean;
  /** Extra labels on each namespace (keys not starting with `shadowpool.io/`). Default: none. */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * Pure validation (shared pool fields included).
 *
 * @param args the component's args
 * @param path prefix for messages, e.g. `pools[4]`
 * @returns every problem found (empty when valid)
 */
export function validateK8sNamespacePoolArgs(args: K8sNamespacePoolArgs, path = "args"): string[] {
  const p = validatePoolArgs(args, path);
  if (!Array.isArray(args.subjects) || args.subjects.length === 0) {
    p.push(
      `${path}.subjects must list at least one subject (got ${JSON.stringify(args.subjects)}); add { kind: "Group", name: "<team>" }`,
    );
  } else {
    args.subjects.forEach((s, i) => {
      checkOneOf(p, `${path}.subjects[${i}].kind`, s.kind, ["User", "Group", "ServiceAccount"]);
      checkNonEmpty(p, `${path}.subjects[${i}].name`, s.name);
      if (s.kind === "ServiceAccount" && s.namespace === undefined) {
        p.push(
          `${path}.subjects[${i}].namespace is required for a ServiceAccount (got undefined); set the account's namespace`,
        );
      }
    });
  }
  if (args.clusterRole !== undefined)
    checkNonEmpty(p, `${path}.clusterRole`, args.clusterRole, "e.g. edit");
  for (const [key, value] of Object.entries(args.quota ?? {}))
    checkNonEmpty(p, `${path}.quota["${key}"]`, value, "a quantity such as 4 or 8Gi");
  for (const [key, value] of Object.entries(args.labels ?? {})) {
    if (key.startsWith("shadowpool.io/")) {
      p.push(
        `${path}.labels["${key}"] uses the reserved prefix shadowpool.io/ (Shadowpool and claimers own it); rename the label`,
      );
    }
    if (
      typeof value !== "string" ||
      !/^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/.test(value) ||
      value.length > 63
    ) {
      p.push(
        `${path}.labels["${key}"] must be a label value (at most 63 letters, digits, -, _ or .; got ${JSON.stringify(value)})`,
      );
    }
  }
  return p;
}

/** Problems with the component's name as a namespace prefix. */
export function namespacePoolNameProblems(name: string): string[] {
  if (DNS_LABEL.test(name) && name.length <= K8S_MAX_POOL_NAME) return [];
  return [
    `name must be a DNS-1123 label of at most ${K8S_MAX_POOL_NAME} characters (got ${JSON.stringify(name)}); the namespaces are named <name>-<n>`,
  ];
}

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

    for (const slot of resolved.declared) {
      const ns = new k8s.core.v1.Namespace(
        slot.name,
        { metadata: { name: slot.name, labels: namespaceLabels(name, slot, args.labels) } },
        { parent: this, ignoreChanges: CLAIMER_PATHS },
      );
      const meta = (n: string) => ({ name: n, namespace: ns.metadata.name });
      new k8s.core.v1.ResourceQuota(
        `${slot.name}-quota`,
        {
          metadata: meta("shadowpool-quota"),
          spec: { hard: { ...(args.quota ?? DEFAULT_QUOTA) } },
        },
        { parent: this },
      );
      new k8s.core.v1.LimitRange(
        `${slot.name}-limits`,
        {
          metadata: meta("shadowpool-limits"),
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
          metadata: meta("shadowpool-default-deny"),
          spec: denyAllSpec(args.allowDnsEgress ?? true),
        },
        { parent: this },
      );
      new k8s.rbac.v1.RoleBinding(
        `${slot.name}-team`,
        {
          metadata: meta("shadowpool-team"),
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
