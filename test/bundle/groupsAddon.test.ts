/** Tiers within groups and points tables through the menu, on the harness: data columns, customer list, summary per group. */
import { createFakeGas, getSheet, sheetSnapshot, type FakeGas } from '../../harness/fakeGas';
import { loadBundle, invoke, type BundleContext } from '../../harness/loadBundle';
import { defaultSettings } from '../../src/settings/settings';
import { runTiering } from '../../src/pipeline/runTiering';

const REGIONS = ['North', 'South', '华东'];
function customerSheet(n: number): unknown[][] {
  const rows: unknown[][] = [['Customer', 'Revenue', 'Region']];
  for (let i = 0; i < n; i++) rows.push([`C${i}`, ((i * 7919) % 1000) + 1, REGIONS[i % 3]]);
  return rows;
}

function start(n = 30): { fake: FakeGas; ctx: BundleContext; settings: ReturnType<typeof defaultSettings> } {
  const fake = createFakeGas({ sheets: { Customers: customerSheet(n) } });
  const ctx = loadBundle(fake);
  invoke(fake, ctx, 'onOpen', {});
  const settings = defaultSettings('Customers');
  settings.source.idColumn = 'Customer';
  settings.source.valueColumn = 'Revenue';
  settings.groupBy = 'Region';
  expect(invoke(fake, ctx, 'sidebarSaveSettings', settings)).toEqual({ ok: true, messages: [] });
  invoke(fake, ctx, 'tierCustomersNow');
  return { fake, ctx, settings };
}

describe('tiers within groups, by the menu', () => {
  const { fake, settings } = start();
  const expected = runTiering(settings, { headers: customerSheet(30)[0] as string[], rows: customerSheet(30).slice(1) as never });

  it('writes the group beside the tier, each tier computed within its region', () => {
    const data = getSheet(fake, 'Customers').getDataRange().getValues();
    expect(data[0].slice(3, 5)).toEqual(['Tier', 'Group']);
    expect(data.slice(1).map((r) => r[3])).toEqual(expected.outputs[0].values);
    expect(data.slice(1).map((r) => r[4])).toEqual(data.slice(1).map((r) => r[2]));
  });

  it('has the overall per-tier table and one per group on the summary, each adding up to its customers', () => {
    const summary = sheetSnapshot(getSheet(fake, 'Tier summary')).values;
    const titles = summary.map((r) => String(r[0])).filter((t) => t.startsWith('Region: '));
    expect(titles).toEqual(REGIONS.map((r) => `Region: ${r} (10 customers)`));
    // Per group: its tier rows follow its title and header, counts sum to the group, value shares to 1.
    for (const [g, title] of titles.entries()) {
      const at = summary.findIndex((r) => r[0] === title);
      const rows = summary.slice(at + 1).findIndex((r) => r[0] === 'Tier');
      const tiers = summary.slice(at + rows + 2, at + rows + 5);
      expect(tiers.map((r) => r[0])).toEqual(['A', 'B', 'C']);
      expect(tiers.map((r) => r[1])).toEqual(expected.groups![g].summary.map((t) => t.customers));
      expect(tiers.reduce((s, r) => s + Number(r[4]), 0)).toBeCloseTo(1, 9);
    }
  });

  it('puts the group in the customer list, where the filter covers it', () => {
    const list = getSheet(fake, 'Customer list');
    const header = list.getRange(1, 1, 1, list.getLastColumn()).getValues()[0];
    const at = header.indexOf('Group');
    expect(at).toBe(header.indexOf('Tier') + 1);
    expect(list.getFilter()!.getRange().getNumColumns()).toBe(header.length);
    const groups = list
      .getRange(2, at + 1, 30, 1)
      .getValues()
      .map((r) => r[0]);
    expect(new Set(groups)).toEqual(new Set(REGIONS));
  });
});
