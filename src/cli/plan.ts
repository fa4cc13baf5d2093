/**
 * What a tiering command reads and writes, decided from its flags alone. Both engines (in memory and
 * DuckDB) and the `sql` command start from a Plan, so a flag means the same everywhere.
 */
import { validateAbcOptions, type AbcMethod } from '../engine/abc';
import { dateFromSerialDay, parseDate } from '../engine/cells';
import type { Lang } from '../engine/types';
import { nameIn, RFM_SEGMENT_NAMES, VALUE_GROUP_NAMES, type LocalNames } from '../engine/labels';
import { SEGMENT_COLOURS } from '../pipeline/modes/rfm';
import { VALUE_GROUP_COLOURS } from '../pipeline/modes/valueGroups';
import { issueText } from '../i18n/issues';
import { columnFormat, columnHeader } from '../pipeline/outputs';
import type { DetailKey, OutputKey } from '../pipeline/types';
import { defaultSettings, defaultTiers } from '../settings/settings';
import type { Settings } from '../settings/schema';
import { numberList, usageError, type Command } from './args';
import { findColumn, type CliTable, type OutCell } from './io';

/** Floating-point sums such as 0.1 + 0.2 printed as 0.3. */
export const tidy = <T>(x: T): T | number => (typeof x === 'number' ? Math.round(x * 1e6) / 1e6 : x);

/**
 * What a command reads and writes, from its flags alone: the settings the sidebar would save, the
 * header of each column it uses (by role), and the shape of its output. Both engines and the `sql`
 * command start from here, so they cannot disagree about a flag.
 */
export interface Plan {
  settings: Settings;
  /** The header of each column used, by role (value, id, date, amount, costToServe, potential). */
  used: Record<string, string>;
  /** One row per customer (an orders list), or every input row with the outputs beside it. */
  perCustomer: boolean;
  /** The output columns after the id (per customer) or after the input's own columns (beside). */
  keys: readonly (OutputKey | DetailKey)[];
  /** Per customer: best rank first (tier), else in order of first appearance. */
  byRank: boolean;
}

/** Finds the column an option names (or says it was not given). */
export type ColumnFinder = (option: string) => string | undefined;

/** Settings for a command: the defaults, pointed at the file's columns. */
function settingsFor(mode: Settings['mode'], source: Partial<Settings['source']>): Settings {
  const settings = defaultSettings('(file)');
  settings.language = 'en';
  settings.mode = mode;
  settings.source = { ...settings.source, headerRow: 1, ...source };
  return settings;
}

function planTier(column: ColumnFinder, options: Record<string, string>, lang: Lang): Plan {
  const method = (options.method ?? 'pareto') as AbcMethod;
  if (!['pareto', 'rank', 'threshold', 'computed'].includes(method)) {
    throw usageError(`--method must be pareto, rank, threshold or computed, not "${options.method}".`);
  }
  const cuts = options.cuts === undefined ? undefined : numberList(options.cuts, 'cuts');
  const labels = options.labels === undefined ? undefined : options.labels.split(',').map((l) => l.trim());
  // Bad cuts or labels are a command-line mistake: say so before reading any data.
  const checked = validateAbcOptions({ method, cuts, labels });
  if (!checked.ok) throw usageError(`${issueText(checked.issue, lang)}.`);
  const value = column('value-column')!;
  const id = column('id-column');
  // With an id column the file is an orders list: each customer's rows are added up first.
  const settings = settingsFor(
    'abc',
    id ? { layout: 'orders', idColumn: id, valueColumn: value } : { layout: 'customers', valueColumn: value },
  );
  settings.abc = { method, cuts: [...checked.value.cuts] };
  settings.tiers = defaultTiers(checked.value.labels);
  return id
    ? { settings, used: { value, id }, perCustomer: true, keys: ['value', 'tier', 'rank', 'share'], byRank: true }
    : { settings, used: { value }, perCustomer: false, keys: ['tier', 'rank', 'share'], byRank: false };
}

function planRfm(column: ColumnFinder, options: Record<string, string>): Plan {
  const id = column('id-column')!;
  const date = column('date-column')!;
  const amount = column('amount-column')!;
  const settings = settingsFor('rfm', { layout: 'orders', idColumn: id, dateColumn: date, valueColumn: amount });
  settings.rfm = { asOf: asOfOption(options) };
  const keys = ['firstOrder', 'lastOrder', 'recencyDays', 'orders', 'value', 'r', 'f', 'm', 'rfm', 'segment'] as const;
  return { settings, used: { id, date, amount }, perCustomer: true, keys, byRank: false };
}

/** --as-of, checked: '' when not given (the last order). */
function asOfOption(options: Record<string, string>): string {
  const asOf = options['as-of'];
  if (asOf !== undefined && (parseDate(asOf).kind !== 'value' || !/^\d{4}-\d{2}-\d{2}$/.test(asOf))) {
    throw usageError(`--as-of must be a date written YYYY-MM-DD, not "${asOf}".`);
  }
  return asOf ?? '';
}

