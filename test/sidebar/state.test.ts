/** The sidebar's state and its transitions (src/sidebar/state.ts): what the sidebar shows after each event, in Node. */
import { defaultSettings } from '../../src/settings/settings';
import { suggestColumns } from '../../src/settings/columns';
import type { Settings } from '../../src/settings/schema';
import type { SheetInfo } from '../../src/addon/sidebarRpc';
import type { ServerState, SheetTable } from '../../src/sidebar/api';
import * as model from '../../src/sidebar/model';
import * as st from '../../src/sidebar/state';

const headers = ['Customer', 'Revenue'];
const table: SheetTable = {
  headers,
  rows: [
    ['a', 500],
    ['b', 300],
    ['c', 100],
    ['d', 60],
    ['e', 40],
  ],
};
const info = (name = 'Customers', headerRow = 1): SheetInfo => ({
  name,
  headerRow,
  headers,
  dataRows: 5,
  suggestion: suggestColumns(headers, table.rows),
});

function server(settings: Settings, sheets: SheetInfo[] = [info()], extra: Partial<ServerState> = {}): ServerState {
  return { settings, messages: [], language: 'en', sheets, activeSheet: sheets[0]?.name ?? '', ...extra };
}

/** A sidebar opened on the Customers sheet with its rows loaded and previewed. */
function ready(): st.SidebarState {
  const opened = st.opened(st.initialState(), server(defaultSettings('Customers')));
  const loading = st.tableRequested(opened);
  return st.tableLoaded(loading, loading.table.request, table);
}

describe('opening', () => {
  test('before the server answers, nothing but loading', () => {
    const s = st.initialState();
    expect(s.phase).toBe('loading');
    expect(st.uiLang(s)).toBe('en');
  });

  test("new settings start from the sheet's suggested columns; the server's messages show", () => {
    const s = st.opened(
      st.initialState(),
      server(defaultSettings(''), [info('Other'), info('Customers')], { activeSheet: 'Customers', messages: ['hello'] }),
    );
    expect(s.phase).toBe('ready');
    expect(s.info?.name).toBe('Customers');
    expect(s.settings.source).toMatchObject({ sheetName: 'Customers', valueColumn: 'Revenue', idColumn: 'Customer' });
    expect(s.messages).toEqual({ kind: 'info', texts: ['hello'] });
  });

  test('saved settings keep their columns; a saved header row the list was not read with leaves the sheet to read again', () => {
    const saved = { ...defaultSettings('Customers'), source: { ...defaultSettings('Customers').source, valueColumn: 'Mine' } };
    const s = st.opened(st.initialState(), server(saved));
    expect(s.settings.source.valueColumn).toBe('Mine');
    expect(s.info?.name).toBe('Customers');
    const row3 = { ...saved, source: { ...saved.source, headerRow: 3 } };
    const again = st.opened(st.initialState(), server(row3));
    expect(again.info).toBeNull();
    expect(again.settings.source.headerRow).toBe(3);
  });

  test('a saved sheet that is gone: the active sheet, with its suggestion; no sheets at all: nothing to read', () => {
    const gone = { ...defaultSettings('Deleted'), source: { ...defaultSettings('Deleted').source, valueColumn: 'Mine' } };
    const s = st.opened(st.initialState(), server(gone, [info('Customers')]));
    expect(s.settings.source).toMatchObject({ sheetName: 'Customers', valueColumn: 'Revenue' });
    expect(st.opened(st.initialState(), server(gone, [])).info).toBeNull();
  });

  test("a failure to open says why, in the sidebar's words", () => {
    const s = st.openFailed(st.initialState(), 'boom');
    expect(s.phase).toBe('failed');
    expect(s.messages).toEqual({ kind: 'error', texts: ['Something went wrong: boom'] });
  });
});

describe('reading a sheet and its rows', () => {
  test('the pickers show the sheet asked for until it is read; then it is the source, with suggested columns when asked', () => {
    const s = st.sheetRequested(ready(), 'Other', 2);
    expect(s.reading).toEqual({ sheetName: 'Other', headerRow: 2 });
    expect(s.settings.source.sheetName).toBe('Customers');
    const other = { ...info('Other', 2), suggestion: { ...info().suggestion, valueColumn: 'Amount' } };
    const read = st.sheetRead({ ...s, sheets: [...s.sheets, info('Other')] }, other, true);
    expect(read.reading).toBeNull();
    expect(read.settings.source).toMatchObject({ sheetName: 'Other', headerRow: 2, valueColumn: 'Amount' });
    expect(read.sheets.find((x) => x.name === 'Other')).toBe(other);
    // Read again without suggesting: the user's columns stay.
    expect(st.sheetRead(s, other, false).settings.source.valueColumn).toBe(s.settings.source.valueColumn);
  });

  test('a sheet that cannot be read leaves the source as it was and says why', () => {
    const before = ready();
    const s = st.sheetFailed(st.sheetRequested(before, 'Gone', 1), 'no sheet');
    expect(s.reading).toBeNull();
    expect(s.settings).toBe(before.settings);
    expect(s.status).toEqual({ kind: 'error', texts: ['Something went wrong: no sheet'] });
  });

  test('rows being read: no preview; an older answer is dropped, the latest is previewed at once', () => {
    const first = st.tableRequested(ready());
    expect(first.preview).toBeNull();
    const second = st.tableRequested(first);
    expect(second.table).toEqual({ status: 'loading', request: first.table.request + 1 });
    expect(st.tableLoaded(second, first.table.request, table)).toBe(second);
    expect(st.tableFailed(second, first.table.request, 'late')).toBe(second);
    const loaded = st.tableLoaded(second, second.table.request, table);
    expect(loaded.preview?.totals).toEqual({ customers: 5, value: 1000 });
    expect(loaded.previewStale).toBe(false);
    const failed = st.tableFailed(second, second.table.request, 'timeout');
    expect(failed.table).toEqual({ status: 'failed', request: second.table.request, message: 'timeout' });
  });
});

