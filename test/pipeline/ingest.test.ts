/**
 * @module
 * Tests of readProfiles and its steps on fixtures generated in memory: synthetic sample
 * workbooks and small hand-written tables with the quirks of real exports.
 */
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import * as XLSX from "xlsx";

import {
  InvalidInputError,
  escapeFormula,
  formatReadReport,
  parseVideoUrl,
  readProfiles,
  unescapeFormula,
  videoCreationSeconds,
  workbookToCsv,
  type ReadResult,
} from "../../scripts/lib/ingest/index.ts";
import { generateSampleRows, writeSampleWorkbook, type SampleFormat, type SampleRecord } from "../../scripts/lib/sample/index.ts";

// Video ids whose high 32 bits are 1700000000 s (2023-11-14T22:13:20Z).
const BASE_VIDEO_ID = 1_700_000_000n << 32n;
const videoUrl = (handle: string, index: number): string =>
  `https://www.tiktok.com/@${handle}/video/${BASE_VIDEO_ID + BigInt(index)}`;

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

const csv = (rows: readonly (readonly string[])[], delimiter = ",", newline = "\n"): string =>
  Papa.unparse(rows.map((row) => [...row]), { delimiter, newline });

const readText = (text: string, fileName = "input.csv"): ReadResult => readProfiles(encode(text), { fileName });

const readRecords = (records: SampleRecord[], format: SampleFormat = "xlsx"): ReadResult =>
  readProfiles(writeSampleWorkbook(records, format), { fileName: `input.${format}` });

const encodeUtf16 = (text: string, littleEndian: boolean): Uint8Array => {
  const bytes = new Uint8Array(2 + text.length * 2);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, 0xfeff, littleEndian);
  for (let i = 0; i < text.length; i++) {
    view.setUint16(2 + i * 2, text.charCodeAt(i), littleEndian);
  }
  return bytes;
};

const catchError = (action: () => unknown): InvalidInputError => {
  try {
    action();
  } catch (error) {
    if (error instanceof InvalidInputError) {
      return error;
    }
    throw error;
  }
  throw new Error("expected an InvalidInputError");
};

// Two profiles with a multi-line bio, non-Latin text and commas, for the format variants.
const BASIC_ROWS = [
  ["account_id", "nickname", "biography", "top_videos"],
  ["alpha", "Ünïcødé 🌸", "line one\nline two, with comma", videoUrl("alpha", 1)],
  ["beta", "Жора", "#cooking 🍳", `${videoUrl("beta", 2)},${videoUrl("beta", 3)}`],
];

const expectBasicProfiles = (result: ReadResult): void => {
  expect(result.profiles.map((profile) => profile.accountId)).toEqual(["alpha", "beta"]);
  expect(result.profiles.map((profile) => profile.rowNumber)).toEqual([2, 3]);
  expect(result.profiles[0]?.nickname).toBe("Ünïcødé 🌸");
  expect(result.profiles[0]?.biography).toBe("line one\nline two, with comma");
  expect(result.profiles[1]?.topVideos.map((video) => video.videoId)).toEqual([
    String(BASE_VIDEO_ID + 2n),
    String(BASE_VIDEO_ID + 3n),
  ]);
};

describe("sample round trip", () => {
  const rows = generateSampleRows({ profiles: 40, seed: 3 });

  // xls is left out because SheetJS writes at most 255 characters of a text cell to it.
  it.each<SampleFormat>(["xlsx", "csv", "ods"])("reads sample %s fully", (format) => {
    const result = readRecords(rows, format);

    expect(result.report.warnings).toEqual([]);
    expect(result.report.rowsRead).toBe(40);
    expect(result.report.rowsUsed).toBe(40);
    expect(result.profiles.map((profile) => profile.accountId)).toEqual(rows.map((row) => row.account_id));
    expect(result.profiles.map((profile) => profile.userId)).toEqual(rows.map((row) => row.id));
    expect(result.profiles.map((profile) => profile.topVideos.map((video) => video.url).join(","))).toEqual(
      rows.map((row) => row.top_videos),
    );
    expect(result.profiles.map((profile) => profile.biography)).toEqual(
      rows.map((row) => (row.biography === "null" ? "" : row.biography)),
    );
    expect(result.profiles.map((profile) => profile.nickname)).toEqual(rows.map((row) => row.nickname));
    expect(result.profiles.map((profile) => profile.isVerified)).toEqual(rows.map((row) => row.is_verified));
    expect(result.profiles.map((profile) => profile.followers)).toEqual(rows.map((row) => row.followers));
    expect(result.profiles.map((profile) => profile.engagementRate)).toEqual(rows.map((row) => row.awg_engagement_rate));
    expect(result.profiles.map((profile) => profile.bioLink)).toEqual(
      rows.map((row) => (row.bio_link === "null" ? null : row.bio_link)),
    );
  });

  it("reads short xls cells", () => {
    const records = [
      { account_id: "alpha", nickname: "Ünïcødé 🌸", followers: 1200, is_verified: true, id: "6784563421347844097", top_videos: videoUrl("alpha", 1) },
    ];
    const result = readRecords(records, "xls");

    expect(result.report.format).toBe("ole");
    expect(result.profiles[0]).toMatchObject({ accountId: "alpha", nickname: "Ünïcødé 🌸", followers: 1200, isVerified: true, userId: "6784563421347844097" });
  });

  it("reads xlsx and csv alike", () => {
    expect(readRecords(rows, "xlsx").profiles).toEqual(readRecords(rows, "csv").profiles);
  });

  it.each<SampleFormat>(["xlsx", "csv"])("returns converted CSV of %s", (format) => {
    const read = readRecords(rows, format);
    const fromConvertedCsv = readText(read.csv, "converted.csv");

    expect(read.csv).toMatch(/^timestamp,account_id,nickname,/);
    expect(fromConvertedCsv.profiles).toEqual(read.profiles);
  });
});

