import { issueText, IssueError } from '../../src/i18n/issues';
import {
  abcTiers,
  validateAbcOptions,
  defaultTierLabels,
  ABC_METHODS,
  DEFAULT_CUTS,
  DEFAULT_TIER_LABELS,
  type AbcOptions,
} from '../../src/engine/abc';

const tiersOf = (values: (number | null)[], options?: AbcOptions) => abcTiers(values, options).tier;

describe('validateAbcOptions', () => {
  test('defaults: pareto, 0.8/0.95, A/B/C', () => {
    expect(validateAbcOptions({})).toEqual({ ok: true, value: { method: 'pareto', cuts: [0.8, 0.95], labels: ['A', 'B', 'C'] } });
    expect(ABC_METHODS).toEqual(['pareto', 'rank', 'threshold', 'computed']);
    expect(DEFAULT_CUTS).toEqual({ pareto: [0.8, 0.95], rank: [0.05, 0.2], threshold: [1_000_000, 500_000] });
    expect(DEFAULT_TIER_LABELS).toEqual(['A', 'B', 'C']);
  });

  test('default labels follow the number of cuts', () => {
    const r = validateAbcOptions({ method: 'rank', cuts: [0.1, 0.3, 0.6] });
    expect(r.ok && r.value.labels).toEqual(['A', 'B', 'C', 'D']);
    expect(defaultTierLabels(28).slice(24)).toEqual(['Y', 'Z', 'Tier 27', 'Tier 28']);
  });

  test('returned cuts are a copy, so callers cannot change the defaults', () => {
    const r = validateAbcOptions({ method: 'pareto' });
    if (r.ok) r.value.cuts.push(1);
    expect(DEFAULT_CUTS.pareto).toEqual([0.8, 0.95]);
  });

  test.each<[AbcOptions, RegExp]>([
    [{ method: 'median' as never }, /Unknown ABC method "median".*pareto, rank, threshold, computed/],
    [{ cuts: [0.95, 0.8] }, /must increase/],
    [{ cuts: [0.8, 0.8] }, /must increase/],
    [{ method: 'rank', cuts: [0, 0.2] }, /between 0 and 1/],
    [{ cuts: [0.8, 1.5] }, /between 0 and 1/],
    [{ cuts: [] }, /non-empty/],
    [{ cuts: [0.5, NaN] }, /Cut 2 .* not a number/],
    [{ cuts: ['0.8' as never] }, /not a number/],
    [{ method: 'threshold', cuts: [500, 1000] }, /highest amount down/],
    [{ labels: ['A', 'B'] }, /Expected 3 tier labels \(one more than the 2 cuts\), got 2/],
    [{ labels: ['Gold', 'gold ', 'Bronze'] }, /used twice/],
    [{ labels: ['Gold', '  ', 'Bronze'] }, /Tier label 2 is empty/],
    [{ method: 'computed', cuts: [0.5] }, /leave the cuts empty/],
    [{ method: 'computed', labels: ['A', 'B'] }, /computed ABC always makes 3 tiers/],
  ])('%p is refused', (options, message) => {
    const r = validateAbcOptions(options);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(issueText(r.issue, 'en')).toMatch(message);
  });

  test('labels are trimmed; 1 is a valid last pareto cut', () => {
    const r = validateAbcOptions({ cuts: [0.5, 1], labels: [' Gold ', 'Silver', 'Bronze'] });
    expect(r).toEqual({ ok: true, value: { method: 'pareto', cuts: [0.5, 1], labels: ['Gold', 'Silver', 'Bronze'] } });
  });

  test('abcTiers throws the validation message', () => {
    expect(() => abcTiers([1, 2], { labels: ['x'] })).toThrow(IssueError);
    expect(thrownText(() => abcTiers([1, 2], { labels: ['x'] }))).toMatch(/Expected 3 tier labels/);
  });
});

