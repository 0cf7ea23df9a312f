/**
 * @module
 * The few dense and sparse matrix operations that training needs, on
 * row-major Float64Arrays.
 */

/** A sparse row-major matrix: for each row, column indices and values. */
export interface SparseRows {
  columns: number;
  rows: Array<{ indices: Int32Array; values: Float64Array }>;
}

/** Returns `sparse * dense`, where dense is `sparse.columns x width`. */
export function sparseTimesDense(sparse: SparseRows, dense: Float64Array, width: number): Float64Array {
  const out = new Float64Array(sparse.rows.length * width);
  sparse.rows.forEach((row, r) => {
    for (let i = 0; i < row.indices.length; i++) {
      const base = row.indices[i]! * width;
      const value = row.values[i]!;
      for (let w = 0; w < width; w++) out[r * width + w]! += value * dense[base + w]!;
    }
  });
  return out;
}

/** Returns `sparseᵀ * dense`, where dense is `sparse.rows.length x width`. */
export function sparseTransposeTimesDense(sparse: SparseRows, dense: Float64Array, width: number): Float64Array {
  const out = new Float64Array(sparse.columns * width);
  sparse.rows.forEach((row, r) => {
    for (let i = 0; i < row.indices.length; i++) {
      const base = row.indices[i]! * width;
      const value = row.values[i]!;
      for (let w = 0; w < width; w++) out[base + w]! += value * dense[r * width + w]!;
    }
  });
  return out;
}

/**
 * Orthonormalises the columns of a `rows x width` row-major matrix in place
 * (modified Gram-Schmidt). Works on a column-major copy, so each pass reads
 * contiguous memory instead of one value per row.
 */
export function orthonormaliseColumns(matrix: Float64Array, rows: number, width: number): void {
  const columns = new Float64Array(rows * width);
  for (let r = 0; r < rows; r++) for (let c = 0; c < width; c++) columns[c * rows + r] = matrix[r * width + c]!;
  for (let c = 0; c < width; c++) {
    const column = columns.subarray(c * rows, (c + 1) * rows);
    for (let previous = 0; previous < c; previous++) {
      const basis = columns.subarray(previous * rows, (previous + 1) * rows);
      let dot = 0;
      for (let r = 0; r < rows; r++) dot += column[r]! * basis[r]!;
      for (let r = 0; r < rows; r++) column[r]! -= dot * basis[r]!;
    }
    let norm = 0;
    for (let r = 0; r < rows; r++) norm += column[r]! ** 2;
    norm = Math.sqrt(norm);
    for (let r = 0; r < rows; r++) column[r] = norm > 1e-12 ? column[r]! / norm : 0;
  }
  for (let r = 0; r < rows; r++) for (let c = 0; c < width; c++) matrix[r * width + c] = columns[c * rows + r]!;
}

/**
 * Solves `A X = B` for a symmetric positive definite `size x size` matrix A and
 * a `size x width` right-hand side B, by Cholesky decomposition. Both row-major.
 *
 * @throws RangeError when A is not positive definite.
 */
export function solvePositiveDefinite(a: Float64Array, b: Float64Array, size: number, width: number): Float64Array {
  const lower = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * size + j]!;
      for (let k = 0; k < j; k++) sum -= lower[i * size + k]! * lower[j * size + k]!;
      if (i === j) {
        if (!(sum > 0)) throw new RangeError(`matrix is not positive definite: pivot ${i} is ${sum}`);
        lower[i * size + i] = Math.sqrt(sum);
      } else {
        lower[i * size + j] = sum / lower[j * size + j]!;
      }
    }
  }
  const x = Float64Array.from(b);
  for (let w = 0; w < width; w++) {
    for (let i = 0; i < size; i++) {
      let sum = x[i * width + w]!;
      for (let k = 0; k < i; k++) sum -= lower[i * size + k]! * x[k * width + w]!;
      x[i * width + w] = sum / lower[i * size + i]!;
    }
    for (let i = size - 1; i >= 0; i--) {
      let sum = x[i * width + w]!;
      for (let k = i + 1; k < size; k++) sum -= lower[k * size + i]! * x[k * width + w]!;
      x[i * width + w] = sum / lower[i * size + i]!;
    }
  }
  return x;
}

/** Returns the `rows x width` product of a `rows x inner` and an `inner x width` matrix, both row-major. */
export function multiply(left: Float64Array, right: Float64Array, rows: number, inner: number, width: number): Float64Array {
  const out = new Float64Array(rows * width);
  for (let r = 0; r < rows; r++) {
    for (let i = 0; i < inner; i++) {
      const value = left[r * inner + i]!;
      if (value === 0) continue;
      for (let w = 0; w < width; w++) out[r * width + w]! += value * right[i * width + w]!;
    }
  }
  return out;
}

/** Scales each row of a `rows x width` matrix to unit length in place; all-zero rows stay zero. */
export function normaliseRows(matrix: Float64Array, rows: number, width: number): Float64Array {
  for (let r = 0; r < rows; r++) {
    let norm = 0;
    for (let w = 0; w < width; w++) norm += matrix[r * width + w]! ** 2;
    norm = Math.sqrt(norm);
    if (norm > 1e-12) for (let w = 0; w < width; w++) matrix[r * width + w]! /= norm;
  }
  return matrix;
}

/**
 * Eigen-decomposes a symmetric `size x size` matrix with cyclic Jacobi rotations.
 * Returns eigenvalues in descending order and the matching eigenvectors as columns.
 */
export function symmetricEigen(input: Float64Array, size: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(input);
  const v = new Float64Array(size * size);
  for (let i = 0; i < size; i++) v[i * size + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let offDiagonal = 0;
    for (let p = 0; p < size; p++) for (let q = p + 1; q < size; q++) offDiagonal += a[p * size + q]! ** 2;
    if (offDiagonal < 1e-22) break;
    for (let p = 0; p < size; p++) {
      for (let q = p + 1; q < size; q++) {
        const apq = a[p * size + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * size + q]! - a[p * size + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < size; k++) {
          const akp = a[k * size + p]!;
          const akq = a[k * size + q]!;
          a[k * size + p] = c * akp - s * akq;
          a[k * size + q] = s * akp + c * akq;
        }
        for (let k = 0; k < size; k++) {
          const apk = a[p * size + k]!;
          const aqk = a[q * size + k]!;
          a[p * size + k] = c * apk - s * aqk;
          a[q * size + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < size; k++) {
          const vkp = v[k * size + p]!;
          const vkq = v[k * size + q]!;
          v[k * size + p] = c * vkp - s * vkq;
          v[k * size + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: size }, (_, i) => i).sort((x, y) => a[y * size + y]! - a[x * size + x]! || x - y);
  const values = Float64Array.from(order, (i) => a[i * size + i]!);
  const vectors = new Float64Array(size * size);
  order.forEach((from, to) => {
    for (let k = 0; k < size; k++) vectors[k * size + to] = v[k * size + from]!;
  });
  return { values, vectors };
}

/** A seeded pseudo-random generator (mulberry32) returning floats in [0, 1). */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