describe("column mapping", () => {
  it.each([
    ["Account ID", "Top Videos"],
    ["ACCOUNT_ID", "TOP_VIDEOS"],
    ["  account_id ", "top videos"],
    ["AccountId", "top-videos"],
  ])("matches headers %j and %j", (accountHeader, videosHeader) => {
    const result = readText(csv([[accountHeader, videosHeader], ["alpha", videoUrl("alpha", 1)]]));

    expect(result.profiles.map((profile) => profile.accountId)).toEqual(["alpha"]);
    expect(result.report.columnsUsed).toEqual(["account_id", "top_videos"]);
  });

  it("reads columns in any order", () => {
    const result = readText(csv([
      ["followers", "top_videos", "nickname", "account_id"],
      ["1200", videoUrl("alpha", 1), "Alpha", "alpha"],
    ]));

    expect(result.profiles[0]).toMatchObject({ accountId: "alpha", nickname: "Alpha", followers: 1200 });
    expect(result.report.columnsUsed).toEqual(["account_id", "top_videos", "nickname", "followers"]);
  });

  it("lists extra columns as ignored", () => {
    const result = readText(csv([
      ["account_id", "signature", "top_videos", "secu_id", "url", ""],
      ["alpha", "text", videoUrl("alpha", 1), "x", "https://www.tiktok.com/@alpha", ""],
    ]));

    expect(result.report.columnsIgnored).toEqual(["signature", "secu_id", "url"]);
  });

  it("reads 36-column export fields", () => {
    const result = readText(csv([
      ["account_id", "predicted_lang", "region", "top_videos", "biography", "is_private"],
      ["alpha", "es", "MX", JSON.stringify([videoUrl("alpha", 1), videoUrl("alpha", 2)]), "", "false"],
    ]));

    expect(result.profiles[0]).toMatchObject({ predictedLang: "es", region: "MX", biography: "", bioLink: null });
    expect(result.profiles[0]?.topVideos).toHaveLength(2);
    expect(result.report.columnsIgnored).toEqual(["is_private"]);
  });

  it("warns about repeated column names", () => {
    const result = readText(csv([
      ["account_id", "top_videos", "Account ID"],
      ["alpha", videoUrl("alpha", 1), "other"],
    ]));

    expect(result.profiles[0]?.accountId).toBe("alpha");
    expect(result.report.warnings).toEqual([
      'columns "Account ID" repeat a column found earlier in the header; their cells were ignored',
    ]);
  });
});

