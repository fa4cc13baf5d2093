import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  createFakeGas,
  type FakeGas,
  getSheet,
  PROPERTY_STORE_LIMIT,
  PROPERTY_VALUE_LIMIT,
  sheetSnapshot,
  spreadsheetSnapshot,
} from '../../harness/fakeGas';
import { clickMenuItem, invoke, loadBundle } from '../../harness/loadBundle';

const tmp = mkdtempSync(path.join(tmpdir(), 'fakegas-'));
let fixtureCount = 0;
/** Writes a hand-written Code.js fixture and loads it into the fake, as the tests of the real bundle do. */
function load(fake: FakeGas, code: string) {
  const file = path.join(tmp, `Code${++fixtureCount}.js`);
  writeFileSync(file, code);
  return loadBundle(fake, file);
}

describe('cell values follow Sheets typing rules', () => {
  const fake = createFakeGas();
  const sheet = fake.spreadsheet.getActiveSheet();
  const write = (v: unknown) => sheet.getRange('A1').setValue(v).getValue();

  test('a leading apostrophe stores the text after it, never a formula', () => {
    expect(write("'=1+1")).toBe('=1+1');
    expect(sheet.getRange('A1').getFormula()).toBe('');
    expect(write("'007")).toBe('007');
  });

  test('plain-text format (@) stores strings verbatim', () => {
    sheet.getRange('B1').setNumberFormat('@').setValue('=HYPERLINK("http://x")');
    expect(sheet.getRange('B1').getValue()).toBe('=HYPERLINK("http://x")');
    expect(sheet.getRange('B1').getFormula()).toBe('');
    sheet.getRange('B1').setValue('007');
    expect(sheet.getRange('B1').getValue()).toBe('007');
  });

  test('formula-like strings become formulas that the fake cannot evaluate', () => {
    expect(write('=SUM(B1:B3)')).toBe('#ERROR!');
    expect(sheet.getRange('A1').getFormulas()).toEqual([['=SUM(B1:B3)']]);
    expect(write('-foo')).toBe('#ERROR!');
    expect(write('+A2')).toBe('#ERROR!');
    expect(sheet.getRange('A1').getFormula()).toBe('=+A2');
  });

  test('numeric, grouped, percent and boolean strings are converted like typed input', () => {
    expect(write('123')).toBe(123);
    expect(write('-4.5')).toBe(-4.5);
    expect(write('007')).toBe(7);
    expect(write('1,234.5')).toBe(1234.5);
    expect(write('5%')).toBeCloseTo(0.05);
    expect(write('TRUE')).toBe(true);
    expect(write('12 apples')).toBe('12 apples');
    expect(write('-')).toBe('-');
  });

  test('ISO date strings become Dates in the spreadsheet time zone', () => {
    const tzFake = createFakeGas({ timeZone: 'Asia/Shanghai' });
    const v = tzFake.spreadsheet.getActiveSheet().getRange('A1').setValue('2024-03-01').getValue() as Date;
    // Midnight in Shanghai (UTC+8, no DST) is 16:00 UTC the day before.
    expect(v.toISOString()).toBe('2024-02-29T16:00:00.000Z');
  });

  test('slash dates follow the spreadsheet locale', () => {
    const us = createFakeGas({ spreadsheetLocale: 'en_US' }).spreadsheet.getActiveSheet();
    const uk = createFakeGas({ spreadsheetLocale: 'en_GB' }).spreadsheet.getActiveSheet();
    expect((us.getRange('A1').setValue('3/4/2024').getValue() as Date).toISOString()).toBe('2024-03-04T00:00:00.000Z');
    expect((uk.getRange('A1').setValue('3/4/2024').getValue() as Date).toISOString()).toBe('2024-04-03T00:00:00.000Z');
    expect(uk.getRange('A1').setValue('2024/4/3').getDisplayValue()).toBe('2024-04-03');
  });

  test('display values apply common number and date formats', () => {
    const s = createFakeGas({ timeZone: 'Asia/Shanghai' }).spreadsheet.getActiveSheet();
    s.getRange('A1:D1').setValues([[1234.5, 0.123, 1234.5, new Date(Date.UTC(2024, 0, 5, 13, 4))]]);
    s.getRange('A1:D1').setNumberFormats([['#,##0.00', '0.0%', '"¥"#,##0', 'yyyy-mm-dd hh:mm']]);
    // 13:04 UTC is 21:04 in Shanghai (UTC+8).
    expect(s.getRange('A1:D1').getDisplayValues()).toEqual([['1,234.50', '12.3%', '¥1,235', '2024-01-05 21:04']]);
    expect(s.getRange('A1:D1').getNumberFormats()).toEqual([['#,##0.00', '0.0%', '"¥"#,##0', 'yyyy-mm-dd hh:mm']]);
  });

  test('null and undefined write blanks; reading beyond the last row gives blanks', () => {
    const f = createFakeGas({
      sheets: {
        Data: [
          ['id', 'value'],
          ['c1', 10],
        ],
      },
    });
    const data = getSheet(f, 'Data');
    expect(data.getLastRow()).toBe(2);
    expect(data.getLastColumn()).toBe(2);
    expect(data.getRange(1, 1, 4, 3).getValues()).toEqual([
      ['id', 'value', ''],
      ['c1', 10, ''],
      ['', '', ''],
      ['', '', ''],
    ]);
    data.getRange('B2').setValue(null);
    expect(data.getRange('B2').isBlank()).toBe(true);
    expect(data.getDataRange().getA1Notation()).toBe('A1:B2');
  });

  test('ranges cannot reach beyond the sheet until rows or columns are inserted', () => {
    const s = createFakeGas().spreadsheet.getActiveSheet();
    expect(s.getMaxRows()).toBe(1000);
    expect(s.getMaxColumns()).toBe(26);
    expect(() => s.getRange(1001, 1)).toThrow('The coordinates of the range are outside the dimensions of the sheet.');
    expect(() => s.getRange('AA1')).toThrow('outside the dimensions');
    expect(() => s.getRange(0, 1)).toThrow('The starting row of the range is too small.');
    s.insertRowsAfter(1000, 5);
    s.insertColumnsAfter(26, 1);
    expect(s.getRange(1005, 27).setValue('x').getA1Notation()).toBe('AA1005');
  });
});

