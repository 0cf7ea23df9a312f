/**
 * @module
 * Reads whole files in the shapes that users bring: the 18-column Kaggle export with the
 * defects of real data, Bright Data's 36-column export, and trimmed Excel re-saves as
 * workbook and as CSV. Every fixture is generated here from the synthetic sample or by hand.
 */
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import * as XLSX from "xlsx";

import { readProfiles, type ReadResult, type SkipReason } from "../../scripts/lib/ingest/index.ts";
import {
  SAMPLE_COLUMNS,
  generateSampleRows,
  writeSampleWorkbook,
  type SampleCell,
  type SampleFormat,
  type SampleRow,
} from "../../scripts/lib/sample/index.ts";

// Video ids whose high 32 bits are 1700000000 s (2023-11-14T22:13:20Z).
const BASE_VIDEO_ID = 1_700_000_000n << 32n;
const videoUrl = (handle: string, index: number): string => `https://www.tiktok.com/@${handle}/video/${BASE_VIDEO_ID + BigInt(index)}`;

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

/** What a read must return: used rows, skipped rows by reason, warnings and column lists. */
interface ExpectedRead {
  accountIds: string[];
  rowNumbers: number[];
  skipped: Partial<Record<SkipReason, number[]>>;
  warnings: string[];
  columnsIgnored: string[];
}

const expectRead = (result: ReadResult, expected: ExpectedRead): void => {
  const skipped = Object.fromEntries(
    Object.entries(result.report.rowsSkipped)
      .filter(([, tally]) => tally.count > 0)
      .map(([reason, tally]) => [reason, tally.firstRows]),
  );
  expect(result.profiles.map((profile) => profile.accountId)).toEqual(expected.accountIds);
  expect(result.profiles.map((profile) => profile.rowNumber)).toEqual(expected.rowNumbers);
  expect(skipped).toEqual(expected.skipped);
  expect(result.report.warnings).toEqual(expected.warnings);
  expect(result.report.columnsIgnored).toEqual(expected.columnsIgnored);
};

const urlsOf = (row: SampleRow): string[] => String(row.top_videos).split(",");
const videoIdOf = (url: string): string => url.slice(url.lastIndexOf("/") + 1);

describe("Kaggle export with defects", () => {
  // 30 generated rows; sheet row = index + 2. Defects are placed at fixed indexes.
  const rows = generateSampleRows({ profiles: 30, seed: 5 });
  const handles = rows.map((row) => String(row.account_id));
  const defective: SampleRow[] = rows.map((row) => ({ ...row }));
  const setRow = (index: number, change: Partial<SampleRow>): void => {
    defective[index] = { ...defective[index]!, ...change };
  };
  // Row 6 repeats the account of row 3 with other videos.
  setRow(4, { account_id: handles[1]! });
  // Row 11 has no videos.
  setRow(9, { top_videos: "null" });
  // Row 14 has one URL that does not parse among valid ones.
  setRow(12, { top_videos: `${urlsOf(rows[12]!).join(",")},https://www.tiktok.com/@${handles[12]}/video/not-a-number` });
  // Row 17 lists the first video of row 2 under its own handle: a video under two handles.
  setRow(15, { top_videos: `${urlsOf(rows[15]!).join(",")},https://www.tiktok.com/@${handles[15]}/video/${videoIdOf(urlsOf(rows[0]!)[0]!)}` });
  // Row 22 has no account_id.
  setRow(20, { account_id: "null" });

  const keptIndexes = rows.map((_, index) => index).filter((index) => ![4, 9, 20].includes(index));

  it.each<SampleFormat>(["csv", "xlsx", "ods"])("reads %s with defects", (format) => {
    const result = readProfiles(writeSampleWorkbook(defective, format), { fileName: `kaggle.${format}` });

    expectRead(result, {
      accountIds: keptIndexes.map((index) => handles[index]!),
      rowNumbers: keptIndexes.map((index) => index + 2),
      skipped: { duplicate_account_id: [6], no_valid_videos: [11], missing_account_id: [22] },
      warnings: [],
      columnsIgnored: ["timestamp", "create_time", "url", "profile_pic_url"],
    });
    expect(result.report.invalidVideoUrls).toEqual({ count: 1, firstRows: [14] });
    expect(result.report.videosListedEarlier).toEqual({ count: 1, firstRows: [17] });
    expect(result.profiles.find((profile) => profile.rowNumber === 17)?.topVideos).toHaveLength(urlsOf(rows[15]!).length);
  });
});

