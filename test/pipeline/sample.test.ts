/**
 * @module
 * Tests of the synthetic sample: reproducible bytes per seed, the export's shape and quirks,
 * and topics that bios of the same interest share.
 */
import { createHash } from "node:crypto";
import Papa from "papaparse";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as XLSX from "xlsx";

import { videoCreationSeconds } from "../../scripts/lib/ingest/index.ts";
import { createRandom } from "../../scripts/lib/sample/random.ts";
import {
  SAMPLE_COLUMNS,
  generateSample,
  generateSampleRows,
  writeSampleWorkbook,
  type SampleFormat,
  type SampleRow,
} from "../../scripts/lib/sample/index.ts";

const sha256 = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");

const videoUrlsOf = (row: SampleRow): string[] => String(row.top_videos).split(",");

const VIDEO_URL = /^https:\/\/www\.tiktok\.com\/@([a-z._0-9]+)\/video\/(\d{19})$/;
// 2019-01-01 and 2024-06-01 UTC, the window of the sample's accounts and videos.
const FIRST_ACCOUNT_SECONDS = Date.UTC(2019, 0, 1) / 1000;
const SCRAPE_END_SECONDS = Date.UTC(2024, 5, 1) / 1000;

describe("createRandom", () => {
  it("repeats a sequence per seed", () => {
    const first = createRandom(42);
    const second = createRandom(42);
    const draws = Array.from({ length: 100 }, () => first.uint32());

    expect(Array.from({ length: 100 }, () => second.uint32())).toEqual(draws);
    expect(new Set(draws).size).toBe(100);
  });

  it("draws integers within bounds", () => {
    const random = createRandom(7);
    const draws = Array.from({ length: 2000 }, () => random.int(1, 35));

    expect(Math.min(...draws)).toBe(1);
    expect(Math.max(...draws)).toBe(35);
  });

  it.each([-1, 1.5, 2 ** 32, Number.NaN])("rejects seed %s", (seed) => {
    expect(() => createRandom(seed)).toThrow(RangeError);
  });
});

describe("writeSampleWorkbook", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each<SampleFormat>(["xlsx", "csv"])("same seed gives identical %s", (format) => {
    vi.useFakeTimers({ now: new Date("2025-01-01T00:00:00Z") });
    const first = writeSampleWorkbook(generateSampleRows({ profiles: 50, seed: 9 }), format);
    vi.setSystemTime(new Date("2031-07-15T12:34:56Z"));
    const second = writeSampleWorkbook(generateSampleRows({ profiles: 50, seed: 9 }), format);

    expect(sha256(second)).toBe(sha256(first));
  });

  it.each<SampleFormat>(["xlsx", "csv"])("different seed changes %s", (format) => {
    const first = writeSampleWorkbook(generateSampleRows({ profiles: 50, seed: 9 }), format);
    const second = writeSampleWorkbook(generateSampleRows({ profiles: 50, seed: 10 }), format);

    expect(sha256(second)).not.toBe(sha256(first));
  });

  it("pins xlsx document dates", () => {
    const bytes = writeSampleWorkbook(generateSampleRows({ profiles: 3, seed: 1 }), "xlsx");
    const container = XLSX.CFB.read(bytes, { type: "array" });
    const core = XLSX.CFB.find(container, "/docProps/core.xml");
    const xml = new TextDecoder().decode(core?.content as Uint8Array);

    expect(xml).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2024-06-01T00:00:00Z</dcterms:created>');
    expect(xml).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2024-06-01T00:00:00Z</dcterms:modified>');
  });

  it("writes csv with BOM and header", () => {
    const bytes = writeSampleWorkbook(generateSampleRows({ profiles: 3, seed: 1 }), "csv");
    const text = new TextDecoder().decode(bytes);
    const parsed = Papa.parse<string[]>(text, { header: false });

    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(parsed.data[0]).toEqual([...SAMPLE_COLUMNS]);
    expect(parsed.errors).toEqual([]);
  });

  it("keeps id digits in xlsx", () => {
    const rows = generateSampleRows({ profiles: 5, seed: 2 });
    const workbook = XLSX.read(writeSampleWorkbook(rows, "xlsx"), { type: "array" });
    const sheet = workbook.Sheets[workbook.SheetNames[0] ?? ""];
    const ids = XLSX.utils.sheet_to_json<Record<string, unknown>>(sheet!).map((row) => row.id);

    expect(workbook.SheetNames).toEqual(["profiles"]);
    expect(ids).toEqual(rows.map((row) => row.id));
  });

  it("writes the given columns only", () => {
    const bytes = writeSampleWorkbook([{ b: 1, a: "x" }], "csv", { columns: ["a", "b", "c"] });

    expect(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes)).toBe("\uFEFFa,b,c\r\nx,1,");
  });
});

