/**
 * @module
 * Truncated SVD of a sparse matrix by randomized subspace iteration (Halko,
 * Martinsson and Tropp, 2011, algorithms 4.4 and 5.1). Cost is linear in the
 * number of non-zero entries times the target rank.
 */
import {
  createRandom,
  orthonormaliseColumns,
  sparseTimesDense,
  sparseTransposeTimesDense,
  symmetricEigen,
  type SparseRows,
} from "./linear-algebra.ts";

/** Settings of the randomized SVD. */
export interface SvdOptions {
  rank: number;
  /** Extra random directions that improve accuracy of the leading `rank` vectors. */
  oversampling: number;
  powerIterations: number;
  seed: number;
}

function gaussianMatrix(rows: number, width: number, seed: number): Float64Array {
  const random = createRandom(seed);
  return Float64Array.from({ length: rows * width }, () => {
    const u = Math.max(random(), Number.MIN_VALUE);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  });
}

/**
 * Returns the top right singular vectors of `matrix` as a row-major
 * `matrix.columns x rank` array, and their singular values.
 */
export function truncatedSvd(matrix: SparseRows, options: SvdOptions): { vectors: Float64Array; singularValues: Float64Array; rank: number } {
  const rowCount = matrix.rows.length;
  const width = Math.min(options.rank + options.oversampling, rowCount, matrix.columns);
  const rank = Math.min(options.rank, width);

  let range = sparseTimesDense(matrix, gaussianMatrix(matrix.columns, width, options.seed), width);
  orthonormaliseColumns(range, rowCount, width);
  for (let iteration = 0; iteration < options.powerIterations; iteration++) {
    const back = sparseTransposeTimesDense(matrix, range, width);
    orthonormaliseColumns(back, matrix.columns, width);
    range = sparseTimesDense(matrix, back, width);
    // X times an orthonormal basis is conditioned like X's leading singular values (about σ1 / σ_width),
    // so Gram-Schmidt in double precision loses little when the row side is orthonormalised only after
    // the last step. The row side is the long one for large inputs (100,000 profiles against 17,728 tokens).
    if (iteration === options.powerIterations - 1) orthonormaliseColumns(range, rowCount, width);
  }

  // With Q the range basis, Bᵀ = Xᵀ Q; the eigenvectors of B Bᵀ give B's left singular vectors.
  const projectedT = sparseTransposeTimesDense(matrix, range, width);
  const gram = new Float64Array(width * width);
  for (let i = 0; i < width; i++) {
    for (let j = i; j < width; j++) {
      let dot = 0;
      for (let c = 0; c < matrix.columns; c++) dot += projectedT[c * width + i]! * projectedT[c * width + j]!;
      gram[i * width + j] = dot;
      gram[j * width + i] = dot;
    }
  }
  const { values, vectors: left } = symmetricEigen(gram, width);

  const singularValues = Float64Array.from(values.subarray(0, rank), (value) => Math.sqrt(Math.max(value, 0)));
  const vectors = new Float64Array(matrix.columns * rank);
  for (let c = 0; c < matrix.columns; c++) {
    for (let k = 0; k < rank; k++) {
      let sum = 0;
      for (let j = 0; j < width; j++) sum += projectedT[c * width + j]! * left[j * width + k]!;
      vectors[c * rank + k] = singularValues[k]! > 1e-12 ? sum / singularValues[k]! : 0;
    }
  }
  return { vectors, singularValues, rank };
}
