/** The customer list: one row per customer, best first, with the figures behind the tier. */
import { customerList } from '../../src/pipeline/customerList';
import { runTiering } from '../../src/pipeline/runTiering';
import { sampleOrders } from '../../src/sample/generate';
import { suggestColumns } from '../../src/settings/columns';
import { defaultSettings } from '../../src/settings/settings';
import { DEFAULT_RFM_SEGMENT_RULES } from '../../src/engine/rfm';
import { RFM_SEGMENT_NAMES } from '../../src/engine/labels';

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
      'Why',
      'Total',
      'Share of value',
      'Cumulative share',
      'Rank',
      'Orders',
      'Action',
    ]);
    expect(list.rows).toHaveLength(run.perCustomer.ids.length);
    const tiers = list.rows.map((r) => r[1]);
    expect(tiers).toEqual([...tiers].sort());
    for (let i = 1; i < list.rows.length; i++) {
      if (tiers[i] === tiers[i - 1]) expect(Number(list.rows[i][3])).toBeLessThanOrEqual(Number(list.rows[i - 1][3]));
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

  it('gives orders, and where the run read dates (RFM) first and last order (serial days) and days since', () => {
    expect(col('First order')).toBe(-1); // ABC reads no dates
    const rfm = sample('rfm');
    const withDates = customerList(runTiering(rfm.settings, rfm.table), rfm.settings, 'en');
    const at = (header: string) => withDates.columns.findIndex((c) => c.header === header);
    for (const row of withDates.rows.slice(0, 20)) {
      expect(Number(row[at('Orders')])).toBeGreaterThan(0);
      expect(Number(row[at('First order')])).toBeLessThanOrEqual(Number(row[at('Last order')]));
      expect(Number(row[at('Recency (days)')])).toBeGreaterThanOrEqual(0);
    }
    expect(withDates.columns[at('First order')].date).toBe(true);
  });

  it('in RFM mode shows R, F, M and the code, in Chinese when asked', () => {
    const rfm = sample('rfm');
    const zh = customerList(runTiering(rfm.settings, rfm.table, { language: 'zh' }), rfm.settings, 'zh');
    expect(zh.columns.map((c) => c.header)).toEqual(expect.arrayContaining(['客户', 'RFM 细分', 'R', 'F', 'M', 'RFM 代码', '行动']));
  });
});

