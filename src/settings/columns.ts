/**
 * Suggests which columns hold what, from header text in English or Chinese, and tells an orders
 * list (one row per order) from a customer list (one row per customer).
 */
import type { Cell } from '../engine/types';
import { COLUMN_ROLES, noColumns, type ColumnRole } from './constants';

export interface ColumnSuggestion {
  layout: 'customers' | 'orders';
  idColumn: string;
  valueColumn: string;
  dateColumn: string;
  costColumn: string;
  potentialColumn: string;
  frequencyColumn: string;
}

type Role = ColumnRole;

/**
 * Header words per role, strongest first. Matching is on lower-cased text with spaces and
 * punctuation removed, so "Customer Name", "customer_name" and "客户名称" all match.
 */
const KEYWORDS: Record<Role, string[]> = {
  idColumn: [
    'customerid',
    'clientid',
    'accountid',
    '客户编号',
    '客户id',
    '客户代码',
    '客户名称',
    '客户名',
    'customername',
    'clientname',
    'accountname',
    'customer',
    'client',
    'account',
    'company',
    '客户',
    '公司',
    '名称',
    'name',
    'id',
  ],
  valueColumn: [
    'revenue',
    'sales',
    'totalspend',
    'spend',
    'amount',
    'value',
    'total',
    'turnover',
    '交易额',
    '销售额',
    '营业额',
    '消费额',
    '金额',
    '收入',
    '总额',
    '合计',
    '销售',
  ],
  dateColumn: [
    'orderdate',
    'purchasedate',
    'lastpurchasedate',
    'lastorderdate',
    'lastorder',
    'date',
    '最近购买日期',
    '最后购买日期',
    '订单日期',
    '下单日期',
    '购买日期',
    '交易日期',
    '日期',
    '时间',
  ],
  costColumn: ['costtoserve', 'servicecost', 'cost', '服务成本', '成本', '费用'],
  potentialColumn: ['potential', 'growth', 'walletshare', '潜力', '潜在价值', '增长'],
  frequencyColumn: ['frequency', 'orders', 'ordercount', 'purchases', '购买次数', '订单数', '频次', '次数'],
};

export function normaliseHeader(header: unknown): string {
  return String(header ?? '')
    .toLowerCase()
    .replace(/[\s_\-.,:;()（）/\\|·]+/g, '');
}

/** Roles whose keywords must not steal a column that names another role ("Order date" is not an id). */
function scoreHeader(header: string, role: Role): number {
  const h = normaliseHeader(header);
  if (!h) return 0;
  const words = KEYWORDS[role];
  for (let i = 0; i < words.length; i++) {
    if (h === words[i]) return 1000 - i;
    // Short words ('id') only count as the whole header: "paid" is not an id.
    if (words[i].length > 3 && h.includes(words[i])) return 500 - i;
  }
  return 0;
}

/** Finds the header a role refers to, by exact text first, then by normalised text. */
export function findHeader(headers: readonly string[], wanted: string): number {
  if (!wanted) return -1;
  const exact = headers.indexOf(wanted);
  if (exact >= 0) return exact;
  const key = normaliseHeader(wanted);
  return headers.findIndex((h) => normaliseHeader(h) === key);
}

export function suggestColumns(headers: readonly string[], sampleRows: ReadonlyArray<ReadonlyArray<Cell>> = []): ColumnSuggestion {
  const taken = new Set<number>();
  const chosen: Record<Role, string> = noColumns();
  // Specific roles pick first so that generic words ("amount", "name") do not grab their columns.
  for (const role of COLUMN_ROLES) {
    let best = -1;
    let bestScore = 0;
    headers.forEach((header, i) => {
      if (taken.has(i)) return;
      const s = scoreHeader(header, role);
      if (s > bestScore) {
        best = i;
        bestScore = s;
      }
    });
    if (best >= 0) {
      taken.add(best);
      chosen[role] = headers[best];
    }
  }
  return { layout: detectLayout(headers, sampleRows, chosen), ...chosen };
}

/** An orders list repeats customer ids and has an order-like date; a customer list does not. */
function detectLayout(
  headers: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<Cell>>,
  chosen: Record<Role, string>,
): 'customers' | 'orders' {
  const idIndex = chosen.idColumn ? headers.indexOf(chosen.idColumn) : -1;
  if (idIndex >= 0 && rows.length > 1) {
    const seen = new Set<string>();
    let repeats = 0;
    let counted = 0;
    for (const row of rows) {
      const id = String(row[idIndex] ?? '').trim();
      if (!id) continue;
      counted++;
      if (seen.has(id)) repeats++;
      seen.add(id);
    }
    // A few repeats can be duplicates in a customer list; many mean one row per order.
    if (counted > 0 && repeats / counted >= 0.1) return 'orders';
    if (counted >= 20) return 'customers';
  }
  const date = normaliseHeader(chosen.dateColumn);
  return /order|purchase|订单|下单|交易/.test(date) && !/last|最近|最后/.test(date) ? 'orders' : 'customers';
}
