/**
 * The add-on's tiers as one SQL query, from the same Settings: for BigQuery (and Connected Sheets)
 * and DuckDB (the CLI's `--engine duckdb`). Every rule is the engine's, written so that the
 * database cannot bend it:
 * - ties: values are grouped first (GROUP BY value), and shares and ranks are window sums over the
 *   groups with explicit `ROWS ... 1 PRECEDING` frames, so a tie group shares one tier, the one its
 *   best member reaches (NTILE would split it; a default RANGE frame would include it);
 * - pareto compares the share held by everyone ranked strictly above with each cut;
 * - zero and negative values are in the last tier; blank and unreadable cells get no tier;
 * - RFM breaks are R's type-7 quantiles computed with R's own interpolation (1 − h)·x[lo] + h·x[hi]
 *   from the sorted values: DuckDB's quantile_cont and BigQuery's PERCENTILE_CONT interpolate as
 *   x[lo] + h·(x[hi] − x[lo]), which differs in the last bit and moves values lying on a break.
 * - tiers within groups (settings.groupBy): every window and aggregate over the customers is
 *   PARTITION BY / GROUP BY the group key, so each group is tiered as a table of its own.
 * Numbers are compared and divided in the same order as the engine, so results match it exactly.
 */
import type { Lang } from '../engine/types';
import { localName, RFM_SEGMENT_NAMES, VALUE_GROUP_NAMES, type ValueGroup } from '../engine/labels';
import type { RfmSegmentRule } from '../engine/rfm';
import { groupTooSmall } from '../engine/groups';
import { activeRfmRules, placementMethod } from '../settings/settings';
import type { Settings } from '../settings/schema';
import { DIALECT_OPS, type Dialect, type DialectOps } from './dialect';

export interface SqlOptions {
  dialect: Dialect;
  /** The table to read, e.g. `project.dataset.orders`; quoted for the dialect. */
  table?: string;
  /** Or a relation expression used as is (the CLI's `read_csv(...)`). */
  from?: string;
  /** Language of RFM segment and value group names (tier labels are the user's own). */
  lang?: Lang;
  /** A column that keeps the input order: customers of an orders list then come in order of first appearance. */
  rowOrder?: string;
  /**
   * Computed ABC: the value thresholds found from the values of `customerValuesSql` (two queries);
   * within groups, each group's by its key (`ct_group`).
   */
  computedCuts?: readonly number[] | ReadonlyMap<string, readonly number[]>;
}

/** Thrown for settings the SQL cannot express (a computed ABC, whose limits come from a spline fit). */
export class SqlUnsupported extends Error {}

/** Settings one query cannot tier: refused before any data is read (the sql command, the DuckDB engine). */
export function checkSqlCanTier(settings: Settings): void {
  if (settings.mode === 'predicted' || (settings.mode === 'valueGroups' && settings.valueGroups.mgcPredicted)) {
    throw new SqlUnsupported(
      'Predicted value fits a model (BG/NBD and Gamma-Gamma) to the orders, which one query cannot; use customer-tiers clv.',
    );
  }
}

/** RFM score bins, as the pipeline uses. */
const BINS = 5;

/**
 * Tiers within groups: the words that make every window and aggregate per group (ct_group, the
 * group's key: its trimmed text in lower case, '' when blank, as src/engine/groups.ts matches
 * names). Without a group they are all empty, so the query is the whole table's, unchanged.
 */
interface Within {
  on: boolean;
  /** Customers a group needs for the method (the engine's rule; 0: any number): smaller groups get no tiers. */
  minimum: number;
  /** `ct_group, ` (or `alias.ct_group, `) to lead a select or GROUP BY list. */
  col(alias?: string): string;
  /** `PARTITION BY ct_group, terms...`, or `PARTITION BY terms...`, or ''. */
  partition(...terms: string[]): string;
  /** ` GROUP BY ct_group` or ''. */
  groupBy: string;
  /** How two relations are joined: on their group, or a cross join without groups. */
  join(relation: string, a: string, b: string): string;
}

