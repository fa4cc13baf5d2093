/**
 * Weighted score: several indicator columns, each normalised to 0..1 (best = 1), combined with
 * user weights into a 0..100 score per customer.
 */
import type { RowIssue } from './types';
import { ascendingOrder, isPresent } from './ranking';

/** Whether a bigger indicator value is better ('higher', e.g. spend) or worse ('lower', e.g. days since last order). */
export type Direction = 'higher' | 'lower';

/**
 * How one indicator is put on a 0..1 scale before weighting.
 * - 'percentile' (default): mid-rank percentile (count strictly below + (ties − 1)/2) / (n − 1);
 *   robust to outliers, equal values share one rank.
 * - 'minmax': (x − min) / (max − min); keeps the distances between values.
 * In both, a column with no spread (one value, or all equal) gives every row 0.5.
 */
export type Normalisation = 'percentile' | 'minmax';

/** One indicator column with its weight; `values` are already parsed numbers (null = blank). */
export interface ScoreDimension {
  name: string;
  values: ReadonlyArray<number | null>;
  weight: number;
  direction?: Direction;
  /** Fixed [lowest, highest] possible values (a points table's): put on 0..1 by them, not by the other rows. */
  scale?: readonly [number, number];
}

/** Scores per row (0..100, null when no indicator with weight is present) plus what was left out. */
export interface ScoreResult {
  score: (number | null)[];
  /** Rows scored on fewer indicators because some were blank; the others' weights were renormalised. */
  droppedDimensions: { row: number; dimensions: string[] }[];
  issues: RowIssue[];
  /** Each weighted indicator's 0..1 value per row (NaN when blank) and its share of the weights: the "why" of a score. */
  parts: ScorePart[];
}

export interface ScorePart {
  name: string;
  share: number;
  normalised: Float64Array;
}

function checkWeight(weight: number, label: string): void {
  if (typeof weight !== 'number' || !Number.isFinite(weight)) {
    throw new RangeError(`The weight of ${label} is not a number: enter a weight of 0 or more.`);
  }
  if (weight < 0) {
    throw new RangeError(`The weight of ${label} is negative (${weight}): weights must be 0 or more.`);
  }
}

const ALL_WEIGHTS_ZERO = 'All weights are 0: give at least one indicator a weight above 0.';

/**
 * Turns weights into shares that sum to 1 (what the sidebar shows as percentages).
 * Throws if a weight is negative or not a number, or if all weights are 0.
 */
export function normaliseWeights(weights: readonly number[]): number[] {
  let total = 0;
  weights.forEach((w, i) => {
    checkWeight(w, `indicator ${i + 1}`);
    total += w;
  });
  if (!(total > 0)) throw new RangeError(ALL_WEIGHTS_ZERO);
  return weights.map((w) => w / total);
}

/** Normalised 0..1 value per row (NaN where missing), best = 1 whatever the direction. */
function normaliseColumn(
  values: ReadonlyArray<number | null>,
  method: Normalisation,
  lowerIsBetter: boolean,
  scale?: readonly [number, number],
): Float64Array {
  const n = values.length;
  const out = new Float64Array(n).fill(NaN);
  if (scale) {
    const [lo, hi] = scale;
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (!isPresent(v)) continue;
      const t = hi > lo ? Math.min(1, Math.max(0, (v - lo) / (hi - lo))) : 0.5;
      out[i] = lowerIsBetter ? 1 - t : t;
    }
    return out;
  }
  let m = 0;
  for (let i = 0; i < n; i++) if (isPresent(values[i])) m++;
  if (m === 0) return out;
  const present = new Float64Array(m);
  const rowOf = new Uint32Array(m);
  for (let i = 0, j = 0; i < n; i++) {
    const v = values[i];
    if (isPresent(v)) {
      present[j] = v;
      rowOf[j++] = i;
    }
  }
  // One index sort, then one pass over groups of equal values: no binary search per row.
  const order = ascendingOrder(present);
  const min = present[order[0]];
  const max = present[order[m - 1]];
  const flat = m === 1 || min === max;
  for (let start = 0; start < m; ) {
    const v = present[order[start]];
    let end = start + 1;
    while (end < m && present[order[end]] === v) end++;
    let t: number;
    if (flat) t = 0.5;
    else if (method === 'minmax') t = (v - min) / (max - min);
    else t = (start + (end - start - 1) / 2) / (m - 1); // mid-rank percentile, see midRankPercentile
    // Both normalisations are symmetric, so "lower is better" is just the mirror image.
    const value = lowerIsBetter ? 1 - t : t;
    for (let p = start; p < end; p++) out[rowOf[order[p]]] = value;
    start = end;
  }
  return out;
}