describe("text formats", () => {
  const commaCsv = csv(BASIC_ROWS);

  it.each<[string, () => Uint8Array, string]>([
    ["plain UTF-8", () => encode(commaCsv), "utf-8"],
    ["UTF-8 with BOM", () => encode(`\uFEFF${commaCsv}`), "utf-8"],
    ["CRLF line ends", () => encode(csv(BASIC_ROWS, ",", "\r\n")), "utf-8"],
    ["CR line ends", () => encode(csv(BASIC_ROWS, ",", "\r")), "utf-8"],
    ["semicolon delimiter", () => encode(csv(BASIC_ROWS, ";", "\r\n")), "utf-8"],
    ["tab delimiter", () => encode(csv(BASIC_ROWS, "\t")), "utf-8"],
    ["UTF-16 LE Unicode Text", () => encodeUtf16(csv(BASIC_ROWS, "\t", "\r\n"), true), "utf-16le"],
    ["UTF-16 BE", () => encodeUtf16(commaCsv, false), "utf-16be"],
  ])("reads %s", (_variant, createBytes, encoding) => {
    const result = readProfiles(createBytes(), { fileName: "input.csv" });

    expectBasicProfiles(result);
    expect(result.report.encoding).toBe(encoding);
    expect(result.report.warnings).toEqual([]);
  });

  it.each<[string, string]>([
    [",", csv(BASIC_ROWS)],
    [";", csv(BASIC_ROWS, ";")],
    ["\t", csv(BASIC_ROWS, "\t")],
  ])("detects delimiter %j", (delimiter, text) => {
    expect(readText(text).report.delimiter).toBe(delimiter);
  });

  it("decodes Windows-1252 with warning", () => {
    const text = `account_id,nickname,top_videos\nalpha,caf\u00e9,${videoUrl("alpha", 1)}\n`;
    const bytes = Uint8Array.from(text, (character) => character.charCodeAt(0));
    const result = readProfiles(bytes, { fileName: "ansi.csv" });

    expect(result.profiles[0]?.nickname).toBe("café");
    expect(result.report.encoding).toBe("windows-1252");
    expect(result.report.warnings).toEqual([
      'the file is not valid UTF-8, so it was decoded as Windows-1252; if names or bios look garbled, save it from Excel as "CSV UTF-8"',
    ]);
  });

  it("counts blank lines in row numbers", () => {
    const result = readText(`\naccount_id,top_videos\n\nalpha,${videoUrl("alpha", 1)}\n\n`);

    expect(result.profiles.map((profile) => profile.rowNumber)).toEqual([4]);
    expect(result.report.headerRow).toBe(2);
    expect(result.report.rowsRead).toBe(1);
  });

  it("pads rows with missing fields", () => {
    const result = readText(`account_id,top_videos,nickname\nalpha,${videoUrl("alpha", 1)}\n`);

    expect(result.profiles[0]?.nickname).toBe("");
    expect(result.report.warnings).toEqual(["1 row has fewer fields than the header (row 2); the missing cells were read as empty"]);
  });

  it.each<[string, string]>([
    ["semicolon", "sep=;\r\naccount_id;nickname;top_videos\r\nalpha;a,b;" + videoUrl("alpha", 1) + "\r\n"],
    ["comma", "SEP=,\naccount_id,nickname,top_videos\nalpha,\"a,b\"," + videoUrl("alpha", 1) + "\n"],
  ])("follows sep directive for %s", (_delimiter, text) => {
    const result = readText(text);

    expect(result.profiles[0]).toMatchObject({ accountId: "alpha", nickname: "a,b", rowNumber: 2 });
    expect(result.report.headerRow).toBe(1);
  });

  it("reads CRLF inside quoted cell", () => {
    const result = readText(`account_id,biography,top_videos\r\nalpha,"one\r\ntwo",${videoUrl("alpha", 1)}\r\n`);

    expect(result.profiles[0]?.biography).toBe("one\ntwo");
  });

  it("drops empty trailing fields", () => {
    const result = readText(`account_id,top_videos\nalpha,${videoUrl("alpha", 1)},,\n`);

    expect(result.profiles.map((profile) => profile.accountId)).toEqual(["alpha"]);
  });
});

describe("value cleaning", () => {
  const readCell = (column: string, value: string, delimiter = ","): ReadResult =>
    readText(csv([["account_id", "top_videos", column], ["alpha", videoUrl("alpha", 1), value]], delimiter));

  it.each(["null", "NULL", "", "   "])("reads %j as empty", (value) => {
    const profile = readText(csv([
      ["account_id", "top_videos", "biography", "nickname", "bio_link", "followers", "id", "region"],
      ["alpha", videoUrl("alpha", 1), value, value, value, value, value, value],
    ])).profiles[0];

    expect(profile).toMatchObject({ biography: "", nickname: "", bioLink: null, followers: null, userId: null, region: null });
  });

  it.each<[string, boolean]>([
    ["true", true],
    ["TRUE", true],
    ["False", false],
    ["1", true],
    ["0", false],
    ["null", false],
  ])("reads is_verified %j", (value, expected) => {
    const result = readCell("is_verified", value);

    expect(result.profiles[0]?.isVerified).toBe(expected);
    expect(result.report.warnings).toEqual([]);
  });

  it.each<[string, number]>([
    ["1234", 1234],
    [" 1,234,500 ", 1_234_500],
    ["12 500", 12_500],
    ["0.0512", 0.0512],
    ["1.5E3", 1500],
    ["-3", -3],
    ["5.12%", 0.0512],
    ["-0.5 %", -0.005],
  ])("reads number text %j", (value, expected) => {
    expect(readCell("followers", value).profiles[0]?.followers).toBe(expected);
  });

  it.each<[string, number]>([
    ["0,0512", 0.0512],
    ["1.234.500", 1_234_500],
    ["1.234,5", 1234.5],
    ["0.25", 0.25],
    ["5,12%", 0.0512],
  ])("reads semicolon CSV number %j", (value, expected) => {
    expect(readCell("awg_engagement_rate", value, ";").profiles[0]?.engagementRate).toBe(expected);
  });

  it("warns about invalid numbers", () => {
    const result = readCell("followers", "12.3K");

    expect(result.profiles[0]?.followers).toBeNull();
    expect(result.report.warnings).toEqual(['column "followers": 1 cell is not a number (row 2); read as empty']);
  });

  it("warns about invalid booleans", () => {
    const result = readCell("is_verified", "yes");

    expect(result.profiles[0]?.isVerified).toBe(false);
    expect(result.report.warnings).toEqual(['column "is_verified": 1 cell is not true or false (row 2); read as false']);
  });

  it("keeps 19-digit ids exact", () => {
    expect(readCell("id", "6784563421347844097").profiles[0]?.userId).toBe("6784563421347844097");
  });

  it.each(["6.78E+18", "6,78E+18", "6784563421347840000.0", "6784563421347840000", "678456342134784000"])("drops rounded id %j", (value) => {
    const result = readCell("id", value);

    expect(result.profiles[0]?.userId).toBeNull();
    expect(result.report.warnings).toEqual([
      'column "id": 1 id was rounded to 15 significant digits, as Excel does with long numbers such as 6.78E+18 or ' +
        "6784563421347840000 (row 2); read as empty. Format the column as Text before saving in Excel, or use the original CSV",
    ]);
  });

  // Trailing zeros count as rounding only from 18 digits on, where a genuine id has them about once in 1,000.
  it.each(["6784563421347840001", "12345678901234500", "107955"])("keeps id %j", (value) => {
    const result = readCell("id", value);

    expect(result.profiles[0]?.userId).toBe(value);
    expect(result.report.warnings).toEqual([]);
  });

  it("flags numeric id cells in xlsx", () => {
    const result = readRecords([{ account_id: "alpha", id: 6_784_563_421_347_844_097, top_videos: videoUrl("alpha", 1) }]);

    expect(result.csv).toContain("6.784563421347844e+18");
    expect(result.profiles[0]?.userId).toBeNull();
    expect(result.report.warnings).toHaveLength(1);
  });

  it("warns about masked account ids", () => {
    const result = readText(csv([["account_id", "top_videos"], ["al██a", videoUrl("a", 1)]]));

    expect(result.profiles[0]?.accountId).toBe("al██a");
    expect(result.report.warnings).toEqual([
      'column "account_id": 1 id is partly masked with block characters (row 2); masked ids can collide, and requests cannot name these people; their videos are still recommended to others',
    ]);
  });

  it("reads TRUE and numbers from xlsx", () => {
    const profile = readRecords([
      { account_id: "alpha", is_verified: true, followers: 1_200_000, like_engagement_rate: 0.123456789, top_videos: videoUrl("alpha", 1) },
    ]).profiles[0];

    expect(profile).toMatchObject({ isVerified: true, followers: 1_200_000, likeEngagementRate: 0.123456789 });
  });
});

