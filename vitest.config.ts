import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { TEST_MASTER_KEY } from "./test/support/secrets.ts";

// The tests make no network call: no wrangler telemetry, no download of Miniflare's sample `Request.cf`.
process.env.WRANGLER_SEND_METRICS = "false";
process.env.CLOUDFLARE_CF_FETCH_ENABLED = "false";
// wrangler.toml lists MASTER_KEY as required, so the pool warns when no source has it.
// The worker project's binding below sets the value the tests use either way.
process.env.MASTER_KEY ??= TEST_MASTER_KEY;

/**
 * Two projects: the Worker runs inside workerd with real KV, WebCrypto and
 * onnxruntime-web; the offline pipeline runs in Node.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "pipeline",
          include: ["test/pipeline/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
        },
      },
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: { bindings: { MASTER_KEY: TEST_MASTER_KEY } },
          }),
        ],
        test: {
          name: "worker",
          include: ["test/worker/**/*.test.ts"],
          globalSetup: ["test/support/worker-global-setup.ts"],
          setupFiles: ["test/worker/log-capture.ts"],
          testTimeout: 60_000,
        },
      },
    ],
  },
});
