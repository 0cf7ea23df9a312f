/**
 * @module
 * The model's input encoding, used by the pipeline to write person records and
 * by the Worker to build the ONNX input from one record.
 */
import type { PersonRecord } from "./assets.ts";

/** Expands a person's sparse token weights into the dense `[1, vocabularySize]` input of the model. */
export function toDenseFeatures(record: PersonRecord, vocabularySize: number): Float32Array {
  const dense = new Float32Array(vocabularySize);
  record.tokens.forEach((token, position) => {
    if (token >= 0 && token < vocabularySize) dense[token] = record.weights[position] ?? 0;
  });
  return dense;
}