function within(settings: Settings): Within {
  const on = !!settings.groupBy;
  // The method a group must be big enough for, as src/pipeline/groups.ts asks the engine.
  const method = placementMethod(settings);
  return {
    on,
    minimum: on ? Number(groupTooSmall('', 0, method)?.params?.needed ?? 0) : 0,
    col: (alias) => (on ? `${alias ? `${alias}.` : ''}ct_group, ` : ''),
    partition: (...terms) => {
      const all = on ? ['ct_group', ...terms] : terms;
      return all.length ? `PARTITION BY ${all.join(', ')}` : '';
    },
    groupBy: on ? '\n  GROUP BY ct_group' : '',
    join: (relation, a, b) => (on ? `JOIN ${relation} ${b} ON ${b}.ct_group = ${a}.ct_group` : `CROSS JOIN ${relation} ${b}`),
  };
}

/** An OVER clause from its parts, leaving out the empty ones. */
const over = (...parts: string[]) => `OVER (${parts.filter(Boolean).join(' ')})`;

/**
 * Output columns, fixed names whatever the settings: customers of an orders list get
 * customer_id, value, orders, first_order, last_order, recency_days; each mode adds its own
 * (tier, tier_rank, cumulative_share; score, tier; r, f, m, rfm, segment; net_value, value_group).
 * A table with one row per customer keeps all its columns.
 */
export function tieringSql(settings: Settings, options: SqlOptions): string {
  const d = DIALECT_OPS[options.dialect];
  const source = options.from ?? (options.table ? d.table(options.table) : '');
  if (!source) throw new RangeError('Name the table to read (project.dataset.table).');
  const orders = settings.source.layout === 'orders';
  const lang = options.lang ?? 'en';
  const ctes: string[] = [`src AS (\n  SELECT * FROM ${source}\n)`];
  const customers = orders ? rollupCtes(settings, d, options.rowOrder, ctes) : customerCtes(settings, d, options.rowOrder, ctes);
  const w = within(settings);
  // The group beside the label, as the engine writes it (named as first met).
  const group = w.on ? ', c.ct_group_name AS customer_group' : '';
  const shown = orders ? customers.shown.map((c) => `c.${c}`).join(', ') : d.allBut('c', customers.helpers);
  // File order when the caller keeps it: rows as they were, customers as first met.
  const fileOrder = options.rowOrder ? (orders ? 'c.ct_first_row' : `c.${d.id(options.rowOrder)}`) : null;
  const mode = settings.mode;
  checkSqlCanTier(settings);
  let body: string;
  if (mode === 'abc' || mode === 'score') {
    const computed = mode === 'abc' && settings.abc.method === 'computed';
    if (computed && (!options.computedCuts || Array.isArray(options.computedCuts) === w.on)) {
      throw new SqlUnsupported('Computed ABC finds its limits by fitting a curve, which SQL cannot; choose pareto, rank or threshold.');
    }
    const scoring = mode === 'score';
    if (scoring) scoreCtes(settings, d, w, ctes);
    // Computed ABC's limits are value thresholds once found (src/engine/abc.ts computedCuts).
    const method = scoring ? settings.score.tierMethod : computed ? 'threshold' : settings.abc.method;
    const cuts = computed ? computedCutsSql(d, options.computedCuts!) : (scoring ? settings.score.cuts : settings.abc.cuts).map(d.num);
    abcCtes(
      d,
      w,
      method as 'pareto' | 'rank' | 'threshold',
      cuts,
      scoring ? 'scores' : 'customers',
      scoring ? 'ct_score' : 'ct_value',
      ctes,
    );
    const labels = settings.tiers.map((t) => t.label);
    const tier = `CASE t.tier_index ${labels.map((l, i) => `WHEN ${i} THEN ${d.str(l)}`).join(' ')} END`;
    // Within groups: the same group's tiers, for a group big enough for the method (computed ABC: 3).
    const bigEnough = w.minimum
      ? ` AND t.ct_group IN (SELECT ct_group FROM customers GROUP BY ct_group HAVING COUNT(*) >= ${w.minimum})`
      : '';
    const sameGroup = w.on ? ` AND t.ct_group = c.ct_group${bigEnough}` : '';
    const join = scoring
      ? `JOIN scores s ON s.ct_key = c.ct_key\nLEFT JOIN tiered t ON s.ct_score = t.value${sameGroup}`
      : `LEFT JOIN tiered t ON c.ct_value = t.value${sameGroup}`;
    const outputs = scoring ? `s.ct_score AS score, ${tier} AS tier${group}` : `${tier} AS tier${group}, t.tier_rank, t.cumulative_share`;
    const orderBy = orders || !fileOrder ? `t.tier_rank NULLS LAST, ${fileOrder ?? (orders ? 'c.customer_id' : 'c.ct_key')}` : fileOrder;
    body = `SELECT ${shown}, ${outputs}\nFROM customers c\n${join}\nORDER BY ${orderBy}`;
  } else if (mode === 'rfm') {
    rfmCtes(d, w, orders, ctes);
    const segment = segmentCase(d, activeRfmRules(settings), lang);
    const code = ['r', 'f', 'm'].map((x) => `CAST(r.${x} AS ${d.text})`).join(' || ');
    body = `SELECT ${shown}, r.r, r.f, r.m, ${code} AS rfm,\n  ${segment} AS segment${group}\nFROM customers c\nJOIN scored r ON r.ct_key = c.ct_key\nORDER BY ${fileOrder ?? 'rfm DESC NULLS LAST, c.ct_key'}`;
  } else {
    valueGroupCtes(settings, d, w, ctes);
    const name = (g: ValueGroup) => d.str(localName(VALUE_GROUP_NAMES, g, lang));
    const groups = (['MVC', 'MGC', 'Maintain', 'BZ'] as const).map((k) => `WHEN '${k}' THEN ${name(k)}`).join(' ');
    body = `SELECT ${shown}, g.net_value,\n  CASE g.value_group ${groups} END AS value_group${group}\nFROM customers c\nLEFT JOIN grouped g ON g.ct_key = c.ct_key\nORDER BY ${fileOrder ?? 'g.net_value DESC NULLS LAST, c.ct_key'}`;
  }
  return `WITH\n${ctes.join(',\n')}\n${body}\n`;
}

