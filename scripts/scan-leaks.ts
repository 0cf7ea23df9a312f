/**
 * @module
 * `npm run scan-leaks -- [--input FILE] [PATH ...]`: collects every string of
 * the input that could identify someone (handles, ids, nicknames, biography
 * lines, URLs) and searches the given files and folders for them. Exits 1 on
 * any hit. Hits name the file, the column and the byte offset, never the value.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import Papa from "papaparse";
import { createMatcher } from "./lib/leaks/matcher.ts";

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
const DEFAULT_PATHS = ["model", "dist"];

function needlesOf(csvText: string): Map<string, string> {
  const parsed = Papa.parse<Record<string, string>>(csvText.replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: true });
  const needles = new Map<string, string>();
  const add = (value: string, column: string) => {
    const trimmed = value.trim();
    const minimum = FREE_TEXT_COLUMNS.has(column) ? MIN_TEXT_LENGTH : MIN_IDENTIFIER_LENGTH;
    if (trimmed.length >= minimum && trimmed !== "null") needles.set(trimmed, column);
  };
  for (const row of parsed.data) {
    for (const column of IDENTIFYING_COLUMNS) {
      const value = row[column];
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

const { values, positionals } = parseArgs({ options: { input: { type: "string", default: "data/sample.csv" } }, allowPositionals: true });
if (!existsSync(values.input)) {
  process.stderr.write(`scan-leaks: ${values.input} not found; run "npm run sample" or pass --input with the CSV the pipeline read\n`);
  process.exit(1);
}
const needles = needlesOf(readFileSync(values.input, "utf8"));
const files = (positionals.length > 0 ? positionals : DEFAULT_PATHS).flatMap(filesUnder);
const entries = [...needles];
const matcher = createMatcher(entries.map(([needle]) => new TextEncoder().encode(needle)));
let hits = 0;
for (const file of files) {
  for (const [index, end] of matcher.findAll(readFileSync(file))) {
    hits++;
    process.stderr.write(`leak: ${file} contains a value of column "${entries[index]![1]}" ending at byte ${end}\n`);
  }
}
process.stdout.write(`scan-leaks: searched ${files.length} files for ${needles.size} identifying strings: ${hits} hits\n`);
process.exitCode = hits === 0 && files.length > 0 ? 0 : 1;
if (files.length === 0) process.stderr.write(`scan-leaks: nothing to scan; run the pipeline and "npm run build" first\n`);
