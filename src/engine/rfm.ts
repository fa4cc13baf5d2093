/**
 * RFM (recency, frequency, monetary) scores and segments.
 *
 * Scores replicate the R package `rfm` (rsquaredacademy/rfm: `rfm_table_customer`,
 * `rfm_table_order`, all via `rfm_prep_bins` and the helpers `bins`, `bins_lower`, `bins_upper`
 * in R/utils.R), so a user can check our scores against R:
 *   breaks  b_k = quantile(x, probs = k / bins, type = 7) + 1      for k = 1 .. bins − 1
 *             (R's default quantile type; probs from seq(0, 1, length.out = bins + 1))
 *   bin i   covers [lower_i, upper_i) with lower = (min(x), b_1, ..., b_{bins−1}) and
 *             upper = (b_1, ..., b_{bins−1}, max(x) + 1): closed below, open above.
 *   The "+ 1" is the package's: for whole numbers (days, order counts) it makes each bin
 *   closed at its quantile on the right; for money it shifts the edges by one unit. We keep it
 *   so that results match R exactly.
 *   frequency / monetary: bin i scores i (more = higher); recency (days since the last order):
 *   bin i scores bins + 1 − i, so the most recent customers get the top score.
 * Because every row is placed by comparing its value with the same breaks, equal values always
 * get equal scores (unlike dplyr::ntile). Breaks are computed over the present values only.
 *
 * Segment rules: the rfm package's introduction vignette and `rfm_segment` example (ten named
 * segments, first match wins, anything unmatched is "Others"), as an editable ordered list.
 */
import type { RowIssue, SerialDay } from './types';
import type { RfmSegment } from './labels';
import { isPresent, quantileType7, sortedPresent, upperBound } from './ranking';
import { AS_OF_NOT_A_DATE, isoFromSerialDay } from './cells';
import type { IssueDetail } from './problems';

export type { RfmSegment } from './labels';

/** Per-customer inputs, already parsed: days since the last order, number of orders, money spent. */
export interface RfmInput {
  recencyDays: ReadonlyArray<number | null>;
  frequency: ReadonlyArray<number | null>;
  monetary: ReadonlyArray<number | null>;
}

/** Scores 1..bins per customer (null when that input is blank) and the concatenated code, e.g. '545'. */
export interface RfmResult {
  r: (number | null)[];
  f: (number | null)[];
  m: (number | null)[];
  code: (string | null)[];
  issues: RowIssue[];
}

/** A segment matches when each score lies in its inclusive [low, high] range. */
export interface RfmSegmentRule {
  segment: RfmSegment;
  r: [number, number];
  f: [number, number];
  m: [number, number];
}

/**
 * The rfm package's segments in its order (first match wins), ending with a catch-all so every
 * score combination gets a segment. Source: rsquaredacademy/rfm vignettes/rfm-introduction.Rmd.
 */
export const DEFAULT_RFM_SEGMENT_RULES: readonly RfmSegmentRule[] = [
  { segment: 'Champions', r: [5, 5], f: [5, 5], m: [5, 5] },
  { segment: 'Potential Loyalist', r: [3, 5], f: [3, 5], m: [2, 5] },
  { segment: 'Loyal Customers', r: [2, 4], f: [2, 4], m: [2, 4] },
  { segment: 'Promising', r: [3, 4], f: [1, 3], m: [3, 5] },
  { segment: 'New Customers', r: [4, 5], f: [1, 3], m: [1, 5] },
  { segment: "Can't Lose Them", r: [1, 2], f: [3, 4], m: [4, 5] },
  { segment: 'At Risk', r: [1, 2], f: [2, 5], m: [4, 5] },
  { segment: 'Need Attention', r: [1, 3], f: [3, 5], m: [3, 5] },
  { segment: 'About To Sleep', r: [2, 3], f: [1, 3], m: [1, 4] },
  { segment: 'Lost', r: [1, 1], f: [1, 5], m: [1, 5] },
  { segment: 'Others', r: [1, 5], f: [1, 5], m: [1, 5] },
];

function checkBins(bins: number): void {
  // Codes concatenate one digit per score, hence at most 9 bins.
  if (!Number.isInteger(bins) || bins < 2 || bins > 9) {
    throw new RangeError(`The number of RFM score bins must be a whole number from 2 to 9, not ${bins}.`);
  }
}

/** Score 1..bins of every row of one column (null where missing), rfm-package breaks. */
function scoreColumn(values: ReadonlyArray<number | null>, bins: number, higherIsBetter: boolean): (number | null)[] {
  const sorted = sortedPresent(values);
  const breaks = new Float64Array(bins - 1);
  for (let k = 1; k < bins; k++) breaks[k - 1] = quantileType7(sorted, k * (1 / bins)) + 1;
  const out: (number | null)[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!isPresent(v)) {
      out[i] = null;
      continue;
    }
    // Bin index = 1 + number of breaks <= v (empty bins from equal breaks are skipped, as in R).
    const bin = 1 + upperBound(breaks, v);
    out[i] = higherIsBetter ? bin : bins + 1 - bin;
  }
  return out;
}