/** Every customer's value, largest first: what computed ABC finds its limits in, before the tiering query. */
export function customerValuesSql(settings: Settings, options: SqlOptions): string {
  const d = DIALECT_OPS[options.dialect];
  const source = options.from ?? d.table(options.table ?? '');
  const ctes: string[] = [`src AS (\n  SELECT * FROM ${source}\n)`];
  if (settings.source.layout === 'orders') rollupCtes(settings, d, options.rowOrder, ctes);
  else customerCtes(settings, d, options.rowOrder, ctes);
  // Within groups: each group's values together (the key first), largest first.
  const key = settings.groupBy ? 'ct_group, ' : '';
  return `WITH\n${ctes.join(',\n')}\nSELECT ${key}ct_value FROM customers WHERE ct_value IS NOT NULL ORDER BY ${key}ct_value DESC\n`;
}

/** The figures every mode reads, as columns of `customers`: ct_key identifies a customer. */
interface CustomerColumns {
  /** The helper columns to leave out of the output. */
  helpers: string[];
  /** The columns to show, for an orders list. */
  shown: string[];
}

// Not a number beyond ±1e300 (as the engine reads cells); -0 as 0, so that it ties with 0.
const finite = (e: string) => `CASE WHEN ${e} = 0 THEN 0 WHEN ABS(${e}) <= 1e300 THEN ${e} END`;
const readNumber = (d: DialectOps, column: string) => finite(d.toNumber(d.id(column)));

/**
 * The group columns of `customers`: ct_group, the key the tiers are computed within, and
 * ct_group_name, the group's name as first met (in file order when it is known; else the least).
 */
function groupColumns(cell: string, order: string | null): { ct_group: string; ct_group_name: string } {
  const name = `COALESCE(${cell}, '')`;
  const by = `PARTITION BY LOWER(${name})`;
  return {
    ct_group: `LOWER(${name})`,
    ct_group_name: order ? `FIRST_VALUE(${name}) OVER (${by} ORDER BY ${order})` : `MIN(${name}) OVER (${by})`,
  };
}
const asColumns = (columns: Record<string, string>) => Object.entries(columns).map(([name, e]) => `${e} AS ${name}`);

