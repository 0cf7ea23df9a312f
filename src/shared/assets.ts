/**
 * @module
 * Names and shapes of the KV assets that the pipeline writes and the Worker
 * reads. Every value is a sealed envelope; the key names hold only the asset
 * version, a shard number or a pseudonym, never a plaintext identifier.
 */

/** The manifest's fixed KV key; it names the current asset version, so uploading it last switches versions at once. */
export const MANIFEST_KEY = "manifest";

/**
 * The manifest is opened before its version is known, so its envelope binds a fixed
 * version label. An older sealed manifest swapped in still opens: rolling back needs
 * write access to the namespace, and then points only at that older, complete version.
 */
export const MANIFEST_BINDING = { kvKey: MANIFEST_KEY, assetVersion: "current" } as const;

/** The layout revision of these assets; the Worker rejects others. */
export const ASSET_FORMAT = 1;

/** Non-secret description of one asset version. */
export interface Manifest {
  assetFormat: number;
  /** Asset and model version: content hash of the model plus creation time. */
  modelVersion: string;
  /** Id of the master secret the assets are sealed under. */
  keyId: string;
  /** ISO 8601 time of the pipeline run. */
  createdAt: string;
  counts: { profiles: number; videos: number; vocabulary: number };
  /** Number of KV values the sealed model is split into (each under KV's 25 MiB value limit). */
  modelChunks: number;
  /** Videos per catalog shard. */
  catalogShardSize: number;
  /** Largest number of videos of a single creator, which bounds the TopK needed for a full list. */
  maxVideosPerCreator: number;
}

/** Decrypted per-person record: what one request needs to score. */
export interface PersonRecord {
  /** The person's creator index in the model. */
  creator: number;
  /** Sparse feature vector: token indices and their weights, same length. */
  tokens: number[];
  weights: number[];
}

/** One catalog entry: the public video URL and its numeric id. */
export interface CatalogEntry {
  url: string;
  videoId: string;
  creator: number;
}

export const modelChunkKey = (version: string, chunk: number) => `model/${version}/${chunk}`;
export const personKey = (version: string, pseudonym: string) => `person/${version}/${pseudonym}`;
export const catalogKey = (version: string, shard: number) => `catalog/${version}/${shard}`;
export const popularKey = (version: string) => `popular/${version}`;
