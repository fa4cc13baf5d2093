/**
 * The few numerical tools the predicted-value models need, dependency-free and small enough for
 * the Apps Script bundle: log-gamma, the Gaussian hypergeometric function 2F1 and a Nelder–Mead
 * minimiser.
 */

/** Math's functions as locals: global look-ups are slow in some hosts (a Node vm context) and longer minified. */
const { abs, log, max, min } = Math;

/**
 * ln Γ(x) for x > 0: Stirling's series (to the x⁻⁷ term) once x ≥ 15, reached through
 * Γ(x) = Γ(x + n) / (x(x+1)…(x+n−1)); about 14 significant digits.
 */
export function lgamma(x: number): number {
  let product = 1;
  for (; x < 15; x++) product *= x;
  const z = 1 / (x * x);
  return (x - 0.5) * log(x) - x + 0.9189385332046728 + (1 / 12 - z * (1 / 360 - z * (1 / 1260 - z / 1680))) / x - log(product);
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
    if (abs(term) * z <= 1e-15 * (1 - z) * abs(sum)) break;
  }
  return sum;
}

/**
 * Minimises f with the Nelder–Mead simplex (reflection 1, expansion 2, contraction ½, shrink ½
 * towards the best vertex, every shrunk vertex evaluated again), restarted from the best point
 * until a restart no longer improves it, which guards against a collapsed simplex. Returns the
 * best point and its value.
 */
export function nelderMead(f: (x: number[]) => number, start: number[], tolerance = 1e-10) {
  const n = start.length;
  let best = start;
  let fBest = f(start);
  for (let restart = 0; restart < 10; restart++) {
    const simplex = [best, ...best.map((_, i) => best.map((v, j) => v + (i === j ? (restart ? 0.05 : 0.5) : 0)))];
    const values = simplex.map((x, i) => (i ? f(x) : fBest));
    const point = (from: number[], to: number[], t: number) => from.map((v, j) => v + t * (to[j] - v));
    for (let iteration = 0; iteration < 5000; iteration++) {
      const order = values.map((_, i) => i).sort((i, j) => values[i] - values[j]);
      const [lo, hi] = [order[0], order[n]];
      const spread = max(...simplex.flatMap((x) => x.map((v, j) => abs(v - simplex[lo][j]))));
      if (values[hi] - values[lo] <= tolerance * (1 + abs(values[lo])) && spread <= 1e-4) break; // parameters to about 4 digits: ample for a log-parameterised fit
      const centroid = start.map((_, j) => order.slice(0, n).reduce((s, i) => s + simplex[i][j], 0) / n);
      const worst = simplex[hi];
      const accept = (x: number[], v: number) => {
        simplex[hi] = x;
        values[hi] = v;
      };
      const reflected = point(worst, centroid, 2);
      const fr = f(reflected);
      if (fr < values[lo]) {
        const expanded = point(worst, centroid, 3);
        const fe = f(expanded);
        accept(fe < fr ? expanded : reflected, min(fe, fr));
      } else if (fr < values[order[n - 1]]) accept(reflected, fr);
      else {
        // Contract outside (towards the reflected point) or inside (towards the worst).
        const outside = fr < values[hi];
        const contracted = point(centroid, outside ? reflected : worst, 0.5);
        const fc = f(contracted);
        if (fc < (outside ? fr : values[hi])) accept(contracted, fc);
        else for (const i of order.slice(1)) values[i] = f((simplex[i] = point(simplex[lo], simplex[i], 0.5)));
      }
    }
    const lo = values.indexOf(min(...values));
    const improved = values[lo] < fBest - tolerance * (1 + abs(fBest));
    if (values[lo] < fBest) [best, fBest] = [simplex[lo], values[lo]];
    if (restart && !improved) break;
  }
  return { x: best, value: fBest };
}
