import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const PIPELINE = resolve("scripts/pipeline.ts");
const folder = mkdtempSync(join(tmpdir(), "cli-paths-"));
const input = join(folder, "in.csv");
const content = "account_id,top_videos\nuser_a,https://www.tiktok.com/@user_a/video/7301234567890123456\n";
writeFileSync(input, content);

afterAll(() => rmSync(folder, { recursive: true, force: true }));

function pipeline(args: string[]) {
  return spawnSync(process.execPath, [PIPELINE, "--input", input, "--no-seed", "--out", join(folder, "model"), ...args], { cwd: folder, encoding: "utf8" });
}

describe("pipeline output paths", () => {
  it.each([
    { args: ["--csv-out", "in.csv"], message: "--csv-out in.csv is the same file as --input; choose another path" },
    { args: ["--report", "in.csv"], message: "--report in.csv is the same file as --input; choose another path" },
    { args: ["--report", "x.json", "--csv-out", "x.json"], message: "--csv-out x.json is the same file as --report; choose another path" },
    { args: ["--report", "model/r.json"], message: /^--report model\/r\.json is inside the output folder .*model, which each run replaces; choose a path outside it$/ },
  ])("rejects $args", ({ args, message }) => {
    const result = pipeline(args);
    expect(result.status).toBe(2);
    const firstLine = result.stderr.split("\n")[0]!.replace(/^pipeline failed: /, "");
    if (typeof message === "string") expect(firstLine).toBe(message);
    else expect(firstLine).toMatch(message);
    expect(readFileSync(input, "utf8")).toBe(content);
  });
});
