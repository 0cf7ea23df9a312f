/**
 * @module
 * A small seeded pseudo-random generator (mulberry32), so that the same seed always
 * produces the same sample. Not for anything that needs unpredictability.
 */

/** Draws from one seeded stream. Every draw advances the stream. */
export interface Random {
  /** Returns a float in [0, 1). */
  next(): number;
  /** Returns an unsigned 32-bit integer. */
  uint32(): number;
  /** Returns an integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** Returns true with the given probability (0..1). */
  chance(probability: number): boolean;
  /** Returns one element, each with the same probability. Throws on an empty list. */
  pick<T>(items: readonly T[]): T;
  /** Returns a draw from the standard normal distribution. */
  normal(): number;
  /** Returns a string of `length` random characters of `alphabet`. */
  string(alphabet: string, length: number): string;
}

const TWO_POW_32 = 4_294_967_296;

/**
 * Creates a generator seeded with an unsigned 32-bit integer.
 *
 * @throws RangeError when the seed is not an integer in 0..2^32-1.
 */
export function createRandom(seed: number): Random {
  if (!Number.isInteger(seed) || seed < 0 || seed >= TWO_POW_32) {
    throw new RangeError(`invalid seed ${seed}: expected an integer from 0 to ${TWO_POW_32 - 1}`);
  }
  let state = seed;

  // mulberry32 by Tommy Ettinger: a 32-bit state, period 2^32, good enough for test data.
  const uint32 = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const next = (): number => uint32() / TWO_POW_32;
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));

  const pick = <T>(items: readonly T[]): T => {
    const item = items[int(0, items.length - 1)];
    if (item === undefined) {
      throw new RangeError("cannot pick from an empty list");
    }
    return item;
  };

  // Box-Muller transform. 1 - next() is in (0, 1], so the logarithm is finite.
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());

  const string = (alphabet: string, length: number): string => {
    let text = "";
    for (let i = 0; i < length; i++) {
      text += alphabet.charAt(int(0, alphabet.length - 1));
    }
    return text;
  };

  return { next, uint32, int, chance: (probability) => next() < probability, pick, normal, string };
}
