import { describe, expect, it } from "vitest";
import { fromBase64 } from "../../src/shared/bytes.ts";
import { EnvelopeFormatError, EnvelopeIntegrityError, openParsed, parseEnvelope, seal } from "../../src/shared/envelope.ts";
import { decodeMasterSecret, deriveKeySet, InvalidSecretError } from "../../src/shared/keys.ts";
import { pseudonymize } from "../../src/shared/pseudonym.ts";
import { OTHER_MASTER_KEY, TEST_MASTER_KEY } from "../support/secrets.ts";

const keys = await deriveKeySet(fromBase64(TEST_MASTER_KEY));
const otherKeys = await deriveKeySet(fromBase64(OTHER_MASTER_KEY));
const binding = { kvKey: "person/v1/abc", assetVersion: "v1" };
const plaintext = new TextEncoder().encode("hello record") as Uint8Array<ArrayBuffer>;

describe("envelope", () => {
  it("round-trips a record", async () => {
    const sealed = await seal(keys.dataKey, keys.keyId, plaintext, binding);
    const opened = await openParsed(keys.dataKey, parseEnvelope(sealed), binding);
    expect(new TextDecoder().decode(opened)).toBe("hello record");
  });

  it("uses a fresh IV per seal", async () => {
    const first = parseEnvelope(await seal(keys.dataKey, keys.keyId, plaintext, binding));
    const second = parseEnvelope(await seal(keys.dataKey, keys.keyId, plaintext, binding));
    expect(first.iv).toHaveLength(12);
    expect(first.iv).not.toEqual(second.iv);
    expect(first.ciphertext).not.toEqual(second.ciphertext);
  });

  it("carries the key id in clear", async () => {
    const sealed = await seal(keys.dataKey, keys.keyId, plaintext, binding);
    expect(parseEnvelope(sealed).keyId).toBe(keys.keyId);
    expect(new TextDecoder().decode(sealed.subarray(0, 3))).toBe("ERE");
    expect(sealed[3]).toBe(1);
  });

  it.each([
    { change: "another KV key", other: { ...binding, kvKey: "person/v1/abd" } },
    { change: "another version", other: { ...binding, assetVersion: "v2" } },
  ])("rejects $change", async ({ other }) => {
    const sealed = await seal(keys.dataKey, keys.keyId, plaintext, binding);
    await expect(openParsed(keys.dataKey, parseEnvelope(sealed), other)).rejects.toThrow(EnvelopeIntegrityError);
  });

  it("rejects any flipped byte", async () => {
    const sealed = await seal(keys.dataKey, keys.keyId, plaintext, binding);
    for (let index = 0; index < sealed.length; index++) {
      const tampered = sealed.slice();
      tampered[index]! ^= 0x80;
      const failure = await (async () => openParsed(keys.dataKey, parseEnvelope(tampered), binding))().catch((error: unknown) => error);
      expect(failure instanceof EnvelopeIntegrityError || failure instanceof EnvelopeFormatError, `byte ${index}`).toBe(true);
    }
  });

  it("rejects the wrong key", async () => {
    const sealed = await seal(keys.dataKey, keys.keyId, plaintext, binding);
    await expect(openParsed(otherKeys.dataKey, parseEnvelope(sealed), binding)).rejects.toThrow(EnvelopeIntegrityError);
  });

  it("rejects the model key for data", async () => {
    const sealed = await seal(keys.dataKey, keys.keyId, plaintext, binding);
    await expect(openParsed(keys.modelKey, parseEnvelope(sealed), binding)).rejects.toThrow(EnvelopeIntegrityError);
  });

  it("rejects bytes that are no envelope", () => {
    expect(() => parseEnvelope(new Uint8Array(40))).toThrow(EnvelopeFormatError);
  });
});

describe("keys", () => {
  it("derive a stable public key id", async () => {
    const again = await deriveKeySet(fromBase64(TEST_MASTER_KEY));
    expect(again.keyId).toBe(keys.keyId);
    expect(keys.keyId).not.toBe(otherKeys.keyId);
    expect(keys.keyId).toMatch(/^[A-Za-z0-9_-]{11}$/);
  });

  it.each([
    { value: undefined, message: 'secret MASTER_KEY is not set; run "npm run pipeline" to create .dev.vars, or "wrangler secret put MASTER_KEY"' },
    { value: "###", message: "secret MASTER_KEY is not valid base64; set it to the base64 of 32 random bytes" },
    { value: btoa("too short"), message: "secret MASTER_KEY must decode to 32 bytes, got 9; set it to the base64 of 32 random bytes" },
  ])("reject master secret $value", ({ value, message }) => {
    expect(() => decodeMasterSecret(value, "MASTER_KEY")).toThrow(new InvalidSecretError(message));
  });
});

describe("pseudonyms", () => {
  it("are deterministic under one key", async () => {
    expect(await pseudonymize(keys.pseudonymKey, "account", "someone")).toBe(await pseudonymize(keys.pseudonymKey, "account", "someone"));
  });

  it("differ across keys and domains", async () => {
    const base = await pseudonymize(keys.pseudonymKey, "account", "someone");
    expect(await pseudonymize(otherKeys.pseudonymKey, "account", "someone")).not.toBe(base);
    expect(await pseudonymize(keys.pseudonymKey, "token", "someone")).not.toBe(base);
  });

  it("hide the value", async () => {
    const pseudonym = await pseudonymize(keys.pseudonymKey, "account", "someone");
    expect(pseudonym).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(pseudonym).not.toContain("someone");
  });
});
