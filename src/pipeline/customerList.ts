/**
 * The customer list a manager reads: one row per customer, best first, with the tier and the
 * figures behind it, the move since the last snapshot and what the business does for that tier.
 * Pure: the add-on writes it as a sheet, the CLI as a file, both from the same run.
 */
import type { Lang } from '../engine/types';
import { localName, TIER_CHANGE_NAMES } from '../engine/labels';
import { playbookAction, say } from '../i18n/addon';
import { matchingRule } from '../engine/rfm';
import { activeRfmRules } from '../settings/settings';
import type { Settings } from '../settings/schema';
import { columnHeader, outputFormat } from './outputs';
import { formatAmount, formatPercent } from './cutLines';
import type { DetailKey, OutputKey, TieringRun } from './types';

export type CustomerListKey = 'id' | 'label' | 'why' | 'valueShare' | 'previous' | 'action' | OutputKey | DetailKey;

export interface CustomerListColumn {
  key: CustomerListKey;
  header: string;
  /** Sheets number format; 'date' columns hold serial days, written as dates. */
  format: string;
  date?: boolean;
}

export interface CustomerList {
  columns: CustomerListColumn[];
  rows: (string | number | null)[][];
  /** Index of the tier / group / segment column. */
  labelColumn: number;
  /** Each label's first row (0-based in `rows`), for links from the summary. */
  firstRowOf: Map<string, number>;
}

const OWN_HEADERS: Record<'id' | 'valueShare' | 'previous' | 'action', { en: string; zh: string }> = {
  id: { en: 'Customer', zh: '客户' },
  valueShare: { en: 'Share of value', zh: '价值占比' },
  previous: { en: 'In the last snapshot', zh: '上次快照' },
  action: { en: 'Action', zh: '行动' },
};

const LABEL_OUTPUT: Record<Settings['mode'], OutputKey> = {
  abc: 'tier',
  score: 'tier',
  rfm: 'segment',
  valueGroups: 'group',
  predicted: 'tier',
};
const MONEY = '#,##0.00';

export function customerList(run: TieringRun, settings: Settings, lang: Lang): CustomerList {
  const { ids, columns: figures } = run.perCustomer;
  const labelKey = LABEL_OUTPUT[settings.mode];
  const labels = (figures[labelKey] ?? []) as (string | null)[];
  const values = (figures.value ?? []) as (number | null)[];
  const positive = (i: number) => Math.max(0, values[i] ?? 0);
  const total = ids.reduce((s, _, i) => s + positive(i), 0);
  const orderOf = new Map(run.order.map((label, i) => [label, i]));
  const keyOf = new Map(run.order.map((label, i) => [label, run.keys[i] ?? label]));
  const changeKind = new Map(run.customers.map((c) => [c.id, c]));

  // Best first: by tier, then by value; customers that could not be tiered last.
  const order = ids.map((_, i) => i);
  const rankOfLabel = (i: number) =>
    labels[i] === null ? Number.POSITIVE_INFINITY : (orderOf.get(labels[i]!) ?? Number.POSITIVE_INFINITY);
  order.sort((a, b) => rankOfLabel(a) - rankOfLabel(b) || positive(b) - positive(a) || (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0));

  const has = (key: OutputKey | DetailKey) => figures[key] !== undefined;
  const cols: CustomerListColumn[] = [];
  const add = (key: CustomerListKey, format: string, date = false) => {
    // The label column keeps the mode's own header (Tier, Segment, Value group).
    const header =
      key === 'label'
        ? columnHeader(labelKey, lang)
        : key === 'why'
          ? say(lang, 'whyHeader')
          : key in OWN_HEADERS
            ? OWN_HEADERS[key as keyof typeof OWN_HEADERS][lang]
            : columnHeader(key as OutputKey | DetailKey, lang);
    cols.push(date ? { key, header, format, date } : { key, header, format });
  };
  add('id', '@');
  add('label', '@');
  if (has('within')) add('within', '@');
  const why = whyTexts(run, settings, lang);
  if (why) add('why', '@');
  if (has('score')) add('score', '0.0');
  if (run.hasValue) {
    add('value', MONEY);
    add('valueShare', '0.0%');
    add('share', '0.0%');
  }
  add('rank', '0');
  if (has('orders')) add('orders', '0');
  // Order dates only where the run read them (RFM, or a score on recency): ABC never needs them.
  if ((figures.lastOrder ?? []).some((d) => d !== null)) {
    add('firstOrder', 'yyyy-mm-dd', true);
    add('lastOrder', 'yyyy-mm-dd', true);
    add('recencyDays', '0');
  }
  if (has('r')) {
    add('r', '0');
    add('f', '0');
    add('m', '0');
    add('rfm', '@');
  }
  if (has('netValue')) add('netValue', MONEY);
  // Predicted value (and MGC from it): the model's figures, as written beside the data.
  for (const key of ['pAlive', 'expectedPurchases', 'expectedAverageOrder', 'predictedValue', 'growthGap'] as const)
    if (has(key)) add(key, outputFormat(key));
  const withSnapshot = run.customers.some((c) => c.change !== undefined);
  if (withSnapshot) {
    add('previous', '@');
    add('change', '@');
  }
  add('action', '@');

  let running = 0;
  const firstRowOf = new Map<string, number>();
  const rows = order.map((i, position) => {
    const label = labels[i];
    running += positive(i);
    if (label !== null && !firstRowOf.has(label)) firstRowOf.set(label, position);
    const customer = changeKind.get(ids[i]);
    return cols.map((col): string | number | null => {
      switch (col.key) {
        case 'id':
          return ids[i];
        case 'label':
          return label;
        case 'why':
          return label === null ? null : (why?.[i] ?? null);
        case 'value':
          return values[i] ?? null;
        case 'valueShare':
          return total > 0 && label !== null ? positive(i) / total : null;
        case 'share':
          return total > 0 && label !== null ? running / total : null;
        case 'rank':
          return label === null ? null : ((figures.rank?.[i] as number | null | undefined) ?? position + 1);
        case 'previous':
          return customer?.previous ?? null;
        case 'change':
          return customer?.change ? localName(TIER_CHANGE_NAMES, customer.change, lang) : null;
        case 'action': {
          if (label === null) return null;
          return playbookAction(settings.playbook, keyOf.get(label) ?? label, label, orderOf.get(label) ?? 0, run.order.length, lang);
        }
        default:
          return (figures[col.key as OutputKey | DetailKey]?.[i] ?? null) as string | number | null;
      }
    });
  });
  return { columns: cols, rows, labelColumn: 1, firstRowOf };
}

