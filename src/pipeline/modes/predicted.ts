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
import type { TieringMode } from './mode';

/** How many top-tier customers at risk the summary lists. */
const AT_RISK = 10;

export const predictedMode: TieringMode = {
  run(ctx) {
    const { source, abc, tiers, predicted, rfm } = ctx.settings;
    const cells = (name: string) => ctx.cells(findHeader(ctx.table.headers, name));
    const asOf = parseDate(rfm.asOf);
    // The same roll-up as readCustomers (same rows, as-of date): the same customers in the same order.
    const rolled = clvRollup(cells(source.idColumn), cells(source.dateColumn), cells(source.valueColumn), {
      asOf: asOf.kind === 'value' ? asOf.value : undefined,
    });
    const model = fitClv(rolled.customers);
    if ('code' in model) {
      ctx.error('mode', model.code, model.params);
      return null;
    }
    const p = rolled.customers.map((c) => predictClv(model, c, predicted));
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
      columns: ['tier', 'pAlive', 'expectedPurchases', 'expectedAverageOrder', 'predictedValue'],
      labelColumn: 'tier',
      values: {
        pAlive: p.map((x) => x?.pAlive ?? null),
        expectedPurchases: p.map((x) => x?.expectedPurchases ?? null),
        expectedAverageOrder: p.map((x) => x?.expectedAverageOrder ?? null),
        predictedValue: value,
      },
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