describe('setValues shape', () => {
  const range = createFakeGas().spreadsheet.getActiveSheet().getRange('A1:B3');

  test('row count mismatch uses the Sheets message', () => {
    expect(() =>
      range.setValues([
        [1, 2],
        [3, 4],
      ]),
    ).toThrow('The number of rows in the data does not match the number of rows in the range. The data has 2 but the range has 3.');
  });

  test('column count mismatch uses the Sheets message', () => {
    expect(() => range.setValues([[1, 2], [3], [5, 6]])).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.',
    );
  });

  test('formats need the same shape', () => {
    expect(() => range.setBackgrounds([['#fff']])).toThrow('The number of rows in the data');
  });
});

describe('sheets', () => {
  test('insertSheet with a duplicate name throws and the new sheet becomes active', () => {
    const ss = createFakeGas().spreadsheet;
    const s = ss.insertSheet('Tiers');
    expect(ss.getActiveSheet()).toBe(s);
    expect(() => ss.insertSheet('Tiers')).toThrow('A sheet with the name "Tiers" already exists. Please enter another name.');
    expect(ss.getSheets().map((x) => x.getName())).toEqual(['Sheet1', 'Tiers']);
    expect(ss.insertSheet('First', 0).getIndex()).toBe(1);
    expect(ss.getRange("'Tiers'!B2").getA1Notation()).toBe('B2');
  });

  test('whole-column A1 ranges span all rows', () => {
    const s = createFakeGas().spreadsheet.getActiveSheet();
    const col = s.getRange('D:D');
    expect([col.getRow(), col.getColumn(), col.getNumRows(), col.getNumColumns()]).toEqual([1, 4, 1000, 1]);
    expect(col.getA1Notation()).toBe('D:D');
    expect(s.getRange('A2:B').getNumRows()).toBe(999);
  });
});

