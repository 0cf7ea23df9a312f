/**
 * @module
 * Runs scripts/pipeline.ts as a child process, as a user does. A broken input must end
 * the run with exit code 1 and one error line, and leave the previous model/, .dev.vars
 * and local KV byte for byte. A good input prints the summary and writes the report and
 * the converted CSV. An --out path that is not the pipeline's own folder, and a second run
 * while a lock is held, are rejected before any work. Fixtures are synthetic profiles
 * written to a temporary folder.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as XLSX from "xlsx";

import { unescapeFormula } from "../../scripts/lib/ingest/index.ts";
import { createOutputTransaction, OutputWriteError } from "../../scripts/lib/node/output.ts";
import { OFFLINE_WRANGLER_ENV, wranglerBin } from "../../scripts/lib/node/wrangler.ts";
import { generateSampleRows, writeSampleWorkbook, type SampleRow } from "../../scripts/lib/sample/index.ts";
import { TEST_MASTER_KEY } from "../support/secrets.ts";
import { deleteOldVersions, REPLACED_VERSION_GRACE_MS } from "../../scripts/lib/node/local-kv.ts";

const PIPELINE = fileURLToPath(new URL("../../scripts/pipeline.ts", import.meta.url));

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

let root: string;

// The child's environment: no MASTER_KEY, so it reads .dev.vars, and wrangler offline with its logs kept here.
const childEnv = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, ...OFFLINE_WRANGLER_ENV, WRANGLER_LOG_PATH: join(root, "wrangler-logs") };
  delete env.MASTER_KEY;
  delete env.MASTER_KEY_PREVIOUS;
  return env;
};

// Runs a command to completion and collects its output. process.execPath is the project's Node 22.
const runNode = (args: string[], cwd: string): Promise<RunResult & { stdoutBytes: Buffer }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, env: childEnv(), stdio: ["ignore", "pipe", "pipe"] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      const stdoutBytes = Buffer.concat(stdout);
      resolve({ code, stdout: stdoutBytes.toString("utf8"), stdoutBytes, stderr: Buffer.concat(stderr).toString("utf8") });
    });
  });

const runPipeline = (args: string[], cwd: string): Promise<RunResult> => runNode([PIPELINE, ...args], cwd);

/** Returns every file under `folder` with its bytes as hex, keyed by relative path. */
const snapshotFolder = (folder: string): Record<string, string> => {
  const files: Record<string, string> = {};
  const visit = (relative: string): void => {
    for (const name of readdirSync(join(folder, relative))) {
      const path = join(relative, name);
      if (statSync(join(folder, path)).isDirectory()) visit(path);
      else files[path] = readFileSync(join(folder, path)).toString("hex");
    }
  };
  visit("");
  return files;
};

// Video ids whose high 32 bits are 1700000000 s (2023-11-14T22:13:20Z).
const videoUrl = (handle: string, index: number): string => `https://www.tiktok.com/@${handle}/video/${(1_700_000_000n << 32n) + BigInt(index)}`;

// 30 synthetic profiles; sheet row 6 repeats the account of row 2, and row 11 has no videos.
const createProfiles = (): SampleRow[] => {
  const rows = generateSampleRows({ profiles: 30, seed: 2 });
  rows[4] = { ...rows[4]!, account_id: rows[0]!.account_id };
  rows[9] = { ...rows[9]!, top_videos: "null" };
  return rows;
};

const workbookBytes = (rows: unknown[][], sheetName = "profiles"): Uint8Array => {
  const workbook = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(workbook, XLSX.utils.aoa_to_sheet(rows), sheetName);
  return new Uint8Array(XLSX.write(workbook, { type: "array", bookType: "xlsx" }) as ArrayBuffer);
};

// The OLE layout of an xlsx that Excel encrypted: EncryptionInfo and EncryptedPackage streams.
const encryptedWorkbookBytes = (): Uint8Array => {
  const container = XLSX.CFB.utils.cfb_new();
  XLSX.CFB.utils.cfb_add(container, "EncryptionInfo", new Uint8Array([4, 0, 4, 0, 0x40, 0, 0, 0]));
  XLSX.CFB.utils.cfb_add(container, "EncryptedPackage", new Uint8Array(4096));
  return new Uint8Array(XLSX.CFB.write(container, { type: "array" }) as ArrayBuffer);
};

