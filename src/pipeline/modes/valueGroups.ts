/** Value groups: MVC (most valuable), MGC (most growable), Maintain, BZ (below zero). */
import { valueGroups } from '../../engine/valueGroups';
import { localName, VALUE_GROUP_NAMES, type ValueGroup } from '../../engine/labels';
import { role } from '../context';
import type { TieringMode } from './mode';

/** Colours of the fixed groups, so a manager sees the same colour for a group everywhere. */
export const VALUE_GROUP_COLOURS: Record<ValueGroup, string> = { MVC: '#b7e1cd', MGC: '#c9daf8', Maintain: '#fce8b2', BZ: '#f4c7c3' };
const GROUPS = Object.keys(VALUE_GROUP_NAMES) as ValueGroup[];

export const valueGroupsMode: TieringMode = {
  run(ctx, data) {
    const { source, valueGroups: options } = ctx.settings;
    const cost = source.costColumn ? data.column(source.costColumn, role('term.role.cost'), 'source') : undefined;
    const potential = source.potentialColumn
      ? data.column(source.potentialColumn, role('term.role.potential'), 'source', 'max')
      : undefined;
    if (ctx.errors.length) return null;
    const result = valueGroups(
      { value: data.value!, costToServe: cost ?? undefined, potential: potential ?? undefined },
      { mvcShare: options.mvcShare, mgcShare: options.mgcShare },
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
      columns: ['group'],
      labelColumn: 'group',
      values: {},
      details: { netValue: result.netValue },
    };
  },
  label: (key, lang) => localName(VALUE_GROUP_NAMES, key as ValueGroup, lang),
};
