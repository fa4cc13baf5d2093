/**
 * The add-on end to end, as Sheets runs it: the bundled dist/Code.js on the in-memory spreadsheet,
 * driven through its menu and sidebar functions.
 */
import { settingText } from '../../src/i18n/issues';
import type { SettingProblem } from '../../src/settings/settings';
import { createFakeGas, getSheet, sheetSnapshot, type FakeGas } from '../../harness/fakeGas';
import { loadBundle, invoke, clickMenuItem, setBundleClock, type BundleContext } from '../../harness/loadBundle';
import { sampleOrders } from '../../src/sample/generate';
import { defaultSettings } from '../../src/settings/settings';
import { DEFAULT_RFM_SEGMENT_RULES } from '../../src/engine/rfm';
import { RFM_SEGMENT_NAMES } from '../../src/engine/labels';

const RFM_SEGMENTS = Object.keys(RFM_SEGMENT_NAMES);

function start(options: Parameters<typeof createFakeGas>[0] = {}): { fake: FakeGas; ctx: BundleContext } {
  const fake = createFakeGas(options);
  const ctx = loadBundle(fake);
  invoke(fake, ctx, 'onOpen', {});
  return { fake, ctx };
}

const lastAlert = (fake: FakeGas) => fake.ui.alerts[fake.ui.alerts.length - 1]?.prompt ?? '';
const values = (fake: FakeGas, sheet: string) => getSheet(fake, sheet).getDataRange().getValues();

/** Customer list with one row per customer. */
function customerSheet(n: number, extra: (i: number) => Record<string, unknown> = () => ({})): unknown[][] {
  const rows: unknown[][] = [['Customer', 'Revenue']];
  for (let i = 0; i < n; i++) {
    const row = { name: `C${String(i).padStart(6, '0')}`, revenue: ((i * 7919) % 1000) + 1, ...extra(i) };
    rows.push([row.name, row.revenue]);
  }
  return rows;
}

function saveSettings(fake: FakeGas, ctx: BundleContext, patch: (s: ReturnType<typeof defaultSettings>) => void, sheet = 'Customers') {
  const s = defaultSettings(sheet);
  s.source.idColumn = 'Customer';
  s.source.valueColumn = 'Revenue';
  patch(s);
  const result = invoke(fake, ctx, 'sidebarSaveSettings', s) as { ok: boolean; errors?: string[] };
  expect(result).toEqual({ ok: true, messages: [] });
}

describe('menu', () => {
  it("builds the add-on menu in AuthMode.NONE, in the user's language", () => {
    const fake = createFakeGas({ authMode: 'NONE', locale: 'zh_CN' });
    const ctx = loadBundle(fake);
    invoke(fake, ctx, 'onOpen', { authMode: 'NONE' });
    expect(fake.ui.menus[0].items.filter((i) => i.type === 'item').map((i) => (i as { caption: string }).caption)).toEqual([
      '打开设置',
      '立即客户分级',
      '刷新汇总',
      '保存分级快照',
      '重新分级并保存本月快照',
      '插入示例数据',
      '帮助',
    ]);
    const en = start();
    expect(en.fake.ui.menuFunctionNames()).toEqual([
      'showSidebar',
      'tierCustomersNow',
      'refreshSummary',
      'saveTierSnapshot',
      'retierAndSaveSnapshot',
      'insertSampleData',
      'showHelp',
    ]);
  });

  it('opens the sidebar from the built HTML', () => {
    const { fake, ctx } = start();
    clickMenuItem(fake, ctx, 'Open settings');
    expect(fake.ui.shown[0]).toMatchObject({ kind: 'sidebar', title: 'Customer Tiers' });
  });
});

describe('Tier customers now on the sample', () => {
  const { fake, ctx } = start();
  clickMenuItem(fake, ctx, 'Insert sample data');
  clickMenuItem(fake, ctx, 'Tier customers now');
  const data = values(fake, 'Sample orders');
  const headers = data[0];
  const tierCol = headers.indexOf('Tier');

  it('writes tiers that match pareto tiers computed here from the raw sample', () => {
    expect(lastAlert(fake)).toMatch(/Tiered \d+ customers on "Sample orders"/);
    // Independent roll-up: sum every readable amount per customer (ABC needs no dates, so the
    // order with the impossible date 31/02/2024 still counts).
    const totals = new Map<string, number>();
    for (const [name, , amount] of sampleOrders().rows) {
      if (typeof amount !== 'number' || !String(name).trim()) continue;
      totals.set(String(name), (totals.get(String(name)) ?? 0) + amount);
    }
    const sorted = [...totals.entries()].sort((a, b) => b[1] - a[1]);
    const sum = sorted.reduce((s, [, v]) => s + Math.max(0, v), 0);
    const expected = new Map<string, string>();
    let before = 0;
    let i = 0;
    while (i < sorted.length) {
      // ties share the tier of the first of them
      const share = before / sum;
      const tier = share < 0.8 ? 'A' : share < 0.95 ? 'B' : 'C';
      const v = sorted[i][1];
      while (i < sorted.length && sorted[i][1] === v) {
        expected.set(sorted[i][0], Math.max(0, v) > 0 ? tier : 'C');
        before += Math.max(0, sorted[i][1]);
        i++;
      }
    }
    let checked = 0;
    for (const row of data.slice(1)) {
      const name = String(row[0]);
      if (!expected.has(name)) continue;
      expect(row[tierCol]).toBe(expected.get(name));
      checked++;
    }
    expect(checked).toBeGreaterThan(2000);
  });

  it('colours the tier column with conditional formatting and writes a colour-coded summary', () => {
    const snap = sheetSnapshot(getSheet(fake, 'Sample orders'));
    const rules = snap.rules.filter((r) => r.criteria === 'TEXT_EQUAL_TO');
    expect(rules.map((r) => r.values[0])).toEqual(['A', 'B', 'C']);
    expect(new Set(rules.map((r) => r.background)).size).toBe(3);
    const summary = sheetSnapshot(getSheet(fake, 'Tier summary'));
    const aRow = summary.values.findIndex((r) => r[0] === 'A');
    expect(summary.backgrounds[aRow][0]).toBe(rules[0].background);
    expect(summary.values[aRow][4]).toBeGreaterThanOrEqual(0.8); // A holds at least 80% of value
    expect(summary.charts).toHaveLength(1);
    expect(summary.values.find((r) => r[0] === 'Method')?.[1]).toBe('ABC tiers by cumulative share of value (cuts 80% / 95%)');
    // The bad sample rows are listed with their sheet row numbers.
    const flat = summary.values.map((r) => r.join(' '));
    expect(flat.some((r) => /n\/a/.test(r))).toBe(true);
    expect(flat.some((r) => /31\/02\/2024/.test(r))).toBe(false); // dates are not read for ABC
  });

  it('running twice leaves the same sheets as running once', () => {
    const before = fake.spreadsheet.getSheets().map((s) => sheetSnapshot(s));
    clickMenuItem(fake, ctx, 'Tier customers now');
    const after = fake.spreadsheet.getSheets().map((s) => sheetSnapshot(s));
    const dropTime = (snaps: typeof before) =>
      // The summary's "Run at" row holds the minute of the run: a minute may pass between two runs.
      snaps.map((s) => ({ ...s, values: s.values.map((r) => (s.name === 'Tier summary' && r[0] === 'Run at' ? [] : r)) }));
    expect(dropTime(after)).toEqual(dropTime(before));
  });
});

