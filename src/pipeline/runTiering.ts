/**
 * One tiering run: settings + a table of cells -> output columns per row, per-customer results and
 * a per-tier summary. Pure; shared by "Tier customers now" (Apps Script), the sidebar's live
 * preview (browser), the main job and the CLI, so that all of them always agree.
 *
 * The run reads the table as customers (customers.ts), hands them to the settings' mode
 * (modes/), which answers in language-independent keys, and localises once, here.
 */
import type { RowIssue } from '../engine/types';
import { tierChange, type TierChangeKind } from '../engine/change';
import { TIER_CHANGE_NAMES, localName } from '../engine/labels';
import { IssueError } from '../i18n/issues';
import { crossCheck } from '../settings/settings';
import type { Settings } from '../settings/schema';
import { RunContext } from './context';
import { readCustomers } from './customers';
import { MODES, type TieringMode } from './modes';
import { outputFormat, outputHeader } from './outputs';
import type {
  CustomerResult,
  CustomerTableOut,
  OutputColumn,
  OutputKey,
  RunOptions,
  TierSummaryRow,
  TieringRun,
  TieringTable,
  ColumnTable,
} from './types';

export type {
  ColumnTable,
  CustomerResult,
  CustomerTableOut,
  DetailKey,
  OutputColumn,
  OutputKey,
  RunOptions,
  SheetIssue,
  TierSummaryRow,
  TieringRun,
  TieringTable,
} from './types';
export { columnHeader, outputHeader } from './outputs';
export { VALUE_GROUP_COLOURS } from './modes/valueGroups';

/** Runs the configured tiering on a table. Never throws for bad data: problems come back as errors and issues. */
export function runTiering(settings: Settings, table: TieringTable | ColumnTable, options: RunOptions = {}): TieringRun {
  const lang = options.language ?? 'en';
  const headerRow = options.headerRow ?? settings.source.headerRow;
  const ctx = new RunContext(table, settings, headerRow + 1, lang);
  const empty = (): TieringRun => ({
    mode: settings.mode,
    errors: ctx.errors,
    issues: ctx.issues,
    outputs: [],
    customers: [],
    order: [],
    keys: [],
    summary: [],
    totals: { customers: 0, value: 0 },
    hasValue: false,
    perCustomer: { ids: [], columns: {} },
  });
  ctx.errors.push(...crossCheck(settings));
  if (ctx.errors.length) return empty();
  const data = readCustomers(ctx);
  if (!data || ctx.errors.length) return empty();
  const mode = MODES[settings.mode];
  const result = mode.run(ctx, data);
  if (!result || ctx.errors.length) return empty();

  // The user's words for each key, once.
  const labelOf = (key: string) => mode.label(key, lang);
  const labels = result.keys.map((k) => (k === null ? null : labelOf(k)));
  const keys = [...result.order];
  const order = keys.map(labelOf);
  const colours = Object.fromEntries(keys.map((k) => [labelOf(k), result.colours[k] ?? '#ffffff']));
  const perCustomer: Partial<Record<OutputKey, (string | number | null)[]>> = { ...result.values, [result.labelColumn]: labels };
  const columns: OutputKey[] = [...result.columns];

  let previousOf: (string | null)[] | null = null;
  let changeOf: (TierChangeKind | null)[] | null = null;
  if (options.previousById) {
    const previousById = options.previousById;
    // A snapshot taken in the other language names groups and segments in that language.
    const sameGroup = namesInEveryLanguage(mode, keys, lang);
    const unknown: RowIssue[] = [];
    const previous: (string | null)[] = (previousOf = new Array(data.ids.length).fill(null));
    const changes: (TierChangeKind | null)[] = (changeOf = new Array(data.ids.length).fill(null));
    perCustomer.change = data.ids.map((id, i) => {
      const saved = previousById.get(id) ?? null;
      const before = saved === null ? null : (sameGroup.get(saved.trim().toLowerCase()) ?? saved);
      let kind: TierChangeKind | null;
      try {
        kind = tierChange(before, labels[i], order);
        previous[i] = before;
        changes[i] = kind;
      } catch (e) {
        // A tier renamed or removed since the snapshot: no change to show, and the row says why.
        if (!(e instanceof IssueError)) throw e;
        unknown.push({
          row: i,
          column: outputHeader('change', lang),
          code: 'change.previousTierUnknown',
          params: { label: String(saved), expected: order },
        });
        return null;
      }
      return kind === null ? null : localName(TIER_CHANGE_NAMES, kind, lang);
    });
    columns.push('change');
    ctx.addIssues(unknown, data.rowOf);
  }

  // Spread per-customer results to table rows (several order rows share their customer's result).
  const outputs: OutputColumn[] = columns.map((key) => ({
    key,
    header: outputHeader(key, lang),
    format: outputFormat(key),
    values: data.rowCustomer.map((c) => (c < 0 ? null : (perCustomer[key]![c] ?? null))),
  }));

  const values = result.value ?? data.value ?? new Array(data.ids.length).fill(0);
  const customers: CustomerResult[] = [];
  data.ids.forEach((id, i) => {
    const label = labels[i];
    if (label === null) return;
    const customer: CustomerResult = { id, value: Math.max(0, values[i] ?? 0), label };
    if (previousOf && changeOf) {
      customer.previous = previousOf[i];
      customer.change = changeOf[i];
    }
    customers.push(customer);
  });
  const summary = summarise(customers, order, colours);
  const perCustomerOut: CustomerTableOut = { ids: data.ids, columns: { ...perCustomer, ...result.details } };
  if (data.value) perCustomerOut.columns.value = data.value;
  if (result.scoreParts) perCustomerOut.scoreParts = result.scoreParts;
  if (data.rollup) {
    const rollup = data.rollup;
    Object.assign(perCustomerOut.columns, {
      orders: rollup.map((c) => c.orders),
      firstOrder: rollup.map((c) => c.firstOrder),
      lastOrder: rollup.map((c) => c.lastOrder),
      recencyDays: rollup.map((c) => c.recencyDays),
    });
  }
  return {
    mode: settings.mode,
    errors: [],
    issues: ctx.issues.sort((a, b) => a.row - b.row),
    outputs,
    customers,
    order,
    keys,
    summary,
    totals: { customers: customers.length, value: customers.reduce((s, c) => s + c.value, 0) },
    hasValue: data.value !== null,
    perCustomer: perCustomerOut,
    ...(result.predicted && { predicted: result.predicted }),
  };
}

