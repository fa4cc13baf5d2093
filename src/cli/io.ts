/**
 * Reading and writing tables for the CLI: CSV (any of , ; TAB | or runs of spaces; UTF-8, UTF-16
 * with BOM or GB18030) and XLSX. Every file-system failure becomes a CliError naming the path, never
 * a stack trace. Output goes to a temp file renamed at the end, so a failed or interrupted run
 * never leaves a partial file and never touches the input.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Cell } from '../engine/types';
import { normaliseHeader } from '../settings/columns';

/** A problem the user can fix in their input or arguments; `exitCode` 1 = bad input, 2 = bad usage. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
  }
}

/** A cell or row the reader could not take as it is (ragged row, merged cell, formula without result). */
export interface CellProblem {
  /** 0-based data row. */
  row: number;
  /** 0-based column, or null for the whole row (always reported, whichever columns are used). */
  column: number | null;
  message: string;
}

export interface Table {
  headers: string[];
  /** The cells by column (one array per header): a million rows need no array per row. */
  columns: Cell[][];
  rowCount: number;
  /** The 1-based row (line) number in the file of each data row, for messages. */
  rowNumbers: number[];
  /** Problems found while reading; a command reports those in the columns it uses. */
  problems: CellProblem[];
  /** Things the user should know about how the file was read (encoding, sheet), for stderr. */
  notes: string[];
}

/** An output cell: text, number, local-midnight date, or blank. */
export type OutCell = string | number | Date | null;

/** A, B, ..., Z, AA, ... for a 0-based column index, as spreadsheets name columns. */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** One line about a failed file-system call: the path, what went wrong in words, what to do. */
export function fsMessage(err: unknown, file: string, doing: 'read' | 'write'): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  const reasons: Record<string, string> = {
    ENOENT: doing === 'read' ? 'no such file' : 'its folder does not exist',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EISDIR: 'it is a folder, not a file',
    ENOTDIR: 'a part of the path is a file, not a folder',
    ENOSPC: 'the disk is full',
    EDQUOT: 'the disk quota is used up',
    EROFS: 'the file system is read-only',
    ELOOP: 'too many symbolic links',
    ENAMETOOLONG: 'the name is too long',
    EMFILE: 'too many open files',
    EIO: 'an input/output error on the disk',
    EBUSY: 'the file is in use',
    ETXTBSY: 'the file is in use',
    EXDEV: 'the temp file and the target are on different disks',
  };
  const reason = (code && reasons[code]) ?? (err instanceof Error ? err.message.split('\n')[0] : String(err));
  return `Cannot ${doing} ${file}: ${reason}${code && !reasons[code] ? ` (${code})` : ''}.`;
}

/* ------------------------------------------------------------------ reading */

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

const strictDecoder = (encoding: string) => new TextDecoder(encoding, { fatal: true });

/** 1-based line of the first byte sequence `encoding` cannot decode (lines split at LF). */
function firstBadLine(bytes: Buffer, encoding: string): number {
  const decoder = strictDecoder(encoding);
  let start = 0;
  for (let line = 1; start <= bytes.length; line++) {
    const end = bytes.indexOf(0x0a, start);
    const slice = bytes.subarray(start, end < 0 ? bytes.length : end);
    try {
      decoder.decode(slice);
    } catch {
      return line;
    }
    if (end < 0) break;
    start = end + 1;
  }
  return 1;
}

/**
 * The text of a CSV file. Excel saves "Unicode text" as UTF-16 with a BOM and Chinese Windows saves
 * CSV as GB18030 (GBK); both are decoded. Anything else that is not UTF-8 is refused, naming the
 * first bad line, rather than read with replacement characters.
 */
