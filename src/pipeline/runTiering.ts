/**
 * One tiering run: settings + a table of cells -> output columns per row, per-customer results and
 * a per-tier summary. Pure; shared by "Tier customers now" (Apps Script), the sidebar's live
 * preview (browser) and the main job, so that all three always agree.
 */
import type { Cell, Lang, RowIssue } from '../engine/types';
import { parseAmountColumn, parseDateColumn } from '../engine/cells';
import { abcTiers } from '../engine/abc';
import { weightedScore, type ScoreDimension } from '../engine/score';
import { rfmScores, rfmSegments, recencyDays } from '../engine/rfm';
import { valueGroups } from '../engine/valueGroups';
import { rollupOrders } from '../engine/rollup';
import { tierChange, type TierChangeKind } from '../engine/change';
import { IssueError, issueText, type IssueCode, type IssueDetail, type IssueParams } from '../i18n/issues';
import { RFM_SEGMENT_NAMES, VALUE_GROUP_NAMES, TIER_CHANGE_NAMES, localName, type ValueGroup, type RfmSegment } from '../engine/labels';
import { findHeader } from '../settings/columns';
import { activeRfmRules, crossCheck, settingError } from '../settings/settings';
import type { Mode, Settings } from '../settings/schema';

export interface TieringTable {
  headers: string[];
  /** Data rows below the header row. */
  rows: Cell[][];
}

export type OutputKey = 'tier' | 'score' | 'rank' | 'share' | 'group' | 'rfm' | 'segment' | 'change';

/** One column the add-on writes beside the data: a value per data row. */
export interface OutputColumn {
  key: OutputKey;
  header: string;
  values: (string | number | null)[];
  /** Sheets number format for the column. */
  format: string;
}

export interface CustomerResult {
  id: string;
  value: number;
  label: string;
  /** With a snapshot: the tier then (in this run's names) and the move since. */
  previous?: string | null;
  change?: TierChangeKind | null;
}

export interface TierSummaryRow {
  label: string;
  colour: string;
  customers: number;
  customerShare: number;
  value: number;
  valueShare: number;
  average: number;
  min: number;
  max: number;
}

export interface SheetIssue {
  /** 1-based sheet row. */
  row: number;
  column?: string;
  /** In the run's language. */
  message: string;
  /** The problem as data (src/i18n/issues.ts), when known. */
  code?: IssueCode;
  params?: IssueParams;
}

export interface TieringRun {
  mode: Mode;
  /** Settings or column problems, `path: text` in the run's language: when present nothing was computed. */
  errors: string[];
  /** Rows skipped or partly used, with the sheet row they are on. */
  issues: SheetIssue[];
  outputs: OutputColumn[];
  customers: CustomerResult[];
  /** Group labels best first, as the summary lists them. */
  order: string[];
  /** Language-independent key of each label in `order` (tier label, value group or segment key). */
  keys: string[];
  summary: TierSummaryRow[];
  totals: { customers: number; value: number };
  /** False when no value column was used (a weighted score without one): value figures are 0. */
  hasValue: boolean;
}

export interface RunOptions {
  /** The language of labels, headers, issues and errors (default English). */
  language?: Lang;
  /** The sheet row of the header, to report issues by sheet row. Default: settings.source.headerRow. */
  headerRow?: number;
  /** Last snapshot's tier per customer id: adds a Change column. */
  previousById?: ReadonlyMap<string, string>;
}

/** Colours of the fixed groups, so a manager sees the same colour for a group everywhere. */
export const VALUE_GROUP_COLOURS: Record<ValueGroup, string> = { MVC: '#b7e1cd', MGC: '#c9daf8', Maintain: '#fce8b2', BZ: '#f4c7c3' };
const SEGMENT_PALETTE = ['#b7e1cd', '#d9ead3', '#c9daf8', '#d0e0e3', '#fff2cc', '#fce8b2', '#ead1dc', '#f4c7c3', '#e6b8af', '#d9d2e9', '#eeeeee'];

