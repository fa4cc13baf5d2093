/**
 * The main job end to end: `scripts/demo.ts` runs the bundled add-on on the fake and writes an
 * XLSX; we reopen it with exceljs and check what a user would look at. Needs dist/Code.js
 * (`npm test` builds first; the demo builds it itself when missing).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
// exceljs's own zip library: the workbook's default font is only in xl/styles.xml.
import JSZip from 'jszip';
import { createFakeGas } from '../../harness/fakeGas';
import { clickMenuItem, invoke, loadBundle } from '../../harness/loadBundle';
import { DEFAULT_FONT, spreadsheetToWorkbook } from '../../scripts/xlsx';
import { sampleOrders } from '../../src/sample/generate';
import { defaultSettings } from '../../src/settings/settings';

const ROOT = path.resolve(__dirname, '../..');
let dir: string;
let stdout = '';
let workbook: ExcelJS.Workbook;
let out: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'customer-tiers-demo-'));
  out = path.join(dir, 'demo.xlsx');
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

/** The worksheet's rows as text, 1-based (index 0 unused). */
function rowsText(ws: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row: string[] = [];
    for (let c = 1; c <= ws.columnCount; c++) row[c] = text(ws.getCell(r, c).value);
    rows[r] = row;
  }
  return rows;
}

/** Width in characters of columns from..to (1-based), merged cells' span. */
const spanWidth = (ws: ExcelJS.Worksheet, from: number, to: number) => {
  let w = 0;
  for (let c = from; c <= to; c++) w += ws.getColumn(c).width ?? 8.43;
  return w;
};

describe('the XLSX a manager opens', () => {
  const sheet = (name: string) => workbook.getWorksheet(name)!;

  test('every sheet prints one page wide, across the page; the data sheet and customer list repeat their header row', () => {
    for (const ws of workbook.worksheets) {
      expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    }
    expect(sheet('Sample orders').pageSetup.printTitlesRow).toBe('1:1');
    expect(sheet('Customer list').pageSetup.printTitlesRow).toBe('1:1');
    expect(sheet('Tier summary').pageSetup.printTitlesRow).toBeUndefined();
    // The summary prints its tables, not the Pareto chart's 101 data points beside them.
    const summary = sheet('Tier summary');
    const area = summary.pageSetup.printArea!;
    const lastPrinted = /^A1:([A-Z]+)\d+$/.exec(area)![1];
    const header = summary.getRow(1).values as unknown[];
    const paretoColumn = header.indexOf('Top share of customers');
    expect(paretoColumn).toBeGreaterThan(0);
    expect(summary.getColumn(lastPrinted).number).toBe(paretoColumn - 2);
    expect(Number(area.split(/[A-Z]+/).pop())).toBe(summary.rowCount);
  });

  test("header rows name their font (Sheets' Arial 10, bold), and so does the workbook's default style", async () => {
    for (const name of ['Sample orders', 'Customer list']) {
      const header = sheet(name).getRow(1);
      let cells = 0;
      header.eachCell((cell) => {
        expect(cell.font).toMatchObject({ name: DEFAULT_FONT.name, size: DEFAULT_FONT.size, bold: true });
        cells++;
      });
      expect(cells).toBeGreaterThan(3);
    }
    const title = sheet('Tier summary').getCell('A1');
    expect(title.font).toMatchObject({ name: 'Arial', size: 14, bold: true });
    const zip = await JSZip.loadAsync(readFileSync(out));
    const styles = await zip.file('xl/styles.xml')!.async('string');
    const defaultFont = /<fonts[^>]*><font>(.*?)<\/font>/.exec(styles)?.[1] ?? '';
    expect(defaultFont).toContain('<name val="Arial"/>');
    expect(defaultFont).toContain('<sz val="10"/>');
    expect(defaultFont).not.toContain('scheme'); // a theme font scheme would bring Calibri back
  });

  test('the playbook actions span the tier table and wrap; the Pareto chart data columns fit their headers', () => {
    const ws = sheet('Tier summary');
    const rows = rowsText(ws);
    const title = rows.findIndex((r) => r?.[1]?.startsWith('Playbook'));
    expect(title).toBeGreaterThan(0);
    expect(rows[title + 1][2]).toBe('Action');
    for (let r = title + 2; r <= title + 4; r++) {
      const action = ws.getCell(r, 2);
      expect(text(action.value).length).toBeGreaterThan(40);
      expect(action.alignment).toMatchObject({ wrapText: true, vertical: 'top' });
      expect(ws.getCell(r, 8).isMerged).toBe(true);
      expect(ws.getCell(r, 8).master.address).toBe(action.address);
    }
    // B:H together: a sentence of the default playbook on one line (about 110 characters).
    expect(spanWidth(ws, 2, 8)).toBeGreaterThanOrEqual(110);
    for (const header of ['Top share of customers', 'Cumulative share of value']) {
      const col = rows[1].indexOf(header);
      expect(col).toBeGreaterThan(8);
      expect(ws.getColumn(col).width).toBeGreaterThanOrEqual(header.length);
      expect(ws.getCell(1, col).font).toMatchObject({ bold: true });
    }
  });
});