/** Writes the fixtures of every case into `folder`. */
const writeFixtures = (folder: string): void => {
  const profiles = createProfiles();
  const xlsx = writeSampleWorkbook(profiles, "xlsx");
  const write = (name: string, content: string | Uint8Array): void => writeFileSync(join(folder, name), content);
  write("profiles.xlsx", xlsx);
  write("empty.csv", "");
  write("photo.xlsx", Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
  write("corrupt.xlsx", xlsx.slice(0, Math.floor(xlsx.length / 2)));
  write("locked.xlsx", encryptedWorkbookBytes());
  write("no-videos.xlsx", workbookBytes([["account_id", "nickname"], ["alpha", "Alpha"]]));
  write("ragged.csv", `account_id,top_videos\r\nalpha,${videoUrl("alpha", 1)}\r\nbeta,private text,${videoUrl("beta", 2)}\r\n`);
  write("long.ods", writeSampleWorkbook([
    { account_id: "alpha", biography: "short", top_videos: videoUrl("alpha", 1) },
    { account_id: "beta", biography: "x".repeat(40_000), top_videos: videoUrl("beta", 2) },
  ], "ods"));
  write("unusable.csv", `account_id,top_videos\nalpha,null\n`);
  mkdirSync(join(folder, "folder.csv"));
};

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "pipeline-cli-"));
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe("pipeline on broken input", () => {
  let cwd: string;
  let previous: { model: Record<string, string>; devVars: string; entries: string[] };

  beforeAll(async () => {
    cwd = join(root, "broken");
    mkdirSync(cwd);
    writeFileSync(join(cwd, ".dev.vars"), `MASTER_KEY="${TEST_MASTER_KEY}"\n`, { mode: 0o600 });
    writeFixtures(cwd);
    const first = await runPipeline(["--input", "profiles.xlsx", "--no-seed", "--out", "model"], cwd);
    expect(first.code).toBe(0);
    previous = { model: snapshotFolder(join(cwd, "model")), devVars: readFileSync(join(cwd, ".dev.vars"), "utf8"), entries: readdirSync(cwd).sort() };
  });

  it.each<[string, string[], string]>([
    ["missing file", ["--input", "missing.xlsx"],
      "missing.xlsx: file not found; check the path given to --input"],
    ["folder", ["--input", "folder.csv"],
      "folder.csv: the path is a folder; give the path of a .csv or .xlsx file to --input"],
    ["empty file", ["--input", "empty.csv"],
      "empty.csv: the file is empty; the input needs a header row with account_id and top_videos, and one row per profile"],
    ["image", ["--input", "photo.xlsx"],
      "photo.xlsx: the file is a PNG image, not a spreadsheet or CSV; give the path of the spreadsheet, not of a picture of it"],
    ["corrupt xlsx", ["--input", "corrupt.xlsx"],
      "corrupt.xlsx: the workbook is corrupt or not a supported format (xlsx, xlsm, xlsb, xls, ods); open it in Excel and save it again as .xlsx or .csv"],
    ["password-protected xlsx", ["--input", "locked.xlsx"],
      "locked.xlsx: the workbook is password-protected; remove the password in Excel (File > Info > Protect Workbook > Encrypt with Password) and save it again"],
    ["missing column", ["--input", "no-videos.xlsx"],
      'no-videos.xlsx, sheet "profiles": column "top_videos" is missing; found columns "account_id", "nickname"; the input needs account_id and top_videos'],
    ["ragged row", ["--input", "ragged.csv"],
      'ragged.csv, row 3: the row has 3 fields but the header has 2; quote cells that contain the delimiter ",", or add the missing column names to the header'],
    ["over-long cell", ["--input", "long.ods"],
      'long.ods, sheet "profiles", row 3, column "biography": the cell has 40,000 characters, more than Excel\'s limit of 32,767; ' +
        "look for a missing closing quote in an earlier cell, or shorten the cell"],
    ["unknown sheet", ["--input", "profiles.xlsx", "--sheet", "Data"],
      'profiles.xlsx: sheet "Data" not found; the workbook has sheets "profiles"; choose one of them'],
    ["no usable row", ["--input", "unusable.csv"],
      "unusable.csv: none of the 1 rows can be used (1 without a valid top_videos URL); " +
        "each profile needs an account_id and top_videos URLs like https://www.tiktok.com/@handle/video/7234567890123456789"],
  ])("rejects %s", async (_case, args, message) => {
    const result = await runPipeline([...args, "--no-seed", "--out", "model", "--report", "report.json", "--csv-out", "table.csv", "--rotate-key"], cwd);

    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`pipeline failed: ${message}\n`);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stdout).not.toContain("summary:");
    expect(snapshotFolder(join(cwd, "model"))).toEqual(previous.model);
    expect(readFileSync(join(cwd, ".dev.vars"), "utf8")).toBe(previous.devVars);
    expect(readdirSync(cwd).sort()).toEqual(previous.entries);
  });

  it("rejects missing --input with usage", async () => {
    const result = await runPipeline(["--no-seed"], cwd);

    expect(result.code).toBe(2);
    expect(result.stderr.split("\n").slice(0, 3)).toEqual([
      "pipeline failed: --input is required: name the profiles spreadsheet to read, for example --input data/sample.xlsx",
      "",
      "Usage: npm run pipeline -- --input FILE [options]",
    ]);
  });
});

