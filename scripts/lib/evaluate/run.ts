/**
 * @module
 * Evaluates the model and the baselines on one dataset: hides part of every
 * biography, trains on what is left, lists 10 videos per person by each
 * method under the Worker's ranking rules, and measures the lists.
 */
import { createMasterSecret, deriveKeySet } from "../../../src/shared/keys.ts";
import { fromBase64 } from "../../../src/shared/bytes.ts";
import type { ProfileRow } from "../../../src/shared/profile.ts";
import { textTokens } from "../../../src/shared/tokens.ts";
import type { FittedHyperparameters } from "../model/fit.ts";
import { defaultTrainingOptions, trainRecommender, type TrainingOptions } from "../model/train.ts";
import { createPseudonymizer, toTrainingProfile, type Pseudonymizer } from "../pipeline/pseudonymize.ts";
import { defaultMaskOptions, maskProfiles, type MaskOptions } from "./mask.ts";
import {
  createModelSource,
  createPopularitySource,
  createRandomSource,
  defaultListOptions,
  rankVideos,
  type CandidateSource,
  type ListOptions,
} from "./methods.ts";
import {
  buildTokenIndex,
  catalogCoverage,
  exposureCounts,
  gini,
  judge,
  meanDistinctCreators,
  meanOfDefined,
  meanOverlap,
  ndcgAtK,
  recallAtK,
  sameGroupShare,
} from "./metrics.ts";
import { createOriginalRecommender } from "./original-method.ts";

/** One dataset to evaluate. */
export interface EvaluationDataset {
  name: string;
  profiles: ProfileRow[];
  /**
   * Each profile's language where the input has no `predicted_lang` column,
   * such as the synthetic sample's hidden language; null when unknown.
   */
  languages?: ReadonlyArray<string | null>;
}

/** Settings of one evaluation run. */
export interface EvaluationOptions {
  mask: MaskOptions;
  /** Also lists the model with its engagement and recency terms switched off. */
  ablation: boolean;
  list: ListOptions;
  training: TrainingOptions;
  randomSeed: number;
}

export const defaultEvaluationOptions = {
  mask: defaultMaskOptions,
  ablation: true,
  list: defaultListOptions,
  training: defaultTrainingOptions,
  randomSeed: 99,
} satisfies EvaluationOptions;

/** The measurements of one method on one dataset. */
export interface MethodResult {
  method: string;
  recallAt10: number;
  ndcgAt10: number;
  /** Share of all creators in at least one person's list. */
  coverage: number;
  distinctCreators: number;
  /** Gini coefficient of the number of listed videos per creator, over all creators. */
  exposureGini: number;
  /** Share of listed videos in the person's language; NaN without language data. */
  sameLanguage: number;
  /** Share of listed videos in the person's region; NaN without a `region` column. */
  sameRegion: number;
  /** Per judged person, in person order: recall@10 and NDCG@10, for paired comparisons. */
  perPerson: { recall: number[]; ndcg: number[] };
  /** The model trained on plaintext tokens against the same on pseudonyms; only for the model. */
  parity?: { meanOverlap: number; identicalLists: number };
}

/** Everything one dataset's evaluation produced. */
export interface DatasetEvaluation {
  name: string;
  profiles: number;
  videos: number;
  /** People with at least one hidden token that another creator uses; recall and NDCG average over them. */
  judgedPersons: number;
  meanHiddenTokens: number;
  meanRelevantCreators: number;
  languageSource: "predicted_lang" | "synthetic" | "none";
  results: MethodResult[];
  trainingSeconds: number;
  /** The hyperparameters that the model's own validation chose on the masked training data. */
  fitted: FittedHyperparameters;
}

/** Name of the evaluated model in the results. */
export const MODEL_METHOD = "this model";

const identity: Pseudonymizer = async (_domain, value) => value;

function listsOf(source: CandidateSource, videoCreators: Int32Array, personCount: number, options: ListOptions): number[][] {
  return Array.from({ length: personCount }, (_, person) => rankVideos(source(person), videoCreators, person, options));
}

function languageGroups(dataset: EvaluationDataset): { groups: Array<string | null>; source: DatasetEvaluation["languageSource"] } {
  if (dataset.profiles.some((profile) => profile.predictedLang !== null)) {
    return { groups: dataset.profiles.map((profile) => profile.predictedLang), source: "predicted_lang" };
  }
  if (dataset.languages !== undefined) return { groups: [...dataset.languages], source: "synthetic" };
  return { groups: dataset.profiles.map(() => null), source: "none" };
}

