import { issueText, IssueError } from '../../src/i18n/issues';
import { tierChange, tierChanges, migrationMatrix, knownTierOrder } from '../../src/engine/change';

const ORDER = ['A', 'B', 'C'];

describe('tierChange', () => {
  test.each<[string | null, string | null, string | null]>([
    ['B', 'A', 'upgrade'],
    ['C', 'A', 'upgrade'],
    ['A', 'C', 'downgrade'],
    ['B', 'B', 'same'],
    [null, 'C', 'new'],
    ['', 'B', 'new'],
    ['A', null, 'lost'],
    ['A', '  ', 'lost'],
    [null, null, null],
    [' ', '', null],
  ])('%p -> %p is %p', (previous, current, expected) => {
    expect(tierChange(previous, current, ORDER)).toBe(expected);
  });

  test('labels are compared trimmed and case-insensitively', () => {
    expect(tierChange(' b ', 'a', ORDER)).toBe('upgrade');
    expect(tierChange('gold', 'Silver', ['Gold', 'Silver', 'Bronze'])).toBe('downgrade');
  });

  test('unknown labels throw a message naming the label and the known tiers', () => {
    expect(thrownText(() => tierChange('A', 'Z', ORDER))).toBe('Unknown tier "Z": expected one of A, B, C');
    expect(thrownText(() => tierChange('Q', null, ORDER))).toMatch(/"Q"/);
    expect(thrownText(() => tierChange(null, 'Q', ORDER))).toMatch(/"Q"/);
  });

  test('a bad tier order throws', () => {
    expect(() => tierChange('A', 'B', ['A', 'a'])).toThrow(/twice/);
    expect(() => tierChange('A', 'B', ['A', ''])).toThrow(/entry 2 is empty/);
  });
});

describe('tierChanges', () => {
  test('row by row, unknown labels become null with a 0-based row issue', () => {
    const r = tierChanges(['A', 'B', null, 'X', 'C'], ['B', 'A', 'C', 'A', null], ORDER);
    expect(r.changes).toEqual(['downgrade', 'upgrade', 'new', null, 'lost']);
    expect(r.issues).toMatchObject([{ row: 3, code: 'change.unknownTier' }]);
    expect(issueText(r.issues[0], 'en')).toBe('Unknown tier "X": expected one of A, B, C');
  });

  test('columns of different length: missing cells are blank, and it is reported', () => {
    const r = tierChanges(['A', 'B'], ['A'], ORDER);
    expect(r.changes).toEqual(['same', 'lost']);
    expect(issueText(r.issues[0], 'en')).toMatch(/differ in length/);
  });
});

describe('migrationMatrix', () => {
  test('counts moves, new and lost customers', () => {
    const previous = new Map([
      ['c1', 'A'],
      ['c2', 'A'],
      ['c3', 'B'],
      ['c4', 'C'],
      ['c5', 'C'],
    ]);
    const current = new Map([
      ['c1', 'A'], // same
      ['c2', 'b'], // downgrade (case-insensitive)
      ['c3', 'A'], // upgrade
      ['c4', 'A'], // upgrade
      // c5 lost
      ['c6', 'C'], // new
      ['c7', 'B'], // new
    ]);
    const m = migrationMatrix(previous, current, ORDER);
    expect(m.tiers).toEqual(ORDER);
    //        to: A  B  C  lost
    expect(m.counts).toEqual([
      [1, 1, 0, 0], // from A
      [1, 0, 0, 0], // from B
      [1, 0, 0, 1], // from C
      [0, 1, 1, 0], // new
    ]);
    expect(m).toMatchObject({ upgrades: 2, downgrades: 1, same: 1, newCount: 2, lost: 1, issues: [] });
  });

  test('unknown labels are left out and reported', () => {
    const m = migrationMatrix(
      new Map([
        ['x', 'Gold'],
        ['y', 'A'],
      ]),
      new Map([
        ['x', 'A'],
        ['y', 'A'],
      ]),
      ORDER,
    );
    expect(m.same).toBe(1);
    expect(m.counts.flat().reduce((a, b) => a + b, 0)).toBe(1);
    expect(m.issues.map((i) => issueText(i, 'en'))).toEqual(['Customer "x": Unknown tier "Gold": expected one of A, B, C']);
  });

  test('empty periods', () => {
    const m = migrationMatrix(new Map(), new Map(), ORDER);
    expect(m.counts).toEqual([
      [0, 0, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ]);
  });
});

describe('labels of no known order', () => {
  test('knownTierOrder: letters, value groups and RFM segments in either language, else null', () => {
    expect(knownTierOrder(['c', 'A', null, 'B', 'e'])).toEqual(['A', 'B', 'C', 'E']);
    expect(knownTierOrder(['bz', 'MVC'])).toEqual(['MVC', 'MGC', 'Maintain', 'BZ']);
    expect(knownTierOrder(['最有价值客户'])).toEqual(['最有价值客户', '最具增长潜力客户', '维持客户', '负值客户']);
    expect(knownTierOrder(['Lost', 'Champions'])?.[0]).toBe('Champions');
    expect(knownTierOrder(['Gold', 'Silver'])).toBeNull();
    expect(knownTierOrder(['甲', '乙'])).toBeNull();
    expect(knownTierOrder([null, ' '])).toBeNull();
  });

  test('tierChanges without an order says same or changed, never up or down', () => {
    const r = tierChanges(['Bronze', 'gold', null, 'Silver'], ['Gold', 'Gold', 'Bronze', null], null);
    expect(r).toEqual({ changes: ['changed', 'same', 'new', 'lost'], issues: [] });
  });
});

/** The text a thrown problem shows (IssueError carries data; plain errors their message). */
function thrownText(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return e instanceof IssueError ? issueText(e.issue, 'en') : (e as Error).message;
  }
  return '(nothing thrown)';
}
