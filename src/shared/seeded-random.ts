import { createHash } from 'node:crypto';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** Numbers in [0, 1), the same sequence for the same seed: generated data is reproducible. */
export function seededRandom(...seed: (string | number)[]): () => number {
  const digest = createHash('sha256').update(seed.join(':')).digest();
  const rng = xoroshiro128plus(digest.readInt32LE(0));
  return () => uniformFloat64(rng);
}

/** A normally distributed number (Box–Muller). */
export function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}