/**
 * Weighted 0..100 score of each row from several indicators.
 *
 * Each indicator is normalised to 0..1 (see {@link Normalisation}; 'lower' direction mirrors it)
 * and the row's score is 100 · Σ wᵢ·tᵢ / Σ wᵢ over the indicators present in that row: a blank
 * indicator is dropped for that row and the remaining weights renormalised (listed in
 * `droppedDimensions`). A row with no weighted indicator present gets null and an issue.
 * Indicators with weight 0 are ignored. Throws on no indicators, columns of different lengths,
 * a negative or non-numeric weight (naming the indicator), or all weights 0.
 */
export function weightedScore(dimensions: ReadonlyArray<ScoreDimension>, normalisation: Normalisation = 'percentile'): ScoreResult {
  if (dimensions.length === 0) throw new RangeError('No indicators given: choose at least one column to score on.');
  if (normalisation !== 'percentile' && normalisation !== 'minmax') {
    throw new RangeError(`Unknown normalisation "${String(normalisation)}": use "percentile" or "minmax".`);
  }
  const n = dimensions[0].values.length;
  let totalWeight = 0;
  for (const d of dimensions) {
    checkWeight(d.weight, `"${d.name}"`);
    if (d.values.length !== n) {
      throw new RangeError(
        `"${d.name}" has ${d.values.length} rows but "${dimensions[0].name}" has ${n}: select columns of the same height.`,
      );
    }
    if (d.direction !== undefined && d.direction !== 'higher' && d.direction !== 'lower') {
      throw new RangeError(`The direction of "${d.name}" must be "higher" or "lower", not "${String(d.direction)}".`);
    }
    totalWeight += d.weight;
  }
  if (!(totalWeight > 0)) throw new RangeError(ALL_WEIGHTS_ZERO);

  const used = dimensions.filter((d) => d.weight > 0);
  const columns = used.map((d) => normaliseColumn(d.values, normalisation, d.direction === 'lower', d.scale));
  const weights = used.map((d) => d.weight);

  const score: (number | null)[] = new Array(n);
  const droppedDimensions: ScoreResult['droppedDimensions'] = [];
  const issues: RowIssue[] = [];
  for (let row = 0; row < n; row++) {
    let sum = 0;
    let weightPresent = 0;
    let missing: string[] | null = null;
    for (let d = 0; d < columns.length; d++) {
      const t = columns[d][row];
      // biome-ignore lint/suspicious/noSelfCompare: the cheapest NaN test, in the hot loop over every customer
      if (t === t) {
        sum += weights[d] * t;
        weightPresent += weights[d];
      } else (missing ??= []).push(used[d].name);
    }
    if (weightPresent > 0) {
      // Clamp guards against the last-bit rounding of the division.
      score[row] = Math.min(100, Math.max(0, (100 * sum) / weightPresent));
      if (missing) droppedDimensions.push({ row, dimensions: missing });
    } else {
      score[row] = null;
      issues.push({ row, code: 'score.allBlank', params: { dimensions: missing ?? [] } });
    }
  }
  const parts = used.map((d, i) => ({ name: d.name, share: d.weight / totalWeight, normalised: columns[i] }));
  return { score, droppedDimensions, issues, parts };
}