describe('developer metadata', () => {
  test('column metadata moves with inserted and deleted columns, and disappears with its column', () => {
    const fake = createFakeGas();
    const ss = fake.spreadsheet;
    const s = ss.getActiveSheet();
    s.getRange('D:D').addDeveloperMetadata('ct.column', 'tier');
    s.getRange(1, 5, s.getMaxRows()).addDeveloperMetadata('ct.column', 'score', 'PROJECT');
    const columnOf = (value: string) =>
      ss
        .createDeveloperMetadataFinder()
        .withKey('ct.column')
        .withValue(value)
        .find()
        .map((m) => m.getLocation().getColumn()?.getColumn());

    s.insertColumnsBefore(2, 2); // D -> F, E -> G
    expect(columnOf('tier')).toEqual([6]);
    s.insertColumnsAfter(6, 1); // after F: tier stays, score G -> H
    expect(columnOf('tier')).toEqual([6]);
    expect(columnOf('score')).toEqual([8]);
    s.deleteColumns(1, 1);
    expect(columnOf('tier')).toEqual([5]);
    const meta = ss.createDeveloperMetadataFinder().withValue('tier').find()[0];
    expect(meta.getLocation().getLocationType()).toBe('COLUMN');
    expect(meta.getLocation().getColumn()?.getA1Notation()).toBe('E:E');
    expect(meta.getVisibility()).toBe('DOCUMENT');
    s.deleteColumn(5);
    expect(columnOf('tier')).toEqual([]);
    expect(columnOf('score')).toEqual([6]);
  });

  test('finders filter by key, value, location type and scope; metadata can be changed and removed', () => {
    const ss = createFakeGas({ sheets: { A: [], B: [] } }).spreadsheet;
    const [a, b] = ss.getSheets();
    ss.addDeveloperMetadata('ct.version', '1');
    a.addDeveloperMetadata('ct.sheet', 'summary');
    b.getRange('C:C').addDeveloperMetadata('ct.column', 'tier');
    expect(ss.createDeveloperMetadataFinder().find()).toHaveLength(3);
    expect(
      ss
        .createDeveloperMetadataFinder()
        .withLocationType('SHEET')
        .find()
        .map((m) => m.getKey()),
    ).toEqual(['ct.sheet']);
    expect(
      a
        .createDeveloperMetadataFinder()
        .find()
        .map((m) => m.getKey()),
    ).toEqual(['ct.sheet']);
    expect(b.createDeveloperMetadataFinder().withKey('ct.column').find()).toHaveLength(1);
    expect(
      b
        .getRange('C:C')
        .getDeveloperMetadata()
        .map((m) => m.getValue()),
    ).toEqual(['tier']);
    expect(b.getRange('C1:C5').getDeveloperMetadata()).toEqual([]);
    expect(b.getRange('C1:C5').createDeveloperMetadataFinder().onIntersectingLocations().find()).toHaveLength(1);
    const [m] = b.getRange('C:C').getDeveloperMetadata();
    m.setValue('score');
    expect(ss.createDeveloperMetadataFinder().withValue('score').find()[0].getLocation().getSheet()?.getName()).toBe('B');
    m.remove();
    expect(b.createDeveloperMetadataFinder().find()).toEqual([]);
  });

  test('metadata on an arbitrary range is refused like in Sheets', () => {
    const s = createFakeGas().spreadsheet.getActiveSheet();
    expect(() => s.getRange('A1:B2').addDeveloperMetadata('k', 'v')).toThrow(
      'Adding developer metadata to arbitrary ranges is not currently supported',
    );
  });

  test('deleting a sheet removes its metadata', () => {
    const ss = createFakeGas().spreadsheet;
    const t = ss.insertSheet('T');
    t.addDeveloperMetadata('ct.sheet', 'x');
    ss.deleteSheet(t);
    expect(ss.createDeveloperMetadataFinder().find()).toEqual([]);
  });
});

describe('conditional format rules', () => {
  // Rules are built through the globals, as the add-on does, and checked on the raw sheet.
  const apiFor = (fake: FakeGas) => fake.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;

  test('setConditionalFormatRules replaces all rules; read, merge, write keeps them', () => {
    const fake = createFakeGas();
    const app = apiFor(fake);
    const sheetApi = app.getActiveSpreadsheet().getActiveSheet();
    const a = app
      .newConditionalFormatRule()
      .whenTextEqualTo('A')
      .setBackground('#B7E1CD')
      .setRanges([sheetApi.getRange('D2:D100')])
      .build();
    const b = app
      .newConditionalFormatRule()
      .whenNumberGreaterThanOrEqualTo(80)
      .setFontColor('red')
      .setBold(true)
      .setRanges([sheetApi.getRange('E2:E100')])
      .build();
    sheetApi.setConditionalFormatRules([a]);
    sheetApi.setConditionalFormatRules([b]);
    const raw = fake.spreadsheet.getActiveSheet();
    expect(raw.getConditionalFormatRules().map((r) => r.getBooleanCondition().getCriteriaType())).toEqual([
      'NUMBER_GREATER_THAN_OR_EQUAL_TO',
    ]);
    const merged = sheetApi.getConditionalFormatRules();
    merged.push(a);
    sheetApi.setConditionalFormatRules(merged);
    const rules = raw.getConditionalFormatRules();
    expect(rules.map((r) => r.getRanges().map((x) => x.getA1Notation()))).toEqual([['E2:E100'], ['D2:D100']]);
    const conditions = rules.map((r) => r.getBooleanCondition());
    expect(conditions.map((c) => [c.getCriteriaType(), c.getCriteriaValues(), c.getBackground(), c.getFontColor(), c.getBold()])).toEqual([
      ['NUMBER_GREATER_THAN_OR_EQUAL_TO', [80], null, '#ff0000', true],
      ['TEXT_EQUAL_TO', ['A'], '#b7e1cd', null, null],
    ]);
  });

  test('rule ranges move when columns are inserted before them', () => {
    const fake = createFakeGas();
    const sheetApi = apiFor(fake).getActiveSheet();
    const rule = apiFor(fake)
      .newConditionalFormatRule()
      .whenFormulaSatisfied('=$D2="A"')
      .setBackground('#ffeeee')
      .setRanges([sheetApi.getRange('A2:F50')])
      .build();
    sheetApi.setConditionalFormatRules([rule]);
    const raw = fake.spreadsheet.getActiveSheet();
    raw.insertColumnsBefore(1, 1);
    expect(
      raw
        .getConditionalFormatRules()[0]
        .getRanges()
        .map((r) => r.getA1Notation()),
    ).toEqual(['B2:G50']);
  });

  test('a rule cannot cover another sheet', () => {
    const fake = createFakeGas({ sheets: { A: [], B: [] } });
    const ss = apiFor(fake).getActiveSpreadsheet();
    const onB = apiFor(fake)
      .newConditionalFormatRule()
      .whenCellEmpty()
      .setRanges([ss.getSheetByName('B')!.getRange('A1')])
      .build();
    expect(() => ss.getSheetByName('A')!.setConditionalFormatRules([onB])).toThrow('cannot reference a different sheet');
  });
});

