import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { abcTiers, ABC_METHODS, type AbcMethod, type AbcOptions } from '../../src/engine/abc';

const RUNS = { numRuns: 300 };

/** Integers (exact sums, so shares compare exactly), with zeros, negatives, nulls and repeats. */
const integerValues = fc.array(
  fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 1, max: 1_000_000 }) },
    { weight: 3, arbitrary: fc.integer({ min: 1, max: 5 }) }, // many ties
    { weight: 1, arbitrary: fc.constantFrom(0, -0, -7) },
    { weight: 1, arbitrary: fc.constant(null) },
  ),
  { maxLength: 120 },
);

/** Any finite doubles (signs, -0, tiny and huge magnitudes): exercises the radix sort's key mapping. */
const anyDoubles = fc.array(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(null)), { maxLength: 120 });

const optionsFor = (method: AbcMethod): AbcOptions => (method === 'threshold' ? { method, cuts: [500_000, 1000, 3] } : { method });

/** Reference tiers straight from the definitions, O(n^2), no sorting. */
function referenceTiers(values: (number | null)[], method: 'pareto' | 'rank' | 'threshold', cuts: number[]): (number | null)[] {
  const present = values.filter((v): v is number => v !== null);
  const total = present.reduce((s, v) => s + Math.max(0, v), 0);
  return values.map((v) => {
    if (v === null) return null;
    if (v <= 0) return cuts.length;
    const greater = present.filter((w) => w > v);
    let t = 0;
    if (method === 'pareto') {
      const above = greater.reduce((s, w) => s + w, 0) / total;
      while (t < cuts.length && !(above < cuts[t])) t++;
    } else if (method === 'rank') {
      while (t < cuts.length && !(greater.length / present.length < cuts[t])) t++;
    } else {
      while (t < cuts.length && !(v >= cuts[t])) t++;
    }
    return t;
  });
}

describe('ABC properties', () => {
  test.each(ABC_METHODS)('%s: a higher value is never in a lower tier; equal values share a tier', (method) => {
    fc.assert(
      fc.property(anyDoubles, (values) => {
        const { tier } = abcTiers(values, optionsFor(method));
        for (let i = 0; i < values.length; i++) {
          for (let j = 0; j < values.length; j++) {
            const a = values[i];
            const b = values[j];
            if (a === null || b === null) continue;
            if (a > b) expect(tier[i]!).toBeLessThanOrEqual(tier[j]!);
            if (a === b) expect(tier[i]).toBe(tier[j]);
          }
        }
        values.forEach((v, i) => expect(tier[i] === null).toBe(v === null));
      }),
      { numRuns: 150 },
    );
  });

  test.each(['pareto', 'rank', 'threshold'] as const)('%s matches a from-the-definition reference', (method) => {
    const cuts = method === 'threshold' ? [500_000, 1000, 3] : method === 'rank' ? [0.05, 0.2] : [0.8, 0.95];
    fc.assert(
      fc.property(integerValues, (values) => {
        expect(abcTiers(values, { method, cuts }).tier).toEqual(referenceTiers(values, method, cuts));
      }),
      RUNS,
    );
    fc.assert(
      fc.property(anyDoubles, (values) => {
        if (method === 'pareto') return; // float sums depend on order; integers cover pareto
        expect(abcTiers(values, { method, cuts }).tier).toEqual(referenceTiers(values, method, cuts));
      }),
      RUNS,
    );
  });

  test.each(ABC_METHODS)("%s: permuting rows does not change anyone's tier", (method) => {
    const valuesAndOrder = integerValues.chain((values) =>
      fc.tuple(fc.constant(values), fc.shuffledSubarray([...values.keys()], { minLength: values.length, maxLength: values.length })),
    );
    fc.assert(
      fc.property(valuesAndOrder, ([values, order]) => {
        const before = abcTiers(values, optionsFor(method));
        const after = abcTiers(
          order.map((i) => values[i]),
          optionsFor(method),
        );
        order.forEach((from, to) => {
          expect(after.tier[to]).toBe(before.tier[from]);
          expect(after.rank[to]).toBe(before.rank[from]);
          expect(after.cumulativeShare[to]).toBe(before.cumulativeShare[from]);
        });
      }),
      RUNS,
    );
  });

  test.each(['pareto', 'rank', 'computed'] as const)('%s: scaling every value by a positive constant changes no tier', (method) => {
    // Integer values times an integer or a power of two stay exact, so shares are bit-identical.
    const scale = fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.constantFrom(0.5, 0.25, 1024));
    fc.assert(
      fc.property(integerValues, scale, (values, c) => {
        const scaled = values.map((v) => (v === null ? null : v * c));
        expect(abcTiers(scaled, { method }).tier).toEqual(abcTiers(values, { method }).tier);
      }),
      method === 'computed' ? { numRuns: 100 } : RUNS,
    );
  });

  test('pareto: A holds at least the first cut of the value, and is as small as the tie rule allows', () => {
    fc.assert(
      fc.property(integerValues, (values) => {
        const { tier } = abcTiers(values);
        const positive = values.filter((v): v is number => v !== null && v > 0);
        const total = positive.reduce((s, v) => s + v, 0);
        if (total === 0) return;
        const inA = values.filter((_v, i) => tier[i] === 0) as number[];
        expect(inA.reduce((s, v) => s + v, 0) / total).toBeGreaterThanOrEqual(0.8);
        // Minimal: without the smallest A value's whole tie group, A would hold less than 80%.
        const smallestA = Math.min(...inA);
        const withoutLast = inA.filter((v) => v > smallestA).reduce((s, v) => s + v, 0);
        expect(withoutLast / total).toBeLessThan(0.8);
      }),
      RUNS,
    );
  });

  test('rank and share figures agree with their definitions', () => {
    fc.assert(
      fc.property(integerValues, (values) => {
        const { rank, cumulativeShare } = abcTiers(values);
        const present = values.filter((v): v is number => v !== null);
        const total = present.reduce((s, v) => s + Math.max(0, v), 0);
        values.forEach((v, i) => {
          if (v === null) return;
          expect(rank[i]).toBe(1 + present.filter((w) => w > v).length);
          const held = present.filter((w) => w >= v).reduce((s, w) => s + Math.max(0, w), 0);
          expect(cumulativeShare[i]).toBeCloseTo(total > 0 ? held / total : 0, 12);
        });
      }),
      RUNS,
    );
  });

  test('computed: A is non-empty when the data are clearly unequal', () => {
    // "Clearly unequal": the largest value is at least twice the mean, so the ABC curve bends.
    const skewed = fc
      .array(fc.integer({ min: 1, max: 1000 }), { minLength: 2, maxLength: 400 })
      .filter((v) => Math.max(...v) >= (2 * v.reduce((s, x) => s + x, 0)) / v.length);
    fc.assert(
      fc.property(skewed, (values) => {
        const { tier } = abcTiers(values, { method: 'computed' });
        expect(tier.filter((t) => t === 0).length).toBeGreaterThan(0);
        expect(tier[values.indexOf(Math.max(...values))]).toBe(0);
      }),
      { numRuns: 200 },
    );
  });
});

