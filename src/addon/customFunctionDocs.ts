/**
 * The custom functions' documentation, beside their implementations (customFunctions.ts): the
 * build writes each as a top-level `function NAME(params)` with this JSDoc above it (Sheets
 * autocomplete reads the description and `@param` texts from there). Every other export of
 * src/addon/main.ts (triggers, menu items, sidebar calls) gets a plain forwarder from the build's
 * export list: adding one is "export it from main.ts".
 */
export interface EntryPointParam {
  name: string;
  /** JSDoc type shown by Sheets autocomplete. */
  type: string;
  description: string;
}

export interface EntryPoint {
  name: string;
  kind: 'custom';
  description: string;
  params?: EntryPointParam[];
  /** What a custom function spills. Sheets' autocomplete ignores @return, so the build adds it to the description too. */
  returns?: string;
}

const LANGUAGE: EntryPointParam = {
  name: 'language',
  type: 'string',
  description: '[optional] "en" (default) or "zh" for Chinese labels.',
};

const RFM_INPUTS: EntryPointParam[] = [
  {
    name: 'recency_or_last_date',
    type: 'Array<number>',
    description: 'Days since the last order, or its date (a date cell, 2024-03-01, 2024.03.01 or 20240301).',
  },
  { name: 'frequency', type: 'Array<number>', description: 'Number of orders per customer.' },
  { name: 'monetary', type: 'Array<number>', description: 'Total (or average) spend per customer.' },
  {
    name: 'as_of',
    type: 'Date',
    description:
      '[optional] With last-order dates: the fixed date recency counts to, such as DATE(2025,6,30) or "2025-06-30" (not TODAY() or NOW(), which custom functions cannot take). Default: the latest date.',
  },
];

const ORDERS: EntryPointParam[] = [
  { name: 'ids', type: 'Array<string>', description: 'Customer id or name of each order.' },
  { name: 'dates', type: 'Array<Date>', description: 'Order date of each order.' },
  { name: 'amounts', type: 'Array<number>', description: 'Amount of each order; refunds are negative.' },
];

const AS_OF_END: EntryPointParam = {
  name: 'as_of',
  type: 'Date',
  description: '[optional] Fixed end of the history; later orders are left out.',
};

const GROUPS: EntryPointParam = {
  name: 'groups',
  type: 'Array<string>',
  description: '[optional] Group per row, to tier within.',
};

