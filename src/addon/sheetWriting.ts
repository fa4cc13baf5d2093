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

/** The number format that keeps whatever is written as plain text. */
export const TEXT_FORMAT = '@';

/**
 * Escapes every string of a row-major block before setValues. Cells whose number format (same
 * shape as `rows`, set before writing) is plain text get the raw text: Sheets may keep a leading
 * apostrophe there as a character, and a rerun would then read back something else.
 */
export function safeValues(
  rows: ReadonlyArray<ReadonlyArray<string | number | boolean | Date | null | undefined>>,
  formats?: ReadonlyArray<ReadonlyArray<string>>,
): Out[][] {
  return rows.map((row, r) =>
    row.map((v, c) => {
      if (v === null || v === undefined) return '';
      if (typeof v !== 'string') return v;
      return formats?.[r]?.[c] === TEXT_FORMAT ? v : asText(v);
    }),
  );
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
