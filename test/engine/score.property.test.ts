import fc from 'fast-check';
import { weightedScore, type Normalisation, type ScoreDimension } from '../../src/engine/score';

const cell = fc.option(fc.integer({ min: -50, max: 50 }), { nil: null, freq: 6 });

/** 1..4 indicators over the same 1..30 rows, with random weights and directions. */
const problem = fc.integer({ min: 1, max: 30 }).chain((rows) =>
  fc.record({
    dims: fc.array(
      fc.record({
        values: fc.array(cell, { minLength: rows, maxLength: rows }),
        weight: fc.integer({ min: 1, max: 10 }),
        lower: fc.boolean(),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    method: fc.constantFrom<Normalisation>('percentile', 'minmax'),
    row: fc.nat(rows - 1),
  }),
);

const toDims = (dims: { values: (number | null)[]; weight: number; lower: boolean }[]): ScoreDimension[] =>
  dims.map((d, i) => ({ name: `d${i}`, values: d.values, weight: d.weight, direction: d.lower ? 'lower' : 'higher' }));

test('scores lie in 0..100 and are null exactly when every indicator is blank', () => {
  fc.assert(
    fc.property(problem, ({ dims, method }) => {
      const { score } = weightedScore(toDims(dims), method);
      score.forEach((s, row) => {
        const anyPresent = dims.some((d) => d.values[row] !== null);
        if (anyPresent) {
          expect(s).not.toBeNull();
          expect(s!).toBeGreaterThanOrEqual(0);
          expect(s!).toBeLessThanOrEqual(100);
        } else expect(s).toBeNull();
      });
    }),
  );
});

test('improving one indicator of a row never lowers that row’s score', () => {
  fc.assert(
    fc.property(problem, fc.nat(3), fc.integer({ min: 1, max: 40 }), ({ dims, method, row }, which, step) => {
      const d = which % dims.length;
      const before = dims[d].values[row];
      fc.pre(before !== null);
      const better = dims.map((x, i) => {
        if (i !== d) return x;
        const values = x.values.slice();
        // "Better" means higher for higher-is-better indicators and lower for the others.
        values[row] = before! + (x.lower ? -step : step);
        return { ...x, values };
      });
      const s0 = weightedScore(toDims(dims), method).score[row]!;
      const s1 = weightedScore(toDims(better), method).score[row]!;
      expect(s1).toBeGreaterThanOrEqual(s0 - 1e-9);
    }),
  );
});

test('reordering the rows reorders the scores and nothing else', () => {
  fc.assert(
    fc.property(
      problem.chain((p) =>
        fc.record({
          p: fc.constant(p),
          keys: fc.array(fc.double({ noNaN: true }), { minLength: p.dims[0].values.length, maxLength: p.dims[0].values.length }),
        }),
      ),
      ({ p, keys }) => {
        const order = keys
          .map((k, i) => [k, i] as const)
          .sort((x, y) => x[0] - y[0] || x[1] - y[1])
          .map(([, i]) => i);
        const shuffled = p.dims.map((d) => ({ ...d, values: order.map((i) => d.values[i]) }));
        const original = weightedScore(toDims(p.dims), p.method).score;
        const permuted = weightedScore(toDims(shuffled), p.method).score;
        expect(permuted).toEqual(order.map((i) => original[i]));
      },
    ),
  );
});
