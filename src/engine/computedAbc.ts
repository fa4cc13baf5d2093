/**
 * Computed ABC analysis: parameter-free A/B/C limits taken from the shape of the ABC curve.
 *
 * Source: A. Ultsch, J. Lötsch, "Computed ABC Analysis for Rational Selection of Most Informative
 * Variables in Multivariate Data", PLOS ONE 10(6): e0129767 (2015),
 * https://doi.org/10.1371/journal.pone.0129767, and its reference implementation, the R package
 * `ABCanalysis` (functions `ABCcurve` and `ABCanalysis`), which this file ports step by step:
 *
 * 1. ABC curve: items sorted by value descending; effort x_k = k/n, yield y_k = cumulative share of
 *    the total, with (0,0) prepended. Negative values count as 0 (as `ABCcleanData` does).
 * 2. The curve is interpolated with R's default cubic spline (`spline()`, method "fmm", Forsythe,
 *    Malcolm & Moler) at efforts 0, 0.01, ..., 1 (fewer than 101 items) or 0, 0.001, ..., 1; yields
 *    from the first one >= 1 on are set to 1.
 * 3. Its slope is the derivative of a second fmm spline through those grid points, evaluated (as in
 *    the R code) at k/m for k = 1..m, m = number of grid points, and stored against grid point k.
 * 4. Pareto point: grid point nearest (0,1). Break-even point: grid point whose slope is nearest 1
 *    (value equals the mean). The one with the smaller effort is the A/B limit; the other one's
 *    effort is x_B.
 * 5. Submarginal point: grid point nearest (x_B, 1); its effort is the B/C limit.
 * 6. Item k (1-based, sorted descending) is A if k/n <= A/B limit, B if k/n <= B/C limit, else C.
 *    Ties in every nearest-point search go to the first grid point, as R's `which.min` does.
 *
 * Differences from the R package, on purpose:
 * - Step 6 uses <= where R uses <: an item whose curve point IS the limit belongs to the class the
 *   limit closes. With R's strict test the top customer of [1000, 1, 1, 1, 1, 1, 1, 1, 1, 1] (Pareto
 *   point exactly at its effort 0.1) is not A, and an item exactly at the B/C limit is in no class.
 * - A is never empty when the A/B limit is above 0: with few items the limit can fall inside the
 *   top item's step of the curve (for [10, 1] it is 0.37 < 1/2), and R would then leave A empty.
 * - abcTiers() afterwards lifts whole groups of equal values to the best tier any of them reached,
 *   puts values <= 0 in C, and makes everyone A when all values are equal and positive (a straight
 *   ABC curve has no shape to analyse; pareto and rank do the same).
 */

/** A point on the (interpolated) ABC curve: effort = fraction of items, yield = fraction of value. */
export interface AbcCurvePoint {
  effort: number;
  yield: number;
}

/** The limits the computed ABC analysis finds. */
export interface ComputedAbcLimits {
  /** Grid point nearest (0,1). */
  paretoPoint: AbcCurvePoint;
  /** Grid point where the curve's slope is nearest 1, i.e. the item value equals the mean. */
  breakEvenPoint: AbcCurvePoint;
  /** Grid point nearest (x_B, 1), which sets the B/C limit. */
  submarginalPoint: AbcCurvePoint;
  /** True when the break-even point comes before the Pareto point and so sets the A/B limit. */
  abExchanged: boolean;
  /** Effort (fraction of items) of the A/B limit and of the B/C limit. */
  abLimitEffort: number;
  bcLimitEffort: number;
  /** How many of the items, sorted by value descending, fall in A, and in A or B (by position). */
  aCount: number;
  abCount: number;
}

/** Coefficients of a cubic spline: s(u) = y[i] + dx*(b[i] + dx*(c[i] + dx*d[i])), dx = u - x[i]. */
interface Spline {
  x: Float64Array;
  y: Float64Array;
  b: Float64Array;
  c: Float64Array;
  d: Float64Array;
}

/**
 * Forsythe-Malcolm-Moler cubic spline through (x[i], y[i]), x strictly increasing: end conditions
 * match the third derivative of the cubic through the four end points, so cubics are reproduced
 * exactly. Port of `fmm_spline` in R's stats/src/splines.c (0-based here).
 */
