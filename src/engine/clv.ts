/**
 * Predicted customer value: who will buy again, how often and for how much.
 *
 * - BG/NBD: Fader, Hardie & Lee (2005), "Counting your customers the easy way: an alternative to
 *   the Pareto/NBD model", Marketing Science 24(2). While alive, a customer buys at a Poisson rate
 *   (gamma-distributed across customers: r, α); after each purchase they drop out with a
 *   probability (beta-distributed: a, b).
 * - Gamma-Gamma: Fader & Hardie (2013), "The Gamma-Gamma model of monetary value" (note), after
 *   Fader, Hardie & Lee (2005), "RFM and CLV: using iso-value curves for customer base analysis",
 *   Journal of Marketing Research 42(4). A customer's spend per order varies around their own
 *   mean (p), which varies across customers (q, γ), independently of how often they buy.
 *
 * Time runs in weeks or days; x counts repeat purchases (purchase days after the first), t_x is
 * the time from the first to the last purchase, T from the first purchase to the end of the
 * calibration period. An order of amount 0 is a purchase (it shows the customer buying), a
 * negative amount is a refund and counts for nothing here.
 */
import { dateParser, parseAmount } from './cells';
import { hyp2f1, lgamma, nelderMead } from './numeric';
import { type IssueDetail, problem } from './problems';
import { rollupOrders } from './rollup';
import type { Cell, RowIssue, SerialDay } from './types';

/** Math's functions as locals: global look-ups are slow in some hosts (a Node vm context) and longer minified. */
const { abs, exp, log, log1p, max, min, sqrt } = Math;

export type TimeUnit = 'weeks' | 'days';
/** One customer as the models see it; `monetary` is the mean of the repeat purchase days (null when x = 0). */
export interface ClvCustomer {
  id: string;
  x: number;
  tx: number;
  T: number;
  monetary: number | null;
  /** Purchase days after the end of the calibration period (the holdout). */
  holdout: number;
  /** False for a customer with only refunds (negative amounts): no prediction. */
  bought: boolean;
}
export interface BgNbd {
  r: number;
  alpha: number;
  a: number;
  b: number;
  ll: number;
}
export interface GammaGamma {
  p: number;
  q: number;
  gamma: number;
  ll: number;
}
export interface ClvModel {
  bgnbd: BgNbd;
  gammagamma: GammaGamma;
  /** Distinct (x, t_x, T) rows the BG/NBD was fitted on. */
  uniqueRows: number;
  /** Cautions about the fit (e.g. spend correlated with frequency). */
  warnings: IssueDetail[];
}
export interface ClvPrediction {
  pAlive: number;
  expectedPurchases: number;
  expectedAverageOrder: number;
  clv: number;
}

/** Fewest customers with a repeat purchase for a fit: fewer leave four parameters unsettled. */
export const MIN_REPEAT_CUSTOMERS = 20;
const UNIT_DAYS: Record<TimeUnit, number> = { weeks: 7, days: 1 };
/** Weeks or days in an average month, for the monthly discount rate. */
const monthIn = (unit: TimeUnit) => 365.25 / 12 / UNIT_DAYS[unit];

/**
 * Orders to the models' customers: purchases on one calendar day count as one (the BTYD
 * convention), `asOf` (default: the last purchase) ends the calibration period and purchase days
 * after it are counted as the holdout rather than reported. `issues` lists unreadable rows.
 */
export function clvRollup(
  ids: ReadonlyArray<Cell>,
  dates: ReadonlyArray<Cell>,
  amounts: ReadonlyArray<Cell>,
  options: { asOf?: SerialDay; unit?: TimeUnit } = {},
): { customers: ClvCustomer[]; issues: RowIssue[]; asOf: SerialDay; end: SerialDay } {
  const { customers, issues } = rollupOrders(ids, dates, amounts, { asOf: options.asOf, sameDayIsOneOrder: true, zeroIsPurchase: true });
  const unit = UNIT_DAYS[options.unit ?? 'weeks'];
  const later = new Map<string, Set<number>>();
  let end = options.asOf ?? -Infinity;
  const dateOf = dateParser();
  for (const issue of issues) {
    if (issue.code !== 'rollup.afterAsOf') continue;
    const amount = parseAmount(amounts[issue.row]);
    const date = dateOf(dates[issue.row]);
    if (amount.kind !== 'value' || !(amount.value >= 0) || date.kind !== 'value') continue;
    const id = String(ids[issue.row]).trim();
    later.set(id, (later.get(id) ?? new Set()).add(date.value));
    end = max(end, date.value);
  }
  const asOf = options.asOf ?? customers.reduce((m, c) => max(m, c.lastOrder ?? m), -Infinity);
  return {
    asOf,
    /** The last purchase day, holdout included: the holdout runs from asOf to here. */
    end: max(end, asOf),
    issues: issues.filter((i) => i.code !== 'rollup.afterAsOf'),
    customers: customers.map((c) => {
      const x = max(c.orders - 1, 0);
      const first = c.firstOrder ?? asOf;
      return {
        id: c.id,
        x,
        tx: ((c.lastOrder ?? first) - first) / unit,
        T: (asOf - first) / unit,
        monetary: x > 0 ? (c.averageOrder! * c.orders - c.firstOrderValue!) / x : null,
        holdout: later.get(c.id)?.size ?? 0,
        bought: c.orders > 0,
      };
    }),
  };
}

