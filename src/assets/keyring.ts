/**
 * @module
 * The Worker's keyring: the current master secret and, during a rotation,
 * the previous one, each expanded into its purpose-separated keys and looked
 * up by key id.
 */
import { decodeMasterSecret, deriveKeySet, InvalidSecretError, type KeySet } from "../shared/keys.ts";
import { ServiceUnavailableError } from "../errors.ts";

/** Secrets the keyring reads: base64 of 32 random bytes each. */
export interface KeysEnv {
  /** The current master secret; new assets are sealed under it. */
  MASTER_KEY?: string;
  /** The previous master secret, set only while assets sealed under it may still be served. */
  MASTER_KEY_PREVIOUS?: string;
}

/** Key sets by key id. */
export type Keyring = Map<string, KeySet>;

async function keySetOf(encoded: string | undefined, name: string): Promise<KeySet> {
  try {
    return await deriveKeySet(decodeMasterSecret(encoded, name));
  } catch (error) {
    if (error instanceof InvalidSecretError) {
      const reason = encoded === undefined || encoded.trim() === "" ? "missing_secret" : "invalid_secret";
      throw new ServiceUnavailableError(reason, error.message, undefined, { cause: error });
    }
    throw error;
  }
}

/** Builds the keyring from the Worker's secrets; throws `ServiceUnavailableError` when MASTER_KEY is missing or malformed. */
export async function createKeyring(env: KeysEnv): Promise<Keyring> {
  const keyring: Keyring = new Map();
  const current = await keySetOf(env.MASTER_KEY, "MASTER_KEY");
  keyring.set(current.keyId, current);
  if (env.MASTER_KEY_PREVIOUS !== undefined && env.MASTER_KEY_PREVIOUS.trim() !== "") {
    const previous = await keySetOf(env.MASTER_KEY_PREVIOUS, "MASTER_KEY_PREVIOUS");
    keyring.set(previous.keyId, previous);
  }
  return keyring;
}
