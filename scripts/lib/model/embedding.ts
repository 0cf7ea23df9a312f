/**
 * @module
 * The embedding of the recommender, from a truncated SVD of the TF-IDF
 * matrix: creators are their rows projected on the top singular vectors
 * (singular values raised to a fitted power), and people go through a
 * denoising map fitted so that a partial profile lands near its full one.
 */
import { multiply, normaliseRows, solvePositiveDefinite, sparseTimesDense, type SparseRows } from "./linear-algebra.ts";

/** A truncated SVD as `truncatedSvd` returns it. */
export interface TruncatedSvd {
  /** Right singular vectors, `columns x rank`, row-major. */
  vectors: Float64Array;
  singularValues: Float64Array;
  rank: number;
}

/** Ridge penalty of the denoising map, as a share of the mean eigenvalue of its normal matrix. */
const DENOISING_RIDGE_SHARE = 0.01;

/**
 * Returns the token projection `V Σ^(power - 1)`, `columns x rank`: a TF-IDF row
 * times it is `U Σ^power`, the row's coordinates with singular values raised
 * to `power` (1 is plain latent semantic analysis, 0 weighs every direction alike).
 */
export function tokenProjection(svd: TruncatedSvd, power: number): Float64Array {
  const { rank } = svd;
  const scale = Float64Array.from(svd.singularValues, (value) => (value > 1e-12 ? value ** (power - 1) : 0));
  const out = new Float64Array(svd.vectors.length);
  for (let i = 0; i < out.length; i++) out[i] = svd.vectors[i]! * scale[i % rank]!;
  return out;
}

/** Projects sparse rows and scales each to unit length: `rows x rank`. */
export function embedRows(rows: SparseRows, projection: Float64Array, rank: number): Float64Array {
  return normaliseRows(sparseTimesDense(rows, projection, rank), rows.rows.length, rank);
}

/**
 * Fits the `rank x rank` map M of the denoising objective
 * min over M of sum_i ||target_i - input_i M||^2 + λ ||M||^2 over the rows in `rows`,
 * where inputs are unit embeddings of corrupted profiles and targets those of the
 * full ones. Closed form: M = (ZᵀZ + λI)⁻¹ ZᵀT.
 */
export function fitDenoisingMap(inputs: Float64Array, targets: Float64Array, rank: number, rows: readonly number[]): Float64Array {
  const normal = new Float64Array(rank * rank);
  const right = new Float64Array(rank * rank);
  for (const row of rows) {
    const base = row * rank;
    for (let a = 0; a < rank; a++) {
      const value = inputs[base + a]!;
      if (value === 0) continue;
      for (let b = 0; b < rank; b++) {
        normal[a * rank + b]! += value * inputs[base + b]!;
        right[a * rank + b]! += value * targets[base + b]!;
      }
    }
  }
  let trace = 0;
  for (let a = 0; a < rank; a++) trace += normal[a * rank + a]!;
  const ridge = Math.max(DENOISING_RIDGE_SHARE * (trace / rank), 1e-9);
  for (let a = 0; a < rank; a++) normal[a * rank + a]! += ridge;
  return solvePositiveDefinite(normal, right, rank, rank);
}

/** Returns the person-side token embeddings `projection M`, `columns x rank`. */
export function personProjection(projection: Float64Array, map: Float64Array, columns: number, rank: number): Float64Array {
  return multiply(projection, map, columns, rank, rank);
}
