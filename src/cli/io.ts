/**
 * Reading and writing tables for the CLI: CSV (any of , ; TAB |, with or without BOM) and XLSX.
 * Output goes to a temp file renamed at the end, so a failed run never leaves a partial file.
 */
import { accessSync, constants, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Cell } from '../engine/types';
import { normaliseHeader } from '../settings/columns';

/** A problem the user can fix in their input or arguments; `exitCode` 1 = bad input, 2 = bad usage. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode: 1 | 2 = 1) {
    super(message);
  }
}

export interface Table {
  headers: string[];
  rows: Cell[][];
  /** The 1-based row (line) number in the file of each data row, for messages. */
  rowNumbers: number[];
}

/** An output cell: text, number, local-midnight date, or blank. */
export type OutCell = string | number | Date | null;

const DELIMITERS = [',', ';', '\t', '|'];

/** The delimiter used most in the first line, quotes respected; comma on a tie or none. */
export function detectDelimiter(text: string): string {
  const counts = new Map(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

function readCsv(file: string): Table {
  const text = readFileSync(file, 'utf8').replace(/^\ufeff/, '');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter: detectDelimiter(text),
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    throw new CliError(`${file}: not a readable CSV file: ${(err as Error).message}`);
  }
  if (records.length === 0) throw new CliError(`${file} is empty: it needs a header row and data rows.`);
  // info.lines is the line a record ends on; a quoted field with line breaks starts earlier.
  const startLine = (r: { record: string[]; info: { lines: number } }) =>
    r.info.lines - r.record.reduce((n, field) => n + (field.match(/\n/g)?.length ?? 0), 0);
  return {
    headers: records[0].record.map((h) => h.trim()),
    rows: records.slice(1).map((r) => r.record),
    rowNumbers: records.slice(1).map(startLine),
  };
}

/** exceljs cell value to a plain cell; dates become local midnights of the calendar day shown. */
function plainCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) {
    // exceljs reads dates as UTC instants of the serial day; the engine reads local calendar dates.
    return new Date(value.getUTCFullYear(), value.getUTCMonth(), value.getUTCDate(), value.getUTCHours(), value.getUTCMinutes(), value.getUTCSeconds());
  }
  if (typeof value !== 'object') return value;
  if ('result' in value) return plainCell(value.result as ExcelJS.CellValue);
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('text' in value) return String(value.text);
  if ('error' in value) return String(value.error);
  return String(value);
}

async function readXlsx(file: string, sheetName?: string): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch (err) {
    throw new CliError(`${file}: not a readable XLSX file: ${(err as Error).message}`);
  }
  const names = workbook.worksheets.map((w) => w.name);
  const sheet = sheetName === undefined ? workbook.worksheets[0] : workbook.getWorksheet(sheetName);
  if (!sheet) {
    throw new CliError(sheetName === undefined ? `${file} has no sheets.` : `${file} has no sheet "${sheetName}". Sheets: ${names.map((n) => `"${n}"`).join(', ')}.`);
  }
  const lines: { number: number; cells: Cell[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: Cell[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(plainCell(row.getCell(c).value));
    if (cells.some((v) => v !== null && v !== '')) lines.push({ number: row.number, cells });
  });
  if (lines.length === 0) throw new CliError(`${file}: sheet "${sheet.name}" is empty: it needs a header row and data rows.`);
  return {
    headers: lines[0].cells.map((h) => (h === null || h === undefined ? '' : String(h).trim())),
    rows: lines.slice(1).map((l) => l.cells),
    rowNumbers: lines.slice(1).map((l) => l.number),
  };
}

const isXlsx = (file: string) => /\.xlsx$/i.test(file);

/** Reads the first (or the named) sheet of an XLSX file, or a CSV file, as header + rows. */
export async function readTable(file: string, sheetName?: string): Promise<Table> {
  try {
    accessSync(file, constants.R_OK);
  } catch {
    throw new CliError(`Cannot read ${file}: no such file, or no permission.`);
  }
  return isXlsx(file) ? readXlsx(file, sheetName) : readCsv(file);
}

/**
 * Finds the column a user named: exact header first, then ignoring case, spaces and punctuation,
 * then the one header that contains the name (so "Amount" finds "金额 Amount"). Otherwise a
 * CliError that lists the available headers.
 */
export function findColumn(headers: readonly string[], wanted: string, option: string): number {
  const key = normaliseHeader(wanted);
  let index = headers.indexOf(wanted);
  if (index < 0) index = headers.findIndex((h) => normaliseHeader(h) === key);
  if (index >= 0) return index;
  const partial = key ? headers.map((h, i) => (normaliseHeader(h).includes(key) ? i : -1)).filter((i) => i >= 0) : [];
  if (partial.length === 1) return partial[0];
  const list = headers.map((h) => `"${h}"`).join(', ');
  if (partial.length > 1) {
    throw new CliError(`${option} "${wanted}" matches several columns: ${partial.map((i) => `"${headers[i]}"`).join(', ')}. Give the full header.`, 2);
  }
  throw new CliError(`${option} "${wanted}": no such column. The columns are: ${list}.`, 2);
}

const pad = (n: number) => String(n).padStart(2, '0');
const csvText = (cell: OutCell): string =>
  cell === null ? '' : cell instanceof Date ? `${cell.getFullYear()}-${pad(cell.getMonth() + 1)}-${pad(cell.getDate())}` : String(cell);

/** The table as CSV text (comma-separated, dates as YYYY-MM-DD). */
export function toCsv(headers: readonly string[], rows: readonly OutCell[][]): string {
  return stringify([headers as string[], ...rows.map((r) => r.map(csvText))]);
}

async function writeXlsxFile(file: string, headers: readonly string[], rows: readonly OutCell[][]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Customer tiers');
  // exceljs stores Date objects as UTC instants: pass the local calendar day as UTC midnight.
  const cell = (c: OutCell) => (c instanceof Date ? new Date(Date.UTC(c.getFullYear(), c.getMonth(), c.getDate())) : c);
  sheet.addRow(headers as string[]).font = { bold: true };
  for (const r of rows) sheet.addRow(r.map(cell));
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  headers.forEach((h, i) => {
    const column = sheet.getColumn(i + 1);
    let width = h.length;
    for (const r of rows.slice(0, 200)) width = Math.max(width, csvText(r[i] ?? null).length);
    column.width = Math.min(40, width + 2);
    if (rows.some((r) => r[i] instanceof Date)) column.numFmt = 'yyyy-mm-dd';
  });
  await workbook.xlsx.writeFile(file);
}

/**
 * Writes the table to `out` (XLSX when it ends in .xlsx, else CSV with a BOM so Excel reads
 * Chinese), via a temp file renamed at the end; without `out`, CSV to stdout.
 */
export async function writeTable(out: string | undefined, headers: readonly string[], rows: readonly OutCell[][]): Promise<void> {
  if (out === undefined) {
    process.stdout.write(toCsv(headers, rows));
    return;
  }
  const temp = path.join(path.dirname(out), `.${path.basename(out)}.${process.pid}.tmp`);
  try {
    if (isXlsx(out)) await writeXlsxFile(temp, headers, rows);
    else writeFileSync(temp, '\ufeff' + toCsv(headers, rows), 'utf8');
    renameSync(temp, out);
  } catch (err) {
    rmSync(temp, { force: true });
    throw new CliError(`Cannot write ${out}: ${(err as Error).message}`);
  }
}
