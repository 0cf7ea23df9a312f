import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

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
          }),
        ],
        test: {
          name: "worker",
          include: ["test/worker/**/*.test.ts"],
          testTimeout: 60_000,
        },
      },
    ],
  },
});