function fmmSpline(x: Float64Array, y: Float64Array): Spline {
  const n = x.length;
  const b = new Float64Array(n);
  const c = new Float64Array(n);
  const d = new Float64Array(n);
  if (n < 3) {
    const t = n === 2 ? (y[1] - y[0]) / (x[1] - x[0]) : 0;
    b.fill(t);
    return { x, y, b, c, d };
  }
  const last = n - 1;
  // Tridiagonal system: b = diagonal, d = off-diagonal, c = right-hand side.
  d[0] = x[1] - x[0];
  c[1] = (y[1] - y[0]) / d[0];
  for (let i = 1; i < last; i++) {
    d[i] = x[i + 1] - x[i];
    b[i] = 2 * (d[i - 1] + d[i]);
    c[i + 1] = (y[i + 1] - y[i]) / d[i];
    c[i] = c[i + 1] - c[i];
  }
  // End conditions: third derivatives at both ends from divided differences.
  b[0] = -d[0];
  b[last] = -d[last - 1];
  c[0] = 0;
  c[last] = 0;
  if (n > 3) {
    c[0] = c[2] / (x[3] - x[1]) - c[1] / (x[2] - x[0]);
    c[last] = c[last - 1] / (x[last] - x[last - 2]) - c[last - 2] / (x[last - 1] - x[last - 3]);
    c[0] = (c[0] * d[0] * d[0]) / (x[3] - x[0]);
    c[last] = (-c[last] * d[last - 1] * d[last - 1]) / (x[last] - x[last - 3]);
  }
  // Gaussian elimination, then back substitution.
  for (let i = 1; i <= last; i++) {
    const t = d[i - 1] / b[i - 1];
    b[i] -= t * d[i - 1];
    c[i] -= t * c[i - 1];
  }
  c[last] /= b[last];
  for (let i = last - 1; i >= 0; i--) c[i] = (c[i] - d[i] * c[i + 1]) / b[i];
  // Polynomial coefficients.
  b[last] = (y[last] - y[last - 1]) / d[last - 1] + d[last - 1] * (c[last - 1] + 2 * c[last]);
  for (let i = 0; i < last; i++) {
    b[i] = (y[i + 1] - y[i]) / d[i] - d[i] * (c[i + 1] + 2 * c[i]);
    d[i] = (c[i + 1] - c[i]) / d[i];
    c[i] *= 3;
  }
  c[last] *= 3;
  d[last] = d[last - 1];
  return { x, y, b, c, d };
}

/** The spline's derivative as a spline (what R's splinefun(deriv = 1) evaluates). */
function derivative(s: Spline): Spline {
  const c = s.c.map((v) => 2 * v);
  const d = s.d.map((v) => 3 * v);
  return { x: s.x, y: s.b, b: c, c: d, d: new Float64Array(s.x.length) };
}

/** Evaluates the spline at increasing points u, like R's spline_eval (interval search included). */
function evaluate(s: Spline, u: ArrayLike<number>): Float64Array {
  const { x, y, b, c, d } = s;
  const n = x.length;
  const out = new Float64Array(u.length);
  let i = 0;
  for (let l = 0; l < u.length; l++) {
    const ul = u[l];
    if (ul < x[i] || (i < n - 1 && x[i + 1] < ul)) {
      // Reset i so that x[i] <= ul <= x[i+1].
      i = 0;
      let j = n;
      do {
        const k = (i + j) >> 1;
        if (ul < x[k]) j = k;
        else i = k;
      } while (j > i + 1);
    }
    const dx = ul - x[i];
    out[l] = y[i] + dx * (b[i] + dx * (c[i] + dx * d[i]));
  }
  return out;
}

/** Index of the first minimum of f over 0..count-1 (R's which.min). */
function firstMinIndex(count: number, f: (i: number) => number): number {
  let best = 0;
  let bestValue = f(0);
  for (let i = 1; i < count; i++) {
    const v = f(i);
    if (v < bestValue) {
      best = i;
      bestValue = v;
    }
  }
  return best;
}

