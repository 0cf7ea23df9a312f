/**
 * @module
 * Validation of request parameters. Error messages describe the rule that
 * failed and never repeat the raw value, which may be hostile or personal.
 */
import { InvalidParameterError } from "../errors.ts";
import { MAX_PERSON_ID_LENGTH, normalizePersonId, personIdProblem } from "../shared/person-id.ts";

export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 50;

/** Query parameters the recommendation route accepts. */
const KNOWN_QUERY_PARAMETERS = new Set(["limit", "fallback"]);

/** Validates a person id taken from the path (already percent-decoded) and returns its normalised form. */
export function parsePersonId(raw: string): string {
  if (raw.length > MAX_PERSON_ID_LENGTH + 1) {
    throw new InvalidParameterError("personId", `personId must be 1 to ${MAX_PERSON_ID_LENGTH} characters long`);
  }
  const id = normalizePersonId(raw);
  const problem = personIdProblem(id);
  if (problem === "length") {
    throw new InvalidParameterError("personId", `personId must be 1 to ${MAX_PERSON_ID_LENGTH} characters long`);
  }
  if (problem === "characters" || id !== raw.replace(/^@/, "").toLowerCase()) {
    throw new InvalidParameterError("personId", "personId may contain only ASCII letters, digits, underscores and periods, and not only periods");
  }
  return id;
}

/** Validates `limit`: an integer from 1 to MAX_LIMIT, DEFAULT_LIMIT when absent. */
export function parseLimit(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_LIMIT;
  if (!/^[1-9][0-9]{0,2}$/.test(raw) || Number(raw) > MAX_LIMIT) {
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
