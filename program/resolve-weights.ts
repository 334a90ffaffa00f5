/**
 * The args of a traffic-weights pool's component, from its config and the slot pools this run
 * resolved. Pure: no Pulumi, no I/O.
 */
import type { ResolvedPool } from "../components/pool";
import { poolCapacity, type TrafficWeightsArgsBase } from "../components/weights";
import type { PoolConfig } from "./config";
import { previousPool, type DeploymentState } from "./state";

/** A backend in a weights pool's config: `pool` names a slot pool whose slots are its capacity. */
interface BackendConfig extends Record<string, unknown> {
  readonly name: string;
  readonly pool?: string;
  readonly ready?: number;
}

/**
 * The args of a traffic-weights component. A backend that names a slot `pool` gets that pool's
 * capacity (`poolCapacity`: declared slots are ready, slots added by this deployment are still
 * warming); the demand is the sum of the referenced pools' peaks (0, which disables the caps, when
 * no backend references a pool).
 *
 * @param pool the weights pool's config.
 * @param slotPools resolved slot pools of this run, by name.
 * @param previous the previous deployment's state.
 * @returns the component args.
 */
export function weightsArgs(
  pool: PoolConfig,
  slotPools: ReadonlyMap<string, ResolvedPool>,
  previous: DeploymentState | undefined,
): TrafficWeightsArgsBase & Record<string, unknown> {
  const backends = ((pool.provider.backends ?? []) as BackendConfig[]).map((b) => {
    const { pool: ref, ...rest } = b;
    if (ref === undefined) return rest as BackendConfig & { ready: number };
    const resolved = slotPools.get(ref);
    return { ...rest, ...(resolved === undefined ? { ready: 0 } : poolCapacity(resolved)) };
  });
  const refs = new Set(((pool.provider.backends ?? []) as BackendConfig[]).map((b) => b.pool));
  let demand = 0;
  for (const ref of refs) {
    if (ref !== undefined) demand += slotPools.get(ref)?.plan.peak ?? 0;
  }
  const before = previousPool(previous, pool.name, pool.kind, pool.cloud);
  return {
    ...pool.provider,
    mode: pool.mode,
    backends,
    demand,
    ...(before?.weights === undefined ? {} : { previous: before.weights }),
  };
}
