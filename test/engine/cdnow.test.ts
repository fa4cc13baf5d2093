/**
 * Real data: the CDNOW purchase histories (see ../shared/README.md). Figures are computed here
 * independently with plain loops over the text file and compared with the engine's roll-up.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { rollupOrders } from '../../src/engine/rollup';
import { rfmScores, rfmSegments } from '../../src/engine/rfm';

const dataDir = path.resolve(__dirname, '../../../shared/data');

/** Whitespace-separated rows of a CRLF text file, blank lines dropped. */
function readRows(file: string): string[][] {
  return fs
    .readFileSync(path.join(dataDir, file), 'utf8')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => line.split(/\s+/));
}

describe('CDNOW master (69,659 purchases by 23,570 customers)', () => {
  const rows = readRows('CDNOW_master.txt').slice(1); // header line
  const ids = rows.map((r) => r[0]);
  const dates = rows.map((r) => Number(r[1])); // YYYYMMDD numbers, as an export would hold them
  const amounts = rows.map((r) => Number(r[3]));
  const { customers, issues } = rollupOrders(ids, dates, amounts);

  // Independent figures.
  const totals = new Map<string, number>();
  rows.forEach((r) => totals.set(r[0], (totals.get(r[0]) ?? 0) + Number(r[3])));
  const revenue = rows.reduce((s, r) => s + Number(r[3]), 0);

  test('every row is read and every customer appears once', () => {
    expect(rows).toHaveLength(69_659);
    expect(issues).toEqual([]);
    expect(totals.size).toBe(23_570);
    expect(customers).toHaveLength(23_570);
    expect(new Set(customers.map((c) => c.id)).size).toBe(23_570);
  });

  test('per-customer totals and total revenue match', () => {
    const off = customers.filter((c) => Math.abs(c.total - totals.get(c.id)!) > 1e-6);
    expect(off).toEqual([]);
    expect(customers.reduce((s, c) => s + c.total, 0)).toBeCloseTo(revenue, 4);
  });

  test('share of revenue held by the top 20% of customers', () => {
    const independent = [...totals.values()].sort((a, b) => b - a);
    const top = Math.ceil(0.2 * independent.length);
    const expected = independent.slice(0, top).reduce((s, x) => s + x, 0) / revenue;
    const engine =
      customers
        .map((c) => c.total)
        .sort((a, b) => b - a)
        .slice(0, top)
        .reduce((s, x) => s + x, 0) / revenue;
    expect(engine).toBeCloseTo(expected, 10);
    // A Pareto-like concentration, as expected of retail purchases.
    expect(expected).toBeGreaterThan(0.5);
    expect(expected).toBeLessThan(0.9);
  });

  test('first and last purchase dates match; zero-value rows are not purchases', () => {
    const serial = (ymd: string) =>
      Math.round((Date.UTC(+ymd.slice(0, 4), +ymd.slice(4, 6) - 1, +ymd.slice(6, 8)) - Date.UTC(1899, 11, 30)) / 86_400_000);
    const firstRow = new Map<string, number>();
    const firstPaid = new Map<string, number>();
    const lastPaid = new Map<string, number>();
    for (const r of rows) {
      const day = serial(r[1]);
      firstRow.set(r[0], Math.min(firstRow.get(r[0]) ?? Infinity, day));
      if (Number(r[3]) > 0) {
        firstPaid.set(r[0], Math.min(firstPaid.get(r[0]) ?? Infinity, day));
        lastPaid.set(r[0], Math.max(lastPaid.get(r[0]) ?? -Infinity, day));
      }
    }
    // The cohort: everyone's first row is in Q1 1997 (the dataset's definition).
    const q1 = [serial('19970101'), serial('19970331')];
    expect([...firstRow.values()].every((d) => d >= q1[0] && d <= q1[1])).toBe(true);
    const mismatches = customers.filter(
      (c) => c.firstOrder !== (firstPaid.get(c.id) ?? null) || c.lastOrder !== (lastPaid.get(c.id) ?? null),
    );
    expect(mismatches).toEqual([]);
    // Some customers' first row was worth $0, so their first purchase comes later.
    expect(customers.some((c) => c.firstOrder !== null && c.firstOrder > q1[1])).toBe(true);
    const end = serial('19980630');
    expect(customers.every((c) => c.recencyDays === null || c.recencyDays === end - c.lastOrder!)).toBe(true);
  });

  test('RFM on the roll-up: scores are monotone in their inputs and every customer gets a segment', () => {
    const bought = customers.filter((c) => c.orders > 0);
    const result = rfmScores({
      recencyDays: bought.map((c) => c.recencyDays),
      frequency: bought.map((c) => c.orders),
      monetary: bought.map((c) => c.total),
    });
    expect(result.issues).toEqual([]);
    // Sort by each input and check the score never moves the wrong way.
    const check = (input: number[], score: (number | null)[], higherIsBetter: boolean) => {
      const order = input.map((_, i) => i).sort((a, b) => input[a] - input[b]);
      const wrong: number[] = [];
      for (let k = 1; k < order.length; k++) {
        const prev = score[order[k - 1]]!,
          cur = score[order[k]]!;
        const ok = input[order[k]] === input[order[k - 1]] ? cur === prev : higherIsBetter ? cur >= prev : cur <= prev;
        if (!ok) wrong.push(order[k]);
      }
      expect(wrong).toEqual([]);
      expect(new Set(score).size).toBeGreaterThan(1);
    };
    check(
      bought.map((c) => c.recencyDays!),
      result.r,
      false,
    );
    check(
      bought.map((c) => c.orders),
      result.f,
      true,
    );
    check(
      bought.map((c) => c.total),
      result.m,
      true,
    );
    const segments = rfmSegments(result);
    expect(segments.every((s) => s !== null)).toBe(true);
    expect(new Set(segments).size).toBeGreaterThan(5);
  });
});