const OUTPUT_HEADERS: Record<OutputKey, { en: string; zh: string; format: string }> = {
  tier: { en: 'Tier', zh: '客户等级', format: '@' },
  score: { en: 'Score', zh: '综合得分', format: '0.0' },
  rank: { en: 'Rank', zh: '排名', format: '0' },
  share: { en: 'Cumulative share', zh: '累计占比', format: '0.0%' },
  group: { en: 'Value group', zh: '价值分组', format: '@' },
  rfm: { en: 'RFM', zh: 'RFM 代码', format: '@' },
  segment: { en: 'Segment', zh: 'RFM 细分', format: '@' },
  change: { en: 'Change', zh: '等级变化', format: '@' },
};

export function outputHeader(key: OutputKey, lang: Lang): string {
  return OUTPUT_HEADERS[key][lang];
}

/** Per-customer inputs after reading the table (and rolling orders up, when it is an orders list). */
interface CustomerTable {
  ids: string[];
  /** For each table row, the customer index it belongs to (or -1 if skipped). */
  rowCustomer: number[];
  /**
   * A per-customer figure from the column `name`; `role` and `path` name it in errors. In an
   * orders list it is a roll-up figure (Total, Orders...) or another column combined per customer:
   * summed (cost of each order) or its largest value (a potential repeated on every order).
   */
  column(name: string, role: IssueDetail, path: string, combine?: 'sum' | 'max'): (number | null)[] | null;
  value: (number | null)[] | null;
  recency: (number | null)[] | null;
  frequency: (number | null)[] | null;
}

/** The role of a column, as error messages name it. */
const role = (code: IssueCode): IssueDetail => ({ code });

class RunContext {
  readonly issues: SheetIssue[] = [];
  readonly errors: string[] = [];
  constructor(readonly table: TieringTable, readonly settings: Settings, readonly firstDataRow: number, readonly lang: Lang) {}

  addIssues(issues: readonly RowIssue[], rowOf: (i: number) => number = (i) => i): void {
    for (const issue of issues) {
      const row = this.firstDataRow + rowOf(issue.row);
      const message = issueText(issue, this.lang);
      this.issues.push(issue.code ? { row, column: issue.column, message, code: issue.code, params: issue.params } : { row, column: issue.column, message });
    }
  }

  error(path: string, code: IssueCode, params?: IssueParams): void {
    this.errors.push(settingError(path, code, params, this.lang));
  }

  columnIndex(name: string, columnRole: IssueDetail, path = 'source'): number {
    const index = findHeader(this.table.headers, name);
    if (!name) this.error(path, 'settings.chooseColumn', { role: columnRole });
    else if (index < 0) {
      const headers = this.table.headers.filter(Boolean);
      this.error(path, 'settings.columnMissing', { role: columnRole, name, headers: headers.length ? headers : [{ code: 'term.empty' }] });
    }
    return index;
  }

  /** The header text of the column `name` picks ('' for none), as the sheet spells it. */
  header(name: string): string {
    const index = name ? findHeader(this.table.headers, name) : -1;
    return index >= 0 ? this.table.headers[index] : name;
  }

  cells(index: number): Cell[] {
    return this.table.rows.map((row) => row[index]);
  }
}

