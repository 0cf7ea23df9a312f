/**
 * @module
 * Hides part of each training profile's tokens, for two purposes inside
 * training: corrupted inputs of the denoising objective, and held-out tokens
 * of the validation that picks hyperparameters. Which tokens hide depends only
 * on their positions and the seed, never on the token strings, so pseudonyms
 * and plaintext hide the same tokens.
 */
import { createRandom } from "./linear-algebra.ts";

/** Documents with part of their distinct tokens removed, and the removed ones. */
export interface HeldOutDocuments {
  visible: string[][];
  hidden: Array<Set<string>>;
}

/**
 * Removes every occurrence of a seeded random `fraction` of each document's
 * distinct tokens (rounded, at least 1, leaving at least 1). Documents with
 * fewer than 2 distinct tokens stay whole.
 */
export function holdOutTokens(documents: readonly string[][], fraction: number, seed: number): HeldOutDocuments {
  const random = createRandom(seed);
  const visible: string[][] = [];
  const hidden: Array<Set<string>> = [];
  for (const tokens of documents) {
    const distinct = [...new Set(tokens)];
    if (distinct.length < 2) {
      visible.push([...tokens]);
      hidden.push(new Set());
      continue;
    }
    const count = Math.min(distinct.length - 1, Math.max(1, Math.round(fraction * distinct.length)));
    for (let i = distinct.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [distinct[i], distinct[j]] = [distinct[j]!, distinct[i]!];
    }
    const removed = new Set(distinct.slice(0, count));
    visible.push(tokens.filter((token) => !removed.has(token)));
    hidden.push(removed);
  }
  return { visible, hidden };
}