describe('edits and the preview', () => {
  test('an edit marks the preview out of date; it is recomputed by previewed', () => {
    const s = st.edit(ready(), (x) => model.setCut(x, 0, 0.5));
    expect(s.previewStale).toBe(true);
    const before = s.preview!.summary.find((row) => row.label === 'A')!.customers;
    const after = st.previewed(s);
    expect(after.previewStale).toBe(false);
    expect(after.preview!.summary.find((row) => row.label === 'A')!.customers).toBeLessThan(before);
  });

  test('an edit that changes nothing is no new state', () => {
    const s = ready();
    expect(st.edit(s, (x) => model.setCut(x, 9, 0.5))).toBe(s);
  });

  test("the preview's groups serve the playbook and thresholds only when it tiers", () => {
    const s = ready();
    expect(st.usablePreview(s)).toBe(s.preview);
    expect(st.previewMinimums(s)).toHaveLength(3);
    const broken = st.previewed(st.edit(s, (x) => model.patch(x, 'source', { valueColumn: 'Nope' })));
    expect(broken.preview!.errors.length).toBeGreaterThan(0);
    expect(st.usablePreview(broken)).toBeNull();
    expect(st.previewMinimums(broken)).toBeUndefined();
    // Without rows or without the sheet's headers there is nothing to preview.
    expect(st.previewed({ ...s, info: null }).preview).toBeNull();
  });

  test('a playbook action changes no tier: the preview stays current', () => {
    const s = st.setPlaybookText(ready(), 'B', '  Call  ');
    expect(s.settings.playbook).toEqual({ B: 'Call' });
    expect(s.previewStale).toBe(false);
  });

  test('another language redraws the preview in it at once', () => {
    const s = st.setLanguage(
      st.edit(ready(), (x) => model.setCut(x, 0, 0.5)),
      'zh',
    );
    expect(st.uiLang(s)).toBe('zh');
    expect(s.previewStale).toBe(false);
    expect(s.preview).not.toBe(ready().preview);
  });
});

describe('errors and saving', () => {
  const badCut = (s: st.SidebarState) => st.edit(s, (x) => model.setCut(x, 1, NaN));

  test('a rejected save shows its errors and checks them on every edit until they are fixed', () => {
    const bad = badCut(ready());
    const checked = model.validateForSave(bad.settings, 'en');
    const rejected = st.showErrors(bad, checked.ok ? [] : checked.errors, true);
    expect(rejected.errors).toEqual([{ path: 'abc.cuts.1', text: 'Type a number for the cut after tier 2.' }]);
    expect(rejected.status).toEqual({ kind: 'fieldErrors' });
    // Still wrong: still shown (another cut edit). Fixed: gone, with the status line.
    expect(st.edit(rejected, (x) => model.setCut(x, 0, 0.7)).errors).toEqual(rejected.errors);
    const fixed = st.edit(rejected, (x) => model.setCut(x, 1, 0.95));
    expect(fixed).toMatchObject({ errors: [], status: null, liveValidation: false });
  });

  test('without a failed save, edits do not validate', () => {
    expect(badCut(ready()).errors).toEqual([]);
  });

  test('a header row below 1 is named beside its field, without checking everything live', () => {
    const s = st.headerRowRejected(ready());
    expect(s.errors).toEqual([{ path: 'source.headerRow', text: 'Header row ≥ 1' }]);
    expect(s.liveValidation).toBe(false);
  });

  test("saving: the buttons wait and say so; then the server's answer", () => {
    const started = st.saveStarted(st.showErrors(ready(), [{ path: 'x', text: 'y' }]), false);
    expect(started).toMatchObject({ busy: true, errors: [], status: { kind: 'info', texts: ['Saving…'] } });
    expect(st.saveStarted(ready(), true).status).toEqual({ kind: 'info', texts: ['Tiering customers…'] });
    expect(st.saveAnswered(started, { ok: true, messages: ['note'] })).toMatchObject({
      busy: false,
      status: { kind: 'success', texts: ['Settings saved.', 'note'] },
    });
    expect(st.saveAnswered(started, { ok: true, message: 'Tiered 5 customers.' }).status).toEqual({
      kind: 'success',
      texts: ['Tiered 5 customers.'],
    });
    const refused = st.saveAnswered(started, {
      ok: false,
      problems: [{ path: 'source', code: 'settings.chooseColumn', params: { role: { code: 'term.role.value' } } }],
      errors: [],
    });
    expect(refused).toMatchObject({
      busy: false,
      errors: [{ path: 'source', text: 'choose the value column.' }],
      liveValidation: true,
      status: { kind: 'fieldErrors' },
    });
    expect(st.saveFailed(started, 'quota')).toMatchObject({
      busy: false,
      status: { kind: 'error', texts: ['Something went wrong: quota'] },
    });
  });
});
