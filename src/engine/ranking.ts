/**
 * Ranking helpers shared by the scoring methods: sorted copies, binary search, mid-rank
 * percentiles and R-compatible quantiles. Everything works on one typed-array sort per column,
 * so a million rows cost one native numeric sort plus O(n log n) binary searches.
 */

/** True for a usable number (null, undefined, NaN and ±Infinity count as missing). */
export function isPresent(x: number | null | undefined): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

/** Ascending sorted copy of the present values of a column (missing values dropped). */
export function sortedPresent(values: ReadonlyArray<number | null>): Float64Array {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (isPresent(values[i])) count++;
  const out = new Float64Array(count);
  let j = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (isPresent(v)) out[j++] = v;
  }
  // Typed-array sort is numeric (no comparator needed) and much faster than Array#sort.
  return out.sort();
}

/** Index of the first element of `sorted` that is >= x (= how many elements are < x). */
export function lowerBound(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first element of `sorted` that is > x (= how many elements are <= x). */
export function upperBound(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Mid-rank percentile of x within `sorted` (which must contain x), in 0..1:
 *   (count strictly below + (ties − 1) / 2) / (n − 1)
 * so the unique best is 1, the unique worst 0, and equal values share one rank. With a single
 * value, or all values equal, every row gets 0.5: no spread means "the middle".
 */
export function midRankPercentile(sorted: ArrayLike<number>, x: number): number {
  const n = sorted.length;
  if (n <= 1) return 0.5;
  const below = lowerBound(sorted, x);
  const ties = upperBound(sorted, x) - below;
  return (below + (ties - 1) / 2) / (n - 1);
}

/**
 * Percentile ranks (0..1, see {@link midRankPercentile}) of a column; null where the value is
 * missing. Ranks are computed among the present values only.
 */
export function percentileRanks(values: ReadonlyArray<number | null>): (number | null)[] {
  const sorted = sortedPresent(values);
  const out: (number | null)[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = isPresent(v) ? midRankPercentile(sorted, v) : null;
  }
  return out;
}

/**
 * Sample quantile of an ascending sorted array, R's `quantile(x, p, type = 7)` (R's default and
 * Excel/Sheets PERCENTILE.INC): index = 1 + (n − 1)·p, interpolating (1 − h)·x[lo] + h·x[hi]
 * exactly as R does, so breaks match R to the last bit. NaN for an empty array.
 */
export function quantileType7(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const index = 1 + (n - 1) * p; // 1-based, as in R
  const lo = Math.floor(index);
  const hi = Math.ceil(index);
  const qLo = sorted[lo - 1];
  const qHi = sorted[hi - 1];
  if (index > lo && qHi !== qLo) {
    const h = index - lo;
    return (1 - h) * qLo + h * qHi;
  }
  return qLo;
}

/** How many of n make up `share` of them, rounded up; the epsilon keeps a product that lands a hair above a whole number from rounding up. */
export function shareCount(share: number, n: number): number {
  return Math.max(0, Math.min(n, Math.ceil(share * n - 1e-9)));
}

/**
 * Threshold for the top k of an ascending sorted array without splitting ties: the k-th largest
 * value (k clipped to the array length); every value >= it belongs to the top group, so ties can
 * make the group a little larger than k. Null when k or the array is 0 long.
 */
export function topThreshold(sortedAscending: ArrayLike<number>, k: number): number | null {
  const n = sortedAscending.length;
  const count = Math.min(n, k);
  return count > 0 ? sortedAscending[n - count] : null;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Indices of `values` (finite doubles) in ascending order of value, equal values in index order.
 * An LSD radix sort on the IEEE-754 bits mapped to order-preserving unsigned keys, 16 bits per
 * pass: about twice as fast as Float64Array.prototype.sort, which cannot carry an index along.
 */
export function ascendingOrder(values: Float64Array): Uint32Array {
  const n = values.length;
  const words = new Uint32Array(values.buffer, values.byteOffset, n * 2);
  const [loWord, hiWord] = LITTLE_ENDIAN ? [0, 1] : [1, 0];
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const h = words[2 * i + hiWord];
    const l = words[2 * i + loWord];
    // Negative numbers: flip every bit (bigger magnitude sorts first); positive: set the sign bit.
    hi[i] = h & 0x80000000 ? ~h >>> 0 : (h | 0x80000000) >>> 0;
    lo[i] = h & 0x80000000 ? ~l >>> 0 : l;
  }
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let spare = new Uint32Array(n);
  const count = new Uint32Array(65536);
  for (let pass = 0; pass < 4; pass++) {
    const key = pass < 2 ? lo : hi;
    const shift = (pass & 1) * 16;
    count.fill(0);
    for (let i = 0; i < n; i++) count[(key[i] >>> shift) & 0xffff]++;
    if (n === 0 || count[(key[0] >>> shift) & 0xffff] === n) continue; // all in one bucket: nothing to do
    let sum = 0;
    for (let b = 0; b < 65536; b++) {
      const c = count[b];
      count[b] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const j = order[i];
      spare[count[(key[j] >>> shift) & 0xffff]++] = j;
    }
    [order, spare] = [spare, order];
  }
  return order;
}
