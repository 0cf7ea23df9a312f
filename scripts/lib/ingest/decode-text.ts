/**
 * @module
 * Decodes delimited text to a string. Excel writes CSV as UTF-8 with or without a byte
 * order mark, as the Windows code page ("CSV" on Western Windows, Windows-1252), and
 * "Unicode Text" as UTF-16 LE with a byte order mark.
 */

/** Text encoding that the input was decoded from, as named by the WHATWG Encoding Standard. */
export type TextEncoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";

/** Decoded text without its byte order mark. */
export interface DecodedText {
  text: string;
  encoding: TextEncoding;
}

/**
 * Decodes the bytes by their byte order mark. Without one, decodes them as UTF-8, falling
 * back to Windows-1252 when the bytes are not valid UTF-8.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  let encoding: TextEncoding | undefined;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = "utf-16le";
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = "utf-16be";
  } else if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    encoding = "utf-8";
  }
  if (encoding !== undefined) {
    // The byte order mark settles the encoding, so invalid sequences become U+FFFD.
    // TextDecoder removes the mark itself.
    return { text: new TextDecoder(encoding).decode(bytes), encoding };
  }

  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch (error) {
    if (!(error instanceof TypeError)) {
      throw error;
    }
    return { text: new TextDecoder("windows-1252").decode(bytes), encoding: "windows-1252" };
  }
}
