import { computedAbc, computedAbcLimits } from '../../src/engine/computedAbc';

/**
 * Hand-computable case. Values 2n-1, 2n-3, ..., 1 (sum n^2) put the ABC curve points exactly on
 * y = 2x - x^2, and the fmm spline reproduces polynomials up to degree 3, so the interpolated curve
 * IS that parabola. Then, on the effort grid (step 0.01 for n < 101, 0.001 otherwise):
 * - Pareto point: minimise x^2 + (1-x)^4 -> 2x = 4(1-x)^3 -> x ~ 0.4102 -> grid 0.41 (or 0.410).
 * - Break-even: slope 2 - 2x = 1 at x = 0.5 (R's k/m evaluation makes it 0.49..0.50).
 *   0.5 > 0.41, so the Pareto point sets the A/B limit.
 * - Submarginal point: minimise (x - 0.5)^2 + (1-x)^4 -> x ~ 0.6145; with x_B = 0.499 ~ 0.6138.
 *   On the 0.01 grid: f(0.61) = 0.035234 < f(0.62) = 0.035251 -> 0.61; on the 0.001 grid 0.613..0.615.
 * Items k with k/n <= limit: n = 20 -> A k <= 8 (8/20 = .40 < .41 < 9/20), B k <= 12 (.60 < .61 < .65).
 * n = 120 -> A k <= 49 (49.2), B k <= 73 (73.56..73.8).
 */
const oddDescending = (n: number) => Array.from({ length: n }, (_, i) => 2 * (n - i) - 1);

describe('computedAbc on the uniform curve y = 2x - x^2', () => {
  test('n = 20 (0.01 grid): A = 8, B = 4, C = 8', () => {
    const r = computedAbc(oddDescending(20))!;
    expect(r.paretoPoint.effort).toBeCloseTo(0.41, 10);
    expect(r.paretoPoint.yield).toBeCloseTo(2 * 0.41 - 0.41 ** 2, 10); // spline reproduces the parabola
    expect(r.breakEvenPoint.effort).toBeGreaterThanOrEqual(0.49 - 1e-12);
    expect(r.breakEvenPoint.effort).toBeLessThanOrEqual(0.5 + 1e-12);
    expect(r.abExchanged).toBe(false);
    expect(r.submarginalPoint.effort).toBeCloseTo(0.61, 10);
    expect(r.aCount).toBe(8);
    expect(r.abCount).toBe(12);
  });

  test('n = 120 (0.001 grid): A = 49, B = 24, C = 47', () => {
    const r = computedAbc(oddDescending(120))!;
    expect(r.paretoPoint.effort).toBeCloseTo(0.41, 10);
    expect(r.submarginalPoint.effort).toBeGreaterThanOrEqual(0.613 - 1e-12);
    expect(r.submarginalPoint.effort).toBeLessThanOrEqual(0.615 + 1e-12);
    expect(r.aCount).toBe(49);
    expect(r.abCount).toBe(73);
  });

  test('input order does not matter; nulls are left out, negatives count as 0', () => {
    const shuffled = oddDescending(20).reverse();
    expect(computedAbc(shuffled)).toEqual(computedAbc(oddDescending(20)));
    expect(computedAbc([...oddDescending(20), null])).toEqual(computedAbc(oddDescending(20)));
    expect(computedAbc([...oddDescending(20), -5])).toEqual(computedAbc([...oddDescending(20), 0]));
  });
});

describe('computedAbc edge cases', () => {
  test('nothing to analyse: empty or no positive value', () => {
    expect(computedAbc([])).toBeNull();
    expect(computedAbc([0, 0, -3])).toBeNull();
    expect(computedAbcLimits(new Float64Array(0))).toBeNull();
  });

  test('one dominant customer is A (its curve point is the Pareto point)', () => {
    const r = computedAbc([1000, 1, 1, 1, 1, 1, 1, 1, 1, 1])!;
    expect(r.aCount).toBeGreaterThanOrEqual(1);
    expect(r.aCount).toBeLessThanOrEqual(r.abCount);
  });

  test('a strongly skewed large data set: A is small and holds most of the value', () => {
    // Zipf-like values 1/k: the top items dominate, so A must be a minority holding the majority.
    const values = Array.from({ length: 5000 }, (_, i) => 1 / (i + 1));
    const r = computedAbc(values)!;
    const total = values.reduce((a, b) => a + b, 0);
    const aShare = values.slice(0, r.aCount).reduce((a, b) => a + b, 0) / total;
    expect(r.aCount).toBeGreaterThan(0);
    expect(r.aCount / values.length).toBeLessThan(0.5);
    expect(aShare).toBeGreaterThan(0.5);
    expect(r.abCount).toBeGreaterThanOrEqual(r.aCount);
  });
});
