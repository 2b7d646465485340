/** A small seeded PRNG (mulberry32): randomized tests print their seed and replay with RANDOM_SEED. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function testSeed(): number {
  const fromEnv = Number(process.env.RANDOM_SEED);
  return Number.isFinite(fromEnv) && process.env.RANDOM_SEED ? fromEnv : Math.floor(Math.random() * 2 ** 31);
}
