/**
 * @module
 * `npm run scan-leaks -- [--input FILE] [--sheet NAME] [PATH ...]`: collects every
 * string of the input that could identify someone (handles, ids, nicknames,
 * biography lines, URLs) and searches the given files and folders for them.
 * The input is read as the pipeline reads it, so a workbook works as well as CSV.
 * Exits 1 on any hit, and also when the input gives no identifying string,
 * because a scan for nothing would pass whatever the output contains. Hits name
 * the file, the column and the byte offset, never the value.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { parseArgs } from "node:util";
import Papa from "papaparse";
import { InvalidInputError, normalizeColumnName, readProfiles, unescapeFormula } from "./lib/ingest/index.ts";
import { createMatcher } from "./lib/leaks/matcher.ts";
import { isParseArgsError, UsageError } from "./lib/cli.ts";

/** Columns whose values identify a person. */
const IDENTIFYING_COLUMNS = ["account_id", "nickname", "biography", "id", "url", "profile_pic_url", "bio_link", "top_videos"];
/** Shorter identifiers match by chance (small numbers), so they are not searched. */
const MIN_IDENTIFIER_LENGTH = 6;
/**
 * Free text needs more: a one-word biography line such as "producer" also occurs in
 * onnxruntime's own strings without identifying anyone.
 */
const MIN_TEXT_LENGTH = 12;
const FREE_TEXT_COLUMNS = new Set(["nickname", "biography"]);
const DEFAULT_INPUT = "data/sample.csv";
const DEFAULT_PATHS = ["model", "dist"];

const USAGE = `Usage: npm run scan-leaks -- [options] [PATH ...]

Searches the files under each PATH (default: ${DEFAULT_PATHS.join(" ")}) for every identifying
value of the input: account_id, id, url, profile_pic_url, bio_link and the top_videos URLs
with their handles and video ids, from ${MIN_IDENTIFIER_LENGTH} characters; nickname and biography
lines, from ${MIN_TEXT_LENGTH} characters. Exits 1 on any hit, and when the input gives no
identifying value.

Options:
  --input FILE   the spreadsheet or CSV that the pipeline read: .csv, .xlsx, .xls or .ods
                 (default: ${DEFAULT_INPUT})
  --sheet NAME   sheet of a workbook to read (default: the first)
  --help         show this help
`;

interface CliOptions {
  input: string;
  sheet: string | undefined;
  paths: string[];
}

function parseCli(argv: string[]): CliOptions | null {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        input: { type: "string", default: DEFAULT_INPUT },
        sheet: { type: "string" },
        help: { type: "boolean", default: false },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    if (isParseArgsError(error)) throw new UsageError((error as Error).message, { cause: error });
    throw error;
  }
  if (parsed.values.help) return null;
  return { input: parsed.values.input, sheet: parsed.values.sheet, paths: parsed.positionals.length > 0 ? parsed.positionals : DEFAULT_PATHS };
}

/**
 * Reads the input as the pipeline does and returns its table as rows of cells.
 * readProfiles escapes formula-like cells in its CSV, and the escapes are removed again here.
 */
function readTable(path: string, sheet: string | undefined): string[][] {
  if (!existsSync(path)) {
    throw new InvalidInputError({ fileName: path }, 'file not found; run "npm run sample", or give --input the spreadsheet or CSV that the pipeline read');
  }
  if (statSync(path).isDirectory()) {
    throw new InvalidInputError({ fileName: path }, "the path is a folder; give --input the spreadsheet or CSV that the pipeline read");
  }
  const { csv } = readProfiles(new Uint8Array(readFileSync(path)), { fileName: basename(path), sheet });
  const rows = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;
  return rows.map((row) => row.map(unescapeFormula));
}

function needlesOf(table: string[][]): Map<string, string> {
  // The CSV keeps the sheet's row numbers, so blank rows can precede the header.
  const headerIndex = table.findIndex((row) => row.some((cell) => cell.trim() !== ""));
  const header = (table[headerIndex] ?? []).map(normalizeColumnName);
  const columns = IDENTIFYING_COLUMNS.map((column) => [column, header.indexOf(normalizeColumnName(column))] as const).filter(([, index]) => index >= 0);

  const needles = new Map<string, string>();
  const add = (value: string, column: string) => {
    const trimmed = value.trim();
    const minimum = FREE_TEXT_COLUMNS.has(column) ? MIN_TEXT_LENGTH : MIN_IDENTIFIER_LENGTH;
    if (trimmed.length >= minimum && trimmed !== "null") needles.set(trimmed, column);
  };
  for (const row of table.slice(headerIndex + 1)) {
    for (const [column, index] of columns) {
      const value = row[index];
      if (value === undefined) continue;
      add(value, column);
      if (column === "biography") for (const line of value.split(/\r?\n/)) add(line, column);
      if (column === "top_videos") {
        for (const url of value.split(/[,\s"[\]]+/)) {
          add(url, column);
          const handle = /\/@([^/]+)\/video\/(\d+)/.exec(url);
          if (handle !== null) {
            add(`@${handle[1]}`, "top_videos handle");
            add(handle[2]!, "top_videos id");
          }
        }
      }
    }
  }
  return needles;
}

function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  if (statSync(path).isFile()) return [path];
  return readdirSync(path).flatMap((name) => filesUnder(join(path, name)));
}

/** Searches `files` for the needles, prints each hit to stderr, and returns the number of hits. */
function scanFiles(files: string[], needles: Map<string, string>): number {
  const entries = [...needles];
  const matcher = createMatcher(entries.map(([needle]) => new TextEncoder().encode(needle)));
  let hits = 0;
  for (const file of files) {
    for (const [index, end] of matcher.findAll(readFileSync(file))) {
      hits++;
      process.stderr.write(`leak: ${file} contains a value of column "${entries[index]![1]}" ending at byte ${end}\n`);
    }
  }
  return hits;
}

function main(argv: string[]): void {
  const options = parseCli(argv);
  if (options === null) {
    process.stdout.write(USAGE);
    return;
  }
  const needles = needlesOf(readTable(options.input, options.sheet));
  if (needles.size === 0) {
    process.stderr.write(
      `scan-leaks: ${options.input} gives no identifying value to search for (columns ${IDENTIFYING_COLUMNS.join(", ")}); ` +
        "give --input the spreadsheet or CSV that the pipeline read\n",
    );
    process.exitCode = 1;
    return;
  }

  const files = options.paths.flatMap(filesUnder);
  if (files.length === 0) {
    process.stderr.write(`scan-leaks: nothing to scan in ${options.paths.join(", ")}; run the pipeline and "npm run build" first\n`);
    process.exitCode = 1;
    return;
  }
  const hits = scanFiles(files, needles);
  process.stdout.write(`scan-leaks: searched ${files.length} files for ${needles.size} identifying strings: ${hits} hits\n`);
  process.exitCode = hits === 0 ? 0 : 1;
}

try {
  main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) {
    process.stderr.write(`scan-leaks: ${error.message}\n\n${USAGE}`);
    process.exitCode = 2;
  } else if (error instanceof InvalidInputError) {
    process.stderr.write(`scan-leaks: ${error.message}\n`);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
