/**
 * @module
 * The sealed envelope that every KV asset is stored in.
 *
 * Layout (all lengths in bytes):
 *
 *   magic "ERE" (3) | format version 0x01 (1) | key id length n (1) | key id (n, ASCII)
 *   | IV (12) | AES-256-GCM ciphertext with its 16-byte tag
 *
 * The additional authenticated data is the header above (magic to key id)
 * followed by the KV key name and the asset version, so an envelope copied to
 * another KV key, or an old version swapped in, fails to open.
 */
import { concatBytes, encodeUtf8 } from "./bytes.ts";
import type { AesGcmParameters } from "./webcrypto.ts";

const MAGIC = encodeUtf8("ERE");
export const ENVELOPE_FORMAT_VERSION = 1;
/** AES-GCM's recommended 96-bit IV (NIST SP 800-38D, section 8.2); fresh and random for every seal. */
const IV_BYTES = 12;
const TAG_BITS = 128 as const;

/** The binding of an envelope: its KV key name and the asset version it belongs to. */
export interface EnvelopeBinding {
  kvKey: string;
  assetVersion: string;
}

/** Raised when bytes are not an envelope of a known format. */
export class EnvelopeFormatError extends Error {
  override name = "EnvelopeFormatError";
}

/** Raised when an envelope fails authentication: tampered, moved, or sealed under another key. */
export class EnvelopeIntegrityError extends Error {
  override name = "EnvelopeIntegrityError";
}

function header(keyId: string): Uint8Array {
  const keyIdBytes = encodeUtf8(keyId);
  if (keyIdBytes.length > 255) throw new RangeError("key id longer than 255 bytes");
  return concatBytes(MAGIC, Uint8Array.of(ENVELOPE_FORMAT_VERSION, keyIdBytes.length), keyIdBytes);
}

function additionalData(headerBytes: Uint8Array, binding: EnvelopeBinding): Uint8Array<ArrayBuffer> {
  return concatBytes(headerBytes, encodeUtf8(`\u0000${binding.kvKey}\u0000${binding.assetVersion}`));
}

/** Encrypts `plaintext` under `key` into a new envelope bound to `binding`. */
export async function seal(
  key: CryptoKey,
  keyId: string,
  plaintext: Uint8Array<ArrayBuffer>,
  binding: EnvelopeBinding,
): Promise<Uint8Array<ArrayBuffer>> {
  const headerBytes = header(keyId);
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const params = { name: "AES-GCM", iv, additionalData: additionalData(headerBytes, binding), tagLength: TAG_BITS } satisfies AesGcmParameters;
  const ciphertext = new Uint8Array(await crypto.subtle.encrypt(params, key, plaintext));
  return concatBytes(headerBytes, iv, ciphertext);
}

/** The parsed, still encrypted parts of an envelope. */
export interface ParsedEnvelope {
  keyId: string;
  headerBytes: Uint8Array;
  iv: Uint8Array<ArrayBuffer>;
  ciphertext: Uint8Array<ArrayBuffer>;
}

/** Splits an envelope into its parts without decrypting; throws `EnvelopeFormatError` on malformed bytes. */
export function parseEnvelope(bytes: Uint8Array): ParsedEnvelope {
  const minimum = MAGIC.length + 2 + IV_BYTES + TAG_BITS / 8;
  if (bytes.length < minimum || !MAGIC.every((byte, index) => bytes[index] === byte)) {
    throw new EnvelopeFormatError("not a sealed envelope: magic bytes missing or too short");
  }
  const version = bytes[MAGIC.length]!;
  if (version !== ENVELOPE_FORMAT_VERSION) {
    throw new EnvelopeFormatError(`envelope format version ${version} is not supported; expected ${ENVELOPE_FORMAT_VERSION}`);
  }
  const keyIdLength = bytes[MAGIC.length + 1]!;
  const headerEnd = MAGIC.length + 2 + keyIdLength;
  if (bytes.length < headerEnd + IV_BYTES + TAG_BITS / 8) throw new EnvelopeFormatError("envelope is truncated");
  const keyIdBytes = bytes.subarray(MAGIC.length + 2, headerEnd);
  if (!keyIdBytes.every((byte) => byte >= 0x21 && byte <= 0x7e)) throw new EnvelopeFormatError("envelope key id is not printable ASCII");
  return {
    keyId: String.fromCharCode(...keyIdBytes),
    headerBytes: bytes.subarray(0, headerEnd),
    iv: bytes.slice(headerEnd, headerEnd + IV_BYTES),
    ciphertext: bytes.slice(headerEnd + IV_BYTES),
  };
}

/** Decrypts a parsed envelope with `key`; throws `EnvelopeIntegrityError` when authentication fails. */
export async function openParsed(key: CryptoKey, envelope: ParsedEnvelope, binding: EnvelopeBinding): Promise<Uint8Array<ArrayBuffer>> {
  const params = { name: "AES-GCM", iv: envelope.iv, additionalData: additionalData(envelope.headerBytes, binding), tagLength: TAG_BITS } satisfies AesGcmParameters;
  try {
    return new Uint8Array(await crypto.subtle.decrypt(params, key, envelope.ciphertext));
  } catch (error) {
    throw new EnvelopeIntegrityError(`envelope for "${binding.kvKey}" failed authentication: tampered, moved, or sealed under another key`, { cause: error });
  }
}