describe("never overwrites the user's data", () => {
  it("keeps the user's own conditional format rules", () => {
    const { fake, ctx } = start({ sheets: { Customers: customerSheet(50) } });
    saveSettings(fake, ctx, () => {});
    // Set up the user's own rule through the service objects, as a user's script would.
    const app = fake.globals.SpreadsheetApp as any;
    const userSheet = app.getActiveSpreadsheet().getSheetByName('Customers');
    userSheet.setConditionalFormatRules([
      app
        .newConditionalFormatRule()
        .whenNumberGreaterThan(900)
        .setBackground('#ff0000')
        .setRanges([userSheet.getRange('B2:B51')])
        .build(),
    ]);
    const sheet = getSheet(fake, 'Customers');
    invoke(fake, ctx, 'tierCustomersNow');
    invoke(fake, ctx, 'tierCustomersNow');
    const rules = sheetSnapshot(sheet).rules;
    expect(rules.filter((r) => r.background === '#ff0000')).toHaveLength(1);
    expect(rules.filter((r) => r.criteria === 'TEXT_EQUAL_TO')).toHaveLength(3);
  });

  it('a blank value gets no tier and is listed on the summary with why; an unreadable one once, as not a number', () => {
    const rows = customerSheet(10);
    rows[3][1] = '';
    rows[6][1] = 'lots';
    const { fake, ctx } = start({ sheets: { Customers: rows } });
    saveSettings(fake, ctx, () => {});
    invoke(fake, ctx, 'tierCustomersNow');
    const data = values(fake, 'Customers');
    expect(data[3][data[0].indexOf('Tier')]).toBe('');
    const summary = values(fake, 'Tier summary');
    const at = summary.findIndex((r) => r[0] === 'Rows skipped or partly used');
    expect(summary.slice(at + 2, at + 4).map((r) => r.slice(0, 3))).toEqual([
      [4, 'Revenue', 'No tier: the value is blank or not a number; fill it in (0 if there is none).'],
      [7, 'Revenue', '"lots" is not a number'],
    ]);
  });

  it('stops with a clear message when the user typed into a tier column, changing nothing', () => {
    const { fake, ctx } = start({ sheets: { Customers: customerSheet(30) } });
    saveSettings(fake, ctx, () => {});
    invoke(fake, ctx, 'tierCustomersNow');
    const sheet = getSheet(fake, 'Customers');
    const tierCol = values(fake, 'Customers')[0].indexOf('Tier') + 1;
    sheet.getRange(5, tierCol).setValue('my note');
    const before = fake.spreadsheet.getSheets().map((s) => sheetSnapshot(s));
    invoke(fake, ctx, 'tierCustomersNow');
    expect(lastAlert(fake)).toMatch(/The column "Tier" \(column C\) was changed since Customer Tiers last wrote it/);
    expect(fake.spreadsheet.getSheets().map((s) => sheetSnapshot(s))).toEqual(before);
  });

  it('reruns after the user sorts rows, deletes customers or adds new ones', () => {
    const { fake, ctx } = start({ sheets: { Customers: customerSheet(30) } });
    saveSettings(fake, ctx, () => {});
    invoke(fake, ctx, 'tierCustomersNow');
    const sheet = getSheet(fake, 'Customers');
    sheet.deleteRows(5, 3);
    const last = sheet.getLastRow();
    sheet.getRange(last + 1, 1, 1, 2).setValues([['New customer', 999]]);
    const rows = sheet.getRange(2, 1, last, 5).getValues();
    rows.reverse();
    sheet.getRange(2, 1, last, 5).setValues(rows);
    invoke(fake, ctx, 'tierCustomersNow');
    expect(lastAlert(fake)).toMatch(/Tiered 28 customers/);
    const data = values(fake, 'Customers');
    const newRow = data.find((r) => r[0] === 'New customer')!;
    expect(newRow[data[0].indexOf('Tier')]).toBe('A');
  });

  it('catches two tiers swapped in place, which a count of values cannot see', () => {
    const { fake, ctx } = start({ sheets: { Customers: customerSheet(30) } });
    saveSettings(fake, ctx, () => {});
    invoke(fake, ctx, 'tierCustomersNow');
    const sheet = getSheet(fake, 'Customers');
    const data = values(fake, 'Customers');
    const tierCol = data[0].indexOf('Tier');
    const a = data.findIndex((r) => r[tierCol] === 'A');
    const c = data.findIndex((r) => r[tierCol] === 'C');
    sheet.getRange(a + 1, tierCol + 1).setValue('C');
    sheet.getRange(c + 1, tierCol + 1).setValue('A');
    const before = fake.spreadsheet.getSheets().map((s) => sheetSnapshot(s));
    invoke(fake, ctx, 'tierCustomersNow');
    const cells = [a, c]
      .sort((x, y) => x - y)
      .map((r) => `C${r + 1}`)
      .join(', ');
    expect(lastAlert(fake)).toContain(`The column "Tier" (column C) was changed since Customer Tiers last wrote it (${cells})`);
    expect(fake.spreadsheet.getSheets().map((s) => sheetSnapshot(s))).toEqual(before);
  });

  it('catches notes typed into the cells freed by deleting half the customers', () => {
    const { fake, ctx } = start({ sheets: { Customers: customerSheet(30) } });
    saveSettings(fake, ctx, () => {});
    invoke(fake, ctx, 'tierCustomersNow');
    const sheet = getSheet(fake, 'Customers');
    sheet.deleteRows(2, 15);
    const rankCol = values(fake, 'Customers')[0].indexOf('Rank') + 1;
    // Below the 15 customers left: the rank column was filled there before the delete moved rows up.
    sheet.getRange(17, rankCol, 2, 1).setValues([['call back'], ['VIP?']]);
    invoke(fake, ctx, 'tierCustomersNow');
    expect(lastAlert(fake)).toMatch(/The column "Rank" \(column D\) was changed since Customer Tiers last wrote it \(D17, D18\)/);
    expect(values(fake, 'Customers')[16][rankCol - 1]).toBe('call back');
    // Clearing the notes is enough to run again.
    sheet.getRange(17, rankCol, 2, 1).clearContent();
    invoke(fake, ctx, 'tierCustomersNow');
    expect(lastAlert(fake)).toMatch(/Tiered 15 customers/);
  });

  it('keeps cells above the header row when switching mode clears the old columns', () => {
    const rows: unknown[][] = [['Report of 2026-11', ''], ['', ''], ...customerSheet(20)];
    const { fake, ctx } = start({ sheets: { Customers: rows } });
    saveSettings(fake, ctx, (s) => {
      s.source.headerRow = 3;
    });
    invoke(fake, ctx, 'tierCustomersNow');
    expect(values(fake, 'Customers')[2]).toEqual(['Customer', 'Revenue', 'Tier', 'Rank', 'Cumulative share']);
    // Notes above the add-on's columns are the user's: the add-on never wrote there.
    const sheet = getSheet(fake, 'Customers');
    sheet.getRange(1, 3, 2, 3).setValues([
      ['note C1', 'note D1', 'note E1'],
      ['note C2', 'note D2', 'note E2'],
    ]);
    saveSettings(fake, ctx, (s) => {
      s.source.headerRow = 3;
      s.mode = 'valueGroups';
    });
    invoke(fake, ctx, 'tierCustomersNow');
    expect(lastAlert(fake)).toMatch(/Tiered 20 customers/);
    const after = values(fake, 'Customers');
    expect(after.slice(0, 2).map((r) => r.slice(2, 5))).toEqual([
      ['note C1', 'note D1', 'note E1'],
      ['note C2', 'note D2', 'note E2'],
    ]);
    expect(after[2]).toEqual(['Customer', 'Revenue', 'Value group', '', '']);
    expect(after.slice(3).every((r) => r[3] === '' && r[4] === '')).toBe(true);
  });

  it('says its record is gone, rather than guessing, when the hidden record sheet was deleted', () => {
    const { fake, ctx } = start({ sheets: { Customers: customerSheet(10) } });
    saveSettings(fake, ctx, () => {});
    invoke(fake, ctx, 'tierCustomersNow');
    const record = fake.spreadsheet.getSheets().find((s) => s.getName().startsWith('Customer Tiers record'))!;
    expect(record.isSheetHidden()).toBe(true);
    expect(record.getMaxColumns()).toBe(3);
    fake.spreadsheet.deleteSheet(record);
    invoke(fake, ctx, 'tierCustomersNow');
    expect(lastAlert(fake)).toMatch(
      /cannot tell whether the column "Tier" \(column C\) holds your edits \(C2, C3, C4, C5, C6, and 5 more\)/,
    );
  });

  it('follows its columns when the user inserts a column, and leaves a renamed column to the user', () => {
    const { fake, ctx } = start({ sheets: { Customers: customerSheet(30) } });
    saveSettings(fake, ctx, () => {});
    invoke(fake, ctx, 'tierCustomersNow');
    const sheet = getSheet(fake, 'Customers');
    sheet.insertColumnsBefore(2, 1);
    sheet.getRange(1, 2).setValue('Region');
    invoke(fake, ctx, 'tierCustomersNow');
    expect(values(fake, 'Customers')[0]).toEqual(['Customer', 'Region', 'Revenue', 'Tier', 'Rank', 'Cumulative share']);
    sheet.getRange(1, 4).setValue('My tier');
    sheet.getRange(3, 4).setValue('keep me');
    invoke(fake, ctx, 'tierCustomersNow');
    const after = values(fake, 'Customers');
    expect(after[0]).toEqual(['Customer', 'Region', 'Revenue', 'My tier', 'Rank', 'Cumulative share', 'Tier']);
    expect(after[2][3]).toBe('keep me');
  });

  it('writes text that looks like a formula as text', () => {
    const rows = customerSheet(10);
    rows[1][0] = '=HYPERLINK("http://example.com","x")';
    rows[2][0] = '+SUM(1,2)';
    rows[3][0] = '@evil';
    rows[4][0] = '-cmd';
    const { fake, ctx } = start({ sheets: { Customers: rows } });
    // The fake turns typed '=' text into formulas, like Sheets: put the user's names in as text.
    const sheet = getSheet(fake, 'Customers');
    sheet.getRange(2, 1, 4, 1).setNumberFormat('@');
    sheet.getRange(2, 1, 4, 1).setValues([[rows[1][0]], [rows[2][0]], [rows[3][0]], [rows[4][0]]]);
    saveSettings(fake, ctx, (s) => {
      s.tiers[0].label = '=A';
      s.playbook['=A'] = '=IMPORTXML("http://evil")';
    });
    invoke(fake, ctx, 'tierCustomersNow');
    invoke(fake, ctx, 'saveTierSnapshot');
    for (const s of fake.spreadsheet.getSheets()) {
      const formulas = sheetSnapshot(s).formulas.flat().filter(Boolean);
      expect({ sheet: s.getName(), formulas }).toEqual({ sheet: s.getName(), formulas: [] });
    }
    const summary = values(fake, 'Tier summary').flat();
    expect(summary).toContain('=IMPORTXML("http://evil")');
    // Plain-text cells get the raw text: an apostrophe there may be kept as a character.
    expect(summary).toContain('=A');
    expect(summary.filter((v) => String(v).startsWith("'"))).toEqual([]);
    invoke(fake, ctx, 'tierCustomersNow');
    const tiers = values(fake, 'Customers').map((r) => r[2]);
    expect(tiers).toContain('=A');
    expect(tiers.filter((v) => String(v).startsWith("'"))).toEqual([]);
    expect(values(fake, 'Tier history').flat()).toContain('=HYPERLINK("http://example.com","x")');
  });
});