describe('charts', () => {
  test('a Pareto combo chart is built, inserted, read back and updated', () => {
    const fake = createFakeGas({
      sheets: {
        Summary: [
          ['Tier', 'Revenue', 'Cumulative %'],
          ['A', 800, 0.8],
          ['B', 150, 0.95],
          ['C', 50, 1],
        ],
      },
    });
    const ctx = load(
      fake,
      `
      function makeChart() {
        var sheet = SpreadsheetApp.getActive().getSheetByName('Summary');
        var chart = sheet.newChart().asComboChart()
          .addRange(sheet.getRange('A1:C4'))
          .setOption('series', { 1: { type: 'line', targetAxisIndex: 1 } })
          .setTitle('Pareto')
          .setNumHeaders(1)
          .setPosition(2, 5, 0, 0)
          .build();
        sheet.insertChart(chart);
        return sheet.getCharts().length;
      }
      function retitle() {
        var sheet = SpreadsheetApp.getActive().getSheetByName('Summary');
        var chart = sheet.getCharts()[0];
        sheet.updateChart(chart.modify().setOption('title', 'Pareto 2').build());
        return [chart.getChartId() !== null, sheet.getCharts()[0].getOptions().get('title')];
      }`,
    );
    expect(invoke(fake, ctx, 'makeChart')).toBe(1);
    expect(invoke(fake, ctx, 'retitle')).toEqual([true, 'Pareto 2']);
    const [chart] = getSheet(fake, 'Summary').getCharts();
    expect(chart.getType()).toBe('COMBO');
    expect(chart.getRanges().map((r) => r.getA1Notation())).toEqual(['A1:C4']);
    expect(chart.getOptions().get('series')).toEqual({ 1: { type: 'line', targetAxisIndex: 1 } });
    expect(chart.getContainerInfo().getAnchorColumn()).toBe(5);
    expect(chart.getNumHeaders()).toBe(1);
  });

  test('chart options are copied when set', () => {
    const s = createFakeGas().spreadsheet.getActiveSheet();
    const series = { 0: { color: '#123456' } };
    const builder = s.newChart().setOption('series', series);
    series[0].color = '#000000';
    expect(builder.build().getOptions().get('series')).toEqual({ 0: { color: '#123456' } });
  });

  test('updateChart of a chart never inserted and removeChart', () => {
    const s = createFakeGas().spreadsheet.getActiveSheet();
    const chart = s.newChart().setChartType('LINE').addRange(s.getRange('A1:B3')).build();
    expect(() => s.updateChart(chart)).toThrow('Chart not found');
    s.insertChart(chart);
    s.removeChart(s.getCharts()[0]);
    expect(s.getCharts()).toEqual([]);
  });
});

