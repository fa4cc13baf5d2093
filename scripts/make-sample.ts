/**
 * Writes the sample files for users (`npx tsx scripts/make-sample.ts`), UTF-8 with a BOM so that
 * Excel shows the Chinese names, dates as YYYY-MM-DD:
 * - sample/orders.csv: the built-in sample orders (what "Insert sample data" inserts);
 * - sample/customers.csv: the same business as a customer list (one row per customer, readable
 *   orders only) with a cost to serve and a potential, for `customer-tiers tier` / `value-groups`.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { sampleOrders, SAMPLE_AS_OF } from '../src/sample/generate';
import { rollupOrders } from '../src/engine/rollup';
import { isoFromSerialDay, serialDayFromDate } from '../src/engine/cells';

const pad = (n: number) => String(n).padStart(2, '0');

/** A sample cell as text: local-midnight dates as YYYY-MM-DD, everything else as is. */
export function sampleCellText(cell: string | number | Date): string {
  if (cell instanceof Date) return `${cell.getFullYear()}-${pad(cell.getMonth() + 1)}-${pad(cell.getDate())}`;
  return String(cell);
}

/** sample/orders.csv, BOM included. */
export function sampleCsvText(): string {
  const { headers, rows } = sampleOrders();
  return `\ufeff${stringify([headers, ...rows.map((r) => r.map(sampleCellText))])}`;
}

/** Headers of sample/customers.csv, bilingual like the orders. */
export const CUSTOMER_HEADERS = [
  '客户名称 Customer',
  '销售额 Revenue',
  '订单数 Orders',
  '最近购买日期 Last order date',
  '服务成本 Cost to serve',
  '潜力 Potential',
  '地区 Region',
];

/** Yearly account cost, handling cost per order and share of revenue spent on serving a customer. */
export const COST_PER_ACCOUNT = 150;
export const COST_PER_ORDER = 25;
export const COST_SHARE = 0.04;

/**
 * The customer list: per customer (first-appearance order) the revenue net of refunds, number of
 * orders and last order date from the readable order rows; cost to serve = COST_PER_ACCOUNT +
 * COST_PER_ORDER per order + COST_SHARE of revenue (so small accounts can cost more than they bring); potential =
 * revenue times a seeded growth factor between 1 and 4 (the customer's estimated wallet).
 */
export function sampleCustomers(): (string | number)[][] {
  const { rows } = sampleOrders();
  const { customers } = rollupOrders(
    rows.map((r) => r[0]),
    rows.map((r) => r[1]),
    rows.map((r) => r[2]),
    {
      asOf: serialDayFromDate(new Date(SAMPLE_AS_OF.year, SAMPLE_AS_OF.month - 1, SAMPLE_AS_OF.day)),
    },
  );
  const region = new Map(rows.map((r) => [r[0], r[3] as string]));
  let seed = 7;
  const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
  const cents = (x: number) => Math.round(x * 100) / 100;
  return customers.map((c) => {
    const cost = cents(COST_PER_ACCOUNT + COST_PER_ORDER * c.orders + COST_SHARE * Math.max(c.total, 0));
    const potential = cents(Math.max(c.total, 0) * (1 + 3 * rand() * rand()));
    return [
      c.id,
      cents(c.total),
      c.orders,
      c.lastOrder === null ? '' : isoFromSerialDay(c.lastOrder),
      cost,
      potential,
      region.get(c.id) ?? '',
    ];
  });
}

/** sample/customers.csv, BOM included. */
export function sampleCustomersCsvText(): string {
  return `\ufeff${stringify([CUSTOMER_HEADERS, ...sampleCustomers().map((r) => r.map(String))])}`;
}

if (require.main === module) {
  for (const [name, text] of [
    ['orders.csv', sampleCsvText()],
    ['customers.csv', sampleCustomersCsvText()],
  ]) {
    const file = path.resolve(__dirname, '../sample', name);
    writeFileSync(file, text, 'utf8');
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
}