describe("top_videos", () => {
  it.each<[string, string | null]>([
    ["https://www.tiktok.com/@alpha/video/7301234567890123456", "7301234567890123456"],
    ["http://m.tiktok.com/@alpha/video/7301234567890123456/?lang=en#top", "7301234567890123456"],
    ["  https://tiktok.com/@al.pha_1/video/42  ", "42"],
    ["https://www.tiktok.com/@alpha/photo/7301234567890123456", null],
    ["https://www.tiktok.com.example/@alpha/video/1", null],
    ["https://www.tiktok.com/@alpha/video/18446744073709551616", null],
    ["ftp://www.tiktok.com/@alpha/video/1", null],
    ["not a url", null],
  ])("parses video URL %j", (url, videoId) => {
    expect(parseVideoUrl(url)?.videoId ?? null).toBe(videoId);
  });

  it("decodes creation time from ids", () => {
    expect(videoCreationSeconds(String(BASE_VIDEO_ID + 123n))).toBe(1_700_000_000);
  });

  it("reads JSON array top_videos", () => {
    const result = readText(csv([["account_id", "top_videos"], ["alpha", JSON.stringify([videoUrl("alpha", 1), videoUrl("alpha", 2)])]]));

    expect(result.profiles[0]?.topVideos.map((video) => video.handle)).toEqual(["alpha", "alpha"]);
  });

  it("counts unparseable video URLs", () => {
    const cell = `${videoUrl("alpha", 1)}, not-a-url ,https://example.com/@alpha/video/2`;
    const result = readText(csv([["account_id", "top_videos"], ["alpha", cell]]));

    expect(result.profiles[0]?.topVideos).toHaveLength(1);
    expect(result.report.invalidVideoUrls).toEqual({ count: 2, firstRows: [2] });
  });

  it("counts malformed JSON once", () => {
    const result = readText(csv([
      ["account_id", "top_videos"],
      ["alpha", `["${videoUrl("alpha", 1)}"`],
      ["beta", videoUrl("beta", 2)],
    ]));

    expect(result.report.invalidVideoUrls).toEqual({ count: 1, firstRows: [2] });
    expect(result.report.rowsSkipped.no_valid_videos).toEqual({ count: 1, firstRows: [2] });
  });

  it("skips rows without valid videos", () => {
    const result = readText(csv([
      ["account_id", "top_videos"],
      ["alpha", "null"],
      ["beta", "[]"],
      ["gamma", "https://example.com/video"],
      ["delta", videoUrl("delta", 1)],
    ]));

    expect(result.profiles.map((profile) => profile.accountId)).toEqual(["delta"]);
    expect(result.report.rowsSkipped.no_valid_videos).toEqual({ count: 3, firstRows: [2, 3, 4] });
  });

  it("drops videos repeated in row", () => {
    const result = readText(csv([["account_id", "top_videos"], ["alpha", `${videoUrl("alpha", 1)},${videoUrl("alpha", 1)}`]]));

    expect(result.profiles[0]?.topVideos).toHaveLength(1);
    expect(result.report.duplicateVideosInRow).toEqual({ count: 1, firstRows: [2] });
  });

  it("keeps shared video on first profile", () => {
    const result = readText(csv([
      ["account_id", "top_videos"],
      ["alpha", `${videoUrl("alpha", 1)},${videoUrl("alpha", 2)}`],
      ["beta", `${videoUrl("beta", 3)},${videoUrl("alpha", 2)}`],
      ["gamma", videoUrl("alpha", 1)],
    ]));

    expect(result.profiles.map((profile) => profile.topVideos.map((video) => video.videoId))).toEqual([
      [String(BASE_VIDEO_ID + 1n), String(BASE_VIDEO_ID + 2n)],
      [String(BASE_VIDEO_ID + 3n)],
    ]);
    expect(result.report.videosListedEarlier).toEqual({ count: 2, firstRows: [3, 4] });
    expect(result.report.rowsSkipped.videos_listed_earlier).toEqual({ count: 1, firstRows: [4] });
    expect(result.report.videosUsed).toBe(3);
  });
});

