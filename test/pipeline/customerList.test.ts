/** The customer list: one row per customer, best first, with the figures behind the tier. */
import { customerList } from '../../src/pipeline/customerList';
import { runTiering } from '../../src/pipeline/runTiering';
import { sampleOrders } from '../../src/sample/generate';
import { suggestColumns } from '../../src/settings/columns';
import { defaultSettings } from '../../src/settings/settings';

function sample(mode: 'abc' | 'rfm' = 'abc') {
  const { headers, rows } = sampleOrders();
  const settings = defaultSettings('Sample orders');
  settings.source = { ...settings.source, ...suggestColumns(headers, rows) };
  settings.mode = mode;
  settings.playbook = { A: 'Call them every month' };
  return { settings, table: { headers, rows } };
}

describe('the customer list of an orders list', () => {
  const { settings, table } = sample();
  const run = runTiering(settings, table);
  const list = customerList(run, settings, 'en');
  const col = (header: string) => list.columns.findIndex((c) => c.header === header);

  it('has one row per customer, best first: by tier, then by value', () => {
    expect(list.columns.map((c) => c.header)).toEqual([
      'Customer',
      'Tier',
      'Total',
      'Share of value',
      'Cumulative share',
      'Rank',
      'Orders',
      'First order',
      'Last order',
      'Recency (days)',
      'Action',
    ]);
    expect(list.rows).toHaveLength(run.perCustomer.ids.length);
    const tiers = list.rows.map((r) => r[1]);
    expect(tiers).toEqual([...tiers].sort());
    for (let i = 1; i < list.rows.length; i++) {
      if (tiers[i] === tiers[i - 1]) expect(Number(list.rows[i][2])).toBeLessThanOrEqual(Number(list.rows[i - 1][2]));
    }
    expect(list.firstRowOf.get('A')).toBe(0);
    expect(list.rows[list.firstRowOf.get('B')!][1]).toBe('B');
  });

  it('adds up: shares of value sum to 1 and the cumulative share ends at 1; the counts match the summary', () => {
    const shares = list.rows.map((r) => Number(r[col('Share of value')]));
    expect(shares.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 9);
    expect(Number(list.rows[list.rows.length - 1][col('Cumulative share')])).toBeCloseTo(1, 9);
    for (const tier of run.summary) expect(list.rows.filter((r) => r[1] === tier.label)).toHaveLength(tier.customers);
  });

  it("says what the business does for each tier: the user's own action, else the built-in one", () => {
    const action = col('Action');
    expect(list.rows.find((r) => r[1] === 'A')![action]).toBe('Call them every month');
    expect(list.rows.find((r) => r[1] === 'C')![action]).toMatch(/^Ordinary customers/);
  });

  it('gives orders, first and last order (serial days) and days since the last order from the roll-up', () => {
    const orders = col('Orders');
    const first = col('First order');
    const last = col('Last order');
    for (const row of list.rows.slice(0, 20)) {
      expect(Number(row[orders])).toBeGreaterThan(0);
      expect(Number(row[first])).toBeLessThanOrEqual(Number(row[last]));
    }
    expect(list.columns[first].date).toBe(true);
  });

  it('in RFM mode shows R, F, M and the code, in Chinese when asked', () => {
    const rfm = sample('rfm');
    const zh = customerList(runTiering(rfm.settings, rfm.table, { language: 'zh' }), rfm.settings, 'zh');
    expect(zh.columns.map((c) => c.header)).toEqual(expect.arrayContaining(['客户', 'RFM 细分', 'R', 'F', 'M', 'RFM 代码', '行动']));
  });
});
