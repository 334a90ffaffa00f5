import type { SlotClaim } from "../../../components/slots";
import type { MockRecorder } from "../mocks";
import {
  NOW,
  basePolicy,
  flatHistory,
  promiseOf,
  previousOf,
  setMocks,
  settle,
  thrownMessage,
} from "../mocks";

let rec: MockRecorder;
let mod: typeof import("../../../components/k8s/namespace-pool");
type Args = import("../../../components/k8s/namespace-pool").K8sNamespacePoolArgs;

const NS = "kubernetes:core/v1:Namespace";
const POOL_SELECTOR = { "shadowpool.io/pool": "sandbox" };
const GUARD_KINDS = [
  "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicy",
  "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicyBinding",
];
const KINDS = [
  NS,
  "kubernetes:core/v1:ResourceQuota",
  "kubernetes:core/v1:LimitRange",
  "kubernetes:networking.k8s.io/v1:NetworkPolicy",
  "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
];

beforeAll(async () => {
  rec = await setMocks();
  mod = await import("../../../components/k8s/namespace-pool");
});
beforeEach(() => rec.reset());

const base = {
  now: NOW,
  policy: basePolicy,
  mode: "enforce" as const,
  subjects: [{ kind: "Group" as const, name: "team-payments" }],
};

async function deploy(args: Partial<Args> & { history: Args["history"] }) {
  rec.reset();
  const pool = new mod.K8sNamespacePool("sandbox", { ...base, ...args });
  await settle(pool.summary, pool.namespaces);
  return { pool, names: rec.ofType(NS).map((r) => r.name) };
}

describe("K8sNamespacePool: a known plan", () => {
  it("declares per slot a namespace with quota, limits, default-deny policy and team RoleBinding", async () => {
    const { pool, names } = await deploy({ history: flatHistory(2), labels: { team: "payments" } });
    expect(pool.resolved.plan.shadow).toBe(2);
    expect(names).toEqual(["sandbox-0", "sandbox-1"]);
    expect(rec.named("sandbox").type).toBe("shadowpool:k8s:NamespacePool");
    // The component, the claim guard's policy and binding, and five resources a slot.
    expect(rec.resources).toHaveLength(1 + 2 + 2 * 5);
    expect(rec.resources.filter((r) => r.custom).every((r) => r.parent === "sandbox")).toBe(true);
    for (const kind of KINDS) expect(rec.ofType(kind)).toHaveLength(2);
    expect(rec.named("sandbox-keep-claimed").inputs).toMatchObject({
      metadata: { name: "shadowpool-sandbox-keep-claimed" },
      spec: { matchConstraints: { namespaceSelector: { matchLabels: POOL_SELECTOR } } },
    });
    expect(rec.named("sandbox-keep-claimed-binding").inputs).toMatchObject({
      spec: { policyName: "shadowpool-sandbox-keep-claimed", validationActions: ["Deny"] },
    });
    // The guard is in force before any namespace exists, and outlives every one on a delete.
    for (const ns of rec.ofType(NS)) {
      expect(ns.dependencies).toEqual(
        expect.arrayContaining(["sandbox-keep-claimed", "sandbox-keep-claimed-binding"]),
      );
    }
    // The guard protects the objects it puts in a namespace by their name's prefix.
    for (const r of rec.resources.filter((x) => KINDS.slice(1).includes(x.type))) {
      expect((r.inputs as { metadata: { name: string } }).metadata.name).toMatch(/^shadowpool-/);
    }

    const ns = rec.named("sandbox-1");
    expect(ns.inputs).toMatchObject({
      metadata: {
        name: "sandbox-1",
        labels: {
          team: "payments",
          "shadowpool.io/pool": "sandbox",
          "shadowpool.io/slot": "1",
          "shadowpool.io/state": "shadow",
        },
      },
    });
    expect(ns.ignoreChanges).toEqual([
      'metadata.labels["shadowpool.io/claimed-by"]',
      'metadata.annotations["shadowpool.io/claimed-by"]',
      'metadata.labels["shadowpool.io/releasing"]',
      'metadata.annotations["shadowpool.io/releasing"]',
    ]);
    expect(rec.named("sandbox-1-quota").inputs).toMatchObject({
      metadata: { name: "shadowpool-quota", namespace: "sandbox-1" },
      spec: {
        hard: {
          "requests.cpu": "4",
          "requests.memory": "8Gi",
          "limits.cpu": "8",
          "limits.memory": "16Gi",
          pods: "50",
        },
      },
    });
    expect(rec.named("sandbox-1-limits").inputs).toMatchObject({
      metadata: { namespace: "sandbox-1" },
      spec: {
        limits: [
          {
            type: "Container",
            default: { cpu: "500m", memory: "512Mi" },
            defaultRequest: { cpu: "100m", memory: "128Mi" },
          },
        ],
      },
    });
    const deny = rec.named("sandbox-1-deny").inputs as { spec: Record<string, unknown> };
    expect(deny.spec).toMatchObject({
      podSelector: {},
      policyTypes: ["Ingress", "Egress"],
      ingress: [],
    });
    expect(deny.spec.egress).toEqual([
      {
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
      },
    ]);
    expect(rec.named("sandbox-1-team").inputs).toMatchObject({
      metadata: { name: "shadowpool-team", namespace: "sandbox-1" },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "edit" },
      subjects: [{ kind: "Group", name: "team-payments", apiGroup: "rbac.authorization.k8s.io" }],
    });
  });

  it("strict deny-all without DNS, custom role, quota and a service-account subject", async () => {
    await deploy({
      history: flatHistory(1),
      allowDnsEgress: false,
      clusterRole: "sandbox-admin",
      quota: { pods: "10" },
      subjects: [{ kind: "ServiceAccount", name: "ci", namespace: "ci" }],
    });
    expect(
      (rec.named("sandbox-0-deny").inputs as { spec: { egress: unknown[] } }).spec.egress,
    ).toEqual([]);
    expect(rec.named("sandbox-0-quota").inputs).toMatchObject({ spec: { hard: { pods: "10" } } });
    expect(rec.named("sandbox-0-team").inputs).toMatchObject({
      roleRef: { name: "sandbox-admin" },
      subjects: [{ kind: "ServiceAccount", name: "ci", namespace: "ci" }],
    });
  });
});

