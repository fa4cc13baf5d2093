/**
 * Spreadsheet cells to numbers and dates. Users paste amounts such as "¥1,234.50", "(1,234)",
 * "1.2万" or "12.5%" and dates as Date objects, serial numbers or text; everything that cannot be
 * read without guessing is reported as invalid with a reason, never silently turned into 0.
 */
import type { Cell, RowIssue, SerialDay } from './types';
import type { IssueCode, IssueDetail, IssueParams } from './problems';

/**
 * The outcome of reading one cell. An invalid cell's `reason` is English; `issue` is the same
 * reason as code and params, for {@link issueText} in the user's language.
 */
export type ParsedCell<T> = { kind: 'value'; value: T } | { kind: 'blank' } | { kind: 'invalid'; issue: IssueDetail };

const MS_PER_DAY = 86_400_000;
/** Date.UTC of the Sheets epoch 1899-12-30. */
const EPOCH_UTC = Date.UTC(1899, 11, 30);
/** Largest serial day Sheets accepts (9999-12-31). */
const MAX_SERIAL = 2_958_465;
/**
 * Largest magnitude read as an amount. Sums and differences of up to 10 million such numbers (a
 * spreadsheet's cell limit) stay finite, so no total, share or score can turn into Infinity or NaN.
 */
export const LARGEST_AMOUNT = 1e300;

/** What the engine throws on an as-of date that is not a day (the adapters check it first). */
export const AS_OF_NOT_A_DATE = 'The "as of" date is not a valid date: leave it empty or enter a date.';

type Invalid = { kind: 'invalid'; issue: IssueDetail };
function invalid(code: IssueCode, params?: IssueParams): Invalid {
  const issue: IssueDetail = params ? { code, params } : { code };
  return { kind: 'invalid', issue };
}
/** An example ISO date for the date reasons. */
const ISO_EXAMPLE = '2024-03-05';
const BLANK = { kind: 'blank' } as const;