function decodeText(bytes: Buffer, file: string, notes: string[]): string {
  const saveAs = 'Save it as "CSV UTF-8" and try again.';
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return strictDecoder('utf-16le').decode(bytes.subarray(2));
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return strictDecoder('utf-16be').decode(bytes.subarray(2));
  } catch {
    throw new CliError(`${file} starts like UTF-16 text but is not valid UTF-16. ${saveAs}`);
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  if (bytes.includes(0)) {
    throw new CliError(
      `${file} is not a text file (it holds NUL bytes: a binary file, or UTF-16 text without a byte-order mark). Give a CSV or XLSX file.`,
    );
  }
  try {
    return strictDecoder('utf-8').decode(bytes);
  } catch {
    // Not UTF-8: try the Chinese Windows encoding before giving up.
  }
  try {
    const text = strictDecoder('gb18030').decode(bytes);
    notes.push(
      `Note: ${file} is not UTF-8; it was read as GB18030 (Chinese Windows). If the text looks wrong, save the file as "CSV UTF-8".`,
    );
    return text;
  } catch {
    throw new CliError(
      `${file} is not UTF-8 text: line ${firstBadLine(bytes, 'utf-8')} holds bytes that are neither UTF-8 nor GB18030. ${saveAs}`,
    );
  }
}

/** Takes each record of a text file with the line it starts on; `fields` may be reused for the next record. */
type RecordSink = (fields: string[], line: number) => void;

/**
 * Whitespace-separated columns (as in the CDNOW data): used only when the first line has none of
 * the usual delimiters and the first lines all split into the same number (2+) of fields, so a
 * one-column file with a header such as "Annual revenue" is not split.
 */
function whitespaceRecords(text: string, take?: RecordSink): boolean {
  const firstLine = text.split(/\r?\n/, 1)[0];
  if (DELIMITERS.some((d) => firstLine.includes(d)) || firstLine.includes('"')) return false;
  const head = text.slice(0, 1 << 16).split(/\r\n|\n|\r/);
  if (text.length > 1 << 16) head.pop(); // the last line of the sample may be cut short
  const widths = head
    .filter((line) => line.trim() !== '')
    .slice(0, 100)
    .map((line) => line.trim().split(/\s+/).length);
  if (widths.length === 0 || widths[0] < 2 || widths.some((w) => w !== widths[0])) return false;
  if (!take) return true;
  let line = 0;
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    line++;
    const trimmed = text.slice(start, end).trim();
    if (trimmed !== '') take(trimmed.split(/\s+/), line);
    start = end + 1;
  }
  return true;
}

/** Whether a CSV file's first lines are columns separated by runs of spaces (see whitespaceRecords). */
export function isWhitespaceSeparated(head: string): boolean {
  return whitespaceRecords(head);
}

/**
 * RFC 4180 records in one pass over the text (a million lines in a fraction of a second, fields
 * sliced from the text rather than copied): quoted fields may hold the delimiter, doubled quotes
 * and line breaks; empty lines are skipped; each record knows the line it starts on. A quote left
 * open, or text right after a closing quote, is refused with its line.
 */
