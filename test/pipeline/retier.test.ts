/**
 * Honest moves between snapshots: a snapshot's customers re-tiered under today's rules from the
 * figures it kept match today's run when only the rules changed, and say how many the rule change
 * alone moves.
 */
import { runTiering, type TieringRun, type TieringTable } from '../../src/pipeline/runTiering';
import {
  readSnapshotCells,
  retierSnapshot,
  snapshotCells,
  tieringRules,
  type SnapshotData,
  type SnapshotFigures,
} from '../../src/pipeline/retier';
import { defaultSettings } from '../../src/settings/settings';
import { suggestColumns } from '../../src/settings/columns';
import { sampleOrders } from '../../src/sample/generate';
import type { Settings } from '../../src/settings/schema';

/** What the history sheet keeps of a run, read back from its cells. */
function snapshotOf(run: TieringRun, settings: Settings): SnapshotData {
  const cells = snapshotCells(run);
  const tiers = new Map(run.customers.map((c) => [c.id, c.label]));
  const figures = new Map<string, SnapshotFigures>([...tiers.keys()].map((id) => [id, readSnapshotCells(...cells.get(id)!)]));
  return { tiers, figures, rules: tieringRules(settings) };
}

const tiersOf = (run: TieringRun) => new Map(run.customers.map((c) => [c.id, c.label]));
const clone = (s: Settings): Settings => JSON.parse(JSON.stringify(s));

function customerTable(n: number): { settings: Settings; table: TieringTable } {
  const settings = defaultSettings('Customers');
  settings.source.idColumn = 'Customer';
  settings.source.valueColumn = 'Revenue';
  const rows = Array.from({ length: n }, (_, i) => [`C${i}`, ((i * 7919) % 1000) + 1, (i * 37) % 11]);
  return { settings, table: { headers: ['Customer', 'Revenue', 'Visits'], rows } };
}

describe('retierSnapshot', () => {
  it('ABC: a changed cut alone moves no one, and counts who the rule change moved', () => {
    const { settings, table } = customerTable(50);
    const then = runTiering(settings, table);
    const snapshot = snapshotOf(then, settings);
    const today = clone(settings);
    today.abc.cuts = [0.6, 0.9];
    const now = runTiering(today, table);
    const retiered = retierSnapshot(today, snapshot, 'en')!;
    expect(retiered.tiers).toEqual(tiersOf(now));
    const moved = now.customers.filter((c) => snapshot.tiers.get(c.id) !== c.label).length;
    expect(moved).toBeGreaterThan(0);
    expect(retiered.ruleMoves).toBe(moved);
    expect(tieringRules(today)).not.toBe(snapshot.rules);
    // Same rules: nothing to count, and the same text.
    expect(retierSnapshot(settings, snapshot, 'en')!.ruleMoves).toBe(0);
    expect(tieringRules(clone(settings))).toBe(snapshot.rules);
  });

  it('weighted score: re-tiers the unrounded scores it kept', () => {
    const { settings, table } = customerTable(60);
    settings.mode = 'score';
    settings.score.dimensions = [
      { column: 'Revenue', weight: 0.7, direction: 'higher' },
      { column: 'Visits', weight: 0.3, direction: 'higher' },
    ];
    settings.score.cuts = [0.1, 0.4];
    const then = runTiering(settings, table);
    const snapshot = snapshotOf(then, settings);
    const today = clone(settings);
    today.score.cuts = [0.2, 0.5];
    const retiered = retierSnapshot(today, snapshot, 'en')!;
    expect(retiered.tiers).toEqual(tiersOf(runTiering(today, table)));
    expect(retiered.ruleMoves).toBeGreaterThan(0);
  });

  it('RFM: re-segments the R, F and M it kept by today’s rules, in either language', () => {
    const sample = sampleOrders();
    const settings = defaultSettings('Sample orders');
    settings.source = { ...settings.source, ...suggestColumns(sample.headers, sample.rows) };
    settings.mode = 'rfm';
    const table: TieringTable = { headers: sample.headers, rows: sample.rows };
    const then = runTiering(settings, table, { language: 'zh' });
    const snapshot = snapshotOf(then, settings);
    const same = retierSnapshot(settings, snapshot, 'en')!;
    expect(same.ruleMoves).toBe(0);
    expect(same.tiers).toEqual(tiersOf(runTiering(settings, table)));
    // Everyone a Champion now: the rule change alone moves every customer who was not.
    const today = clone(settings);
    today.rfm.rules = [{ segment: 'Champions', r: [1, 5], f: [1, 5], m: [1, 5] }];
    const retiered = retierSnapshot(today, snapshot, 'en')!;
    expect(new Set(retiered.tiers.values())).toEqual(new Set(['Champions']));
    expect(retiered.ruleMoves).toBe(then.customers.filter((c) => c.label !== '重要价值客户').length);
    expect(then.customers.some((c) => c.label === '重要价值客户')).toBe(true);
  });

  it('gives up (the caller compares stored tiers) without the figures today’s mode needs', () => {
    const { settings, table } = customerTable(20);
    const run = runTiering(settings, table);
    const unknown = { value: null, score: null, r: null, f: null, m: null };
    const old: SnapshotData = { tiers: tiersOf(run), figures: new Map([...tiersOf(run).keys()].map((id) => [id, unknown])), rules: null };
    expect(retierSnapshot(settings, old, 'en')).toBeNull();
    const abcSnapshot = snapshotOf(run, settings);
    const rfm = clone(settings);
    rfm.mode = 'rfm';
    expect(retierSnapshot(rfm, abcSnapshot, 'en')).toBeNull();
    const groups = clone(settings);
    groups.mode = 'valueGroups';
    expect(retierSnapshot(groups, abcSnapshot, 'en')).toBeNull();
  });

  it('reads an old row (method in the fourth cell) as unknown figures, and R F M text back', () => {
    expect(readSnapshotCells('abc/pareto', undefined)).toEqual({ value: null, score: null, r: null, f: null, m: null });
    expect(readSnapshotCells(12.5, 'R5 F4 M3')).toEqual({ value: 12.5, score: null, r: 5, f: 4, m: 3 });
    expect(readSnapshotCells('', 71.25)).toEqual({ value: null, score: 71.25, r: null, f: null, m: null });
  });
});
