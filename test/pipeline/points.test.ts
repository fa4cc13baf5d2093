/** Score mode with a points table: settings check, the run (customers and orders lists), the credit preset, the size limit. */
import { runTiering } from '../../src/pipeline/runTiering';
import { applyPreset, defaultSettings, validateSettings } from '../../src/settings/settings';
import { CREDIT_RATING_POINTS } from '../../src/settings/constants';
import type { Settings } from '../../src/settings/schema';

function scoreSettings(): Settings {
  const s = defaultSettings('Customers');
  s.mode = 'score';
  s.source.idColumn = 'Customer';
  s.score = {
    ...s.score,
    tierMethod: 'threshold',
    cuts: [75, 40],
    dimensions: [{ column: 'Influence', weight: 1, direction: 'higher', points: { answers: { 行业龙头: 100, Regional: 60 }, other: 20 } }],
  };
  return s;
}
const table = {
  headers: ['Customer', 'Influence'],
  rows: [
    ['a', '行业龙头'],
    ['b', ' regional '],
    ['c', 'Local'],
    ['d', ''],
  ],
};

describe('a points dimension in a run', () => {
  it('scores each answer by its points, notes the blank one by its row', () => {
    const run = runTiering(scoreSettings(), table);
    expect(run.errors).toEqual([]);
    expect(run.outputs.find((o) => o.key === 'score')!.values).toEqual([100, 50, 0, null]);
    expect(run.outputs.find((o) => o.key === 'tier')!.values).toEqual(['A', 'B', 'C', null]);
    expect(run.issues.map((i) => [i.row, i.code])).toEqual([
      [5, 'points.blank'],
      [5, 'score.allBlank'],
    ]);
    expect(run.issues[0].column).toBe('Influence');
  });

  it("takes an orders list's first answer per customer", () => {
    const s = scoreSettings();
    s.source = { ...s.source, layout: 'orders', valueColumn: 'Amount', dateColumn: '' };
    const orders = {
      headers: ['Customer', 'Amount', 'Influence'],
      rows: [
        ['a', 10, ''],
        ['b', 5, 'Regional'],
        ['a', 7, '行业龙头'],
        ['b', 1, 'Local'],
      ],
    };
    const run = runTiering(s, orders);
    expect(run.errors).toEqual([]);
    expect(run.perCustomer.ids).toEqual(['a', 'b']);
    expect(run.perCustomer.columns.score).toEqual([100, 50]);
  });

  it('settings without a points table or a group column load as before', () => {
    const s = scoreSettings() as Partial<Settings>;
    delete s.groupBy;
    const checked = validateSettings(s);
    expect(checked.ok && checked.settings.groupBy).toBe('');
  });
});

describe('the credit-rating preset', () => {
  it('scores a rating column by the AAA..C points table', () => {
    const s = applyPreset(defaultSettings('Customers'), 'creditRating', ['Customer', 'Revenue', '信用评级']);
    expect(s.score.dimensions).toEqual([
      { column: '信用评级', weight: 1, direction: 'higher', points: { answers: CREDIT_RATING_POINTS, other: 0 } },
    ]);
    expect(Object.keys(CREDIT_RATING_POINTS)).toEqual(['AAA', 'AA', 'A', 'BBB', 'BB', 'B', 'CCC', 'CC', 'C']);
    const run = runTiering(
      { ...s, source: { ...s.source, idColumn: 'Customer' } },
      {
        headers: ['Customer', 'Revenue', '信用评级'],
        rows: [
          ['x', 1, 'aaa'],
          ['y', 2, 'BB'],
          ['z', 3, 'C'],
        ],
      },
    );
    expect(run.errors).toEqual([]);
    expect(run.perCustomer.columns.score).toEqual([100, 60, 20]);
    expect(run.perCustomer.columns.tier).toEqual(['AAA', 'A', 'C']); // cuts 85, 70, 55, 40
  });

  it('gives an existing rating dimension the table and leaves settings without one as they were', () => {
    const s = defaultSettings('Customers');
    s.score.dimensions = [{ column: 'Credit', weight: 2, direction: 'higher' }];
    expect(applyPreset(s, 'creditRating').score.dimensions[0]).toMatchObject({ column: 'Credit', weight: 2, points: { other: 0 } });
    expect(applyPreset(defaultSettings(), 'creditRating', ['Revenue']).score.dimensions).toEqual([]);
  });
});
