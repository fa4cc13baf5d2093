import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { sampleOrders, SAMPLE_AS_OF, SAMPLE_HEADERS } from '../../src/sample/generate';
import { sampleCsvText, sampleCustomersCsvText, COST_PER_ACCOUNT, COST_PER_ORDER, COST_SHARE } from '../../scripts/make-sample';
import { suggestColumns } from '../../src/settings/columns';

const sample = sampleOrders();
const DAY = 86_400_000;
const asOf = new Date(SAMPLE_AS_OF.year, SAMPLE_AS_OF.month - 1, SAMPLE_AS_OF.day);
const isGood = (r: (string | number | Date)[]) => r[0] !== '' && r[1] instanceof Date && typeof r[2] === 'number';
const good = sample.rows.filter(isGood) as [string, Date, number, string][];

/** Per customer: total, first and last order time, computed here independently of the engine. */
function perCustomer() {
  const map = new Map<string, { total: number; first: number; last: number }>();
  for (const [name, date, amount] of good) {
    const c = map.get(name) ?? { total: 0, first: Infinity, last: -Infinity };
    c.total += amount;
    c.first = Math.min(c.first, date.getTime());
    c.last = Math.max(c.last, date.getTime());
    map.set(name, c);
  }
  return map;
}

describe('sampleOrders', () => {
  test('is deterministic', () => {
    expect(sampleOrders()).toEqual(sample);
  });

  test('has a realistic size: 300-400 customers, 1,500-3,000 orders', () => {
    const customers = perCustomer();
    expect(customers.size).toBeGreaterThanOrEqual(300);
    expect(customers.size).toBeLessThanOrEqual(400);
    expect(sample.rows.length).toBeGreaterThanOrEqual(1500);
    expect(sample.rows.length).toBeLessThanOrEqual(3000);
  });

  test('dates are local midnights within 18 months up to the as-of date, in order', () => {
    const start = new Date(SAMPLE_AS_OF.year, SAMPLE_AS_OF.month - 1 - 18 + 1, 1);
    let previous = 0;
    for (const [, date] of good) {
      expect(date.getHours() + date.getMinutes() + date.getSeconds() + date.getMilliseconds()).toBe(0);
      expect(date.getTime()).toBeGreaterThanOrEqual(start.getTime());
      expect(date.getTime()).toBeLessThanOrEqual(asOf.getTime());
      expect(date.getTime()).toBeGreaterThanOrEqual(previous);
      previous = date.getTime();
    }
  });

  test('spend is skewed: the top 20% of customers bring more than 60% of the value', () => {
    const totals = [...perCustomer().values()].map((c) => c.total).sort((a, b) => b - a);
    const all = totals.reduce((a, b) => a + b, 0);
    const top = totals.slice(0, Math.ceil(totals.length * 0.2)).reduce((a, b) => a + b, 0);
    expect(top / all).toBeGreaterThan(0.6);
    // A handful of big accounts: the biggest customer alone is worth many median customers.
    expect(totals[0]).toBeGreaterThan(20 * totals[Math.floor(totals.length / 2)]);
  });

  test('has lost customers, new customers and refunds', () => {
    const customers = [...perCustomer().values()];
    const lost = customers.filter((c) => asOf.getTime() - c.last > 365 * DAY).length;
    const recent = customers.filter((c) => asOf.getTime() - c.first < 92 * DAY).length;
    expect(lost / customers.length).toBeGreaterThan(0.05);
    expect(recent / customers.length).toBeGreaterThan(0.05);
    const refunds = good.filter((r) => r[2] < 0);
    expect(refunds.length).toBeGreaterThanOrEqual(3);
    // A refund follows a purchase by the same customer.
    for (const [name, date] of refunds) {
      expect(good.some((r) => r[0] === name && r[2] > 0 && r[1] <= date)).toBe(true);
    }
  });

  test('mixes English and Chinese customer names', () => {
    const names = [...perCustomer().keys()];
    const chinese = names.filter((n) => /[\u4e00-\u9fff]/.test(n)).length;
    expect(chinese).toBeGreaterThan(names.length * 0.25);
    expect(names.length - chinese).toBeGreaterThan(names.length * 0.25);
  });

  test('contains exactly the four documented bad rows', () => {
    const bad = sample.rows.filter((r) => !isGood(r));
    expect(bad).toHaveLength(4);
    expect(bad.map((r) => r[2])).toEqual(expect.arrayContaining(['n/a', '¥1,2']));
    expect(bad.some((r) => r[0] === '')).toBe(true);
    expect(bad.some((r) => r[1] === '31/02/2024')).toBe(true);
  });

  test('headers are bilingual and found by the column detector', () => {
    expect(sample.headers).toEqual(SAMPLE_HEADERS);
    const s = suggestColumns(sample.headers, sample.rows.slice(0, 50));
    expect(s.idColumn).toBe('客户名称 Customer');
    expect(s.dateColumn).toBe('订单日期 Order date');
    expect(s.valueColumn).toBe('金额 Amount');
    expect(s.layout).toBe('orders');
  });

  test('the generator stays small (it ships inside Code.js)', () => {
    const source = readFileSync(path.resolve(__dirname, '../../src/sample/generate.ts'), 'utf8');
    expect(source.length).toBeLessThan(8000);
  });
});