function readCustomers(ctx: RunContext): CustomerTable | null {
  const { settings } = ctx;
  const src = settings.source;
  const asOf = parseAsOf(ctx);
  if (src.layout === 'orders') {
    const idIx = ctx.columnIndex(src.idColumn, role('term.role.customer'));
    const dateIx = ctx.columnIndex(src.dateColumn, role('term.role.orderDate'));
    const amountIx = ctx.columnIndex(src.valueColumn, role('term.role.amount'));
    if (ctx.errors.length) return null;
    const table = (ix: number) => ctx.table.headers[ix];
    const rolled = rollupOrders(ctx.cells(idIx), ctx.cells(dateIx), ctx.cells(amountIx), asOf === null ? {} : { asOf });
    // The roll-up names its inputs id/date/amount: report them by the user's headers.
    const headerOf: Record<string, string> = { id: table(idIx), date: table(dateIx), amount: table(amountIx) };
    ctx.addIssues(rolled.issues.map((issue) => ({ ...issue, column: headerOf[issue.column ?? ''] ?? issue.column })));
    const indexById = new Map<string, number>();
    rolled.customers.forEach((c, i) => indexById.set(c.id, i));
    const rowCustomer = ctx.table.rows.map((row) => indexById.get(String(row[idIx] ?? '').trim()) ?? -1);
    const metric = (name: string): (number | null)[] | null => {
      const key = name.toLowerCase().replace(/\s+/g, '');
      const pick = (f: (c: (typeof rolled.customers)[number]) => number | null) => rolled.customers.map(f);
      if (key === 'total' || key === normalise(src.valueColumn)) return pick((c) => c.total);
      if (key === 'orders') return pick((c) => c.orders);
      if (key === 'averageorder') return pick((c) => c.averageOrder);
      if (key === 'recencydays') return pick((c) => c.recencyDays);
      return null;
    };
    return {
      ids: rolled.customers.map((c) => c.id),
      rowCustomer,
      column: (name, _role, path, combine = 'sum') => {
        const m = metric(name);
        if (m) return m;
        const ix = findHeader(ctx.table.headers, name);
        if (ix < 0) {
          ctx.error(path, 'settings.notOrderMetric', { name });
          return null;
        }
        const parsed = parseAmountColumn(ctx.cells(ix), ctx.table.headers[ix]);
        ctx.addIssues(parsed.issues);
        const out: (number | null)[] = new Array(rolled.customers.length).fill(null);
        parsed.values.forEach((v, row) => {
          const c = rowCustomer[row];
          if (c < 0 || v === null) return;
          const before = out[c];
          out[c] = before === null ? v : combine === 'sum' ? before + v : Math.max(before, v);
        });
        return out;
      },
      value: rolled.customers.map((c) => c.total),
      recency: rolled.customers.map((c) => (c.orders > 0 ? c.recencyDays : null)),
      frequency: rolled.customers.map((c) => c.orders),
    };
  }

  // One row per customer.
  const n = ctx.table.rows.length;
  const idIx = src.idColumn ? ctx.columnIndex(src.idColumn, role('term.role.customer')) : -1;
  const ids = ctx.table.rows.map((row, i) => (idIx >= 0 ? String(row[idIx] ?? '').trim() : '') || `#${ctx.firstDataRow + i}`);
  const column = (name: string, kind: 'amount' | 'date', columnRole: IssueDetail, path = 'source'): (number | null)[] | null => {
    const ix = ctx.columnIndex(name, columnRole, path);
    if (ix < 0) return null;
    const parsed = kind === 'amount' ? parseAmountColumn(ctx.cells(ix), ctx.table.headers[ix]) : parseDateColumn(ctx.cells(ix), ctx.table.headers[ix]);
    ctx.addIssues(parsed.issues);
    return parsed.values;
  };
  const needsValue = settings.mode !== 'score' || !!src.valueColumn;
  const value = needsValue ? column(src.valueColumn, 'amount', role('term.role.value')) : null;
  let recency: (number | null)[] | null = null;
  let frequency: (number | null)[] | null = null;
  if (settings.mode === 'rfm') {
    const lastDates = column(src.dateColumn, 'date', role('term.role.lastPurchase'));
    recency = lastDates && recencyDays(lastDates, asOf ?? undefined);
    frequency = column(src.frequencyColumn, 'amount', role('term.role.purchaseCount'));
  }
  return { ids, rowCustomer: Array.from({ length: n }, (_, i) => i), column: (name, columnRole, path) => column(name, 'amount', columnRole, path), value, recency, frequency };
}

function normalise(s: string): string {
  return s.toLowerCase().replace(/\s+/g, '');
}

function parseAsOf(ctx: RunContext): number | null {
  const iso = ctx.settings.rfm.asOf;
  if (!iso) return null;
  const parsed = parseDateColumn([iso], 'rfm.asOf');
  if (parsed.values[0] == null) {
    ctx.error('rfm.asOf', 'settings.asOfNotDate', { value: iso });
    return null;
  }
  return parsed.values[0];
}

