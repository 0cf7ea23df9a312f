/**
 * @module
 * The pipeline's core, on Web APIs only: pseudonymize, seal the catalog,
 * train, export ONNX, seal the model and person records, and describe them in
 * a manifest. Reading files and writing outputs happen in the CLI around it.
 */
import { ASSET_FORMAT, type CatalogEntry, type Manifest } from "../../../src/shared/assets.ts";
import type { KeySet } from "../../../src/shared/keys.ts";
import type { ProfileRow } from "../../../src/shared/profile.ts";
import type { Logger } from "../logger.ts";
import { buildRecommenderOnnx } from "../model/graph.ts";
import { defaultTrainingOptions, trainRecommender, type TrainedModel, type TrainingOptions } from "../model/train.ts";
import {
  CATALOG_SHARD_SIZE,
  createAssetVersion,
  sealCatalog,
  sealManifest,
  sealModel,
  sealPersons,
  sealPopular,
  type KvEntry,
} from "./assets.ts";
import { createPseudonymizer, toTrainingProfile, type TrainingProfile } from "./pseudonymize.ts";

/** Inputs of the pipeline core. */
export interface BuildOptions {
  profiles: ProfileRow[];
  keys: KeySet;
  logger: Logger;
  createdAt?: Date;
  training?: TrainingOptions;
}

/** The sealed assets of one run. */
export interface BuildResult {
  manifest: Manifest;
  /** Every entry except the manifest; upload these first. */
  entries: KvEntry[];
  /** The manifest entry; uploading it last switches the Worker to the new version. */
  manifestEntry: KvEntry;
  modelBytes: number;
  droppedTokens: number;
}

async function pseudonymizeAll(profiles: ProfileRow[], keys: KeySet, logger: Logger): Promise<TrainingProfile[]> {
  const pseudonymizer = createPseudonymizer(keys.pseudonymKey);
  const progress = logger.step("pseudonymize", profiles.length);
  const out: TrainingProfile[] = [];
  for (const profile of profiles) {
    out.push(await toTrainingProfile(profile, pseudonymizer));
    if (out.length % 100 === 0) progress.update(out.length);
  }
  progress.update(out.length);
  progress.finish();
  return out;
}

function catalogOf(profiles: ProfileRow[]): CatalogEntry[] {
  return profiles.flatMap((profile, creator) => profile.topVideos.map((video) => ({ url: video.url, videoId: video.videoId, creator })));
}

function personRecords(trained: TrainedModel, training: TrainingProfile[]) {
  return training.map((profile, creator) => {
    const row = trained.personInputs.rows[creator]!;
    return {
      accountPseudonym: profile.account,
      record: { creator, tokens: Array.from(row.indices), weights: Array.from(row.values, (value) => Math.fround(value)) },
    };
  });
}

/** Runs the pipeline core on cleaned profiles and returns the sealed KV entries. */
export async function buildAssets(options: BuildOptions): Promise<BuildResult> {
  const { profiles, keys, logger } = options;
  const createdAt = options.createdAt ?? new Date();
  const version = createAssetVersion(createdAt);

  const training = await pseudonymizeAll(profiles, keys, logger);

  const catalogStep = logger.step("seal catalog");
  const catalog = catalogOf(profiles);
  const catalogEntries = await sealCatalog(keys, version, catalog);
  catalogStep.finish();

  const trainStep = logger.step("train");
  const trained = trainRecommender(training, options.training ?? defaultTrainingOptions);
  trainStep.finish();

  const exportStep = logger.step("export ONNX and seal");
  const onnx = buildRecommenderOnnx(trained.parameters, version) as Uint8Array<ArrayBuffer>;
  const entries = [
    ...catalogEntries,
    ...(await sealModel(keys, version, onnx)),
    ...(await sealPersons(keys, version, personRecords(trained, training))),
    await sealPopular(keys, version, trained.popularVideos),
  ];
  const manifest: Manifest = {
    assetFormat: ASSET_FORMAT,
    modelVersion: version,
    keyId: keys.keyId,
    createdAt: createdAt.toISOString(),
    counts: { profiles: profiles.length, videos: catalog.length, vocabulary: trained.parameters.vocabularySize },
    modelChunks: entries.filter((entry) => entry.key.startsWith(`model/${version}/`)).length,
    catalogShardSize: CATALOG_SHARD_SIZE,
    maxVideosPerCreator: trained.maxVideosPerCreator,
  };
  const manifestEntry = await sealManifest(keys, manifest);
  exportStep.finish();

  return { manifest, entries, manifestEntry, modelBytes: onnx.length, droppedTokens: trained.droppedTokens };
}