describe("pipeline on good input", () => {
  let cwd: string;
  let result: RunResult;

  beforeAll(async () => {
    cwd = join(root, "good");
    mkdirSync(cwd);
    writeFileSync(join(cwd, ".dev.vars"), `MASTER_KEY="${TEST_MASTER_KEY}"\n`, { mode: 0o600 });
    writeFileSync(join(cwd, "profiles.xlsx"), writeSampleWorkbook(createProfiles(), "xlsx"));
    result = await runPipeline(["--input", "profiles.xlsx", "--no-seed", "--out", "out/model", "--report", "report.json", "--csv-out", "table.csv"], cwd);
  });

  it("exits 0 without warnings", () => {
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
  });

  it("prints plain progress lines", () => {
    expect(result.stdout).toContain("read input...\n");
    expect(result.stdout).toContain("pseudonymize: 28/28 (100%)\n");
    expect(result.stdout).not.toContain("\r");
  });

  it("prints summary lines", () => {
    const summary = result.stdout.slice(result.stdout.indexOf("summary:\n")).trimEnd().split("\n");
    const videos = JSON.parse(readFileSync(join(cwd, "report.json"), "utf8")).counts.videos as number;

    expect(summary.slice(0, 6)).toEqual([
      "summary:",
      `  profiles.xlsx, sheet "profiles": 30 rows read, 28 used, 2 skipped; ${videos} videos`,
      "  skipped 1 row repeating an earlier account_id (row 6)",
      "  skipped 1 row without a valid top_videos URL (row 11)",
      "  columns used: account_id, top_videos, id, nickname, biography, bio_link, is_verified, followers, following, likes, " +
        "videos_count, awg_engagement_rate, comment_engagement_rate, like_engagement_rate",
      "  columns ignored: timestamp, create_time, url, profile_pic_url",
    ]);
    expect(summary[6]).toBe("  warnings: none");
    expect(summary[7]).toMatch(new RegExp(`^  model \\S+: 28 profiles, ${videos} videos, \\d+ features, \\d+ KV entries$`));
    expect(summary[8]).toMatch(
      /^ {2}steps: read input \d+\.\d\d s, pseudonymize \d+\.\d\d s, seal catalog \d+\.\d\d s, train \d+\.\d\d s, export ONNX and seal \d+\.\d\d s, stage output \d+\.\d\d s$/,
    );
    expect(summary[9]).toBe("  output: out/model/, report report.json, CSV table.csv; local KV not seeded (--no-seed)");
    expect(summary).toHaveLength(10);
  });

  it("writes report JSON", () => {
    const reportText = readFileSync(join(cwd, "report.json"), "utf8");
    const report = JSON.parse(reportText);

    expect(report).toMatchObject({
      input: "profiles.xlsx",
      counts: { profiles: 28 },
      seeded: false,
      ingestion: {
        fileName: "profiles.xlsx",
        sheet: "profiles",
        rowsRead: 30,
        rowsUsed: 28,
        rowsSkipped: {
          missing_account_id: { count: 0, firstRows: [] },
          duplicate_account_id: { count: 1, firstRows: [6] },
          no_valid_videos: { count: 1, firstRows: [11] },
          videos_listed_earlier: { count: 0, firstRows: [] },
        },
        columnsIgnored: ["timestamp", "create_time", "url", "profile_pic_url"],
        warnings: [],
      },
    });
    expect(Object.keys(report.timingsMs)).toEqual(["read input", "pseudonymize", "seal catalog", "train", "export ONNX and seal", "stage output"]);
    expect(readFileSync(join(cwd, "out/model/summary.json"), "utf8")).toBe(reportText);
  });

  it("writes model and nothing else", () => {
    expect(readdirSync(join(cwd, "out/model")).sort()).toEqual(["kv-entries.json", "kv-manifest.json", "summary.json"]);
    expect(readdirSync(join(cwd, "out"))).toEqual(["model"]);
    expect(readdirSync(cwd).sort()).toEqual([".dev.vars", "out", "profiles.xlsx", "report.json", "table.csv"]);
  });
});

