/** The sidebar's BigQuery text: the query for valid settings, a reason (in the user's language) otherwise. */
import { localName, RFM_SEGMENT_NAMES } from '../../src/engine/labels';
import { defaultSettings } from '../../src/settings/settings';
import { PLACEHOLDER_TABLE, bigQueryText } from '../../src/sidebar/sqlText';
import { tieringSql } from '../../src/sql/tiers';

const orders = () => {
  const s = defaultSettings('Orders');
  s.source = { ...s.source, layout: 'orders', idColumn: 'Client', valueColumn: 'Net amount', dateColumn: 'Day' };
  return s;
};

test('valid settings give the generated BigQuery query; an empty table name gives a placeholder to replace', () => {
  expect(bigQueryText(orders(), ' shop.orders ', 'en')).toEqual({
    ok: true,
    sql: tieringSql(orders(), { dialect: 'bigquery', table: 'shop.orders' }),
  });
  const placeholder = bigQueryText(orders(), '', 'en');
  expect(placeholder.ok && placeholder.sql).toContain(`\`${PLACEHOLDER_TABLE}\``);
});

test('segment names follow the language', () => {
  const s = orders();
  s.mode = 'rfm';
  const zh = bigQueryText(s, 't', 'zh');
  expect(zh.ok && zh.sql).toContain(`THEN '${localName(RFM_SEGMENT_NAMES, 'Champions', 'zh')}'`);
  expect(zh.ok && zh.sql).not.toContain("'Champions'");
});

test('settings that cannot be saved, and computed ABC, give a reason instead of a query', () => {
  const bad = orders();
  bad.abc.cuts = [0.95, 0.8];
  expect(bigQueryText(bad, 't', 'en')).toEqual({ ok: false, message: expect.stringMatching(/Fix the settings/) });
  const computed = orders();
  computed.abc = { method: 'computed', cuts: [] };
  expect(bigQueryText(computed, 't', 'zh')).toEqual({ ok: false, message: expect.stringMatching(/计算 ABC/) });
});

test('with Group by set, the query tiers within each group (PARTITION BY) and shows the group', () => {
  for (const mode of ['abc', 'score', 'rfm', 'valueGroups'] as const) {
    const s = orders();
    s.mode = mode;
    s.groupBy = 'Region';
    if (mode === 'score') s.score.dimensions = [{ column: 'Total', weight: 1, direction: 'higher' }];
    const shown = bigQueryText(s, 'shop.orders', 'zh');
    expect(shown).toEqual({ ok: true, sql: tieringSql(s, { dialect: 'bigquery', table: 'shop.orders', lang: 'zh' }) });
    expect(shown.ok && shown.sql).toContain('PARTITION BY ct_group');
    expect(shown.ok && shown.sql).toContain('AS customer_group');
  }
  // Computed ABC is still refused, with or without groups.
  const computed = orders();
  computed.groupBy = 'Region';
  computed.abc = { method: 'computed', cuts: [] };
  expect(bigQueryText(computed, 't', 'en')).toEqual({ ok: false, message: expect.stringMatching(/Computed ABC/) });
});