describe('runs one at a time', () => {
  it('tells the user when another run holds the document lock, and writes nothing', () => {
    const { fake, ctx } = start({ sheets: { Customers: customerSheet(20) } });
    saveSettings(fake, ctx, () => {});
    const release = fake.holdDocumentLock();
    const before = sheetSnapshot(getSheet(fake, 'Customers'));
    invoke(fake, ctx, 'tierCustomersNow');
    expect(lastAlert(fake)).toMatch(/Another Customer Tiers run is still working/);
    expect(sheetSnapshot(getSheet(fake, 'Customers'))).toEqual(before);
    release();
    invoke(fake, ctx, 'tierCustomersNow');
    expect(lastAlert(fake)).toMatch(/Tiered 20 customers/);
  });
});

describe('service calls', () => {
  it('are the same for 1,000 and 100,000 rows, on the first run and on a rerun', () => {
    const count = (n: number) => {
      const { fake, ctx } = start({ sheets: { Customers: customerSheet(n) } });
      saveSettings(fake, ctx, () => {});
      fake.calls.reset();
      invoke(fake, ctx, 'tierCustomersNow');
      expect(lastAlert(fake)).toMatch(new RegExp(`Tiered ${n} customers`));
      // One read of the data; one write of the tier columns, one of the record of what was
      // written, one of the customer list, two of the summary (table, Pareto data).
      expect(fake.calls.byMethod['Range.getValues']).toBe(1);
      expect(fake.calls.byMethod['Range.setValues']).toBe(5);
      const first = fake.calls.total;
      fake.calls.reset();
      invoke(fake, ctx, 'tierCustomersNow');
      expect(lastAlert(fake)).toMatch(new RegExp(`Tiered ${n} customers`));
      // A rerun also reads the record once: to check every cell of its columns, then to replace it.
      expect(fake.calls.byMethod['Range.getValues']).toBe(2);
      return [first, fake.calls.total];
    };
    const small = count(1000);
    expect(count(100_000)).toEqual(small);
    // A handful of calls per sheet written (data columns, record, customer list, summary), never per row.
    expect(small[0]).toBeLessThan(200);
    expect(small[1]).toBeLessThan(200);
  });
});