describe('real data: CDNOW customers', () => {
  const file = path.resolve(__dirname, '../../../shared/data/CDNOW_master.txt');
  const available = fs.existsSync(file);
  (available ? test : test.skip)('pareto A holds >= 80% of dollars, with the independently computed count', () => {
    // Sum dollars per customer in integer cents, so the reference sums are exact.
    const cents = new Map<string, number>();
    const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/).slice(1);
    for (const line of lines) {
      const fields = line.trim().split(/\s+/);
      if (fields.length !== 4) continue;
      cents.set(fields[0], (cents.get(fields[0]) ?? 0) + Math.round(Number(fields[3]) * 100));
    }
    expect(cents.size).toBe(23570); // as the data README says
    const ids = [...cents.keys()];
    const dollars = ids.map((id) => cents.get(id)! / 100);

    const { tier } = abcTiers(dollars, { method: 'pareto' });
    const totalCents = [...cents.values()].reduce((s, c) => s + c, 0);
    const aCents = ids.reduce((s, id, i) => s + (tier[i] === 0 ? cents.get(id)! : 0), 0);
    expect(aCents / totalCents).toBeGreaterThanOrEqual(0.8);

    // Independent count: walk customers by value descending; take every customer while the value
    // held by those strictly richer is below 80% (a tie group shares the sum above its first member).
    const sorted = [...cents.values()].sort((a, b) => b - a);
    let expectedA = 0;
    let aboveGroup = 0;
    let running = 0;
    for (let i = 0; i < sorted.length; i++) {
      if (i === 0 || sorted[i] !== sorted[i - 1]) aboveGroup = running;
      if (sorted[i] > 0 && aboveGroup < 0.8 * totalCents) expectedA++;
      running += sorted[i];
    }
    expect(tier.filter((t) => t === 0).length).toBe(expectedA);
    expect(expectedA).toBeGreaterThan(0);
    expect(expectedA).toBeLessThan(sorted.length / 2); // value is concentrated, as in any customer base

    // Rank method: top 5% of customers, ties included.
    const rankTiers = abcTiers(dollars, { method: 'rank' }).tier;
    const n = sorted.length;
    let expectedRankA = 0;
    let greater = 0; // customers strictly richer than the current tie group = index of its first member
    sorted.forEach((c, i) => {
      if (i === 0 || c !== sorted[i - 1]) greater = i;
      if (c > 0 && greater / n < 0.05) expectedRankA++;
    });
    expect(expectedRankA).toBeGreaterThanOrEqual(Math.ceil(0.05 * n));
    expect(rankTiers.filter((t) => t === 0).length).toBe(expectedRankA);

    // Computed ABC: A non-empty and richer on average than B, B richer than C.
    const computed = abcTiers(dollars, { method: 'computed' });
    const mean = (t: number) => {
      const xs = dollars.filter((_, i) => computed.tier[i] === t);
      return xs.reduce((s, x) => s + x, 0) / xs.length;
    };
    expect(computed.tier.filter((t) => t === 0).length).toBeGreaterThan(0);
    expect(mean(0)).toBeGreaterThan(mean(1));
    expect(mean(1)).toBeGreaterThan(mean(2));
  });
});