/** One row per customer as given: the value (and RFM or value group inputs) read as numbers. */
function customerCtes(settings: Settings, d: DialectOps, rowOrder: string | undefined, ctes: string[]): CustomerColumns {
  const src = settings.source;
  const cols: string[] = [`ROW_NUMBER() OVER () AS ct_key`];
  const helpers = ['ct_key'];
  const add = (expr: string, name: string) => {
    cols.push(`${expr} AS ${name}`);
    helpers.push(name);
  };
  if (src.valueColumn) add(readNumber(d, src.valueColumn), 'ct_value');
  if (settings.mode === 'score') {
    settings.score.dimensions.forEach((dim, i) => add(readNumber(d, dim.column), `ct_dim${i}`));
  }
  if (settings.mode === 'valueGroups') {
    add(src.costColumn ? readNumber(d, src.costColumn) : 'NULL', 'ct_cost');
    add(src.potentialColumn ? readNumber(d, src.potentialColumn) : 'NULL', 'ct_potential');
  }
  if (settings.mode === 'rfm') {
    const last = d.toDate(d.id(src.dateColumn));
    const asOf = settings.rfm.asOf ? d.date(settings.rfm.asOf) : `MAX(${last}) OVER ()`;
    // A last purchase after the as-of date has no recency (never a negative one), as in the engine.
    add(`CASE WHEN ${d.daysBetween(last, asOf)} >= 0 THEN ${d.daysBetween(last, asOf)} END`, 'ct_recency');
    add(readNumber(d, src.frequencyColumn), 'ct_frequency');
  }
  if (settings.groupBy) {
    const columns = groupColumns(d.toText(`s.${d.id(settings.groupBy)}`), rowOrder ? `s.${d.id(rowOrder)}` : null);
    for (const [name, expr] of Object.entries(columns)) add(expr, name);
  }
  ctes.push(`customers AS (\n  SELECT s.*, ${cols.join(',\n    ')}\n  FROM src s\n)`);
  return { helpers, shown: [] };
}

/** An orders list rolled up per customer, as src/engine/rollup.ts does. */
function rollupCtes(settings: Settings, d: DialectOps, rowOrder: string | undefined, ctes: string[]): CustomerColumns {
  const src = settings.source;
  const dated =
    settings.mode === 'rfm' || (settings.mode === 'score' && settings.score.dimensions.some((x) => metricKey(x.column) === 'recencydays'));
  // Floating-point sums depend on their order: in file order they are the in-memory engine's to the
  // last bit, so totals that tie there tie here (DuckDB; BigQuery sums in an order of its own).
  const sum = (e: string) => (rowOrder ? d.orderedSum(e, 'ct_row') : `SUM(${e})`);
  const extra: string[] = [];
  const sums: string[] = [];
  if (settings.mode === 'valueGroups') {
    if (src.costColumn) extra.push(`${readNumber(d, src.costColumn)} AS cost`);
    if (src.potentialColumn) extra.push(`${readNumber(d, src.potentialColumn)} AS potential`);
    sums.push(src.costColumn ? `${sum('cost')} AS ct_cost` : 'NULL AS ct_cost');
    sums.push(src.potentialColumn ? 'MAX(potential) AS ct_potential' : 'NULL AS ct_potential');
  }
  if (settings.mode === 'score') {
    settings.score.dimensions.forEach((dim, i) => {
      if (rollupMetric(dim.column, src.valueColumn)) return;
      extra.push(`${readNumber(d, dim.column)} AS dim${i}`);
      sums.push(`${sum(`dim${i}`)} AS ct_sum${i}`);
    });
  }
  if (rowOrder) extra.push(`${d.id(rowOrder)} AS ct_row`);
  if (settings.groupBy) extra.push(`${d.toText(d.id(settings.groupBy))} AS ct_group_cell`);
  const date = dated ? `,\n    ${d.toDate(d.id(src.dateColumn))} AS order_date` : '';
  ctes.push(
    `orders AS (\n  SELECT ${d.toText(d.id(src.idColumn))} AS customer_id,\n    ${readNumber(d, src.valueColumn)} AS amount${date}${extra.map((e) => `,\n    ${e}`).join('')}\n  FROM src\n)`,
  );
  // Rows with a blank id, amount or (when used) date are left out; so are orders after the as-of date.
  const keep = ['customer_id IS NOT NULL', "customer_id <> ''", 'amount IS NOT NULL'];
  if (dated) keep.push('order_date IS NOT NULL');
  if (dated && settings.rfm.asOf) keep.push(`order_date <= ${d.date(settings.rfm.asOf)}`);
  const purchase = (e: string) => `CASE WHEN amount > 0 THEN ${e} END`;
  const cols = [
    'customer_id',
    `${sum('amount')} AS ct_value`,
    'SUM(CASE WHEN amount > 0 THEN 1 ELSE 0 END) AS orders',
    `${sum(purchase('amount'))} AS ct_purchases`,
    ...(dated ? [`MIN(${purchase('order_date')}) AS first_order`, `MAX(${purchase('order_date')}) AS last_order`] : []),
    ...(rowOrder ? ['MIN(ct_row) AS ct_first_row'] : []),
    ...sums,
  ];
  ctes.push(`rolled AS (\n  SELECT ${cols.join(',\n    ')}\n  FROM orders\n  WHERE ${keep.join(' AND ')}\n  GROUP BY customer_id\n)`);
  let from = 'rolled';
  if (settings.groupBy) {
    // A customer's group is its first non-blank group cell, on any of its rows (those left out of the totals too).
    const cell = "NULLIF(ct_group_cell, '')";
    const first = rowOrder ? d.firstOf(cell, 'ct_row') : `MIN(${cell})`;
    ctes.push(
      `customer_groups AS (\n  SELECT customer_id, ${first} AS ct_group_cell\n  FROM orders\n  WHERE customer_id IS NOT NULL AND customer_id <> ''\n  GROUP BY customer_id\n)`,
    );
    from = 'rolled LEFT JOIN customer_groups g ON g.customer_id = rolled.customer_id';
  }
  const asOf = settings.rfm.asOf ? d.date(settings.rfm.asOf) : 'MAX(last_order) OVER ()';
  const figures = [
    `ROW_NUMBER() OVER (ORDER BY ${settings.groupBy ? 'rolled.' : ''}customer_id) AS ct_key`,
    'ct_value AS value',
    `CASE WHEN orders > 0 THEN ct_purchases / orders END AS ct_average`,
    ...(dated ? [`${d.daysBetween('last_order', asOf)} AS recency_days`] : []),
    ...(settings.groupBy ? asColumns(groupColumns('g.ct_group_cell', rowOrder ? 'rolled.ct_first_row' : null)) : []),
  ];
  ctes.push(`customers AS (\n  SELECT rolled.*, ${figures.join(',\n    ')}\n  FROM ${from}\n)`);
  const shown = ['customer_id', ...(dated ? ['first_order', 'last_order', 'recency_days'] : []), 'orders', 'value'];
  return { helpers: [], shown };
}

