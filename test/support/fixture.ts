/**
 * @module
 * Builds the worker tests' assets in Node: a small synthetic workbook, read and
 * sealed by the real pipeline core under a fixed test master secret.
 */
import { buildAssets } from "../../scripts/lib/pipeline/build.ts";
import { createSilentLogger } from "../../scripts/lib/logger.ts";
import { readProfiles } from "../../scripts/lib/ingest/index.ts";
import { generateSampleRows, writeSampleWorkbook } from "../../scripts/lib/sample/index.ts";
import { fromBase64 } from "../../src/shared/bytes.ts";
import { deriveKeySet } from "../../src/shared/keys.ts";
import type { WorkerFixture } from "./fixture-types.ts";
import { TEST_MASTER_KEY } from "./secrets.ts";


/** Runs the pipeline core on a generated workbook of `profiles` rows. */
export async function buildWorkerFixture(profiles = 80, seed = 7): Promise<WorkerFixture> {
  const workbook = writeSampleWorkbook(generateSampleRows({ profiles, seed }), "xlsx");
  const read = readProfiles(workbook, { fileName: "fixture.xlsx" });
  const keys = await deriveKeySet(fromBase64(TEST_MASTER_KEY));
  const built = await buildAssets({ profiles: read.profiles, keys, logger: createSilentLogger(), createdAt: new Date("2026-01-01T00:00:00Z") });
  const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");
  return {
    entries: [...built.entries, built.manifestEntry].map((entry) => ({ key: entry.key, value: toBase64(entry.value) })),
    modelVersion: built.manifest.modelVersion,
    people: read.profiles.map((profile) => ({ accountId: profile.accountId, videoUrls: profile.topVideos.map((video) => video.url) })),
    identifyingStrings: read.profiles.flatMap((profile) =>
      [profile.accountId, profile.nickname, profile.biography, profile.userId ?? "", ...profile.topVideos.map((video) => video.url)].filter((value) => value.length >= 6),
    ),
  };
}
