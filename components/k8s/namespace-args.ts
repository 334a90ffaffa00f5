/**
 * Args of the Kubernetes namespace pool, their defaults and their validation (the args and the
 * pool's name as a namespace prefix). Pure: no resources.
 */
import type { PoolArgsBase } from "../pool";
import { validatePoolArgs } from "../pool-validate";
import { checkNonEmpty, checkOneOf, checkOptionalBoolean } from "../validate";
import { DNS_LABEL } from "./traffic-weights";

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

/** Args of `K8sNamespacePool` (namespace-pool.ts). */
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
  /**
   * Declare a `ValidatingAdmissionPolicy` and its binding that make the API server refuse to
   * delete a claimed namespace of this pool, or the `shadowpool-*` objects in it, whoever asks:
   * `pulumi up` included, when a namespace was claimed after the claims were read (see
   * `claim-guard.ts`). Needs Kubernetes 1.30 or later. Default true; set false on an older
   * cluster.
   */
  readonly guardClaims?: boolean;
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
  checkOptionalBoolean(p, `${path}.allowDnsEgress`, args.allowDnsEgress);
  checkOptionalBoolean(
    p,
    `${path}.guardClaims`,
    args.guardClaims,
    "false on a cluster older than Kubernetes 1.30",
  );
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
