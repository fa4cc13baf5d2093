/**
 * Tiers within groups through runTiering, for every mode: a group's tiers equal the tiers of that
 * group alone (fast-check), permuting the groups changes nothing, and a group too small for its
 * method says so.
 */
import fc from 'fast-check';
import { runTiering, type TieringTable } from '../../src/pipeline/runTiering';
import { customerList } from '../../src/pipeline/customerList';
import { defaultSettings } from '../../src/settings/settings';
import type { Settings } from '../../src/settings/schema';

const HEADERS = ['Customer', 'Region', 'Revenue', 'Last purchase', 'Orders', 'Cost', 'Credit'];

function settingsFor(mode: string): Settings {
  const s = defaultSettings('Customers');
  s.source = {
    ...s.source,
    idColumn: 'Customer',
    valueColumn: 'Revenue',
    dateColumn: 'Last purchase',
    frequencyColumn: 'Orders',
    costColumn: 'Cost',
  };
  s.groupBy = 'Region';
  if (mode === 'rank') s.abc = { method: 'rank', cuts: [0.2, 0.5] };
  if (mode === 'computed') {
    s.abc = { method: 'computed', cuts: [] };
  }
  if (mode === 'score') {
    s.mode = 'score';
    s.score = {
      ...s.score,
      tierMethod: 'rank',
      cuts: [0.2, 0.5],
      dimensions: [
        { column: 'Revenue', weight: 2, direction: 'higher' },
        { column: 'Credit', weight: 1, direction: 'higher', points: { answers: { AAA: 100, BB: 40 }, other: 0 } },
      ],
    };
  }
  if (mode === 'rfm') {
    s.mode = 'rfm';
    s.rfm = { asOf: '2025-01-01' };
  }
  if (mode === 'valueGroups') s.mode = 'valueGroups';
  return s;
}

type Row = [string, string, number, string, number, number, string];
const row = fc.tuple(
  fc.constantFrom('North', 'south', 'South ', '华东', ''),
  fc.oneof(fc.integer({ min: -5, max: 50 }), fc.constantFrom(10, 10, 20)),
  fc.integer({ min: 0, max: 300 }),
  fc.integer({ min: 1, max: 9 }),
  fc.integer({ min: 0, max: 20 }),
  fc.constantFrom('AAA', 'bb', 'C'),
);
const tables = fc.array(row, { minLength: 1, maxLength: 40 }).map((rows) =>
  rows.map(([region, revenue, days, orders, cost, credit], i): Row => {
    const d = new Date(Date.UTC(2024, 11, 31) - days * 86400000).toISOString().slice(0, 10);
    return [`c${i}`, region, revenue, d, orders, cost, credit];
  }),
);
const table = (rows: Row[]): TieringTable => ({ headers: HEADERS, rows });
const keyOf = (region: string) => region.trim().toLowerCase();
const MODES = ['pareto', 'rank', 'computed', 'score', 'rfm', 'valueGroups'];

describe.each(MODES)('%s within groups', (mode) => {
  const s = settingsFor(mode);
  const labelKey = mode === 'rfm' ? 'segment' : mode === 'valueGroups' ? 'group' : 'tier';
  const alone = { ...s, groupBy: '' };

  it("gives each group's customers the tiers of that group alone", () => {
    fc.assert(
      fc.property(tables, (rows) => {
        const run = runTiering(s, table(rows));
        expect(run.errors).toEqual([]);
        const byId = new Map(run.perCustomer.ids.map((id, i) => [id, run.perCustomer.columns[labelKey]![i]]));
        for (const key of new Set(rows.map((r) => keyOf(r[1])))) {
          const members = rows.filter((r) => keyOf(r[1]) === key);
          const own = runTiering(alone, table(members));
          // RFM quintiles need 5 customers, computed ABC 3: smaller groups get a note instead of tiers.
          const small = (mode === 'rfm' && members.length < 5) || (mode === 'computed' && members.length < 3);
          own.perCustomer.ids.forEach((id, i) => {
            expect(byId.get(id)).toEqual(small ? null : own.perCustomer.columns[labelKey]![i]);
          });
        }
      }),
      { numRuns: 60 },
    );
  });

  it('gives the same tiers whatever the order of the rows and groups', () => {
    fc.assert(
      fc.property(tables, fc.infiniteStream(fc.nat()), (rows, picks) => {
        const shuffled = rows.slice();
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = picks.next().value % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
        }
        const tiers = (rs: Row[]) => {
          const run = runTiering(s, table(rs));
          return new Map(run.perCustomer.ids.map((id, i) => [id, run.perCustomer.columns[labelKey]![i]]));
        };
        expect(tiers(shuffled)).toEqual(tiers(rows));
      }),
      { numRuns: 40 },
    );
  });
});

describe('group outputs', () => {
  const rows: Row[] = [
    ['a', 'North', 100, '2024-12-01', 3, 0, 'AAA'],
    ['b', 'north ', 10, '2024-12-01', 3, 0, 'AAA'],
    ['c', 'South', 5, '2024-12-01', 3, 0, 'AAA'],
    ['d', 'South', 50, '2024-12-01', 3, 0, 'AAA'],
  ];
  const s = settingsFor('pareto');

  it('writes the group beside the tier, summarises each group and lists it in the customer list', () => {
    const run = runTiering(s, table(rows));
    expect(run.outputs.map((o) => o.key)).toEqual(['tier', 'within', 'rank', 'share']);
    expect(run.outputs[1]).toMatchObject({ header: 'Group', values: ['North', 'North', 'South', 'South'] });
    // Within each group the smaller customer holds 9% of the group's value: B; across everyone c would be C.
    expect(run.outputs[0].values).toEqual(['A', 'B', 'B', 'A']);
    expect(runTiering({ ...s, groupBy: '' }, table(rows)).outputs[0].values).toEqual(['A', 'B', 'C', 'A']);
    expect(run.groups!.map((g) => [g.name, g.summary.map((t) => t.customers)])).toEqual([
      ['North', [1, 1, 0]],
      ['South', [1, 1, 0]],
    ]);
    expect(run.summary.map((t) => t.customers)).toEqual([2, 2, 0]);
    const list = customerList(run, s, 'zh');
    const at = list.columns.findIndex((c) => c.key === 'within');
    expect(list.columns[at]).toMatchObject({ header: '分组' });
    expect(at).toBe(list.labelColumn + 1);
    expect(list.rows.map((r) => [r[0], r[at]])).toEqual([
      ['a', 'North'],
      ['d', 'South'],
      ['b', 'North'],
      ['c', 'South'],
    ]);
  });

  it('notes a group too small for RFM quintiles on its first row, and names a missing group column', () => {
    const rfm = settingsFor('rfm');
    const run = runTiering(rfm, table(rows));
    expect(run.issues.map((i) => [i.row, i.message])).toEqual([
      [2, 'group "North" has 2 customers, too few for RFM quintiles (at least 5)'],
      [4, 'group "South" has 2 customers, too few for RFM quintiles (at least 5)'],
    ]);
    expect(run.perCustomer.columns.segment).toEqual([null, null, null, null]);
    const missing = runTiering({ ...s, groupBy: 'Rep' }, table(rows));
    expect(missing.errors).toMatchObject([{ path: 'groupBy', code: 'settings.columnMissing' }]);
  });
});
