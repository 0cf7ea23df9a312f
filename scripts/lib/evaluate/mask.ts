/**
 * @module
 * The held-out part of the relevance proxy: hides a seeded random share of
 * each person's biography before training, and keeps the hidden tokens as
 * the things a good recommendation should lead to.
 */
import type { ProfileRow } from "../../../src/shared/profile.ts";
import { textTokens } from "../../../src/shared/tokens.ts";
import { createRandom } from "../model/linear-algebra.ts";

/** Settings of the hold-out. */
export interface MaskOptions {
  /** Share of a biography's whitespace-separated chunks to hide, in (0, 1). */
  fraction: number;
  seed: number;
}

export const defaultMaskOptions = { fraction: 0.4, seed: 7 } satisfies MaskOptions;

/** Profiles with part of each biography hidden, and what was hidden. */
export interface MaskedProfiles {
  /** The input profiles with the hidden chunks cut out of `biography`, the only profiles passed to training. */
  profiles: ProfileRow[];
  /**
   * Plaintext text tokens of each person's hidden chunks that are left nowhere
   * in the person's visible nickname and biography; empty when nothing was hidden.
   */
  hidden: Array<Set<string>>;
}

/** Splits text into whitespace-separated chunks and the separators between them, alternating. */
function splitChunks(text: string): string[] {
  return text.split(/(\s+)/u);
}

function shuffled(length: number, random: () => number): number[] {
  const order = Array.from({ length }, (_, i) => i);
  for (let i = length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/**
 * Hides `fraction` of the chunks of a biography that carry a token (words,
 * hashtags, mentions, emoji), rounded, at least 1 and always leaving 1 visible.
 * A biography with fewer than 2 such chunks stays whole.
 */
export function maskBiography(biography: string, nickname: string, fraction: number, random: () => number): { biography: string; hidden: Set<string> } {
  const parts = splitChunks(biography);
  const candidates = parts.flatMap((part, index) => (index % 2 === 0 && textTokens(part).length > 0 ? [index] : []));
  if (candidates.length < 2) return { biography, hidden: new Set() };

  const hideCount = Math.min(candidates.length - 1, Math.max(1, Math.round(fraction * candidates.length)));
  const hiddenParts = new Set(shuffled(candidates.length, random).slice(0, hideCount).map((position) => candidates[position]!));
  const visible = parts.filter((_, index) => !hiddenParts.has(index)).join("");
  const stillVisible = new Set([...textTokens(visible), ...textTokens(nickname)]);
  const hidden = new Set<string>();
  for (const index of hiddenParts) {
    for (const token of textTokens(parts[index]!)) if (!stillVisible.has(token)) hidden.add(token);
  }
  return { biography: visible, hidden };
}

/** Masks every profile's biography with one seeded generator, in profile order. */
export function maskProfiles(profiles: readonly ProfileRow[], options: MaskOptions = defaultMaskOptions): MaskedProfiles {
  if (!(options.fraction > 0 && options.fraction < 1)) {
    throw new RangeError(`invalid mask fraction ${options.fraction}: expected a number between 0 and 1, exclusive`);
  }
  const random = createRandom(options.seed);
  const masked: ProfileRow[] = [];
  const hidden: Array<Set<string>> = [];
  for (const profile of profiles) {
    const result = maskBiography(profile.biography, profile.nickname, options.fraction, random);
    masked.push({ ...profile, biography: result.biography });
    hidden.push(result.hidden);
  }
  return { profiles: masked, hidden };
}
