/**
 * KernelSHAP's regression: the attributions φ that minimise
 * Σ_S w(S) (v(S) − v(∅) − Σ_{i∈S} φᵢ)² subject to Σ φᵢ = v(N) − v(∅),
 * solved as shap's KernelExplainer.solve does, by eliminating the last player
 * with the constraint (φ_last = total − Σ the others) and solving the weighted
 * normal equations of the rest, (XᵀWX) φ = XᵀWy. The sum constraint therefore
 * holds to rounding, whatever the sampling error.
 *
 * The (M − 1)-square system is solved with ml-matrix's LU decomposition (as
 * numpy.linalg.solve, which shap calls); when it is singular — too few distinct
 * coalitions — with its SVD least-squares solution, as shap falls back to
 * numpy.linalg.lstsq.
 */
import { LuDecomposition, Matrix, SingularValueDecomposition } from 'ml-matrix';

/**
 * Solves for the attributions of `players` players.
 *
 * @param masks - coalitions (bit masks over the players)
 * @param weights - kernel weight of each coalition
 * @param values - v(S) of each coalition
 * @param empty - v(∅), the base value
 * @param full - v(N), the prediction
 */
export function solveConstrainedWls(
  players: number,
  masks: readonly number[],
  weights: readonly number[],
  values: ArrayLike<number>,
  empty: number,
  full: number,
): Float64Array {
  const M = players;
  const phi = new Float64Array(M);
  const total = full - empty;
  if (M === 0) return phi;
  if (M === 1) {
    phi[0] = total;
    return phi;
  }
  const last = M - 1;
  const k = M - 1;
  const xtwx = Matrix.zeros(k, k);
  const xtwy = Matrix.zeros(k, 1);
  const row = new Float64Array(k);
  for (let s = 0; s < masks.length; s++) {
    const mask = masks[s]!;
    const inLast = (mask >> last) & 1;
    for (let i = 0; i < k; i++) row[i] = ((mask >> i) & 1) - inLast;
    const y = values[s]! - empty - inLast * total;
    const w = weights[s]!;
    for (let i = 0; i < k; i++) {
      if (row[i] === 0) continue;
      const wi = w * row[i]!;
      xtwy.set(i, 0, xtwy.get(i, 0) + wi * y);
      for (let j = 0; j < k; j++) if (row[j] !== 0) xtwx.set(i, j, xtwx.get(i, j) + wi * row[j]!);
    }
  }
  const lu = new LuDecomposition(xtwx);
  let solution: Matrix;
  if (!lu.isSingular()) solution = lu.solve(xtwy);
  else {
    // Least squares on √W X, as numpy.linalg.lstsq(sqrt(W) X, sqrt(W) y).
    const a = Matrix.zeros(masks.length, k);
    const b = Matrix.zeros(masks.length, 1);
    masks.forEach((mask, s) => {
      const root = Math.sqrt(weights[s]!);
      const inLast = (mask >> last) & 1;
      for (let i = 0; i < k; i++) a.set(s, i, root * (((mask >> i) & 1) - inLast));
      b.set(s, 0, root * (values[s]! - empty - inLast * total));
    });
    solution = new SingularValueDecomposition(a, { autoTranspose: true }).solve(b);
  }
  let sum = 0;
  for (let i = 0; i < k; i++) {
    phi[i] = solution.get(i, 0);
    sum += phi[i]!;
  }
  phi[last] = total - sum;
  return phi;
}