const metricKey = (name: string) => name.toLowerCase().replace(/\s+/g, '');

/** The roll-up figure a score dimension names in an orders list (as src/pipeline/customers.ts reads it), or null. */
function rollupMetric(column: string, valueColumn: string): string | null {
  const key = metricKey(column);
  if (key === 'total' || key === metricKey(valueColumn)) return 'c.ct_value';
  if (key === 'orders') return 'CAST(c.orders AS DOUBLE)';
  if (key === 'averageorder') return 'c.ct_average';
  if (key === 'recencydays') return 'CAST(c.recency_days AS DOUBLE)';
  return null;
}

/**
 * Weighted score (src/engine/score.ts): each dimension normalised over its present values (mid-rank
 * percentile or min-max, mirrored for 'lower'), combined as 100 · Σ w·t / Σ w over the dimensions
 * present in the row. Returns the column the tiers are cut on.
 */
function scoreCtes(settings: Settings, d: DialectOps, w: Within, ctes: string[]): void {
  const orders = settings.source.layout === 'orders';
  const used = settings.score.dimensions.map((dim, i) => ({ dim, i })).filter(({ dim }) => dim.weight > 0);
  if (used.length === 0) throw new RangeError('All weights are 0: give at least one indicator a weight above 0.');
  const inputs = used.map(({ dim, i }) => {
    const expr = orders ? (rollupMetric(dim.column, settings.source.valueColumn) ?? `c.ct_sum${i}`) : `c.ct_dim${i}`;
    return `${expr.replace('DOUBLE', d.double)} AS x${i}`;
  });
  ctes.push(`dims AS (\n  SELECT c.ct_key, ${w.col('c')}${inputs.join(', ')}\n  FROM customers c\n)`);
  const normalised = used.map(({ dim, i }) => {
    const x = `x${i}`;
    const all = over(w.partition());
    const count = `COUNT(${x}) ${all}`;
    const min = `MIN(${x}) ${all}`;
    const max = `MAX(${x}) ${all}`;
    const t =
      settings.score.normalisation === 'minmax'
        ? `(${x} - ${min}) / (${max} - ${min})`
        : // (values below + (ties − 1) / 2) / (n − 1): RANK() is the number of values below, plus one;
          // the ties are the row's peers in value order (BigQuery cannot PARTITION BY a FLOAT64).
          `(CAST(RANK() ${over(w.partition(`${x} IS NULL`), `ORDER BY ${x}`)} - 1 AS ${d.double}) + (CAST(COUNT(*) ${over(w.partition(`${x} IS NULL`), `ORDER BY ${x} RANGE BETWEEN CURRENT ROW AND CURRENT ROW`)} AS ${d.double}) - 1) / 2) / (CAST(${count} AS ${d.double}) - 1)`;
    // No spread (one value, or all equal) is "the middle", as in the engine.
    const value = `CASE WHEN ${x} IS NULL THEN NULL WHEN ${count} = 1 OR ${min} = ${max} THEN 0.5 ELSE ${t} END`;
    return `${dim.direction === 'lower' ? `1 - ${value}` : value} AS t${i}`;
  });
  ctes.push(`normalised AS (\n  SELECT ct_key,${w.on ? ' ct_group,' : ''}\n    ${normalised.join(',\n    ')}\n  FROM dims\n)`);
  const weightOf = (i: number) => d.num(settings.score.dimensions[i].weight);
  // Added in the engine's order, so the score is the engine's to the last bit.
  const sum = used.map(({ i }) => `COALESCE(${weightOf(i)} * t${i}, 0)`).join(' + ');
  const weight = used.map(({ i }) => `CASE WHEN t${i} IS NULL THEN 0 ELSE ${weightOf(i)} END`).join(' + ');
  ctes.push(
    `scores AS (\n  SELECT ct_key,${w.on ? ' ct_group,' : ''}\n    CASE WHEN ${weight} > 0 THEN LEAST(100, GREATEST(0, (100 * (${sum})) / (${weight}))) END AS ct_score\n  FROM normalised\n)`,
  );
}

