/**
 * @module
 * Vocabulary and TF-IDF weighting over opaque token strings (pseudonyms in
 * production, plaintext in the parity test). The vocabulary order depends only
 * on document frequency and first appearance, never on the token strings, so
 * training on pseudonyms computes exactly what training on plaintext does.
 */
import type { SparseRows } from "./linear-algebra.ts";

/** A vocabulary: token to column index, and each column's inverse document frequency. */
export interface Vocabulary {
  index: Map<string, number>;
  idf: Float64Array;
  /** Distinct tokens left out for appearing in fewer than the minimum number of profiles. */
  droppedTokens: number;
}

/** Builds the vocabulary of tokens that appear in at least `minDocumentFrequency` documents. */
export function buildVocabulary(documents: string[][], minDocumentFrequency: number): Vocabulary {
  const frequency = new Map<string, { count: number; first: number }>();
  let position = 0;
  for (const tokens of documents) {
    for (const token of new Set(tokens)) {
      const entry = frequency.get(token);
      if (entry === undefined) frequency.set(token, { count: 1, first: position++ });
      else entry.count++;
    }
  }
  const kept = [...frequency.values()].filter((entry) => entry.count >= minDocumentFrequency);
  kept.sort((a, b) => b.count - a.count || a.first - b.first);
  const rank = new Map(kept.map((entry, column) => [entry.first, column]));

  const index = new Map<string, number>();
  for (const [token, entry] of frequency) {
    const column = rank.get(entry.first);
    if (column !== undefined) index.set(token, column);
  }
  // Smoothed IDF, as in scikit-learn's TfidfVectorizer(smooth_idf=True): ln((1 + n) / (1 + df)) + 1.
  const idf = Float64Array.from(kept, (entry) => Math.log((1 + documents.length) / (1 + entry.count)) + 1);
  return { index, idf, droppedTokens: frequency.size - kept.length };
}

/** Weights one document: sublinear term frequency (1 + ln tf) times IDF, scaled to unit length. */
export function weighDocument(tokens: string[], vocabulary: Vocabulary): { indices: Int32Array; values: Float64Array } {
  const counts = new Map<number, number>();
  for (const token of tokens) {
    const column = vocabulary.index.get(token);
    if (column !== undefined) counts.set(column, (counts.get(column) ?? 0) + 1);
  }
  const indices = Int32Array.from([...counts.keys()].sort((a, b) => a - b));
  const values = Float64Array.from(indices, (column) => (1 + Math.log(counts.get(column)!)) * vocabulary.idf[column]!);
  const norm = Math.sqrt(values.reduce((sum, value) => sum + value * value, 0));
  if (norm > 0) values.forEach((value, i) => (values[i] = value / norm));
  return { indices, values };
}

/** Weighs every document into a sparse matrix with one row per document. */
export function weighDocuments(documents: string[][], vocabulary: Vocabulary): SparseRows {
  return { columns: vocabulary.idf.length, rows: documents.map((tokens) => weighDocument(tokens, vocabulary)) };
}