function delimitedRecords(
  text: string,
  delimiter: string,
  file: string,
  take: RecordSink,
  piece?: { line: number; more: boolean },
): number {
  const n = text.length;
  const delim = delimiter.charCodeAt(0);
  const unreadable = (why: string, line: number) => new CliError(`${file}: not a readable CSV file: ${why} on line ${line}.`);
  const fields: string[] = [];
  let i = 0;
  let line = piece?.line ?? 1;
  // Reading a piece of the file: a record that runs to the end of the text may go on in the next
  // piece, so it is left for then (the return value says where the text was read up to).
  const more = piece?.more === true;
  while (i < n) {
    const first = text.charCodeAt(i);
    if (first === 10 || first === 13) {
      if (more && first === 13 && i + 1 === n) break;
      i += first === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
      line++;
      continue;
    }
    const from0 = i;
    const start = line;
    fields.length = 0;
    let cut = false;
    for (;;) {
      if (text.charCodeAt(i) === 34) {
        const opened = line;
        let field = '';
        let from = i + 1;
        for (;;) {
          const close = text.indexOf('"', from);
          if (close < 0 || (more && close + 1 === n)) {
            if (more) cut = true;
            else throw unreadable('a quote is opened and never closed', opened);
            break;
          }
          field += text.slice(from, close);
          if (text.charCodeAt(close + 1) !== 34) {
            i = close + 1;
            break;
          }
          field += '"';
          from = close + 2;
        }
        if (cut) break;
        for (let at = field.indexOf('\n'); at >= 0; at = field.indexOf('\n', at + 1)) line++;
        fields.push(field);
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === delim || c === 10 || c === 13) break;
          j++;
        }
        fields.push(text.slice(i, j));
        i = j;
      }
      const c = text.charCodeAt(i);
      if (c === delim) {
        i++;
        continue;
      }
      if (more && (i >= n || (c === 13 && i + 1 === n))) {
        cut = true;
        break;
      }
      if (c === 13 || c === 10) i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
      else if (i < n) throw unreadable('text follows a closing quote', line);
      line++;
      break;
    }
    if (cut) {
      line = start;
      i = from0;
      break;
    }
    take(fields, start);
  }
  if (piece) piece.line = line;
  return i;
}

const isBlankText = (s: string | undefined) => s === undefined || s.trim() === '';

/** Records into a Table: the first non-blank record is the header; the rest go straight into columns. */
function tableCollector(file: string, notes: string[]): { take: RecordSink; table(): Table } {
  let headers: string[] | null = null;
  let columns: string[][] = [];
  const rowNumbers: number[] = [];
  const problems: CellProblem[] = [];
  const take: RecordSink = (fields, line) => {
    // Rows of nothing but delimiters (",,,") are blank lines as far as the user can see.
    if (fields.every((f) => isBlankText(f))) return;
    if (headers === null) {
      headers = fields.map((h) => h.trim());
      columns = headers.map(() => []);
      return;
    }
    const width = headers.length;
    // Trailing empty fields (a delimiter at the end of the line) are harmless; values past the
    // header usually mean a value holds the delimiter without quotes, so its columns have shifted.
    if (fields.length > width && !fields.slice(width).every((f) => isBlankText(f))) {
      problems.push({
        row: rowNumbers.length,
        column: null,
        message: `The row has ${fields.length} values but the header has ${width} columns (a value may hold the delimiter without quotes)`,
      });
    }
    for (let c = 0; c < width; c++) columns[c].push(fields[c]);
    rowNumbers.push(line);
  };
  const table = (): Table => {
    if (headers === null) throw new CliError(`${file} is empty: it needs a header row and data rows.`);
    if (rowNumbers.length === 0) throw new CliError(`${file} has a header row but no data rows.`);
    return { headers, columns, rowCount: rowNumbers.length, rowNumbers, problems, notes };
  };
  return { take, table };
}

/** Reads a whole CSV file in memory (any encoding it can be in) straight into columns. */
function readCsv(bytes: Buffer, file: string): Table {
  const notes: string[] = [];
  const text = decodeText(bytes, file, notes);
  const collect = tableCollector(file, notes);
  if (!whitespaceRecords(text, collect.take)) delimitedRecords(text, detectDelimiter(text), file, collect.take);
  return collect.table();
}

const PIECE_BYTES = 4 << 20;

/**
 * Reads a UTF-8 CSV file a few megabytes at a time, straight into columns, so the file is never
 * held whole. Null when the file needs the whole-file reader: not UTF-8 (GB18030, UTF-16, binary),
 * or columns separated by runs of spaces (decided on the whole text).
 */