/** How many k in 1..n satisfy k/n <= limit (up to rounding: 0.41 and 41 * 0.01 are the same limit). */
function countUpTo(n: number, limit: number): number {
  const bound = limit + 1e-12;
  let k = Math.min(n, Math.max(0, Math.floor(limit * n)));
  while (k < n && (k + 1) / n <= bound) k++;
  while (k > 0 && k / n > bound) k--;
  return k;
}

/**
 * Computed ABC limits for values already sorted in descending order (values < 0 or NaN count as 0).
 * Returns null when there is nothing to analyse: no items, or no positive total value.
 * O(n) time; memory about 6 arrays of n doubles.
 */
export function computedAbcLimits(sortedDescending: ArrayLike<number>): ComputedAbcLimits | null {
  const n = sortedDescending.length;
  if (n === 0) return null;
  const x = new Float64Array(n + 1);
  const y = new Float64Array(n + 1);
  let running = 0;
  for (let k = 1; k <= n; k++) {
    const v = sortedDescending[k - 1];
    if (v > 0) running += v;
    x[k] = k / n;
    y[k] = running;
  }
  if (!(running > 0) || !Number.isFinite(running)) return null;
  for (let k = 1; k <= n; k++) y[k] /= running;

  // Interpolated curve on a regular grid (R: seq(0, 1, by = step) is from + (0:m) * by).
  const gridCount = n < 101 ? 101 : 1001;
  const step = n < 101 ? 0.01 : 0.001;
  const effort = new Float64Array(gridCount);
  for (let i = 0; i < gridCount; i++) effort[i] = Math.min(i * step, 1);
  const yieldOnGrid = evaluate(fmmSpline(x, y), effort);
  const firstFull = yieldOnGrid.findIndex((v) => v >= 1);
  if (firstFull >= 0) yieldOnGrid.fill(1, firstFull);

  // Slope, evaluated at k/m (k = 1..m) and stored against grid point k-1, exactly as R does.
  const slopeAt = new Float64Array(gridCount);
  for (let k = 1; k <= gridCount; k++) slopeAt[k - 1] = k / gridCount;
  const slope = evaluate(derivative(fmmSpline(effort, yieldOnGrid)), slopeAt);

  const point = (i: number): AbcCurvePoint => ({ effort: effort[i], yield: yieldOnGrid[i] });
  const distanceTo = (px: number, py: number) => (i: number) => (effort[i] - px) ** 2 + (yieldOnGrid[i] - py) ** 2;
  const paretoIndex = firstMinIndex(gridCount, distanceTo(0, 1));
  const breakEvenIndex = firstMinIndex(gridCount, (i) => Math.abs(slope[i] - 1));
  const abExchanged = effort[breakEvenIndex] < effort[paretoIndex];
  const abIndex = abExchanged ? breakEvenIndex : paretoIndex;
  const xB = abExchanged ? effort[paretoIndex] : effort[breakEvenIndex];
  const submarginalIndex = firstMinIndex(gridCount, distanceTo(xB, 1));

  const abLimitEffort = effort[abIndex];
  const bcLimitEffort = effort[submarginalIndex];
  // With few items the A/B limit can fall inside the top item's step of the curve ([10, 1]: limit
  // 0.37 < 1/2). An A/B limit above 0 means the analysis found an A region, so A keeps the top item.
  const aCount = Math.max(countUpTo(n, abLimitEffort), abLimitEffort > 0 ? 1 : 0);
  return {
    paretoPoint: point(paretoIndex),
    breakEvenPoint: point(breakEvenIndex),
    submarginalPoint: point(submarginalIndex),
    abExchanged,
    abLimitEffort,
    bcLimitEffort,
    aCount,
    abCount: Math.max(aCount, countUpTo(n, bcLimitEffort)),
  };
}

/**
 * Computed ABC limits for values in any order: null and non-finite values are left out, negatives
 * count as 0. Convenience wrapper around computedAbcLimits; abcTiers() with method 'computed' is
 * the usual entry point.
 */
export function computedAbc(values: ReadonlyArray<number | null>): ComputedAbcLimits | null {
  const present = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const sorted = Float64Array.from(present, (v) => Math.max(v, 0));
  sorted.sort();
  sorted.reverse();
  return computedAbcLimits(sorted);
}
