/**
 * @module
 * Reads sealed assets from Workers KV and opens them with the keyring. Each
 * failure becomes a `ServiceUnavailableError` whose reason names what to fix.
 */
import { ServiceUnavailableError } from "../errors.ts";
import {
  ASSET_FORMAT,
  MANIFEST_BINDING,
  MANIFEST_KEY,
  catalogKey,
  modelChunkKey,
  personKey,
  popularKey,
  type CatalogEntry,
  type Manifest,
  type PersonRecord,
} from "../shared/assets.ts";
import { concatBytes, utf8Decoder } from "../shared/bytes.ts";
import { EnvelopeFormatError, EnvelopeIntegrityError, openParsed, parseEnvelope, type EnvelopeBinding } from "../shared/envelope.ts";
import type { KeySet } from "../shared/keys.ts";
import type { Keyring } from "./keyring.ts";

/** The KV namespace with the pipeline's sealed assets. */
export interface AssetsEnv {
  ASSETS_KV: KVNamespace;
}

type Purpose = "data" | "model";

/** Opens sealed assets of one KV namespace with one keyring. */
export class AssetStore {
  readonly #kv: KVNamespace;
  readonly #keyring: Keyring;

  constructor(kv: KVNamespace, keyring: Keyring) {
    this.#kv = kv;
    this.#keyring = keyring;
  }

  /** Reads and opens the manifest; the asset version and key id come from it. */
  async openManifest(): Promise<{ manifest: Manifest; keys: KeySet }> {
    const { plaintext, keys } = await this.#open(MANIFEST_KEY, MANIFEST_BINDING, "data", "missing_manifest");
    const manifest = JSON.parse(utf8Decoder.decode(plaintext)) as Manifest;
    if (manifest.assetFormat !== ASSET_FORMAT) {
      throw new ServiceUnavailableError(
        "unsupported_assets",
        `asset format ${manifest.assetFormat} is not supported by this Worker, which reads format ${ASSET_FORMAT}; rerun the pipeline`,
        MANIFEST_KEY,
      );
    }
    return { manifest, keys };
  }

  /** Reads and opens every chunk of the model and joins them into the ONNX bytes. */
  async openModel(manifest: Manifest): Promise<Uint8Array<ArrayBuffer>> {
    const chunks = await Promise.all(
      Array.from({ length: manifest.modelChunks }, (_, chunk) => this.#openVersioned(modelChunkKey(manifest.modelVersion, chunk), manifest, "model")),
    );
    return concatBytes(...chunks);
  }

  /** Returns the person's record, or null when no record exists under that pseudonym. */
  async openPerson(manifest: Manifest, pseudonym: string): Promise<PersonRecord | null> {
    const key = personKey(manifest.modelVersion, pseudonym);
    const sealed = await this.#kv.get(key, "arrayBuffer");
    if (sealed === null) return null;
    return this.#json<PersonRecord>(await this.#openBytes(key, new Uint8Array(sealed), { kvKey: key, assetVersion: manifest.modelVersion }, "data"));
  }

  /** Reads and opens one shard of the video catalog. */
  async openCatalogShard(manifest: Manifest, shard: number): Promise<CatalogEntry[]> {
    return this.#json(await this.#openVersioned(catalogKey(manifest.modelVersion, shard), manifest, "data"));
  }

  /** Reads and opens the popularity-ranked video indices. */
  async openPopular(manifest: Manifest): Promise<number[]> {
    return this.#json(await this.#openVersioned(popularKey(manifest.modelVersion), manifest, "data"));
  }

  #json<T>(bytes: Uint8Array): T {
    return JSON.parse(utf8Decoder.decode(bytes)) as T;
  }

  async #openVersioned(key: string, manifest: Manifest, purpose: Purpose): Promise<Uint8Array<ArrayBuffer>> {
    return (await this.#open(key, { kvKey: key, assetVersion: manifest.modelVersion }, purpose, "missing_asset")).plaintext;
  }

  async #open(
    key: string,
    binding: EnvelopeBinding,
    purpose: Purpose,
    missingReason: "missing_manifest" | "missing_asset",
  ): Promise<{ plaintext: Uint8Array<ArrayBuffer>; keys: KeySet }> {
    const sealed = await this.#kv.get(key, "arrayBuffer");
    if (sealed === null) {
      throw new ServiceUnavailableError(missingReason, `asset "${key}" is missing from KV; run the pipeline and upload its output`, key);
    }
    const bytes = new Uint8Array(sealed);
    const keys = this.#keysFor(key, bytes);
    return { plaintext: await this.#openBytes(key, bytes, binding, purpose, keys), keys };
  }

  #keysFor(key: string, bytes: Uint8Array): KeySet {
    let keyId: string;
    try {
      keyId = parseEnvelope(bytes).keyId;
    } catch (error) {
      if (error instanceof EnvelopeFormatError) throw new ServiceUnavailableError("asset_integrity", `asset "${key}" is not a valid envelope: ${error.message}`, key, { cause: error });
      throw error;
    }
    const keys = this.#keyring.get(keyId);
    if (keys === undefined) {
      throw new ServiceUnavailableError(
        "unknown_key",
        `asset "${key}" is sealed under key id "${keyId}", which matches neither MASTER_KEY nor MASTER_KEY_PREVIOUS`,
        key,
      );
    }
    return keys;
  }

  async #openBytes(key: string, bytes: Uint8Array, binding: EnvelopeBinding, purpose: Purpose, keys = this.#keysFor(key, bytes)): Promise<Uint8Array<ArrayBuffer>> {
    try {
      return await openParsed(purpose === "model" ? keys.modelKey : keys.dataKey, parseEnvelope(bytes), binding);
    } catch (error) {
      if (error instanceof EnvelopeIntegrityError || error instanceof EnvelopeFormatError) {
        throw new ServiceUnavailableError("asset_integrity", `asset "${key}" failed authentication: it was modified, moved or replaced`, key, { cause: error });
      }
      throw error;
    }
  }
}