describe("pipeline --csv-out", () => {
  // Text cells that a spreadsheet program would run as formulas, and values that must come back unchanged.
  const CELLS: [string, string | number][] = [
    ["equals", "=HYPERLINK(\"https://x.example\",\"x\")"],
    ["plus", "+1 (555) 0100"],
    ["minus", "-2+3"],
    ["at", "@SUM(A1:A2)"],
    ["tab", "\tindented"],
    ["carriage return", "\rreturn"],
    ["escaped already", "'=already"],
    ["negative text", "-3"],
    ["negative number", -3],
    ["float", 0.1 + 0.2],
    ["big integer", 9_007_199_254_740_991],
    ["comma and quote", 'say "hi", then go'],
    ["line break", "line one\nline two"],
    ["spaces", "  padded  "],
    ["apostrophe", "'plain"],
    ["emoji", "🍳 #cooking"],
  ];
  let result: RunResult;
  let rows: string[][];

  beforeAll(async () => {
    const cwd = join(root, "csv-out");
    mkdirSync(cwd);
    const header = ["account_id", "top_videos", ...CELLS.map(([name]) => name)];
    const profiles = [
      ["alpha", videoUrl("alpha", 1), ...CELLS.map(([, value]) => value)],
      ["beta", videoUrl("beta", 2), ...CELLS.map(() => "")],
    ];
    writeFileSync(join(cwd, "cells.xlsx"), workbookBytes([header, ...profiles]));
    writeFileSync(join(cwd, ".dev.vars"), `MASTER_KEY="${TEST_MASTER_KEY}"\n`, { mode: 0o600 });
    result = await runPipeline(["--input", "cells.xlsx", "--no-seed", "--out", "model", "--csv-out", "cells.csv"], cwd);
    rows = Papa.parse<string[]>(readFileSync(join(cwd, "cells.csv"), "utf8"), { newline: "\r\n" }).data;
  });

  it("exits 0", () => {
    expect(result.code).toBe(0);
  });

  it.each(CELLS.map(([name, value], index) => [name, value, index + 2] as const))("keeps %s", (_name, value, column) => {
    expect(unescapeFormula(rows[1]![column]!)).toBe(String(value));
  });

  it.each<[string, string]>([
    ["equals", "'=HYPERLINK(\"https://x.example\",\"x\")"],
    ["plus", "'+1 (555) 0100"],
    ["minus", "'-2+3"],
    ["at", "'@SUM(A1:A2)"],
    ["tab", "'\tindented"],
    ["carriage return", "'\rreturn"],
    ["escaped already", "''=already"],
    ["negative text", "-3"],
    ["negative number", "-3"],
    ["float", "0.30000000000000004"],
    ["apostrophe", "'plain"],
  ])("writes %s as %j", (name, text) => {
    const column = CELLS.findIndex(([cellName]) => cellName === name) + 2;

    expect(rows[1]![column]).toBe(text);
  });

  it("writes CRLF lines", () => {
    expect(rows.map((row) => row[0])).toEqual(["account_id", "alpha", "beta"]);
  });
});

