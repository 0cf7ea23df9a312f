/**
 * @module
 * Turns a profile's text and numbers into feature tokens. Tokens are plaintext
 * here; the pipeline pseudonymizes each one before the trainer receives it.
 *
 * Token kinds, by prefix: `w:` word, `#:` hashtag, `@:` mention, `e:` emoji,
 * `d:` bio link domain, `f:` a fact such as verification or a count bucket.
 */
import type { ProfileRow } from "./profile.ts";

/** The numbers of a profile that become bucket tokens. */
export type ProfileNumbers = Pick<ProfileRow, "isVerified" | "followers" | "following" | "likes" | "videosCount" | "engagementRate">;

const HASHTAG = /#[\p{L}\p{M}\p{N}_]+/gu;
const MENTION = /@[\p{L}\p{M}\p{N}_.]+/gu;
const EMOJI = /\p{Extended_Pictographic}/gu;
const WORD = /[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}'’_-]*/gu;
// Scripts written without spaces: a run of them is split into character bigrams.
const UNSPACED = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]+$/u;
/** Words shorter than this are dropped, except in unspaced scripts. */
const MIN_WORD_LENGTH = 2;

// A Latin letter followed by combining marks (accents); decomposed by NFD first.
const LATIN_WITH_MARKS = /(\p{Script=Latin})\p{M}+/gu;
// Greek final sigma, which lower-casing keeps at the end of a word but case folding maps to "σ".
const FINAL_SIGMA = /ς/gu;
// Three or more of the same letter, as in "soooo"; kept as two so that stretched spellings meet.
const STRETCHED = /(\p{L})\1{2,}/gu;

/**
 * Normalises text for matching: NFKC, then case folding, accents removed from
 * Latin letters, and runs of 3 or more of one letter shortened to 2.
 * Upper-casing before lower-casing folds most letters whose lower case alone
 * differs from Unicode case folding, such as "ß" to "ss"; final "ς" becomes "σ" explicitly.
 * Marks on letters of other scripts (Devanagari vowel signs, for example) stay.
 */
export function normaliseText(text: string): string {
  const folded = text.normalize("NFKC").toUpperCase().toLowerCase().replace(FINAL_SIGMA, "σ");
  return folded.normalize("NFD").replace(LATIN_WITH_MARKS, "$1").normalize("NFC").replace(STRETCHED, "$1$1");
}

function wordTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const [word] of text.matchAll(WORD)) {
    if (UNSPACED.test(word)) {
      const chars = Array.from(word);
      if (chars.length === 1) tokens.push(`w:${word}`);
      for (let i = 0; i + 1 < chars.length; i++) tokens.push(`w:${chars[i]}${chars[i + 1]}`);
    } else if (Array.from(word).length >= MIN_WORD_LENGTH && !/^\p{N}+$/u.test(word)) {
      tokens.push(`w:${word}`);
    }
  }
  return tokens;
}

/** Extracts hashtag, mention, emoji and word tokens of free text, in order of appearance within each kind. */
export function textTokens(text: string): string[] {
  const normalised = normaliseText(text);
  const hashtags = Array.from(normalised.matchAll(HASHTAG), ([tag]) => `#:${tag.slice(1)}`);
  const mentions = Array.from(normalised.matchAll(MENTION), ([mention]) => `@:${mention.slice(1).replace(/\.+$/, "")}`);
  const emoji = Array.from(normalised.matchAll(EMOJI), ([symbol]) => `e:${symbol}`);
  const remainder = normalised.replace(HASHTAG, " ").replace(MENTION, " ").replace(EMOJI, " ");
  return [...hashtags, ...mentions, ...emoji, ...wordTokens(remainder)];
}

/** Returns the `d:` token of a bio link's host without `www.`, or null when the link does not parse. */
export function domainToken(link: string | null): string | null {
  if (link === null) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(link) ? link : `https://${link}`;
  try {
    const host = new URL(withScheme).hostname.replace(/^www\./, "");
    return host === "" ? null : `d:${host}`;
  } catch {
    return null;
  }
}

/** Base-10 logarithmic bucket of a count: 0 for 0, 1 for 1-9, 2 for 10-99, and so on. */
export function logBucket(value: number): number {
  return value <= 0 ? 0 : Math.floor(Math.log10(value)) + 1;
}

/**
 * Number of tokens that `numberTokens` returns for every profile. The pipeline
 * puts them last in a profile's token list, so training can tell them apart
 * from text tokens by position although both are pseudonyms.
 */
export const NUMBER_TOKEN_COUNT = 6;

/**
 * Returns `f:` tokens for verification and the bucketed counts and engagement
 * of a profile, always `NUMBER_TOKEN_COUNT` of them: a missing value gets the
 * bucket `none`.
 */
export function numberTokens(numbers: ProfileNumbers): string[] {
  const tokens = [`f:verified:${numbers.isVerified}`];
  const counts = { followers: numbers.followers, following: numbers.following, likes: numbers.likes, videos: numbers.videosCount };
  for (const [name, value] of Object.entries(counts)) {
    tokens.push(`f:${name}:${value === null ? "none" : logBucket(value)}`);
  }
  // Engagement rates are mostly 0..1 but reach ~63; half-decade buckets on a log scale keep both ends apart.
  const engagement = numbers.engagementRate === null ? "none" : Math.round(2 * Math.log10(numbers.engagementRate + 1e-4));
  tokens.push(`f:engagement:${engagement}`);
  return tokens;
}
