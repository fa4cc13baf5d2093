import { issueText } from '../../src/i18n/issues';
import { rollupOrders } from '../../src/engine/rollup';
import type { Cell } from '../../src/engine/types';

/** Serial day of an ISO date, computed here independently of cells.ts. */
const serial = (iso: string) => Math.round((Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000);

function rollup(rows: [Cell, Cell, Cell][], options?: Parameters<typeof rollupOrders>[3]) {
  return rollupOrders(
    rows.map((r) => r[0]),
    rows.map((r) => r[1]),
    rows.map((r) => r[2]),
    options,
  );
}

describe('rollupOrders', () => {
  test('sums per customer in order of first appearance', () => {
    const { customers, issues } = rollup([
      ['B', '2024-01-10', 50],
      [' A ', '2024-01-05', '¥1,000'],
      [1001, '2024-02-01', 20],
      ['A', '2024-03-01', 200],
      ['1001', '2024-01-15', 10],
    ]);
    expect(issues).toEqual([]);
    expect(customers.map((c) => c.id)).toEqual(['B', 'A', '1001']);
    const a = customers[1];
    expect(a.total).toBe(1200);
    expect(a.orders).toBe(2);
    expect(a.firstOrder).toBe(serial('2024-01-05'));
    expect(a.lastOrder).toBe(serial('2024-03-01'));
    expect(a.averageOrder).toBe(600);
    expect(a.firstOrderValue).toBe(1000);
    expect(a.refunds).toBe(0);
    // As-of defaults to the latest purchase in the data (2024-03-01).
    expect(a.recencyDays).toBe(0);
    expect(customers[0].recencyDays).toBe(serial('2024-03-01') - serial('2024-01-10'));
    // The number 1001 and the text "1001" are the same customer; the earlier date comes second.
    expect(customers[2]).toMatchObject({ total: 30, orders: 2, firstOrder: serial('2024-01-15'), firstOrderValue: 10 });
  });

  test('refunds lower the total but are not orders; the average is over purchases', () => {
    const { customers } = rollup([
      ['A', '2024-01-01', 100],
      ['A', '2024-01-20', -30],
      ['A', '2024-02-01', 50],
      ['A', '2024-02-02', 0],
    ]);
    expect(customers[0]).toMatchObject({ total: 120, orders: 2, averageOrder: 75, refunds: 30, lastOrder: serial('2024-02-01') });
  });

  test('a customer with only refunds: orders 0 and no dates, average or recency', () => {
    const { customers } = rollup([
      ['A', '2024-01-01', 100],
      ['R', '2024-01-05', -40],
    ]);
    expect(customers[1]).toEqual({
      id: 'R',
      total: -40,
      orders: 0,
      firstOrder: null,
      lastOrder: null,
      averageOrder: null,
      firstOrderValue: null,
      recencyDays: null,
      refunds: 40,
    });
  });

  test('bad rows are skipped with an issue per problem; fully blank rows silently', () => {
    const { customers, issues } = rollup([
      ['A', '2024-01-01', 10],
      ['', '2024-01-02', 10],
      ['B', '05/03/2024', 10],
      ['C', '2024-01-03', 'ten'],
      [null, '', null],
      ['D', null, null],
      ['A', '2024-01-04', 5],
    ]);
    expect(customers.map((c) => c.id)).toEqual(['A']);
    expect(customers[0].total).toBe(15);
    expect(issues.map((i) => [i.row, i.column])).toEqual([
      [1, 'id'],
      [2, 'date'],
      [3, 'amount'],
      [5, 'date'],
      [5, 'amount'],
    ]);
    expect(issueText(issues[0], 'en')).toMatch(/customer id is blank/);
    expect(issueText(issues[1], 'en')).toMatch(/YYYY-MM-DD/);
  });

  test('explicit as-of date', () => {
    const { customers } = rollup([['A', '2024-01-01', 10]], { asOf: serial('2024-01-31') });
    expect(customers[0].recencyDays).toBe(30);
  });

  test('sameDayIsOneOrder merges one customer’s purchases on one day', () => {
    const rows: [Cell, Cell, Cell][] = [
      ['A', '2024-01-01', 10],
      ['A', '2024-01-01', 15],
      ['A', '2024-01-09', 30],
      ['A', '2024-01-09', -5],
    ];
    expect(rollup(rows).customers[0]).toMatchObject({ orders: 3, firstOrderValue: 10, averageOrder: 55 / 3 });
    expect(rollup(rows, { sameDayIsOneOrder: true }).customers[0]).toMatchObject({
      orders: 2,
      firstOrderValue: 25,
      averageOrder: 27.5,
      total: 50,
    });
  });

  test('bad arguments', () => {
    expect(() => rollupOrders(['A'], [], [1])).toThrow(/same number of rows/);
    expect(() => rollupOrders(['A'], ['2024-01-01'], [1], { asOf: NaN })).toThrow(/as of/);
  });

  test('200,000 rows in well under the custom-function time limit', () => {
    const n = 200_000;
    const ids: Cell[] = new Array(n);
    const dates: Cell[] = new Array(n);
    const amounts: Cell[] = new Array(n);
    for (let i = 0; i < n; i++) {
      ids[i] = `C${(i * 7919) % 20_000}`;
      dates[i] = 45000 + (i % 365);
      amounts[i] = (i % 50) + 0.5;
    }
    const start = Date.now();
    const { customers } = rollupOrders(ids, dates, amounts);
    expect(customers).toHaveLength(20_000);
    expect(customers.reduce((s, c) => s + c.orders, 0)).toBe(n);
    expect(Date.now() - start).toBeLessThan(5000);
  });
});

describe('orders after the as-of date', () => {
  test('are left out with an issue, so recency is never negative', () => {
    const { customers, issues } = rollupOrders(['a', 'a', 'b'], ['2024-01-01', '2024-04-01', '2024-05-01'], [10, 20, 5], { asOf: 45352 }); // 2024-03-01
    expect(customers.map((c) => [c.id, c.total, c.recencyDays])).toEqual([['a', 10, 60]]);
    expect(issues.map((i) => [i.row, i.code])).toEqual([
      [1, 'rollup.afterAsOf'],
      [2, 'rollup.afterAsOf'],
    ]);
  });
});
