/**
 * Points per answer: a text indicator (credit rating, influence, relationship) turned into numbers
 * by a table the user writes, as CRM scoring does. Answers match ignoring case and surrounding
 * spaces, so "aaa " is AAA and Chinese answers match as typed; the settings and TIER_SCORE refuse
 * a table that lists one answer twice.
 */
import type { Cell, RowIssue } from './types';

/** Points of each answer, and of any answer not listed (`other`; none: such a row is noted and scored without this indicator). */
export interface PointsTable {
  answers: Readonly<Record<string, number>>;
  other?: number;
}

/** The form an answer is matched in. */
export const answerKey = (answer: unknown): string =>
  String(answer ?? '')
    .trim()
    .toLowerCase();

/**
 * Each cell's points. A blank cell and an unlisted answer without `other` give null and a note
 * (the score then renormalises over the row's other indicators). `scale` is the lowest and highest
 * points the table can give: the score puts points on 0..1 by it, so AAA counts the same whatever
 * the other customers answered.
 */
export function answerPoints(
  cells: ReadonlyArray<Cell>,
  table: PointsTable,
  column?: string,
): { values: (number | null)[]; issues: RowIssue[]; scale: [number, number] } {
  const lookup = new Map<string, number>();
  for (const [answer, points] of Object.entries(table.answers)) lookup.set(answerKey(answer), points);
  const all = [...lookup.values()];
  if (table.other !== undefined) all.push(table.other);
  const issues: RowIssue[] = [];
  const values = cells.map((cell, row) => {
    const key = answerKey(cell);
    const points = key ? (lookup.get(key) ?? table.other) : undefined;
    if (points === undefined) {
      issues.push(
        key
          ? { row, column, code: 'points.unknownAnswer', params: { answer: String(cell).trim() } }
          : { row, column, code: 'points.blank' },
      );
    }
    return points ?? null;
  });
  return { values, issues, scale: [Math.min(...all), Math.max(...all)] };
}
