/**
 * Predicted value on real data: the CDNOW sample (2,357 customers, calibration to 1997-09-30, in
 * weeks) against the figures Fader, Hardie & Lee (2005) and Fader & Hardie (2013) publish, plus the
 * models' defined results at the edges.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import {
  type BgNbd,
  type ClvCustomer,
  clvRollup,
  expectedPurchases,
  expectedRepeatPurchases,
  fitClv,
  type ClvModel,
  MIN_REPEAT_CUSTOMERS,
  pAlive,
  predictClv,
} from '../../src/engine/clv';
import { issueText } from '../../src/i18n/issues';

const dataDir = path.resolve(__dirname, '../../../shared/data');
const serial = (iso: string) => Math.round((Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000);
const CALIBRATION_END = serial('1997-09-30');

/** The sample's rows: master id, sample id, YYYYMMDD, CDs, dollars. */
const rows = fs
  .readFileSync(path.join(dataDir, 'CDNOW_sample.txt'), 'utf8')
  .split(/\r?\n/)
  .map((line) => line.trim())
  .filter((line) => line !== '')
  .map((line) => line.split(/\s+/));

describe('CDNOW sample', () => {
  const { customers, issues } = clvRollup(
    rows.map((r) => r[0]),
    rows.map((r) => Number(r[2])),
    rows.map((r) => r[4]),
    { asOf: CALIBRATION_END },
  );
  const model = fitClv(customers) as ClvModel;

  test('roll-up: 2,357 customers, 1,411 without a repeat purchase, 2,457 repeat purchases', () => {
    expect(issues).toEqual([]);
    expect(customers).toHaveLength(2357);
    expect(customers.filter((c) => c.x === 0)).toHaveLength(1411);
    expect(customers.reduce((s, c) => s + c.x, 0)).toBe(2457);
    // Independently: distinct purchase days per customer up to the calibration end, minus the first.
    const days = new Map<string, Set<string>>();
    for (const r of rows) if (r[2] <= '19970930') days.set(r[0], (days.get(r[0]) ?? new Set()).add(r[2]));
    expect([...days.values()].reduce((s, d) => s + d.size - 1, 0)).toBe(2457);
    // Holdout: distinct purchase days after the calibration end.
    const later = new Set(rows.filter((r) => r[2] > '19970930').map((r) => `${r[0]} ${r[2]}`));
    expect(customers.reduce((s, c) => s + c.holdout, 0)).toBe(later.size);
  });

  test('customer 1 as FHL tabulate it: x 2, t_x 30.43, T 38.86 weeks, mean repeat spend 22.35', () => {
    expect(customers[0]).toMatchObject({ x: 2, holdout: 1, bought: true });
    expect(customers[0].tx).toBeCloseTo(30.43, 2);
    expect(customers[0].T).toBeCloseTo(38.86, 2);
    expect(customers[0].monetary).toBeCloseTo(22.35, 2);
  });

  test('BG/NBD: r, alpha, a, b and the log-likelihood of Fader, Hardie & Lee (2005)', () => {
    const { r, alpha, a, b, ll } = model.bgnbd;
    expect(Math.abs(r - 0.2426)).toBeLessThan(0.001);
    expect(Math.abs(alpha - 4.4136)).toBeLessThan(0.001);
    expect(Math.abs(a - 0.7929)).toBeLessThan(0.001);
    expect(Math.abs(b - 2.4259)).toBeLessThan(0.001);
    expect(Math.abs(ll - -9582.4)).toBeLessThan(0.1);
    expect(model.uniqueRows).toBeLessThan(customers.length);
    expect(model.warnings).toEqual([]);
  });

  test('Gamma-Gamma: p, q, gamma of Fader & Hardie (2013) on the 946 repeat customers', () => {
    expect(customers.filter((c) => c.x > 0)).toHaveLength(946);
    const { p, q, gamma } = model.gammagamma;
    expect(p.toFixed(2)).toBe('6.25');
    expect(q.toFixed(2)).toBe('3.74');
    expect(gamma.toFixed(2)).toBe('15.44');
  });

  test('customer 1 expects 1.226 purchases in the next 39 weeks (Fader, Hardie & Lee, worked example)', () => {
    expect(expectedPurchases(model.bgnbd, 39, 2, 30.43, 38.86).toFixed(3)).toBe('1.226');
    // A brand-new customer's conditional expectation is the unconditional one.
    expect(expectedPurchases(model.bgnbd, 39, 0, 0, 0)).toBeCloseTo(expectedRepeatPurchases(model.bgnbd, 39), 12);
  });

  test('the model tracks the calibration period and the 39-week holdout within 15%', () => {
    const calibration = customers.reduce((s, c) => s + expectedRepeatPurchases(model.bgnbd, c.T), 0);
    expect(calibration / 2457).toBeGreaterThan(0.95);
    expect(calibration / 2457).toBeLessThan(1.05);
    const predicted = customers.reduce((s, c) => s + predictClv(model, c, { horizon: 39 })!.expectedPurchases, 0);
    const actual = customers.reduce((s, c) => s + c.holdout, 0);
    // Measured: 1,653 expected against 1,882 purchase days (0.88).
    expect(Math.abs(predicted / actual - 1)).toBeLessThan(0.15);
  });

  test('CLV is expected purchases × expected average order without discounting, less with it', () => {
    const c = customers[0];
    const plain = predictClv(model, c, { horizon: 39 })!;
    expect(plain.clv).toBeCloseTo(plain.expectedPurchases * plain.expectedAverageOrder, 8);
    const discounted = predictClv(model, c, { horizon: 39, discountRate: 0.01, margin: 0.3 })!;
    expect(discounted.clv).toBeLessThan(plain.clv * 0.3);
    expect(discounted.clv).toBeGreaterThan(plain.clv * 0.3 * 0.99 ** 9);
    // The expected average order shrinks the customer's own mean towards the population's.
    const population = (model.gammagamma.p * model.gammagamma.gamma) / (model.gammagamma.q - 1);
    expect(plain.expectedAverageOrder).toBeGreaterThan(Math.min(c.monetary!, population));
    expect(plain.expectedAverageOrder).toBeLessThan(Math.max(c.monetary!, population));
  });

  test('days give the same fit as weeks, with alpha scaled by 7', () => {
    const days = clvRollup(
      rows.map((r) => r[0]),
      rows.map((r) => Number(r[2])),
      rows.map((r) => r[4]),
      { asOf: CALIBRATION_END, unit: 'days' },
    );
    const inDays = fitClv(days.customers) as ClvModel;
    expect(inDays.bgnbd.r).toBeCloseTo(model.bgnbd.r, 3);
    expect(inDays.bgnbd.alpha / 7).toBeCloseTo(model.bgnbd.alpha, 2);
    expect(predictClv(inDays, days.customers[0], { horizon: 273 })!.expectedPurchases).toBeCloseTo(
      predictClv(model, customers[0], { horizon: 39 })!.expectedPurchases,
      3,
    );
  });

  describe('properties', () => {
    const bg = model.bgnbd;
    const history = fc
      .record({
        x: fc.integer({ min: 0, max: 60 }),
        T: fc.double({ min: 0, max: 400, noNaN: true }),
        share: fc.double({ min: 0, max: 1, noNaN: true }),
      })
      .map(({ x, T, share }) => ({ x, T, tx: x ? T * share : 0 }));
    const params = fc.record({
      r: fc.double({ min: 0.05, max: 20, noNaN: true }),
      alpha: fc.double({ min: 0.1, max: 200, noNaN: true }),
      a: fc.double({ min: 0.05, max: 20, noNaN: true }),
      b: fc.double({ min: 0.05, max: 20, noNaN: true }),
    });

    test('P(alive) lies in [0, 1]', () => {
      fc.assert(
        fc.property(params, history, (p, { x, tx, T }) => {
          const v = pAlive({ ...p, ll: 0 }, x, tx, T);
          return v >= 0 && v <= 1;
        }),
        { numRuns: 500 },
      );
    });

    test('expected purchases grow with the horizon', () => {
      fc.assert(
        fc.property(
          history,
          fc.double({ min: 0, max: 200, noNaN: true }),
          fc.double({ min: 0, max: 200, noNaN: true }),
          ({ x, tx, T }, h1, h2) => {
            const [short, long] = h1 < h2 ? [h1, h2] : [h2, h1];
            const a = expectedPurchases(bg, short, x, tx, T);
            const b = expectedPurchases(bg, long, x, tx, T);
            return a >= 0 && b >= a - 1e-9 * (1 + a);
          },
        ),
        { numRuns: 300 },
      );
    });

    test('permuting the order rows changes nothing', () => {
      const small = rows.slice(0, 1500); // about 450 customers
      const fitOf = (list: string[][]) => {
        const r = clvRollup(
          list.map((x) => x[0]),
          list.map((x) => x[2]),
          list.map((x) => x[4]),
          { asOf: CALIBRATION_END },
        );
        const m = fitClv(r.customers) as ClvModel;
        const byId = new Map(r.customers.map((c) => [c.id, predictClv(m, c, { horizon: 39, discountRate: 0.01 })!.clv]));
        return { m, byId };
      };
      const reference = fitOf(small);
      fc.assert(
        fc.property(fc.shuffledSubarray(small, { minLength: small.length }), (shuffled) => {
          const { m, byId } = fitOf(shuffled);
          // The BG/NBD sees the same sorted histories: the same fit to the bit. Spend sums may differ
          // in the last bit, which moves the optimiser's stopping point far below a cent.
          expect(m.bgnbd).toEqual(reference.m.bgnbd);
          for (const [id, v] of reference.byId) expect(Math.abs(byId.get(id)! - v)).toBeLessThanOrEqual(1e-5 * v);
        }),
        { numRuns: 5 },
      );
    });
  });
});