describe('properties', () => {
  const props = createFakeGas().globals.PropertiesService as GoogleAppsScript.Properties.PropertiesService;

  test('values up to 9 KB are kept; a larger value is refused and nothing changes', () => {
    const doc = props.getDocumentProperties();
    doc.setProperty('ok', 'x'.repeat(PROPERTY_VALUE_LIMIT));
    expect(doc.getProperty('ok')).toHaveLength(9 * 1024);
    expect(() => doc.setProperty('big', 'x'.repeat(9 * 1024 + 1))).toThrow('Argument too large: value');
    // The limit is in UTF-8 bytes: 3073 Chinese characters are 9219 bytes.
    expect(() => doc.setProperty('zh', '中'.repeat(3073))).toThrow('Argument too large');
    expect(doc.getProperty('big')).toBeNull();
    expect(doc.getKeys()).toEqual(['ok']);
  });

  test('a store holds at most 500 KB', () => {
    const user = props.getUserProperties();
    const value = 'y'.repeat(9000);
    // Each key + value is 3 + 9000 bytes, so 56 fit in 500 KB (512000 bytes) and the 57th does not.
    expect(() => {
      for (let i = 0; i < 60; i++) user.setProperty(`k${String(i).padStart(2, '0')}`, value);
    }).toThrow('You have exceeded the property storage quota');
    expect(Object.keys(user.getProperties()).length).toBe(Math.floor(PROPERTY_STORE_LIMIT / 9003));
    user.deleteAllProperties();
    expect(user.getProperties()).toEqual({});
  });

  test('stores are separate; values are strings; missing keys are null', () => {
    props.getScriptProperties().setProperties({ a: 1 as unknown as string, b: 'two' });
    expect(props.getScriptProperties().getProperty('a')).toBe('1');
    expect(props.getDocumentProperties().getProperty('a')).toBeNull();
    props.getScriptProperties().setProperties({ c: '3' }, true);
    expect(props.getScriptProperties().getProperties()).toEqual({ c: '3' });
  });
});

describe('cache', () => {
  test('keeps values up to 100 KB per key', () => {
    const cache = (createFakeGas().globals.CacheService as GoogleAppsScript.Cache.CacheService).getDocumentCache()!;
    cache.put('k', 'v', 600);
    expect([cache.get('k'), cache.get('missing')]).toEqual(['v', null]);
    expect(() => cache.put('big', 'x'.repeat(100 * 1024 + 1))).toThrow('Argument too large: value');
    expect(() => cache.put('k', 'v', 21601)).toThrow('expirationInSeconds');
  });
});

describe('lock', () => {
  const code = `
    function tryIt() { var l = LockService.getDocumentLock(); var ok = l.tryLock(100); return [ok, l.hasLock()]; }
    function waitIt() { LockService.getDocumentLock().waitLock(100); return 'got it'; }`;

  test('another execution holding the document lock makes tryLock false and waitLock throw', () => {
    const fake = createFakeGas();
    const ctx = load(fake, code);
    const release = fake.holdDocumentLock();
    expect(invoke(fake, ctx, 'tryIt')).toEqual([false, false]);
    expect(() => invoke(fake, ctx, 'waitIt')).toThrow('Lock timeout: another process was holding the lock for too long.');
    release();
    expect(invoke(fake, ctx, 'tryIt')).toEqual([true, true]);
  });

  test('a lock left held is released when its execution ends', () => {
    const fake = createFakeGas();
    const ctx = load(fake, code);
    expect(invoke(fake, ctx, 'tryIt')).toEqual([true, true]);
    expect(invoke(fake, ctx, 'waitIt')).toBe('got it');
    expect(() => fake.holdDocumentLock()).not.toThrow();
  });
});

describe('authorization modes', () => {
  const code = `
    function onOpen(e) { SpreadsheetApp.getUi().createAddonMenu().addItem('Tier now', 'tierNow').addToUi(); }
    function readSettings() { return PropertiesService.getDocumentProperties().getProperty('settings'); }
    function readSheet() { return SpreadsheetApp.getActiveSpreadsheet().getSheets().length; }
    function tierNow() { SpreadsheetApp.getActiveSheet().getRange('A1').setValue('done'); return 'ok'; }`;

  test('AuthMode.NONE allows only the add-on menu', () => {
    const fake = createFakeGas({ authMode: 'NONE' });
    const ctx = load(fake, code);
    invoke(fake, ctx, 'onOpen', { authMode: 'NONE' });
    expect(fake.ui.menus).toEqual([
      { kind: 'addon', caption: 'Customer Tiers', items: [{ type: 'item', caption: 'Tier now', functionName: 'tierNow' }] },
    ]);
    expect(() => invoke(fake, ctx, 'readSettings')).toThrow('You do not have permission to call PropertiesService.getDocumentProperties');
    expect(() => invoke(fake, ctx, 'readSheet')).toThrow('You do not have permission to call SpreadsheetApp.getActiveSpreadsheet');
    fake.authMode = 'FULL';
    expect(invoke(fake, ctx, 'readSheet')).toBe(1);
    expect(clickMenuItem(fake, ctx, 'Tier now')).toBe('ok');
    expect(fake.spreadsheet.getActiveSheet().getRange('A1').getValue()).toBe('done');
  });

  test('custom functions may read the sheet but not write it or use the UI', () => {
    const fake = createFakeGas({ authMode: 'CUSTOM_FUNCTION' });
    const ctx = load(fake, code);
    expect(invoke(fake, ctx, 'readSheet')).toBe(1);
    expect(invoke(fake, ctx, 'readSettings')).toBeNull();
    expect(() => invoke(fake, ctx, 'tierNow')).toThrow('You do not have permission to call Range.setValue');
    expect(() => invoke(fake, ctx, 'onOpen')).toThrow('permission');
  });
});

