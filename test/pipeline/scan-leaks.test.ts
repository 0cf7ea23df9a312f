import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const SCRIPT = resolve("scripts/scan-leaks.ts");
const CSV = [
  "account_id,nickname,biography,top_videos",
  'zorblatt_77,Quendra Vilmo,"first line of a bio\nsecond line with more text",https://www.tiktok.com/@zorblatt_77/video/7301234567890123456',
].join("\n");

function scan(haystack: string): { status: number | null; stdout: string; stderr: string } {
  const folder = mkdtempSync(join(tmpdir(), "scan-leaks-"));
  writeFileSync(join(folder, "input.csv"), CSV);
  mkdirSync(join(folder, "out"));
  writeFileSync(join(folder, "out", "asset.bin"), haystack);
  const result = spawnSync(process.execPath, [SCRIPT, "--input", join(folder, "input.csv"), join(folder, "out")], { encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("scan-leaks", () => {
  it("passes clean output", () => {
    const result = scan("sealed bytes only: ERE\u0001...");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/: 0 hits\n$/);
  });

  it.each([
    { value: "zorblatt_77", column: "account_id" },
    { value: "second line with more text", column: "biography" },
    { value: "7301234567890123456", column: "top_videos id" },
  ])("finds a planted $column", ({ value, column }) => {
    const result = scan(`prefix ${value} suffix`);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`contains a value of column "${column}"`);
  });

  it("never prints the value found", () => {
    const result = scan("zorblatt_77");
    expect(result.stderr + result.stdout).not.toContain("zorblatt_77");
  });
});