async function trainOn(profiles: ProfileRow[], pseudonymizer: Pseudonymizer, options: TrainingOptions) {
  const training = await Promise.all(profiles.map((profile) => toTrainingProfile(profile, pseudonymizer)));
  return trainRecommender(training, options);
}

/** Runs every method on `dataset` and measures it. */
export async function evaluateDataset(dataset: EvaluationDataset, options: EvaluationOptions = defaultEvaluationOptions): Promise<DatasetEvaluation> {
  const { profiles } = dataset;
  const masked = maskProfiles(profiles, options.mask);
  const fullTokens = profiles.map((profile) => new Set([...textTokens(profile.nickname), ...textTokens(profile.biography)]));
  const tokenIndex = buildTokenIndex(fullTokens);
  const videoCounts = profiles.map((profile) => profile.topVideos.length);
  const judgements = masked.hidden.map((hidden, person) =>
    judge(hidden, person, tokenIndex, videoCounts, { maxPerCreator: options.list.maxPerCreator, k: options.list.limit }),
  );

  const keys = await deriveKeySet(fromBase64(createMasterSecret()));
  const started = performance.now();
  const trained = await trainOn(masked.profiles, createPseudonymizer(keys.pseudonymKey), options.training);
  const trainingSeconds = (performance.now() - started) / 1000;
  const plain = await trainOn(masked.profiles, identity, options.training);

  const { videoCreators } = trained.parameters;
  const sources: Array<[string, CandidateSource]> = [[MODEL_METHOD, createModelSource(trained, options.list)]];
  if (options.ablation) {
    const termsOff = { ...options.training, search: { ...options.training.search, termWeights: [0] } };
    const ablated = await trainOn(masked.profiles, createPseudonymizer(keys.pseudonymKey), termsOff);
    sources.push(["this model, engagement and recency terms off", createModelSource(ablated, options.list)]);
  }
  sources.push(
    ["original method (TF-IDF, 5 nearest profiles)", createOriginalRecommender(masked.profiles)],
    ["popularity", createPopularitySource(trained.popularVideos)],
    ["random", createRandomSource(videoCreators.length, options.randomSeed)],
  );
  const plainLists = listsOf(createModelSource(plain, options.list), videoCreators, profiles.length, options.list);
  const language = languageGroups(dataset);
  const regions = profiles.map((profile) => profile.region);

  const results = sources.map(([method, source]): MethodResult => {
    const lists = listsOf(source, videoCreators, profiles.length, options.list);
    const creatorLists = lists.map((list) => list.map((video) => videoCreators[video]!));
    const recall = creatorLists.map((list, person) => recallAtK(list, judgements[person]!, options.list.limit));
    const ndcg = creatorLists.map((list, person) => ndcgAtK(list, judgements[person]!, options.list.limit));
    const result: MethodResult = {
      method,
      recallAt10: meanOfDefined(recall),
      ndcgAt10: meanOfDefined(ndcg),
      coverage: catalogCoverage(creatorLists, profiles.length),
      distinctCreators: meanDistinctCreators(creatorLists),
      exposureGini: gini(exposureCounts(creatorLists, profiles.length)),
      sameLanguage: sameGroupShare(creatorLists, language.groups),
      sameRegion: sameGroupShare(creatorLists, regions),
      perPerson: { recall: recall.filter((value) => !Number.isNaN(value)), ndcg: ndcg.filter((value) => !Number.isNaN(value)) },
    };
    if (method === MODEL_METHOD) {
      result.parity = {
        meanOverlap: meanOverlap(lists, plainLists, options.list.limit),
        identicalLists: lists.filter((list, person) => list.join() === plainLists[person]!.join()).length / lists.length,
      };
    }
    return result;
  });

  const judged = judgements.filter((judgement) => judgement.idealHits > 0);
  return {
    name: dataset.name,
    profiles: profiles.length,
    videos: videoCreators.length,
    judgedPersons: judged.length,
    meanHiddenTokens: meanOfDefined(masked.hidden.filter((hidden) => hidden.size > 0).map((hidden) => hidden.size)),
    meanRelevantCreators: meanOfDefined(judged.map((judgement) => judgement.relevant.size)),
    languageSource: language.source,
    results,
    trainingSeconds,
    fitted: trained.fitted,
  };
}