function streamCsv(file: string): Table | null {
  const fd = fs.openSync(file, 'r');
  try {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const bytes = Buffer.alloc(PIECE_BYTES);
    const collect = tableCollector(file, []);
    const at = { line: 1, more: true };
    let delimiter: string | null = null;
    let carry = '';
    for (;;) {
      const read = fs.readSync(fd, bytes, 0, PIECE_BYTES, null);
      at.more = read > 0;
      const chunk = bytes.subarray(0, read);
      if (chunk.includes(0)) return null;
      let text: string;
      try {
        text = carry + (read > 0 ? decoder.decode(chunk, { stream: true }) : decoder.decode());
      } catch {
        return null;
      }
      if (delimiter === null) {
        if (isWhitespaceSeparated(text)) return null;
        delimiter = detectDelimiter(text);
      }
      carry = text.slice(delimitedRecords(text, delimiter, file, collect.take, at));
      if (read === 0) return collect.table();
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** exceljs cell value to a plain cell; dates become local midnights of the calendar day shown. */
function plainCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) {
    // exceljs reads dates as UTC instants of the serial day; the engine reads local calendar dates.
    return new Date(
      value.getUTCFullYear(),
      value.getUTCMonth(),
      value.getUTCDate(),
      value.getUTCHours(),
      value.getUTCMinutes(),
      value.getUTCSeconds(),
    );
  }
  if (typeof value !== 'object') return value;
  if ('result' in value) return plainCell(value.result as ExcelJS.CellValue);
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('text' in value) return String(value.text);
  if ('error' in value) return String(value.error);
  return String(value);
}

async function readXlsx(bytes: Buffer, file: string, sheetName?: string): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new CliError(
      `${file} is not a readable XLSX workbook (it is damaged, or another format). Open it in Excel and save it as .xlsx or CSV.`,
    );
  }
  const sheets = workbook.worksheets.filter(Boolean);
  const names = sheets.map((w) => `"${w.name}"`).join(', ');
  if (sheets.length === 0) throw new CliError(`${file} has no sheets.`);
  const sheet = sheetName === undefined ? sheets[0] : sheets.find((w) => w.name === sheetName);
  if (!sheet) throw new CliError(`${file} has no sheet "${sheetName}". Sheets: ${names}.`);
  const notes: string[] = [];
  if (sheetName === undefined && sheets.length > 1)
    notes.push(`Note: read sheet "${sheet.name}", the first of ${names}; pass --sheet NAME to read another.`);

  const lines: { number: number; cells: Cell[]; problems: { column: number; message: string }[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: Cell[] = [];
    const problems: { column: number; message: string }[] = [];
    for (let c = 1; c <= row.cellCount; c++) {
      const cell = row.getCell(c);
      // exceljs repeats a merged range's value in every cell of it; Excel holds it once, in the
      // top-left cell. Taking the repeats would count an amount twice, so they are read as blank
      // and, where a command uses the column, reported.
      if (cell.isMerged && cell.master.address !== cell.address) {
        cells.push(null);
        problems.push({
          column: c - 1,
          message: `The cell is merged with ${cell.master.address}: unmerge the cells and give each row its own value`,
        });
        continue;
      }
      const value = cell.value;
      if (
        value !== null &&
        typeof value === 'object' &&
        ('formula' in value || 'sharedFormula' in value) &&
        (value as { result?: unknown }).result === undefined
      ) {
        cells.push(null);
        problems.push({
          column: c - 1,
          message: 'The formula has no saved result: open the file in Excel or Sheets and save it, so the result is stored',
        });
        continue;
      }
      cells.push(plainCell(value));
    }
    if (cells.some((v) => v !== null && v !== '') || problems.length > 0) lines.push({ number: row.number, cells, problems });
  });
  if (lines.length === 0) throw new CliError(`${file}: sheet "${sheet.name}" is empty: it needs a header row and data rows.`);
  if (lines.length === 1) throw new CliError(`${file}: sheet "${sheet.name}" has a header row but no data rows.`);
  const width = Math.max(...lines.map((l) => l.cells.length));
  const headers = Array.from({ length: width }, (_, i) => {
    const h = lines[0].cells[i];
    return h === null || h === undefined ? '' : h instanceof Date ? h.toISOString().slice(0, 10) : String(h).trim();
  });
  const data = lines.slice(1);
  return {
    headers,
    columns: headers.map((_, c) => data.map((l) => l.cells[c] ?? null)),
    rowCount: data.length,
    rowNumbers: data.map((l) => l.number),
    problems: data.flatMap((l, row) => l.problems.map((p) => ({ row, ...p }))),
    notes,
  };
}