describe('what Google documents for each mode', () => {
  const code = `
    function email() { return Session.getActiveUser().getEmail() + '|' + Session.getEffectiveUser().getEmail(); }
    function zones() { return [Session.getScriptTimeZone(), SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone()]; }
    function openOther() { return SpreadsheetApp.openById('x'); }
    function ui() { return SpreadsheetApp.getUi(); }
    function scriptId() { return ScriptApp.getScriptId(); }
    function html() { return HtmlService.createHtmlOutput('<b>x</b>').getContent(); }
    function props() { PropertiesService.getDocumentProperties().setProperty('k', 'v'); return CacheService.getDocumentCache().get('k'); }`;

  test('custom functions: no user email, no other spreadsheets, no UI or ScriptApp; HTML, Properties and Cache work', () => {
    const fake = createFakeGas({ authMode: 'CUSTOM_FUNCTION' });
    const ctx = load(fake, code);
    expect(invoke(fake, ctx, 'email')).toBe('|');
    expect(() => invoke(fake, ctx, 'openOther')).toThrow('You do not have permission to call SpreadsheetApp.openById');
    expect(() => invoke(fake, ctx, 'ui')).toThrow('permission to call SpreadsheetApp.getUi');
    expect(() => invoke(fake, ctx, 'scriptId')).toThrow('permission to call ScriptApp.getScriptId');
    expect(invoke(fake, ctx, 'html')).toBe('<b>x</b>');
    expect(invoke(fake, ctx, 'props')).toBeNull();
    fake.authMode = 'FULL';
    expect(invoke(fake, ctx, 'email')).toBe('owner@example.com|owner@example.com');
  });

  test('AuthMode.NONE: no user, no time zones, no spreadsheet', () => {
    const fake = createFakeGas({ authMode: 'NONE' });
    const ctx = load(fake, code);
    expect(() => invoke(fake, ctx, 'email')).toThrow('permission to call Session.getActiveUser');
    expect(() => invoke(fake, ctx, 'zones')).toThrow('permission to call Session.getScriptTimeZone');
    expect(() => invoke(fake, ctx, 'props')).toThrow('permission');
  });

  test("the script's time zone is not the spreadsheet's; Date cells are midnights in the spreadsheet's", () => {
    const fake = createFakeGas({ timeZone: 'Asia/Shanghai', scriptTimeZone: 'America/Los_Angeles', authMode: 'CUSTOM_FUNCTION' });
    expect(invoke(fake, load(fake, code), 'zones')).toEqual(['America/Los_Angeles', 'Asia/Shanghai']);
    const cell = fake.spreadsheet.getActiveSheet().getRange('A1').setValue('2024-03-01').getValue() as Date;
    expect(cell.toISOString()).toBe('2024-02-29T16:00:00.000Z');
    expect(createFakeGas({ timeZone: 'Asia/Shanghai' }).globals.Session).toBeDefined();
  });
});

describe('call counter', () => {
  test('counts every service method call made through the globals, and only those', () => {
    const fake = createFakeGas();
    const ctx = load(
      fake,
      `
      function writeRows(n) {
        var sheet = SpreadsheetApp.getActiveSheet();
        for (var i = 1; i <= n; i++) sheet.getRange(i, 1, 1, 2).setValues([[i, i * 2]]);
      }`,
    );
    invoke(fake, ctx, 'writeRows', 3);
    expect(fake.calls.byMethod).toEqual({ 'SpreadsheetApp.getActiveSheet': 1, 'Sheet.getRange': 3, 'Range.setValues': 3 });
    expect(fake.calls.total).toBe(7);
    fake.spreadsheet.getActiveSheet().getRange('A1:B3').getValues(); // raw access for test setup is not counted
    expect(fake.calls.total).toBe(7);
    fake.calls.reset();
    expect([fake.calls.total, fake.calls.byMethod]).toEqual([0, {}]);
  });
});