describe("Bright Data 36-column export", () => {
  // The export's documented extra columns, then stand-ins for its other eight, all ignored.
  const EXTRA_COLUMNS = [
    "predicted_lang", "region", "signature", "is_private", "like_count", "digg_count", "secu_id", "short_id",
    "is_under_age_18", "profile_pic_url_hd", "input", "discovery_input", "error", "error_code", "warning",
    "warning_code", "is_commerce_user", "friend_count",
  ];
  const COLUMNS = [...SAMPLE_COLUMNS, ...EXTRA_COLUMNS];
  const rows = generateSampleRows({ profiles: 30, seed: 11 });
  // Masking keeps the first two and the last character, as in "ab██z".
  const mask = (handle: string): string => `${handle.slice(0, 2)}██${handle.slice(-1)}`;
  const MASKED = new Set([2, 5, 8]);

  const toBrightData = (row: SampleRow, index: number): Record<string, SampleCell> => {
    const emptyIfNull = (value: SampleCell): SampleCell => (value === "null" ? "" : value);
    return {
      ...Object.fromEntries(Object.entries(row).map(([column, value]) => [column, emptyIfNull(value)])),
      account_id: MASKED.has(index) ? mask(String(row.account_id)) : row.account_id,
      top_videos: index === 20 ? "" : JSON.stringify(urlsOf(row)),
      create_time: "",
      predicted_lang: index % 2 === 0 ? "en" : "es",
      region: "US",
      signature: emptyIfNull(row.biography),
      is_private: false,
      like_count: row.likes,
      digg_count: 0,
      secu_id: `MS4wLjABAAAA${index}`,
      short_id: "",
      is_under_age_18: false,
      profile_pic_url_hd: row.profile_pic_url,
      ...Object.fromEntries(EXTRA_COLUMNS.slice(10).map((column) => [column, ""])),
    };
  };
  const records = rows.map(toBrightData);
  // Two masked ids collide: row 11 gets the masked form of row 10's account.
  records[9] = { ...records[9]!, account_id: records[8]!.account_id! };

  const expectedIndexes = rows.map((_, index) => index).filter((index) => index !== 9 && index !== 20);

  it.each<SampleFormat>(["csv", "xlsx"])("reads %s export", (format) => {
    const result = readProfiles(writeSampleWorkbook(records, format, { columns: COLUMNS }), { fileName: `brightdata.${format}` });

    expectRead(result, {
      accountIds: expectedIndexes.map((index) => String(records[index]!.account_id)),
      rowNumbers: expectedIndexes.map((index) => index + 2),
      skipped: { duplicate_account_id: [11], no_valid_videos: [22] },
      warnings: [
        'column "account_id": 4 ids are partly masked with block characters (rows 4, 7, 10, 11); ' +
          "masked ids can collide, and requests cannot name these people; their videos are still recommended to others",
      ],
      columnsIgnored: ["timestamp", "create_time", "url", "profile_pic_url", ...EXTRA_COLUMNS.slice(2)],
    });
    expect(result.report.columnsUsed).toContain("predicted_lang");
    expect(result.profiles[0]).toMatchObject({ predictedLang: "en", region: "US", bioLink: rows[0]!.bio_link === "null" ? null : rows[0]!.bio_link });
    expect(result.profiles.map((profile) => profile.topVideos.map((video) => video.url))).toEqual(expectedIndexes.map((index) => urlsOf(rows[index]!)));
    expect(result.profiles.map((profile) => profile.biography)).toEqual(
      expectedIndexes.map((index) => (rows[index]!.biography === "null" ? "" : rows[index]!.biography)),
    );
  });
});

