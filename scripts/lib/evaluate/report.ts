/**
 * @module
 * Writes docs/evaluation.md from evaluation results: the protocol, one table
 * per dataset, and the paired differences between the model and the
 * original method.
 */
import type { DatasetEvaluation, MethodResult } from "./run.ts";
import { MODEL_METHOD } from "./run.ts";

/** Provenance of the results: the command and the machine. */
export interface ReportContext {
  command: string;
  /** Node.js version and hardware line, for the timing column. */
  environment: string;
}

const ORIGINAL_METHOD_PREFIX = "original method";

const format = (value: number, digits = 3) => (Number.isNaN(value) ? "n/a" : value.toFixed(digits));

/** Mean and 95% interval (±1.96 standard errors) of the paired differences `a - b`. */
export function pairedDifference(a: readonly number[], b: readonly number[]): { mean: number; halfWidth: number } {
  const differences = a.map((value, i) => value - b[i]!);
  const mean = differences.reduce((sum, value) => sum + value, 0) / differences.length;
  const variance = differences.reduce((sum, value) => sum + (value - mean) ** 2, 0) / Math.max(1, differences.length - 1);
  return { mean, halfWidth: 1.96 * Math.sqrt(variance / differences.length) };
}

function resultRow(result: MethodResult): string {
  const parity = result.parity === undefined ? "" : `${format(result.parity.meanOverlap, 2)} (${format(100 * result.parity.identicalLists, 0)}% identical)`;
  return `| ${result.method} | ${format(result.recallAt10)} | ${format(result.ndcgAt10)} | ${format(result.sameLanguage)} | ${format(result.sameRegion)} | ${format(result.coverage)} | ${format(result.distinctCreators, 2)} | ${format(result.exposureGini)} | ${parity} |`;
}

function comparison(evaluation: DatasetEvaluation): string {
  const model = evaluation.results.find((result) => result.method === MODEL_METHOD);
  const original = evaluation.results.find((result) => result.method.startsWith(ORIGINAL_METHOD_PREFIX));
  if (model === undefined || original === undefined) return "";
  const lines = (["recall", "ndcg"] as const).map((metric) => {
    const { mean, halfWidth } = pairedDifference(model.perPerson[metric], original.perPerson[metric]);
    let verdict = "not distinguishable";
    if (mean - halfWidth > 0) verdict = "better";
    if (mean + halfWidth < 0) verdict = "worse";
    const name = metric === "recall" ? "recall@10" : "NDCG@10";
    return `- ${name}: this model minus the original method = ${format(mean)} ± ${format(halfWidth)} (95% interval over the ${model.perPerson[metric].length} judged people, paired): ${verdict}.`;
  });
  return lines.join("\n");
}

function datasetSection(evaluation: DatasetEvaluation): string {
  const fitted = evaluation.fitted;
  const languageNote = {
    predicted_lang: "Same language uses the input's `predicted_lang` column, which training never reads.",
    synthetic: "Same language uses the generator's hidden language of each profile, a synthetic stand-in for `predicted_lang`; training never sees it.",
    none: "The input has no language information.",
  }[evaluation.languageSource];
  return [
    `### ${evaluation.name}`,
    "",
    `${evaluation.profiles} profiles, ${evaluation.videos} videos. ${evaluation.judgedPersons} people are judged ` +
      `(mean ${format(evaluation.meanHiddenTokens, 1)} hidden tokens, mean ${format(evaluation.meanRelevantCreators, 1)} relevant creators). ` +
      `${languageNote} Same region is n/a without a \`region\` column.`,
    "",
    "| method | recall@10 | NDCG@10 | same language | same region | coverage | distinct creators per list | Gini of creator exposure | top-10 overlap, plaintext vs pseudonyms |",
    "|---|---|---|---|---|---|---|---|---|",
    ...evaluation.results.map(resultRow),
    "",
    comparison(evaluation),
    "",
    `Fitted on the masked training data: singular value power ${fitted.singularValuePower}, engagement weight ${fitted.engagementWeight}, ` +
      `recency weight ${fitted.recencyWeight} (validation NDCG@10 ${format(fitted.validationNdcg)} over ${fitted.validationQueries} queries). ` +
      `Training took ${format(evaluation.trainingSeconds, 2)} s.`,
  ].join("\n");
}

/** Renders the results section of docs/evaluation.md. */
export function renderResults(evaluations: readonly DatasetEvaluation[], context: ReportContext): string {
  return [
    "## Results",
    "",
    `Produced by \`${context.command}\` (${context.environment}). Every run gives the same lists: masks, training and the random baseline are seeded.`,
    "",
    ...evaluations.map(datasetSection).flatMap((section) => [section, ""]),
  ].join("\n");
}
