/**
 * Value groups: MVC (most valuable), MGC (most growable), Maintain, BZ (below zero).
 *
 * Rules, in order:
 *   net value = value − cost to serve. Without a cost column the cost is 0; with one, a blank
 *     cost cell also counts as 0 and adds a note (the row is still grouped).
 *   BZ       net value < 0.
 *   MVC      the top `mvcShare` (default 0.2) of the customers with net value > 0, by net value:
 *            k = ceil(share · count); everyone tied with the k-th best joins too (ties are never
 *            split; the higher group wins).
 *   MGC      only with a potential column: among the rest (not BZ, not MVC), the top `mgcShare`
 *            (default 0.2, of the size of the rest) by growth gap = potential − value, or by the
 *            potential itself when `potentialIsGrowth`; only customers with a gap > 0 qualify
 *            (a blank potential means no known gap); ties never split.
 *   Maintain everyone else with a value.
 * A blank value gives no group (null) and an issue.
 */
import type { RowIssue } from './types';
import type { ValueGroup } from './labels';
import { isPresent, shareCount, topThreshold } from './ranking';

export type { ValueGroup } from './labels';

/** Parsed per-customer columns: value (e.g. revenue or margin), optional cost to serve and potential. */
export interface ValueGroupInput {
  value: ReadonlyArray<number | null>;
  costToServe?: ReadonlyArray<number | null>;
  potential?: ReadonlyArray<number | null>;
}

/** Group sizes as shares in (0, 1); `potentialIsGrowth` when the potential column already holds the gap. */
export interface ValueGroupOptions {
  mvcShare?: number;
  mgcShare?: number;
  potentialIsGrowth?: boolean;
}

/** Group and net value per customer (null when the value is blank). */
export interface ValueGroupResult {
  group: (ValueGroup | null)[];
  netValue: (number | null)[];
  issues: RowIssue[];
}

function checkShare(share: number, name: string): void {
  if (typeof share !== 'number' || !(share > 0 && share < 1)) {
    throw new RangeError(`${name} must be a share between 0 and 1 (for example 0.2 for 20%), not ${share}.`);
  }
}

/** Ascending sorted copy of the given numbers. */
const sortedOf = (xs: number[]): Float64Array => Float64Array.from(xs).sort();

/**
 * Sorts customers into MVC / MGC / Maintain / BZ (rules in the file comment). Throws when a
 * share is not strictly between 0 and 1 or the columns differ in length.
 */
export function valueGroups(input: ValueGroupInput, options: ValueGroupOptions = {}): ValueGroupResult {
  const mvcShare = options.mvcShare ?? 0.2;
  const mgcShare = options.mgcShare ?? 0.2;
  checkShare(mvcShare, 'The MVC share');
  checkShare(mgcShare, 'The MGC share');
  const { value, costToServe, potential } = input;
  const n = value.length;
  for (const [col, name] of [
    [costToServe, 'cost to serve'],
    [potential, 'potential'],
  ] as const) {
    if (col && col.length !== n) {
      throw new RangeError(`The ${name} column has ${col.length} rows but the value column has ${n}: select columns of the same height.`);
    }
  }

  const issues: RowIssue[] = [];
  const netValue: (number | null)[] = new Array(n);
  const group: (ValueGroup | null)[] = new Array(n);
  const positives: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = value[i];
    if (!isPresent(v)) {
      netValue[i] = null;
      group[i] = null;
      issues.push({ row: i, column: 'value', code: 'valueGroups.noValue' });
      continue;
    }
    let cost = 0;
    if (costToServe) {
      const c = costToServe[i];
      if (isPresent(c)) cost = c;
      else issues.push({ row: i, column: 'costToServe', code: 'valueGroups.costBlank' });
    }
    const net = v - cost;
    netValue[i] = net;
    group[i] = net < 0 ? 'BZ' : 'Maintain';
    if (net > 0) positives.push(net);
  }

  const mvcFrom = topThreshold(sortedOf(positives), shareCount(mvcShare, positives.length));
  if (mvcFrom !== null) {
    for (let i = 0; i < n; i++) {
      const net = netValue[i];
      if (net !== null && net > 0 && net >= mvcFrom) group[i] = 'MVC';
    }
  }

  if (potential) {
    let restCount = 0;
    const gaps: number[] = [];
    const gapOf: (number | null)[] = new Array(n).fill(null);
    for (let i = 0; i < n; i++) {
      if (group[i] !== 'Maintain') continue;
      restCount++;
      const p = potential[i];
      const v = value[i] as number;
      if (!isPresent(p)) continue;
      const gap = options.potentialIsGrowth ? p : p - v;
      if (gap > 0) {
        gapOf[i] = gap;
        gaps.push(gap);
      }
    }
    const mgcFrom = topThreshold(sortedOf(gaps), shareCount(mgcShare, restCount));
    if (mgcFrom !== null) {
      for (let i = 0; i < n; i++) {
        const gap = gapOf[i];
        if (gap !== null && gap >= mgcFrom) group[i] = 'MGC';
      }
    }
  }
  return { group, netValue, issues };
}
