/**
 * @module
 * Byte helpers on Web APIs only, shared by the Worker and the pipeline.
 */

const utf8Encoder = new TextEncoder();

/** Encodes text as UTF-8 into a buffer that WebCrypto accepts under both the Workers and DOM typings. */
export function encodeUtf8(text: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(utf8Encoder.encode(text));
}
export const utf8Decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/** Concatenates byte arrays into one new array. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Encodes bytes as unpadded base64url (RFC 4648, section 5). */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** Decodes standard or url-safe base64, padded or not; throws `SyntaxError` on other characters. */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const standard = text.trim().replaceAll("-", "+").replaceAll("_", "/");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(standard)) throw new SyntaxError("invalid base64 text");
  const binary = atob(standard.padEnd(Math.ceil(standard.length / 4) * 4, "="));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/** Returns true when both arrays hold the same bytes. */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, index) => byte === b[index]);
}
