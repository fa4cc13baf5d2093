/**
 * Tiers within groups, for every mode at once: the mode runs on each group's customers as if they
 * were the whole table (so ties and cuts behave inside a group as they do on a table), and the
 * results are put back in customer order.
 */
import { groupRows, groupTooSmall } from '../engine/groups';
import { placementMethod } from '../settings/settings';
import type { Cell } from '../engine/types';
import type { RunContext } from './context';
import type { CustomerTable } from './customers';
import type { ModeResult, TieringMode } from './modes';

export function runInGroups(mode: TieringMode, ctx: RunContext, data: CustomerTable, groups: readonly Cell[]): ModeResult | null {
  const n = data.ids.length;
  // The method a group must be big enough for (see groupTooSmall).
  const method = placementMethod(ctx.settings);
  // Each column is read (and its bad cells reported) once, not once per group.
  const read = new Map<string, (number | null)[] | Cell[] | null>();
  const once = <T extends (number | null)[] | Cell[] | null>(key: string, load: () => T): T => {
    if (!read.has(key)) read.set(key, load());
    return read.get(key) as T;
  };
  let merged: ModeResult | null = null;
  for (const { name, rows } of groupRows(groups).values()) {
    const pick = <V>(column: V[] | null): V[] | null => column && rows.map((r) => column[r]);
    const group: CustomerTable = {
      ...data,
      ids: pick(data.ids)!,
      rowOf: (c) => data.rowOf(rows[c]),
      column: (column, role, path, combine) => pick(once(`${combine}:${column}`, () => data.column(column, role, path, combine))),
      answers: (column, role, path) => pick(once(`:${column}`, () => data.answers(column, role, path))),
      value: pick(data.value),
      recency: pick(data.recency),
      frequency: pick(data.frequency),
    };
    const result = mode.run(ctx, group);
    if (!result) return null;
    const tooSmall = groupTooSmall(name, rows.length, method);
    const small = tooSmall !== null;
    if (tooSmall) ctx.addIssues([{ row: 0, ...tooSmall }], group.rowOf);
    merged ??= { ...result, keys: [], values: {}, details: {} };
    const parts: [Record<string, unknown[]>, Record<string, ArrayLike<unknown> | undefined>][] = [
      [merged as never, { keys: result.keys }],
      [merged.values, result.values],
      [merged.details!, result.details ?? {}],
    ];
    for (const [target, from] of parts) {
      for (const [key, values] of Object.entries(from)) {
        const column = (target[key] ??= new Array(n).fill(null));
        rows.forEach((r, i) => {
          column[r] = small || !values ? null : values[i];
        });
      }
    }
  }
  return merged;
}