describe('sample/orders.csv', () => {
  const file = readFileSync(path.resolve(__dirname, '../../sample/orders.csv'), 'utf8');

  test('starts with a BOM and matches the generator (run `npx tsx scripts/make-sample.ts` if not)', () => {
    expect(file.charCodeAt(0)).toBe(0xfeff);
    expect(file).toBe(sampleCsvText());
  });

  test('parses back to the generator rows', () => {
    const records: string[][] = parse(file, { bom: true });
    expect(records[0]).toEqual(sample.headers);
    expect(records).toHaveLength(sample.rows.length + 1);
    const pad = (n: number) => String(n).padStart(2, '0');
    sample.rows.forEach((row, i) => {
      const expected = row.map((c) => (c instanceof Date ? `${c.getFullYear()}-${pad(c.getMonth() + 1)}-${pad(c.getDate())}` : String(c)));
      expect(records[i + 1]).toEqual(expected);
    });
  });
});

describe('sample/customers.csv', () => {
  const file = readFileSync(path.resolve(__dirname, '../../sample/customers.csv'), 'utf8');
  const records: string[][] = parse(file, { bom: true });

  test('matches the generator (run `npx tsx scripts/make-sample.ts` if not)', () => {
    expect(file.charCodeAt(0)).toBe(0xfeff);
    expect(file).toBe(sampleCustomersCsvText());
  });

  test('has one row per customer of the orders, with revenue, orders and last order from them', () => {
    const expected = perCustomer();
    // Refunds (negative amounts) lower revenue but are not orders.
    const orders = new Map<string, number>();
    const lastOrder = new Map<string, number>();
    for (const [name, date, amount] of good) {
      if (!(amount > 0)) continue;
      orders.set(name, (orders.get(name) ?? 0) + 1);
      lastOrder.set(name, Math.max(lastOrder.get(name) ?? 0, date.getTime()));
    }
    expect(records.length - 1).toBe(expected.size);
    const pad = (n: number) => String(n).padStart(2, '0');
    for (const [name, revenue, count, last, cost, potential] of records.slice(1)) {
      const c = expected.get(name)!;
      expect(Number(revenue)).toBeCloseTo(c.total, 2);
      expect(Number(count)).toBe(orders.get(name));
      const d = new Date(lastOrder.get(name)!);
      expect(last).toBe(`${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`);
      expect(Number(cost)).toBeCloseTo(COST_PER_ACCOUNT + COST_PER_ORDER * Number(count) + COST_SHARE * Math.max(c.total, 0), 2);
      expect(Number(potential)).toBeGreaterThanOrEqual(Math.max(c.total, 0) - 0.01);
    }
  });

  test('some customers cost more to serve than they bring (value group BZ)', () => {
    const below = records.slice(1).filter((r) => Number(r[1]) - Number(r[4]) < 0).length;
    expect(below).toBeGreaterThan(5);
    expect(below).toBeLessThan((records.length - 1) / 4);
  });

  test('headers are found by the column detector as a customer list', () => {
    const s = suggestColumns(records[0], records.slice(1, 50));
    expect(s).toMatchObject({
      layout: 'customers',
      idColumn: '客户名称 Customer',
      valueColumn: '销售额 Revenue',
      costColumn: '服务成本 Cost to serve',
      potentialColumn: '潜力 Potential',
      frequencyColumn: '订单数 Orders',
      dateColumn: '最近购买日期 Last order date',
    });
  });
});
