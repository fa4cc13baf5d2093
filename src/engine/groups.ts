/**
 * Tiers within groups (region, sales rep, industry): every method runs on each group's customers
 * alone, so ties and cuts behave inside a group exactly as they do on a whole table.
 */
import type { IssueCode, IssueDetail } from './problems';
import type { Cell } from './types';

/**
 * Customers a group needs for a method to mean something: RFM quintiles 5, computed ABC 3 (the
 * curve of fewer has no shape to find limits in); other methods place any number.
 */
const GROUP_MINIMUM: Record<string, number> = { rfm: 5, computed: 3 };

/** Why a group of `count` customers gets no tiers by `method`, or null when it is big enough. */
export function groupTooSmall(group: string, count: number, method: string): IssueDetail | null {
  const needed = GROUP_MINIMUM[method] ?? 0;
  return count < needed
    ? { code: 'group.tooSmall', params: { group, count, needed, method: { code: `term.${method}` as IssueCode } } }
    : null;
}

/** Rows of each group in first-seen order; names match ignoring case and surrounding spaces (a blank cell is the group ''). */
export function groupRows(groups: ReadonlyArray<Cell>): Map<string, { name: string; rows: number[] }> {
  const out = new Map<string, { name: string; rows: number[] }>();
  groups.forEach((cell, row) => {
    const name = cell === null || cell === undefined ? '' : String(cell).trim();
    const key = name.toLowerCase();
    const group = out.get(key);
    if (group) group.rows.push(row);
    else out.set(key, { name, rows: [row] });
  });
  return out;
}

/**
 * `run` once per group on that group's rows (`pick` narrows a per-row column to them), its
 * per-row results put back in place. Without groups, one run on every row.
 */
export function withinGroups<T>(
  groups: ReadonlyArray<Cell> | undefined,
  n: number,
  run: (pick: <V>(column: ReadonlyArray<V>) => V[], rows: number[], name: string) => T[],
): T[] {
  if (!groups)
    return run(
      (column) => column.slice(),
      Array.from({ length: n }, (_, i) => i),
      '',
    );
  const out = new Array<T>(n);
  for (const { name, rows } of groupRows(groups).values()) {
    const results = run((column) => rows.map((r) => column[r]), rows, name);
    rows.forEach((r, i) => {
      out[r] = results[i];
    });
  }
  return out;
}