describe('the summary of a run where a tier is empty (the bundled add-on on the fake, then to XLSX)', () => {
  // One customer holds almost all the value: A is that customer; the next customers already start
  // past 95%, so B is empty and C holds the rest.
  const rows = [['Customer', 'Revenue'], ['Big', 100_000], ...Array.from({ length: 5 }, (_, i) => [`Small ${i + 1}`, 10 + i])];
  const longAction = `${'Call them every week, review their orders with them and agree the next quarter. '.repeat(4)}Keep notes.`;
  let xlsx: ExcelJS.Workbook;
  let summaryValues: unknown[][];

  beforeAll(async () => {
    const fake = createFakeGas({ sheets: { Customers: rows } });
    const ctx = loadBundle(fake);
    invoke(fake, ctx, 'onOpen', {});
    const s = defaultSettings('Customers');
    s.source.idColumn = 'Customer';
    s.source.valueColumn = 'Revenue';
    s.mode = 'abc';
    s.abc = { ...s.abc, method: 'pareto', cuts: [0.8, 0.95] };
    s.playbook.A = longAction;
    expect(invoke(fake, ctx, 'sidebarSaveSettings', s)).toMatchObject({ ok: true });
    clickMenuItem(fake, ctx, 'Tier customers now');
    summaryValues = fake.spreadsheet.getSheetByName('Tier summary')!.getDataRange().getValues();
    // Through the file, as npm start writes it.
    const buffer = await spreadsheetToWorkbook(fake.spreadsheet).xlsx.writeBuffer();
    xlsx = new ExcelJS.Workbook();
    await xlsx.xlsx.load(buffer as ArrayBuffer);
  });

  test('Sheets: the empty tier shows – (plain text) for its value, shares of value, average, min and max; its count is 0', () => {
    const b = summaryValues.find((r) => r[0] === 'B' && typeof r[1] === 'number')!;
    expect(b.slice(1, 8)).toEqual([0, 0, '–', '–', '–', '–', '–']);
    const a = summaryValues.find((r) => r[0] === 'A' && typeof r[1] === 'number')!;
    expect(a.slice(1, 4)).toEqual([1, 1 / 6, 100_000]);
  });

  test('XLSX: the same dashes, as text, in the tier colour; a long playbook action wraps onto a taller row', () => {
    const ws = xlsx.getWorksheet('Tier summary')!;
    const rowsOf = rowsText(ws);
    const b = rowsOf.findIndex((r) => r?.[1] === 'B' && typeof ws.getCell(rowsOf.indexOf(r), 2).value === 'number');
    expect(b).toBeGreaterThan(0);
    for (let c = 4; c <= 8; c++) {
      expect(ws.getCell(b, c).value).toBe('–');
      expect(ws.getCell(b, c).numFmt).toBe('@');
    }
    expect(ws.getCell(b, 2).value).toBe(0);
    expect(fillOf(ws.getCell(b, 1))).toBe(fillOf(ws.getCell(b, 8)));
    const action = rowsOf.findIndex((r) => r?.[2] === longAction);
    expect(action).toBeGreaterThan(b);
    expect(ws.getCell(action, 2).alignment).toMatchObject({ wrapText: true });
    // About 330 characters in B:H (about 125 characters wide): three lines or more.
    expect(ws.getRow(action).height).toBeGreaterThanOrEqual(3 * 12.75);
    expect(ws.getRow(action + 1).height ?? 12.75).toBeLessThan(2 * 12.75);
  });
});