/** Quote user text in messages, shortened so a pasted paragraph does not flood the issue list. */
function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 37)}...` : text);
}

/** Full-width digits and punctuation (common in Chinese input methods) to ASCII; odd spaces to ' '. */
function normalizeText(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\u00A0\u2007\u202F\u3000]/g, ' ')
    .replace(/\u2212/g, '-')
    .trim();
}

const SHEET_ERROR = /^#(N\/A|DIV\/0!|REF!|VALUE!|NAME\?|NUM!|NULL!|ERROR!|SPILL!|CALC!|N\/A!?)/i;

function sheetErrorReason(text: string): Invalid | null {
  const m = SHEET_ERROR.exec(text);
  return m ? invalid('cell.sheetError', { error: m[1].toUpperCase() }) : null;
}

const CURRENCY_PREFIX = /^(?:RMB|CNY|USD|US\$|HK\$|[¥￥$€£])\s*/i;
const CURRENCY_SUFFIX = /\s*(?:RMB|CNY|USD|元|[¥￥$€£])$/i;
/** Chinese magnitude words and their powers of ten, longest first so 百万 wins over 万. */
const CHINESE_UNITS: ReadonlyArray<[string, number]> = [
  ['千万', 7],
  ['百万', 6],
  ['亿', 8],
  ['万', 4],
  ['千', 3],
];

/** Digit groups after the first must have exactly 3 digits; the first 1 to 3. */
function validGroups(groups: string[]): boolean {
  return /^\d{1,3}$/.test(groups[0]) && groups.slice(1).every((g) => /^\d{3}$/.test(g));
}

/**
 * Reads the bare numeric body (no sign, currency, unit or percent) and scales it by 10^exponent.
 * Returns the number, or a reason string when the text is not a number or the separators are
 * ambiguous. Scaling goes through the decimal text ("1.2e4"), so 0.07万 is exactly 700.
 */
function parseNumberBody(body: string, original: string, exponent: number): number | Invalid {
  if (/^(?:\d+(?:\.\d*)?|\.\d+)e[+-]?\d+$/i.test(body)) return Number(body) * 10 ** exponent;
  const scaled = (digits: string) => Number(`${digits}e${exponent}`);
  if (/^(?:\d+(?:\.\d*)?|\.\d+)$/.test(body)) return scaled(body);
  const value = quote(original);
  if (!/^[\d.,' ]+$/.test(body) || !/\d/.test(body)) return invalid('cell.notNumber', { value });
  const notNumber = invalid('cell.badSeparators', { value });
  const hasDot = body.includes('.');
  const hasComma = body.includes(',');
  const hasSpace = body.includes(' ') || body.includes("'");
  let intPart: string;
  let fracPart = '';
  let groupSep: RegExp;
  if (hasDot && hasComma) {
    // Both present: whichever comes last is the decimal separator (1,234.56 or 1.234,56).
    const decimal = body.lastIndexOf('.') > body.lastIndexOf(',') ? '.' : ',';
    const at = body.lastIndexOf(decimal);
    intPart = body.slice(0, at);
    fracPart = body.slice(at + 1);
    groupSep = decimal === '.' ? /[, ']/ : /[. ']/;
    if (/[.,]/.test(fracPart)) return notNumber;
  } else if (hasComma) {
    const parts = body.split(',');
    const last = parts[parts.length - 1];
    if (hasSpace && parts.length === 2) {
      // "1 234,5": space grouping marks the European style, so the comma is a decimal comma.
      intPart = parts[0];
      fracPart = last;
      groupSep = /[ ']/;
    } else if (last.length === 3 && parts.length >= 2 && !hasSpace) {
      intPart = body; // 1,234 or 12,345,678: thousands
      groupSep = /,/;
    } else if (parts.length === 2 && !hasSpace) {
      return invalid('cell.ambiguousDecimal', { value, example: `${parts[0] || '0'}.${last}` });
    } else {
      return notNumber;
    }
  } else if (hasDot) {
    const parts = body.split('.');
    if (parts.length === 2 && !hasSpace) return scaled(body); // single dot: decimal point
    if (parts.length === 2) {
      intPart = parts[0];
      fracPart = parts[1];
      groupSep = /[ ']/;
    } else {
      intPart = body; // 1.234.567: dots between thousands
      groupSep = /[.]/;
      if (hasSpace) return notNumber;
    }
  } else {
    intPart = body; // only spaces/apostrophes: "1 234 567"
    groupSep = /[ ']/;
  }
  const groups = intPart.split(groupSep);
  if (!validGroups(groups) || !/^\d*$/.test(fracPart)) return notNumber;
  return scaled(groups.join('') + (fracPart ? `.${fracPart}` : ''));
}

/** Text that is plainly a number or an ISO date, read without the general parser (same result, much faster). */
const PLAIN_DECIMAL = /^-?\d{1,15}(?:\.\d+)?$/;
const PLAIN_ISO_DATE = /^(\d{4})-(\d\d)-(\d\d)$/;

/**
 * Reads a money amount or other number from a cell. Accepts numbers, and text with currency
 * symbols or codes (¥ ￥ $ € £ RMB CNY USD 元), thousands separators, accounting negatives
 * "(1,234)", a leading minus, a decimal comma when unambiguous ("1 234,5", "1.234,56"), Chinese
 * magnitude words (千 百万 千万 万 亿), full-width digits and percentages ("12.5%" is 0.125).
 * Booleans, dates, sheet errors (#N/A ...) and unreadable text are invalid; empty text is blank.
 */
export function parseAmount(cell: Cell): ParsedCell<number> {
  if (cell === null || cell === undefined) return BLANK;
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return invalid('cell.unusableNumber', { value: String(cell) });
    return Math.abs(cell) > LARGEST_AMOUNT ? invalid('cell.tooLarge', { value: String(cell) }) : { kind: 'value', value: cell };
  }
  if (typeof cell === 'boolean') return invalid('cell.booleanNotNumber', { value: cell ? 'TRUE' : 'FALSE' });
  if (cell instanceof Date) return invalid('cell.dateNotAmount');
  if (typeof cell !== 'string') return invalid('cell.notNumber', { value: quote(String(cell)) });
  const original = cell.trim();
  if (original === '') return BLANK;
  // The common case first (a CSV of a million plain amounts): the same number the long way gives.
  if (PLAIN_DECIMAL.test(original)) return { kind: 'value', value: Number(original) || 0 }; // -0 reads as 0, as the long way has it
  const errorReason = sheetErrorReason(original);
  if (errorReason) return errorReason;

  let text = normalizeText(original);
  let negative = false;
  let percent = false;
  let exponent = 0; // power of ten from a Chinese unit word
  // Peel signs, brackets, currency, units and % from the ends until only the digits remain.
  for (let guard = 0; guard < 8; guard++) {
    const before = text;
    if (/^\(.*\)$/.test(text)) {
      if (negative) return invalid('cell.twoMinus', { value: quote(original) });
      negative = true;
      text = text.slice(1, -1).trim();
    }
    if (/^[-+]/.test(text)) {
      if (text[0] === '-') {
        if (negative) return invalid('cell.twoMinus', { value: quote(original) });
        negative = true;
      }
      text = text.slice(1).trim();
    }
    text = text.replace(CURRENCY_PREFIX, '').replace(CURRENCY_SUFFIX, '');
    if (text.endsWith('%')) {
      if (percent) return invalid('cell.notNumber', { value: quote(original) });
      percent = true;
      text = text.slice(0, -1).trim();
    }
    for (const [word, power] of CHINESE_UNITS) {
      if (text.endsWith(word) && exponent === 0) {
        exponent = power;
        text = text.slice(0, -word.length).trim();
        break;
      }
    }
    if (text === before) break;
  }
  if (text === '') return invalid('cell.notNumber', { value: quote(original) });
  const body = parseNumberBody(text, original, exponent - (percent ? 2 : 0));
  if (typeof body !== 'number') return body;
  const value = negative ? -body : body;
  if (!(Math.abs(value) <= LARGEST_AMOUNT)) return invalid('cell.tooLarge', { value: quote(original) });
  return { kind: 'value', value: value === 0 ? 0 : value };
}

/** Serial day of a calendar date, or null when it does not exist (2023-02-29) or precedes serial 1. */
function serialFromYmd(year: number, month: number, day: number): SerialDay | null {
  if (year < 1899 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  const utc = Date.UTC(year, month - 1, day);
  const check = new Date(utc);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  const serial = Math.round((utc - EPOCH_UTC) / MS_PER_DAY);
  return serial >= 1 ? serial : null;
}

const ISO_DATE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?$/i;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;
const CHINESE_DATE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/;
const DAY_MONTH_YEAR = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2,4})$/;

/**
 * Reads a date from a cell as a Sheets serial day (integer days since 1899-12-30). Accepts Date
 * objects (their local calendar date), serial numbers 1..2958465 (a time of day is dropped),
 * 8-digit numbers or text YYYYMMDD (as in CDNOW exports), text 2024-03-05, 2024/3/5,
 * 2024-03-05T10:00:00 and 2024年3月5日. Day/month orders such as 03/05/2024 are invalid: they
 * cannot be read without guessing, so the reason asks for YYYY-MM-DD.
 */
export function parseDate(cell: Cell): ParsedCell<SerialDay> {
  if (cell === null || cell === undefined) return BLANK;
  if (cell instanceof Date) {
    return Number.isNaN(cell.getTime()) ? invalid('cell.invalidDate') : { kind: 'value', value: serialDayFromDate(cell) };
  }
  if (typeof cell === 'boolean') return invalid('cell.booleanNotDate', { value: cell ? 'TRUE' : 'FALSE' });
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return invalid('cell.notDate', { value: String(cell) });
    if (Number.isInteger(cell) && cell >= 19000101 && cell <= 99991231) {
      const s = serialFromYmd(Math.floor(cell / 10000), Math.floor(cell / 100) % 100, cell % 100);
      return s === null ? invalid('cell.notRealDateYmd', { value: String(cell) }) : { kind: 'value', value: s };
    }
    if (cell < 1 || cell >= MAX_SERIAL + 1) return invalid('cell.serialOutOfRange', { value: String(cell) });
    return { kind: 'value', value: Math.floor(cell) };
  }
  if (typeof cell !== 'string') return invalid('cell.notDate', { value: quote(String(cell)) });
  const original = cell.trim();
  if (original === '') return BLANK;
  const iso = PLAIN_ISO_DATE.exec(original);
  const fast = iso && serialFromYmd(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  if (fast) return { kind: 'value', value: fast };
  const errorReason = sheetErrorReason(original);
  if (errorReason) return errorReason;
  const value = quote(original);
  const text = normalizeText(original);
  const m = ISO_DATE.exec(text) ?? COMPACT_DATE.exec(text) ?? CHINESE_DATE.exec(text);
  if (m) {
    const s = serialFromYmd(Number(m[1]), Number(m[2]), Number(m[3]));
    return s === null ? invalid('cell.notRealDate', { value }) : { kind: 'value', value: s };
  }
  const dmy = DAY_MONTH_YEAR.exec(text);
  if (dmy) {
    // Say "ambiguous" only when both readings are real dates; 31/02/2024 is simply not a date.
    const [a, b, y] = [Number(dmy[1]), Number(dmy[2]), Number(dmy[3])];
    const eitherReal = serialFromYmd(y, b, a) !== null || serialFromYmd(y, a, b) !== null;
    return invalid(eitherReal ? 'cell.ambiguousDate' : 'cell.notRealDateUseIso', { value, example: ISO_EXAMPLE });
  }
  return invalid('cell.notDateUseIso', { value, example: ISO_EXAMPLE });
}

/** parseDate for a whole orders list, which repeats its dates (a year has 366): each text is parsed once. */
export function dateParser(): (cell: Cell) => ParsedCell<SerialDay> {
  const parsed = new Map<string, ParsedCell<SerialDay>>();
  return (cell) => {
    if (typeof cell !== 'string') return parseDate(cell);
    let date = parsed.get(cell);
    if (!date) parsed.set(cell, (date = parseDate(cell)));
    return date;
  };
}

/**
 * Whether a cell is written as a date rather than as a plain number: a Date, date text in any form
 * parseDate knows (day/month orders included, which parseDate then refuses with advice) or a
 * YYYYMMDD number. Used to tell a column of dates from a column of day counts.
 */
export function looksLikeDate(cell: Cell): boolean {
  if (cell instanceof Date) return true;
  if (typeof cell === 'number') return Number.isInteger(cell) && cell >= 19000101 && cell <= 99991231;
  if (typeof cell !== 'string') return false;
  const text = normalizeText(cell);
  return ISO_DATE.test(text) || COMPACT_DATE.test(text) || CHINESE_DATE.test(text) || DAY_MONTH_YEAR.test(text);
}

/** A column is of dates when at least half of its non-blank cells look like dates. */
export function isDateColumn(cells: ReadonlyArray<Cell>): boolean {
  let dates = 0;
  let filled = 0;
  for (const c of cells) {
    if (c === null || c === undefined || (typeof c === 'string' && c.trim() === '')) continue;
    filled++;
    if (looksLikeDate(c)) dates++;
  }
  return filled > 0 && dates * 2 >= filled;
}

function parseColumn<T>(
  cells: ReadonlyArray<Cell>,
  column: string,
  parse: (cell: Cell) => ParsedCell<T>,
): { values: (T | null)[]; issues: RowIssue[] } {
  const values: (T | null)[] = new Array(cells.length);
  const issues: RowIssue[] = [];
  for (let row = 0; row < cells.length; row++) {
    const parsed = parse(cells[row]);
    if (parsed.kind === 'value') values[row] = parsed.value;
    else {
      values[row] = null;
      if (parsed.kind === 'invalid') issues.push({ row, column, ...parsed.issue });
    }
  }
  return { values, issues };
}

/**
 * Parses a column of amounts. Blank cells become null silently; invalid cells become null and
 * produce a RowIssue (0-based row, the given column name, and the reason as text and code).
 */
export function parseAmountColumn(cells: ReadonlyArray<Cell>, column: string): { values: (number | null)[]; issues: RowIssue[] } {
  const parsed = parseColumn(cells, column, parseAmount);
  // A column that writes a decimal comma (1.234,56) makes "2.500" ambiguous: 2.5 as a lone cell
  // reads, or 2500 as the rest of the column writes it? Asked, never guessed.
  const example = cells.find((c): c is string => typeof c === 'string' && c.includes(',') && DECIMAL_COMMA.test(c));
  if (example === undefined) return parsed;
  cells.forEach((cell, row) => {
    if (typeof cell !== 'string' || parsed.values[row] === null || !DOT_BEFORE_THREE.test(cell)) return;
    parsed.values[row] = null;
    const value = cell.trim();
    const params = {
      value: quote(value),
      example: quote(example.trim()),
      thousands: value.replace('.', ''),
      decimal: value.replace('.', ',').replace(/,?0+(\D*)$/, '$1'),
    };
    parsed.issues.push({ row, column, code: 'cell.dotAmongCommas', params });
  });
  parsed.issues.sort((a, b) => a.row - b.row);
  return parsed;
}

/** A number written with a decimal comma after grouped thousands: "1.234,56", "1 234,5". */
const DECIMAL_COMMA = /\d[. ']\d{3},\d/;
/** One dot before exactly three digits: "2.500", "-€12.000". */
const DOT_BEFORE_THREE = /^\s*\D*\d{1,3}\.\d{3}\D*$/;

/** Parses a column of dates to serial days; blanks become null, invalid cells null plus a RowIssue. */
export function parseDateColumn(cells: ReadonlyArray<Cell>, column: string): { values: (SerialDay | null)[]; issues: RowIssue[] } {
  return parseColumn(cells, column, parseDate);
}

/**
 * Serial day of a Date's LOCAL calendar date (Apps Script hands dates over in the script time
 * zone, so the local date is the date the user sees in the cell).
 */
export function serialDayFromDate(d: Date): SerialDay {
  return Math.round((Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) - EPOCH_UTC) / MS_PER_DAY);
}

/** Local midnight of a serial day (the inverse of serialDayFromDate). */
export function dateFromSerialDay(s: SerialDay): Date {
  const utc = new Date(EPOCH_UTC + Math.floor(s) * MS_PER_DAY);
  const d = new Date(2000, 0, 1);
  d.setFullYear(utc.getUTCFullYear(), utc.getUTCMonth(), utc.getUTCDate());
  return d;
}

/** 'YYYY-MM-DD' of a serial day. */
export function isoFromSerialDay(s: SerialDay): string {
  const utc = new Date(EPOCH_UTC + Math.floor(s) * MS_PER_DAY);
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(utc.getUTCFullYear(), 4)}-${pad(utc.getUTCMonth() + 1, 2)}-${pad(utc.getUTCDate(), 2)}`;
}
