/**
 * What the fake Spreadsheet service's files share: cell and rectangle shapes, colours, A1 column
 * letters, moving spans when lines are inserted or deleted, and how a typed-in string is stored.
 *
 * The service is split by Apps Script class, one file each, imported only downwards (no cycles):
 *   shared <- developerMetadata <- range <- conditionalFormat, charts <- sheet <- spreadsheet
 * A class that points back up (a range's sheet, a metadata location's spreadsheet) sees it through
 * an interface declared next to it (MetadataSheet, RangeSheet, SheetSpreadsheet, ...), which the
 * class above implements.
 *
 * Conventions: members starting with `_` are fake internals, never visible to the add-on (the call
 * counting proxy in index.ts hides them); every other member is a real Apps Script name, checked
 * at compile time by `OnlyGasKeys` (see typeChecks in spreadsheet.ts).
 */
import { zonedTime } from './format';

type PublicKeys<T> = Exclude<keyof T, `_${string}`>;
/** `true` only if every public member of Fake is also a member of the Apps Script type Gas. */
export type OnlyGasKeys<Fake, Gas> = [Exclude<PublicKeys<Fake>, keyof Gas>] extends [never]
  ? true
  : { notInAppsScript: Exclude<PublicKeys<Fake>, keyof Gas> };

/** A cell value as Sheets returns it: blank is ''. */
export type CellValue = number | string | boolean | Date;

/** One stored cell: value or formula, and its formats (absent = default). */
export interface Cell {
  v?: CellValue;
  f?: string;
  bg?: string;
  fc?: string;
  fw?: string;
  fs?: string;
  size?: number;
  family?: string;
  nf?: string;
  note?: string;
  /** A link on the cell's text (a rich text value's link URL). */
  link?: string;
  ha?: string;
  va?: string;
  wrap?: boolean;
  border?: unknown[];
}

/** 1-based rectangle on one sheet. */
export interface Rect {
  r: number;
  c: number;
  nr: number;
  nc: number;
}

/** An Apps Script-like enum: NAME -> 'NAME' (compares with == and prints its name). */
export function enumOf<K extends string>(...names: K[]): { readonly [P in K]: P } {
  return Object.freeze(Object.fromEntries(names.map((n) => [n, n]))) as { readonly [P in K]: P };
}

/** What the spreadsheet calls out to (set up by createFakeGas). */
export interface SpreadsheetEnv {
  /** Called by Spreadsheet.toast. */
  onToast(message: string, title: string, timeoutSeconds: number): void;
  /** Optional formula evaluator; without one a formula cell reads as '#ERROR!'. */
  evaluateFormula?: (formula: string, at: { sheet: string; row: number; column: number }) => unknown;
}

const NAMED_COLORS: Record<string, string> = {
  white: '#ffffff',
  black: '#000000',
  red: '#ff0000',
  green: '#008000',
  blue: '#0000ff',
  yellow: '#ffff00',
  orange: '#ffa500',
  gray: '#808080',
  grey: '#808080',
  purple: '#800080',
};

export function fail(message: string): never {
  throw new Error(message);
}

/** Sheets stores colours as lower-case #rrggbb; null or '' resets to the default. */
export function normalizeColor(color: unknown): string | null {
  if (color === null || color === undefined || color === '') return null;
  const c = String(color).trim().toLowerCase();
  if (NAMED_COLORS[c]) return NAMED_COLORS[c];
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(c);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`;
  return c;
}

export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** Moves a 1-D span when `count` lines are inserted before line `at` (count > 0) or deleted from `at` (count < 0). */
export function shiftSpan(start: number, size: number, at: number, count: number): [number, number] | null {
  if (count > 0) {
    if (start >= at) return [start + count, size];
    return start + size - 1 >= at ? [start, size + count] : [start, size];
  }
  const delEnd = at - count - 1;
  const end = start + size - 1;
  const removed = Math.max(0, Math.min(end, delEnd) - Math.max(start, at) + 1);
  if (size - removed <= 0) return null;
  return [start > delEnd ? start + count : Math.min(start, at), size - removed];
}

export function shiftRect(rect: Rect, dim: 'row' | 'col', at: number, count: number): boolean {
  const [startKey, sizeKey] = dim === 'row' ? (['r', 'nr'] as const) : (['c', 'nc'] as const);
  const moved = shiftSpan(rect[startKey], rect[sizeKey], at, count);
  if (!moved) return false;
  [rect[startKey], rect[sizeKey]] = moved;
  return true;
}

const NUMERIC = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;
const GROUPED = /^\s*[+-]?\d{1,3}(,\d{3})+(\.\d+)?\s*$/;
const PERCENT = /^\s*([+-]?(\d+\.?\d*|\.\d+))\s*%\s*$/;
const ISO_DATE = /^\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*$/;
/** M/d/yyyy, read as a date only in en_US spreadsheets (elsewhere d/M/yyyy; both as in Sheets). */
const SLASH_DATE = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/;

/** What Sheets stores when a string is typed (or written with setValue) into a cell. */
export function parseTyped(
  s: string,
  numberFormat: string | undefined,
  tz: string,
  locale: string,
): { v: CellValue; f?: string; nf?: string } {
  // In a plain-text cell the text is kept as written, a leading apostrophe included (Sheets may
  // keep it: Google does not document either way), so writers must not add one there.
  if (numberFormat === '@') return { v: s };
  if (s.startsWith("'")) return { v: s.slice(1) };
  if (NUMERIC.test(s)) return { v: Number(s) };
  if (GROUPED.test(s)) return { v: Number(s.replace(/,/g, '')) };
  const pct = PERCENT.exec(s);
  if (pct) return { v: Number(pct[1]) / 100, nf: numberFormat ?? '0%' };
  if (/^=./s.test(s) || /^[+-]./s.test(s)) return { v: '', f: s.startsWith('=') ? s : `=${s}` };
  if (/^(true|false)$/i.test(s.trim())) return { v: s.trim().toLowerCase() === 'true' };
  const iso = ISO_DATE.exec(s);
  if (iso) {
    const [y, M, d, H, m, sec] = iso.slice(1).map((x) => Number(x ?? 0));
    if (M >= 1 && M <= 12 && d >= 1 && d <= 31) return { v: zonedTime(y, M, d, H, m, sec, tz) };
  }
  const slash = SLASH_DATE.exec(s);
  if (slash) {
    const [a, b, y] = slash.slice(1).map(Number);
    const [M, d] = locale === 'en_US' ? [a, b] : [b, a];
    if (M >= 1 && M <= 12 && d >= 1 && d <= 31) return { v: zonedTime(y, M, d, 0, 0, 0, tz) };
  }
  return { v: s };
}