describe('pareto', () => {
  test('the customer who crosses 80% is A; cut reached exactly moves to the next tier', () => {
    // Total 100. Shares held above each: 0, .60, .85, .95, .98.
    // 25 crosses 80% from 60% -> A; 10 starts at 85% -> B; 3 starts at exactly 95% -> C.
    expect(tiersOf([60, 25, 10, 3, 2])).toEqual([0, 0, 1, 2, 2]);
  });

  test('equal values take the better tier', () => {
    // Total 110: the second 15 would start at 95/110 = 86% (B) but ties share the group's start, 80/110.
    expect(tiersOf([80, 15, 15])).toEqual([0, 0, 0]);
    expect(tiersOf([80, 10, 10])).toEqual([0, 1, 1]);
  });

  test('zero and negative values are last; null stays null', () => {
    const r = abcTiers([10, 0, -3, null, NaN, 5]);
    expect(r.tier).toEqual([0, 2, 2, null, null, 0]);
    expect(r.rank).toEqual([1, 3, 4, null, null, 2]);
    expect(r.cumulativeShare).toEqual([10 / 15, 1, 1, null, null, 1]);
  });

  test('custom cuts and labels, four tiers', () => {
    // Total 100; shares above: 0, .4, .7, .9.
    const r = abcTiers([40, 30, 20, 10], { cuts: [0.5, 0.75, 0.95], labels: ['P', 'Q', 'R', 'S'] });
    expect(r.tier).toEqual([0, 0, 1, 2]);
    expect(r.labels).toEqual(['P', 'Q', 'R', 'S']);
    expect(r.cuts).toEqual([0.5, 0.75, 0.95]);
  });
});

describe('rank', () => {
  test('top 5% of 100 distinct customers is exactly 5, next 15% is 15', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i); // 100, 99, ..., 1
    const tier = tiersOf(values, { method: 'rank' });
    expect(tier.filter((t) => t === 0)).toHaveLength(5);
    expect(tier.filter((t) => t === 1)).toHaveLength(15);
    expect(tier.filter((t) => t === 2)).toHaveLength(80);
    expect(tier.slice(0, 6)).toEqual([0, 0, 0, 0, 0, 1]);
  });

  test('ties at the boundary all join the better tier', () => {
    // 20 customers, cut 0.05: only ranks with 0 customers above (0/20 < 0.05) are A; two share rank 1.
    const values = [50, 50, ...Array.from({ length: 18 }, (_, i) => 40 - i)];
    const tier = tiersOf(values, { method: 'rank' });
    expect(tier.slice(0, 3)).toEqual([0, 0, 1]);
    // B: fewer than 0.2 * 20 = 4 customers above -> ranks 3 and 4 (2 and 3 above); rank 5 has 4 above.
    expect(tier.slice(2, 5)).toEqual([1, 1, 2]);
  });

  test('zero values are last even when the rank share would admit them', () => {
    expect(tiersOf([0, 0, 0], { method: 'rank' })).toEqual([2, 2, 2]);
    expect(tiersOf([7, 0], { method: 'rank', cuts: [0.9] })).toEqual([0, 1]);
  });
});

describe('threshold', () => {
  test('A >= 1,000,000, B >= 500,000, else C; values <= 0 are last', () => {
    expect(tiersOf([2e6, 1e6, 999_999.99, 500_000, 499_999, 1, 0, -5], { method: 'threshold' })).toEqual([0, 0, 1, 1, 2, 2, 2, 2]);
  });

  test('a value <= 0 is last even if a cut is below it', () => {
    expect(tiersOf([5, 0, -1], { method: 'threshold', cuts: [1, -10] })).toEqual([0, 2, 2]);
  });
});

describe('rank and share figures', () => {
  test('competition ranking 1224 and tie groups in cumulative share', () => {
    const r = abcTiers([10, 20, 20, 50]);
    expect(r.rank).toEqual([4, 2, 2, 1]);
    // Total 100: 50 -> .5; both 20s -> .9 (whole group); 10 -> 1.
    expect(r.cumulativeShare).toEqual([1, 0.9, 0.9, 0.5]);
  });
});