function planGroups(column: ColumnFinder, options: Record<string, string>): Plan {
  const value = column('value-column')!;
  const cost = column('cost-column');
  const potential = column('potential-column');
  const id = column('id-column');
  // With an id column the file is an orders list: value and cost are summed per customer, potential is its largest.
  const settings = settingsFor('valueGroups', {
    layout: id ? 'orders' : 'customers',
    idColumn: id ?? '',
    valueColumn: value,
    costColumn: cost ?? '',
    potentialColumn: potential ?? '',
  });
  if (options['mvc-share'] !== undefined) {
    const mvcShare = numberList(options['mvc-share'], 'mvc-share')[0];
    if (!(mvcShare > 0 && mvcShare < 1))
      throw usageError(`--mvc-share must be between 0 and 1 (e.g. 0.2 for 20%), not ${options['mvc-share']}.`);
    settings.valueGroups = { ...settings.valueGroups, mvcShare };
  }
  const predicted = options.potential !== undefined;
  if (predicted) {
    // MGC's potential from predicted value: an orders list with dates, and no potential column besides.
    if (options.potential !== 'predicted') throw usageError(`--potential must be "predicted", not "${options.potential}".`);
    if (!id || options['date-column'] === undefined)
      throw usageError('--potential predicted needs an orders list: --id-column and --date-column.');
    if (potential) throw usageError('Give --potential-column or --potential predicted, not both.');
    settings.source.dateColumn = column('date-column')!;
    settings.valueGroups.mgcPredicted = true;
    settings.rfm.asOf = asOfOption(options);
    if (options.horizon !== undefined) {
      const horizon = numberList(options.horizon, 'horizon')[0];
      if (!(horizon > 0 && horizon <= 520)) throw usageError(`--horizon must be a number of weeks from 1 to 520, not ${options.horizon}.`);
      settings.predicted = { ...settings.predicted, horizon };
    }
  }
  const used: Record<string, string> = { value };
  if (predicted) used.date = settings.source.dateColumn;
  if (cost) used.costToServe = cost;
  if (potential) used.potential = potential;
  if (id) used.id = id;
  // The net value (value minus cost to serve) before the group, as the CLI has always shown it.
  const extra = predicted ? (['predictedValue', 'growthGap'] as const) : [];
  return id
    ? { settings, used, perCustomer: true, keys: ['value', 'orders', 'netValue', 'group', ...extra], byRank: false }
    : { settings, used, perCustomer: false, keys: ['netValue', 'group'], byRank: false };
}

/** The plan of a tiering command; `column` resolves its column options. */
export function planCommand(command: Command, column: ColumnFinder, options: Record<string, string>, lang: Lang): Plan {
  const plan =
    command === 'tier' ? planTier(column, options, lang) : command === 'rfm' ? planRfm(column, options) : planGroups(column, options);
  // Tiers within groups: the group column is read as it is (a blank cell is a group of its own), shown beside the label.
  const group = column('group-column');
  if (group === undefined) return plan;
  plan.settings.groupBy = group;
  const isLabel = (k: OutputKey | DetailKey) => k === 'tier' || k === 'group' || k === 'segment';
  return { ...plan, used: { ...plan.used, group }, keys: plan.keys.flatMap((k) => (isLabel(k) ? [k, 'within' as const] : [k])) };
}

/** What a command writes, the same for both engines: which input columns it keeps, then its own. */
export interface PlannedOutput {
  /** The input columns a per-row output keeps (per customer: none, the id leads). */
  kept: number[];
  /** The input's kept headers and the outputs beside them, or the id and the per-customer columns. */
  headers: string[];
  /** Each column's number format in an XLSX: none for the input's columns. */
  formats: (string | undefined)[];
  /** The label column (tier, value group or segment) and its labels' colours, as the add-on colours them. */
  fills: CliTable['fills'];
}

export function planOutput(plan: Plan, inputHeaders: readonly string[], lang: Lang): PlannedOutput {
  const header = (k: OutputKey | DetailKey) => (k === 'value' && plan.used.value ? plan.used.value : columnHeader(k, lang));
  const own = plan.keys.map(header);
  // An input column named as one of the command's own (a file an earlier run wrote) is replaced by
  // the new one, so a rerun on its own output gives the same file; a column it reads is kept.
  const written = new Set(own);
  const read = new Set(Object.values(plan.used));
  const kept = plan.perCustomer ? [] : inputHeaders.flatMap((h, j) => (written.has(h) && !read.has(h) ? [] : [j]));
  const leading = plan.perCustomer ? [plan.used.id] : kept.map((j) => inputHeaders[j]);
  const at = plan.keys.findIndex((k) => k === 'tier' || k === 'group' || k === 'segment');
  return {
    kept,
    headers: [...leading, ...own],
    formats: [...leading.map(() => undefined), ...plan.keys.map(columnFormat)],
    fills: at < 0 ? undefined : { column: leading.length + at, colours: new Map(labelColours(plan.settings, lang)) },
  };
}

/** Each label's colour as the add-on colours it, the label as written in `lang`. */
function labelColours({ mode, tiers }: Settings, lang: Lang): [string, string][] {
  const named = (colours: Record<string, string>, names: Record<string, LocalNames>) =>
    Object.entries(colours).map(([key, colour]): [string, string] => [nameIn(names[key], lang), colour]);
  if (mode === 'valueGroups') return named(VALUE_GROUP_COLOURS, VALUE_GROUP_NAMES);
  if (mode === 'rfm') return named(SEGMENT_COLOURS, RFM_SEGMENT_NAMES);
  return tiers.map((t) => [t.label, t.colour]);
}

/** An output number or date as both engines write it. */
export function outCell(key: OutputKey | DetailKey, v: string | number | null): OutCell {
  if (v === null) return null;
  return key === 'firstOrder' || key === 'lastOrder' ? dateFromSerialDay(v as number) : tidy(v);
}

/** Column options resolved against a file's headers (a unique part of a header is enough). */
export function headerFinder(headers: readonly string[], options: Record<string, string>): ColumnFinder {
  return (option) => (options[option] === undefined ? undefined : headers[findColumn(headers, options[option], `--${option}`)]);
}
