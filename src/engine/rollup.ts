/**
 * Order lines to one row per customer: total, order count, first/last order, average order,
 * recency and refunds, the inputs RFM and the other methods need.
 */
import type { Cell, RowIssue, SerialDay } from './types';
import { AS_OF_NOT_A_DATE, dateParser, isoFromSerialDay, parseAmount } from './cells';
import type { IssueDetail } from './problems';

/**
 * One customer's figures. Only positive amounts are purchases; negative amounts are refunds and
 * only lower `total`; zero amounts count for nothing. A customer with no purchase (only refunds
 * or zeros) has orders 0 and null first/last order, average, first-order value and recency.
 */
export interface CustomerRollup {
  /** Trimmed text of the id cell (numbers as text: 1001 -> "1001"). */
  id: string;
  /** Sum of all amounts: purchases minus refunds. */
  total: number;
  /** Number of purchases (rows with a positive amount, or purchase days with `sameDayIsOneOrder`). */
  orders: number;
  firstOrder: SerialDay | null;
  lastOrder: SerialDay | null;
  /** Sum of purchases / orders (refunds not subtracted). */
  averageOrder: number | null;
  /** Value of the first purchase (all of the first purchase day with `sameDayIsOneOrder`). */
  firstOrderValue: number | null;
  /** Whole days from the last purchase to the as-of date. */
  recencyDays: number | null;
  /** Total refunded, as a positive number (sum of the negative amounts, sign dropped). */
  refunds: number;
}

/** `asOf`: the date recency counts to (default: the latest purchase date in the data). */
export interface RollupOptions {
  asOf?: SerialDay;
  /**
   * Count all purchases of one customer on one day as one order with their summed value (the
   * `lifetimes` / BTYD convention; right for exports with one row per order line). Default false:
   * every positive row is an order.
   */
  sameDayIsOneOrder?: boolean;
  /** Count zero amounts as purchases (free orders still show a customer buying; the CDNOW convention). Default false. */
  zeroIsPurchase?: boolean;
  /** Only orders dated from this day on count (a window up to `asOf`); earlier ones are left out without an issue. */
  from?: SerialDay;
}

interface Acc {
  id: string;
  total: number;
  purchases: number;
  orders: number;
  first: number;
  last: number;
  firstValue: number;
  refunds: number;
  days: Set<number> | null;
}

/** Every order's date when the caller needs none: one day, reported as no date at all. */
const UNDATED = { kind: 'value', value: 0 } as const;

const isBlank = (cell: Cell) => cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');

/** Customer id text of a cell, or '' when blank. */
function idOf(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  return String(cell).trim();
}

/**
 * Rolls order rows (customer id, order date, amount; raw cells, parsed with cells.ts) up to
 * customers, in order of first appearance. Rows that are entirely blank are skipped silently;
 * a row with a blank id, a blank or unreadable date or amount is skipped with one issue per
 * problem (0-based `row`, `column` 'id' | 'date' | 'amount'), and so is an order dated after
 * `asOf`. Throws if the three columns differ
 * in length or `asOf` is not a finite serial day.
 *
 * `dates` null: the caller needs no dates (ABC or value groups on an orders list), so a row with a
 * bad date still counts its amount; first/last order and recency are then null.
 */
export function rollupOrders(
  ids: ReadonlyArray<Cell>,
  dates: ReadonlyArray<Cell> | null,
  amounts: ReadonlyArray<Cell>,
  options: RollupOptions = {},
): { customers: CustomerRollup[]; issues: RowIssue[] } {
  const n = ids.length;
  if ((dates !== null && dates.length !== n) || amounts.length !== n) {
    throw new RangeError(
      `Customer id, date and amount columns must have the same number of rows (got ${n}, ${dates?.length}, ${amounts.length}).`,
    );
  }
  if (dates === null && options.sameDayIsOneOrder) throw new RangeError('Counting orders per day needs the order dates.');
  if (options.asOf !== undefined && !Number.isFinite(options.asOf)) {
    throw new RangeError(AS_OF_NOT_A_DATE);
  }
  const merge = options.sameDayIsOneOrder === true;
  const dateOf = dateParser();
  const byId = new Map<string, Acc>();
  const accs: Acc[] = [];
  const issues: RowIssue[] = [];

  for (let row = 0; row < n; row++) {
    const id = idOf(ids[row]);
    const date = dates === null ? UNDATED : dateOf(dates[row]);
    const amount = parseAmount(amounts[row]);
    if (id === '' && (dates === null || date.kind === 'blank') && amount.kind === 'blank') continue;
    let ok = true;
    const problem = (column: string, detail: IssueDetail) => {
      ok = false;
      issues.push({ row, column, ...detail });
    };
    if (id === '') problem('id', { code: isBlank(ids[row]) ? 'rollup.idBlank' : 'rollup.idUnreadable' });
    if (date.kind === 'blank') problem('date', { code: 'rollup.dateBlank' });
    else if (date.kind === 'invalid') problem('date', { code: 'rollup.dateUnreadable', params: { reason: date.issue } });
    if (amount.kind === 'blank') problem('amount', { code: 'rollup.amountBlank' });
    else if (amount.kind === 'invalid') problem('amount', { code: 'rollup.amountUnreadable', params: { reason: amount.issue } });
    if (!ok || date.kind !== 'value' || amount.kind !== 'value') continue;
    // Counting an order from after the as-of date would make recency negative.
    if (dates !== null && options.asOf !== undefined && Math.floor(date.value) > Math.floor(options.asOf)) {
      issues.push({
        row,
        column: 'date',
        code: 'rollup.afterAsOf',
        params: { date: isoFromSerialDay(date.value), asOf: isoFromSerialDay(options.asOf) },
      });
      continue;
    }
    if (date.value < (options.from ?? -Infinity)) continue;

    let acc = byId.get(id);
    if (!acc) {
      acc = {
        id,
        total: 0,
        purchases: 0,
        orders: 0,
        first: Infinity,
        last: -Infinity,
        firstValue: 0,
        refunds: 0,
        days: merge ? new Set() : null,
      };
      byId.set(id, acc);
      accs.push(acc);
    }
    const day = date.value;
    const value = amount.value;
    acc.total += value;
    if (value < 0) acc.refunds -= value;
    if (!(value > 0 || (value === 0 && options.zeroIsPurchase))) continue;
    acc.purchases += value;
    if (acc.days) acc.days.add(day);
    else acc.orders++;
    if (day < acc.first) {
      acc.first = day;
      acc.firstValue = value;
    } else if (day === acc.first && merge) acc.firstValue += value;
    if (day > acc.last) acc.last = day;
  }

  let asOf = options.asOf;
  if (asOf === undefined) {
    asOf = -Infinity;
    for (const a of accs) if (a.last > asOf) asOf = a.last;
  }
  const asOfDay = Math.floor(asOf);
  const customers = accs.map((a): CustomerRollup => {
    const orders = a.days ? a.days.size : a.orders;
    const bought = orders > 0;
    const dated = bought && dates !== null;
    return {
      id: a.id,
      total: a.total,
      orders,
      firstOrder: dated ? a.first : null,
      lastOrder: dated ? a.last : null,
      averageOrder: bought ? a.purchases / orders : null,
      firstOrderValue: dated ? a.firstValue : null,
      recencyDays: dated ? asOfDay - a.last : null,
      refunds: a.refunds,
    };
  });
  return { customers, issues };
}