describe('CDNOW sample: the published repeat-purchase figures', () => {
  // master id, sample id, date, CDs, dollars; calibration period: purchases before 1997-10-01.
  const rows = readRows('CDNOW_sample.txt').filter((r) => Number(r[2]) < 19971001);

  test('946 repeat customers; mean repeat-purchase value: mean 35, sd 30, min 3, median 27.5, max 300', () => {
    // lifetimes convention: one customer's purchases on one day are one transaction.
    const { customers, issues } = rollupOrders(
      rows.map((r) => r[1]),
      rows.map((r) => Number(r[2])),
      rows.map((r) => Number(r[4])),
      { sameDayIsOneOrder: true },
    );
    expect(issues).toEqual([]);
    const repeaters = customers.filter((c) => c.orders >= 2);
    expect(repeaters).toHaveLength(946);
    // Average value of the purchases after the first.
    const values = repeaters.map((c) => (c.averageOrder! * c.orders - c.firstOrderValue!) / (c.orders - 1)).sort((a, b) => a - b);
    const mean = values.reduce((s, x) => s + x, 0) / values.length;
    const sd = Math.sqrt(values.reduce((s, x) => s + (x - mean) ** 2, 0) / (values.length - 1));
    const median = (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    expect(Math.abs(mean - 35)).toBeLessThan(0.5);
    expect(Math.abs(sd - 30)).toBeLessThan(0.5);
    expect(Math.abs(values[0] - 3)).toBeLessThan(0.05);
    expect(Math.abs(median - 27.5)).toBeLessThan(0.05);
    expect(Math.abs(values[values.length - 1] - 300)).toBeLessThan(0.5);
  });

  test('counting rows instead of purchase days does not reproduce the figure', () => {
    const { customers } = rollupOrders(
      rows.map((r) => r[1]),
      rows.map((r) => Number(r[2])),
      rows.map((r) => Number(r[4])),
    );
    expect(customers.filter((c) => c.orders >= 2).length).toBeGreaterThan(946);
  });
});