describe("duplicate account ids", () => {
  it("keeps first of duplicate rows", () => {
    const result = readText(csv([
      ["account_id", "nickname", "top_videos"],
      ["alpha", "First", videoUrl("alpha", 1)],
      ["alpha", "Second", videoUrl("alpha", 2)],
      ["alpha", "Third", videoUrl("alpha", 3)],
    ]));

    expect(result.profiles.map((profile) => profile.nickname)).toEqual(["First"]);
    expect(result.report.rowsSkipped.duplicate_account_id).toEqual({ count: 2, firstRows: [3, 4] });
  });

  it("lets good copy replace broken", () => {
    const result = readText(csv([
      ["account_id", "nickname", "top_videos"],
      ["alpha", "Broken", "null"],
      ["alpha", "Good", videoUrl("alpha", 2)],
    ]));

    expect(result.profiles.map((profile) => profile.nickname)).toEqual(["Good"]);
    expect(result.report.rowsSkipped.no_valid_videos.count).toBe(1);
    expect(result.report.rowsSkipped.duplicate_account_id.count).toBe(0);
  });

  it("skips rows without account_id", () => {
    const result = readText(csv([["account_id", "top_videos"], ["null", videoUrl("x", 1)], ["beta", videoUrl("beta", 2)]]));

    expect(result.report.rowsSkipped.missing_account_id).toEqual({ count: 1, firstRows: [2] });
  });
});

describe("formula escaping", () => {
  it.each<[string, string]>([
    ["=1+2", "'=1+2"],
    ["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tx", "'\tx"],
    ["\rx", "'\rx"],
    ["'=x", "''=x"],
    ["-3", "-3"],
    ["+1.5e3", "+1.5e3"],
    ["-", "'-"],
    ["'plain", "'plain"],
    ["plain", "plain"],
    ["", ""],
  ])("escapes %j as %j", (text, escaped) => {
    expect(escapeFormula(text)).toBe(escaped);
    expect(unescapeFormula(escaped)).toBe(text);
  });

  it("escapes formulas in converted CSV", () => {
    const bytes = writeSampleWorkbook([
      { account_id: "alpha", nickname: "@alpha", biography: '=HYPERLINK("https://x.example")', followers: -3, region: "-3", top_videos: videoUrl("alpha", 1) },
    ], "xlsx");
    const converted = workbookToCsv(bytes, { fileName: "formula.xlsx" });
    const profile = readProfiles(bytes, { fileName: "formula.xlsx" }).profiles[0];

    expect(converted.csv.split("\r\n")[1]).toBe(
      `alpha,'@alpha,"'=HYPERLINK(""https://x.example"")",-3,-3,${videoUrl("alpha", 1)}`,
    );
    expect(profile).toMatchObject({ nickname: "@alpha", biography: '=HYPERLINK("https://x.example")', followers: -3, region: "-3" });
  });
});

