import { valueGroups } from '../../src/engine/valueGroups';

const tenValues = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];

describe('valueGroups', () => {
  test('without cost or potential: top 20% by value are MVC, the rest Maintain', () => {
    const { group, netValue, issues } = valueGroups({ value: tenValues });
    expect(group).toEqual(['Maintain', 'Maintain', 'Maintain', 'Maintain', 'Maintain', 'Maintain', 'Maintain', 'Maintain', 'MVC', 'MVC']);
    expect(netValue).toEqual(tenValues);
    expect(issues).toEqual([]);
  });

  test('negative net value is BZ and does not count towards the MVC pool', () => {
    // Nets: -10, -10, 30..100 -> 8 customers with net > 0; ceil(0.2 * 8) = 2 MVC (90, 100).
    const cost = [20, 30, 0, 0, 0, 0, 0, 0, 0, 0];
    const { group, netValue } = valueGroups({ value: tenValues, costToServe: cost });
    expect(netValue.slice(0, 2)).toEqual([-10, -10]);
    expect(group.slice(0, 2)).toEqual(['BZ', 'BZ']);
    expect(group.filter((g) => g === 'MVC')).toHaveLength(2);
    expect(group[8]).toBe('MVC');
    expect(group[9]).toBe('MVC');
  });

  test('net value exactly 0 is neither BZ nor MVC', () => {
    const { group } = valueGroups({ value: [5, 100], costToServe: [5, 0] }, { mvcShare: 0.5 });
    expect(group).toEqual(['Maintain', 'MVC']);
  });

  test('ties at the MVC threshold are never split: all of them are MVC', () => {
    // 10 customers, k = 2, but three share the top value.
    const { group } = valueGroups({ value: [100, 100, 100, 40, 30, 30, 20, 10, 10, 5] });
    expect(group.slice(0, 4)).toEqual(['MVC', 'MVC', 'MVC', 'Maintain']);
  });

  test('MGC: top share of the rest by growth gap (potential - value), only positive gaps', () => {
    const value = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
    // Gaps: 90, -10, 70, 0, 5, 140, 10, 20, -, - (rows 8, 9 are MVC).
    const potential = [100, 10, 100, 40, 55, 200, 80, 100, 1000, 1000];
    // Rest = 8 customers; ceil(0.2 * 8) = 2 -> the two largest gaps: 140 (row 5) and 90 (row 0).
    const { group } = valueGroups({ value, potential });
    expect(group).toEqual(['MGC', 'Maintain', 'Maintain', 'Maintain', 'Maintain', 'MGC', 'Maintain', 'Maintain', 'MVC', 'MVC']);
  });

  test('MGC by the potential itself when it already is the growth figure; ties kept together', () => {
    const value = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
    const growth = [5, 50, 50, 0, -3, null, 1, 2, 0, 0];
    // Rest = rows 0..7 (8), k = 2; growth 50 and 50 tie at the top -> both MGC, nobody else.
    const { group, issues } = valueGroups({ value, potential: growth }, { potentialIsGrowth: true });
    expect(group.map((g, i) => (g === 'MGC' ? i : -1)).filter((i) => i >= 0)).toEqual([1, 2]);
    expect(issues).toEqual([]);
  });

  test('MGC share counts among the rest, and only positive gaps qualify even if fewer than the share', () => {
    const value = [1, 2, 3, 4, 5];
    const potential = [1, 2, 3, 10, 5]; // only row 3 has a gap (6); row 4 is MVC (k = 1)
    const { group } = valueGroups({ value, potential }, { mgcShare: 0.9 });
    expect(group).toEqual(['Maintain', 'Maintain', 'Maintain', 'MGC', 'MVC']);
  });

  test('blank value: no group and an issue; blank cost: counted as 0 with a note', () => {
    const { group, netValue, issues } = valueGroups({ value: [10, null, 30], costToServe: [1, 1, null] });
    expect(group[1]).toBeNull();
    expect(netValue).toEqual([9, null, 30]);
    expect(issues.map((i) => [i.row, i.column])).toEqual([
      [1, 'value'],
      [2, 'costToServe'],
    ]);
  });

  test('shares must lie strictly between 0 and 1; columns must match', () => {
    expect(() => valueGroups({ value: [1] }, { mvcShare: 0 })).toThrow(/MVC share/);
    expect(() => valueGroups({ value: [1] }, { mvcShare: 1 })).toThrow(/MVC share/);
    expect(() => valueGroups({ value: [1] }, { mgcShare: 20 })).toThrow(/MGC share.*0\.2 for 20%/);
    expect(() => valueGroups({ value: [1, 2], potential: [1] })).toThrow(/potential column has 1 rows/);
  });

  test('everyone below zero: no MVC', () => {
    expect(valueGroups({ value: [-1, -2] }).group).toEqual(['BZ', 'BZ']);
  });
});