describe('defined results at the edges', () => {
  const customer = (id: string, x: number, tx: number, T: number, monetary: number | null = x ? 10 + x : null): ClvCustomer => ({
    id,
    x,
    tx,
    T,
    monetary,
    holdout: 0,
    bought: true,
  });

  test('too few customers who bought again: says how many are needed and how many there are', () => {
    const few = Array.from({ length: 200 }, (_, i) => customer(`c${i}`, i < MIN_REPEAT_CUSTOMERS - 1 ? 2 : 0, 5, 30));
    const result = fitClv(few);
    expect(result).toEqual({ code: 'clv.tooLittleData', params: { have: MIN_REPEAT_CUSTOMERS - 1, need: MIN_REPEAT_CUSTOMERS } });
    expect(issueText(result as never, 'en')).toContain(`needs ${MIN_REPEAT_CUSTOMERS} customers`);
    expect(issueText(result as never, 'zh')).toContain(String(MIN_REPEAT_CUSTOMERS));
  });

  test('refund-only and zero-spend customers', () => {
    const { customers } = clvRollup(['A', 'B', 'B', 'C'], ['2024-01-01', '2024-01-05', '2024-02-01', '2024-03-01'], [-20, 0, 0, 15]);
    expect(customers.map((c) => [c.id, c.bought, c.x])).toEqual([
      ['A', false, 0],
      ['B', true, 1],
      ['C', true, 0],
    ]);
    expect(customers[1].monetary).toBe(0);
  });

  test('single-purchase customers are alive (as the BG/NBD has it) and get the population mean spend', () => {
    const bg: BgNbd = { r: 0.24, alpha: 4.4, a: 0.79, b: 2.4, ll: 0 };
    expect(pAlive(bg, 0, 0, 30)).toBe(1);
    const model: ClvModel = { bgnbd: bg, gammagamma: { p: 6, q: 4, gamma: 15, ll: 0 }, uniqueRows: 1, warnings: [] };
    const prediction = predictClv(model, customer('new', 0, 0, 30), { horizon: 39 })!;
    expect(prediction.pAlive).toBe(1);
    expect(prediction.expectedAverageOrder).toBeCloseTo((6 * 15) / 3, 12);
    expect(predictClv(model, { ...customer('refund', 0, 0, 0), bought: false }, { horizon: 39 })).toBeNull();
  });

  test('spend correlated with frequency is flagged', () => {
    const list = Array.from({ length: 300 }, (_, i) => {
      const x = i % 3 === 0 ? 0 : 1 + (i % 7);
      return customer(`c${i}`, x, x ? 3 + (i % 20) : 0, 30 + (i % 10), x ? x * 20 + (i % 5) : null);
    });
    const model = fitClv(list) as ClvModel;
    expect(model.warnings.map((w) => w.code)).toEqual(['clv.spendCorrelated']);
  });

  test('the same fit with identical rows merged: the unique-row count is the number of distinct histories', () => {
    const list = Array.from({ length: 400 }, (_, i) => customer(`c${i}`, i % 4, i % 4 ? 10 : 0, 20 + (i % 5)));
    const model = fitClv(list) as ClvModel;
    expect(model.uniqueRows).toBe(20);
  });
});
