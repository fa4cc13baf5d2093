/**
 * The table read as customers: one row per customer, or an orders list rolled up per customer.
 * Every mode starts from here, so a figure means the same in every mode.
 */
import { parseAmountColumn, parseDateColumn } from '../engine/cells';
import type { Cell } from '../engine/types';
import { recencyDaysChecked } from '../engine/rfm';
import { rollupOrders, type CustomerRollup } from '../engine/rollup';
import type { IssueDetail } from '../i18n/issues';
import { findHeader } from '../settings/columns';
import type { Settings } from '../settings/schema';
import { role, type RunContext } from './context';

/** Per-customer inputs after reading the table (and rolling orders up, when it is an orders list). */
export interface CustomerTable {
  ids: string[];
  /** For each table row, the customer index it belongs to (or -1 if skipped). */
  rowCustomer: number[];
  /** The table row a customer's problems are reported on: its first row. */
  rowOf(customer: number): number;
  /**
   * A per-customer figure from the column `name`; `role` and `path` name it in errors. In an
   * orders list it is a roll-up figure (Total, Orders...) or another column combined per customer:
   * summed (cost of each order) or its largest value (a potential repeated on every order).
   */
  column(name: string, role: IssueDetail, path: string, combine?: 'sum' | 'max'): (number | null)[] | null;
  /** Per customer, the cell of the text column `name` (an orders list: the customer's first non-blank one); null when missing. */
  answers(name: string, role: IssueDetail, path: string): Cell[] | null;
  value: (number | null)[] | null;
  /** An orders list's per-customer figures (orders, first and last order, recency). */
  rollup?: readonly CustomerRollup[];
  recency: (number | null)[] | null;
  frequency: (number | null)[] | null;
}