/** Runs the configured tiering on a table. Never throws for bad data: problems come back as errors and issues. */
export function runTiering(settings: Settings, table: TieringTable, options: RunOptions = {}): TieringRun {
  const lang = options.language ?? 'en';
  const headerRow = options.headerRow ?? settings.source.headerRow;
  const ctx = new RunContext(table, settings, headerRow + 1, lang);
  const empty = (): TieringRun => ({
    mode: settings.mode, errors: ctx.errors, issues: ctx.issues, outputs: [], customers: [], order: [], keys: [], summary: [], totals: { customers: 0, value: 0 }, hasValue: false,
  });
  ctx.errors.push(...crossCheck(settings, lang));
  if (ctx.errors.length) return empty();
  const data = readCustomers(ctx);
  if (!data || ctx.errors.length) return empty();

  const customerCount = data.ids.length;
  const labels: (string | null)[] = new Array(customerCount).fill(null);
  const perCustomer: Partial<Record<OutputKey, (string | number | null)[]>> = {};
  let order: string[] = [];
  let keys: string[] = [];
  let colours: Record<string, string> = {};
  const tierColours = () => Object.fromEntries(settings.tiers.map((t) => [t.label, t.colour]));

  switch (settings.mode) {
    case 'abc': {
      const values = data.value!;
      const result = abcTiers(values, { method: settings.abc.method, cuts: settings.abc.method === 'computed' ? undefined : settings.abc.cuts, labels: settings.tiers.map((t) => t.label) });
      result.tier.forEach((t, i) => { labels[i] = t === null ? null : result.labels[t]; });
      perCustomer.tier = labels;
      perCustomer.rank = result.rank;
      perCustomer.share = result.cumulativeShare;
      order = keys = result.labels;
      colours = tierColours();
      break;
    }
    case 'score': {
      const dims: ScoreDimension[] = [];
      for (const d of settings.score.dimensions) {
        const values = data.column(d.column, role('term.role.dimension'), 'score.dimensions');
        if (values) dims.push({ name: d.column, values, weight: d.weight, direction: d.direction });
      }
      if (ctx.errors.length) return empty();
      const scored = weightedScore(dims, settings.score.normalisation);
      ctx.addIssues(scored.issues);
      const result = abcTiers(scored.score, { method: settings.score.tierMethod, cuts: settings.score.cuts, labels: settings.tiers.map((t) => t.label) });
      result.tier.forEach((t, i) => { labels[i] = t === null ? null : result.labels[t]; });
      perCustomer.score = scored.score.map((s) => (s === null ? null : Math.round(s * 10) / 10));
      perCustomer.tier = labels;
      order = keys = result.labels;
      colours = tierColours();
      break;
    }
    case 'rfm': {
      if (!data.recency || !data.frequency || !data.value) return empty();
      const scores = rfmScores({ recencyDays: data.recency, frequency: data.frequency, monetary: data.value });
      ctx.addIssues(scores.issues);
      // The user's rule list when there is one (crossCheck has made sure it covers every code).
      const segments = rfmSegments(scores, activeRfmRules(settings));
      segments.forEach((s, i) => { labels[i] = s === null ? null : localName(RFM_SEGMENT_NAMES, s, lang); });
      perCustomer.rfm = scores.code;
      perCustomer.segment = labels;
      keys = Object.keys(RFM_SEGMENT_NAMES) as RfmSegment[];
      order = keys.map((k) => localName(RFM_SEGMENT_NAMES, k as RfmSegment, lang));
      colours = Object.fromEntries(order.map((label, i) => [label, SEGMENT_PALETTE[i % SEGMENT_PALETTE.length]]));
      break;
    }
    case 'valueGroups': {
      const cost = settings.source.costColumn ? data.column(settings.source.costColumn, role('term.role.cost'), 'source') : undefined;
      const potential = settings.source.potentialColumn ? data.column(settings.source.potentialColumn, role('term.role.potential'), 'source', 'max') : undefined;
      if (ctx.errors.length) return empty();
      const result = valueGroups(
        { value: data.value!, costToServe: cost ?? undefined, potential: potential ?? undefined },
        { mvcShare: settings.valueGroups.mvcShare, mgcShare: settings.valueGroups.mgcShare },
      );
      // The engine names its inputs value/costToServe: report them by the user's headers.
      const headerOf: Record<string, string> = { value: ctx.header(settings.source.valueColumn), costToServe: ctx.header(settings.source.costColumn) };
      ctx.addIssues(result.issues.map((issue) => ({ ...issue, column: headerOf[issue.column ?? ''] || issue.column })));
      result.group.forEach((g, i) => { labels[i] = g === null ? null : localName(VALUE_GROUP_NAMES, g, lang); });
      perCustomer.group = labels;
      const groups = Object.keys(VALUE_GROUP_NAMES) as ValueGroup[];
      keys = groups;
      order = groups.map((k) => localName(VALUE_GROUP_NAMES, k, lang));
      colours = Object.fromEntries(groups.map((k) => [localName(VALUE_GROUP_NAMES, k, lang), VALUE_GROUP_COLOURS[k]]));
      break;
    }
  }

  let previousOf: (string | null)[] | null = null;
  let changeOf: (TierChangeKind | null)[] | null = null;
  if (options.previousById) {
    const previousById = options.previousById;
    // A snapshot taken in the other language names groups and segments in that language.
    const sameGroup = settings.mode === 'rfm' ? groupNames(RFM_SEGMENT_NAMES, lang) : settings.mode === 'valueGroups' ? groupNames(VALUE_GROUP_NAMES, lang) : null;
    const firstRow = new Map<number, number>();
    data.rowCustomer.forEach((c, row) => { if (c >= 0 && !firstRow.has(c)) firstRow.set(c, row); });
    const unknown: RowIssue[] = [];
    const previous: (string | null)[] = (previousOf = new Array(data.ids.length).fill(null));
    const changes: (TierChangeKind | null)[] = (changeOf = new Array(data.ids.length).fill(null));
    perCustomer.change = data.ids.map((id, i) => {
      const saved = previousById.get(id) ?? null;
      const before = saved === null ? null : sameGroup?.get(saved.trim().toLowerCase()) ?? saved;
      let kind: TierChangeKind | null;
      try {
        kind = tierChange(before, labels[i], order);
        previous[i] = before;
        changes[i] = kind;
      } catch (e) {
        // A tier renamed or removed since the snapshot: no change to show, and the row says why.
        if (!(e instanceof IssueError)) throw e;
        unknown.push({ row: i, column: outputHeader('change', lang), message: '', code: 'change.previousTierUnknown', params: { label: String(saved), expected: order } });
        return null;
      }
      return kind === null ? null : localName(TIER_CHANGE_NAMES, kind, lang);
    });
    ctx.addIssues(unknown, (c) => firstRow.get(c) ?? 0);
  }

  // Spread per-customer results to table rows (several order rows share their customer's result).
  const outputs: OutputColumn[] = (Object.keys(perCustomer) as OutputKey[]).map((key) => ({
    key,
    header: outputHeader(key, lang),
    format: OUTPUT_HEADERS[key].format,
    values: data.rowCustomer.map((c) => (c < 0 ? null : perCustomer[key]![c] ?? null)),
  }));

  const values = data.value ?? new Array(customerCount).fill(0);
  const customers: CustomerResult[] = [];
  data.ids.forEach((id, i) => {
    const label = labels[i];
    if (label === null) return;
    const customer: CustomerResult = { id, value: Math.max(0, values[i] ?? 0), label };
    if (previousOf && changeOf) { customer.previous = previousOf[i]; customer.change = changeOf[i]; }
    customers.push(customer);
  });
  const summary = summarise(customers, order, colours);
  return {
    mode: settings.mode, errors: [], issues: ctx.issues.sort((a, b) => a.row - b.row), outputs, customers, order, keys, summary,
    totals: { customers: customers.length, value: customers.reduce((s, c) => s + c.value, 0) },
    hasValue: data.value !== null,
  };
}

/** Every language's name of each group (lower case) to its name in `lang`. */
function groupNames<K extends string>(table: Record<K, { en: string; zh: string }>, lang: Lang): Map<string, string> {
  const names = new Map<string, string>();
  for (const key of Object.keys(table) as K[]) {
    for (const name of [table[key].en, table[key].zh]) names.set(name.toLowerCase(), localName(table, key, lang));
  }
  return names;
}

/** Per-tier counts and value shares, in the given label order. Negative values count as 0, as in the tiering. */
export function summarise(customers: readonly CustomerResult[], order: readonly string[], colours: Record<string, string>): TierSummaryRow[] {
  const totalValue = customers.reduce((s, c) => s + c.value, 0);
  const rows = new Map(order.map((label) => [label, { label, colour: colours[label] ?? '#ffffff', customers: 0, customerShare: 0, value: 0, valueShare: 0, average: 0, min: Infinity, max: -Infinity }]));
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