describe("pipeline with local KV", () => {
  const WRANGLER_CONFIG = [
    'name = "pipeline-cli-test"',
    'compatibility_date = "2026-08-22"',
    "",
    "[[kv_namespaces]]",
    'binding = "ASSETS_KV"',
    'id = "00000000000000000000000000000000"',
    "",
  ].join("\n");
  let cwd: string;

  // The sealed manifest that the local namespace serves, as wrangler prints it.
  const servedManifest = async (): Promise<Buffer> => {
    const result = await runNode([wranglerBin(), "kv", "key", "get", "manifest", "--binding", "ASSETS_KV", "--local"], cwd);
    expect(result.code).toBe(0);
    return result.stdoutBytes;
  };

  const writtenManifest = (): Buffer => {
    const [entry] = JSON.parse(readFileSync(join(cwd, "model/kv-manifest.json"), "utf8")) as { value: string }[];
    return Buffer.from(entry!.value, "base64");
  };

  beforeAll(() => {
    cwd = join(root, "seed");
    mkdirSync(cwd);
    writeFileSync(join(cwd, "wrangler.toml"), WRANGLER_CONFIG);
    writeFileSync(join(cwd, ".dev.vars"), `MASTER_KEY="${TEST_MASTER_KEY}"\n`, { mode: 0o600 });
    writeFileSync(join(cwd, "profiles.xlsx"), writeSampleWorkbook(createProfiles(), "xlsx"));
  });

  it("keeps previous state when seeding fails", async () => {
    const first = await runPipeline(["--input", "profiles.xlsx"], cwd);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^ {2}steps: .*, seed local KV \d+\.\d\d s, switch local KV \d+\.\d\d s, delete old local KV versions \d+\.\d\d s$/m);
    expect(first.stdout).toContain("; local KV seeded\n");
    expect(await servedManifest()).toEqual(writtenManifest());

    const previousModel = snapshotFolder(join(cwd, "model"));
    const previousManifest = await servedManifest();
    const previousDevVars = readFileSync(join(cwd, ".dev.vars"), "utf8");
    const previousEntries = readdirSync(cwd).sort();

    // A configuration without the KV namespace makes wrangler fail at the first upload.
    writeFileSync(join(cwd, "wrangler.toml"), WRANGLER_CONFIG.slice(0, WRANGLER_CONFIG.indexOf("[[kv_namespaces]]")));
    const failed = await runPipeline(["--input", "profiles.xlsx", "--rotate-key", "--report", "report.json"], cwd);
    writeFileSync(join(cwd, "wrangler.toml"), WRANGLER_CONFIG);

    expect(failed.code).toBe(1);
    // The middle part is wrangler's own error line.
    expect(failed.stderr).toMatch(
      /^pipeline failed: seeding the local KV namespace failed: [^\n]*kv_namespaces[^\n]*; it still serves the previous model\. Fix the cause and run the pipeline again, or pass --no-seed to skip the local KV\n$/,
    );
    expect(snapshotFolder(join(cwd, "model"))).toEqual(previousModel);
    expect(readFileSync(join(cwd, ".dev.vars"), "utf8")).toBe(previousDevVars);
    expect(readdirSync(cwd).sort()).toEqual(previousEntries);
    expect(await servedManifest()).toEqual(previousManifest);
    expect(existsSync(join(cwd, "report.json"))).toBe(false);
  });

  // Versions of the asset keys in the local namespace, with their number of keys.
  const storedVersions = async (): Promise<Record<string, number>> => {
    const result = await runNode([wranglerBin(), "kv", "key", "list", "--binding", "ASSETS_KV", "--local"], cwd);
    expect(result.code).toBe(0);
    const versions: Record<string, number> = {};
    for (const { name } of JSON.parse(result.stdout) as { name: string }[]) {
      const version = /^(?:model|person|catalog|popular)\/([^/]+)/.exec(name)?.[1] ?? name;
      versions[version] = (versions[version] ?? 0) + 1;
    }
    return versions;
  };

  const writtenVersion = (): string => JSON.parse(readFileSync(join(cwd, "model/summary.json"), "utf8")).modelVersion as string;

  it("deletes old versions after their grace period", async () => {
    const versions: string[] = [];
    let last: RunResult | undefined;
    for (let run = 0; run < 3; run++) {
      last = await runPipeline(["--input", "profiles.xlsx"], cwd);
      expect(last.code).toBe(0);
      versions.push(writtenVersion());
    }
    const entries = JSON.parse(readFileSync(join(cwd, "model/kv-entries.json"), "utf8")) as unknown[];

    // Replaced seconds ago, so a running dev server may still serve them: all are kept.
    const kept = await storedVersions();
    for (const version of versions) expect(kept[version]).toBe(entries.length);
    expect(last!.stdout).not.toContain("\ndeleted ");
    expect(last!.stderr).toBe("");

    const later = Date.now() + REPLACED_VERSION_GRACE_MS + 60_000;
    const deleted = await deleteOldVersions(versions[2]!, { persistTo: join(cwd, ".wrangler", "state") }, later);
    expect(deleted.versions).toContain(versions[0]);
    expect(deleted.versions).toContain(versions[1]);
    const stored = await storedVersions();
    expect(Object.keys(stored).sort()).toEqual(["manifest", versions[2]!].sort());
    expect(await servedManifest()).toEqual(writtenManifest());
  }, 180_000);
});

