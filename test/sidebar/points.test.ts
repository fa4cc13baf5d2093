/** The sidebar's points editor and group-by picker, as pure settings edits (src/sidebar/model.ts). */
import { crossCheck, defaultSettings, validateSettings } from '../../src/settings/settings';
import type { Settings } from '../../src/settings/schema';
import * as model from '../../src/sidebar/model';

function scoreOnCredit(): Settings {
  const s = defaultSettings('Customers');
  s.mode = 'score';
  s.source = { ...s.source, idColumn: 'Name', valueColumn: 'Sales' };
  s.score = { ...s.score, dimensions: [{ column: 'Credit', weight: 1, direction: 'higher' }] };
  return Object.freeze(s);
}

describe('distinct answers', () => {
  const table = {
    headers: ['Name', 'Credit'],
    rows: [
      ['a', 'AA'],
      ['b', ' aa '],
      ['c', 'B'],
      ['d', ''],
      ['e', null],
      ['f', '行业龙头'],
      ['g', 'b'],
      ['h', 'AA'],
    ],
  };
  it('lists the answers most frequent first (ties as first met), matched ignoring case and spaces, blanks left out', () => {
    expect(model.distinctAnswers(table, 'Credit')).toEqual([
      { answer: 'AA', count: 3 },
      { answer: 'B', count: 2 },
      { answer: '行业龙头', count: 1 },
    ]);
  });
  it('stops at the limit and knows no answers of a column the sheet does not have', () => {
    const many = { headers: ['x'], rows: Array.from({ length: 100 }, (_, i) => [`answer ${i % 50}`]) };
    expect(model.distinctAnswers(many, 'x')).toHaveLength(model.ANSWER_LIMIT);
    expect(model.distinctAnswers(table, 'Rating')).toEqual([]);
  });
});

describe('points per answer', () => {
  it('turns points on with an empty table (other answers 0) and off again back to numbers', () => {
    const on = model.usePoints(scoreOnCredit(), 0, true);
    expect(on.score.dimensions[0].points).toEqual({ answers: {}, other: 0 });
    expect(model.usePoints(on, 0, false).score.dimensions[0]).toEqual(scoreOnCredit().score.dimensions[0]);
  });

  it("sets an answer's points in the saved spelling, removes it when emptied, and sets the other answers' points", () => {
    let s = model.usePoints(scoreOnCredit(), 0, true);
    s = model.setAnswerPoints(s, 0, 'AA', '90');
    s = model.setAnswerPoints(s, 0, ' aa', '85,5');
    s = model.setAnswerPoints(s, 0, '行业龙头', '100');
    s = model.setAnswerPoints(s, 0, null, '10');
    expect(s.score.dimensions[0].points).toEqual({ answers: { AA: 85.5, 行业龙头: 100 }, other: 10 });
    s = model.setAnswerPoints(s, 0, '行业龙头', '');
    s = model.setAnswerPoints(s, 0, null, ' ');
    expect(s.score.dimensions[0].points).toEqual({ answers: { AA: 85.5 } });
    expect(validateSettings(s).ok).toBe(true);
    // Junk typed is kept as not-a-number, so saving names the box.
    const junk = model.setAnswerPoints(s, 0, 'AA', 'abc');
    const checked = validateSettings(junk);
    expect(checked.ok || checked.problems.map((p) => p.path)).toEqual(['score.dimensions.0.points.answers.AA']);
  });

  it('picks the column to tier within, and none', () => {
    const s = model.setGroupBy(scoreOnCredit(), 'Region');
    expect(s.groupBy).toBe('Region');
    expect(model.setGroupBy(s, '').groupBy).toBe('');
    expect(crossCheck(s)).toEqual([]);
  });

  it('offers an orders list its other columns beside the rolled-up figures', () => {
    const source = { ...scoreOnCredit().source, layout: 'orders' as const, dateColumn: 'Date' };
    expect(model.dimensionColumns(source, ['Name', 'Date', 'Sales', 'Region'])).toEqual([...model.ORDER_METRICS, 'Region']);
  });
});
