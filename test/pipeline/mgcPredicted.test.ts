/**
 * Value groups with MGC from predicted value (settings.valueGroups.mgcPredicted): growth gap =
 * predicted value over the next `horizon` weeks minus the customer's spend in the `horizon` weeks
 * up to the as-of date. Through runTiering, the run the add-on, the sidebar and the CLI share.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { settingText } from '../../src/i18n/issues';
import { runTiering, type TieringTable } from '../../src/pipeline/runTiering';
import { defaultSettings, loadSettings, validateSettings } from '../../src/settings/settings';

const DAY = 86_400_000;
const iso = (day: number) => new Date(Date.UTC(2024, 0, 1) + day * DAY).toISOString().slice(0, 10);

function mgcSettings() {
  const settings = defaultSettings('Orders');
  settings.mode = 'valueGroups';
  settings.source = { ...settings.source, layout: 'orders', idColumn: 'Customer', dateColumn: 'Date', valueColumn: 'Amount' };
  settings.valueGroups.mgcPredicted = true;
  return settings;
}

const column = (run: ReturnType<typeof runTiering>, key: 'group' | 'predictedValue' | 'growthGap', id: string) =>
  run.perCustomer.columns[key]![run.perCustomer.ids.indexOf(id)];

describe('a small orders list: one customer growing, one shrinking', () => {
  // 40 customers buying every 2 to 8 weeks at 40-79, some stopping for good along the way: the
  // model's base, and the top of the value ranking (MVC comes from them).
  const rows: [string, string, number][] = [];
  for (let c = 0; c < 40; c++) {
    const stop = c % 3 ? 104 : 20 + ((c * 13) % 80);
    for (let week = c % 5; week <= stop; week += 2 + (c % 7)) rows.push([`S${c}`, iso(week * 7), 40 + c]);
  }
  // A new customer buying every week for the last three weeks: expected to buy on.
  for (const week of [102, 103, 104]) rows.push(['Grower', iso(week * 7), 60]);
  // A customer who bought big twice in the last 39 weeks, long after a first small order.
  for (const [week, amount] of [
    [10, 20],
    [80, 300],
    [90, 300],
  ]) {
    rows.push(['Shrinker', iso(week * 7), amount]);
  }
  const table: TieringTable = { headers: ['Customer', 'Date', 'Amount'], rows };
  const run = runTiering(mgcSettings(), table);

  test('runs without a problem and writes the predicted value and the growth gap beside the group', () => {
    expect(run.errors).toEqual([]);
    expect(run.issues).toEqual([]);
    expect(run.outputs.map((o) => o.header)).toEqual(['Value group', 'Predicted value', 'Growth gap']);
  });

  test('growth gap = predicted value minus the spend of the 39 weeks up to the as-of date (hand-computed)', () => {
    // As-of date: the last order (week 104). The Grower's three orders are all inside the 39 weeks
    // (180); of the Shrinker's, weeks 80 and 90 are (600), week 10 is not.
    expect(column(run, 'growthGap', 'Grower')).toBeCloseTo((column(run, 'predictedValue', 'Grower') as number) - 180, 9);
    expect(column(run, 'growthGap', 'Shrinker')).toBeCloseTo((column(run, 'predictedValue', 'Shrinker') as number) - 600, 9);
  });

  test('the grower (predicted above their recent spend) is MGC; the shrinker (below) is not', () => {
    expect(column(run, 'predictedValue', 'Grower')).toBeGreaterThan(180);
    expect(column(run, 'group', 'Grower')).toBe('MGC');
    expect(column(run, 'growthGap', 'Shrinker')).toBeLessThan(0);
    // Not MVC either: its 620 is below the steady customers' totals.
    expect(column(run, 'group', 'Shrinker')).toBe('Maintain');
  });

  test('the groups in the summary, MGC among them', () => {
    expect(run.order).toEqual(['MVC', 'MGC', 'Maintain', 'BZ']);
    expect(run.summary.find((r) => r.label === 'MGC')!.customers).toBeGreaterThan(0);
  });

  test('too little data to fit the model: MVC, Maintain and BZ still, and a note says why there is no MGC', () => {
    const few = runTiering(mgcSettings(), { headers: table.headers, rows: rows.filter((r) => ['S1', 'S2', 'Grower'].includes(r[0])) });
    expect(few.errors).toEqual([]);
    expect(few.perCustomer.columns.group).not.toContain('MGC');
    expect(few.perCustomer.columns.group).toContain('MVC');
    expect(few.outputs.map((o) => o.header)).toEqual(['Value group']);
    // One note, on the column MGC: why it is empty.
    const notes = few.issues.filter((i) => i.column === 'MGC');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ code: 'clv.tooLittleData', params: { have: 3, need: 20 } });
    expect(notes[0].message).toMatch(/^Too little data: needs 20 customers who bought on 2\+ days; there are 3/);
    const zh = runTiering(mgcSettings(), { headers: table.headers, rows: rows.slice(0, 40) }, { language: 'zh' });
    expect(zh.issues.find((i) => i.column === 'MGC')!.message).toMatch(/^数据太少/);
  });

  test('tiered within groups, the model is still fitted on all the orders: the same predictions and gaps', () => {
    const withRegion: TieringTable = { headers: [...table.headers, 'Region'], rows: rows.map((r, i) => [...r, i % 2 ? 'N' : 'S']) };
    const settings = { ...mgcSettings(), groupBy: 'Region' };
    const grouped = runTiering(settings, withRegion);
    expect(grouped.errors).toEqual([]);
    const ids = grouped.perCustomer.ids;
    for (const key of ['predictedValue', 'growthGap'] as const) {
      expect(ids.map((id) => grouped.perCustomer.columns[key]![ids.indexOf(id)])).toEqual(ids.map((id) => column(run, key, id)));
    }
  });
});

describe('on the CDNOW sample (2,357 customers; as of the last order, 39 weeks)', () => {
  const raw = readFileSync(path.resolve(__dirname, '../../../shared/data/CDNOW_sample.txt'), 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .map((l) => l.trim().split(/\s+/));
  const table: TieringTable = { headers: ['Customer', 'Date', 'Amount'], rows: raw.map((r) => [r[0], Number(r[2]), Number(r[4])]) };
  const settings = mgcSettings();
  const run = runTiering(settings, table);
  const { ids, columns } = run.perCustomer;
  const gap = columns.growthGap as (number | null)[];
  const group = columns.group as string[];

  test('growth gap = predicted value minus the spend of the last 39 weeks, counted here from the raw rows', () => {
    expect(run.errors).toEqual([]);
    const day = (yyyymmdd: string) => Date.UTC(+yyyymmdd.slice(0, 4), +yyyymmdd.slice(4, 6) - 1, +yyyymmdd.slice(6)) / DAY;
    const asOf = Math.max(...raw.map((r) => day(r[2])));
    const spent = new Map<string, number>();
    for (const r of raw) if (day(r[2]) > asOf - 39 * 7) spent.set(r[0], (spent.get(r[0]) ?? 0) + Number(r[4]));
    const predicted = columns.predictedValue as (number | null)[];
    ids.forEach((id, i) => {
      expect(gap[i]).toBeCloseTo(predicted[i]! - (spent.get(id) ?? 0), 6);
    });
  });

  test('MGC: every one has a gap > 0, and they are the top 20% of the rest by gap (ties kept together)', () => {
    const rest = ids.flatMap((_, i) => (group[i] === 'MGC' || group[i] === 'Maintain' ? [i] : []));
    const mgc = rest.filter((i) => group[i] === 'MGC');
    expect(mgc.every((i) => gap[i]! > 0)).toBe(true);
    const byGap = rest.map((i) => gap[i]!).sort((a, b) => b - a);
    const k = Math.ceil(0.2 * rest.length);
    const cut = byGap[k - 1];
    expect(mgc.length).toBe(byGap.filter((g) => g >= cut && g > 0).length);
    expect(mgc.length).toBeGreaterThanOrEqual(k);
    expect(Math.min(...mgc.map((i) => gap[i]!))).toBeGreaterThan(Math.max(...rest.filter((i) => group[i] !== 'MGC').map((i) => gap[i]!)));
  });

  test('the order of the rows changes nothing', () => {
    // A fixed shuffle (a linear congruential generator): the same every run.
    let seed = 7;
    const shuffled = table.rows.map((row) => [row, (seed = (seed * 48271) % 2147483647)] as const);
    shuffled.sort((a, b) => a[1] - b[1]);
    const again = runTiering(settings, { headers: table.headers, rows: shuffled.map(([row]) => row) });
    const byId = (r: typeof run) =>
      new Map(r.perCustomer.ids.map((id, i) => [id, [r.perCustomer.columns.group![i], r.perCustomer.columns.growthGap![i]]]));
    const before = byId(run);
    const after = byId(again);
    expect(after.size).toBe(before.size);
    for (const [id, [g, v]] of before) {
      expect(after.get(id)![0]).toBe(g);
      expect(after.get(id)![1]).toBeCloseTo(v as number, 6);
    }
  });
});

describe('settings', () => {
  test('settings saved before the option existed load unchanged, with MGC from a potential column', () => {
    const old = defaultSettings('x') as unknown as { valueGroups: Record<string, unknown> };
    delete old.valueGroups.mgcPredicted;
    const loaded = loadSettings(JSON.stringify(old), 'x');
    expect(loaded).toMatchObject({ messages: [], damaged: false });
    expect(loaded.settings.valueGroups.mgcPredicted).toBe(false);
  });

  test('refused without an orders list, or with a potential column as well, in English and Chinese', () => {
    const customers = mgcSettings();
    customers.source.layout = 'customers';
    const both = mgcSettings();
    both.source.potentialColumn = 'Potential';
    for (const settings of [customers, both]) {
      const checked = validateSettings(settings);
      expect(checked.ok).toBe(false);
      if (checked.ok) continue;
      expect(checked.problems.map((p) => p.path)).toEqual(['valueGroups.mgcPredicted']);
      expect(settingText(checked.problems[0], 'en')).toMatch(/MGC by predicted growth needs an orders list, no potential column/);
      expect(settingText(checked.problems[0], 'zh')).toMatch(/订单列表/);
    }
    expect(validateSettings(mgcSettings()).ok).toBe(true);
    // Only for value groups: left on while another mode is chosen, it stops nothing.
    expect(validateSettings({ ...customers, mode: 'abc' }).ok).toBe(true);
  });

  test('a value other than true or false is refused', () => {
    const settings = mgcSettings() as unknown as { valueGroups: Record<string, unknown> };
    settings.valueGroups.mgcPredicted = 'yes';
    expect(validateSettings(settings).ok).toBe(false);
  });
});