describe("pipeline .dev.vars", () => {
  let cwd: string;

  beforeAll(() => {
    cwd = join(root, "dev-vars");
    mkdirSync(cwd);
    writeFileSync(join(cwd, "profiles.xlsx"), writeSampleWorkbook(createProfiles(), "xlsx"));
  });

  it("creates MASTER_KEY when missing", async () => {
    const result = await runPipeline(["--input", "profiles.xlsx", "--no-seed"], cwd);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain("created a new MASTER_KEY in .dev.vars (git-ignored; keep it private)\n");
    expect(readFileSync(join(cwd, ".dev.vars"), "utf8")).toMatch(/^MASTER_KEY="[A-Za-z0-9+/]{43}="$/m);
    expect(statSync(join(cwd, ".dev.vars")).mode & 0o777).toBe(0o600);
  });

  it("rotates MASTER_KEY", async () => {
    writeFileSync(join(cwd, ".dev.vars"), `MASTER_KEY="${TEST_MASTER_KEY}"\n`, { mode: 0o600 });
    const result = await runPipeline(["--input", "profiles.xlsx", "--no-seed", "--rotate-key"], cwd);
    const devVars = readFileSync(join(cwd, ".dev.vars"), "utf8");

    expect(result.code).toBe(0);
    // With --no-seed the local KV keeps the assets sealed under the old key, so a restart alone would not help.
    expect(result.stderr).toContain(
      'the local KV still holds assets sealed under the previous key, which "npm run dev" no longer loads; run the pipeline again without --no-seed\n',
    );
    expect(result.stdout).not.toContain('restart "npm run dev"');
    expect(devVars).toContain(`MASTER_KEY_PREVIOUS="${TEST_MASTER_KEY}"\n`);
    expect(devVars).not.toContain(`MASTER_KEY="${TEST_MASTER_KEY}"`);
    expect(statSync(join(cwd, ".dev.vars")).mode & 0o777).toBe(0o600);
    expect(readdirSync(cwd).sort()).toEqual([".dev.vars", "model", "profiles.xlsx"]);
  });

  // Other variables in every form that wrangler's dotenv parser reads, a comment and a blank line.
  const OTHER_LINES = ["# proxy settings", "export API_TOKEN=abc123 # for the proxy", "", 'GREETING="hello world"', "MULTI_LINE='first", "second'"];

  it("keeps other variables when adding MASTER_KEY", async () => {
    writeFileSync(join(cwd, ".dev.vars"), [...OTHER_LINES.slice(0, 3), "MASTER_KEY=", ...OTHER_LINES.slice(3), ""].join("\n"), { mode: 0o600 });
    const result = await runPipeline(["--input", "profiles.xlsx", "--no-seed"], cwd);
    const lines = readFileSync(join(cwd, ".dev.vars"), "utf8").split("\n");

    expect(result.code).toBe(0);
    expect(result.stdout).toContain("created a new MASTER_KEY in .dev.vars (git-ignored; keep it private)\n");
    expect(lines.slice(0, 3)).toEqual(OTHER_LINES.slice(0, 3));
    expect(lines[3]).toMatch(/^MASTER_KEY="[A-Za-z0-9+/]{43}="$/);
    expect(lines.slice(4)).toEqual([...OTHER_LINES.slice(3), ""]);
  });

  it("keeps other variables when rotating", async () => {
    writeFileSync(join(cwd, ".dev.vars"), [...OTHER_LINES, `MASTER_KEY="${TEST_MASTER_KEY}"`, ""].join("\n"), { mode: 0o600 });
    const result = await runPipeline(["--input", "profiles.xlsx", "--no-seed", "--rotate-key"], cwd);
    const lines = readFileSync(join(cwd, ".dev.vars"), "utf8").split("\n");

    expect(result.code).toBe(0);
    expect(lines.slice(0, OTHER_LINES.length)).toEqual(OTHER_LINES);
    expect(lines[OTHER_LINES.length]).toMatch(/^MASTER_KEY="[A-Za-z0-9+/]{43}="$/);
    expect(lines.slice(OTHER_LINES.length + 1)).toEqual([`MASTER_KEY_PREVIOUS="${TEST_MASTER_KEY}"`, ""]);
  });
});

