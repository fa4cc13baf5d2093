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

/**
 * An order-independent fingerprint of a column's non-empty cells, so that a later run can tell
 * whether the user edited a column the add-on wrote (sorting the rows does not change it).
 */
export function columnFingerprint(values: ReadonlyArray<unknown>): string {
  let count = 0;
  let sum = 0;
  for (const v of values) {
    if (v === '' || v === null || v === undefined) continue;
    count++;
    const text = typeof v === 'number' ? String(Math.round(v * 1e9) / 1e9) : String(v);
    let h = 0x811c9dc5; // FNV-1a
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    sum = (sum + (h >>> 0)) % 0x100000000;
  }
  return `${count}:${sum}`;
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