export const CUSTOM_FUNCTIONS: EntryPoint[] = [
  {
    name: 'ABC_TIER',
    kind: 'custom',
    description:
      'Sorts customers into ABC tiers (A = key customers) by their value, one tier per row.\n' +
      'Pass the whole column, e.g. =ABC_TIER(C2:C500): tiers depend on every customer.',
    params: [
      { name: 'values', type: 'Array<number>', description: 'The value per customer (revenue, spend), a whole column.' },
      {
        name: 'method',
        type: 'string',
        description:
          '[optional] "pareto" (default, cumulative share of value), "rank" (share of customers), "threshold" (absolute amounts) or "computed" (parameter-free Computed ABC).',
      },
      {
        name: 'cuts',
        type: 'Array<number>',
        description:
          '[optional] The cuts, top tier first: pareto {0.8,0.95} (or {0,8;0,95} where the comma is the decimal mark); rank {0.05,0.2}; threshold {1000000,500000}. Not used by computed.',
      },
      { name: 'labels', type: 'Array<string>', description: '[optional] Tier labels, top first; one more than the cuts. Default A, B, C.' },
      GROUPS,
    ],
    returns:
      'Returns one tier per row (one per column for a row of values); blank for a blank row, ⚠ and the reason for an unreadable value.',
  },
  {
    name: 'CUSTOMER_VALUE_GROUP',
    kind: 'custom',
    description:
      'Sorts customers into value groups: MVC (most valuable), MGC (most growable), Maintain, and BZ (below zero: costs more to serve than they bring).',
    params: [
      { name: 'values', type: 'Array<number>', description: 'The value each customer brings (revenue or margin), a whole column.' },
      { name: 'cost', type: 'Array<number>', description: '[optional] The cost to serve each customer, same rows.' },
      { name: 'potential', type: 'Array<number>', description: "[optional] Each customer's potential value (or growth), same rows." },
      { name: 'mvc_share', type: 'number', description: '[optional] Share of customers counted as MVC, default 0.2.' },
      LANGUAGE,
      GROUPS,
    ],
    returns: 'Returns one value group per row; ⚠ and the reason where a cell cannot be read.',
  },
  {
    name: 'TIER_SCORE',
    kind: 'custom',
    description: 'Combines several indicator columns into one weighted score from 0 to 100 per row (percentile-rank normalised).',
    params: [
      { name: 'dimensions', type: 'Array<Array<number>>', description: 'The indicator columns side by side, e.g. C2:F500.' },
      {
        name: 'weights',
        type: 'Array<number>',
        description:
          'One weight per column, e.g. {0.4,0.3,0.2,0.1} (or {0,4;0,3;0,2;0,1} where the comma is the decimal mark); they need not sum to 1.',
      },
      {
        name: 'directions',
        type: 'Array<string>',
        description: '[optional] "higher" (default) or "lower" per column: lower is better for days since last order or cost to serve.',
      },
      { name: 'normalisation', type: 'string', description: '[optional] "percentile" (default) or "minmax".' },
      {
        name: 'points',
        type: 'Array<Array<string>>',
        description:
          '[optional] Points per answer: answer/points rows, e.g. {"AAA",100;"AA",80;"*",0} (* = others), or column/answer/points.',
      },
      GROUPS,
    ],
    returns: 'Returns one score from 0 to 100 per row; ⚠ and the reason where a cell cannot be read.',
  },
  {
    name: 'RFM_SCORE',
    kind: 'custom',
    description: 'Recency, frequency and monetary scores (1 to 5, quintiles) and the RFM code per customer.',
    params: [...RFM_INPUTS, GROUPS],
    returns: 'Spills 4 columns per row: R, F, M (1 to 5) and the code such as "545"; ⚠ and the reason where a row cannot be scored.',
  },
  {
    name: 'RFM_SEGMENT',
    kind: 'custom',
    description: 'Names the RFM segment of each customer (Champions, Loyal Customers, At Risk, Lost...).',
    params: [...RFM_INPUTS, LANGUAGE, GROUPS],
    returns: 'Returns one segment name per row; ⚠ and the reason where a row cannot be scored.',
  },
  {
    name: 'TIER_CHANGE',
    kind: 'custom',
    description: "Compares last period's tier with this period's: upgrade, downgrade, same, changed, new or lost.",
    params: [
      { name: 'previous', type: 'Array<string>', description: "Last period's tier per customer (blank if the customer is new)." },
      { name: 'current', type: 'Array<string>', description: "This period's tier per customer (blank if the customer is gone)." },
      {
        name: 'tier_order',
        type: 'Array<string>',
        description:
          '[optional] The tiers from best to worst, such as {"Gold","Silver","Bronze"}. Without it A, B, C..., value groups and RFM segments are ordered as usual, and other labels only show Same or Changed.',
      },
      LANGUAGE,
    ],
    returns: 'Returns one change per row: Upgrade, Downgrade, Same, Changed (labels of no known order), New or Lost.',
  },
  {
    name: 'CUSTOMER_ROLLUP',
    kind: 'custom',
    description:
      'Rolls an orders list up to one row per customer: total, orders, first and last order, average order, days since the last order.',
    params: [
      ...ORDERS,
      {
        name: 'as_of',
        type: 'Date',
        description:
          '[optional] A fixed date recency is measured from, such as DATE(2025,6,30) (not TODAY() or NOW()); orders after it are left out. Default the latest order date.',
      },
    ],
    returns:
      'Spills a table of 7 columns: a header row, then one row per customer (Customer, Total, Orders, First order, Last order, Average order, Recency days); skipped orders are listed under it.',
  },
  {
    name: 'CUSTOMER_CLV',
    kind: 'custom',
    description: 'Predicted value per customer (BG/NBD, Gamma-Gamma; weeks) from orders.',
    params: [
      ...ORDERS,
      { name: 'horizon', type: 'number', description: '[optional] Weeks ahead, default 39.' },
      AS_OF_END,
      { name: 'discount_rate', type: 'number', description: '[optional] Monthly, default 0.01.' },
    ],
    returns: 'Spills Customer, P(alive), Expected purchases, Expected average order, CLV.',
  },
  {
    name: 'P_ALIVE',
    kind: 'custom',
    description: 'Chance each customer still buys (BG/NBD), from order dates.',
    params: [...ORDERS.slice(0, 2), AS_OF_END],
    returns: 'Spills Customer, P(alive).',
  },
];