/** Minimises a negative log-likelihood over log-parameters; NaN counts as infinitely bad. */
function fitLog(negLL: (p: number[]) => number, start: number[]) {
  const { x, value } = nelderMead((l) => negLL(l.map(exp)) || Infinity, start.map(log));
  const p = x.map(exp);
  // A parameter run off to 0 or infinity means the data cannot pin the model down.
  return Number.isFinite(value) && x.every((l) => abs(l) < 25) ? { p, ll: -value } : null;
}

/**
 * BG/NBD maximum-likelihood fit (FHL 2005, eq. 6). Customers with the same (x, t_x, T) add the
 * same log-likelihood, so the fit runs on the distinct rows with their counts, and the terms that
 * depend on x alone are computed once per distinct x.
 */
export function fitBgNbd(customers: ReadonlyArray<Pick<ClvCustomer, 'x' | 'tx' | 'T'>>): { model: BgNbd; uniqueRows: number } | null {
  const rows = new Map<string, [number, number, number, number]>();
  for (const { x, tx, T } of customers) {
    const key = `${x} ${tx} ${T}`;
    const row = rows.get(key);
    if (row) row[3]++;
    else rows.set(key, [x, tx, T, 1]);
  }
  // Sorted, so the sums (and so the fit) do not depend on the order of the customers.
  const list = [...rows.values()].sort((p, q) => p[0] - q[0] || p[1] - q[1] || p[2] - q[2]);
  const xs = [...new Set(list.map((row) => row[0]))];
  // Few distinct times (purchase days): ln(α + t) is taken once per time, not once per row.
  const times = [...new Set(list.flatMap((row) => [row[1], row[2]]))];
  const timeIndex = new Map(times.map((t, i) => [t, i]));
  const [X, TXI, TI, N, XI] = [0, 1, 2, 3, 4].map((k) =>
    Float64Array.from(list, (row) => (k === 0 || k === 3 ? row[k] : k < 3 ? timeIndex.get(row[k])! : xs.indexOf(row[0]))),
  );
  const meanT = list.reduce((s, row) => s + row[2] * row[3], 0) / customers.length || 1;
  const fit = fitLog(
    ([r, alpha, a, b]) => {
      const base = r * log(alpha) - lgamma(r) + lgamma(a + b) - lgamma(b);
      const byX = xs.map((x) => base + lgamma(r + x) + lgamma(b + x) - lgamma(a + b + x));
      const dropLog = xs.map((x) => log(a / (b + x - 1)));
      const lnTime = times.map((t) => log(alpha + t));
      let ll = 0;
      for (let i = 0; i < X.length; i++) {
        const rx = r + X[i];
        const stay = -rx * lnTime[TI[i]];
        // ln(e^stay + e^drop) without overflow; no drop-out term before a repeat purchase.
        const drop = X[i] ? dropLog[XI[i]] - rx * lnTime[TXI[i]] : stay;
        ll += N[i] * (byX[XI[i]] + (X[i] ? max(stay, drop) + log1p(exp(-abs(stay - drop))) : stay));
      }
      return -ll;
    },
    [1, meanT, 1, 1],
  );
  if (!fit) return null;
  const [r, alpha, a, b] = fit.p;
  return { model: { r, alpha, a, b, ll: fit.ll }, uniqueRows: list.length };
}

/** P(alive | x, t_x, T) (FHL 2005, eq. 11); 1 for a customer with no repeat purchase, as the model has it. */
export function pAlive({ r, alpha, a, b }: BgNbd, x: number, tx: number, T: number): number {
  return x ? 1 / (1 + (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x)) : 1;
}

/** Expected purchases in the next t (FHL 2005, eq. 10), given the customer's x, t_x, T. */
export function expectedPurchases(bg: BgNbd, t: number, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = bg;
  if (!(t > 0)) return 0;
  const hyp = hyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t));
  // Never below 0: for a tiny t the difference is all rounding.
  return max(0, ((a + b + x - 1) / (a - 1)) * (1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * hyp)) * pAlive(bg, x, tx, T);
}

/** Expected repeat purchases of a new customer in their first t (FHL 2005, eq. 9); summed over customers, the base's curve. */
export function expectedRepeatPurchases({ r, alpha, a, b }: BgNbd, t: number): number {
  return t > 0 ? max(0, ((a + b - 1) / (a - 1)) * (1 - (alpha / (alpha + t)) ** r * hyp2f1(r, b, a + b - 1, t / (alpha + t)))) : 0;
}

