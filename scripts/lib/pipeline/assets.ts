/**
 * @module
 * Seals the catalog, model, person records and manifest into KV entries.
 * Every value is an envelope bound to its own KV key and the asset version.
 */
import {
  MANIFEST_BINDING,
  MANIFEST_KEY,
  catalogKey,
  modelChunkKey,
  personKey,
  popularKey,
  type CatalogEntry,
  type Manifest,
  type PersonRecord,
} from "../../../src/shared/assets.ts";
import { encodeUtf8 } from "../../../src/shared/bytes.ts";
import { seal } from "../../../src/shared/envelope.ts";
import type { KeySet } from "../../../src/shared/keys.ts";

/** One KV key and its sealed value. */
export interface KvEntry {
  key: string;
  value: Uint8Array<ArrayBuffer>;
}

/** Videos per catalog shard: a request decrypts only the shards its results fall in. */
export const CATALOG_SHARD_SIZE = 1024;
/** Sealed model chunk size, well under KV's 25 MiB value limit. */
export const MODEL_CHUNK_BYTES = 20 * 1024 * 1024;
/** Popular videos kept for the cold-start fallback. */
export const POPULAR_LIST_LENGTH = 500;

const sealJson = (keys: KeySet, key: string, version: string, value: unknown): Promise<KvEntry> =>
  seal(keys.dataKey, keys.keyId, encodeUtf8(JSON.stringify(value)), { kvKey: key, assetVersion: version }).then((sealed) => ({
    key,
    value: sealed,
  }));

/** Seals the video catalog in shards of `CATALOG_SHARD_SIZE` entries. */
export async function sealCatalog(keys: KeySet, version: string, catalog: CatalogEntry[]): Promise<KvEntry[]> {
  const entries: KvEntry[] = [];
  for (let shard = 0; shard * CATALOG_SHARD_SIZE < catalog.length; shard++) {
    const slice = catalog.slice(shard * CATALOG_SHARD_SIZE, (shard + 1) * CATALOG_SHARD_SIZE);
    entries.push(await sealJson(keys, catalogKey(version, shard), version, slice));
  }
  return entries;
}

/** Seals the ONNX model bytes in chunks of at most `MODEL_CHUNK_BYTES`. */
export async function sealModel(keys: KeySet, version: string, onnx: Uint8Array<ArrayBuffer>): Promise<KvEntry[]> {
  const entries: KvEntry[] = [];
  for (let chunk = 0; chunk * MODEL_CHUNK_BYTES < onnx.length || chunk === 0; chunk++) {
    const key = modelChunkKey(version, chunk);
    const part = onnx.slice(chunk * MODEL_CHUNK_BYTES, (chunk + 1) * MODEL_CHUNK_BYTES);
    entries.push({ key, value: await seal(keys.modelKey, keys.keyId, part, { kvKey: key, assetVersion: version }) });
  }
  return entries;
}

/** Seals one record per person under the pseudonym of its account id. */
export async function sealPersons(
  keys: KeySet,
  version: string,
  people: Array<{ accountPseudonym: string; record: PersonRecord }>,
): Promise<KvEntry[]> {
  return Promise.all(people.map(({ accountPseudonym, record }) => sealJson(keys, personKey(version, accountPseudonym), version, record)));
}

/** Seals the popularity-ranked video indices used for the cold-start fallback. */
export function sealPopular(keys: KeySet, version: string, videos: number[]): Promise<KvEntry> {
  return sealJson(keys, popularKey(version), version, videos.slice(0, POPULAR_LIST_LENGTH));
}

/** Seals the manifest under the fixed binding that the Worker opens it with. */
export async function sealManifest(keys: KeySet, manifest: Manifest): Promise<KvEntry> {
  const value = await seal(keys.dataKey, keys.keyId, encodeUtf8(JSON.stringify(manifest)), MANIFEST_BINDING);
  return { key: MANIFEST_KEY, value };
}

/** Creates a new asset version name from the run's time and 32 random bits. */
export function createAssetVersion(createdAt: Date): string {
  const stamp = createdAt.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  const suffix = Array.from(crypto.getRandomValues(new Uint8Array(4)), (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${stamp}-${suffix}`;
}

