/**
 * @module
 * Per-isolate state: keyring, manifest and ONNX session, created once and
 * shared by concurrent requests. A failed start is not cached, so the next
 * request retries; a newer manifest in KV is picked up after a short delay.
 */
import { AssetStore, type AssetsEnv } from "../assets/asset-store.ts";
import { createKeyring, type KeysEnv } from "../assets/keyring.ts";
import { createRecommenderSession, type RecommenderSession } from "../inference/session.ts";
import { ServiceUnavailableError } from "../errors.ts";
import type { CatalogEntry, Manifest } from "../shared/assets.ts";
import type { KeySet } from "../shared/keys.ts";

/** Everything a request needs, ready to use. */
export interface Runtime {
  manifest: Manifest;
  /** The key set the manifest was sealed under; pseudonyms of request ids use it. */
  keys: KeySet;
  store: AssetStore;
  session: RecommenderSession;
  /** Decrypted catalog shards, kept for the isolate's lifetime; they hold only public video URLs. */
  catalogShards: Map<number, Promise<CatalogEntry[]>>;
}

/** How long a started runtime is used before the manifest is read again, in milliseconds. */
export const MANIFEST_RECHECK_MS = 60_000;

interface Cached {
  runtime: Promise<Runtime>;
  startedAt: number;
  secrets: string;
}

let cached: Cached | null = null;

async function startRuntime(env: AssetsEnv & KeysEnv): Promise<Runtime> {
  const store = new AssetStore(env.ASSETS_KV, await createKeyring(env));
  const { manifest, keys } = await store.openManifest();
  const onnx = await store.openModel(manifest);
  let session: RecommenderSession;
  try {
    session = await createRecommenderSession(onnx);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ServiceUnavailableError("model_load_failed", `model ${manifest.modelVersion} did not load in onnxruntime-web: ${message}`, undefined, { cause: error });
  }
  return { manifest, keys, store, session, catalogShards: new Map() };
}

/** The outcome of reading the manifest again while a runtime is serving. */
type Recheck = { kind: "current" } | { kind: "newer" } | { kind: "unreadable"; error: unknown };

async function recheckManifest(current: Runtime, env: AssetsEnv & KeysEnv): Promise<Recheck> {
  try {
    const { manifest } = await new AssetStore(env.ASSETS_KV, await createKeyring(env)).openManifest();
    return manifest.modelVersion === current.manifest.modelVersion ? { kind: "current" } : { kind: "newer" };
  } catch (error) {
    return { kind: "unreadable", error };
  }
}

/** Receives the error of a manifest recheck that failed while the loaded version kept serving. */
export type RecheckFailureListener = (error: unknown) => void;

function startCached(env: AssetsEnv & KeysEnv, secrets: string, now: number): Cached {
  const attempt: Cached = { runtime: startRuntime(env), startedAt: now, secrets };
  attempt.runtime.catch(() => {
    if (cached === attempt) cached = null;
  });
  return attempt;
}

/** Reads the manifest again; starts a newer version, or keeps `serving` when that fails. */
async function refresh(serving: Cached, env: AssetsEnv & KeysEnv, onRecheckFailure: RecheckFailureListener, now: number): Promise<Runtime> {
  serving.startedAt = now;
  const current = await serving.runtime;
  const recheck = await recheckManifest(current, env);
  if (recheck.kind === "current") return current;
  if (recheck.kind === "unreadable") {
    onRecheckFailure(recheck.error);
    return current;
  }
  const next = startCached(env, serving.secrets, now);
  try {
    const runtime = await next.runtime;
    cached = next;
    return runtime;
  } catch (error) {
    onRecheckFailure(error);
    cached = serving;
    return current;
  }
}

/**
 * Returns the isolate's runtime, starting it on first use. Concurrent callers share one
 * start; a failed first start is thrown to every waiting caller and the next call starts
 * again. Every MANIFEST_RECHECK_MS the manifest is read again and a newer version is
 * started. When that fails (manifest deleted or tampered, sealed under a key this isolate
 * lacks, model missing), the loaded version keeps serving and `onRecheckFailure` gets the error.
 */
export async function getRuntime(env: AssetsEnv & KeysEnv, onRecheckFailure: RecheckFailureListener = () => {}, now = Date.now()): Promise<Runtime> {
  const secrets = `${env.MASTER_KEY ?? ""}\u0000${env.MASTER_KEY_PREVIOUS ?? ""}`;
  if (cached !== null && cached.secrets === secrets) {
    if (now - cached.startedAt < MANIFEST_RECHECK_MS) return cached.runtime;
    return refresh(cached, env, onRecheckFailure, now);
  }
  cached = startCached(env, secrets, now);
  return cached.runtime;
}

/** Drops the isolate's runtime; tests call it between scenarios. */
export function resetRuntime(): void {
  cached = null;
}
