/**
 * The main job end to end: `scripts/demo.ts` runs the bundled add-on on the fake and writes an
 * XLSX; we reopen it with exceljs and check what a user would look at. Needs dist/Code.js
 * (`npm test` builds first; the demo builds it itself when missing).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sampleOrders } from '../../src/sample/generate';

const ROOT = path.resolve(__dirname, '../..');
let dir: string;
let stdout = '';
let workbook: ExcelJS.Workbook;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'customer-tiers-demo-'));
  const out = path.join(dir, 'demo.xlsx');
  const r = spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'scripts/demo.ts'), out], { cwd: ROOT, encoding: 'utf8' });
  stdout = r.stdout;
  if (r.status !== 0) throw new Error(`demo exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(out);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const text = (v: ExcelJS.CellValue) => (v === null || v === undefined ? '' : String(v));
const fillOf = (cell: ExcelJS.Cell) => (cell.fill && cell.fill.type === 'pattern' ? cell.fill.fgColor?.argb : undefined);

/** Each customer's total over the readable sample rows, and its pareto tier (80% / 95%) derived here. */
function expectedTiers(): Map<string, string> {
  const totals = new Map<string, number>();
  for (const [name, date, amount] of sampleOrders().rows) {
    if (name === '' || !(date instanceof Date) || typeof amount !== 'number') continue;
    totals.set(name as string, (totals.get(name as string) ?? 0) + amount);
  }
  const values = [...totals.values()];
  const total = values.filter((v) => v > 0).reduce((a, b) => a + b, 0);
  const tiers = new Map<string, string>();
  for (const [name, v] of totals) {
    const above = values.filter((w) => w > v).reduce((a, b) => a + Math.max(b, 0), 0) / total;
    tiers.set(name, v <= 0 ? 'C' : above < 0.8 ? 'A' : above < 0.95 ? 'B' : 'C');
  }
  return tiers;
}

describe('npm start (scripts/demo.ts)', () => {
  test('prints the per-tier summary read from the summary sheet', () => {
    expect(stdout).toMatch(/Tier customers now/);
    const tiers = expectedTiers();
    for (const label of ['A', 'B', 'C']) {
      const count = [...tiers.values()].filter((t) => t === label).length;
      expect(stdout).toMatch(new RegExp(`^\\s+${label}\\s+${count}\\s`, 'm'));
    }
  });

  test('the XLSX holds the sample sheet with a tier per order row, coloured by tier', () => {
    const data = workbook.worksheets.find((ws) => text(ws.getCell('A1').value) === '客户名称 Customer');
    expect(data).toBeDefined();
    const header = (data!.getRow(1).values as ExcelJS.CellValue[]).map(text);
    const tierCol = header.indexOf('Tier');
    expect(tierCol).toBeGreaterThan(0);
    expect(data!.getCell(1, tierCol).font?.bold).toBe(true);

    const sample = sampleOrders();
    expect(data!.rowCount).toBe(sample.rows.length + 1);
    const tiers = expectedTiers();
    const colours = new Map<string, string | undefined>();
    let checked = 0;
    for (let r = 2; r <= data!.rowCount; r++) {
      const name = text(data!.getCell(r, 1).value);
      const expected = tiers.get(name);
      if (expected === undefined) continue; // the row with a blank customer
      const cell = data!.getCell(r, tierCol);
      expect(text(cell.value)).toBe(expected);
      // One distinct, non-white fill per tier, the same on every row of that tier.
      const fill = fillOf(cell);
      expect(fill).toMatch(/^FF[0-9A-F]{6}$/);
      expect(fill).not.toBe('FFFFFFFF');
      if (!colours.has(expected)) colours.set(expected, fill);
      expect(fill).toBe(colours.get(expected));
      checked++;
    }
    expect(checked).toBeGreaterThan(2000);
    expect(new Set(colours.values()).size).toBe(3);
    // Order dates stay dates on the sample's calendar day.
    const firstDate = sample.rows[0][1] as Date;
    const cell = data!.getCell(2, 2).value as Date;
    expect(cell).toBeInstanceOf(Date);
    expect([cell.getUTCFullYear(), cell.getUTCMonth(), cell.getUTCDate()]).toEqual([
      firstDate.getFullYear(),
      firstDate.getMonth(),
      firstDate.getDate(),
    ]);
  });

  test('the XLSX holds what a reader opens: the data and the summary, no empty sheet, not the hidden record', () => {
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual(['Sample orders', 'Customer list', 'Tier summary']);
  });

  test('the XLSX holds the summary sheet with tier rows in the tier colours and set column widths', () => {
    const data = workbook.worksheets.find((ws) => text(ws.getCell('A1').value) === '客户名称 Customer')!;
    const tierCol = (data.getRow(1).values as ExcelJS.CellValue[]).map(text).indexOf('Tier');
    const tierFill = new Map<string, string | undefined>();
    for (let r = 2; r <= 50; r++) tierFill.set(text(data.getCell(r, tierCol).value), fillOf(data.getCell(r, tierCol)));

    const others = workbook.worksheets.filter((ws) => ws !== data && ws.rowCount > 0);
    const summary = others.find((ws) => {
      let found = false;
      ws.eachRow((row) => {
        if (text(row.getCell(1).value) === 'A' && typeof row.getCell(2).value === 'number') found = true;
      });
      return found;
    });
    expect(summary).toBeDefined();
    const counts = new Map<string, number>();
    summary!.eachRow((row) => {
      const label = text(row.getCell(1).value);
      if (['A', 'B', 'C'].includes(label) && typeof row.getCell(2).value === 'number' && !counts.has(label)) {
        counts.set(label, row.getCell(2).value as number);
        expect(fillOf(row.getCell(1))).toBe(tierFill.get(label));
      }
    });
    const expected = expectedTiers();
    for (const label of ['A', 'B', 'C']) expect(counts.get(label)).toBe([...expected.values()].filter((t) => t === label).length);
    expect(summary!.getColumn(1).width).toBeGreaterThan(10);
  });
});