describe("K8sNamespacePool: sequences of deployments", () => {
  it("keeps a claimed highest namespace through a shrink below the claims and shows releasing ones", async () => {
    const d1 = await deploy({ history: flatHistory(4) });
    expect(d1.names).toEqual(["sandbox-0", "sandbox-1", "sandbox-2", "sandbox-3"]);

    const claims: SlotClaim[] = [
      { index: 3, by: "team-payments" },
      { index: 1, by: "team-search", releasing: true },
    ];
    // Demand 1 < 2 claims: nothing shadow, both claimed namespaces stay.
    const d2 = await deploy({
      history: flatHistory(1),
      claims,
      previous: previousOf(d1.pool.resolved.slots),
    });
    expect(d2.names).toEqual(["sandbox-1", "sandbox-3"]);
    expect(rec.ofType("kubernetes:core/v1:ResourceQuota").map((r) => r.name)).toEqual([
      "sandbox-1-quota",
      "sandbox-3-quota",
    ]);
    expect(await promiseOf(d2.pool.namespaces)).toEqual({
      shadow: [],
      claimed: ["sandbox-3"],
      releasing: ["sandbox-1"],
    });
    expect(rec.named("sandbox-1").inputs).toMatchObject({
      metadata: { labels: { "shadowpool.io/state": "releasing" } },
    });
    // Shadowpool never writes the claimer's key.
    for (const r of rec.ofType(NS)) {
      expect(JSON.stringify(r.inputs)).not.toContain("claimed-by");
    }

    // Demand back to 4: 2 in use + 2 shadow in the lowest free indices.
    const d3 = await deploy({
      history: flatHistory(4),
      claims,
      previous: previousOf(d2.pool.resolved.slots),
    });
    expect(d3.names).toEqual(["sandbox-0", "sandbox-1", "sandbox-2", "sandbox-3"]);
  });

  it("observe mode declares the previous namespaces unchanged", async () => {
    const d1 = await deploy({ history: flatHistory(2) });
    const d2 = await deploy({
      history: flatHistory(6),
      mode: "observe",
      previous: previousOf(d1.pool.resolved.slots),
    });
    expect(d2.names).toEqual(["sandbox-0", "sandbox-1"]);
    expect(d2.pool.resolved.slots).toHaveLength(6);
  });

  it("declares no guard with guardClaims false, nor while it declares no namespace", async () => {
    await deploy({ history: flatHistory(2), guardClaims: false });
    expect(rec.ofType(NS)).toHaveLength(2);
    for (const kind of GUARD_KINDS) expect(rec.ofType(kind)).toHaveLength(0);
    expect(rec.ofType(NS).every((ns) => ns.dependencies.length === 0)).toBe(true);

    // Observe mode on a first run holds what was there before: nothing, so nothing to guard.
    await deploy({ history: flatHistory(2), mode: "observe" });
    expect(rec.resources.filter((r) => r.custom)).toHaveLength(0);
  });
});

