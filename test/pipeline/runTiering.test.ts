/**
 * runTiering in the user's language: row issues and settings errors come back in English or
 * Chinese, with the setting path kept in front of errors; snapshots in another language or with
 * retired tiers never stop a run.
 */
import { issueText, settingText } from '../../src/i18n/issues';
import { runTiering, type TieringTable } from '../../src/pipeline/runTiering';
import { defaultSettings, validateSettings, loadSettings } from '../../src/settings/settings';
import { suggestColumns } from '../../src/settings/columns';
import { sampleOrders } from '../../src/sample/generate';
import type { Settings } from '../../src/settings/schema';

/** A run's settings problems as the add-on's alert lists them. */
const errorsOf = (run: { errors: Parameters<typeof settingText>[0][] }, lang: 'en' | 'zh') => run.errors.map((p) => settingText(p, lang));

function sampleRun() {
  const sample = sampleOrders();
  const settings = defaultSettings('Sample orders');
  settings.source = { ...settings.source, ...suggestColumns(sample.headers, sample.rows) };
  const table: TieringTable = { headers: sample.headers, rows: sample.rows };
  return { sample, settings, table };
}

function customers(headers: string[], rows: unknown[][]): { settings: Settings; table: TieringTable } {
  const settings = defaultSettings('Customers');
  settings.source.idColumn = headers[0];
  settings.source.valueColumn = headers[1];
  return { settings, table: { headers, rows: rows as TieringTable['rows'] } };
}

test('ABC: a blank value gets no tier and says why; an unreadable one is reported once', () => {
  const { settings, table } = customers(
    ['Customer', 'Revenue'],
    [
      ['a', 100],
      ['b', ''],
      ['c', 'lots'],
      ['d', 50],
    ],
  );
  const run = runTiering(settings, table);
  expect(run.outputs[0].values).toEqual(['A', null, null, 'A']);
  expect(run.issues.map((i) => [i.row, i.column, i.message])).toEqual([
    [3, 'Revenue', 'No tier: the value is blank or not a number; fill it in (0 if there is none).'],
    [4, 'Revenue', '"lots" is not a number'],
  ]);
});

describe("the sample's four bad rows", () => {
  const { sample, settings, table } = sampleRun();
  // RFM reads every order's date, so all four bad rows count.
  settings.mode = 'rfm';
  // Sheet row of the first data row is 2 (header in row 1); find the bad rows in the raw sample.
  const rowOf = (test: (row: (string | number | Date)[]) => boolean) => sample.rows.findIndex(test) + 2;
  const naRow = rowOf((r) => r[2] === 'n/a');
  const blankRow = rowOf((r) => r[0] === '');
  const dateRow = rowOf((r) => r[1] === '31/02/2024');
  const commaRow = rowOf((r) => r[2] === '¥1,2');

  it('are listed in Chinese, by sheet row, on a Chinese run', () => {
    const run = runTiering(settings, table, { language: 'zh' });
    expect(run.errors).toEqual([]);
    const byRow = new Map(run.issues.map((i) => [i.row, i.message]));
    expect(run.issues).toHaveLength(4);
    expect(byRow.get(naRow)).toBe('无法读取金额："n/a" 不是数字。');
    expect(byRow.get(blankRow)).toBe('客户编号为空：请填写，或删除此行。');
    expect(byRow.get(dateRow)).toBe('无法读取订单日期："31/02/2024" 不是真实存在的日期，请按 YYYY-MM-DD 格式填写日期，如 2024-03-05。');
    expect(byRow.get(commaRow)).toBe('无法读取金额："¥1,2" 有歧义：小数请用小数点（如 1.2），逗号只用作千位分隔符。');
  });

  it('read as before in English, with the same codes', () => {
    const en = runTiering(settings, table, { language: 'en' });
    const zh = runTiering(settings, table, { language: 'zh' });
    expect(en.issues.find((i) => i.row === naRow)?.message).toBe('The amount is not readable: "n/a" is not a number.');
    expect(en.issues.map((i) => [i.row, i.column, i.code])).toEqual(zh.issues.map((i) => [i.row, i.column, i.code]));
    // Without a language the run is English, as before.
    expect(runTiering(settings, table).issues.map((i) => i.message)).toEqual(en.issues.map((i) => i.message));
  });
});

