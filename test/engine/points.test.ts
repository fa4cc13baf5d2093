/** Points per answer: matching, defaults, blanks, the fixed scale they put on the score. */
import { answerPoints } from '../../src/engine/points';
import { weightedScore } from '../../src/engine/score';

const influence = { answers: { 行业龙头: 100, 'Industry leader': 100, Regional: 60 }, other: 20 };

describe('answerPoints', () => {
  it('matches answers ignoring case and surrounding spaces, in English and Chinese', () => {
    const out = answerPoints([' industry LEADER ', '行业龙头', '　行业龙头　', 'regional', 'Local shop'], influence, 'Influence');
    expect(out.values).toEqual([100, 100, 100, 60, 20]);
    expect(out.issues).toEqual([]);
    expect(out.scale).toEqual([20, 100]);
  });

  it('notes a blank answer, and an unlisted one when the table gives no points for other answers', () => {
    const out = answerPoints(['AAA', '', null, 'D'], { answers: { AAA: 100, C: 0 } }, 'Credit');
    expect(out.values).toEqual([100, null, null, null]);
    expect(out.issues).toEqual([
      { row: 1, column: 'Credit', code: 'points.blank' },
      { row: 2, column: 'Credit', code: 'points.blank' },
      { row: 3, column: 'Credit', code: 'points.unknownAnswer', params: { answer: 'D' } },
    ]);
  });

  it('takes the last line of an answer listed twice', () => {
    expect(answerPoints(['AAA'], { answers: { AAA: 100, ' aaa': 90 } }).values).toEqual([90]);
  });
});

describe('a points dimension in the weighted score', () => {
  it('counts points on the table scale, whatever the other customers answered', () => {
    const table = { answers: { AAA: 100, BBB: 70, C: 20 }, other: 0 };
    // Everyone AAA: a percentile would make it 50; the table makes it full marks.
    const allTop = answerPoints(['AAA', 'aaa'], table);
    expect(weightedScore([{ name: 'credit', values: allTop.values, weight: 1, scale: allTop.scale }]).score).toEqual([100, 100]);
    const mixed = answerPoints(['BBB', 'unknown', 'C'], table);
    expect(weightedScore([{ name: 'credit', values: mixed.values, weight: 1, scale: mixed.scale }]).score).toEqual([70, 0, 20]);
    // Lower is better mirrors the scale.
    const lower = weightedScore([{ name: 'c', values: mixed.values, weight: 1, scale: mixed.scale, direction: 'lower' }]).score;
    expect(lower.map((s) => Math.round(s! * 1e9) / 1e9)).toEqual([30, 100, 80]);
  });
});