describe("generateSampleRows", () => {
  const rows = generateSampleRows({ profiles: 400, seed: 5 });

  it("writes export columns in order", () => {
    for (const row of rows) {
      expect(Object.keys(row)).toEqual([...SAMPLE_COLUMNS]);
    }
  });

  it("creates the requested row count", () => {
    expect(rows).toHaveLength(400);
    expect(generateSampleRows({ profiles: 1, seed: 5 })).toHaveLength(1);
  });

  it("gives unique account ids", () => {
    expect(new Set(rows.map((row) => row.account_id)).size).toBe(rows.length);
  });

  it("keeps video URLs unique", () => {
    const urls = rows.flatMap(videoUrlsOf);

    expect(new Set(urls).size).toBe(urls.length);
  });

  it("lists 1 to 35 own videos", () => {
    for (const row of rows) {
      const urls = videoUrlsOf(row);
      expect(urls.length).toBeGreaterThanOrEqual(1);
      expect(urls.length).toBeLessThanOrEqual(35);
      for (const url of urls) {
        expect(url).toMatch(VIDEO_URL);
        expect(VIDEO_URL.exec(url)?.[1]).toBe(row.account_id);
      }
    }
  });

  it("orders videos newest first", () => {
    for (const row of rows) {
      const times = videoUrlsOf(row).map((url) => videoCreationSeconds(VIDEO_URL.exec(url)?.[2] ?? "0"));
      expect(times).toEqual([...times].sort((a, b) => b - a));
      expect(Math.min(...times)).toBeGreaterThanOrEqual(FIRST_ACCOUNT_SECONDS);
      expect(Math.max(...times)).toBeLessThan(SCRAPE_END_SECONDS);
      expect(Math.max(...times)).toBeLessThan(Date.parse(`${String(row.timestamp)}T00:00:00Z`) / 1000 + 86_400);
    }
  });

  it("writes 19-digit user ids", () => {
    for (const row of rows) {
      expect(row.id).toMatch(/^[67]\d{18}$/);
    }
  });

  it("rounds large counts to hundreds", () => {
    const counts = rows.flatMap((row) => [row.followers, row.following, row.likes].map(Number));

    expect(counts.filter((count) => count >= 10_000).length).toBeGreaterThan(100);
    for (const count of counts.filter((value) => value >= 10_000)) {
      expect(count % 100).toBe(0);
    }
  });

  it("sums comment and like rates", () => {
    for (const row of rows) {
      const sum = Number(row.comment_engagement_rate) + Number(row.like_engagement_rate);
      expect(Math.abs(Number(row.awg_engagement_rate) - sum)).toBeLessThan(1e-6);
      expect(Number(row.awg_engagement_rate)).toBeLessThanOrEqual(64);
    }
  });

  it("writes the export's literal cells", () => {
    expect(new Set(rows.map((row) => row.create_time))).toEqual(new Set(["null"]));
    expect(new Set(rows.map((row) => typeof row.is_verified))).toEqual(new Set(["boolean"]));
    expect(rows.filter((row) => row.bio_link === "null").length).toBeGreaterThan(rows.length / 2);
    expect(rows.filter((row) => row.biography === "null").length).toBeGreaterThan(20);
    for (const row of rows) {
      expect(row.timestamp).toMatch(/^2024-05-\d\d$|^2024-06-01$/);
    }
  });

  it("points some URLs elsewhere", () => {
    const foreign = rows.filter((row) => row.url !== `https://www.tiktok.com/@${row.account_id}`).length;

    expect(foreign).toBeGreaterThan(rows.length * 0.05);
    expect(foreign).toBeLessThan(rows.length * 0.15);
  });

  it("fakes signed picture URLs", () => {
    for (const row of rows) {
      expect(row.profile_pic_url).toMatch(
        /^https:\/\/p16-sign-va\.tiktokcdn\.example\/tos-maliva-avt-0068\/[0-9a-f]{32}~c5_720x720\.jpeg\?lk3s=a5d48078&x-expires=\d{10}&x-signature=[\w-]{27}%3D$/,
      );
    }
  });

  it.each([
    ["multi-line", /\n/],
    ["emoji", /\p{Extended_Pictographic}/u],
    ["hashtag", /#\S+/],
    ["@mention", /@[a-z]/],
    ["Cyrillic", /\p{Script=Cyrillic}/u],
    ["Arabic", /\p{Script=Arabic}/u],
    ["Han", /\p{Script=Han}/u],
    ["Devanagari", /\p{Script=Devanagari}/u],
    ["formula-like start", /^[=+\-@]/],
  ])("writes %s bios", (_kind, pattern) => {
    expect(rows.filter((row) => pattern.test(String(row.biography))).length).toBeGreaterThan(3);
  });

  it("writes nicknames in several scripts", () => {
    const nicknames = rows.map((row) => String(row.nickname));

    for (const script of [/\p{Script=Latin}/u, /\p{Script=Cyrillic}/u, /\p{Script=Arabic}/u, /\p{Script=Katakana}/u, /\p{Script=Devanagari}/u]) {
      expect(nicknames.some((nickname) => script.test(nickname))).toBe(true);
    }
  });

  it("shares bio words within topics", () => {
    const profiles = generateSample({ profiles: 400, seed: 5 }).filter((profile) => profile.row.biography !== "null");
    const tokens = profiles.map((profile) => new Set(String(profile.row.biography).toLowerCase().split(/\s+/)));
    const totals = { same: 0, sameCount: 0, different: 0, differentCount: 0 };
    for (let i = 0; i < profiles.length; i++) {
      for (let j = i + 1; j < profiles.length; j++) {
        const [a, b] = [tokens[i]!, tokens[j]!];
        const shared = [...a].filter((token) => b.has(token)).length;
        const jaccard = shared / (a.size + b.size - shared);
        if (profiles[i]!.topics[0] === profiles[j]!.topics[0]) {
          totals.same += jaccard;
          totals.sameCount++;
        } else {
          totals.different += jaccard;
          totals.differentCount++;
        }
      }
    }

    // Same-topic pairs share about 15 times as many tokens as other pairs with this seed.
    expect(totals.same / totals.sameCount).toBeGreaterThan((5 * totals.different) / totals.differentCount);
  });

  it("assigns one or two topics", () => {
    const profiles = generateSample({ profiles: 400, seed: 5 });
    const topicCounts = new Set(profiles.map((profile) => profile.topics.length));
    const topics = new Set(profiles.flatMap((profile) => profile.topics));

    expect(topicCounts).toEqual(new Set([1, 2]));
    expect(topics.size).toBe(12);
  });

  it.each([0, -1, 1.5])("rejects profile count %s", (profiles) => {
    expect(() => generateSampleRows({ profiles, seed: 1 })).toThrow(RangeError);
  });
});