describe("converted CSV of text input", () => {
  it("converts UTF-16 semicolon text", () => {
    const result = readProfiles(encodeUtf16(csv(BASIC_ROWS, ";", "\r\n"), true), { fileName: "unicode.csv" });

    expect(result.csv).toBe(Papa.unparse(BASIC_ROWS.map((row) => [...row]), { newline: "\r\n" }));
  });

  it("keeps row numbers across blank lines", () => {
    const text = `\naccount_id,top_videos\n\nalpha,${videoUrl("alpha", 1)}\n\nbeta,${videoUrl("beta", 2)}\n`;
    const result = readText(text);
    const reread = readText(result.csv, "converted.csv");

    expect(reread.profiles.map((profile) => profile.rowNumber)).toEqual([4, 6]);
    expect(reread.profiles).toEqual(result.profiles);
  });

  it("escapes formulas in text input", () => {
    const text = csv([
      ["account_id", "nickname", "biography", "followers", "top_videos"],
      ["alpha", "@alpha", "=HYPERLINK(\"https://x.example\")", "-3", videoUrl("alpha", 1)],
      ["beta", "'=kept", "+1 (555) 0100", "+1.5e3", videoUrl("beta", 2)],
    ]);
    const result = readText(text);

    expect(result.csv.split("\r\n").slice(1)).toEqual([
      `alpha,'@alpha,"'=HYPERLINK(""https://x.example"")",-3,${videoUrl("alpha", 1)}`,
      `beta,'=kept,'+1 (555) 0100,+1.5e3,${videoUrl("beta", 2)}`,
    ]);
    // A leading apostrophe before a formula character is read as such an escape, so it is not part of the value.
    expect(result.profiles[1]?.nickname).toBe("=kept");
    expect(readText(result.csv, "converted.csv").profiles).toEqual(result.profiles);
  });
});

describe("sheets", () => {
  const createWorkbook = (): Uint8Array => {
    const workbook = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(workbook, XLSX.utils.aoa_to_sheet([["notes"], ["nothing here"]]), "Notes");
    XLSX.utils.book_append_sheet(workbook, XLSX.utils.aoa_to_sheet([["account_id", "top_videos"], ["alpha", videoUrl("alpha", 1)]]), "Profiles");
    return new Uint8Array(XLSX.write(workbook, { type: "array", bookType: "xlsx" }) as ArrayBuffer);
  };

  it.each(["Profiles", "profiles"])("reads sheet option %j", (sheet) => {
    const result = readProfiles(createWorkbook(), { fileName: "book.xlsx", sheet });

    expect(result.report.sheet).toBe("Profiles");
    expect(result.profiles.map((profile) => profile.accountId)).toEqual(["alpha"]);
  });

  it("reads first sheet by default", () => {
    const error = catchError(() => readProfiles(createWorkbook(), { fileName: "book.xlsx" }));

    expect(error.message).toBe(
      'book.xlsx, sheet "Notes": columns "account_id" and "top_videos" are missing; found columns "notes"; the input needs account_id and top_videos',
    );
  });

  it("lists sheets of workbookToCsv", () => {
    expect(workbookToCsv(createWorkbook(), { fileName: "book.xlsx" }).sheets).toEqual(["Notes", "Profiles"]);
  });

  it("numbers rows from A1", () => {
    const sheet = XLSX.utils.sheet_add_aoa(XLSX.utils.aoa_to_sheet([]), [["account_id", "top_videos"], ["alpha", videoUrl("alpha", 1)]], {
      origin: "C3",
    });
    const workbook = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(workbook, sheet, "Offset");
    const bytes = new Uint8Array(XLSX.write(workbook, { type: "array", bookType: "xlsx" }) as ArrayBuffer);
    const result = readProfiles(bytes, { fileName: "offset.xlsx" });

    expect(result.report.headerRow).toBe(3);
    expect(result.profiles[0]?.rowNumber).toBe(4);
  });
});

describe("report", () => {
  const mixedCsv = csv([
    ["account_id", "top_videos", "timestamp"],
    ["alpha", `${videoUrl("alpha", 1)},bad`, "2024-05-01"],
    ["alpha", videoUrl("alpha", 2), "2024-05-01"],
    ["", videoUrl("x", 3), "2024-05-01"],
    ["beta", "null", "2024-05-01"],
    ["gamma", videoUrl("gamma", 4), "2024-05-01"],
  ]);

  it("counts rows read, used, skipped", () => {
    expect(readText(mixedCsv, "mixed.csv").report).toEqual({
      fileName: "mixed.csv",
      format: "text",
      sheet: null,
      encoding: "utf-8",
      delimiter: ",",
      headerRow: 1,
      rowsRead: 5,
      rowsUsed: 2,
      rowsSkipped: {
        missing_account_id: { count: 1, firstRows: [4] },
        duplicate_account_id: { count: 1, firstRows: [3] },
        no_valid_videos: { count: 1, firstRows: [5] },
        videos_listed_earlier: { count: 0, firstRows: [] },
      },
      columnsUsed: ["account_id", "top_videos"],
      columnsIgnored: ["timestamp"],
      videosUsed: 2,
      invalidVideoUrls: { count: 1, firstRows: [2] },
      duplicateVideosInRow: { count: 0, firstRows: [] },
      videosListedEarlier: { count: 0, firstRows: [] },
      warnings: [],
    });
  });

  it("formats report as lines", () => {
    expect(formatReadReport(readText(mixedCsv, "mixed.csv").report)).toEqual([
      "mixed.csv: 5 rows read, 2 used, 3 skipped; 2 videos",
      "skipped 1 row without account_id (row 4)",
      "skipped 1 row repeating an earlier account_id (row 3)",
      "skipped 1 row without a valid top_videos URL (row 5)",
      "dropped 1 × invalid video URL (row 2)",
      "columns used: account_id, top_videos",
      "columns ignored: timestamp",
    ]);
  });

  it("keeps first five row numbers", () => {
    const rows = Array.from({ length: 8 }, (_, index) => ["null", videoUrl("x", index)]);
    const result = readText(csv([["account_id", "top_videos"], ...rows, ["alpha", videoUrl("alpha", 99)]]));

    expect(result.report.rowsSkipped.missing_account_id).toEqual({ count: 8, firstRows: [2, 3, 4, 5, 6] });
  });

  it.each<[string, () => Uint8Array, string]>([
    ["profiles.xlsx", () => encode(csv(BASIC_ROWS)), 'the file name ends in ".xlsx" but the content is delimited text; it was read as CSV'],
    ["profiles.csv", () => writeSampleWorkbook(generateSampleRows({ profiles: 2, seed: 1 }), "xlsx"), 'the file name ends in ".csv" but the content is a workbook; it was read as a workbook'],
  ])("warns about misleading %s", (fileName, createBytes, warning) => {
    expect(readProfiles(createBytes(), { fileName }).report.warnings).toEqual([warning]);
  });

  it("warns about sheet option on CSV", () => {
    const result = readProfiles(encode(csv(BASIC_ROWS)), { fileName: "input.csv", sheet: "Profiles" });

    expect(result.report.warnings).toEqual(['the sheet option "Profiles" was ignored because delimited text has no sheets']);
  });
});

