/**
 * Helpers of the worker tests: seed the fixture into the real KV binding and
 * send requests to the real app with a chosen environment.
 */
import { env } from "cloudflare:test";
import { inject } from "vitest";
import app from "../../src/index.ts";
import type { Env } from "../../src/env.ts";
import { resetLogThrottle } from "../../src/http/log.ts";
import { resetRuntime } from "../../src/service/runtime.ts";
import { fromBase64 } from "../../src/shared/bytes.ts";
import "../support/fixture-types.ts";

export const fixture = inject("fixture");

/** The test bindings: real KV from wrangler.toml and the test master secret. */
export const testEnv = env as unknown as Env;

/** Writes every fixture entry into KV and drops the isolate's runtime and log throttle. */
export async function seedAssets(): Promise<void> {
  await Promise.all(fixture.entries.map((entry) => testEnv.ASSETS_KV.put(entry.key, fromBase64(entry.value))));
  resetRuntime();
  resetLogThrottle();
}

/** Sends a GET to the app with `overrides` applied to the bindings. */
export function get(path: string, overrides: Partial<Env> = {}): Promise<Response> {
  return Promise.resolve(app.request(path, {}, { ...testEnv, ...overrides }));
}

/** Reads a JSON body, typed. */
export async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}
