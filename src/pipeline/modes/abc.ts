/** ABC tiers by cumulative share (pareto), rank, absolute thresholds or the computed method. */
import { abcTiers } from '../../engine/abc';
import type { TieringMode } from './mode';

export const tierColours = (tiers: readonly { label: string; colour: string }[]): Record<string, string> =>
  Object.fromEntries(tiers.map((t) => [t.label, t.colour]));

export const abcMode: TieringMode = {
  run(ctx, data) {
    const { abc, tiers, source } = ctx.settings;
    // A blank value is not 0: the row gets no tier, and says why (as value groups and scores do);
    // an unreadable one has said so already.
    if (data.value!.includes(null)) {
      const column = ctx.header(source.valueColumn);
      const told = new Set(ctx.issues.map((issue) => issue.row));
      const blanks = data.value!.flatMap((v, row) =>
        v === null && !told.has(ctx.firstDataRow + data.rowOf(row)) ? [{ row, column, code: 'abc.noValue' as const }] : [],
      );
      ctx.addIssues(blanks, data.rowOf);
    }
    const result = abcTiers(data.value!, {
      method: abc.method,
      cuts: abc.method === 'computed' ? undefined : abc.cuts,
      labels: tiers.map((t) => t.label),
    });
    return {
      keys: result.tier.map((t) => (t === null ? null : result.labels[t])),
      order: result.labels,
      colours: tierColours(tiers),
      columns: ['tier', 'rank', 'share'],
      labelColumn: 'tier',
      values: { rank: result.rank, share: result.cumulativeShare },
    };
  },
  // Tier labels are the user's own words, the same in every language.
  label: (key) => key,
};
