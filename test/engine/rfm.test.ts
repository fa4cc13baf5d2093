import { issueText } from '../../src/i18n/issues';
import fc from 'fast-check';
import {
  DEFAULT_RFM_SEGMENT_RULES,
  checkRuleCoverage,
  recencyDays,
  recencyDaysChecked,
  rfmScores,
  rfmSegment,
  rfmSegments,
  type RfmSegmentRule,
} from '../../src/engine/rfm';

describe('rfmScores replicates the rfm package breaks (quantile type 7, + 1, [lower, upper))', () => {
  /*
   * Hand derivation, n = 8, probs 0.2 0.4 0.6 0.8, R type 7: index = 1 + 7p = 2.4, 3.8, 5.2, 6.6,
   * q = (1 - h) x[lo] + h x[lo + 1]; breaks = q + 1; bin i = [lower_i, upper_i).
   *
   * recency 3 3 3 10 20 40 40 100:
   *   q = 3, 0.2*3 + 0.8*10 = 8.6, 0.8*20 + 0.2*40 = 24, 40  -> breaks 4, 9.6, 25, 41
   *   bins: [3,4) {3,3,3}=1, [4,9.6) empty, [9.6,25) {10,20}=3, [25,41) {40,40}=4, [41,101) {100}=5
   *   recency score = 6 - bin: 5 5 5 3 3 2 2 1
   * frequency 1 1 1 1 2 2 3 8:
   *   q = 1, 1, 2, 0.4*2 + 0.6*3 = 2.6  -> breaks 2, 2, 3, 3.6
   *   bins: [1,2) {1,1,1,1}=1, [2,2) empty, [2,3) {2,2}=3, [3,3.6) {3}=4, [3.6,9) {8}=5
   * monetary 10 20 30 40 50 60 70 80:
   *   q = 0.6*20 + 0.4*30 = 24, 0.2*30 + 0.8*40 = 38, 0.8*50 + 0.2*60 = 52, 0.4*60 + 0.6*70 = 66
   *   breaks 25, 39, 53, 67 -> {10,20}=1, {30}=2, {40,50}=3, {60}=4, {70,80}=5
   */
  const input = {
    recencyDays: [3, 3, 3, 10, 20, 40, 40, 100],
    frequency: [1, 1, 1, 1, 2, 2, 3, 8],
    monetary: [10, 20, 30, 40, 50, 60, 70, 80],
  };

  test('scores derived by hand', () => {
    const result = rfmScores(input);
    expect(result.r).toEqual([5, 5, 5, 3, 3, 2, 2, 1]);
    expect(result.f).toEqual([1, 1, 1, 1, 3, 3, 4, 5]);
    expect(result.m).toEqual([1, 1, 2, 3, 3, 4, 5, 5]);
    expect(result.code).toEqual(['511', '511', '512', '313', '333', '234', '245', '155']);
    expect(result.issues).toEqual([]);
  });

  test('the + 1 shift: with 1..10, the value 3 is still in the lowest bin although the 20% quantile is 2.8', () => {
    // probs 0.2..0.8 on 1..10: index 2.8, 4.6, 6.4, 8.2 -> q = 2.8, 4.6, 6.4, 8.2 -> breaks 3.8, 5.6, 7.4, 9.2
    const m = rfmScores({
      recencyDays: new Array(10).fill(1),
      frequency: new Array(10).fill(1),
      monetary: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    }).m;
    expect(m).toEqual([1, 1, 1, 2, 2, 3, 3, 4, 4, 5]);
  });

  test('row order does not matter', () => {
    const order = [7, 2, 5, 0, 6, 1, 4, 3];
    const shuffled = {
      recencyDays: order.map((i) => input.recencyDays[i]),
      frequency: order.map((i) => input.frequency[i]),
      monetary: order.map((i) => input.monetary[i]),
    };
    const whole = rfmScores(input);
    expect(rfmScores(shuffled).code).toEqual(order.map((i) => whole.code[i]));
  });

  test('three bins: probs 1/3, 2/3', () => {
    // 1..7: index 1 + 6/3 = 3, 1 + 6*2/3 = 5 -> q = 3, 5 -> breaks 4, 6: {1,2,3}=1, {4,5}=2, {6,7}=3
    const f = rfmScores({ recencyDays: new Array(7).fill(0), frequency: [1, 2, 3, 4, 5, 6, 7], monetary: new Array(7).fill(0) }, 3).f;
    expect(f).toEqual([1, 1, 1, 2, 2, 3, 3]);
  });

  test('equal inputs always get equal scores', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 60 }), fc.integer({ min: 2, max: 9 }), (xs, bins) => {
        const { r, f } = rfmScores({ recencyDays: xs, frequency: xs, monetary: xs }, bins);
        xs.forEach((x, i) => {
          const j = xs.indexOf(x);
          expect(r[i]).toBe(r[j]);
          expect(f[i]).toBe(f[j]);
          expect(f[i]).toBeGreaterThanOrEqual(1);
          expect(f[i]).toBeLessThanOrEqual(bins);
          // More days since the last order never scores higher on recency.
          if (x > xs[0]) expect(r[i]!).toBeLessThanOrEqual(r[0]!);
        });
      }),
    );
  });

  test('blank inputs give null scores, a null code and an issue; breaks use present values only', () => {
    const result = rfmScores({ recencyDays: [1, null, 3, 4, 5], frequency: [1, 2, 3, 4, 5], monetary: [1, 2, 3, 4, NaN] });
    expect(result.r[1]).toBeNull();
    expect(result.f[1]).not.toBeNull();
    expect(result.code[1]).toBeNull();
    expect(result.code[4]).toBeNull();
    expect(result.issues.map((i) => i.row)).toEqual([1, 4]);
    expect(issueText(result.issues[0], 'en')).toMatch(/recency/);
    expect(issueText(result.issues[1], 'en')).toMatch(/monetary/);
    // Recency over 1, 3, 4, 5: index 1.6, 2.2, 2.8, 3.4 -> q 2.2, 3.2, 3.8, 4.4 -> breaks 3.2, 4.2, 4.8, 5.4;
    // 1 and 3 are below 3.2 (bin 1), 4 in [3.2, 4.2) (bin 2), 5 in [4.8, 5.4) (bin 4); score = 6 - bin.
    expect(result.r).toEqual([5, null, 5, 4, 2]);
  });

  test('bad arguments', () => {
    expect(() => rfmScores({ recencyDays: [1], frequency: [1, 2], monetary: [1] })).toThrow(/same number of rows/);
    expect(() => rfmScores({ recencyDays: [1], frequency: [1], monetary: [1] }, 10)).toThrow(/2 to 9/);
    expect(() => rfmScores({ recencyDays: [1], frequency: [1], monetary: [1] }, 2.5)).toThrow(/2 to 9/);
  });
});

