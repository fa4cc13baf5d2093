/** --group-column: tiers within each group, derived here from each group's values alone. */
import { csv, runCli, tempDir, writeIn } from './helpers';

const dirOf = tempDir('customer-tiers-groups-');

function paretoTiers(values: number[]): string[] {
  const total = values.reduce((a, b) => a + b, 0);
  return values.map(
    (v) => ['A', 'B', 'C'][[0.8, 0.95].filter((c) => values.filter((w) => w > v).reduce((a, b) => a + b, 0) / total >= c).length],
  );
}

test('tier --group-column tiers each region on its own and prints the group beside the tier', () => {
  const rows = [
    ['a', 'North', 100],
    ['b', 'South', 40],
    ['c', 'North', 10],
    ['d', 'South', 3],
    ['e', 'North', 1],
    ['f', 'South', 2],
  ] as const;
  const input = writeIn(dirOf(), 'g.csv', `name,region,value\n${rows.map((r) => r.join(',')).join('\n')}\n`);
  const r = runCli(dirOf(), 'tier', input, '--value-column', 'value', '--group-column', 'region');
  expect(r.stderr).toBe('');
  const out = csv(r.stdout);
  expect(out[0]).toEqual(['name', 'region', 'value', 'Tier', 'Group', 'Rank', 'Cumulative share']);
  for (const region of ['North', 'South']) {
    const members = rows.filter((x) => x[1] === region);
    const expected = paretoTiers(members.map((x) => x[2]));
    members.forEach((m, i) => {
      const line = out.find((o) => o[0] === m[0])!;
      expect([line[3], line[4]]).toEqual([expected[i], region]);
    });
  }
  const bad = runCli(dirOf(), 'tier', input, '--value-column', 'value', '--group-column', 'rep');
  expect(bad.code).toBe(2);
  expect(bad.stderr).toMatch(/--group-column/);
});
