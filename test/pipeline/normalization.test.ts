import { describe, expect, it } from "vitest";
import { formatReadReport, parseVideoUrl, readProfiles } from "../../scripts/lib/ingest/index.ts";
import { replacedVersions } from "../../scripts/lib/node/local-kv.ts";
import { normalizePersonId, personIdProblem } from "../../src/shared/person-id.ts";

const VIDEO = "7301234567890123456";
const csv = (rows: string[][]) => new TextEncoder().encode(["account_id,top_videos", ...rows.map((row) => row.join(","))].join("\n"));
const video = (handle: string, id: number) => `https://www.tiktok.com/@${handle}/video/${BigInt(VIDEO) + BigInt(id)}`;

describe("video URLs", () => {
  it.each([
    `https://www.tiktok.com/@maker/video/${VIDEO}`,
    `http://www.tiktok.com/@maker/video/${VIDEO}`,
    `https://user:pw@www.tiktok.com/@maker/video/${VIDEO}?web_id=123&is_from_webapp=1#comments`,
    `https://m.tiktok.com/@maker/video/${VIDEO}/`,
  ])("keep only the canonical form of %s", (url) => {
    expect(parseVideoUrl(url)?.url).toBe(`https://www.tiktok.com/@maker/video/${VIDEO}`);
  });
});

describe("person ids", () => {
  it.each([
    ["@Some.User_1", "some.user_1"],
    ["  plain ", "plain"],
    ["MiXeD", "mixed"],
  ])("normalise %j to %j", (raw, normalised) => {
    expect(normalizePersonId(raw)).toBe(normalised);
  });

  it.each([
    ["josé", "characters"],
    ["has space", "characters"],
    ["...", "characters"],
    ["x".repeat(65), "length"],
    ["ok_id.2", null],
  ])("judge %j as %j", (id, problem) => {
    expect(personIdProblem(id)).toBe(problem);
  });

  it("merge ids that differ in case", () => {
    const read = readProfiles(csv([["MixedCase_User", video("a", 1)], ["mixedcase_user", video("b", 2)], ["other", video("c", 3)]]), { fileName: "case.csv" });
    expect(read.profiles.map((profile) => profile.accountId)).toEqual(["mixedcase_user", "other"]);
    expect(read.report.rowsSkipped.duplicate_account_id).toEqual({ count: 1, firstRows: [3] });
  });

  it("store ids without a leading @", () => {
    const read = readProfiles(csv([["@with_at", video("a", 1)], ["other", video("c", 3)]]), { fileName: "at.csv" });
    expect(read.profiles[0]!.accountId).toBe("with_at");
  });

  it("warn about ids requests cannot name", () => {
    const read = readProfiles(csv([["josé_ñ", video("a", 1)], ["other", video("c", 3)]]), { fileName: "odd.csv" });
    expect(read.profiles).toHaveLength(2);
    expect(read.report.warnings).toContain(
      'column "account_id": 1 id has characters other than ASCII letters, digits, "_" and "." or more than 64 characters (row 2); ' +
        "their videos are recommended to others, but requests cannot name these people",
    );
  });
});

describe("line ends", () => {
  it("read files that mix CRLF and LF", () => {
    const text = `account_id,top_videos\r\nuser_a,${video("a", 1)}\r\nuser_b,${video("b", 2)}\nuser_c,${video("c", 3)}\n`;
    const read = readProfiles(new TextEncoder().encode(text), { fileName: "mixed.csv" });
    expect(read.profiles.map((profile) => profile.accountId)).toEqual(["user_a", "user_b", "user_c"]);
    expect(read.profiles.map((profile) => profile.rowNumber)).toEqual([2, 3, 4]);
  });

  it("read quoted cells across mixed line ends", () => {
    const text = `account_id,top_videos\r\n"user_a","${video("a", 1)}"\r\n"user_b","${video("b", 2)}"\n"user_c","${video("c", 3)}"\n`;
    const read = readProfiles(new TextEncoder().encode(text), { fileName: "mixed-quoted.csv" });
    expect(read.profiles).toHaveLength(3);
  });
});

describe("replaced local KV versions", () => {
  const at = (minute: number) => `20261204T12${String(minute).padStart(2, "0")}00Z-0000000${minute % 10}`;
  const minutes = (value: number) => Date.UTC(2026, 11, 4, 12, value, 0);

  it("keep versions replaced within the grace period", () => {
    expect(replacedVersions([at(0), at(1)], at(2), minutes(3))).toEqual([]);
  });

  it("delete versions replaced long ago", () => {
    expect(replacedVersions([at(0), at(1), at(5)], at(9), minutes(9))).toEqual([at(0), at(1)]);
  });

  it("keep versions without a creation time", () => {
    expect(replacedVersions(["handmade", at(1)], at(9), minutes(30))).toEqual([at(1)]);
  });
});

describe("printed summary", () => {
  it("caps the list of ignored columns", () => {
    const extra = Array.from({ length: 25 }, (_, i) => `extra_${i}`);
    const text = [["account_id", "top_videos", ...extra].join(","), ["user_a", video("a", 1), ...extra.map(() => "x")].join(",")].join("\n");
    const read = readProfiles(new TextEncoder().encode(text), { fileName: "wide.csv" });
    expect(read.report.columnsIgnored).toHaveLength(25);
    const line = formatReadReport(read.report).find((entry) => entry.startsWith("columns ignored: "));
    expect(line).toBe(`columns ignored: ${extra.slice(0, 20).join(", ")}, and 5 more (all in --report)`);
  });
});
