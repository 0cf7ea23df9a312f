/**
 * @module
 * Key management: one master secret per deployment, from which HKDF-SHA-256
 * derives a separate key for each purpose, so a key used for pseudonyms can
 * never decrypt data and the reverse.
 */
import { fromBase64, toBase64Url, encodeUtf8 } from "./bytes.ts";
import type { HkdfParameters, HmacImportParameters } from "./webcrypto.ts";

/** The master secret is 256 bits; shorter secrets are rejected. */
export const MASTER_SECRET_BYTES = 32;

/** The purpose-separated keys derived from one master secret. */
export interface KeySet {
  /** Public, non-secret fingerprint of the master secret, stored in every envelope. */
  keyId: string;
  /** HMAC-SHA-256 key for pseudonyms of identifiers and text tokens. */
  pseudonymKey: CryptoKey;
  /** AES-256-GCM key for person records, catalog and manifest. */
  dataKey: CryptoKey;
  /** AES-256-GCM key for the model. */
  modelKey: CryptoKey;
}

/** Raised when a master secret is missing or malformed; the message never contains the secret. */
export class InvalidSecretError extends Error {
  override name = "InvalidSecretError";
}

// A fixed, public salt: HKDF with a constant salt is sound for a uniformly random master secret (RFC 5869, section 3.1).
const HKDF_SALT = encodeUtf8("edge-recommender/hkdf-salt/v1");

async function deriveBits(master: CryptoKey, purpose: string, bits: number): Promise<ArrayBuffer> {
  const params = { name: "HKDF", hash: "SHA-256", salt: HKDF_SALT, info: encodeUtf8(purpose) } satisfies HkdfParameters;
  return crypto.subtle.deriveBits(params, master, bits);
}

/** Decodes a base64 master secret of 32 bytes; `name` only labels errors. */
export function decodeMasterSecret(encoded: string | undefined, name: string): Uint8Array<ArrayBuffer> {
  if (encoded === undefined || encoded.trim() === "") {
    throw new InvalidSecretError(`secret ${name} is not set; run "npm run pipeline" to create .dev.vars, or "wrangler secret put ${name}"`);
  }
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = fromBase64(encoded);
  } catch (error) {
    throw new InvalidSecretError(`secret ${name} is not valid base64; set it to the base64 of ${MASTER_SECRET_BYTES} random bytes`, { cause: error });
  }
  if (bytes.length !== MASTER_SECRET_BYTES) {
    throw new InvalidSecretError(`secret ${name} must decode to ${MASTER_SECRET_BYTES} bytes, got ${bytes.length}; set it to the base64 of ${MASTER_SECRET_BYTES} random bytes`);
  }
  return bytes;
}

/** Derives the key set of one master secret. */
export async function deriveKeySet(masterSecret: Uint8Array<ArrayBuffer>): Promise<KeySet> {
  const master = await crypto.subtle.importKey("raw", masterSecret, "HKDF", false, ["deriveBits", "deriveKey"]);
  const aes = async (purpose: string) =>
    crypto.subtle.importKey("raw", await deriveBits(master, purpose, 256), "AES-GCM", false, ["encrypt", "decrypt"]);
  const hmacParams = { name: "HMAC", hash: "SHA-256" } satisfies HmacImportParameters;
  const keyIdBytes = new Uint8Array(await deriveBits(master, "key-id", 64));
  return {
    keyId: toBase64Url(keyIdBytes),
    pseudonymKey: await crypto.subtle.importKey("raw", await deriveBits(master, "pseudonym", 256), hmacParams, false, ["sign"]),
    dataKey: await aes("data-encryption"),
    modelKey: await aes("model-encryption"),
  };
}

/** Creates a new random master secret, base64-encoded. */
export function createMasterSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(MASTER_SECRET_BYTES));
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
