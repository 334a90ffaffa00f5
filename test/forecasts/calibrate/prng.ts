/** Seeded random inputs for the tests: the repository's one PRNG (scripts/prng.ts). */
import { boxMuller, mulberry32 } from "../../../scripts/prng";

export { mulberry32 };

/** Standard normal draws by Box–Muller from a seeded uniform source. */
export function normals(seed: number): () => number {
  return boxMuller(mulberry32(seed));
}
