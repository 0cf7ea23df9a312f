/**
 * @module
 * Validation of request parameters. Error messages describe the rule that
 * failed and never repeat the raw value, which may be hostile or personal.
 */
import { InvalidParameterError } from "../errors.ts";

/** Longest accepted person id, in characters; TikTok handles have at most 24. */
export const MAX_PERSON_ID_LENGTH = 64;
/** TikTok handles use ASCII letters, digits, underscores and periods. */
const PERSON_ID_PATTERN = /^[A-Za-z0-9_.]+$/;

export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 50;

/** Query parameters the recommendation route accepts. */
const KNOWN_QUERY_PARAMETERS = new Set(["limit", "fallback"]);

/** Validates a person id taken from the path (already percent-decoded); strips one leading "@". */
export function parsePersonId(raw: string): string {
  const id = raw.startsWith("@") ? raw.slice(1) : raw;
  if (id.length === 0 || id.length > MAX_PERSON_ID_LENGTH) {
    throw new InvalidParameterError("personId", `personId must be 1 to ${MAX_PERSON_ID_LENGTH} characters long`);
  }
  if (!PERSON_ID_PATTERN.test(id) || /^\.+$/.test(id)) {
    throw new InvalidParameterError("personId", "personId may contain only ASCII letters, digits, underscores and periods, and not only periods");
  }
  return id;
}

/** Validates `limit`: an integer from 1 to MAX_LIMIT, DEFAULT_LIMIT when absent. */
export function parseLimit(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_LIMIT;
  if (!/^[0-9]{1,3}$/.test(raw) || Number(raw) < 1 || Number(raw) > MAX_LIMIT) {
    throw new InvalidParameterError("limit", `limit must be an integer from 1 to ${MAX_LIMIT}`);
  }
  return Number(raw);
}

/** Validates `fallback`: absent, or exactly "popular". */
export function parseFallback(raw: string | undefined): boolean {
  if (raw === undefined) return false;
  if (raw !== "popular") throw new InvalidParameterError("fallback", 'fallback must be "popular" when given');
  return true;
}

/** Rejects query parameters other than the known ones, and repeated ones. */
export function checkQueryParameters(url: URL): void {
  const seen = new Set<string>();
  for (const name of url.searchParams.keys()) {
    if (!KNOWN_QUERY_PARAMETERS.has(name)) {
      throw new InvalidParameterError("query", `unknown query parameter; accepted parameters are ${[...KNOWN_QUERY_PARAMETERS].join(", ")}`);
    }
    if (seen.has(name)) throw new InvalidParameterError(name, `query parameter ${name} is given more than once`);
    seen.add(name);
  }
}