describe("invalid input", () => {
  const sampleXlsx = writeSampleWorkbook(generateSampleRows({ profiles: 5, seed: 1 }), "xlsx");

  const createPlainZip = (): Uint8Array => {
    const container = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(container, "word/document.xml", encode("<document/>"));
    return new Uint8Array(XLSX.CFB.write(container, { type: "array", fileType: "zip" }) as ArrayBuffer);
  };

  // SheetJS refuses to write such a cell to xlsx, as Excel does, but ODS has no such limit.
  const createLongCellOds = (): Uint8Array =>
    writeSampleWorkbook([
      { account_id: "alpha", biography: "short", top_videos: videoUrl("alpha", 1) },
      { account_id: "beta", biography: "x".repeat(40_000), top_videos: videoUrl("beta", 2) },
    ], "ods");

  const createEncryptedWorkbook = (): Uint8Array => {
    // The OLE layout of an xlsx that Excel encrypted: EncryptionInfo and EncryptedPackage streams.
    const container = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(container, "EncryptionInfo", new Uint8Array([4, 0, 4, 0, 0x40, 0, 0, 0]));
    XLSX.CFB.utils.cfb_add(container, "EncryptedPackage", new Uint8Array(4096));
    return new Uint8Array(XLSX.CFB.write(container, { type: "array" }) as ArrayBuffer);
  };

  it.each<[string, string, () => Uint8Array, string | undefined, string]>([
    ["empty file", "empty.csv", () => new Uint8Array(0), undefined,
      "empty.csv: the file is empty; the input needs a header row with account_id and top_videos, and one row per profile"],
    ["blank text", "blank.csv", () => encode("\uFEFF \r\n\r\n"), undefined,
      "blank.csv: the file is empty; the input needs a header row with account_id and top_videos, and one row per profile"],
    ["binary data", "program.csv", () => Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0]), undefined,
      "program.csv: the file is not a spreadsheet or CSV (it starts with bytes 7f 45 4c 46); save the data as .xlsx or .csv and try again"],
    ["PNG image", "photo.csv", () => Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), undefined,
      "photo.csv: the file is a PNG image, not a spreadsheet or CSV; give the path of the spreadsheet, not of a picture of it"],
    ["PDF document", "profiles.pdf", () => encode("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"), undefined,
      "profiles.pdf: the file is a PDF document, not a spreadsheet or CSV; export the table from its source as .xlsx or .csv and try again"],
    ["gzip archive", "profiles.csv.gz", () => Uint8Array.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]), undefined,
      "profiles.csv.gz: the file is a gzip archive, not a spreadsheet or CSV; extract the spreadsheet from it and try again"],
    ["JSON export", "profiles.json", () => encode(JSON.stringify([{ account_id: "alpha", top_videos: [videoUrl("alpha", 1)] }])), undefined,
      "profiles.json: the file contains JSON, not a table; download the CSV export instead, or convert the JSON to CSV with one column per field"],
    ["zip that is no workbook", "document.xlsx", createPlainZip, undefined,
      "document.xlsx: the workbook is corrupt or not a supported format (xlsx, xlsm, xlsb, xls, ods); open it in Excel and save it again as .xlsx or .csv"],
    ["corrupt xlsx", "broken.xlsx", () => sampleXlsx.slice(0, sampleXlsx.length / 2), undefined,
      "broken.xlsx: the workbook is corrupt or not a supported format (xlsx, xlsm, xlsb, xls, ods); open it in Excel and save it again as .xlsx or .csv"],
    ["password-protected xlsx", "locked.xlsx", createEncryptedWorkbook, undefined,
      "locked.xlsx: the workbook is password-protected; remove the password in Excel (File > Info > Protect Workbook > Encrypt with Password) and save it again"],
    ["unknown sheet", "sample.xlsx", () => sampleXlsx, "Data",
      'sample.xlsx: sheet "Data" not found; the workbook has sheets "profiles"; choose one of them'],
    ["missing column", "sample.csv", () => encode("account_id,nickname\nalpha,Alpha\n"), undefined,
      'sample.csv: column "top_videos" is missing; found columns "account_id", "nickname"; the input needs account_id and top_videos'],
    ["missing columns", "sample.csv", () => encode("a,b\n1,2\n"), undefined,
      'sample.csv: columns "account_id" and "top_videos" are missing; found columns "a", "b"; the input needs account_id and top_videos'],
    ["ragged row", "ragged.csv", () => encode(`account_id,top_videos\nalpha,${videoUrl("alpha", 1)}\nbeta,private text,${videoUrl("beta", 2)}\n`), undefined,
      'ragged.csv, row 3: the row has 3 fields but the header has 2; quote cells that contain the delimiter ",", or add the missing column names to the header'],
    ["ragged semicolon row", "ragged.csv", () => encode(`account_id;top_videos\nalpha;x;y\n`), undefined,
      'ragged.csv, row 2: the row has 3 fields but the header has 2; quote cells that contain the delimiter ";", or add the missing column names to the header'],
    ["over-long cell", "long.csv", () => encode(`account_id,biography,top_videos\nalpha,${"x".repeat(32_768)},${videoUrl("alpha", 1)}\n`), undefined,
      'long.csv, row 2, column "biography": the cell has 32,768 characters, more than Excel\'s limit of 32,767; look for a missing closing quote in an earlier cell, or shorten the cell'],
    ["unclosed quote", "quote.csv", () => encode(`account_id,top_videos\nalpha,"${videoUrl("alpha", 1)}\nbeta,x\n`), undefined,
      'quote.csv, row 2: a quoted cell is not closed; add the missing closing quote (")'],
    ["over-long ods cell", "long.ods", createLongCellOds, undefined,
      'long.ods, sheet "profiles", row 3, column "biography": the cell has 40,000 characters, more than Excel\'s limit of 32,767; ' +
        "look for a missing closing quote in an earlier cell, or shorten the cell"],
    ["unsupported sep directive", "pipes.csv", () => encode("sep=|\naccount_id|top_videos\n"), undefined,
      'pipes.csv, row 1: the first line "sep=|" sets a delimiter that is not supported; save the file with comma, semicolon or tab as the delimiter'],
    ["header only", "header.csv", () => encode("account_id,top_videos\r\n"), undefined,
      "header.csv: the table has a header row but no data rows; add one row per profile"],
    ["no usable row", "none.csv", () => encode(`account_id,top_videos\nnull,${videoUrl("x", 1)}\nbeta,null\n`), undefined,
      "none.csv: none of the 2 rows can be used (1 without account_id, 1 without a valid top_videos URL); " +
        "each profile needs an account_id and top_videos URLs like https://www.tiktok.com/@handle/video/7234567890123456789"],
  ])("rejects %s", (_case, fileName, createBytes, sheet, message) => {
    const error = catchError(() => readProfiles(createBytes(), { fileName, sheet }));

    expect(error.name).toBe("InvalidInputError");
    expect(error.message).toBe(message);
  });

  it("rejects empty sheet", () => {
    const workbook = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(workbook, XLSX.utils.aoa_to_sheet([]), "Empty");
    const bytes = new Uint8Array(XLSX.write(workbook, { type: "array", bookType: "xlsx" }) as ArrayBuffer);

    expect(catchError(() => readProfiles(bytes, { fileName: "empty.xlsx" })).message).toBe(
      'empty.xlsx, sheet "Empty": the table is empty; the input needs a header row with account_id and top_videos',
    );
  });

  it("keeps library error as cause", () => {
    const error = catchError(() => readProfiles(sampleXlsx.slice(0, 200), { fileName: "broken.xlsx" }));

    expect(error.cause).toBeInstanceOf(Error);
    expect(error.location).toEqual({ fileName: "broken.xlsx" });
  });

  it("names row and column", () => {
    const text = `account_id,biography,top_videos\nalpha,${"x".repeat(40_000)},${videoUrl("alpha", 1)}\n`;
    const error = catchError(() => readText(text, "long.csv"));

    expect(error.location).toEqual({ fileName: "long.csv", sheet: undefined, row: 2, column: "biography" });
  });

  it("keeps cell values out of messages", () => {
    const text = `account_id,biography,top_videos\nalpha,secret-bio-text,${videoUrl("alpha", 1)},extra-secret\n`;
    const error = catchError(() => readText(text, "ragged.csv"));

    expect(error.message).not.toContain("secret");
    expect(error.message).not.toContain("alpha");
  });
});
