/**
 * @module
 * Keyed pseudonyms: HMAC-SHA-256 of a value under the pseudonym key. Without
 * the key, guessing which handle or word a pseudonym stands for needs the key;
 * with it, anyone can re-identify by trying candidates.
 */
import { toBase64Url, encodeUtf8 } from "./bytes.ts";

/** The kinds of values that get pseudonyms; each is a separate domain so equal strings of different kinds differ. */
export type PseudonymDomain = "account" | "user-id" | "video" | "token";

/**
 * Returns the pseudonym of `value` in `domain`: the full 256-bit HMAC as 43 base64url
 * characters, so distinct values never share a pseudonym in practice.
 */
export async function pseudonymize(key: CryptoKey, domain: PseudonymDomain, value: string): Promise<string> {
  const message = encodeUtf8(`${domain}\u0000${value}`);
  return toBase64Url(new Uint8Array(await crypto.subtle.sign("HMAC", key, message)));
}