/**
 * ABC tiers of `relation.column` by tie group: `tiered` has one row per distinct value with
 * tier_index, tier_rank and cumulative_share, exactly as src/engine/abc.ts computes them.
 */
function abcCtes(
  d: DialectOps,
  w: Within,
  method: 'pareto' | 'rank' | 'threshold',
  cuts: readonly string[],
  relation: string,
  value: string,
  ctes: string[],
): void {
  const above = 'ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING';
  ctes.push(
    `tie_groups AS (\n  SELECT ${w.col()}${value} AS value, COUNT(*) AS tied, SUM(CASE WHEN ${value} > 0 THEN ${value} ELSE 0 END) AS tied_positive\n  FROM ${relation}\n  WHERE ${value} IS NOT NULL\n  GROUP BY ${w.col()}${value}\n)`,
    `running AS (\n  SELECT ${w.col()}value, tied_positive,\n    COALESCE(SUM(tied) ${over(w.partition(), `ORDER BY value DESC ${above}`)}, 0) AS customers_above,\n    COALESCE(SUM(tied_positive) ${over(w.partition(), `ORDER BY value DESC ${above}`)}, 0) AS value_above,\n    SUM(tied) ${over(w.partition())} AS customers_total,\n    SUM(tied_positive) ${over(w.partition())} AS value_total\n  FROM tie_groups\n)`,
  );
  const last = cuts.length;
  const test =
    method === 'pareto'
      ? (cut: string) => `value_above / value_total < ${cut}`
      : method === 'rank'
        ? (cut: string) => `CAST(customers_above AS ${d.double}) / CAST(customers_total AS ${d.double}) < ${cut}`
        : (cut: string) => `value >= ${cut}`;
  const whens = cuts.map((c, i) => `WHEN ${test(c)} THEN ${i}`).join('\n      ');
  ctes.push(
    `tiered AS (\n  SELECT ${w.col()}value,\n    CASE WHEN value <= 0 THEN ${last}\n      ${whens}\n      ELSE ${last} END AS tier_index,\n    customers_above + 1 AS tier_rank,\n    CASE WHEN value_total > 0 THEN (value_above + tied_positive) / value_total ELSE 0 END AS cumulative_share\n  FROM running\n)`,
  );
}

