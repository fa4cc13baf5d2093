/**
 * Reading custom-function arguments. Sheets passes a range as a 2D array, a single cell as a bare
 * value and an array literal such as {0.8,0.95} as a one-row 2D array; results go back as 2D arrays
 * that spill one value per row.
 */
import type { Cell } from '../engine/types';

export type Arg = Cell | Cell[][];

/** Errors thrown here show in the cell as #ERROR! with this text, so they name the argument and the fix. */
export class ArgumentError extends Error {}

function isGrid(x: unknown): x is Cell[][] {
  return Array.isArray(x) && x.every(Array.isArray);
}

/**
 * A whole column of one value per customer. A single cell is refused because tiers depend on
 * every customer: one call per row would tier each customer against itself.
 */
export function columnArg(fn: string, name: string, arg: Arg, options: { allowSingle?: boolean } = {}): Cell[] {
  if (arg === undefined) throw new ArgumentError(`${fn}: ${name} is missing; pass a whole column such as C2:C500.`);
  if (!isGrid(arg)) {
    if (options.allowSingle) return [arg as Cell];
    throw new ArgumentError(`${fn}: ${name} is a single cell; pass the whole range (such as C2:C500), because tiers depend on every customer.`);
  }
  if (arg.length === 1 && arg[0].length > 1) return arg[0].slice(); // one row across is read as a list
  if (arg.length > 0 && arg[0].length !== 1) {
    throw new ArgumentError(`${fn}: ${name} has ${arg[0].length} columns; pass a single column.`);
  }
  return arg.map((row) => row[0]);
}

/** Several columns side by side (TIER_SCORE's dimensions). */
export function gridArg(fn: string, name: string, arg: Arg): Cell[][] {
  if (!isGrid(arg)) throw new ArgumentError(`${fn}: ${name} must be a range of one or more columns, such as C2:F500.`);
  return arg;
}

/**
 * An optional short list such as cuts {0.8,0.95} or labels {"A","B","C"}, or the same typed in one
 * cell as "0.8, 0.95"; blank cells are ignored.
 */
export function listArg(arg: Arg): Cell[] | undefined {
  if (arg === undefined || arg === null || arg === '') return undefined;
  const flat = (isGrid(arg) ? arg.flat() : [arg as Cell]).filter((x) => x !== '' && x !== null && x !== undefined);
  const items = flat.length === 1 && typeof flat[0] === 'string' ? flat[0].split(/[,;，；]/).map((x) => x.trim()).filter(Boolean) : flat;
  return items.length ? items : undefined;
}

export function numberListArg(fn: string, name: string, arg: Arg): number[] | undefined {
  return listArg(arg)?.map((x) => {
    const text = String(x).trim();
    const n = typeof x === 'number' ? x : text.endsWith('%') ? Number(text.slice(0, -1)) / 100 : Number(text);
    if (typeof x === 'boolean' || !Number.isFinite(n)) throw new ArgumentError(`${fn}: ${name} must be numbers; "${text}" is not a number.`);
    return n;
  });
}

export function stringListArg(arg: Arg): string[] | undefined {
  return listArg(arg)?.map((x) => String(x).trim());
}

export function stringArg(arg: Arg): string | undefined {
  if (arg === undefined || arg === null || arg === '') return undefined;
  if (isGrid(arg)) return arg.length && arg[0].length ? String(arg[0][0]).trim() || undefined : undefined;
  return String(arg).trim() || undefined;
}

export function numberArg(fn: string, name: string, arg: Arg): number | undefined {
  const s = isGrid(arg) ? arg[0]?.[0] : arg;
  if (s === undefined || s === null || s === '') return undefined;
  const n = typeof s === 'number' ? s : Number(s);
  if (!Number.isFinite(n)) throw new ArgumentError(`${fn}: ${name} must be a number; "${String(s)}" is not.`);
  return n;
}

export function sameLength(fn: string, columns: Record<string, readonly unknown[] | undefined>): void {
  const entries = Object.entries(columns).filter((e): e is [string, readonly unknown[]] => !!e[1]);
  const [firstName, first] = entries[0];
  for (const [name, col] of entries.slice(1)) {
    if (col.length !== first.length) {
      throw new ArgumentError(`${fn}: ${name} has ${col.length} rows but ${firstName} has ${first.length}; pass ranges of the same rows, such as B2:B500 and C2:C500.`);
    }
  }
}

/** One value per row, as Sheets spills it. */
export function toColumn(values: ReadonlyArray<string | number | null | undefined>): (string | number)[][] {
  const out = new Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = [values[i] ?? ''];
  return out;
}