export function readCustomers(ctx: RunContext): CustomerTable | null {
  const { settings } = ctx;
  const src = settings.source;
  const asOf = parseAsOf(ctx);
  if (src.layout === 'orders') {
    const idIx = ctx.columnIndex(src.idColumn, role('term.role.customer'));
    // Only dates that are used are read: a bad date must not drop an order's amount from ABC.
    const dated = usesOrderDates(settings);
    const dateIx = dated ? ctx.columnIndex(src.dateColumn, role('term.role.orderDate')) : -1;
    const amountIx = ctx.columnIndex(src.valueColumn, role('term.role.amount'));
    if (ctx.errors.length) return null;
    const table = (ix: number) => ctx.table.headers[ix];
    const rolled = rollupOrders(
      ctx.cells(idIx),
      dated ? ctx.cells(dateIx) : null,
      ctx.cells(amountIx),
      asOf === null || !dated ? {} : { asOf },
    );
    // The roll-up names its inputs id/date/amount: report them by the user's headers.
    const headerOf: Record<string, string> = { id: table(idIx), date: dated ? table(dateIx) : '', amount: table(amountIx) };
    // Predicted value: orders after the as-of date are the holdout the model is checked on, not skipped rows.
    const holdout = settings.mode === 'predicted';
    ctx.addIssues(
      rolled.issues
        .filter((i) => !(holdout && i.code === 'rollup.afterAsOf'))
        .map((issue) => ({ ...issue, column: headerOf[issue.column ?? ''] ?? issue.column })),
    );
    const indexById = new Map<string, number>();
    rolled.customers.forEach((c, i) => indexById.set(c.id, i));
    const rowCustomer = ctx.cells(idIx).map((cell) => indexById.get(String(cell ?? '').trim()) ?? -1);
    const metric = (name: string): (number | null)[] | null => {
      const key = name.toLowerCase().replace(/\s+/g, '');
      const pick = (f: (c: (typeof rolled.customers)[number]) => number | null) => rolled.customers.map(f);
      if (key === 'total' || key === normalise(src.valueColumn)) return pick((c) => c.total);
      if (key === 'orders') return pick((c) => c.orders);
      if (key === 'averageorder') return pick((c) => c.averageOrder);
      if (key === 'recencydays') return pick((c) => c.recencyDays);
      return null;
    };
    const firstRow = new Array<number>(rolled.customers.length).fill(0);
    for (let row = rowCustomer.length - 1; row >= 0; row--) if (rowCustomer[row] >= 0) firstRow[rowCustomer[row]] = row;
    return {
      ids: rolled.customers.map((c) => c.id),
      rowCustomer,
      rowOf: (c) => firstRow[c] ?? 0,
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
      answers: (name, columnRole, path) => {
        const ix = ctx.columnIndex(name, columnRole, path);
        if (ix < 0) return null;
        const out: Cell[] = new Array(rolled.customers.length).fill(null);
        ctx.cells(ix).forEach((cell, r) => {
          const c = rowCustomer[r];
          if (c >= 0 && !String(out[c] ?? '').trim()) out[c] = cell;
        });
        return out;
      },
      value: rolled.customers.map((c) => c.total),
      rollup: rolled.customers,
      recency: rolled.customers.map((c) => (c.orders > 0 ? c.recencyDays : null)),
      frequency: rolled.customers.map((c) => c.orders),
    };
  }

  // One row per customer.
  const n = ctx.rowCount;
  const idIx = src.idColumn ? ctx.columnIndex(src.idColumn, role('term.role.customer')) : -1;
  const idCells = idIx >= 0 ? ctx.cells(idIx) : null;
  const ids = Array.from({ length: n }, (_, i) => (idCells ? String(idCells[i] ?? '').trim() : '') || `#${ctx.firstDataRow + i}`);
  const column = (name: string, kind: 'amount' | 'date', columnRole: IssueDetail, path = 'source'): (number | null)[] | null => {
    const ix = ctx.columnIndex(name, columnRole, path);
    if (ix < 0) return null;
    const parsed =
      kind === 'amount' ? parseAmountColumn(ctx.cells(ix), ctx.table.headers[ix]) : parseDateColumn(ctx.cells(ix), ctx.table.headers[ix]);
    ctx.addIssues(parsed.issues);
    return parsed.values;
  };
  const needsValue = settings.mode !== 'score' || !!src.valueColumn;
  const value = needsValue ? column(src.valueColumn, 'amount', role('term.role.value')) : null;
  let recency: (number | null)[] | null = null;
  let frequency: (number | null)[] | null = null;
  if (settings.mode === 'rfm') {
    const lastDates = column(src.dateColumn, 'date', role('term.role.lastPurchase'));
    if (lastDates) {
      // A last purchase after the as-of date has no recency (never a negative one): the row says so.
      const checked = recencyDaysChecked(lastDates, asOf ?? undefined);
      ctx.addIssues(checked.issues.map((issue) => ({ ...issue, column: ctx.header(src.dateColumn) })));
      recency = checked.days;
    }
    frequency = column(src.frequencyColumn, 'amount', role('term.role.purchaseCount'));
  }
  return {
    ids,
    rowCustomer: Array.from({ length: n }, (_, i) => i),
    rowOf: (c) => c,
    column: (name, columnRole, path) => column(name, 'amount', columnRole, path),
    answers: (name, columnRole, path) => {
      const ix = ctx.columnIndex(name, columnRole, path);
      return ix < 0 ? null : ctx.cells(ix);
    },
    value,
    recency,
    frequency,
  };
}

/** Whether a run on an orders list needs each order's date: RFM, predicted value (also MGC's), or a score that uses recency. */
export function usesOrderDates(settings: Settings): boolean {
  if (settings.mode === 'rfm' || settings.mode === 'predicted') return true;
  if (settings.mode === 'valueGroups') return settings.valueGroups.mgcPredicted;
  return settings.mode === 'score' && settings.score.dimensions.some((d) => normalise(d.column) === 'recencydays');
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
