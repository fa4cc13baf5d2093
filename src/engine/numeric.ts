/**
 * The few numerical tools the predicted-value models need, dependency-free and small enough for
 * the Apps Script bundle: log-gamma, the Gaussian hypergeometric function 2F1 and a Nelder–Mead
 * minimiser.
 */

/** Lanczos coefficients (g = 7, n = 9): about 15 significant digits for positive arguments. */
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (the reflection formula keeps small arguments such as r = 0.24 accurate). */
export function lgamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lgamma(1 - x);
  x -= 1;
  const t = x + 7.5;
  let sum = LANCZOS[0];
  for (let i = 1; i < 9; i++) sum += LANCZOS[i] / (x + i);
  return 0.9189385332046728 + (x + 0.5) * Math.log(t) - t + Math.log(sum);
}

/**
 * Gauss's hypergeometric 2F1(a, b; c; z) for 0 ≤ z < 1 by its power series. The terms' ratio
 * tends to z, so the sum stops once the geometric bound of the tail, term·z/(1−z), is negligible;
 * z near 1 (a horizon much longer than the history) needs many terms, capped at a million.
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 0; n < 1e6; n++) {
    term *= (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    sum += term;
    if (Math.abs(term) * z <= 1e-15 * (1 - z) * Math.abs(sum)) break;
  }
  return sum;
}

/**
 * Minimises f with the Nelder–Mead simplex (reflection 1, expansion 2, contraction ½, shrink ½
 * towards the best vertex, every shrunk vertex evaluated again), restarted from the best point
 * until a restart no longer improves it, which guards against a collapsed simplex. Returns the
 * best point and its value.
 */
export function nelderMead(f: (x: number[]) => number, start: number[], tolerance = 1e-10, maxEvaluations = 20000) {
  const n = start.length;
  let best = start;
  let fBest = f(start);
  let evaluations = 1;
  for (let restart = 0; restart < 10 && evaluations < maxEvaluations; restart++) {
    const simplex = [best, ...best.map((_, i) => best.map((v, j) => (i === j ? v + (restart ? 0.05 : 0.5) : v)))];
    const values = simplex.map((x, i) => (i ? f(x) : fBest));
    evaluations += n;
    const point = (from: number[], to: number[], t: number) => from.map((v, j) => v + t * (to[j] - v));
    while (evaluations < maxEvaluations) {
      const order = values.map((_, i) => i).sort((i, j) => values[i] - values[j]);
      const [lo, hi] = [order[0], order[n]];
      const spread = Math.max(...simplex.map((x) => Math.max(...x.map((v, j) => Math.abs(v - simplex[lo][j])))));
      if (values[hi] - values[lo] <= tolerance * (1 + Math.abs(values[lo])) && spread <= 1e-6) break;
      const centroid = start.map((_, j) => order.slice(0, n).reduce((s, i) => s + simplex[i][j], 0) / n);
      const worst = simplex[hi];
      const accept = (x: number[], v: number) => {
        simplex[hi] = x;
        values[hi] = v;
      };
      const reflected = point(worst, centroid, 2);
      const fr = f(reflected);
      evaluations++;
      if (fr < values[lo]) {
        const expanded = point(worst, centroid, 3);
        const fe = f(expanded);
        evaluations++;
        if (fe < fr) accept(expanded, fe);
        else accept(reflected, fr);
      } else if (fr < values[order[n - 1]]) accept(reflected, fr);
      else {
        // Contract outside (towards the reflected point) or inside (towards the worst).
        const outside = fr < values[hi];
        const contracted = point(centroid, outside ? reflected : worst, 0.5);
        const fc = f(contracted);
        evaluations++;
        if (fc < (outside ? fr : values[hi])) accept(contracted, fc);
        else {
          for (const i of order.slice(1)) {
            simplex[i] = point(simplex[lo], simplex[i], 0.5);
            values[i] = f(simplex[i]);
          }
          evaluations += n;
        }
      }
    }
    const lo = values.indexOf(Math.min(...values));
    const improved = values[lo] < fBest - tolerance * (1 + Math.abs(fBest));
    if (values[lo] < fBest) [best, fBest] = [simplex[lo], values[lo]];
    if (restart && !improved) break;
  }
  return { x: best, value: fBest, evaluations };
}