/** Every language's name of each key (lower case) to its name in `lang`. */
function namesInEveryLanguage(mode: TieringMode, keys: readonly string[], lang: 'en' | 'zh'): Map<string, string> {
  const names = new Map<string, string>();
  for (const key of keys) for (const l of ['en', 'zh'] as const) names.set(mode.label(key, l).toLowerCase(), mode.label(key, lang));
  return names;
}

/** Per-tier counts and value shares, in the given label order. Negative values count as 0, as in the tiering. */
export function summarise(
  customers: readonly CustomerResult[],
  order: readonly string[],
  colours: Record<string, string>,
): TierSummaryRow[] {
  const totalValue = customers.reduce((s, c) => s + c.value, 0);
  const rows = new Map(
    order.map((label) => [
      label,
      {
        label,
        colour: colours[label] ?? '#ffffff',
        customers: 0,
        customerShare: 0,
        value: 0,
        valueShare: 0,
        average: 0,
        min: Infinity,
        max: -Infinity,
      },
    ]),
  );
  for (const c of customers) {
    const row = rows.get(c.label);
    if (!row) continue;
    row.customers++;
    row.value += c.value;
    if (c.value < row.min) row.min = c.value;
    if (c.value > row.max) row.max = c.value;
  }
  return [...rows.values()].map((row) => ({
    ...row,
    customerShare: customers.length ? row.customers / customers.length : 0,
    valueShare: totalValue > 0 ? row.value / totalValue : 0,
    average: row.customers ? row.value / row.customers : 0,
    min: row.customers ? row.min : 0,
    max: row.customers ? row.max : 0,
  }));
}
