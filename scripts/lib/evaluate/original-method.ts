/**
 * @module
 * The method of the service this project replaces, re-implemented for
 * comparison: each profile's fields are concatenated as text (categorical
 * fields label-encoded first), weighted by TF-IDF with scikit-learn's
 * `TfidfVectorizer` defaults, and a person gets the top videos of the 5
 * profiles nearest by cosine similarity.
 */
import type { ProfileRow } from "../../../src/shared/profile.ts";
import type { ScoredVideo } from "../../../src/service/ranking.ts";

/** Profiles whose top videos are recommended. */
export const ORIGINAL_NEIGHBOURS = 5;

/**
 * scikit-learn's default `token_pattern`, `(?u)\b\w\w+\b`, after lower-casing:
 * runs of two or more word characters. Python's `\w` is a letter, digit or
 * underscore, approximated here by the Unicode categories L and N.
 */
const SKLEARN_TOKEN = /[\p{L}\p{N}_]{2,}/gu;

/** Splits text as scikit-learn's default analyzer does. */
export function sklearnTokens(text: string): string[] {
  return Array.from(text.toLowerCase().matchAll(SKLEARN_TOKEN), ([token]) => token);
}

/** Codes of scikit-learn's `LabelEncoder`: each distinct value's index among the sorted distinct values. */
export function labelEncode(values: readonly string[]): number[] {
  const classes = [...new Set(values)].sort();
  const code = new Map(classes.map((value, index) => [value, index]));
  return values.map((value) => code.get(value)!);
}

/**
 * Concatenates a profile's fields into the text the original method weighted:
 * nickname, biography, the label codes of bio link and verification, then the
 * counts and the engagement rate as decimal text. Missing values are empty.
 */
export function originalDocuments(profiles: readonly ProfileRow[]): string[] {
  const linkCodes = labelEncode(profiles.map((profile) => profile.bioLink ?? ""));
  const verifiedCodes = labelEncode(profiles.map((profile) => String(profile.isVerified)));
  return profiles.map((profile, row) =>
    [
      profile.nickname,
      profile.biography,
      linkCodes[row],
      verifiedCodes[row],
      profile.followers,
      profile.following,
      profile.likes,
      profile.videosCount,
      profile.engagementRate,
    ]
      .map((value) => (value === null ? "" : String(value)))
      .join(" "),
  );
}

interface SparseVector {
  columns: number[];
  values: number[];
}

/** TF-IDF as `TfidfVectorizer()` computes it: raw counts, smoothed IDF ln((1 + n) / (1 + df)) + 1, rows scaled to unit length. */
export function fitOriginalTfidf(documents: readonly string[]): SparseVector[] {
  const tokenized = documents.map(sklearnTokens);
  const column = new Map<string, number>();
  const documentFrequency: number[] = [];
  for (const tokens of tokenized) {
    for (const token of new Set(tokens)) {
      let index = column.get(token);
      if (index === undefined) {
        index = column.size;
        column.set(token, index);
        documentFrequency.push(0);
      }
      documentFrequency[index]!++;
    }
  }
  const idf = documentFrequency.map((df) => Math.log((1 + documents.length) / (1 + df)) + 1);
  return tokenized.map((tokens) => {
    const counts = new Map<number, number>();
    for (const token of tokens) counts.set(column.get(token)!, (counts.get(column.get(token)!) ?? 0) + 1);
    const columns = [...counts.keys()].sort((a, b) => a - b);
    const values = columns.map((index) => counts.get(index)! * idf[index]!);
    const norm = Math.sqrt(values.reduce((sum, value) => sum + value * value, 0));
    return { columns, values: values.map((value) => (norm > 0 ? value / norm : 0)) };
  });
}

/** Cosine similarity of every row with row `person`, through an inverted index. */
function similarities(rows: readonly SparseVector[], postings: ReadonlyMap<number, Array<[number, number]>>, person: number): Float64Array {
  const scores = new Float64Array(rows.length);
  const row = rows[person]!;
  row.columns.forEach((column, i) => {
    for (const [other, value] of postings.get(column) ?? []) scores[other]! += row.values[i]! * value;
  });
  return scores;
}

/** Fits the original method and returns, for each person, its candidates: the videos of its nearest profiles, scored by their similarity. */
export function createOriginalRecommender(profiles: readonly ProfileRow[], neighbours = ORIGINAL_NEIGHBOURS): (person: number) => ScoredVideo[] {
  const rows = fitOriginalTfidf(originalDocuments(profiles));
  const postings = new Map<number, Array<[number, number]>>();
  rows.forEach((row, index) =>
    row.columns.forEach((column, i) => {
      const list = postings.get(column) ?? [];
      list.push([index, row.values[i]!]);
      postings.set(column, list);
    }),
  );
  const firstVideo: number[] = [];
  let videoCount = 0;
  for (const profile of profiles) {
    firstVideo.push(videoCount);
    videoCount += profile.topVideos.length;
  }

  return (person) => {
    const scores = similarities(rows, postings, person);
    const nearest = Array.from(scores.keys())
      .filter((other) => other !== person)
      .sort((a, b) => scores[b]! - scores[a]! || a - b)
      .slice(0, neighbours);
    // Each neighbour's videos keep its similarity; the ranking rules break ties by catalog order, which is top_videos order.
    return nearest.flatMap((creator) => profiles[creator]!.topVideos.map((_, offset) => ({ video: firstVideo[creator]! + offset, score: scores[creator]! })));
  };
}
