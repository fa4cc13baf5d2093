/**
 * The Predicted value mode through runTiering (the run the add-on, the sidebar preview and the
 * CLI share), on the CDNOW sample laid out as a sheet would hold it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { abcTiers } from '../../src/engine/abc';
import { settingText } from '../../src/i18n/issues';
import { runTiering, type TieringTable } from '../../src/pipeline/runTiering';
import { customerList } from '../../src/pipeline/customerList';
import { defaultSettings, loadSettings, validateSettings } from '../../src/settings/settings';
import { sampleOrders } from '../../src/sample/generate';
import { suggestColumns } from '../../src/settings/columns';

const rows = readFileSync(path.resolve(__dirname, '../../../shared/data/CDNOW_sample.txt'), 'utf8')
  .split(/\r?\n/)
  .map((l) => l.trim())
  .filter((l) => l !== '')
  .map((l) => l.split(/\s+/));
const table: TieringTable = {
  headers: ['Customer', 'Date', 'CDs', 'Amount'],
  rows: rows.map((r) => [r[0], Number(r[2]), Number(r[3]), Number(r[4])]),
};

function settingsFor(asOf: string) {
  const settings = defaultSettings('CDNOW');
  settings.mode = 'predicted';
  settings.source = { ...settings.source, layout: 'orders', idColumn: 'Customer', dateColumn: 'Date', valueColumn: 'Amount' };
  settings.rfm.asOf = asOf;
  return settings;
}

describe('Predicted value on the CDNOW sample, as of 1997-09-30', () => {
  const settings = settingsFor('1997-09-30');
  const run = runTiering(settings, table);

  test('valid settings; no row is skipped: the orders after the as-of date are the holdout', () => {
    expect(validateSettings(settings).ok).toBe(true);
    expect(run.errors).toEqual([]);
    expect(run.issues).toEqual([]);
    expect(run.perCustomer.ids).toHaveLength(2357);
  });

  test("the customer list shows each customer's predictions beside the tier, as the data sheet does", () => {
    const list = customerList(run, settings, 'en');
    const at = (key: string) => list.columns.findIndex((c) => c.key === key);
    expect(list.columns.map((c) => c.header)).toEqual(
      expect.arrayContaining(['P(alive)', 'Expected purchases', 'Expected average order', 'Predicted value']),
    );
    const i = run.perCustomer.ids.indexOf(String(list.rows[0][at('id')]));
    expect(list.rows[0][at('pAlive')]).toBe(run.perCustomer.columns.pAlive![i]);
    expect(list.rows[0][at('predictedValue')]).toBe(run.perCustomer.columns.predictedValue![i]);
    expect(list.columns[at('pAlive')].format).toBe('0%');
  });

  test('the summary carries the published parameters and the holdout check', () => {
    const { bgnbd, gammagamma, holdout } = run.predicted!;
    expect(bgnbd.r.toFixed(3)).toBe('0.243');
    expect(bgnbd.alpha.toFixed(2)).toBe('4.41');
    expect(gammagamma.p.toFixed(2)).toBe('6.25');
    const later = new Set(rows.filter((r) => r[2] > '19970930').map((r) => `${r[0]} ${r[2]}`));
    expect(holdout!.actual).toBe(later.size);
    // The data run to 1998-06-30: 39 weeks after the as-of date.
    expect(holdout!.weeks).toBeCloseTo(39, 5);
    expect(Math.abs(holdout!.expected / holdout!.actual - 1)).toBeLessThan(0.15);
  });

  test('tiers are pareto tiers of the predicted value, written per order row with the predictions', () => {
    const value = run.perCustomer.columns.predictedValue as (number | null)[];
    const expected = abcTiers(value, { method: 'pareto', cuts: settings.abc.cuts, labels: settings.tiers.map((t) => t.label) });
    expect(run.perCustomer.columns.tier).toEqual(expected.tier.map((t) => (t === null ? null : expected.labels[t])));
    expect(run.outputs.map((o) => o.header)).toEqual([
      'Tier',
      'P(alive)',
      'Expected purchases',
      'Expected average order',
      'Predicted value',
    ]);
    expect(run.outputs[0].values).toHaveLength(rows.length);
    // The summary's value is the predicted value.
    expect(run.totals.value).toBeCloseTo(
      value.reduce((s: number, v) => s + Math.max(0, v ?? 0), 0),
      6,
    );
  });

  test('the top-tier customers most likely to be lost: in the top tier, lowest P(alive) first', () => {
    const { atRisk } = run.predicted!;
    expect(atRisk.length).toBe(10);
    const tierOf = new Map(run.perCustomer.ids.map((id, i) => [id, run.perCustomer.columns.tier![i]]));
    expect(atRisk.every((c) => tierOf.get(c.id) === run.order[0])).toBe(true);
    expect(atRisk.map((c) => c.pAlive)).toEqual([...atRisk.map((c) => c.pAlive)].sort((a, b) => a - b));
  });
});

describe('Predicted value needs', () => {
  test('an orders list', () => {
    const settings = settingsFor('');
    settings.source.layout = 'customers';
    const run = runTiering(settings, table);
    expect(run.errors.map((e) => settingText(e, 'en'))[0]).toMatch(/predicted value needs an orders list/);
  });

  test('enough customers who bought again, and says how many', () => {
    const run = runTiering(settingsFor(''), { headers: table.headers, rows: table.rows.slice(0, 30) });
    expect(run.errors.map((e) => settingText(e, 'en'))[0]).toMatch(/needs 20 customers who bought on 2\+ days; there are \d+/);
  });

  test('runs on the built-in sample orders without an as-of date (no holdout)', () => {
    const sample = sampleOrders();
    const settings = defaultSettings('Sample orders');
    settings.source = { ...settings.source, ...suggestColumns(sample.headers, sample.rows) };
    settings.mode = 'predicted';
    const run = runTiering(settings, { headers: sample.headers, rows: sample.rows });
    expect(run.errors).toEqual([]);
    expect(run.predicted!.holdout).toBeNull();
    expect(run.customers.length).toBeGreaterThan(100);
  });
});

describe('settings', () => {
  test('settings saved before this mode existed load unchanged, with the default horizon and discount', () => {
    const old: Record<string, unknown> = { ...defaultSettings('x') };
    delete old.predicted;
    const loaded = loadSettings(JSON.stringify(old), 'x');
    expect(loaded).toMatchObject({ messages: [], damaged: false });
    expect(loaded.settings.predicted).toEqual({ horizon: 39, discountRate: 0.01 });
  });

  test('a horizon of 0 weeks or a discount of 100% a month is refused', () => {
    for (const predicted of [
      { horizon: 0, discountRate: 0.01 },
      { horizon: 39, discountRate: 1 },
    ]) {
      const result = validateSettings({ ...settingsFor(''), predicted });
      expect(result.ok).toBe(false);
    }
  });
});