/** RFM scores with the R `rfm` package's breaks (src/engine/rfm.ts): b_k = quantile7(k / bins) + 1. */
function rfmCtes(d: DialectOps, w: Within, orders: boolean, ctes: string[]): void {
  const inputs = orders
    ? `CAST(CASE WHEN c.orders > 0 THEN c.recency_days END AS ${d.double}) AS rec, CAST(c.orders AS ${d.double}) AS fre, c.ct_value AS mon`
    : `CAST(c.ct_recency AS ${d.double}) AS rec, c.ct_frequency AS fre, c.ct_value AS mon`;
  ctes.push(`rfm_inputs AS (\n  SELECT c.ct_key, ${w.col('c')}${inputs}\n  FROM customers c\n)`);
  const cols = ['rec', 'fre', 'mon'];
  const ks = Array.from({ length: BINS - 1 }, (_, k) => k + 1);
  // Each value's 1-based position in its sorted column, and R's quantile index 1 + (n − 1)·p.
  const positions = cols.map(
    (c) => `CASE WHEN ${c} IS NOT NULL THEN ROW_NUMBER() ${over(w.partition(`${c} IS NULL`), `ORDER BY ${c}`)} END AS pos_${c}`,
  );
  ctes.push(`rfm_sorted AS (\n  SELECT ${w.col()}${cols.join(', ')},\n    ${positions.join(',\n    ')}\n  FROM rfm_inputs\n)`);
  const points = cols.flatMap((c) => ks.map((k) => `1 + (COUNT(${c}) - 1) * ${d.num(k * (1 / BINS))} AS ${c}_i${k}`));
  // A group's customers: fewer than the engine's minimum get no scores (its note 'group.tooSmall').
  if (w.on) points.unshift('ct_group', 'COUNT(*) AS ct_members');
  ctes.push(`rfm_points AS (\n  SELECT\n    ${points.join(',\n    ')}\n  FROM rfm_inputs${w.groupBy}\n)`);
  const ends = cols.flatMap((c) =>
    ks.flatMap((k) => [
      `MAX(CASE WHEN s.pos_${c} = FLOOR(p.${c}_i${k}) THEN s.${c} END) AS ${c}_lo${k}`,
      `MAX(CASE WHEN s.pos_${c} = CEIL(p.${c}_i${k}) THEN s.${c} END) AS ${c}_hi${k}`,
    ]),
  );
  if (w.on) ends.unshift('p.ct_group');
  ctes.push(
    `rfm_ends AS (\n  SELECT\n    ${ends.join(',\n    ')}\n  FROM rfm_sorted s ${w.join('rfm_points', 's', 'p')}${w.on ? '\n  GROUP BY p.ct_group' : ''}\n)`,
  );
  // R's interpolation (1 − h)·x[lo] + h·x[hi], not x[lo] + h·(x[hi] − x[lo]): they differ in the last bit.
  const breaks = cols.flatMap((c) =>
    ks.map((k) => {
      const h = `(p.${c}_i${k} - FLOOR(p.${c}_i${k}))`;
      const lo = `e.${c}_lo${k}`;
      const hi = `e.${c}_hi${k}`;
      return `CASE WHEN ${h} > 0 AND ${hi} <> ${lo} THEN (1 - ${h}) * ${lo} + ${h} * ${hi} ELSE ${lo} END + 1 AS ${c}_b${k}`;
    }),
  );
  if (w.on) breaks.unshift('p.ct_group', 'p.ct_members');
  ctes.push(`rfm_breaks AS (\n  SELECT\n    ${breaks.join(',\n    ')}\n  FROM rfm_points p ${w.join('rfm_ends', 'p', 'e')}\n)`);
  // Bin = 1 + the number of breaks <= the value; recency is scored the other way round.
  const bin = (c: string) => `1 + ${ks.map((k) => `CASE WHEN i.${c} >= b.${c}_b${k} THEN 1 ELSE 0 END`).join(' + ')}`;
  const score = (c: string, name: string, higherIsBetter: boolean) =>
    `CASE WHEN i.${c} IS NOT NULL${w.minimum ? ` AND b.ct_members >= ${w.minimum}` : ''} THEN ${higherIsBetter ? bin(c) : `${BINS + 1} - (${bin(c)})`} END AS ${name}`;
  ctes.push(
    `scored AS (\n  SELECT i.ct_key,\n    ${score('rec', 'r', false)},\n    ${score('fre', 'f', true)},\n    ${score('mon', 'm', true)}\n  FROM rfm_inputs i ${w.join('rfm_breaks', 'i', 'b')}\n)`,
  );
}

