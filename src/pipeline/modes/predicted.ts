/**
 * Predicted value: the BG/NBD and Gamma-Gamma models (src/engine/clv.ts) fitted on the orders up to
 * the as-of date, each customer's discounted value over the next `horizon` weeks, and ABC tiers
 * (pareto, rank, threshold) over that predicted value. Orders after the as-of date check the fit.
 */
import { abcTiers } from '../../engine/abc';
import { parseDate } from '../../engine/cells';
import { clvRollup, expectedPurchases, fitClv, predictClv } from '../../engine/clv';
import { findHeader } from '../../settings/columns';
import { tierColours } from './abc';
import type { RunContext } from '../context';
import type { TieringMode } from './mode';

/** Per-customer figures of a prediction written beside the tier. */
const FIGURES = ['pAlive', 'expectedPurchases', 'expectedAverageOrder'] as const;
/** How many top-tier customers at risk the summary lists. */
const AT_RISK = 10;

/**
 * The models fitted on the table's orders up to the as-of date and each customer's prediction over
 * `settings.predicted`, or why the models cannot be fitted. The same roll-up as readCustomers (same
 * rows, as-of date): the same customers in the same order. Also what value groups' MGC uses.
 */
export function predictOrders(ctx: RunContext) {
  const { source, predicted, rfm } = ctx.settings;
  const cells = (name: string) => ctx.cells(findHeader(ctx.table.headers, name));
  const asOf = parseDate(rfm.asOf);
  const orders = [cells(source.idColumn), cells(source.dateColumn), cells(source.valueColumn)] as const;
  const rolled = clvRollup(...orders, { asOf: asOf.kind === 'value' ? asOf.value : undefined });
  const model = fitClv(rolled.customers);
  return 'code' in model ? model : { orders, rolled, model, p: rolled.customers.map((c) => predictClv(model, c, predicted)) };
}

export const predictedMode: TieringMode = {
  run(ctx) {
    const { abc, tiers } = ctx.settings;
    const fit = predictOrders(ctx);
    if ('code' in fit) {
      ctx.error('mode', fit.code, fit.params);
      return null;
    }
    const { rolled, model, p } = fit;
    const value = p.map((x) => x?.clv ?? null);
    const result = abcTiers(value, {
      method: abc.method,
      cuts: abc.method === 'computed' ? undefined : abc.cuts,
      labels: tiers.map((t) => t.label),
    });
    const keys = result.tier.map((t) => (t === null ? null : result.labels[t]));
    const weeks = (rolled.end - rolled.asOf) / 7;
    const sum = (f: (c: (typeof rolled.customers)[number]) => number) => rolled.customers.reduce((s, c) => s + (c.bought ? f(c) : 0), 0);
    return {
      keys,
      order: result.labels,
      colours: tierColours(tiers),
      columns: ['tier', ...FIGURES, 'predictedValue'],
      labelColumn: 'tier',
      values: { ...Object.fromEntries(FIGURES.map((k) => [k, p.map((x) => x?.[k] ?? null)])), predictedValue: value },
      value,
      predicted: {
        bgnbd: model.bgnbd,
        gammagamma: model.gammagamma,
        warnings: model.warnings,
        holdout:
          weeks > 0
            ? { weeks, expected: sum((c) => expectedPurchases(model.bgnbd, weeks, c.x, c.tx, c.T)), actual: sum((c) => c.holdout) }
            : null,
        atRisk: rolled.customers
          .flatMap((c, i) => (keys[i] === result.labels[0] ? [{ id: c.id, pAlive: p[i]!.pAlive, value: value[i]! }] : []))
          .sort((a, b) => a.pAlive - b.pAlive)
          .slice(0, AT_RISK),
      },
    };
  },
  label: (key) => key,
};