describe('an ABC run on an orders list', () => {
  it('reads no dates: an order with an unreadable date still counts its amount', () => {
    const { sample, settings, table } = sampleRun();
    const abc = runTiering(settings, table);
    expect(abc.issues.map((i) => i.row)).not.toContain(sample.rows.findIndex((r) => r[1] === '31/02/2024') + 2);
    expect(abc.issues).toHaveLength(3);
    const row = sample.rows.find((r) => r[1] === '31/02/2024')!;
    const sum = (rows: typeof sample.rows) =>
      rows.filter((r) => r[0] === row[0] && typeof r[2] === 'number').reduce((s, r) => s + (r[2] as number), 0);
    const customer = abc.customers.find((c) => c.id === row[0])!;
    expect(customer.value).toBeCloseTo(sum(sample.rows), 6);
    // RFM needs the date: there the row is skipped, and named.
    const rfm = runTiering({ ...settings, mode: 'rfm' }, table);
    expect(rfm.issues.find((i) => /31\/02\/2024/.test(i.message))).toBeDefined();
  });

  it('gives a last purchase after the as-of date no recency, and a note, in a customer list', () => {
    const settings = defaultSettings('Customers');
    settings.mode = 'rfm';
    settings.source = {
      ...settings.source,
      idColumn: 'Customer',
      valueColumn: 'Total',
      dateColumn: 'Last order',
      frequencyColumn: 'Orders',
    };
    settings.rfm.asOf = '2025-06-30';
    const run = runTiering(settings, {
      headers: ['Customer', 'Total', 'Last order', 'Orders'],
      rows: [
        ['a', 100, '2025-06-01', 3],
        ['b', 50, '2025-07-15', 1],
        ['c', 70, '2025-05-01', 2],
      ],
    });
    expect(run.errors).toEqual([]);
    expect(run.issues).toContainEqual(expect.objectContaining({ row: 3, column: 'Last order', code: 'rfm.afterAsOf' }));
    expect(run.issues.every((i) => i.row === 3)).toBe(true);
    expect(run.customers.map((c) => c.id)).toEqual(['a', 'c']);
  });
});

describe('settings and column errors', () => {
  it('a missing column: English as before, Chinese with the path kept for the sidebar', () => {
    const { settings, table } = customers(['Customer', 'Revenue'], [['a', 1]]);
    settings.source.valueColumn = 'Sales';
    expect(errorsOf(runTiering(settings, table), 'en')).toEqual([
      'source: the value column "Sales" is not in the header row (Customer, Revenue); pick one of those or check the header row number.',
    ]);
    expect(errorsOf(runTiering(settings, table), 'zh')).toEqual([
      'source: 表头行中没有价值列“Sales”（表头为：Customer、Revenue）；请从中选择，或检查表头所在行号。',
    ]);
    settings.source.valueColumn = '';
    expect(errorsOf(runTiering(settings, table), 'zh')).toEqual(['source: 请选择价值列。']);
  });

  it('cuts and tiers that disagree, and cuts out of order, read in Chinese', () => {
    const { settings, table } = customers(['Customer', 'Revenue'], [['a', 1]]);
    settings.abc.cuts = [0.5, 0.8, 0.95];
    expect(errorsOf(runTiering(settings, table), 'en')).toEqual([
      'tiers: 3 cuts make 4 tiers, but 3 tier labels are set; add or remove a label or a cut.',
    ]);
    expect(errorsOf(runTiering(settings, table), 'zh')).toEqual([
      'tiers: 3 个分界点应分为 4 级，但设置了 3 个等级名称；请增删等级名称或分界点。',
    ]);
    settings.abc.cuts = [0.95, 0.8];
    expect(errorsOf(runTiering(settings, table), 'en')).toEqual([
      'abc.cuts: Cuts for the pareto method must increase (cumulative shares): 0.95, 0.8.',
    ]);
    expect(errorsOf(runTiering(settings, table), 'zh')).toEqual(['abc.cuts: 帕累托方法的分界点是累计比例，必须逐个增大：0.95, 0.8。']);
  });

  it('a score dimension not in the sheet is reported at score.dimensions', () => {
    const { settings, table } = customers(['Customer', 'Revenue'], [['a', 1]]);
    settings.mode = 'score';
    settings.score.dimensions = [{ column: 'Visits', weight: 1, direction: 'higher' }];
    settings.tiers = settings.tiers.slice(0, 3);
    const [error] = errorsOf(runTiering(settings, table), 'zh');
    expect(error).toBe('score.dimensions: 表头行中没有评分指标列“Visits”（表头为：Customer、Revenue）；请从中选择，或检查表头所在行号。');
  });

  it('an unreadable as-of date reads in Chinese', () => {
    const { sample, settings, table } = sampleRun();
    settings.mode = 'rfm';
    settings.rfm.asOf = '2024-13-01';
    expect(sample.rows.length).toBeGreaterThan(0);
    expect(errorsOf(runTiering(settings, table), 'zh')).toEqual(['rfm.asOf: “2024-13-01”不是日期；请使用 YYYY-MM-DD 格式，或留空。']);
  });

  it('validateSettings and loadSettings return problems as data, rendered in either language; schema checks carry their code', () => {
    const texts = (input: unknown, lang: 'en' | 'zh') => {
      const r = validateSettings(input);
      return r.ok ? [] : r.problems.map((p) => settingText(p, lang));
    };
    const s = defaultSettings('Customers');
    s.tiers[1].label = ' a';
    expect(validateSettings(s)).toEqual({
      ok: false,
      problems: [{ path: 'tiers', code: 'settings.duplicateLabel', params: { label: 'a' } }],
    });
    expect(texts(s, 'zh')).toEqual(['tiers: 等级名称“a”重复使用；每个等级都需要不同的名称。']);
    expect(texts(s, 'en')).toEqual(['tiers: the label "a" is used twice; each tier needs its own label.']);
    const empty = defaultSettings('Customers');
    empty.tiers[0].label = '';
    expect(validateSettings(empty)).toEqual({ ok: false, problems: [{ path: 'tiers.0.label', code: 'schema.notEmpty' }] });
    expect(texts(empty, 'zh')).toEqual(['tiers.0.label: 不能为空']);
    expect(texts(empty, 'en')).toEqual(['tiers.0.label: must not be empty']);
    expect(loadSettings('{not json', '').messages.map((m) => issueText(m, 'zh'))).toEqual([
      '无法读取已保存的设置，已恢复为默认设置。请检查后重新保存。',
    ]);
  });
});

