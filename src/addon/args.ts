/**
 * Reading custom-function arguments. Sheets passes a range as a 2D array, but a one-cell range as
 * the bare value; an array literal {0.8,0.95} arrives as one row, and in comma-decimal locales
 * {0,8;0,95} as one column. Results go back as 2D arrays that spill.
 */
import type { Cell } from '../engine/types';
import { LARGEST_AMOUNT } from '../engine/cells';

export type Arg = Cell | Cell[][];

/** Errors thrown here show in the cell as #ERROR! with this text, so they name the argument and the fix. */
export class ArgumentError extends Error {}

function isGrid(x: unknown): x is Cell[][] {
  return Array.isArray(x) && x.every(Array.isArray);
}

export const isBlankCell = (c: Cell): boolean => c === null || c === undefined || (typeof c === 'string' && c.trim() === '');

/**
 * A whole column of one value per customer. A one-cell range (a bare value) is a table of one
 * customer; one row across (C2:G2) is read as a list, and {@link spill} then returns one row.
 */
export function columnArg(fn: string, name: string, arg: Arg): Cell[] {
  if (arg === undefined) throw new ArgumentError(`${fn}: ${name} is missing; pass a whole column such as C2:C500.`);
  if (!isGrid(arg)) return [arg];
  if (isAcross(arg)) return arg[0].slice();
  if (arg.length > 0 && arg[0].length !== 1) {
    throw new ArgumentError(`${fn}: ${name} has ${arg[0].length} columns; pass a single column (or a single row).`);
  }
  return arg.map((row) => row[0]);
}

const isAcross = (arg: Arg): boolean => isGrid(arg) && arg.length === 1 && arg[0].length > 1;

/**
 * The result spilled the way the customers run: down (one row per customer), or across when
 * the first column argument was one row (a row per customer becomes a column per customer).
 */
export function spill<T>(rows: T[][], across: Arg): T[][] {
  if (!isAcross(across) || rows.length === 0) return rows;
  return rows[0].map((_, j) => rows.map((r) => r[j]));
}

/** Several columns side by side (TIER_SCORE's dimensions); one cell or one row is one customer. */
export function gridArg(fn: string, name: string, arg: Arg): Cell[][] {
  if (arg === undefined) throw new ArgumentError(`${fn}: ${name} is missing; pass a range of one or more columns, such as C2:F500.`);
  return isGrid(arg) ? arg : [[arg]];
}

/**
 * Text typed for a list: "0.8, 0.95", or with ';' between items as in comma-decimal locales
 * ("0,8;0,95"), where a comma is then the decimal mark.
 */
function splitList(text: string): { items: string[]; decimalComma: boolean } {
  const decimalComma = /[;；]/.test(text);
  const items = text
    .split(decimalComma ? /[;；]/ : /[,，]/)
    .map((x) => x.trim())
    .filter(Boolean);
  return { items, decimalComma };
}

/** A number typed as text; `decimalComma` reads "0,8" as 0.8 (one comma, no dot). */
function numberFromText(text: string, decimalComma: boolean): number {
  let t = text.trim();
  if (decimalComma || (/^-?\d*,\d+%?$/.test(t) && !/^-?\d{1,3},\d{3}%?$/.test(t))) t = t.replace(/^(-?\d*),(\d+%?)$/, '$1.$2');
  return t.endsWith('%') ? Number(t.slice(0, -1)) / 100 : Number(t);
}

/**
 * An optional short list such as cuts {0.8,0.95} (one row), {0,8;0,95} (one column) or labels
 * {"A","B","C"}, or the same typed in one cell as "0.8, 0.95" or "0,8;0,95"; blank cells are ignored.
 */
function listItems(arg: Arg): { items: Cell[]; decimalComma: boolean } | undefined {
  if (arg === undefined || arg === null || arg === '') return undefined;
  const flat = (isGrid(arg) ? arg.flat() : [arg as Cell]).filter((x) => !isBlankCell(x));
  const split = flat.length === 1 && typeof flat[0] === 'string' ? splitList(flat[0]) : { items: flat, decimalComma: false };
  return split.items.length ? split : undefined;
}

export function numberListArg(fn: string, name: string, arg: Arg): number[] | undefined {
  const list = listItems(arg);
  return list?.items.map((x) => {
    const text = String(x).trim();
    const n = typeof x === 'number' ? x : numberFromText(text, list.decimalComma);
    if (typeof x === 'boolean' || !Number.isFinite(n))
      throw new ArgumentError(`${fn}: ${name} must be numbers, such as {0.8,0.95} or {0,8;0,95}; "${text}" is not a number.`);
    if (Math.abs(n) > LARGEST_AMOUNT) throw new ArgumentError(`${fn}: ${name} must lie within ±1e300; ${text} is too far from zero.`);
    return n;
  });
}

export function stringListArg(arg: Arg): string[] | undefined {
  return listItems(arg)?.items.map((x) => String(x).trim());
}

export function stringArg(arg: Arg): string | undefined {
  if (arg === undefined || arg === null || arg === '') return undefined;
  if (isGrid(arg)) return arg.length && arg[0].length ? String(arg[0][0]).trim() || undefined : undefined;
  return String(arg).trim() || undefined;
}

export function numberArg(fn: string, name: string, arg: Arg): number | undefined {
  const s = isGrid(arg) ? arg[0]?.[0] : arg;
  if (s === undefined || s === null || s === '') return undefined;
  const n = typeof s === 'number' ? s : typeof s === 'string' ? numberFromText(s, false) : NaN;
  if (!Number.isFinite(n)) throw new ArgumentError(`${fn}: ${name} must be a number; "${String(s)}" is not.`);
  return n;
}

/** The first cell of an argument that should be one value (a one-cell range arrives bare). */
export function singleArg(arg: Arg): Cell {
  return isGrid(arg) ? arg[0]?.[0] : arg;
}

export function sameLength(fn: string, columns: Record<string, readonly unknown[] | undefined>): void {
  const entries = Object.entries(columns).filter((e): e is [string, readonly unknown[]] => !!e[1]);
  const [firstName, first] = entries[0];
  for (const [name, col] of entries.slice(1)) {
    if (col.length !== first.length) {
      throw new ArgumentError(
        `${fn}: ${name} has ${col.length} rows but ${firstName} has ${first.length}; pass ranges of the same rows, such as B2:B500 and C2:C500.`,
      );
    }
  }
}
