/**
 * @module
 * Seeds the local KV namespace that `wrangler dev` reads (under `.wrangler/state`),
 * entries first and the manifest last, so a failed seed leaves the previous
 * version served.
 */
import { join } from "node:path";
import { OUTPUT_FILES } from "./output.ts";
import { runWrangler } from "./wrangler.ts";

/** The KV binding name in wrangler.toml. */
export const KV_BINDING = "ASSETS_KV";

/** Uploads the pipeline output in `outputDir` to the local KV namespace. */
export async function seedLocalKv(outputDir: string, persistTo?: string): Promise<void> {
  const common = ["--binding", KV_BINDING, "--local", ...(persistTo === undefined ? [] : ["--persist-to", persistTo])];
  await runWrangler(["kv", "bulk", "put", join(outputDir, OUTPUT_FILES.entries), ...common], { quiet: true });
  await runWrangler(["kv", "bulk", "put", join(outputDir, OUTPUT_FILES.manifest), ...common], { quiet: true });
}
