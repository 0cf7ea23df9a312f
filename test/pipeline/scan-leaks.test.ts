/**
 * @module
 * Runs scripts/scan-leaks.ts as a child process on a planted output folder, with the input
 * given as CSV and as a workbook. Hits and an input that the pipeline cannot read fail the scan.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as XLSX from "xlsx";

const SCRIPT = resolve("scripts/scan-leaks.ts");
const ROWS = [
  ["account_id", "nickname", "biography", "top_videos"],
  ["zorblatt_77", "Quendra Vilmo", "first line of a bio\nsecond line with more text", "https://www.tiktok.com/@zorblatt_77/video/7301234567890123456"],
];
const CSV = [ROWS[0]!.join(","), `${ROWS[1]!.slice(0, 2).join(",")},"${ROWS[1]![2]}",${ROWS[1]![3]}`].join("\n");

let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "scan-leaks-"));
  const workbook = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(workbook, XLSX.utils.aoa_to_sheet(ROWS), "profiles");
  writeFileSync(join(root, "input.csv"), CSV);
  writeFileSync(join(root, "input.xlsx"), new Uint8Array(XLSX.write(workbook, { type: "array", bookType: "xlsx" }) as ArrayBuffer));
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

function runScan(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [SCRIPT, ...args], { encoding: "utf8", cwd: root });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Scans a new output folder that contains one file with `haystack`. */
function scan(haystack: string, input = "input.csv"): { status: number | null; stdout: string; stderr: string } {
  const out = mkdtempSync(join(root, "out-"));
  writeFileSync(join(out, "asset.bin"), haystack);
  return runScan(["--input", join(root, input), out]);
}

describe("scan-leaks", () => {
  it.each(["input.csv", "input.xlsx"])("passes clean output for %s", (input) => {
    const result = scan("sealed bytes only: ERE\u0001...", input);

    expect(result.status).toBe(0);
    expect(result.stdout).toBe("scan-leaks: searched 1 files for 8 identifying strings: 0 hits\n");
    expect(result.stderr).toBe("");
  });

  it.each([
    { value: "zorblatt_77", column: "account_id", input: "input.csv" },
    { value: "second line with more text", column: "biography", input: "input.csv" },
    { value: "7301234567890123456", column: "top_videos id", input: "input.csv" },
    { value: "zorblatt_77", column: "account_id", input: "input.xlsx" },
    { value: "Quendra Vilmo", column: "nickname", input: "input.xlsx" },
  ])("finds planted $column in $input", ({ value, column, input }) => {
    const result = scan(`prefix ${value} suffix`, input);

    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`contains a value of column "${column}"`);
  });

  it("never prints the value found", () => {
    const result = scan("zorblatt_77");

    expect(result.stderr + result.stdout).not.toContain("zorblatt_77");
  });

  it("rejects input without required columns", () => {
    writeFileSync(join(root, "short.csv"), "handle,nickname\nab,Quendra\n");
    const out = mkdtempSync(join(root, "out-"));
    writeFileSync(join(out, "asset.bin"), "sealed");
    const result = runScan(["--input", join(root, "short.csv"), out]);

    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      'scan-leaks: short.csv: columns "account_id" and "top_videos" are missing; found columns "handle", "nickname"; the input needs account_id and top_videos\n',
    );
  });

  it("rejects missing input", () => {
    const result = runScan(["--input", "missing.xlsx", "out"]);

    expect(result.status).toBe(1);
    expect(result.stderr).toBe('scan-leaks: missing.xlsx: file not found; run "npm run sample", or give --input the spreadsheet or CSV that the pipeline read\n');
  });

  it("prints usage for --help", () => {
    const result = runScan(["--help"]);

    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: npm run scan-leaks -- \[options\] \[PATH \.\.\.\]\n/);
    expect(result.stdout).toContain("from 6 characters; nickname and biography\nlines, from 12 characters");
    expect(result.stderr).toBe("");
  });

  it("rejects unknown option with usage", () => {
    const result = runScan(["--inptu", "input.csv"]);
    const lines = result.stderr.split("\n");

    expect(result.status).toBe(2);
    expect(lines[0]).toMatch(/^scan-leaks: Unknown option '--inptu'/);
    expect(lines.slice(1, 3)).toEqual(["", "Usage: npm run scan-leaks -- [options] [PATH ...]"]);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });
});