/** The segment of r, f, m: the first rule whose three ranges hold them (the user's list or the package's). */
function segmentCase(d: DialectOps, rules: readonly RfmSegmentRule[], lang: Lang): string {
  const between = (col: string, [lo, hi]: [number, number]) => `r.${col} BETWEEN ${lo} AND ${hi}`;
  const whens = rules.map(
    (rule) =>
      `WHEN ${between('r', rule.r)} AND ${between('f', rule.f)} AND ${between('m', rule.m)} THEN ${d.str(localName(RFM_SEGMENT_NAMES, rule.segment, lang))}`,
  );
  return `CASE WHEN r.r IS NULL OR r.f IS NULL OR r.m IS NULL THEN NULL\n    ${whens.join('\n    ')}\n    ELSE ${d.str(localName(RFM_SEGMENT_NAMES, 'Others', lang))} END`;
}

/** How many of n make up `share`, rounded up (src/engine/ranking.ts shareCount). */
const shareCount = (d: DialectOps, share: number, n: string) => `GREATEST(0, LEAST(${n}, CEIL(${d.num(share)} * ${n} - 1e-9)))`;

/** Value groups (src/engine/valueGroups.ts): BZ, MVC by net value, MGC by growth gap, Maintain. */
function valueGroupCtes(settings: Settings, d: DialectOps, w: Within, ctes: string[]): void {
  const { mvcShare, mgcShare } = settings.valueGroups;
  const g = w.col();
  // Within groups a group may have no line (no positive net value, no gap): joined, not crossed.
  const line = (relation: string, a: string, b: string) =>
    w.on ? `LEFT JOIN ${relation} ${b} ON ${b}.ct_group = ${a}.ct_group` : `CROSS JOIN ${relation} ${b}`;
  // Maintain customers, the MGC share is taken of.
  const rest = w.on
    ? ` rest\n    FROM (SELECT ct_group, gap, COUNT(*) ${over(w.partition())} AS rest FROM first_pass WHERE pass_group = 'Maintain') m\n    WHERE gap > 0`
    : `\n      (SELECT COUNT(*) FROM first_pass WHERE pass_group = 'Maintain') AS rest\n    FROM first_pass WHERE pass_group = 'Maintain' AND gap > 0`;
  ctes.push(
    `net AS (\n  SELECT ${g}ct_key, ct_value - COALESCE(ct_cost, 0) AS net_value, ct_potential - ct_value AS gap\n  FROM customers\n  WHERE ct_value IS NOT NULL\n)`,
    // The k-th best positive net value: everyone tied with it is MVC too.
    `mvc_line AS (\n  SELECT ${g}MIN(net_value) AS mvc_from FROM (\n    SELECT ${g}net_value, ROW_NUMBER() ${over(w.partition(), 'ORDER BY net_value DESC')} AS position, COUNT(*) ${over(w.partition())} AS positives\n    FROM net WHERE net_value > 0\n  ) x\n  WHERE position <= ${shareCount(d, mvcShare, 'positives')}${w.groupBy}\n)`,
    `first_pass AS (\n  SELECT n.*, CASE WHEN n.net_value < 0 THEN 'BZ' WHEN n.net_value > 0 AND n.net_value >= l.mvc_from THEN 'MVC' ELSE 'Maintain' END AS pass_group\n  FROM net n ${line('mvc_line', 'n', 'l')}\n)`,
    `mgc_line AS (\n  SELECT ${g}MIN(gap) AS mgc_from FROM (\n    SELECT ${g}gap, ROW_NUMBER() ${over(w.partition(), 'ORDER BY gap DESC')} AS position,${rest}\n  ) x\n  WHERE position <= ${shareCount(d, mgcShare, 'rest')}${w.groupBy}\n)`,
    `grouped AS (\n  SELECT f.ct_key, f.net_value,\n    CASE WHEN f.pass_group = 'Maintain' AND f.gap > 0 AND f.gap >= m.mgc_from THEN 'MGC' ELSE f.pass_group END AS value_group\n  FROM first_pass f ${line('mgc_line', 'f', 'm')}\n)`,
  );
}

/** Computed ABC's limits as SQL: the same for every customer, or each group's (by ct_group) within groups. */
function computedCutsSql(d: DialectOps, cuts: readonly number[] | ReadonlyMap<string, readonly number[]>): string[] {
  if (Array.isArray(cuts)) return cuts.map(d.num);
  const byGroup = [...(cuts as ReadonlyMap<string, readonly number[]>)];
  if (!byGroup.length) return ['NULL', 'NULL'];
  return [0, 1].map((i) => `CASE ct_group ${byGroup.map(([key, c]) => `WHEN ${d.str(key)} THEN ${d.num(c[i])}`).join(' ')} END`);
}