describe('settings through the sidebar functions', () => {
  it('rejects bad settings with messages, and repairs corrupt stored settings with a visible message', () => {
    const { fake, ctx } = start({ sheets: { Customers: customerSheet(10) } });
    const bad = defaultSettings('Customers') as any;
    bad.abc.cuts = [0.8];
    const refused = invoke(fake, ctx, 'sidebarSaveSettings', bad) as { ok: false; problems: SettingProblem[]; errors: string[] };
    // Problems come back as data: the sidebar puts each beside the setting of its path, in its language.
    expect(refused).toEqual({
      ok: false,
      problems: [{ path: 'tiers', code: 'settings.tierCountMismatch', params: { cuts: 1, tiers: 2, labels: 3 } }],
      errors: [],
    });
    expect(settingText(refused.problems[0], 'en')).toMatch(/1 cuts make 2 tiers, but 3 tier labels/);
    (fake.globals.PropertiesService as any).getDocumentProperties().setProperty('customerTiers.settings', '{"version":1,"mode":"nonsense"');
    const state = invoke(fake, ctx, 'sidebarGetState') as any;
    expect(state.messages[0]).toMatch(/could not be read/);
    expect(state.settings.source).toMatchObject({ sheetName: 'Customers', idColumn: 'Customer', valueColumn: 'Revenue' });
    expect(state.sheets[0]).toMatchObject({ name: 'Customers', headers: ['Customer', 'Revenue'], dataRows: 10 });
  });

  it('refuses settings too large for a document property instead of failing to save', () => {
    const { fake, ctx } = start({ sheets: { Customers: customerSheet(10) } });
    const s = defaultSettings('Customers');
    s.mode = 'rfm';
    for (const segment of [
      'Champions',
      'Loyal Customers',
      'Potential Loyalist',
      'New Customers',
      'Promising',
      'Need Attention',
      'At Risk',
    ]) {
      s.playbook[segment] = '重要客户专属服务'.repeat(62); // 496 characters, 3 bytes each
    }
    const result = invoke(fake, ctx, 'sidebarSaveSettings', s) as { ok: false; problems: SettingProblem[] };
    expect(result).toMatchObject({ ok: false, problems: [{ path: 'playbook', code: 'settings.tooLarge' }] });
    expect(settingText(result.problems[0], 'en')).toMatch(/^playbook: the settings take 10\.\d KB and Google Sheets keeps at most 9 KB/);
    expect(fake.properties.document.size).toBe(0);
  });

  it('reports a missing column by name with the headers to pick from', () => {
    const { fake, ctx } = start({ sheets: { Customers: customerSheet(10) } });
    saveSettings(fake, ctx, (s) => {
      s.source.valueColumn = 'Sales';
    });
    invoke(fake, ctx, 'tierCustomersNow');
    expect(lastAlert(fake)).toMatch(/the value column "Sales" is not in the header row \(Customer, Revenue\)/);
  });

  it("does not offer the add-on's own columns as data columns after a run", () => {
    const { fake, ctx } = start({ sheets: { Customers: customerSheet(10) } });
    saveSettings(fake, ctx, () => {});
    invoke(fake, ctx, 'tierCustomersNow');
    expect(values(fake, 'Customers')[0]).toEqual(['Customer', 'Revenue', 'Tier', 'Rank', 'Cumulative share']);
    expect((invoke(fake, ctx, 'sidebarGetSheetInfo', 'Customers', 1) as any).headers).toEqual(['Customer', 'Revenue']);
    const table = invoke(fake, ctx, 'sidebarGetTable', 'Customers', 1) as any;
    expect(table.headers).toEqual(['Customer', 'Revenue']);
    expect(table.rows[0]).toHaveLength(2);
  });

  it('hands a renamed output column to the user in the pickers, the preview and the run alike', () => {
    const { fake, ctx } = start({ sheets: { Customers: customerSheet(10) } });
    saveSettings(fake, ctx, () => {});
    invoke(fake, ctx, 'tierCustomersNow');
    getSheet(fake, 'Customers').getRange(1, 3).setValue('My tier');
    const expected = ['Customer', 'Revenue', 'My tier'];
    expect((invoke(fake, ctx, 'sidebarGetSheetInfo', 'Customers', 1) as any).headers).toEqual(expected);
    expect((invoke(fake, ctx, 'sidebarGetTable', 'Customers', 1) as any).headers).toEqual(expected);
    expect((invoke(fake, ctx, 'sidebarGetState') as any).sheets[0].headers).toEqual(expected);
    invoke(fake, ctx, 'tierCustomersNow');
    expect(values(fake, 'Customers')[0]).toEqual(['Customer', 'Revenue', 'My tier', 'Rank', 'Cumulative share', 'Tier']);
    // After the run too: the user's column is offered, the add-on's new one is not.
    expect((invoke(fake, ctx, 'sidebarGetTable', 'Customers', 1) as any).headers).toEqual(expected);
    expect((invoke(fake, ctx, 'sidebarGetSheetInfo', 'Customers', 1) as any).headers).toEqual(expected);
  });

  it("offers only the user's sheets: not the customer list, the summary, the history or the hidden record, even renamed", () => {
    const { fake, ctx } = start({ sheets: { Customers: customerSheet(10) } });
    saveSettings(fake, ctx, () => {});
    invoke(fake, ctx, 'tierCustomersNow');
    invoke(fake, ctx, 'saveTierSnapshot');
    const all = fake.spreadsheet.getSheets();
    expect(all.length).toBe(5); // data, customer list, summary, history, hidden record
    // Found by their metadata, not their names.
    for (const sheet of all) if (sheet.getName() !== 'Customers') sheet.setName(`Mine ${sheet.getName()}`);
    fake.spreadsheet.setActiveSheet(all.find((sh) => sh.getName() !== 'Customers')!);
    const state = invoke(fake, ctx, 'sidebarGetState') as { sheets: { name: string }[]; activeSheet: string };
    expect(state.sheets.map((sh) => sh.name)).toEqual(['Customers']);
    expect(state.activeSheet).toBe('Customers');
  });

  it('gives the sidebar its table with dates as ISO text', () => {
    const { fake, ctx } = start();
    clickMenuItem(fake, ctx, 'Insert sample data');
    const table = invoke(fake, ctx, 'sidebarGetTable', 'Sample orders', 1) as any;
    expect(table.headers[1]).toBe('订单日期 Order date');
    expect(table.rows[0][1]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('snapshots', () => {
  it('shows who moved since the last snapshot, and saving twice a day keeps one snapshot', () => {
    const rows = customerSheet(40);
    const { fake, ctx } = start({ sheets: { Customers: rows } });
    saveSettings(fake, ctx, () => {});
    invoke(fake, ctx, 'saveTierSnapshot');
    invoke(fake, ctx, 'saveTierSnapshot');
    expect(values(fake, 'Tier history')).toHaveLength(41);
    // The smallest customer becomes the biggest.
    const smallest = rows.slice(1).reduce((a, b) => ((a[1] as number) <= (b[1] as number) ? a : b));
    const rowIndex = rows.indexOf(smallest) + 1;
    getSheet(fake, 'Customers').getRange(rowIndex, 2).setValue(100_000);
    invoke(fake, ctx, 'tierCustomersNow');
    const data = values(fake, 'Customers');
    const changeCol = data[0].indexOf('Change');
    expect(data[rowIndex - 1][changeCol]).toBe('Upgrade');
    const changeRules = sheetSnapshot(getSheet(fake, 'Customers')).rules.filter((r) =>
      r.ranges[0]?.startsWith(String.fromCharCode(65 + changeCol)),
    );
    expect(changeRules.map((r) => [r.values[0], r.background])).toEqual([
      ['Upgrade', '#b7e1cd'],
      ['Downgrade', '#f4c7c3'],
      ['New', '#c9daf8'],
    ]);
    const summary = values(fake, 'Tier summary').map((r) => r.join('|'));
    expect(summary.some((r) => r.startsWith('Moves since the snapshot of'))).toBe(true);
    expect(summary.find((r) => r.startsWith('Upgrades'))).toMatch(/^Upgrades\|[1-9]/);
    // The customer who moved up is listed as a rising star, with the tier before and now.
    const stars = summary.findIndex((r) => r.startsWith('Rising stars'));
    expect(stars).toBeGreaterThan(0);
    expect(summary.slice(stars + 2)).toContainEqual(expect.stringMatching(new RegExp(`^${smallest[0]}\\|C\\|A\\|1\\|100000`)));
  });
});

describe('the customer list sheet', () => {
  it('lists every customer best first, with a frozen header, a filter and tier colours; the summary links each tier to its first customer', () => {
    const { fake, ctx } = start({ sheets: { Customers: customerSheet(40) } });
    saveSettings(fake, ctx, () => {});
    invoke(fake, ctx, 'tierCustomersNow');
    const list = getSheet(fake, 'Customer list');
    const rows = values(fake, 'Customer list');
    expect(rows[0]).toEqual(['Customer', 'Tier', 'Why', 'Total', 'Share of value', 'Cumulative share', 'Rank', 'Action']);
    expect(rows).toHaveLength(41);
    const tiers = rows.slice(1).map((r) => r[1]);
    expect(tiers).toEqual([...tiers].sort());
    const snap = sheetSnapshot(list);
    expect(list.getFrozenRows()).toBe(1);
    expect(snap.filter).toBe('A1:H41');
    const summary = sheetSnapshot(getSheet(fake, 'Tier summary'));
    for (const tier of ['A', 'B', 'C']) {
      const first = tiers.indexOf(tier) + 2;
      // The tier's colour on the list is the summary's colour for that tier.
      const at = summary.values.findIndex((r) => r[0] === tier);
      expect(snap.backgrounds[first - 1][1]).toBe(summary.backgrounds[at][0]);
      expect(summary.links[at][0]).toBe(`#gid=${list.getSheetId()}&range=A${first}`);
    }
    // Its own sheet: never offered as data, and rewritten the same by a second run.
    const before = sheetSnapshot(list);
    invoke(fake, ctx, 'tierCustomersNow');
    expect(sheetSnapshot(list)).toEqual(before);
  });

  it("shows each customer's tier in the last snapshot and the move", () => {
    const rows = customerSheet(30);
    const { fake, ctx } = start({ sheets: { Customers: rows } });
    saveSettings(fake, ctx, () => {});
    invoke(fake, ctx, 'saveTierSnapshot');
    const smallest = rows.slice(1).reduce((a, b) => ((a[1] as number) <= (b[1] as number) ? a : b));
    getSheet(fake, 'Customers')
      .getRange(rows.indexOf(smallest) + 1, 2)
      .setValue(50_000);
    invoke(fake, ctx, 'tierCustomersNow');
    const list = values(fake, 'Customer list');
    expect(list[0]).toEqual(expect.arrayContaining(['In the last snapshot', 'Change']));
    const row = list.find((r) => r[0] === smallest[0])!;
    expect([row[1], row[list[0].indexOf('In the last snapshot')], row[list[0].indexOf('Change')]]).toEqual(['A', 'C', 'Upgrade']);
    expect(list[1][0]).toBe(smallest[0]); // the biggest customer now comes first
  });
});

describe('why a customer is in a tier', () => {
  it("the summary states each cut in the user's own values, matching the customers in each tier", () => {
    const { fake, ctx } = start({ sheets: { Customers: customerSheet(60) } });
    saveSettings(fake, ctx, () => {});
    invoke(fake, ctx, 'tierCustomersNow');
    const list = values(fake, 'Customer list').slice(1);
    const valuesOf = (tier: string) => list.filter((r) => r[1] === tier).map((r) => r[3] as number);
    const fmt = (x: number) => x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    const lines = values(fake, 'Tier summary').map((r) => String(r[0]));
    const minA = Math.min(...valuesOf('A'));
    const minB = Math.min(...valuesOf('B'));
    expect(lines).toContainEqual(
      expect.stringMatching(new RegExp(`^A: ${fmt(minA)} and above \\(top ${valuesOf('A').length} customers, \\d+\\.\\d% of value\\)$`)),
    );
    expect(lines).toContain(lines.find((l) => l.startsWith(`B: ${fmt(minB)} to under ${fmt(minA)} (${valuesOf('B').length} customers`)));
    expect(lines.some((l) => l.startsWith(`C: below ${fmt(minB)} (${valuesOf('C').length} customers`))).toBe(true);
    expect(Math.max(...valuesOf('B'))).toBeLessThan(minA);
  });

  it('in RFM mode the summary lists the segment rules in order', () => {
    const { fake, ctx } = start();
    clickMenuItem(fake, ctx, 'Insert sample data');
    const state = invoke(fake, ctx, 'sidebarGetState') as { settings: ReturnType<typeof defaultSettings> };
    expect(invoke(fake, ctx, 'sidebarTierNow', { ...state.settings, mode: 'rfm' })).toMatchObject({ ok: true });
    const lines = values(fake, 'Tier summary').map((r) => String(r[0]));
    const first = lines.findIndex((l) => l.startsWith('Champions: R '));
    expect(first).toBeGreaterThan(0);
    const rule = DEFAULT_RFM_SEGMENT_RULES[0];
    const range = ([lo, hi]: readonly number[]) => (lo === hi ? String(lo) : `${lo}–${hi}`);
    expect(lines[first]).toBe(`Champions: R ${range(rule.r)}, F ${range(rule.f)}, M ${range(rule.m)}`);
    expect(lines.slice(first, first + DEFAULT_RFM_SEGMENT_RULES.length).every((l) => / R [1-5]/.test(l))).toBe(true);
  });
});

describe('damaged settings', () => {
  it('stop every menu action, say so and open the settings, instead of guessing columns on the active sheet', () => {
    const { fake, ctx } = start({
      sheets: {
        Customers: customerSheet(10),
        Notes: [
          ['Item', 'Amount'],
          ['pens', 3],
        ],
      },
    });
    saveSettings(fake, ctx, () => {});
    invoke(fake, ctx, 'tierCustomersNow');
    (fake.globals.PropertiesService as any)
      .getDocumentProperties()
      .setProperty('customerTiers.settings', '{"version":1,"mode":"abc","source":');
    fake.spreadsheet.setActiveSheet(fake.spreadsheet.getSheetByName('Notes')!);
    const before = fake.spreadsheet.getSheets().map((s) => sheetSnapshot(s));
    for (const action of ['tierCustomersNow', 'refreshSummary', 'saveTierSnapshot']) {
      const shown = fake.ui.shown.length;
      invoke(fake, ctx, action);
      expect(lastAlert(fake)).toMatch(/^Customer Tiers could not run:\n\n• The saved settings could not be read, so nothing was run/);
      expect(lastAlert(fake)).toMatch(/could not be read and were replaced by the defaults/);
      expect(fake.ui.shown.length).toBe(shown + 1);
      expect(fake.ui.shown[fake.ui.shown.length - 1]).toMatchObject({ kind: 'sidebar' });
    }
    expect(fake.spreadsheet.getSheets().map((s) => sheetSnapshot(s))).toEqual(before);
  });

  it('with a section reset are damaged too, but settings from nothing saved yet still start from a guess', () => {
    const { fake, ctx } = start({ sheets: { Customers: customerSheet(10) } });
    const stored = { ...defaultSettings('Customers'), abc: { method: 'pareto', cuts: 'eighty' } };
    (fake.globals.PropertiesService as any).getDocumentProperties().setProperty('customerTiers.settings', JSON.stringify(stored));
    invoke(fake, ctx, 'tierCustomersNow');
    expect(lastAlert(fake)).toMatch(/These settings were invalid and were reset to their defaults: abc/);
    expect(getSheet(fake, 'Customers').getLastColumn()).toBe(2);
    (fake.globals.PropertiesService as any).getDocumentProperties().deleteAllProperties();
    invoke(fake, ctx, 'tierCustomersNow');
    expect(lastAlert(fake)).toMatch(/Tiered 10 customers/);
  });
});

describe('the summary sheet', () => {
  it("says that it is rewritten on every run, in the user's language", () => {
    const { fake, ctx } = start({ sheets: { Customers: customerSheet(10) } });
    saveSettings(fake, ctx, () => {});
    invoke(fake, ctx, 'tierCustomersNow');
    expect(values(fake, 'Tier summary')[1][0]).toMatch(
      /^Customer Tiers rewrites this sheet on every run: keep your notes on another sheet/,
    );
    saveSettings(fake, ctx, (s) => {
      s.language = 'zh';
    });
    invoke(fake, ctx, 'tierCustomersNow');
    expect(values(fake, 'Tier summary')[1][0]).toMatch(/^每次运行时客户分级都会重写此工作表/);
  });
});

describe("snapshots past a new sheet's 1,000 rows", () => {
  for (const n of [1500, 100_000]) {
    it(`saves ${n.toLocaleString('en-US')} customers on two days, in a history sheet of 5 columns`, () => {
      const { fake, ctx } = start({ sheets: { Customers: customerSheet(n) } });
      saveSettings(fake, ctx, () => {});
      setBundleClock(ctx, new Date('2026-10-31T12:00:00Z'));
      invoke(fake, ctx, 'saveTierSnapshot');
      expect(lastAlert(fake)).toBe(`Saved a snapshot of ${n} customers for 2026-10-31 on the sheet "Tier history".`);
      setBundleClock(ctx, new Date('2026-11-30T12:00:00Z'));
      invoke(fake, ctx, 'saveTierSnapshot');
      expect(lastAlert(fake)).toBe(`Saved a snapshot of ${n} customers for 2026-11-30 on the sheet "Tier history".`);
      const history = getSheet(fake, 'Tier history');
      expect(history.getMaxColumns()).toBe(5);
      expect(history.getLastRow()).toBe(1 + 2 * n);
      const dates = history
        .getRange(2, 1, 2 * n, 1)
        .getValues()
        .map((r) => String(r[0]).slice(0, 10));
      expect(new Set(dates).size).toBe(2);
      // Saving again on the second day replaces that day's rows.
      invoke(fake, ctx, 'saveTierSnapshot');
      expect(history.getLastRow()).toBe(1 + 2 * n);
      invoke(fake, ctx, 'tierCustomersNow');
      expect(values(fake, 'Tier summary').some((r) => String(r[0]).startsWith('Moves since the snapshot of 2026-11-30'))).toBe(true);
    });
  }
});

describe('weighted score', () => {
  it('tiers by a score of several columns and leaves value figures blank when no value column is used', () => {
    const rows: unknown[][] = [['Customer', 'Orders', 'Days since last order']];
    for (let i = 0; i < 40; i++) rows.push([`C${i}`, i + 1, 400 - i * 10]);
    const { fake, ctx } = start({ sheets: { Customers: rows } });
    saveSettings(fake, ctx, (s) => {
      s.source.valueColumn = '';
      s.mode = 'score';
      s.score.dimensions = [
        { column: 'Orders', weight: 2, direction: 'higher' },
        { column: 'Days since last order', weight: 1, direction: 'lower' },
      ];
    });
    invoke(fake, ctx, 'tierCustomersNow');
    expect(lastAlert(fake)).toMatch(/Tiered 40 customers/);
    const data = values(fake, 'Customers');
    const score = data[0].indexOf('Score');
    const tier = data[0].indexOf('Tier');
    // Both indicators improve down the sheet: the last customer scores 100 and is the A (top 5% of 40 = 2).
    expect(data[40][score]).toBe(100);
    expect(
      data
        .slice(1)
        .filter((r) => r[tier] === 'A')
        .map((r) => r[0]),
    ).toEqual(['C38', 'C39']);
    const summary = values(fake, 'Tier summary');
    const aRow = summary.find((r) => r[0] === 'A')!;
    expect(aRow.slice(1, 3)).toEqual([2, 0.05]);
    expect(aRow.slice(3)).toEqual(['', '', '', '', '']);
    expect(summary.some((r) => r[0] === 'Total value')).toBe(false);
  });
});

describe('RFM on the sample orders', () => {
  it("writes RFM codes and segments, and the summary says when the segment rules are the user's own", () => {
    const { fake, ctx } = start();
    clickMenuItem(fake, ctx, 'Insert sample data');
    const state = invoke(fake, ctx, 'sidebarGetState') as { settings: ReturnType<typeof defaultSettings> };
    const settings = { ...state.settings, mode: 'rfm' as const };
    expect(invoke(fake, ctx, 'sidebarTierNow', settings)).toMatchObject({ ok: true });
    const data = values(fake, 'Sample orders');
    expect(data[0].slice(4, 6)).toEqual(['RFM', 'Segment']);
    expect(data.slice(1).filter((r) => /^[1-5]{3}$/.test(String(r[4]))).length).toBeGreaterThan(2000);
    const method = () => values(fake, 'Tier summary').find((r) => r[0] === 'Method')?.[1];
    expect(method()).toBe('RFM: recency, frequency and monetary scores 1–5, named segments');
    // With a snapshot, the migration matrix has a column for each of the 11 segments and one for Lost.
    invoke(fake, ctx, 'saveTierSnapshot');
    expect(invoke(fake, ctx, 'sidebarTierNow', settings)).toMatchObject({ ok: true });
    // A rerun reads back exactly the codes it wrote (no apostrophe kept in plain-text cells).
    expect(
      values(fake, 'Sample orders')
        .slice(1)
        .filter((r) => String(r[4]).startsWith("'")),
    ).toEqual([]);
    const matrixHeader = values(fake, 'Tier summary').find((r) => r[0] === 'From \\ to')!;
    expect(matrixHeader.slice(1, 13)).toEqual([...RFM_SEGMENTS, 'Lost']);
    const stay = values(fake, 'Tier summary').find((r) => r[0] === 'Champions' && typeof r[1] === 'number')!;
    expect(stay[1]).toBeGreaterThan(0); // nobody moved: Champions stay Champions
    const own = {
      ...settings,
      rfm: {
        ...settings.rfm,
        rules: [...DEFAULT_RFM_SEGMENT_RULES]
          .reverse()
          .slice(1)
          .reverse()
          .concat([{ segment: 'Others', r: [1, 5], f: [1, 5], m: [1, 5] }]),
      },
    };
    expect(invoke(fake, ctx, 'sidebarTierNow', own)).toMatchObject({ ok: true });
    expect(method()).toBe('RFM: recency, frequency and monetary scores 1–5, segments by your own rules');
  });
});

describe('moves under today’s rules', () => {
  /** Pareto tiers computed here, independently: ties share the higher tier, the crossing customer stays in the tier. */
  function pareto(values: Map<string, number>, cuts: number[]): Map<string, string> {
    const sorted = [...values.entries()].sort((a, b) => b[1] - a[1]);
    const sum = sorted.reduce((s, [, v]) => s + Math.max(0, v), 0);
    const tiers = new Map<string, string>();
    let before = 0;
    for (let i = 0; i < sorted.length; ) {
      const share = before / sum;
      const tier = share < cuts[0] ? 'A' : share < cuts[1] ? 'B' : 'C';
      const v = sorted[i][1];
      while (i < sorted.length && sorted[i][1] === v) {
        tiers.set(sorted[i][0], tier);
        before += Math.max(0, sorted[i][1]);
        i++;
      }
    }
    return tiers;
  }
  /** The summary's lines, without the Pareto chart's data to their right. */
  const summaryLines = (fake: FakeGas) => values(fake, 'Tier summary').map((r) => r.slice(0, 9).join('|').replace(/\|+$/, ''));

  it('a changed A cut alone moves no one, and the summary counts who the rule change moved', () => {
    const rows = customerSheet(40);
    const { fake, ctx } = start({ sheets: { Customers: rows } });
    saveSettings(fake, ctx, () => {});
    setBundleClock(ctx, new Date('2026-10-31T12:00:00Z'));
    invoke(fake, ctx, 'saveTierSnapshot');
    const history = values(fake, 'Tier history');
    expect(history[0]).toEqual(['Snapshot date', 'Customer', 'Tier', 'Total value', 'Score or R F M']);
    expect(history[1].slice(1, 4)).toEqual([rows[1][0], expect.any(String), rows[1][1]]);
    expect(getSheet(fake, 'Tier history').getMaxColumns()).toBe(5);
    const stored = new Map(history.slice(1).map((r) => [String(r[1]), String(r[2])]));

    saveSettings(fake, ctx, (s) => {
      s.abc.cuts = [0.6, 0.95];
    });
    setBundleClock(ctx, new Date('2026-11-15T12:00:00Z'));
    invoke(fake, ctx, 'tierCustomersNow');
    const data = values(fake, 'Customers');
    const tierCol = data[0].indexOf('Tier');
    const changeCol = data[0].indexOf('Change');
    expect(new Set(data.slice(1).map((r) => r[changeCol]))).toEqual(new Set(['Same']));
    const ruleMoved = data.slice(1).filter((r) => stored.get(String(r[0])) !== r[tierCol]).length;
    expect(ruleMoved).toBeGreaterThan(0);
    const summary = summaryLines(fake);
    expect(summary).toContain("Last snapshot: 2026-10-31; a new month's run is due (Re-tier and save this month's snapshot)");
    expect(summary).toContain(
      `The rules changed since the snapshot of 2026-10-31: ${ruleMoved} customers would have moved by the rule change alone. The moves below compare under today's rules, so they show only changes in the customers themselves.`,
    );
    expect(summary).toContain('Upgrades|0|Downgrades|0|New|0|Lost|0');
    expect(summary.some((r) => r.startsWith('Rising stars') || r.startsWith('Slipping'))).toBe(false);

    // In Chinese too.
    saveSettings(fake, ctx, (s) => {
      s.abc.cuts = [0.6, 0.95];
      s.language = 'zh';
    });
    invoke(fake, ctx, 'tierCustomersNow');
    const zh = summaryLines(fake);
    expect(zh).toContain('上次快照：2026-10-31；本月尚未重新分级（请使用“重新分级并保存本月快照”）');
    expect(zh.some((r) => r.startsWith(`自 2026-10-31 快照以来分级规则已更改：仅因规则更改就会有 ${ruleMoved} 位客户变动等级。`))).toBe(
      true,
    );
  });

  it('changed values show the right moves, biggest first, with the value then and now', () => {
    const rows = customerSheet(40);
    const { fake, ctx } = start({ sheets: { Customers: rows } });
    saveSettings(fake, ctx, () => {});
    setBundleClock(ctx, new Date('2026-10-31T12:00:00Z'));
    invoke(fake, ctx, 'saveTierSnapshot');
    const then = new Map(rows.slice(1).map((r) => [String(r[0]), r[1] as number]));
    // The smallest becomes the biggest, the biggest the smallest, one in the middle grows; the cuts change too.
    const byValue = [...then.entries()].sort((a, b) => a[1] - b[1]);
    const [smallest, middle, biggest] = [byValue[0][0], byValue[20][0], byValue[39][0]];
    const now = new Map(then);
    now.set(smallest, 5000).set(biggest, 1).set(middle, 900);
    const sheet = getSheet(fake, 'Customers');
    for (const id of [smallest, middle, biggest]) sheet.getRange(rows.findIndex((r) => r[0] === id) + 1, 2).setValue(now.get(id));
    const cuts = [0.7, 0.9];
    saveSettings(fake, ctx, (s) => {
      s.abc.cuts = cuts;
    });
    setBundleClock(ctx, new Date('2026-11-30T12:00:00Z'));
    invoke(fake, ctx, 'tierCustomersNow');

    // Expected: last month's values and this month's, both tiered by today's cuts.
    const before = pareto(then, cuts);
    const after = pareto(now, cuts);
    const rank = (t: string) => 'ABC'.indexOf(t);
    const expected = new Map(
      [...after].map(([id, t]) => [
        id,
        rank(t) < rank(before.get(id)!) ? 'Upgrade' : rank(t) > rank(before.get(id)!) ? 'Downgrade' : 'Same',
      ]),
    );
    const data = values(fake, 'Customers');
    const changeCol = data[0].indexOf('Change');
    expect(new Map(data.slice(1).map((r) => [String(r[0]), r[changeCol]]))).toEqual(expected);
    expect(expected.get(smallest)).toBe('Upgrade');
    expect(expected.get(biggest)).toBe('Downgrade');

    const summary = summaryLines(fake);
    const count = (kind: string) => [...expected.values()].filter((k) => k === kind).length;
    expect(summary).toContain(`Upgrades|${count('Upgrade')}|Downgrades|${count('Downgrade')}|New|0|Lost|0`);
    // Biggest moves first (C to A before one tier up), then the biggest customers; value then and now.
    const stars = summary.findIndex((r) => r.startsWith('Rising stars'));
    expect(summary[stars + 1]).toBe('Customer|Before|Now|Value then|Value now');
    expect(summary[stars + 2]).toBe(`${smallest}|${before.get(smallest)}|A|${then.get(smallest)}|5000`);
    const slipping = summary.findIndex((r) => r.startsWith('Slipping'));
    expect(summary[slipping + 2]).toBe(`${biggest}|A|C|${then.get(biggest)}|1`);
    expect(summary).toContain("Last snapshot: 2026-10-31; a new month's run is due (Re-tier and save this month's snapshot)");
  });

  it('"Re-tier and save this month\'s snapshot" tiers, then saves, and compares with the month before however often it runs', () => {
    const rows = customerSheet(30);
    const { fake, ctx } = start({ sheets: { Customers: rows } });
    saveSettings(fake, ctx, () => {});
    setBundleClock(ctx, new Date('2026-10-31T12:00:00Z'));
    clickMenuItem(fake, ctx, "Re-tier and save this month's snapshot");
    expect(lastAlert(fake)).toBe(
      'Tiered 30 customers on "Customers". The summary is on the sheet "Tier summary". Saved a snapshot of 30 customers for 2026-10-31 on the sheet "Tier history".',
    );
    expect(values(fake, 'Customers')[0]).toContain('Tier');
    expect(summaryLines(fake)).toContain('Last snapshot: 2026-10-31');
    expect(summaryLines(fake)).toContain('No snapshot yet: use "Save tier snapshot" each month to see who moved between tiers.');

    const smallest = rows.slice(1).reduce((a, b) => ((a[1] as number) <= (b[1] as number) ? a : b));
    getSheet(fake, 'Customers')
      .getRange(rows.indexOf(smallest) + 1, 2)
      .setValue(50_000);
    setBundleClock(ctx, new Date('2026-11-30T12:00:00Z'));
    for (let i = 0; i < 2; i++) {
      clickMenuItem(fake, ctx, "Re-tier and save this month's snapshot");
      const summary = summaryLines(fake);
      expect(summary).toContain('Last snapshot: 2026-11-30');
      expect(summary).toContain('Moves since the snapshot of 2026-10-31');
      expect(summary.find((r) => r.startsWith('Upgrades'))).toMatch(/^Upgrades\|1\|/);
    }
    const dates = values(fake, 'Tier history')
      .slice(1)
      .map((r) => String(r[0]).slice(0, 10));
    expect(dates).toHaveLength(60);
  });

  it('an old 4-column history sheet still loads: its stored tiers are compared, and the next snapshot adds the figures', () => {
    const rows = customerSheet(20);
    const { fake, ctx } = start({ sheets: { Customers: rows } });
    saveSettings(fake, ctx, () => {});
    // As an earlier version wrote it: date, customer, tier, method; everyone was C.
    const old = fake.spreadsheet.insertSheet('Tier history');
    const oldRows = [['Snapshot date', 'Customer', 'Tier', 'Method'], ...rows.slice(1).map((r) => ['2026-09-30', r[0], 'C', 'abc/pareto'])];
    old.getRange(1, 1, oldRows.length, 4).setValues(oldRows);
    old.deleteColumns(5, old.getMaxColumns() - 4);
    old.addDeveloperMetadata('customerTiers.history', '', 'DOCUMENT');
    setBundleClock(ctx, new Date('2026-10-31T12:00:00Z'));
    invoke(fake, ctx, 'tierCustomersNow');
    const data = values(fake, 'Customers');
    const tierCol = data[0].indexOf('Tier');
    const changeCol = data[0].indexOf('Change');
    for (const r of data.slice(1)) expect(r[changeCol]).toBe(r[tierCol] === 'C' ? 'Same' : 'Upgrade');
    const summary = summaryLines(fake);
    expect(summary).toContain("Last snapshot: 2026-09-30; a new month's run is due (Re-tier and save this month's snapshot)");
    expect(summary.some((r) => r.startsWith('The rules changed'))).toBe(false);

    clickMenuItem(fake, ctx, "Re-tier and save this month's snapshot");
    const history = getSheet(fake, 'Tier history');
    expect(history.getMaxColumns()).toBe(5);
    const after = values(fake, 'Tier history');
    expect(after).toHaveLength(41);
    expect(after[1].slice(1, 4)).toEqual(oldRows[1].slice(1, 4));
    expect(after[21][3]).toBe(rows[1][1]);
    // Next month, the new snapshot's figures are re-tiered: a changed cut moves no one.
    saveSettings(fake, ctx, (s) => {
      s.abc.cuts = [0.5, 0.9];
    });
    setBundleClock(ctx, new Date('2026-11-30T12:00:00Z'));
    invoke(fake, ctx, 'tierCustomersNow');
    expect(summaryLines(fake)).toContain('Upgrades|0|Downgrades|0|New|0|Lost|0');
    expect(summaryLines(fake).some((r) => r.startsWith('The rules changed since the snapshot of 2026-10-31'))).toBe(true);
  });
});
