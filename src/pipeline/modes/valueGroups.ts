/** Value groups: MVC (most valuable), MGC (most growable), Maintain, BZ (below zero). */
import { valueGroups } from '../../engine/valueGroups';
import { localName, VALUE_GROUP_NAMES, type ValueGroup } from '../../engine/labels';
import { rollupOrders } from '../../engine/rollup';
import { role, type RunContext } from '../context';
import type { TieringMode } from './mode';
import { predictOrders } from './predicted';

/** Colours of the fixed groups, so a manager sees the same colour for a group everywhere. */
export const VALUE_GROUP_COLOURS: Record<ValueGroup, string> = { MVC: '#b7e1cd', MGC: '#c9daf8', Maintain: '#fce8b2', BZ: '#f4c7c3' };
const GROUPS = Object.keys(VALUE_GROUP_NAMES) as ValueGroup[];

/**
 * MGC's potential from predicted value: the predicted value over the next `horizon` weeks minus
 * what the customer spent in the `horizon` weeks up to the as-of date (like against like).
 */
function predictedGaps(ctx: RunContext): NonNullable<RunContext['mgcGaps']> {
  const fit = predictOrders(ctx);
  if ('code' in fit) {
    // A note on MGC (why it is empty), not an error: MVC, Maintain and BZ need no model.
    ctx.addIssues([{ row: 0, column: 'MGC', ...fit }]);
    return fit;
  }
  const { asOf } = fit.rolled;
  // The horizon's days up to and including the as-of day.
  const past = rollupOrders(...fit.orders, { asOf, from: Math.floor(asOf) - 7 * ctx.settings.predicted.horizon + 1 });
  const spent = new Map(past.customers.map((c) => [c.id, c.total]));
  return new Map(
    fit.rolled.customers.map((c, i) => {
      const value = fit.p[i]?.clv;
      return [c.id, [value, value === undefined ? value : value - (spent.get(c.id) ?? 0)]];
    }),
  );
}

export const valueGroupsMode: TieringMode = {
  run(ctx, data) {
    const { source, valueGroups: options } = ctx.settings;
    const cost = source.costColumn ? data.column(source.costColumn, role('term.role.cost'), 'source') : undefined;
    const potential = source.potentialColumn
      ? data.column(source.potentialColumn, role('term.role.potential'), 'source', 'max')
      : undefined;
    if (ctx.errors.length) return null;
    const fit = options.mgcPredicted ? (ctx.mgcGaps ??= predictedGaps(ctx)) : null;
    const predicted = fit && !('code' in fit) ? [0, 1].map((k) => data.ids.map((id) => fit.get(id)?.[k] ?? null)) : null;
    const result = valueGroups(
      { value: data.value!, costToServe: cost ?? undefined, potential: potential ?? predicted?.[1] },
      { mvcShare: options.mvcShare, mgcShare: options.mgcShare, potentialIsGrowth: !!predicted },
    );
    // The engine names its inputs value/costToServe: report them by the user's headers.
    const headerOf: Record<string, string> = { value: ctx.header(source.valueColumn), costToServe: ctx.header(source.costColumn) };
    ctx.addIssues(
      result.issues.map((issue) => ({ ...issue, column: headerOf[issue.column ?? ''] || issue.column })),
      data.rowOf,
    );
    return {
      keys: result.group,
      order: GROUPS,
      colours: VALUE_GROUP_COLOURS,
      columns: predicted ? ['group', 'predictedValue', 'growthGap'] : ['group'],
      labelColumn: 'group',
      values: predicted ? { predictedValue: predicted[0], growthGap: predicted[1] } : {},
      details: { netValue: result.netValue },
    };
  },
  label: (key, lang) => localName(VALUE_GROUP_NAMES, key as ValueGroup, lang),
};