describe('loadBundle', () => {
  test('rejects code that calls a service while loading', () => {
    const fake = createFakeGas();
    expect(() => load(fake, `var NAME = SpreadsheetApp.getActiveSpreadsheet().getName();\nfunction f() { return NAME; }`)).toThrow(
      /called Apps Script services while loading \(SpreadsheetApp\.getActiveSpreadsheet x1, Spreadsheet\.getName x1\)/,
    );
  });

  test('reading an enum at load time is allowed', () => {
    expect(() => load(createFakeGas(), 'var EQ = SpreadsheetApp.BooleanCriteria.TEXT_EQUAL_TO;')).not.toThrow();
  });

  test('top-level functions are callable and see only the Apps Script globals', () => {
    const fake = createFakeGas({ spreadsheetName: 'Shop' });
    const ctx = load(
      fake,
      `
      function HELLO(x) { return SpreadsheetApp.getActiveSpreadsheet().getName() + x; }
      function nodeGlobals() { return [typeof require, typeof process, typeof setTimeout, typeof console.log]; }`,
    );
    expect(ctx.HELLO(' customers')).toBe('Shop customers');
    expect(invoke(fake, ctx, 'nodeGlobals')).toEqual(['undefined', 'undefined', 'undefined', 'function']);
  });

  test('Dates, arrays and errors cross into the vm realm and back', () => {
    const fake = createFakeGas({ sheets: { Data: [[new Date(Date.UTC(2024, 0, 5))]] } });
    const ctx = load(
      fake,
      `
      function check(d) {
        var v = SpreadsheetApp.getActiveSheet().getRange('A1:A2').getValues();
        return [v[0][0] instanceof Date, v instanceof Array, d instanceof Date, v[1][0]];
      }
      function writeDate() { SpreadsheetApp.getActiveSheet().getRange('B1').setValue(new Date(Date.UTC(2020, 1, 2))); }
      function shapeError() { try { SpreadsheetApp.getActiveSheet().getRange('A1:B2').setValues([[1]]); } catch (e) { return e instanceof Error; } }
      function missing() { return SpreadsheetApp.getActiveSheet().getBandings(); }`,
    );
    expect(invoke(fake, ctx, 'check', new Date())).toStrictEqual([true, true, true, '']);
    invoke(fake, ctx, 'writeDate');
    expect((getSheet(fake, 'Data').getRange('B1').getValue() as Date).toISOString()).toBe('2020-02-02T00:00:00.000Z');
    expect(invoke(fake, ctx, 'shapeError')).toBe(true);
    expect(() => invoke(fake, ctx, 'missing')).toThrow('FakeSheets: Sheet.getBandings is not implemented');
  });

  test('fake internals are invisible to the add-on', () => {
    const fake = createFakeGas();
    const ctx = load(
      fake,
      `function peek() { var r = SpreadsheetApp.getActiveSheet().getRange('A1'); return [typeof r._sheet, typeof r._rect, '_sheet' in r, String(r)]; }`,
    );
    expect(invoke(fake, ctx, 'peek')).toEqual(['undefined', 'undefined', false, 'Range']);
  });
});

describe('ui and html', () => {
  test('menus, sidebars, dialogs, alerts, prompts and toasts are recorded; answers are scripted', () => {
    const htmlDir = mkdtempSync(path.join(tmpdir(), 'fakegas-html-'));
    writeFileSync(path.join(htmlDir, 'Sidebar.html'), '<p>Customer tiers</p>');
    const fake = createFakeGas({ htmlDir });
    const ctx = load(
      fake,
      `
      function onOpen() {
        var ui = SpreadsheetApp.getUi();
        ui.createAddonMenu().addItem('Open', 'openSidebar').addSeparator()
          .addSubMenu(ui.createMenu('More').addItem('Help', 'help')).addToUi();
      }
      function openSidebar() { SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutputFromFile('Sidebar').setTitle('Tiers').setWidth(500)); }
      function ask() {
        var ui = SpreadsheetApp.getUi();
        var a = ui.alert('Replace?', 'Column D will be replaced.', ui.ButtonSet.YES_NO);
        var b = ui.alert('Done');
        var p = ui.prompt('Name the snapshot', ui.ButtonSet.OK_CANCEL);
        SpreadsheetApp.getActive().toast('Saved', 'Customer Tiers');
        return [a == ui.Button.NO, b, p.getResponseText(), p.getSelectedButton()];
      }
      function missingFile() { HtmlService.createHtmlOutputFromFile('Nope'); }`,
    );
    invoke(fake, ctx, 'onOpen');
    expect(fake.ui.menuFunctionNames()).toEqual(['openSidebar', 'help']);
    invoke(fake, ctx, 'onOpen');
    expect(fake.ui.menus).toHaveLength(1); // reopening replaces the add-on menu
    clickMenuItem(fake, ctx, 'Open');
    expect(fake.ui.sidebars.map((s) => [s.title, s.content, s.width])).toEqual([['Tiers', '<p>Customer tiers</p>', 300]]);
    fake.ui.queueAlertAnswer('NO');
    fake.ui.queuePromptAnswer('March', 'OK');
    expect(invoke(fake, ctx, 'ask')).toEqual([true, 'OK', 'March', 'OK']);
    expect(fake.ui.alerts.map((a) => [a.title, a.prompt, a.buttons, a.answer])).toEqual([
      ['Replace?', 'Column D will be replaced.', 'YES_NO', 'NO'],
      ['', 'Done', 'OK', 'OK'],
    ]);
    expect(fake.ui.toasts).toEqual([{ message: 'Saved', title: 'Customer Tiers', timeoutSeconds: 5 }]);
    expect(() => invoke(fake, ctx, 'missingFile')).toThrow('No HTML file named Nope was found.');
  });
});