/** Gamma-Gamma fit (Fader & Hardie 2013, eq. 5) on the customers with repeat purchases. */
export function fitGammaGamma(customers: ReadonlyArray<Pick<ClvCustomer, 'x' | 'monetary'>>): GammaGamma | null {
  const repeat = customers.filter((c) => c.x > 0 && c.monetary! > 0).sort((c, d) => c.x - d.x || c.monetary! - d.monetary!);
  const xs = [...new Set(repeat.map((c) => c.x))];
  const count = xs.map((x) => repeat.filter((c) => c.x === x).length);
  // Sums that do not depend on the parameters: Σ x ln m, Σ ln m, Σ x ln x.
  let xLnM = 0;
  let lnM = 0;
  let xLnX = 0;
  for (const { x, monetary } of repeat) {
    xLnM += x * log(monetary!);
    lnM += log(monetary!);
    xLnX += x * log(x);
  }
  const fit = fitLog(
    ([p, q, gamma]) => {
      let ll = repeat.length * (q * log(gamma) - lgamma(q)) + p * (xLnM + xLnX) - lnM;
      xs.forEach((x, i) => {
        ll += count[i] * (lgamma(p * x + q) - lgamma(p * x));
      });
      for (const { x, monetary } of repeat) ll -= (p * x + q) * log(x * monetary! + gamma);
      return -ll;
    },
    [1, 1, 1],
  );
  return fit && { p: fit.p[0], q: fit.p[1], gamma: fit.p[2], ll: fit.ll };
}

/** Expected spend per order (Fader & Hardie 2013, eq. 6); the population mean pγ/(q−1) for x = 0, NaN when q ≤ 1. */
export function expectedAverageOrder({ p, q, gamma }: GammaGamma, x: number, monetary: number | null): number {
  const mean = q > 1 ? (p * gamma) / (q - 1) : Number.NaN;
  const weight = (p * x) / (p * x + q - 1);
  return x ? (1 - weight) * mean + weight * monetary! : mean;
}

/** Pearson correlation of two equally long lists (NaN when either is constant). */
function correlation(a: number[], b: number[]): number {
  const centred = (v: number[], mean = v.reduce((s, w) => s + w, 0) / v.length) => v.map((y) => y - mean);
  const [ca, cb] = [centred(a), centred(b)];
  const dot = (u: number[], v: number[]) => u.reduce((s, y, i) => s + y * v[i], 0);
  return dot(ca, cb) / sqrt(dot(ca, ca) * dot(cb, cb));
}

/**
 * Fits the BG/NBD alone (enough for P(alive) and expected purchases), or says why not: too few
 * customers who bought again (`clv.tooLittleData` says how many are needed) or a fit that does not
 * settle (`clv.noFit`). Customers without a purchase are left out.
 */
export function fitPurchases(customers: ReadonlyArray<ClvCustomer>): { bgnbd: BgNbd; uniqueRows: number } | IssueDetail {
  const buyers = customers.filter((c) => c.bought);
  const repeat = buyers.filter((c) => c.x > 0).length;
  if (repeat < MIN_REPEAT_CUSTOMERS) return problem('clv.tooLittleData', { have: repeat, need: MIN_REPEAT_CUSTOMERS });
  const bg = fitBgNbd(buyers);
  return bg ? { bgnbd: bg.model, uniqueRows: bg.uniqueRows } : problem('clv.noFit', { model: 'BG/NBD' });
}

/** Both models (see fitPurchases), with a warning when spend per order is correlated with frequency, which the Gamma-Gamma assumes it is not. */
export function fitClv(customers: ReadonlyArray<ClvCustomer>): ClvModel | IssueDetail {
  const purchases = fitPurchases(customers);
  if ('code' in purchases) return purchases;
  const repeat = customers.filter((c) => c.bought && c.x > 0);
  const gg = fitGammaGamma(repeat);
  if (!gg) return problem('clv.noFit', { model: 'Gamma-Gamma' });
  const corr = correlation(
    repeat.map((c) => c.x),
    repeat.map((c) => c.monetary!),
  );
  const warnings = abs(corr) >= 0.3 ? [problem('clv.spendCorrelated', { correlation: corr.toFixed(2) })] : [];
  return { ...purchases, gammagamma: gg, warnings };
}

/**
 * One customer's prediction over `horizon` (in the model's unit): purchases expected in each
 * month of it, times the expected spend per order and the margin, discounted by `discountRate`
 * per month at the month's end (the last, partial month too). Null for a customer with no purchase.
 */
export function predictClv(
  model: ClvModel,
  c: ClvCustomer,
  { horizon, unit = 'weeks', discountRate = 0, margin = 1 }: { horizon: number; unit?: TimeUnit; discountRate?: number; margin?: number },
): ClvPrediction | null {
  if (!c.bought) return null;
  const bg = model.bgnbd;
  const expectedAverage = expectedAverageOrder(model.gammagamma, c.x, c.monetary);
  const month = monthIn(unit);
  let clv = 0;
  let before = 0;
  for (let m = 1; (m - 1) * month < horizon; m++) {
    const upTo = expectedPurchases(bg, min(m * month, horizon), c.x, c.tx, c.T);
    clv += (upTo - before) / (1 + discountRate) ** m;
    before = upTo;
  }
  return {
    pAlive: pAlive(bg, c.x, c.tx, c.T),
    expectedPurchases: before,
    expectedAverageOrder: expectedAverage,
    clv: clv * expectedAverage * margin,
  };
}
