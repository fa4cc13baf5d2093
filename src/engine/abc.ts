/**
 * ABC tiers: sort customers by value and cut the list into tiers (A = top).
 *
 * Rules shared by every method:
 * - Equal values always get the same tier, the better one any of them would reach.
 * - Values <= 0 count as 0 in shares and go to the last tier.
 * - null (blank or invalid input) and non-finite numbers get tier, rank and share null and do not
 *   count as customers.
 * - Deterministic and fast: one radix sort of row indices (O(n)), then one pass over tie groups.
 */
import { computedAbcLimits, type ComputedAbcLimits } from './computedAbc';
import { ascendingOrder } from './ranking';
import { IssueError, type IssueCode, type IssueDetail, type IssueParams } from './problems';

/** How tier boundaries are found. */
export type AbcMethod = 'pareto' | 'rank' | 'threshold' | 'computed';

/** Every ABC method, in the order the UI offers them. */
export const ABC_METHODS: readonly AbcMethod[] = ['pareto', 'rank', 'threshold', 'computed'];

/**
 * Default cuts. pareto: cumulative shares of value (A holds the first 80%, B up to 95%);
 * rank: cumulative shares of customers (A top 5%, B next 15%); threshold: amounts, descending.
 */
export const DEFAULT_CUTS: Record<Exclude<AbcMethod, 'computed'>, number[]> = {
  pareto: [0.8, 0.95],
  rank: [0.05, 0.2],
  threshold: [1_000_000, 500_000],
};

/** Labels of the three default tiers, top first. */
export const DEFAULT_TIER_LABELS: string[] = ['A', 'B', 'C'];

/** Options of abcTiers; every field has a default (method 'pareto', its default cuts, A, B, C ...). */
export interface AbcOptions {
  method?: AbcMethod;
  cuts?: number[];
  labels?: string[];
}

/** Tiers and the figures behind them, one entry per input row. */
export interface AbcResult {
  /** Tier index per row, 0 = top tier; null for blank/invalid (null) input. */
  tier: (number | null)[];
  /** Labels actually used, top first. */
  labels: string[];
  /**
   * Effective cuts. pareto and rank: cumulative shares as given; threshold: amounts as given.
   * computed: VALUE thresholds found by the analysis: cuts[i] is the smallest value in tiers 0..i,
   * so a positive value v is in tier i or better exactly when v >= cuts[i] (Infinity when those
   * tiers are empty).
   */
  cuts: number[];
  /** 1 = highest value; equal values share the best rank (competition ranking "1224"). */
  rank: (number | null)[];
  /** Share of total positive value held by this row and all ranked above (whole tie group included). */
  cumulativeShare: (number | null)[];
  /** For method 'computed': the points and limits the analysis found (null when all values are <= 0). */
  computed?: ComputedAbcLimits | null;
}

/** Default labels for `count` tiers: A, B, C, ... Z, then "Tier 27", "Tier 28", ... */
export function defaultTierLabels(count: number): string[] {
  return Array.from({ length: count }, (_, i) => (i < 26 ? String.fromCharCode(65 + i) : `Tier ${i + 1}`));
}

const isFiniteNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/**
 * Checks ABC options (which may come from user settings) and fills in defaults. Cuts must be
 * strictly increasing shares in (0, 1] for pareto and rank, strictly decreasing amounts for
 * threshold, and absent for computed (it finds its own limits, always 3 tiers). Labels must be
 * non-empty, distinct (ignoring case and spaces) and one more than the cuts. A failure has the
 * English `message` and the same as `issue` (code and params) for other languages.
 */