const isXlsxName = (file: string) => /\.xlsx$/i.test(file);
const startsWith = (bytes: Buffer, magic: number[]) => magic.every((b, i) => bytes[i] === b);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];

/**
 * Reads the first (or the named) sheet of an XLSX file, or a CSV file, as header + rows. The
 * content decides, not the name: an XLSX saved as .csv is still read as a workbook.
 */
export async function readTable(file: string, sheetName?: string): Promise<Table> {
  const head = Buffer.alloc(8);
  let headLength: number;
  try {
    if (fs.statSync(file).isDirectory()) throw new CliError(`${file} is a folder: give a CSV or XLSX file.`);
    const fd = fs.openSync(file, 'r');
    headLength = fs.readSync(fd, head, 0, head.length, 0);
    fs.closeSync(fd);
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(fsMessage(err, file, 'read'));
  }
  const whole = () => {
    try {
      return fs.readFileSync(file);
    } catch (err) {
      throw new CliError(fsMessage(err, file, 'read'));
    }
  };
  if (startsWith(head, ZIP)) return readXlsx(whole(), file, sheetName);
  if (startsWith(head, OLE)) throw new CliError(`${file} is an old-style Excel workbook (.xls): save it as .xlsx or CSV.`);
  if (isXlsxName(file)) {
    throw new CliError(
      headLength === 0
        ? `${file} is empty (0 bytes), not an XLSX workbook.`
        : `${file} is not an XLSX workbook (it is not a zip file). Give a real .xlsx file, or a CSV file.`,
    );
  }
  if (sheetName !== undefined) throw new CliError(`--sheet applies to XLSX files, and ${file} is a CSV file.`, 2);
  // UTF-8 is read a piece at a time; other encodings and space-separated columns need the whole text.
  let streamed: Table | null;
  try {
    streamed = streamCsv(file);
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(fsMessage(err, file, 'read'));
  }
  return streamed ?? readCsv(whole(), file);
}

/**
 * Finds the column a user named: exact header first, then ignoring case, spaces and punctuation,
 * then the one header that contains the name (so "Amount" finds "金额 Amount"). Two headers that
 * match equally well are ambiguous: a CliError lists them by column letter. Otherwise a CliError
 * that lists the available headers.
 */
export function findColumn(headers: readonly string[], wanted: string, option: string): number {
  const key = normaliseHeader(wanted);
  const where = (i: number) => `"${headers[i]}" (column ${columnLetter(i)})`;
  const ambiguous = (matches: number[]) =>
    new CliError(
      `${option} "${wanted}" matches several columns: ${matches.map(where).join(', ')}. Give the full header, or rename one of them in the file.`,
      2,
    );
  const tiers: ((h: string) => boolean)[] = [
    (h) => h === wanted.trim(),
    (h) => key !== '' && normaliseHeader(h) === key,
    (h) => key !== '' && normaliseHeader(h).includes(key),
  ];
  for (const matches of tiers) {
    const found = headers.map((h, i) => (matches(h) ? i : -1)).filter((i) => i >= 0);
    if (found.length === 1) return found[0];
    if (found.length > 1) throw ambiguous(found);
  }
  const list = headers.map((h) => `"${h}"`).join(', ');
  throw new CliError(`${option} "${wanted}": no such column. The columns are: ${list}.`, 2);
}

/* ------------------------------------------------------------------ writing */