/** 92 → "92nd" (English), "92" (Chinese reads 第 92 百分位). */
function ordinal(x: number, lang: Lang): string {
  const n = Math.round(x);
  if (lang === 'zh') return String(n);
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/**
 * Why each customer is in its tier, in a short text per customer (null where there is no simple
 * reason to give: computed ABC, value groups). ABC follows the engine's rules exactly: pareto
 * compares the value share of everyone ranked above with the cuts, rank the share of customers
 * ranked above, thresholds the value itself; ties share the better tier.
 */
function whyTexts(run: TieringRun, settings: Settings, lang: Lang): (string | null)[] | null {
  const { ids, columns } = run.perCustomer;
  if (settings.mode === 'rfm') {
    const rules = activeRfmRules(settings);
    const [r, f, m] = [columns.r, columns.f, columns.m] as (number | null)[][];
    const segments = (columns.segment ?? []) as (string | null)[];
    if (!r || !f || !m) return null;
    return ids.map((_, i) => {
      if (r[i] === null || f[i] === null || m[i] === null || segments[i] === null) return null;
      const rule = matchingRule(r[i]!, f[i]!, m[i]!, rules);
      return say(lang, 'whyRfm', { r: r[i]!, f: f[i]!, m: m[i]!, segment: String(segments[i]), rule: rule + 1 });
    });
  }
  if (settings.mode === 'score') {
    const score = (columns.score ?? []) as (number | null)[];
    const parts = run.perCustomer.scoreParts ?? [];
    const percentile = settings.score.normalisation !== 'minmax';
    return ids.map((_, i) => {
      if (score[i] === null || score[i] === undefined) return null;
      const pieces = parts.map(({ name, share, normalised }) => {
        const vars = {
          name,
          share: formatPercent(share).replace('.0%', '%'),
          nth: ordinal(normalised[i] * 100, lang),
          pct: formatPercent(normalised[i]),
        };
        if (Number.isNaN(normalised[i])) return say(lang, 'whyScoreBlank', vars);
        return say(lang, percentile ? 'whyScorePercentile' : 'whyScoreRange', vars);
      });
      return say(lang, 'whyScore', { score: score[i]!.toFixed(1), parts: pieces.join(lang === 'zh' ? '；' : '; ') });
    });
  }
  // Within groups each group has its own bounds: the summary lists them per group.
  if (settings.mode !== 'abc' || settings.abc.method === 'computed' || run.groups) return null;
  const { method, cuts } = settings.abc;
  const values = (columns.value ?? []) as (number | null)[];
  const tiers = (columns.tier ?? []) as (string | null)[];
  const tierIndex = new Map(run.order.map((label, i) => [label, i]));
  // Positive value held by customers ranked strictly above each value, and how many customers are above.
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => b - a);
  const total = present.reduce((s, v) => s + (v > 0 ? v : 0), 0);
  const above = new Map<number, { sum: number; count: number }>();
  let sum = 0;
  present.forEach((v, k) => {
    if (!above.has(v)) above.set(v, { sum, count: k });
    if (v > 0) sum += v;
  });
  return ids.map((_, i) => {
    const v = values[i];
    const t = tiers[i] === null ? undefined : tierIndex.get(tiers[i]!);
    if (v === null || t === undefined) return null;
    if (!(v > 0)) return say(lang, 'whyNotPositive');
    // The cut that placed it: its own tier's (it is below it), or the last tier's lower bound.
    const last = t >= cuts.length;
    const cut = cuts[last ? cuts.length - 1 : t];
    // Shares and ranks stay below their tier's cut, amounts reach it; the last tier is the other side of its bound.
    const below = last ? '≥' : '<';
    const { sum: before, count } = above.get(v)!;
    if (method === 'pareto')
      return say(lang, 'whyPareto', { before: formatPercent(total > 0 ? before / total : 0), op: below, cut: formatPercent(cut) });
    if (method === 'rank')
      return say(lang, 'whyRank', {
        above: formatPercent(count / present.length),
        count,
        total: present.length,
        op: below,
        cut: formatPercent(cut),
      });
    return say(lang, 'whyThreshold', { value: formatAmount(v), op: last ? '<' : '≥', cut: formatAmount(cut) });
  });
}