describe("K8sNamespacePool: bad args and claims", () => {
  it("lists every problem with field and fix, registering nothing", async () => {
    const message = thrownMessage(
      () =>
        new mod.K8sNamespacePool("Sandbox", {
          ...base,
          history: flatHistory(1),
          policy: { ...basePolicy, min: -1 },
          subjects: [
            { kind: "Team" as unknown as "Group", name: "" },
            { kind: "ServiceAccount", name: "ci" },
          ],
          labels: { "shadowpool.io/claimed-by": "me" },
          guardClaims: "yes" as unknown as boolean,
        }),
    );
    expect(message).toBe(
      [
        'K8sNamespacePool "Sandbox": 7 invalid argument(s):',
        'name must be a DNS-1123 label of at most 56 characters (got "Sandbox"); the namespaces are named <name>-<n>',
        "args.policy.min must be an integer >= 0 (got -1)",
        'args.subjects[0].kind must be one of User, Group, ServiceAccount (got "Team")',
        'args.subjects[0].name must be a non-empty string (got "")',
        "args.subjects[1].namespace is required for a ServiceAccount (got undefined); set the account's namespace",
        'args.guardClaims must be true or false (false on a cluster older than Kubernetes 1.30) (got "yes")',
        'args.labels["shadowpool.io/claimed-by"] uses the reserved prefix shadowpool.io/ (Shadowpool and claimers own it); rename the label',
      ].join("\n  "),
    );
    expect(
      mod.validateK8sNamespacePoolArgs({ ...base, history: null, subjects: [] }, "pools[5]"),
    ).toEqual([
      'pools[5].subjects must list at least one subject (got []); add { kind: "Group", name: "<team>" }',
    ]);
    await settle(); // every registration started so far has reached the mock monitor
    expect(rec.resources).toHaveLength(0);
  });

  it("reads claims from the claimer's label or annotation", () => {
    const l = (slot: string, extra: Record<string, string> = {}) => ({
      "shadowpool.io/pool": "sandbox",
      "shadowpool.io/slot": slot,
      ...extra,
    });
    expect(
      mod.claimsFromNamespaces("sandbox", [
        { labels: l("2", { "shadowpool.io/claimed-by": "team-a" }) },
        {
          labels: l("0"),
          annotations: {
            "shadowpool.io/claimed-by": "Jane Doe <jane@example.com>",
            "shadowpool.io/releasing": "true",
          },
        },
        { labels: l("1") },
        { labels: { ...l("4"), "shadowpool.io/pool": "other", "shadowpool.io/claimed-by": "x" } },
      ]),
    ).toEqual([
      { index: 0, by: "Jane Doe <jane@example.com>", releasing: true },
      { index: 2, by: "team-a" },
    ]);
  });
});