describe('segments', () => {
  test('the default rules (rfm package vignette order) cover all 125 combinations', () => {
    expect(checkRuleCoverage(DEFAULT_RFM_SEGMENT_RULES)).toEqual({ ok: true, uncovered: [] });
  });

  test('the checker lists the combinations an edited list misses', () => {
    const rules: RfmSegmentRule[] = [
      { segment: 'Champions', r: [4, 5], f: [1, 5], m: [1, 5] },
      { segment: 'Lost', r: [1, 2], f: [1, 5], m: [1, 5] },
    ];
    const expected: string[] = [];
    for (let f = 1; f <= 5; f++) for (let m = 1; m <= 5; m++) expected.push(`3${f}${m}`);
    expect(checkRuleCoverage(rules)).toEqual({ ok: false, uncovered: expected });
    // Without the catch-all, the package's own ten segments leave e.g. 215 unmatched.
    const withoutOthers = DEFAULT_RFM_SEGMENT_RULES.filter((r) => r.segment !== 'Others');
    expect(checkRuleCoverage(withoutOthers).uncovered).toContain('215');
  });

  test('first matching rule wins, as in rfm_segment', () => {
    // Read off the vignette table in order (R, F, M ranges):
    expect(rfmSegment(5, 5, 5)).toBe('Champions');
    expect(rfmSegment(5, 4, 5)).toBe('Potential Loyalist'); // not Champions (F 4)
    expect(rfmSegment(3, 3, 3)).toBe('Potential Loyalist'); // also in Loyal Customers, which comes later
    expect(rfmSegment(2, 2, 2)).toBe('Loyal Customers');
    expect(rfmSegment(3, 1, 5)).toBe('Promising');
    expect(rfmSegment(5, 1, 1)).toBe('New Customers');
    expect(rfmSegment(1, 3, 5)).toBe("Can't Lose Them");
    expect(rfmSegment(1, 5, 5)).toBe('At Risk'); // F 5 is outside Can't Lose Them's 3-4
    expect(rfmSegment(1, 5, 3)).toBe('Need Attention');
    expect(rfmSegment(2, 1, 1)).toBe('About To Sleep');
    expect(rfmSegment(1, 1, 1)).toBe('Lost');
    expect(rfmSegment(2, 1, 5)).toBe('Others');
  });

  test('rfmSegments maps a result and leaves incomplete rows null', () => {
    const result = { r: [5, null], f: [5, 1], m: [5, 1], code: ['555', null], issues: [] };
    expect(rfmSegments(result)).toEqual(['Champions', null]);
    const custom: RfmSegmentRule[] = [{ segment: 'Lost', r: [1, 5], f: [1, 5], m: [1, 5] }];
    expect(rfmSegments(result, custom)).toEqual(['Lost', null]);
  });
});

describe('recencyDays', () => {
  test('defaults to the latest date, ignores times of day, keeps blanks', () => {
    expect(recencyDays([45000, 45010.75, null, 44990])).toEqual([10, 0, null, 20]);
  });
  test('explicit as-of date; later dates give negative days', () => {
    expect(recencyDays([45000, 45031], 45030)).toEqual([30, -1]);
    expect(() => recencyDays([45000], NaN)).toThrow(/as of/);
  });
});

describe('recencyDaysChecked', () => {
  test('a last order after the as-of date gives null and an issue, never negative days', () => {
    const r = recencyDaysChecked([45000, 45010, null], 45005);
    expect(r.days).toEqual([5, null, null]);
    expect(r.issues).toEqual([expect.objectContaining({ row: 1, code: 'rfm.afterAsOf' })]);
    expect(issueText(r.issues[0], 'en')).toMatch(/after the as-of date/);
    expect(recencyDaysChecked([45000, 45010]).days).toEqual([10, 0]);
  });
});
