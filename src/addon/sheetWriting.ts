/** Helpers for writing into the user's spreadsheet safely. */

/**
 * Text the user (or their data) supplied must stay text: Sheets would turn "=..." (and "+", "-",
 * "@") into a formula and "00123" or "2024-01-05" into a number or a date. A leading apostrophe
 * keeps it as typed and is not shown.
 */
export function asText(value: string): string {
  return /^[=+\-@']/.test(value) || /^\s*[\d(.]/.test(value) ? `'${value}` : value;
}

export type Out = string | number | boolean | Date;

/** Escapes every string of a row-major block before setValues. */
export function safeValues(rows: ReadonlyArray<ReadonlyArray<string | number | boolean | Date | null | undefined>>): Out[][] {
  return rows.map((row) => row.map((v) => (v === null || v === undefined ? '' : typeof v === 'string' ? asText(v) : v)));
}

const SKETCH_BUCKETS = 256;

/**
 * A compact, order-independent sketch of a column's non-empty cells: how many fall in each of 256
 * hash buckets. A later run compares the column with it to tell whether the user typed into a
 * column the add-on wrote. Sorting rows keeps every count; deleting rows or clearing cells only
 * lowers counts; typing a new value raises the count of its bucket, which is what gives it away
 * (a change that lands in its own bucket goes unseen: 1 in 256).
 */
export function columnSketch(values: ReadonlyArray<unknown>): string {
  const counts = new Array<number>(SKETCH_BUCKETS).fill(0);
  for (const v of values) {
    if (v === '' || v === null || v === undefined) continue;
    const text = typeof v === 'number' ? String(Math.round(v * 1e9) / 1e9) : String(v);
    let h = 0x811c9dc5; // FNV-1a
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    counts[(h >>> 0) % SKETCH_BUCKETS]++;
  }
  return counts.map((c) => (c ? c.toString(36) : '')).join('.');
}

/** True when every bucket of `current` holds no more than the sketch the add-on wrote. */
export function sketchAllows(written: string, current: string): boolean {
  const before = written.split('.');
  const now = current.split('.');
  if (now.every((c) => !c)) return true; // an empty column holds nothing to lose
  if (before.length !== SKETCH_BUCKETS) return false; // not a sketch of ours: do not trust the column
  return now.every((c, i) => (c ? parseInt(c, 36) : 0) <= (before[i] ? parseInt(before[i], 36) : 0));
}

/** Column letter(s) for a 1-based column index, for messages. */
export function columnLetter(column: number): string {
  let s = '';
  for (let c = column; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

export function isDateValue(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}
