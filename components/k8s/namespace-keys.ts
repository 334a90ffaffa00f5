/**
 * The label and annotation keys of a namespace pool's namespaces: the ones Shadowpool owns, and
 * the ones only a claimer sets (read by the claim reader, the admission policy and the component).
 */

export const POOL_LABEL = "shadowpool.io/pool";
export const SLOT_LABEL = "shadowpool.io/slot";
export const STATE_LABEL = "shadowpool.io/state";
/** Set by the claimer (label or annotation), never by Shadowpool: who holds the namespace. */
export const CLAIMED_BY_KEY = "shadowpool.io/claimed-by";
/** Set by the claimer (label or annotation), never by Shadowpool: `"true"` when giving it back. */
export const RELEASING_KEY = "shadowpool.io/releasing";
/**
 * Prefix of the name of every object Shadowpool puts in a namespace (quota, limits, network
 * policy, team binding): the claim guard protects these and leaves the team's own objects alone.
 */
export const MANAGED_OBJECT_PREFIX = "shadowpool-";
