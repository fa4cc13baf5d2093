/**
 * Writes sample/orders.csv from the built-in sample generator (`npx tsx scripts/make-sample.ts`).
 * UTF-8 with a BOM so that Excel shows the Chinese names; dates as YYYY-MM-DD.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { sampleOrders } from '../src/sample/generate';

const pad = (n: number) => String(n).padStart(2, '0');

/** A sample cell as text: local-midnight dates as YYYY-MM-DD, everything else as is. */
export function sampleCellText(cell: string | number | Date): string {
  if (cell instanceof Date) return `${cell.getFullYear()}-${pad(cell.getMonth() + 1)}-${pad(cell.getDate())}`;
  return String(cell);
}

/** The CSV file text, BOM included. */
export function sampleCsvText(): string {
  const { headers, rows } = sampleOrders();
  return '\ufeff' + stringify([headers, ...rows.map((r) => r.map(sampleCellText))]);
}

if (require.main === module) {
  const file = path.resolve(__dirname, '../sample/orders.csv');
  writeFileSync(file, sampleCsvText(), 'utf8');
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