describe("trimmed Excel re-saves", () => {
  const ID = "6784563421347844097";
  const HEADER = ["Account ID", "Nickname", "Is Verified", "Followers", "AWG Engagement Rate", "id", "timestamp", "Top Videos"];

  // What Excel writes when it saves the trimmed sheet as CSV: display formats, not values.
  const resavedCsv = Papa.unparse(
    [
      HEADER,
      ["alpha", "Alpha", "TRUE", "1,234,500", "5.12%", "6.78456E+18", "01-05-2024", videoUrl("alpha", 1)],
      ["beta", "Beta", "FALSE", "1200", "0.05", "6784563421347840000", "45413", videoUrl("beta", 2)],
      ["gamma", "Gamma", "TRUE", " 12 ", "0.1", ID, "02-05-2024", `${videoUrl("gamma", 3)},${videoUrl("gamma", 4)}`],
    ],
    { newline: "\r\n" },
  );

  // The same sheet as an xlsx: typed cells with number formats, and an id that Excel turned into a number.
  const createResavedWorkbook = (): Uint8Array => {
    const sheet = XLSX.utils.aoa_to_sheet([
      HEADER,
      ["alpha", "Alpha", true, 1_234_500, 0.0512, 6_784_563_421_347_844_097, "01-05-2024", videoUrl("alpha", 1)],
      ["beta", "Beta", false, "1200", 0.05, 6_784_563_421_347_840_000, 45_413, videoUrl("beta", 2)],
      ["gamma", "Gamma", true, "12", 0.1, ID, 45_414, `${videoUrl("gamma", 3)},${videoUrl("gamma", 4)}`],
    ]);
    sheet.E2!.z = "0.00%";
    sheet.G3!.z = "dd-mm-yyyy";
    const workbook = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(workbook, sheet, "Trimmed");
    return new Uint8Array(XLSX.write(workbook, { type: "array", bookType: "xlsx" }) as ArrayBuffer);
  };

  const ROUNDED_ID_WARNING =
    'column "id": 2 ids were rounded to 15 significant digits, as Excel does with long numbers such as 6.78E+18 or ' +
    "6784563421347840000 (rows 2, 3); read as empty. Format the column as Text before saving in Excel, or use the original CSV";

  it.each<[string, () => Uint8Array, string]>([
    ["CSV", () => encode(resavedCsv), "trimmed.csv"],
    ["xlsx", createResavedWorkbook, "trimmed.xlsx"],
  ])("reads %s re-save", (_format, createBytes, fileName) => {
    const result = readProfiles(createBytes(), { fileName });

    expectRead(result, {
      accountIds: ["alpha", "beta", "gamma"],
      rowNumbers: [2, 3, 4],
      skipped: {},
      warnings: [ROUNDED_ID_WARNING],
      columnsIgnored: ["timestamp"],
    });
    expect(result.profiles.map((profile) => profile.userId)).toEqual([null, null, ID]);
    expect(result.profiles.map((profile) => profile.isVerified)).toEqual([true, false, true]);
    expect(result.profiles.map((profile) => profile.followers)).toEqual([1_234_500, 1200, 12]);
    expect(result.profiles.map((profile) => profile.engagementRate)).toEqual([0.0512, 0.05, 0.1]);
    expect(result.report.columnsUsed).toEqual(["account_id", "top_videos", "id", "nickname", "is_verified", "followers", "awg_engagement_rate"]);
  });

  it("converts date cells to ISO dates", () => {
    const csvLines = readProfiles(createResavedWorkbook(), { fileName: "trimmed.xlsx" }).csv.split("\r\n");

    expect(csvLines.map((line) => line.split(",")[6])).toEqual(["timestamp", "01-05-2024", "2024-05-01", "45414"]);
  });
});
