/**
 * A Chinese user, through the bundled add-on (dist/Code.js on the fake spreadsheet): the reasons
 * rows were skipped, the alerts about bad settings and the sidebar's save errors read in Chinese.
 */
import { settingText } from '../../src/i18n/issues';
import type { SettingProblem } from '../../src/settings/settings';
import { createFakeGas, getSheet, type FakeGas } from '../../harness/fakeGas';
import { loadBundle, invoke, clickMenuItem, type BundleContext } from '../../harness/loadBundle';
import { sampleOrders } from '../../src/sample/generate';
import { defaultSettings } from '../../src/settings/settings';

function startChinese(sheets?: Record<string, unknown[][]>): { fake: FakeGas; ctx: BundleContext } {
  const fake = createFakeGas({ locale: 'zh_CN', ...(sheets ? { sheets } : {}) });
  const ctx = loadBundle(fake);
  invoke(fake, ctx, 'onOpen', {});
  return { fake, ctx };
}

const lastAlert = (fake: FakeGas) => fake.ui.alerts[fake.ui.alerts.length - 1]?.prompt ?? '';

describe('a Chinese run of the sample', () => {
  const { fake, ctx } = startChinese();
  clickMenuItem(fake, ctx, '插入示例数据');
  clickMenuItem(fake, ctx, '立即客户分级');
  const summary = getSheet(fake, '分级汇总').getDataRange().getValues();

  it("lists the sample's 3 rows that ABC cannot read, with Chinese reasons, by sheet row", () => {
    expect(lastAlert(fake)).toMatch(/有 3 行被跳过或部分使用/);
    const title = summary.findIndex((r) => r[0] === '跳过或部分使用的行');
    expect(title).toBeGreaterThan(0);
    expect(summary[title + 1].slice(0, 3)).toEqual(['行', '列', '问题']);
    const listed = summary
      .slice(title + 2)
      .filter((r) => typeof r[0] === 'number')
      .map((r) => [r[0], r[1], r[2]]);

    // The sample's bad rows, found in the generator's output (sheet row = index + 2, header in row 1).
    const rows = sampleOrders().rows;
    const [id, , amount] = sampleOrders().headers;
    const rowOf = (test: (row: (string | number | Date)[]) => boolean) => rows.findIndex(test) + 2;
    expect(listed).toEqual(
      [
        [rowOf((r) => r[2] === 'n/a'), amount, '无法读取金额："n/a" 不是数字。'],
        [rowOf((r) => r[0] === ''), id, '客户编号为空：请填写，或删除此行。'],
        [rowOf((r) => r[2] === '¥1,2'), amount, '无法读取金额："¥1,2" 有歧义：小数请用小数点（如 1.2），逗号只用作千位分隔符。'],
      ].sort((a, b) => (a[0] as number) - (b[0] as number)),
    );
  });
});

describe('Chinese settings errors', () => {
  const customers = [
    ['Customer', 'Revenue'],
    ['a', 10],
    ['b', 5],
  ];

  it('an alert names the missing column in Chinese', () => {
    const { fake, ctx } = startChinese({ Customers: customers });
    const s = defaultSettings('Customers');
    s.source.idColumn = 'Customer';
    s.source.valueColumn = 'Sales';
    expect(invoke(fake, ctx, 'sidebarSaveSettings', s)).toEqual({ ok: true, messages: [] });
    invoke(fake, ctx, 'tierCustomersNow');
    expect(lastAlert(fake)).toBe(
      '客户分级无法运行：\n\n• source: 表头行中没有价值列“Sales”（表头为：Customer、Revenue）；请从中选择，或检查表头所在行号。',
    );
  });

  it('saving settings whose cuts and labels disagree returns the problem with its path, which reads in Chinese or English', () => {
    const { fake, ctx } = startChinese({ Customers: customers });
    const s = defaultSettings('Customers');
    s.source.valueColumn = 'Revenue';
    s.abc.cuts = [0.5, 0.8, 0.95];
    const refused = invoke(fake, ctx, 'sidebarSaveSettings', s) as { ok: false; problems: SettingProblem[] };
    expect(refused.problems.map((p) => p.path)).toEqual(['tiers']);
    expect(refused.problems.map((p) => settingText(p, 'zh'))).toEqual([
      'tiers: 3 个分界点应分为 4 级，但设置了 3 个等级名称；请增删等级名称或分界点。',
    ]);
    expect(refused.problems.map((p) => settingText(p, 'en'))).toEqual([
      'tiers: 3 cuts make 4 tiers, but 3 tier labels are set; add or remove a label or a cut.',
    ]);
  });
});
