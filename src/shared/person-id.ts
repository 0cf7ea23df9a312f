/**
 * @module
 * The one rule for person ids (TikTok handles), shared by the pipeline, which
 * pseudonymizes them, and the Worker, which looks them up. Both normalise the
 * same way, so "@Name" in a request finds "name" in the data.
 */

/** Longest accepted person id, in characters; TikTok handles have at most 24. */
export const MAX_PERSON_ID_LENGTH = 64;
/** TikTok handles use ASCII letters, digits, underscores and periods. */
const PERSON_ID_PATTERN = /^[a-z0-9_.]+$/;

/**
 * Normalises a handle: one leading "@" removed, surrounding whitespace trimmed, ASCII
 * letters lower-cased. TikTok shows and matches handles without regard to case.
 */
export function normalizePersonId(raw: string): string {
  const trimmed = raw.trim();
  const withoutAt = trimmed.startsWith("@") ? trimmed.slice(1) : trimmed;
  return withoutAt.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}

/** Returns why a normalised id cannot be looked up, or null when it can. */
export function personIdProblem(id: string): "length" | "characters" | null {
  if (id.length === 0 || id.length > MAX_PERSON_ID_LENGTH) return "length";
  if (!PERSON_ID_PATTERN.test(id) || /^\.+$/.test(id)) return "characters";
  return null;
}