const pad = (n: number) => String(n).padStart(2, '0');
const csvText = (cell: OutCell): string =>
  cell === null ? '' : cell instanceof Date ? `${cell.getFullYear()}-${pad(cell.getMonth() + 1)}-${pad(cell.getDate())}` : String(cell);

/** Text a spreadsheet would take as a formula (OWASP CSV injection: = + - @ TAB CR). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A signed plain number ("-5", "+1,234.50", "-12%") is read as a number, never as a formula. */
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:[.,]\d+)*|\.\d+)(?:e[+-]?\d+)?%?$/i;

/**
 * Text for a CSV cell. Strings that a spreadsheet would run as a formula get a leading ' so they
 * stay text when the CSV is opened; numbers (and strings that are plain signed numbers) do not.
 */
function csvCell(cell: OutCell): string {
  const text = csvText(cell);
  return typeof cell === 'string' && FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** A CSV field, quoted when it holds the delimiter, a quote or a line break (as csv-stringify writes it). */
const csvField = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
const csvLine = (cells: readonly OutCell[]) => `${cells.map((c) => csvField(csvCell(c))).join(',')}\n`;
/** Rows per piece of CSV text: a million rows are written piece by piece, never as one string. */
const CSV_PIECE = 20_000;

/** The table as CSV text, a piece at a time (comma-separated, dates as YYYY-MM-DD, formula-like text neutralised). */
export function* csvPieces(headers: readonly string[], rows: readonly OutCell[][]): Generator<string> {
  let piece = csvLine(headers);
  for (let i = 0; i < rows.length; i++) {
    piece += csvLine(rows[i]);
    if ((i + 1) % CSV_PIECE === 0) {
      yield piece;
      piece = '';
    }
  }
  if (piece) yield piece;
}

/** The table as one CSV text. */
export function toCsv(headers: readonly string[], rows: readonly OutCell[][]): string {
  return [...csvPieces(headers, rows)].join('');
}

/**
 * Writes the table as XLSX to `fd` with exceljs's streaming writer: each row is compressed as it
 * is added, so a million rows never sit in memory as a workbook.
 */
async function writeXlsx(
  fd: number,
  headers: readonly string[],
  rows: readonly OutCell[][],
  formats: readonly (string | undefined)[],
  fills?: CliTable['fills'],
): Promise<void> {
  const stream = fs.createWriteStream('', { fd, autoClose: false });
  const finished = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('Customer tiers', { views: [{ state: 'frozen', ySplit: 1 }] });
  // Widths from the first rows, set before any row is written (a streamed sheet cannot go back).
  sheet.columns = headers.map((h, i) => {
    let width = h.length;
    for (const r of rows.slice(0, 200)) width = Math.max(width, csvText(r[i] ?? null).length);
    const numFmt = formats[i] ?? (rows.some((r) => r[i] instanceof Date) ? 'yyyy-mm-dd' : undefined);
    return { key: String(i), width: Math.min(40, width + 2), ...(numFmt ? { style: { numFmt } } : {}) };
  });
  // exceljs stores Date objects as UTC instants: pass the local calendar day as UTC midnight.
  // Strings are stored as strings (never formulas), so no neutralising is needed here.
  const cell = (c: OutCell) => (c instanceof Date ? new Date(Date.UTC(c.getFullYear(), c.getMonth(), c.getDate())) : c);
  const header = sheet.addRow(headers as string[]);
  header.font = { bold: true };
  header.commit();
  const fillOf = new Map(
    [...(fills?.colours ?? [])].map(
      ([label, hex]) => [label, { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${hex.slice(1)}` } }] as const,
    ),
  );
  for (let i = 0; i < rows.length; i++) {
    const row = sheet.addRow(rows[i].map(cell));
    const fill = fills && fillOf.get(String(rows[i][fills.column]));
    if (fill) row.getCell(fills.column + 1).fill = fill;
    row.commit();
    // A turn of the event loop now and then, so the zip stream drains and a signal is handled.
    if (i % 10_000 === 9_999) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  sheet.commit();
  await workbook.commit();
  await finished;
}

/** Where --out really writes, checked before any work is done. */
export interface OutputTarget {
  /** As the user gave it, for messages. */
  given: string;
  /** The file that is replaced: --out with symbolic links followed, so a link stays a link. */
  file: string;
  /** Permission bits of the file being replaced, kept on the new file. */
  mode?: number;
  xlsx: boolean;
}

/** Spreadsheet formats this tool cannot write: CSV text under such a name would be silently wrong. */
const UNWRITABLE = /\.(xls|xlsm|xlsb|ods|numbers|tsv)$/i;

/**
 * Checks --out before the input is read: it must not be the input (by path, symbolic link or hard
 * link), a folder or a special file, nor a read-only file (the user protected it), and its folder
 * must exist and be writable. Throws CliError exit 2, naming the path and what to do.
 */
export function checkOutput(given: string, input: string | undefined, option = '--out'): OutputTarget {
  const refuse = (why: string) => new CliError(`${option} ${given}: ${why}`, 2);
  if (given.trim() === '') throw refuse('give a file name.');
  let file = path.resolve(given);
  let existing: fs.Stats | null = null;
  for (let hops = 0; ; hops++) {
    let st: fs.Stats;
    try {
      st = fs.lstatSync(file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') break;
      throw refuse(code === 'ENOTDIR' ? `${path.dirname(file)} is a file, not a folder.` : fsMessage(err, file, 'write'));
    }
    if (!st.isSymbolicLink()) {
      existing = st;
      break;
    }
    if (hops >= 40) throw refuse('too many symbolic links.');
    try {
      file = path.resolve(path.dirname(file), fs.readlinkSync(file));
    } catch (err) {
      throw refuse(fsMessage(err, file, 'write'));
    }
  }
  const shown = file === path.resolve(given) ? '' : ` (a link to ${file})`;
  if (UNWRITABLE.test(file)) throw refuse(`this tool writes .csv or .xlsx files, not ${path.extname(file)}${shown}.`);
  if (existing) {
    if (existing.isDirectory()) throw refuse(`is a folder${shown}: give a file name, e.g. ${path.join(given, 'tiers.csv')}.`);
    if (!existing.isFile())
      throw refuse(`is not a regular file${shown} (a device, pipe or socket). Leave out --out to write CSV to standard output.`);
    if (input !== undefined) {
      let inputStat: fs.Stats | null = null;
      try {
        inputStat = fs.statSync(input);
      } catch {
        // An unreadable input is reported when it is read.
      }
      const same =
        inputStat !== null &&
        ((inputStat.dev === existing.dev && inputStat.ino === existing.ino) || fs.realpathSync(input) === fs.realpathSync(file));
      if (same) throw refuse(`is the input file ${input}${shown}: writing there would destroy your data. Choose another --out.`);
    }
    let writable = (existing.mode & 0o222) !== 0;
    try {
      fs.accessSync(file, fs.constants.W_OK);
    } catch {
      writable = false;
    }
    if (!writable) throw refuse(`${file} is read-only, so it was not replaced. Make it writable (chmod u+w) or choose another --out.`);
  }
  const dir = path.dirname(file);
  let dirStat: fs.Stats;
  try {
    dirStat = fs.statSync(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw refuse(`the folder ${dir} does not exist: create it first.`);
    if (code === 'ENOTDIR') throw refuse(`a part of ${dir} is a file, not a folder.`);
    throw refuse(fsMessage(err, dir, 'write'));
  }
  if (!dirStat.isDirectory()) throw refuse(`${dir} is a file, not a folder.`);
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch {
    throw refuse(`no permission to write in the folder ${dir}.`);
  }
  return { given, file, mode: existing ? existing.mode & 0o7777 : undefined, xlsx: isXlsxName(file) };
}

/** Creates a new temp file beside `file` (never an existing one: 'wx'), returning its path and fd. */
function createTemp(file: string): { temp: string; fd: number } {
  const base = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}`);
  for (let n = 0; n < 100; n++) {
    const temp = n === 0 ? `${base}.tmp` : `${base}-${n}.tmp`;
    try {
      const fd = fs.openSync(temp, 'wx', 0o666);
      return { temp, fd };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  throw new Error(`could not create a temp file beside it: ${base}.tmp and 99 others exist`);
}

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const CHUNK = 1 << 20;

/** What a command writes: headers, rows, and the number format of each column in an XLSX (none: General). */
export interface CliTable {
  headers: string[];
  rows: OutCell[][];
  formats?: (string | undefined)[];
  /** The label column and its labels' colours (#rrggbb), as the add-on colours them. */
  fills?: { column: number; colours: ReadonlyMap<string, string> };
}

/** Writes the table to `target` (XLSX, or CSV with a BOM so Excel reads Chinese) safely; without a target, CSV to `stdout`. */
export async function writeTable(
  target: OutputTarget | undefined,
  { headers, rows, formats = [], fills }: CliTable,
  stdout: (text: string) => void,
): Promise<void> {
  if (target === undefined) {
    for (const piece of csvPieces(headers, rows)) stdout(piece);
    return;
  }
  await replaceFile(target, async (fd) => {
    if (target.xlsx) await writeXlsx(fd, headers, rows, formats, fills);
    else {
      let first = true;
      for (const piece of csvPieces(headers, rows)) {
        await writeBytes(fd, Buffer.from(first ? `\ufeff${piece}` : piece, 'utf8'));
        first = false;
      }
    }
  });
}

/** Writes in chunks with a turn of the event loop between, so a signal is handled mid-write. */
export async function writeBytes(fd: number, bytes: Uint8Array): Promise<void> {
  for (let at = 0; at < bytes.length; at += CHUNK) {
    await new Promise<void>((resolve, reject) =>
      fs.write(fd, bytes, at, Math.min(CHUNK, bytes.length - at), null, (err) => (err ? reject(err) : resolve())),
    );
  }
}

/**
 * Replaces `target` with what `write` puts in the temp file it gets, renamed over it at the end.
 * While the temp file exists, Ctrl-C, SIGTERM and SIGHUP remove it before the process ends the
 * way the signal asks.
 */
export async function replaceFile(target: OutputTarget, write: (fd: number) => Promise<void>): Promise<void> {
  const { file, given } = target;
  // Listeners go up before the temp file exists: a signal arriving in between would otherwise end
  // the process the default way and leave the temp file behind.
  let temp: string | null = null;
  let fd: number | null = null;
  let renamed = false;
  const cleanUp = () => {
    if (fd !== null) fs.closeSync(fd);
    fd = null;
    if (temp !== null && !renamed) fs.rmSync(temp, { force: true });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    cleanUp();
    process.stderr.write(`customer-tiers: interrupted; ${given} ${renamed ? 'was written in full' : 'was not changed'}.\n`);
    for (const s of SIGNALS) process.removeListener(s, onSignal);
    process.removeListener('exit', cleanUp);
    process.kill(process.pid, signal); // end as the signal asks, with no listener left to catch it
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  process.on('exit', cleanUp);
  try {
    const created = createTemp(file);
    ({ temp, fd } = created);
    await write(created.fd);
    // The replaced file keeps its permissions (a private 0600 file stays private).
    if (target.mode !== undefined) fs.fchmodSync(created.fd, target.mode);
    fs.fsyncSync(created.fd);
    fd = null;
    fs.closeSync(created.fd);
    fs.renameSync(created.temp, file);
    renamed = true;
  } catch (err) {
    cleanUp();
    throw new CliError(`${fsMessage(err, given, 'write')} ${given} was not changed.`);
  } finally {
    for (const s of SIGNALS) process.removeListener(s, onSignal);
    process.removeListener('exit', cleanUp);
  }
}