describe("pipeline --out", () => {
  let cwd: string;

  beforeAll(() => {
    cwd = join(root, "out-check");
    mkdirSync(cwd);
    writeFileSync(join(cwd, ".dev.vars"), `MASTER_KEY="${TEST_MASTER_KEY}"\n`, { mode: 0o600 });
    writeFileSync(join(cwd, "profiles.xlsx"), writeSampleWorkbook(createProfiles(), "xlsx"));
  });

  it.each<[string, (path: string) => void, string]>([
    ["regular file", (path) => writeFileSync(path, "notes"),
      "--out must be a folder, but a file of that name exists; give a new or empty folder, or the folder of a previous pipeline output"],
    ["folder with other files", (path) => {
      mkdirSync(join(path, "photos"), { recursive: true });
      writeFileSync(join(path, "notes.txt"), "notes");
      writeFileSync(join(path, "summary.json"), "{}");
    }, 'the folder contains "notes.txt", "photos", which the pipeline did not write; a run replaces the whole folder, ' +
      "so give a new or empty folder to --out, or move those entries elsewhere"],
    ["folder named like an output file", (path) => mkdirSync(join(path, "kv-entries.json"), { recursive: true }),
      'the folder contains "kv-entries.json", which the pipeline did not write; a run replaces the whole folder, ' +
        "so give a new or empty folder to --out, or move those entries elsewhere"],
  ])("rejects %s", async (name, create, message) => {
    const out = name.replaceAll(" ", "-");
    create(join(cwd, out));
    const before = snapshotFolder(cwd);
    const result = await runPipeline(["--input", "profiles.xlsx", "--no-seed", "--out", out], cwd);

    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`pipeline failed: ${out}: ${message}\n`);
    expect(result.stdout).toBe("");
    expect(snapshotFolder(cwd)).toEqual(before);
  });

  it.each<[string, (path: string) => void]>([
    ["empty folder", (path) => mkdirSync(path)],
    ["previous output", (path) => {
      mkdirSync(path);
      writeFileSync(join(path, "kv-manifest.json"), "[]");
    }],
  ])("accepts %s", async (name, create) => {
    const out = name.replaceAll(" ", "-");
    create(join(cwd, out));
    const result = await runPipeline(["--input", "profiles.xlsx", "--no-seed", "--out", out], cwd);

    expect(result.code).toBe(0);
    expect(readdirSync(join(cwd, out)).sort()).toEqual(["kv-entries.json", "kv-manifest.json", "summary.json"]);
  });
});

describe("pipeline lock", () => {
  let cwd: string;

  // The pid of a process that has exited.
  const exitedPid = (): number => spawnSync(process.execPath, ["-e", ""]).pid!;

  const lockText = (pid: number): string => JSON.stringify({ host: hostname(), pid, startedAt: "2026-01-01T00:00:00.000Z" });

  beforeAll(() => {
    cwd = join(root, "lock");
    mkdirSync(cwd);
    writeFileSync(join(cwd, ".dev.vars"), `MASTER_KEY="${TEST_MASTER_KEY}"\n`, { mode: 0o600 });
    writeFileSync(join(cwd, "profiles.xlsx"), writeSampleWorkbook(createProfiles(), "xlsx"));
  });

  it.each<[string, string, string[], string]>([
    ["output folder", "model.lock", ["--no-seed"], 'the output folder "model"'],
    ["local KV", ".wrangler/state.lock", [], 'the local KV namespace of "npm run dev"'],
  ])("rejects run while %s lock is held", async (_name, lock, args, resource) => {
    mkdirSync(join(cwd, ".wrangler"), { recursive: true });
    writeFileSync(join(cwd, lock), lockText(process.pid));
    const result = await runPipeline(["--input", "profiles.xlsx", ...args], cwd);
    const lockContent = readFileSync(join(cwd, lock), "utf8");
    rmSync(join(cwd, lock));

    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `pipeline failed: ${lock} exists: another pipeline run (pid ${process.pid} on ${hostname()}, started 2026-01-01T00:00:00.000Z) ` +
        `is writing ${resource}; wait for it to finish, or delete ${lock} if no run is active\n`,
    );
    expect(result.stdout).toBe("");
    expect(lockContent).toBe(lockText(process.pid));
    expect(existsSync(join(cwd, "model"))).toBe(false);
    expect(existsSync(join(cwd, "model.lock"))).toBe(false);
  });

  it("takes over a stale lock", async () => {
    const pid = exitedPid();
    writeFileSync(join(cwd, "model.lock"), lockText(pid));
    const result = await runPipeline(["--input", "profiles.xlsx", "--no-seed"], cwd);

    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      `warning: model.lock: the run that created this lock (pid ${pid} on ${hostname()}, started 2026-01-01T00:00:00.000Z) is no longer running; taking the lock over\n`,
    );
    expect(existsSync(join(cwd, "model.lock"))).toBe(false);
  });

  it("rejects second of two concurrent runs", async () => {
    const results = await Promise.all([0, 1].map(() => runPipeline(["--input", "profiles.xlsx", "--no-seed", "--out", "concurrent"], cwd)));
    const failed = results.find((result) => result.code !== 0);

    expect(results.map((result) => result.code).sort()).toEqual([0, 1]);
    expect(failed!.stderr).toMatch(
      /^pipeline failed: concurrent\.lock exists: another pipeline run \(pid \d+ on [^,]+, started [^)]+\) is writing the output folder "concurrent"; wait for it to finish, or delete concurrent\.lock if no run is active\n$/,
    );
    expect(readdirSync(join(cwd, "concurrent")).sort()).toEqual(["kv-entries.json", "kv-manifest.json", "summary.json"]);
    expect(existsSync(join(cwd, "concurrent.lock"))).toBe(false);
  });
});

