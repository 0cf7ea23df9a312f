/**
 * @module
 * Picks the hyperparameters that training cannot get in closed form, by
 * maximising the held-out NDCG@10 of `validation.ts` on the training data:
 * the singular value power of the embedding, then the weights of the
 * engagement and recency terms. A weight other than 0 is kept only when it
 * beats the smaller ones by more than one standard error (the
 * one-standard-error rule), so noise does not turn into a term.
 */
import { embedRows, fitDenoisingMap, personProjection, tokenProjection } from "./embedding.ts";
import type { HeldOutDocuments } from "./holdout.ts";
import type { SparseRows } from "./linear-algebra.ts";
import { truncatedSvd, type SvdOptions } from "./svd.ts";
import { buildVocabulary, weighDocuments } from "./tfidf.ts";
import { buildValidationSet, validationNdcg, type CatalogTerms, type TermWeights, type ValidationOptions, type ValidationSet } from "./validation.ts";

/** Settings of the search. */
export interface SearchOptions {
  validation: ValidationOptions;
  /** Share of each profile's distinct tokens that training hides, for validation and as the denoising corruption. */
  holdOutFraction: number;
  /** Singular value powers to compare; the first wins ties. */
  powers: readonly number[];
  /** Candidate weights of each score term; must contain 0. */
  termWeights: readonly number[];
  /** Fewer validation queries than this leave every hyperparameter at its fallback. */
  minQueries: number;
  fallbackPower: number;
}

/** Hyperparameters chosen by the search, with the validation evidence. */
export interface FittedHyperparameters {
  singularValuePower: number;
  engagementWeight: number;
  recencyWeight: number;
  /** Validation queries used; 0 when there were too few and the fallbacks apply. */
  validationQueries: number;
  /** Mean held-out NDCG@10 of the chosen setting; NaN without validation. */
  validationNdcg: number;
}

/** Inputs of the search that training has already computed. */
export interface SearchInputs {
  documents: string[][];
  /** The documents with `SearchOptions.holdOutFraction` of their tokens hidden. */
  heldOut: HeldOutDocuments;
  minDocumentFrequency: number;
  svd: SvdOptions;
  terms: CatalogTerms;
  videoCounts: number[];
}

const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/** Standard error of the mean of `values`. */
function standardError(values: readonly number[]): number {
  const average = mean(values);
  const variance = values.reduce((sum, value) => sum + (value - average) ** 2, 0) / Math.max(1, values.length - 1);
  return Math.sqrt(variance / values.length);
}

/**
 * Returns the index of the candidate with the smallest |weight| whose mean
 * score is within one standard error of the best mean, the best candidate's
 * standard error over its per-query scores (the one-standard-error rule of
 * Hastie, Tibshirani and Friedman, The Elements of Statistical Learning,
 * section 7.10).
 */
export function oneStandardErrorChoice(weights: readonly number[], scores: readonly number[][]): number {
  const means = scores.map(mean);
  const best = means.indexOf(Math.max(...means));
  const threshold = means[best]! - standardError(scores[best]!);
  const bySize = weights.map((_, i) => i).sort((a, b) => Math.abs(weights[a]!) - Math.abs(weights[b]!) || weights[b]! - weights[a]!);
  return bySize.find((candidate) => means[candidate]! >= threshold) ?? best;
}

/** Embeddings of a training corpus whose validation queries lost their held-out tokens. */
function validationEmbedding(inputs: SearchInputs, heldOut: HeldOutDocuments, set: ValidationSet, options: SearchOptions) {
  const isQuery = new Set(set.queries);
  const documents = inputs.documents.map((tokens, person) => (isQuery.has(person) ? heldOut.visible[person]! : tokens));
  const vocabulary = buildVocabulary(documents, inputs.minDocumentFrequency);
  const matrix = weighDocuments(documents, vocabulary);
  const corrupted = weighDocuments(heldOut.visible, vocabulary);
  const svd = truncatedSvd(matrix, inputs.svd);
  const fitRows = documents.flatMap((_, person) => (isQuery.has(person) ? [] : [person]));
  const queryRows: SparseRows = { columns: matrix.columns, rows: set.queries.map((query) => matrix.rows[query]!) };

  return (power: number) => {
    const projection = tokenProjection(svd, power);
    const creators = embedRows(matrix, projection, svd.rank);
    const map = fitDenoisingMap(embedRows(corrupted, projection, svd.rank), creators, svd.rank, fitRows);
    const queries = embedRows(queryRows, personProjection(projection, map, matrix.columns, svd.rank), svd.rank);
    return { creators, queries, rank: svd.rank };
  };
}

/** Searches the singular value power and the term weights on held-out tokens of the training documents. */
export function searchHyperparameters(inputs: SearchInputs, options: SearchOptions): FittedHyperparameters {
  const { heldOut } = inputs;
  const set = buildValidationSet(inputs.documents, heldOut, inputs.videoCounts, options.validation);
  if (set.queries.length < options.minQueries) {
    return { singularValuePower: options.fallbackPower, engagementWeight: 0, recencyWeight: 0, validationQueries: 0, validationNdcg: Number.NaN };
  }
  const embed = validationEmbedding(inputs, heldOut, set, options);
  const none = { engagement: 0, recency: 0 } satisfies TermWeights;

  const byPower = options.powers.map((power) => {
    const embedding = embed(power);
    return { power, embedding, ndcg: validationNdcg(set, embedding.queries, embedding.creators, embedding.rank, inputs.terms, [none], options.validation)[0]! };
  });
  const chosen = byPower.reduce((best, candidate) => (mean(candidate.ndcg) > mean(best.ndcg) ? candidate : best));
  const score = (pairs: TermWeights[]) =>
    validationNdcg(set, chosen.embedding.queries, chosen.embedding.creators, chosen.embedding.rank, inputs.terms, pairs, options.validation);

  const engagementScores = score(options.termWeights.map((engagement) => ({ engagement, recency: 0 })));
  const engagement = options.termWeights[oneStandardErrorChoice(options.termWeights, engagementScores)]!;
  const recencyScores = score(options.termWeights.map((recency) => ({ engagement, recency })));
  const recencyChoice = oneStandardErrorChoice(options.termWeights, recencyScores);

  return {
    singularValuePower: chosen.power,
    engagementWeight: engagement,
    recencyWeight: options.termWeights[recencyChoice]!,
    validationQueries: set.queries.length,
    validationNdcg: mean(recencyScores[recencyChoice]!),
  };
}
