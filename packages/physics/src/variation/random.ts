/**
 * A seeded random source, so a lot simulation gives the same numbers on every run and machine.
 *
 * Hand-written rather than a dependency: physics imports nothing but `units`, and what is needed is
 * small. mulberry32 (Tommy Ettinger, public domain; passes gjrand and PractRand to 2^32 bytes) for
 * uniform numbers in [0, 1); Box–Muller (Box & Muller, Ann. Math. Stat. 29, 1958) for normals.
 */
export interface RandomSource {
  /** Uniform in [0, 1). */
  uniform(): number;
  /** Standard normal (mean 0, standard deviation 1). */
  normal(): number;
}

export function seededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  let spare: number | undefined;
  const uniform = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = (): number => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    const u1 = 1 - uniform(); // (0, 1]: the logarithm stays finite
    const u2 = uniform();
    const radius = Math.sqrt(-2 * Math.log(u1));
    spare = radius * Math.sin(2 * Math.PI * u2);
    return radius * Math.cos(2 * Math.PI * u2);
  };
  return { uniform, normal };
}