describe('tier change against the last snapshot', () => {
  const rows = [
    ['a', 100],
    ['b', 50],
    ['c', 10],
    ['d', 1],
  ];

  it('a snapshot tier that no longer exists leaves that change blank with a row issue, not a crash', () => {
    const { settings, table } = customers(['Customer', 'Revenue'], rows);
    const previousById = new Map([
      ['a', 'Gold'],
      ['b', 'A'],
    ]);
    const run = runTiering(settings, table, { language: 'zh', previousById });
    const change = run.outputs.find((o) => o.key === 'change')!;
    expect(change.values[0]).toBeNull();
    expect(run.issues).toEqual([
      expect.objectContaining({
        row: 2,
        code: 'change.previousTierUnknown',
        message: '无法判断等级变化：上次快照中的等级“Gold”不在当前等级（A、B、C）之中。',
      }),
    ]);
    expect(change.values[1]).not.toBeNull();
  });

  it('value groups of a snapshot taken in English are recognised on a Chinese run', () => {
    const { settings, table } = customers(['Customer', 'Revenue'], rows);
    settings.mode = 'valueGroups';
    const en = runTiering(settings, table, { language: 'en' });
    const groupOf = new Map(table.rows.map((r, i) => [String(r[0]), String(en.outputs.find((o) => o.key === 'group')!.values[i])]));
    const zh = runTiering(settings, table, { language: 'zh', previousById: groupOf });
    expect(zh.issues).toEqual([]);
    // Same groups as the snapshot: every customer is unchanged.
    expect(zh.outputs.find((o) => o.key === 'change')!.values).toEqual(['不变', '不变', '不变', '不变']);
  });

  it("value-group issues name the user's columns", () => {
    const { settings, table } = customers(
      ['Customer', 'Revenue', 'Cost'],
      [
        ['a', 100, ''],
        ['b', 'n/a', 5],
      ],
    );
    settings.mode = 'valueGroups';
    settings.source.costColumn = 'Cost';
    const run = runTiering(settings, table, { language: 'zh' });
    expect(run.issues.map((i) => [i.row, i.column, i.message])).toEqual([
      [2, 'Cost', '服务成本为空或不是数字：按 0 计算。'],
      [3, 'Revenue', '"n/a" 不是数字'],
      [3, 'Revenue', '无法分组：价值为空或不是数字。请填写后再为此客户分组。'],
    ]);
  });
});

describe('value groups on an orders list', () => {
  it("sums each customer's order costs and takes their potential, so BZ and MGC work", () => {
    const s = defaultSettings('Orders');
    s.mode = 'valueGroups';
    s.source = {
      ...s.source,
      layout: 'orders',
      idColumn: 'Customer',
      dateColumn: 'Date',
      valueColumn: 'Amount',
      costColumn: 'Cost',
      potentialColumn: 'Potential',
    };
    const table = {
      headers: ['Customer', 'Date', 'Amount', 'Cost', 'Potential'],
      rows: [
        ['big', '2024-01-01', 1000, 100, 1000],
        ['big', '2024-02-01', 1000, 100, 1000],
        ['costly', '2024-01-05', 50, 40, ''],
        ['costly', '2024-02-05', 50, 80, ''], // 100 revenue, 120 cost: below zero
        ['grower', '2024-01-09', 100, 10, 5000],
        ['steady', '2024-01-09', 90, 10, 90],
        ['small', '2024-01-09', 80, 10, 80],
      ],
    };
    const run = runTiering(s, table as any, { language: 'en' });
    expect(run.errors).toEqual([]);
    const group = Object.fromEntries(run.customers.map((c) => [c.id, c.label]));
    expect(group).toEqual({ big: 'MVC', costly: 'BZ', grower: 'MGC', steady: 'Maintain', small: 'Maintain' });
  });
});
