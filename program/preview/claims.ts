/**
 * Offline answers to the claim readers' invokes. A state file's `claims` (per pool) describe what
 * "the cloud" reports in the scenario; these handlers turn them into the objects AWS or GCP would
 * return (tagged network interfaces, Elastic IPs, labelled addresses), so the claim readers run
 * their real code under mocks. No `claims` → the pool's objects are all free: no claims.
 */
import {
  CLAIMED_BY_TAG,
  POOL_TAG,
  RELEASING_TAG,
  SLOT_TAG,
} from "../../components/aws/address-pool";
import {
  CLAIMED_BY_LABEL,
  POOL_LABEL,
  RELEASING_LABEL,
  SLOT_LABEL,
  gcpLabelValue,
} from "../../components/gcp/address-pool";
import type { SlotClaim } from "../../components/slots";
import type { DeploymentState } from "../state";
import type { InvokeAnswers } from "./mocks";

type Filters = readonly { name?: string; values?: readonly string[] }[];

/** The pool named by an AWS tag filter. */
function poolOfFilters(filters: unknown): string | undefined {
  const found = ((filters ?? []) as Filters).find((f) => f.name === `tag:${POOL_TAG}`);
  return found?.values?.[0];
}

const claimsOf = (
  state: DeploymentState | undefined,
  pool: string | undefined,
): readonly SlotClaim[] => (pool === undefined ? [] : (state?.claims?.[pool] ?? []));

/** `eni-api-ips-3` ↔ pool `api-ips`, slot 3. */
const objectId = (prefix: string, pool: string, index: number): string =>
  `${prefix}-${pool}-${index}`;

function parseId(id: string): { pool: string; index: number } | undefined {
  const m = /^(?:eni|eipalloc)-(.+)-(\d+)$/.exec(id);
  return m === null ? undefined : { pool: m[1], index: Number(m[2]) };
}

function awsTags(pool: string, claim: SlotClaim): Record<string, string> {
  return {
    [POOL_TAG]: pool,
    [SLOT_TAG]: String(claim.index),
    [CLAIMED_BY_TAG]: claim.by,
    ...(claim.releasing === true ? { [RELEASING_TAG]: "true" } : {}),
  };
}

/** One object per claim, looked up by its id. */
function awsObject(id: unknown, state: DeploymentState | undefined): Record<string, unknown> {
  const parsed = parseId(String(id));
  const claim = claimsOf(state, parsed?.pool).find((c) => c.index === parsed?.index);
  if (parsed === undefined || claim === undefined) {
    throw new Error(`offline preview: no such object ${String(id)}`);
  }
  return { id: String(id), tags: awsTags(parsed.pool, claim) };
}

/** The invokes the claim readers make, answered from the state file's scenario claims. */
export const CLAIM_ANSWERS: InvokeAnswers = {
  "aws:ec2/getNetworkInterfaces:getNetworkInterfaces": (inputs, state) => {
    const pool = poolOfFilters(inputs.filters);
    return {
      id: "preview",
      ids: claimsOf(state, pool).map((c) => objectId("eni", pool ?? "", c.index)),
    };
  },
  "aws:ec2/getNetworkInterface:getNetworkInterface": (inputs, state) => awsObject(inputs.id, state),
  "aws:ec2/getEips:getEips": (inputs, state) => {
    const pool = poolOfFilters(inputs.filters);
    const ids = claimsOf(state, pool).map((c) => objectId("eipalloc", pool ?? "", c.index));
    return { id: "preview", allocationIds: ids, publicIps: [] };
  },
  "aws:ec2/getElasticIp:getElasticIp": (inputs, state) => awsObject(inputs.id, state),
  "gcp:compute/getAddresses:getAddresses": (inputs, state) => {
    const filter = String(inputs.filter ?? "");
    const addresses: Record<string, unknown>[] = [];
    for (const [pool, claims] of Object.entries(state?.claims ?? {})) {
      if (filter !== `labels.${POOL_LABEL}=${gcpLabelValue(pool)}`) continue;
      for (const c of claims) {
        addresses.push({
          name: `${pool}-${c.index}`,
          status: "IN_USE",
          labels: {
            [POOL_LABEL]: gcpLabelValue(pool),
            [SLOT_LABEL]: String(c.index),
            [CLAIMED_BY_LABEL]: gcpLabelValue(c.by),
            ...(c.releasing === true ? { [RELEASING_LABEL]: "true" } : {}),
          },
        });
      }
    }
    return { id: "preview", addresses };
  },
};
