/**
 * What the add-on wrote into its own columns, row by row, so that a later run can tell the
 * user's edits from its own values exactly, and still let the user sort, delete and insert rows.
 *
 * For every data row the record keeps a short hash of the row's key (the customer id, or the
 * whole row of the user's data when there is no id column) and of each value written. A cell of
 * an owned column is the add-on's when it is blank, or when its hash equals what was written at
 * the same row position (rows did not move) or for a row of the same key (rows were sorted,
 * deleted or inserted). Anything else was typed by the user. Pure: no Apps Script globals.
 */
import type { Cell } from '../engine/types';

/** Characters per hash: 36^6 ≈ 2.2 billion values, so a typed value passes for ours 1 time in 2 billion. */
export const HASH_WIDTH = 6;
const HASH_SPACE = 36 ** HASH_WIDTH;
const BLANK = '-'.repeat(HASH_WIDTH);

const isBlank = (v: unknown) => v === '' || v === null || v === undefined;

/**
 * A cell as it reads back from the sheet: numbers rounded past float noise; 545 and "545" are the
 * same (an RFM code may come back as either, depending on the cell's format).
 */
function canonical(v: unknown): string {
  if (typeof v === 'number') return String(Math.round(v * 1e9) / 1e9);
  return String(v).trim();
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A fixed-width hash of one cell; blank cells have their own code. */
export function cellHash(v: unknown): string {
  if (isBlank(v)) return BLANK;
  return (fnv1a(canonical(v)) % HASH_SPACE).toString(36).padStart(HASH_WIDTH, '0');
}

/** Each data row's key: its customer id, or all of its cells when the table has no id column. */
export function rowKeys(rows: readonly (readonly Cell[])[], idIndex: number): string[] {
  return rows.map((row) => cellHash(idIndex >= 0 ? row[idIndex] : row.map((c) => (isBlank(c) ? '' : canonical(c))).join('\u0001')));
}

/** One string per part: `keys` and one per output column, each HASH_WIDTH characters a row. */
export type WrittenRecord = Record<string, string>;

export function makeRecord(keys: readonly string[], columns: Readonly<Record<string, ReadonlyArray<unknown>>>): WrittenRecord {
  const record: WrittenRecord = { keys: keys.join('') };
  for (const [name, values] of Object.entries(columns)) record[name] = values.map(cellHash).join('');
  return record;
}

const hashAt = (packed: string, row: number) => packed.substr(row * HASH_WIDTH, HASH_WIDTH);

/**
 * The data rows (0-based) whose cell in `column` the add-on did not write. `cells` is the column
 * as it is now, `keys` the rows' keys now. A column the record does not know is not trusted:
 * every non-blank cell of it counts as an edit.
 */
export function editedRows(record: WrittenRecord | null, column: string, cells: readonly unknown[], keys: readonly string[]): number[] {
  const written = record?.[column];
  const edited: number[] = [];
  let rowsByKey: Map<string, number[]> | null = null;
  for (let r = 0; r < cells.length; r++) {
    if (isBlank(cells[r])) continue;
    if (written === undefined || record?.keys === undefined) {
      edited.push(r);
      continue;
    }
    const hash = cellHash(cells[r]);
    if (hashAt(written, r) === hash) continue;
    if (!rowsByKey) {
      rowsByKey = new Map();
      const count = record.keys.length / HASH_WIDTH;
      for (let i = 0; i < count; i++) {
        const key = hashAt(record.keys, i);
        const list = rowsByKey.get(key);
        if (list) list.push(i);
        else rowsByKey.set(key, [i]);
      }
    }
    const sameKey = rowsByKey.get(keys[r]) ?? [];
    if (!sameKey.some((i) => hashAt(written, i) === hash)) edited.push(r);
  }
  return edited;
}

/** Splits a long string into cell-sized pieces (a Sheets cell holds at most 50,000 characters). */
export function chunks(text: string, size = 45_000): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out.length ? out : [''];
}