export function validateAbcOptions(options: AbcOptions): { ok: true; value: Required<AbcOptions> } | { ok: false; issue: IssueDetail } {
  const fail = (code: IssueCode, params?: IssueParams) => {
    return { ok: false as const, issue: params ? { code, params } : { code } };
  };
  if (options === null || options === undefined) options = {};
  if (typeof options !== 'object') return fail('abc.optionsNotObject');
  const method = options.method ?? 'pareto';
  if (!ABC_METHODS.includes(method)) return fail('abc.unknownMethod', { method: JSON.stringify(method), methods: ABC_METHODS });
  let cuts: number[];
  if (method === 'computed') {
    if (options.cuts !== undefined && (!Array.isArray(options.cuts) || options.cuts.length > 0)) return fail('abc.computedNoCuts');
    cuts = [];
  } else {
    const methodName: IssueDetail = { code: `term.${method}` };
    const given: unknown = options.cuts ?? DEFAULT_CUTS[method];
    if (!Array.isArray(given) || given.length === 0) return fail('abc.cutsEmpty', { method: methodName });
    const bad = given.findIndex((c) => !isFiniteNumber(c));
    if (bad >= 0) {
      const cut = given[bad];
      return cut === null || cut === undefined || cut === ''
        ? fail('abc.cutMissing', { n: bad + 1 })
        : fail('abc.cutNotNumber', { n: bad + 1, value: String(JSON.stringify(cut)) });
    }
    cuts = given.slice() as number[];
    for (let i = 0; i < cuts.length; i++) {
      if (method !== 'threshold' && !(cuts[i] > 0 && cuts[i] <= 1)) return fail('abc.cutNotShare', { n: i + 1, value: cuts[i] });
      if (i > 0 && method !== 'threshold' && !(cuts[i] > cuts[i - 1])) {
        return fail('abc.cutsNotIncreasing', { method: methodName, cuts: cuts.join(', ') });
      }
      if (i > 0 && method === 'threshold' && !(cuts[i] < cuts[i - 1]))
        return fail('abc.thresholdsNotDecreasing', { cuts: cuts.join(', ') });
    }
  }
  const tierCount = method === 'computed' ? 3 : cuts.length + 1;
  let labels: string[];
  if (options.labels === undefined) {
    labels = defaultTierLabels(tierCount);
  } else {
    if (!Array.isArray(options.labels)) return fail('abc.labelsNotList');
    if (options.labels.length !== tierCount) {
      const got = options.labels.length;
      return method === 'computed'
        ? fail('abc.labelCountComputed', { count: tierCount, got })
        : fail('abc.labelCount', { count: tierCount, cuts: cuts.length, got });
    }
    labels = [];
    const seen = new Set<string>();
    for (let i = 0; i < options.labels.length; i++) {
      const raw: unknown = options.labels[i];
      const label = typeof raw === 'string' ? raw.trim() : '';
      if (label === '') return fail('abc.labelEmpty', { n: i + 1 });
      const key = label.toLowerCase();
      if (seen.has(key)) return fail('abc.labelTwice', { label });
      seen.add(key);
      labels.push(label);
    }
  }
  return { ok: true, value: { method, cuts, labels } };
}

/**
 * Computed ABC's value thresholds from the values sorted descending (see AbcResult.cuts): tier i or
 * better is every positive value >= cuts[i]. Shared with the SQL engine, which sorts in the database.
 */
export function computedCuts(sorted: Float64Array): { cuts: number[]; computed: ComputedAbcLimits | null } {
  const computed = computedAbcLimits(sorted);
  const threshold = (count: number) => (count > 0 && sorted[count - 1] > 0 ? sorted[count - 1] : Infinity);
  if (!computed) return { cuts: [Infinity, Infinity], computed };
  // All equal: a straight curve, everyone A.
  if (sorted[0] === sorted[sorted.length - 1]) return { cuts: [sorted[0], sorted[0]], computed };
  return { cuts: [threshold(computed.aCount), threshold(computed.abCount)], computed };
}

