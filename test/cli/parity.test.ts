/**
 * The CLI and the add-on are one pipeline: on the sample orders (sample/orders.csv is what
 * "Insert sample data" inserts) they give the same tiers and RFM segments, under the same headers,
 * and name the same bad rows with the same words, in English and in Chinese.
 */
import path from 'node:path';
import { createFakeGas, getSheet, type FakeGas } from '../../harness/fakeGas';
import { clickMenuItem, invoke, loadBundle, type BundleContext } from '../../harness/loadBundle';
import { csv, ROOT, runCli } from './helpers';

const ORDERS = path.join(ROOT, 'sample/orders.csv');
const [CUSTOMER, DATE, AMOUNT] = ['客户名称 Customer', '订单日期 Order date', '金额 Amount'];

function addOn(locale: string): { fake: FakeGas; ctx: BundleContext } {
  const fake = createFakeGas({ locale, timeZone: 'UTC' });
  const ctx = loadBundle(fake);
  invoke(fake, ctx, 'onOpen', {});
  clickMenuItem(fake, ctx, locale === 'zh_CN' ? '插入示例数据' : 'Insert sample data');
  return { fake, ctx };
}

/** The add-on's label per customer on the data sheet, and its summary's skipped rows (row → text). */
function addOnResult(fake: FakeGas, labelHeader: string) {
  const sheet = fake.spreadsheet.getSheets()[1];
  const values = getSheet(fake, sheet.getName()).getDataRange().getValues();
  const col = values[0].indexOf(labelHeader);
  expect(col).toBeGreaterThan(0);
  const labels = new Map<string, string>();
  for (const row of values.slice(1)) if (row[col] !== '') labels.set(String(row[0]).trim(), String(row[col]));
  const summary = fake.spreadsheet.getSheets().find((s) => /summary|汇总/i.test(s.getName()))!;
  const rows = getSheet(fake, summary.getName()).getDataRange().getValues();
  const skipped = new Map(
    rows.filter((r) => typeof r[0] === 'number' && typeof r[2] === 'string' && r[2] !== '').map((r) => [r[0] as number, String(r[2])]),
  );
  return { labels, skipped };
}

/** The CLI's listed bad rows: row → text (full stop added by the CLI's list removed). */
function cliSkipped(stderr: string): Map<number, string> {
  // English "Row 12, column "X": ..." or, with --lang zh, "第 12 行，“X”列：...".
  const listed = [...stderr.matchAll(/^ {2}(?:Row (\d+)(?:, column "[^"]*")?: |第 (\d+) 行(?:，“[^”]*”列)?：)(.*)$/gm)];
  return new Map(listed.map((m) => [Number(m[1] ?? m[2]), m[3].replace(/[.。]$/, '')]));
}
const withoutStop = (m: Map<number, string>) => new Map([...m].map(([k, v]) => [k, v.replace(/[.。]$/, '')]));

describe('the CLI and the add-on on the sample orders', () => {
  for (const [locale, lang] of [
    ['en_US', 'en'],
    ['zh_CN', 'zh'],
  ] as const) {
    it(`ABC by pareto: same tiers, header and bad rows (${lang})`, () => {
      const { fake, ctx } = addOn(locale);
      clickMenuItem(fake, ctx, lang === 'zh' ? '立即客户分级' : 'Tier customers now');
      const header = lang === 'zh' ? '客户等级' : 'Tier';
      const add = addOnResult(fake, header);

      const r = runCli(ROOT, 'tier', ORDERS, '--value-column', AMOUNT, '--id-column', CUSTOMER, '--skip-bad-rows', '--lang', lang);
      expect(r.code).toBe(0);
      const out = csv(r.stdout);
      expect(out[0]).toEqual([CUSTOMER, AMOUNT, header, lang === 'zh' ? '排名' : 'Rank', lang === 'zh' ? '累计占比' : 'Cumulative share']);
      const cli = new Map(out.slice(1).map((row) => [row[0], row[2]]));
      expect(cli.size).toBeGreaterThan(300);
      expect(cli).toEqual(add.labels);
      expect(cliSkipped(r.stderr)).toEqual(withoutStop(add.skipped));
      expect(add.skipped.size).toBe(3);
    });
  }

  it('RFM: same segments and bad rows', () => {
    const { fake, ctx } = addOn('en_US');
    const state = invoke(fake, ctx, 'sidebarGetState') as { settings: Record<string, unknown> };
    expect(invoke(fake, ctx, 'sidebarTierNow', { ...state.settings, mode: 'rfm' })).toMatchObject({ ok: true });
    const add = addOnResult(fake, 'Segment');

    const r = runCli(ROOT, 'rfm', ORDERS, '--id-column', CUSTOMER, '--date-column', DATE, '--amount-column', AMOUNT, '--skip-bad-rows');
    expect(r.code).toBe(0);
    const out = csv(r.stdout);
    const segment = out[0].indexOf('Segment');
    expect(out[0]).toContain('RFM');
    const cli = new Map(
      out
        .slice(1)
        .filter((row) => row[segment] !== '')
        .map((row) => [row[0], row[segment]]),
    );
    expect(cli.size).toBeGreaterThan(300);
    expect(cli).toEqual(add.labels);
    expect(cliSkipped(r.stderr)).toEqual(withoutStop(add.skipped));
    expect(add.skipped.size).toBe(4);
  });
});
