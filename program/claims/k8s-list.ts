/**
 * Shared Kubernetes access of the claim readers: connect with `@kubernetes/client-node` (loaded on
 * first use: 1.x is an ES module that jest's CommonJS runtime cannot load, so modules that merely
 * import a reader never load it), then list every page of a collection with a per-page timeout.
 */
import type { CoreV1Api, KubeConfig } from "@kubernetes/client-node";
import { makeRedactor } from "../sources/redact";

/** Where and how to read. */
export interface K8sReadOptions {
  /** A loaded config; default: `kubeconfig` if given, else the default chain (KUBECONFIG, in-cluster). */
  readonly kubeConfig?: KubeConfig;
  /** Kubeconfig YAML text (e.g. the provider's `kubeconfig` from secret config). */
  readonly kubeconfig?: string;
  /** Most objects per page. Default 500. */
  readonly pageSize?: number;
  /** Budget for each page, milliseconds. Default 10,000. */
  readonly timeoutMs?: number;
}

/** One page of a list call. */
interface Page<T> {
  readonly items?: T[];
  readonly metadata?: { readonly _continue?: string };
}

/** A connected client plus what error messages may say about it. */
export interface K8sConnection {
  readonly api: CoreV1Api;
  /** The API server's address, for messages. */
  readonly server?: string;
  /** Removes the current user's token and password from a message. */
  readonly redact: (text: string) => string;
}

/**
 * Connect to the cluster the options name.
 *
 * @param options cluster access.
 * @returns the core API client, the server address and a redactor of the user's credentials.
 */
export async function connectK8s(options: K8sReadOptions): Promise<K8sConnection> {
  const k8s = await import("@kubernetes/client-node");
  const kc = options.kubeConfig ?? new k8s.KubeConfig();
  if (!options.kubeConfig) {
    if (options.kubeconfig) kc.loadFromString(options.kubeconfig);
    else kc.loadFromDefault();
  }
  const user = kc.getCurrentUser();
  return {
    api: kc.makeApiClient(k8s.CoreV1Api),
    server: kc.getCurrentCluster()?.server,
    redact: makeRedactor([user?.token, user?.password]),
  };
}

/**
 * Every item of a list call, following `continue` tokens.
 *
 * @param fetchPage one list call, given the page size and the continue token.
 * @param options page size and per-page timeout.
 * @returns all items, in the API's order.
 * @throws the API's error, or a timeout naming `timeoutMs`.
 */
export async function listAllPages<T>(
  fetchPage: (limit: number, token: string | undefined) => Promise<Page<T>>,
  options: K8sReadOptions,
): Promise<T[]> {
  const limit = options.pageSize ?? 500;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const items: T[] = [];
  let token: string | undefined;
  do {
    const page = await withTimeout(fetchPage(limit, token), timeoutMs);
    items.push(...(page.items ?? []));
    token = page.metadata?._continue || undefined;
  } while (token);
  return items;
}

/** Reject when `promise` takes longer than `ms`. */
async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms (timeoutMs)`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