/**
 * Sorts customers into ABC tiers. `values` holds one number per customer (null for blank or
 * invalid input). Throws an Error with a user-readable message when the options are invalid
 * (see validateAbcOptions). Tier rules per method (n = number of non-null values, k = cuts.length):
 * - pareto: sorted by value descending, a customer takes the first tier i whose cut the share of
 *   value held by everyone ranked strictly above it has not reached: share_above < cuts[i]. So the
 *   customer who crosses 80% is still A.
 * - rank: tier i is the first with (customers ranked strictly above) / n < cuts[i]; with 100
 *   distinct values and cut 0.05 exactly the top 5 are A.
 * - threshold: first tier i with value >= cuts[i].
 * - computed: Computed ABC analysis (see computedAbc.ts), always 3 tiers.
 * A value that reaches none of the cuts, and every value <= 0, is in the last tier (index k).
 */
export function abcTiers(values: ReadonlyArray<number | null>, options: AbcOptions = {}): AbcResult {
  const checked = validateAbcOptions(options);
  if (!checked.ok) throw new IssueError(checked.issue);
  const { method, labels } = checked.value;
  let cuts = checked.value.cuts;
  const n = values.length;
  const lastTier = labels.length - 1;

  // The usable values and the row each came from.
  let m = 0;
  for (let i = 0; i < n; i++) if (isFiniteNumber(values[i])) m++;
  const present = new Float64Array(m);
  const rowOf = new Uint32Array(m);
  for (let i = 0, j = 0; i < n; i++) {
    const v = values[i];
    if (isFiniteNumber(v)) {
      present[j] = v;
      rowOf[j++] = i;
    }
  }
  // Values sorted descending, and where each present value landed in that order.
  const order = ascendingOrder(present);
  const sorted = new Float64Array(m);
  const positionOf = new Uint32Array(m);
  for (let i = 0; i < m; i++) {
    const j = order[m - 1 - i];
    sorted[i] = present[j];
    positionOf[j] = i;
  }
  let total = 0; // positive value, summed from the largest down
  for (let i = 0; i < m; i++) if (sorted[i] > 0) total += sorted[i];

  let computed: ComputedAbcLimits | null | undefined;
  if (method === 'computed') ({ cuts, computed } = computedCuts(sorted));

  // Results per sorted position, one tie group at a time; every member of a group gets the same.
  const tierAt = new Int32Array(m);
  const rankAt = new Int32Array(m);
  const shareAt = new Float64Array(m);
  const k = cuts.length;
  let sumAbove = 0; // positive value held by everyone ranked strictly above the current group
  for (let start = 0; start < m; ) {
    const v = sorted[start];
    let end = start + 1;
    while (end < m && sorted[end] === v) end++;
    let t = lastTier;
    if (v > 0) {
      t = 0;
      if (method === 'pareto') {
        const shareAbove = sumAbove / total;
        while (t < k && !(shareAbove < cuts[t])) t++;
      } else if (method === 'rank') {
        const customersAbove = start / m;
        while (t < k && !(customersAbove < cuts[t])) t++;
      } else {
        // threshold and computed: value thresholds, highest first.
        while (t < k && !(v >= cuts[t])) t++;
      }
      // Same additions in the same order as `total`, so the last positive group's share is exactly 1.
      for (let p = start; p < end; p++) sumAbove += v;
    }
    const share = total > 0 ? sumAbove / total : 0;
    for (let p = start; p < end; p++) {
      tierAt[p] = t;
      rankAt[p] = start + 1;
      shareAt[p] = share;
    }
    start = end;
  }

  // Back to row order (preallocated: pushing three million-element arrays costs as much as the sort).
  const tier: (number | null)[] = new Array(n).fill(null);
  const rank: (number | null)[] = new Array(n).fill(null);
  const cumulativeShare: (number | null)[] = new Array(n).fill(null);
  for (let j = 0; j < m; j++) {
    const row = rowOf[j];
    const p = positionOf[j];
    tier[row] = tierAt[p];
    rank[row] = rankAt[p];
    cumulativeShare[row] = shareAt[p];
  }
  const result: AbcResult = { tier, labels, cuts, rank, cumulativeShare };
  if (method === 'computed') result.computed = computed;
  return result;
}
