import { issueText } from '../../src/i18n/issues';
import { normaliseWeights, weightedScore, type ScoreDimension } from '../../src/engine/score';
import { midRankPercentile, percentileRanks, quantileType7 } from '../../src/engine/ranking';

const dim = (name: string, values: (number | null)[], weight = 1, direction?: 'higher' | 'lower'): ScoreDimension => ({
  name,
  values,
  weight,
  direction,
});

describe('weightedScore, percentile normalisation', () => {
  test('mid-rank percentile: ties share a rank, best 100, worst 0', () => {
    // Sorted 10, 20, 20, 40 (n = 4): 10 -> 0/3; 20 -> (1 + 0.5)/3 = 0.5; 40 -> 3/3.
    const { score } = weightedScore([dim('spend', [20, 10, 40, 20])]);
    expect(score).toEqual([50, 0, 100, 50]);
  });

  test('"lower" direction mirrors the ranks', () => {
    const { score } = weightedScore([dim('days since order', [1, 5, 9], 1, 'lower')]);
    expect(score).toEqual([100, 50, 0]);
  });

  test('weights combine the normalised indicators', () => {
    // spend ranks: 0, 0.5, 1; orders ranks: 1, 0, 0.5. Weights 3 and 1.
    const { score } = weightedScore([dim('spend', [1, 2, 3], 3), dim('orders', [9, 1, 5], 1)]);
    expect(score[0]).toBeCloseTo((100 * (3 * 0 + 1 * 1)) / 4, 10);
    expect(score[1]).toBeCloseTo((100 * (3 * 0.5 + 1 * 0)) / 4, 10);
    expect(score[2]).toBeCloseTo((100 * (3 * 1 + 1 * 0.5)) / 4, 10);
  });

  test('a column without spread gives everyone the middle', () => {
    expect(weightedScore([dim('x', [7, 7, 7])]).score).toEqual([50, 50, 50]);
    expect(weightedScore([dim('x', [7])]).score).toEqual([50]);
  });
});

describe('weightedScore, min-max normalisation', () => {
  test('(x - min) / (max - min)', () => {
    const { score } = weightedScore([dim('spend', [10, 20, 40])], 'minmax');
    expect(score[0]).toBe(0);
    expect(score[1]).toBeCloseTo(100 / 3, 10);
    expect(score[2]).toBe(100);
  });

  test('lower is better and no spread', () => {
    expect(weightedScore([dim('cost', [0, 5, 10], 1, 'lower')], 'minmax').score).toEqual([100, 50, 0]);
    expect(weightedScore([dim('cost', [3, 3])], 'minmax').score).toEqual([50, 50]);
  });
});

describe('weightedScore, blanks', () => {
  test('a blank indicator is dropped for that row and the other weights renormalised', () => {
    // Row 1 has no orders figure: its score is its spend rank alone (0.5), not diluted.
    const result = weightedScore([dim('spend', [1, 2, 3], 3), dim('orders', [1, null, 3], 1)]);
    expect(result.score[1]).toBe(50);
    expect(result.droppedDimensions).toEqual([{ row: 1, dimensions: ['orders'] }]);
    // Ranks are among the present values: orders 1 and 3 become 0 and 1.
    expect(result.score[0]).toBe(0);
    expect(result.score[2]).toBe(100);
    expect(result.issues).toEqual([]);
  });

  test('a row with every indicator blank gets null and an issue naming the indicators', () => {
    const result = weightedScore([dim('spend', [1, null, 3]), dim('orders', [2, NaN, 1])]);
    expect(result.score[1]).toBeNull();
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0].row).toBe(1);
    expect(issueText(result.issues[0], 'en')).toMatch(/spend, orders/);
  });

  test('indicators with weight 0 are ignored, blank or not', () => {
    const result = weightedScore([dim('spend', [1, 2], 1), dim('notes', [null, null], 0)]);
    expect(result.score).toEqual([0, 100]);
    expect(result.droppedDimensions).toEqual([]);
  });
});

describe('weightedScore, bad arguments', () => {
  test('negative weight names the indicator', () => {
    expect(() => weightedScore([dim('spend', [1], 1), dim('returns', [1], -2)])).toThrow(/"returns".*negative/);
  });
  test('all weights 0', () => {
    expect(() => weightedScore([dim('a', [1], 0), dim('b', [1], 0)])).toThrow(/All weights are 0/);
  });
  test('no indicators, columns of different heights, non-numeric weight', () => {
    expect(() => weightedScore([])).toThrow(/at least one/);
    expect(() => weightedScore([dim('a', [1, 2]), dim('b', [1])])).toThrow(/"b" has 1 rows but "a" has 2/);
    expect(() => weightedScore([dim('a', [1], NaN)])).toThrow(/"a" is not a number/);
  });
});

describe('normaliseWeights', () => {
  test('shares summing to 1', () => {
    expect(normaliseWeights([1, 1, 2])).toEqual([0.25, 0.25, 0.5]);
    expect(normaliseWeights([0, 5])).toEqual([0, 1]);
  });
  test('rejects negative and all-zero weights', () => {
    expect(() => normaliseWeights([1, -1])).toThrow(/indicator 2.*negative/);
    expect(() => normaliseWeights([0, 0])).toThrow(/All weights are 0/);
  });
});

describe('ranking helpers', () => {
  test('percentileRanks keeps nulls and ranks among present values', () => {
    expect(percentileRanks([5, null, 1, 3])).toEqual([1, null, 0, 0.5]);
    expect(midRankPercentile([1, 1, 1, 1], 1)).toBe(0.5);
  });
  test('quantileType7 follows R: quantile(1:10, 0.25) = 3.25, quantile(c(1, 2, 4), 0.5) = 2', () => {
    const ten = Float64Array.from({ length: 10 }, (_, i) => i + 1);
    expect(quantileType7(ten, 0.25)).toBeCloseTo(3.25, 12);
    expect(quantileType7([1, 2, 4], 0.5)).toBe(2);
    expect(quantileType7([1, 2, 4], 0.75)).toBe(3);
    expect(quantileType7([], 0.5)).toBeNaN();
  });
});

test('1,000,000 rows x 3 indicators in a few seconds', () => {
  const n = 1_000_000;
  let seed = 42;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const a: (number | null)[] = new Array(n);
  const b: (number | null)[] = new Array(n);
  const c: (number | null)[] = new Array(n);
  for (let i = 0; i < n; i++) {
    a[i] = Math.round(rand() * 10000) / 100;
    b[i] = Math.floor(rand() * 20);
    c[i] = i % 97 === 0 ? null : Math.floor(rand() * 365);
  }
  const start = Date.now();
  const result = weightedScore([dim('spend', a, 2), dim('orders', b, 1), dim('recency', c, 1, 'lower')]);
  const ms = Date.now() - start;
  expect(result.score).toHaveLength(n);
  expect(result.droppedDimensions.length).toBe(Math.ceil(n / 97));
  expect(ms).toBeLessThan(8000);
});
