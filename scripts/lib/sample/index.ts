/**
 * @module
 * Public entry of the synthetic sample: generate rows, then write them as xlsx or CSV.
 *
 * @example
 * const rows = generateSampleRows({ profiles: 20, seed: 7 });
 * const bytes = writeSampleWorkbook(rows, "xlsx");
 */

export { NULL_LITERAL, SAMPLE_COLUMNS } from "./columns.ts";
export type { SampleCell, SampleColumn, SampleRecord, SampleRow } from "./columns.ts";
export { DEFAULT_SAMPLE_OPTIONS, generateSample, generateSampleRows } from "./generate.ts";
export type { SampleOptions, SampleProfile } from "./generate.ts";
export { TOPICS } from "./topics.ts";
export type { Language, Topic } from "./topics.ts";
export { SAMPLE_SHEET_NAME, writeSampleWorkbook } from "./write.ts";
export type { SampleFormat, WriteSampleOptions } from "./write.ts";