describe("createOutputTransaction", () => {
  let folder: string;

  beforeAll(() => {
    folder = join(root, "transaction");
    mkdirSync(folder);
  });

  // A folder with a previous model/ and report.json, and a transaction that stages new ones and a new CSV.
  const stageOverPrevious = (name: string) => {
    const base = join(folder, name);
    mkdirSync(join(base, "model"), { recursive: true });
    writeFileSync(join(base, "model", "old.json"), "old model");
    writeFileSync(join(base, "report.json"), "old report");
    const before = snapshotFolder(base);
    const outputs = createOutputTransaction();
    outputs.stageFolder(join(base, "model"), { "new.json": "new model" });
    outputs.stageFile(join(base, "report.json"), "new report");
    outputs.stageFile(join(base, "table.csv"), "new table");
    return { base, before, outputs };
  };

  it("swaps all outputs in", () => {
    const { base, outputs } = stageOverPrevious("swap");
    outputs.swap();

    expect(outputs.finish()).toEqual([]);
    expect(readdirSync(base).sort()).toEqual(["model", "report.json", "table.csv"]);
    expect(readdirSync(join(base, "model"))).toEqual(["new.json"]);
    expect(readFileSync(join(base, "report.json"), "utf8")).toBe("new report");
  });

  it("rolls back after swap", () => {
    const { base, before, outputs } = stageOverPrevious("after-swap");
    outputs.swap();
    outputs.rollback();

    expect(snapshotFolder(base)).toEqual(before);
    expect(readdirSync(base).sort()).toEqual(["model", "report.json"]);
  });

  it("rolls back before swap", () => {
    const { base, before, outputs } = stageOverPrevious("before-swap");
    outputs.rollback();

    expect(snapshotFolder(base)).toEqual(before);
    expect(readdirSync(base).sort()).toEqual(["model", "report.json"]);
  });

  it("restores outputs when swap fails", () => {
    const { base, before, outputs } = stageOverPrevious("failed-swap");
    // The second output's staged file disappears, so its rename fails after model/ was swapped in.
    const staged = readdirSync(base).find((name) => name.startsWith("report.json.staging-"));
    rmSync(join(base, staged!));

    expect(() => outputs.swap()).toThrow(OutputWriteError);
    expect(snapshotFolder(base)).toEqual(before);
    expect(readdirSync(base).sort()).toEqual(["model", "report.json"]);
  });

  it.each<[string, (base: string) => void, string]>([
    ["folder over file", (base) => createOutputTransaction().stageFolder(join(base, "model.json"), {}),
      "model.json: the output must be a folder, but a file of that name exists; choose another output folder"],
    ["file over folder", (base) => createOutputTransaction().stageFile(join(base, "reports"), "{}"),
      "reports: a folder of that name exists; give the path of a file"],
  ])("rejects %s", (name, stage, message) => {
    const base = join(folder, name.replaceAll(" ", "-"));
    mkdirSync(join(base, "reports"), { recursive: true });
    writeFileSync(join(base, "model.json"), "{}");

    expect(() => stage(base)).toThrow(new OutputWriteError(`${base}/${message}`));
  });
});