describe('session, utilities and logger', () => {
  test('Utilities.formatDate applies the time zone and Java patterns', () => {
    const fake = createFakeGas({ locale: 'zh_CN', timeZone: 'America/New_York', scriptTimeZone: 'Asia/Shanghai' });
    const u = fake.globals.Utilities as GoogleAppsScript.Utilities.Utilities;
    const instant = new Date(Date.UTC(2024, 0, 5, 13, 4, 5));
    // Shanghai is UTC+8 all year; New York is UTC-5 in January.
    expect(u.formatDate(instant, 'Asia/Shanghai', 'yyyy-MM-dd HH:mm')).toBe('2024-01-05 21:04');
    expect(u.formatDate(instant, 'UTC', "yyyy-MM-dd'T'HH:mm:ss'Z'")).toBe('2024-01-05T13:04:05Z');
    expect(u.formatDate(instant, 'America/New_York', 'EEE, d MMM yyyy h:mm a XXX')).toBe('Fri, 5 Jan 2024 8:04 AM -05:00');
    expect(u.formatDate(instant, 'GMT+2', 'HH:mm')).toBe('15:04');
    const session = fake.globals.Session as GoogleAppsScript.Base.Session;
    expect([session.getActiveUserLocale(), session.getScriptTimeZone(), session.getEffectiveUser().getEmail()]).toEqual([
      'zh_CN',
      'Asia/Shanghai',
      'owner@example.com',
    ]);
  });

  test('Logger and console output is recorded', () => {
    const fake = createFakeGas();
    const ctx = load(fake, `function f() { Logger.log('rows: %s', 3); console.warn('careful'); }`);
    invoke(fake, ctx, 'f');
    expect(fake.logs).toEqual(['rows: 3', '[warn] careful']);
  });
});

describe('snapshots', () => {
  test('are JSON-able and equal for equal states, different after a format change', () => {
    const build = () => {
      const f = createFakeGas({
        sheets: {
          Data: [
            ['id', 'value'],
            ['c1', 10],
          ],
        },
      });
      const s = getSheet(f, 'Data');
      s.getRange('C:C').addDeveloperMetadata('ct.column', 'tier');
      s.getRange('C1:C2')
        .setValues([['Tier'], ['A']])
        .setBackground('#b7e1cd');
      s.insertChart(s.newChart().asColumnChart().addRange(s.getRange('A1:B2')).build());
      return f;
    };
    const one = sheetSnapshot(getSheet(build(), 'Data'));
    expect(JSON.parse(JSON.stringify(one))).toEqual(one);
    expect(sheetSnapshot(getSheet(build(), 'Data'))).toEqual(one);
    expect(one.values).toEqual([
      ['id', 'value', 'Tier'],
      ['c1', 10, 'A'],
    ]);
    expect(one.metadata).toEqual([{ key: 'ct.column', value: 'tier', visibility: 'DOCUMENT', location: 'COLUMN C' }]);
    expect(one.charts.map((c) => [c.type, c.ranges])).toEqual([['COLUMN', ['A1:B2']]]);
    const changed = build();
    getSheet(changed, 'Data').getRange('A1').setBackground('red');
    expect(sheetSnapshot(getSheet(changed, 'Data'))).not.toEqual(one);
    expect(spreadsheetSnapshot(changed.spreadsheet).sheets.map((s) => s.name)).toEqual(['Data']);
    // Accepts the objects the add-on was given, too.
    const proxied = (changed.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp).getActiveSheet();
    expect(sheetSnapshot(proxied as never)).toEqual(sheetSnapshot(getSheet(changed, 'Data')));
  });
});