describe('degenerate input', () => {
  test.each(ABC_METHODS)('%s: empty, all-null and all-zero input', (method) => {
    expect(abcTiers([], { method })).toMatchObject({ tier: [], rank: [], cumulativeShare: [] });
    expect(abcTiers([null, null], { method }).tier).toEqual([null, null]);
    const zeros = abcTiers([0, 0, -1], { method });
    expect(zeros.tier).toEqual([2, 2, 2]);
    expect(zeros.cumulativeShare).toEqual([0, 0, 0]);
  });

  test.each(ABC_METHODS.filter((m) => m !== 'threshold'))('%s: all equal positive values are all A', (method) => {
    expect(tiersOf([3, 3, 3, 3], { method })).toEqual([0, 0, 0, 0]);
  });

  test('single customer', () => {
    for (const method of ABC_METHODS) expect(tiersOf([42], { method })).toEqual([method === 'threshold' ? 2 : 0]);
  });
});

describe('computed method in abcTiers', () => {
  test('cuts are value thresholds: smallest value in A, smallest in A or B', () => {
    // Odd numbers 39, 37, ..., 1 lie exactly on the uniform ABC curve y = 2x - x^2; computedAbc.test.ts
    // derives A = first 8 items, B = next 4 from that curve.
    const values = Array.from({ length: 20 }, (_, i) => 2 * i + 1);
    const r = abcTiers(values, { method: 'computed' });
    expect(r.cuts).toEqual([25, 17]);
    expect(r.tier).toEqual(values.map((v) => (v >= 25 ? 0 : v >= 17 ? 1 : 2)));
    expect(r.computed?.aCount).toBe(8);
  });

  test('ties across the A/B limit are lifted into A', () => {
    // Same data with item 9 (value 23) raised to equal item 8 (25): both must be A.
    const values = Array.from({ length: 20 }, (_, i) => 39 - 2 * i);
    values[8] = 25;
    const r = abcTiers(values, { method: 'computed' });
    expect(r.tier[7]).toBe(r.tier[8]);
    expect(r.tier[0]).toBe(0);
  });
});

describe('a million customers', () => {
  test('distinct values 1..1e6 in scrambled order: exact tier sizes, ranks and shares', () => {
    const n = 1_000_000;
    // Multiplying by a number coprime to n permutes 0..n-1: a deterministic scramble.
    const values = Array.from({ length: n }, (_, i) => ((i * 7919) % n) + 1);
    const rank = abcTiers(values, { method: 'rank' });
    const count = (tier: (number | null)[], t: number) => tier.reduce((c: number, x) => c + (x === t ? 1 : 0), 0);
    expect(count(rank.tier, 0)).toBe(50_000); // 5% of 1e6
    expect(count(rank.tier, 1)).toBe(150_000); // next 15%
    const top = values.indexOf(n);
    expect(rank.rank[top]).toBe(1);
    expect(rank.cumulativeShare[top]).toBeCloseTo(n / ((n * (n + 1)) / 2), 15);
    // Pareto: value v holds the share of the sum of everything above it; with values 1..n the 80%
    // point is where (n^2 - v^2) / n^2 ~ 0.8, i.e. v ~ n * sqrt(0.2) = 447,214: about 552,786 A customers.
    const pareto = abcTiers(values);
    expect(Math.abs(count(pareto.tier, 0) - n * (1 - Math.sqrt(0.2)))).toBeLessThan(2);
    const computed = abcTiers(values, { method: 'computed' });
    expect(count(computed.tier, 0)).toBeGreaterThan(0);
  });
});

describe('an empty cut', () => {
  it('says the cut is empty rather than showing null', () => {
    const result = validateAbcOptions({ method: 'pareto', cuts: [0.5, null as unknown as number] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(issueText(result.issue, 'en')).toBe('Cut 2 is empty: type a number');
  });
});

/** The text a thrown problem shows (IssueError carries data; plain errors their message). */
function thrownText(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return e instanceof IssueError ? issueText(e.issue, 'en') : (e as Error).message;
  }
  return '(nothing thrown)';
}