describe('why a customer is in its tier', () => {
  const percentIn = (text: string) => [...text.matchAll(/(\d+\.\d)%/g)].map((m) => Number(m[1]));

  it('pareto: the share of value before the customer, against the cut that placed it, for every customer', () => {
    const { settings, table } = sample();
    const list = customerList(runTiering(settings, table), settings, 'en');
    const why = list.columns.findIndex((c) => c.key === 'why');
    const total = list.columns.findIndex((c) => c.key === 'value');
    let sumBefore = 0;
    let previousValue = Number.POSITIVE_INFINITY;
    let aboveValue = 0;
    for (const row of list.rows) {
      const text = String(row[why]);
      const value = Number(row[total]);
      if (row[1] === null) continue;
      if (value < previousValue) aboveValue = sumBefore; // ties share the value above their group
      previousValue = value;
      if (value > 0) {
        const [before, cut] = percentIn(text);
        expect(before).toBeCloseTo(Math.round((aboveValue / run_total(list, total)) * 1000) / 10, 5);
        expect(cut).toBe(row[1] === 'A' ? 80 : 95);
        expect(text).toMatch(row[1] === 'C' ? / ≥ 95\.0%$/ : / < (80|95)\.0%$/);
        if (row[1] === 'A') expect(before).toBeLessThan(80);
        if (row[1] === 'B') expect(before).toBeGreaterThanOrEqual(80);
      } else expect(text).toBe('no positive value: the last tier');
      sumBefore += Math.max(0, value);
    }
  });

  it('rank: the share of customers ranked above, in Chinese too', () => {
    const { settings, table } = sample();
    settings.abc = { method: 'rank', cuts: [0.05, 0.2] };
    const run = runTiering(settings, table);
    const zh = customerList(run, settings, 'zh');
    const why = zh.columns.findIndex((c) => c.key === 'why');
    expect(zh.columns[why].header).toBe('原因');
    const first = zh.rows[0];
    expect(first[why]).toMatch(/^排在其前的客户占 0\.0%（\d+ 位中的 0 位）< 5\.0%$/);
    // The first customer of tier B has at least 5% of the customers above it.
    const firstB = zh.rows.find((r) => r[1] === 'B')!;
    expect(Number(/占 (\d+\.\d)%/.exec(String(firstB[why]))![1])).toBeGreaterThanOrEqual(5);
  });

  it('RFM: the scores, the segment and the rule that matched', () => {
    const { settings, table } = sample('rfm');
    const list = customerList(runTiering(settings, table), settings, 'en');
    const why = list.columns.findIndex((c) => c.key === 'why');
    const [r, f, m] = ['r', 'f', 'm'].map((k) => list.columns.findIndex((c) => c.key === k));
    for (const row of list.rows.filter((x) => x[1] !== null).slice(0, 50)) {
      const match = /^R(\d) F(\d) M(\d) → (.+) \(rule (\d+)\)$/.exec(String(row[why]))!;
      expect(match).not.toBeNull();
      expect(match.slice(1, 4).map(Number)).toEqual([row[r], row[f], row[m]]);
      expect(match[4]).toBe(row[1]);
      const rule = DEFAULT_RFM_SEGMENT_RULES[Number(match[5]) - 1];
      expect(RFM_SEGMENT_NAMES[rule.segment][0]).toBe(row[1]);
      expect([rule.r, rule.f, rule.m].every(([lo, hi], k) => Number(row[[r, f, m][k]]) >= lo && Number(row[[r, f, m][k]]) <= hi)).toBe(
        true,
      );
    }
  });

  it('weighted score: each indicator with its weight share and percentile, which add up to the score', () => {
    const headers = ['Customer', 'Spend', 'Orders', 'Days since'];
    const rows = Array.from({ length: 40 }, (_, i) => [`C${i}`, (i * 37) % 23, i % 7, i === 5 ? null : (i * 11) % 29]);
    const settings = defaultSettings('Customers');
    settings.mode = 'score';
    settings.source = { ...settings.source, layout: 'customers', idColumn: 'Customer', valueColumn: 'Spend' };
    settings.score = {
      ...settings.score,
      dimensions: [
        { column: 'Spend', weight: 2, direction: 'higher' },
        { column: 'Orders', weight: 1, direction: 'higher' },
        { column: 'Days since', weight: 1, direction: 'lower' },
      ],
    };
    const list = customerList(runTiering(settings, { headers, rows }), settings, 'en');
    const why = list.columns.findIndex((c) => c.key === 'why');
    const score = list.columns.findIndex((c) => c.key === 'score');
    for (const row of list.rows) {
      const text = String(row[why]);
      expect(text).toMatch(/^score \d+\.\d \(Spend 50%: \d+(st|nd|rd|th) percentile; Orders 25%: .+; Days since 25%: .+\)$/);
      const parts = [...text.matchAll(/(\d+)% ?: (\d+)(?:st|nd|rd|th) percentile/g)].map((m) => [Number(m[1]) / 100, Number(m[2])]);
      if (row[0] === 'C5') {
        expect(text).toContain('Days since 25%: blank, left out');
        // The blank indicator is left out and the others' weights renormalised.
        const weight = parts.reduce((s, [w]) => s + w, 0);
        expect(Math.abs(parts.reduce((s, [w, p]) => s + w * p, 0) / weight - Number(row[score]))).toBeLessThanOrEqual(0.6);
      } else {
        expect(Math.abs(parts.reduce((s, [w, p]) => s + w * p, 0) - Number(row[score]))).toBeLessThanOrEqual(0.6);
      }
    }
    const zh = customerList(runTiering({ ...settings, language: 'zh' }, { headers, rows }), settings, 'zh');
    expect(String(zh.rows[0][why])).toMatch(/^综合得分 \d+\.\d（Spend 50%：第 \d+ 百分位；Orders 25%：第 \d+ 百分位；Days since 25%：/);
  });
});

/** The positive total of a list's value column, summed here. */
function run_total(list: ReturnType<typeof customerList>, column: number): number {
  return list.rows.reduce((s, row) => s + Math.max(0, Number(row[column] ?? 0)), 0);
}