/**
 * RFM scores 1..`bins` (default 5) for each customer, with the rfm package's quantile breaks
 * (see the file comment): most recent = top R score, most orders / most money = top F / M score.
 * A blank input leaves that score and the code null and adds an issue. Throws if the three
 * columns differ in length or `bins` is not a whole number from 2 to 9.
 */
export function rfmScores(input: RfmInput, bins = 5): RfmResult {
  checkBins(bins);
  const n = input.recencyDays.length;
  if (input.frequency.length !== n || input.monetary.length !== n) {
    throw new RangeError(
      `Recency, frequency and monetary columns must have the same number of rows (got ${n}, ${input.frequency.length}, ${input.monetary.length}).`,
    );
  }
  const r = scoreColumn(input.recencyDays, bins, false);
  const f = scoreColumn(input.frequency, bins, true);
  const m = scoreColumn(input.monetary, bins, true);
  const code: (string | null)[] = new Array(n);
  const issues: RowIssue[] = [];
  for (let i = 0; i < n; i++) {
    const ri = r[i],
      fi = f[i],
      mi = m[i];
    if (ri !== null && fi !== null && mi !== null) code[i] = `${ri}${fi}${mi}`;
    else {
      code[i] = null;
      const blank: IssueDetail[] = [];
      if (ri === null) blank.push({ code: 'term.recency' });
      if (fi === null) blank.push({ code: 'term.frequency' });
      if (mi === null) blank.push({ code: 'term.monetary' });
      issues.push({ row: i, code: 'rfm.incomplete', params: { inputs: blank } });
    }
  }
  return { r, f, m, code, issues };
}

const inRange = (x: number, [lo, hi]: [number, number]) => x >= lo && x <= hi;

/** First rule whose three ranges all contain the scores, or undefined. */
function matchRule(r: number, f: number, m: number, rules: readonly RfmSegmentRule[]): RfmSegmentRule | undefined {
  const index = matchingRule(r, f, m, rules);
  return index < 0 ? undefined : rules[index];
}

/** The position of the first rule whose three ranges all contain the scores, or -1 (why a customer is in its segment). */
export function matchingRule(r: number, f: number, m: number, rules: readonly RfmSegmentRule[]): number {
  return rules.findIndex((rule) => inRange(r, rule.r) && inRange(f, rule.f) && inRange(m, rule.m));
}

/**
 * Checks that an (edited) rule list gives every one of the bins³ score combinations a segment.
 * `uncovered` lists the combinations no rule matches, as codes like '135'.
 */
export function checkRuleCoverage(rules: readonly RfmSegmentRule[], bins = 5): { ok: boolean; uncovered: string[] } {
  checkBins(bins);
  const uncovered: string[] = [];
  for (let r = 1; r <= bins; r++)
    for (let f = 1; f <= bins; f++) for (let m = 1; m <= bins; m++) if (!matchRule(r, f, m, rules)) uncovered.push(`${r}${f}${m}`);
  return { ok: uncovered.length === 0, uncovered };
}

/** Segment of one score triple: the first matching rule, 'Others' if none matches. */
export function rfmSegment(r: number, f: number, m: number, rules: readonly RfmSegmentRule[] = DEFAULT_RFM_SEGMENT_RULES): RfmSegment {
  return matchRule(r, f, m, rules)?.segment ?? 'Others';
}

/** Segment of every customer of an {@link rfmScores} result; null where a score is missing. */
export function rfmSegments(result: RfmResult, rules: readonly RfmSegmentRule[] = DEFAULT_RFM_SEGMENT_RULES): (RfmSegment | null)[] {
  return result.r.map((r, i) => {
    const f = result.f[i],
      m = result.m[i];
    return r === null || f === null || m === null ? null : rfmSegment(r, f, m, rules);
  });
}

/**
 * Whole days from each customer's last order to `asOf` (default: the latest last-order date in
 * the column, so the most recent customer has 0). Times of day are ignored. Blank dates give
 * null; a date after `asOf` gives a negative number (it still ranks as the most recent).
 */
export function recencyDays(lastOrder: ReadonlyArray<SerialDay | null>, asOf?: SerialDay): (number | null)[] {
  if (asOf !== undefined && !isPresent(asOf)) throw new RangeError(AS_OF_NOT_A_DATE);
  let ref = asOf;
  if (ref === undefined) {
    ref = -Infinity;
    for (const d of lastOrder) if (isPresent(d) && d > ref) ref = d;
  }
  const day = Math.floor(ref);
  return lastOrder.map((d) => (isPresent(d) ? day - Math.floor(d) : null));
}

/**
 * {@link recencyDays} for rows that must never read as "more recent than recent": a last order
 * after `asOf` gives null and an issue (usually a mistyped as-of date) instead of negative days.
 */
export function recencyDaysChecked(
  lastOrder: ReadonlyArray<SerialDay | null>,
  asOf?: SerialDay,
): { days: (number | null)[]; issues: RowIssue[] } {
  const days = recencyDays(lastOrder, asOf);
  const issues: RowIssue[] = [];
  days.forEach((d, row) => {
    if (d !== null && d < 0) {
      days[row] = null;
      issues.push({ row, code: 'rfm.afterAsOf', params: { date: isoFromSerialDay(lastOrder[row]!), asOf: isoFromSerialDay(asOf!) } });
    }
  });
  return { days, issues };
}
