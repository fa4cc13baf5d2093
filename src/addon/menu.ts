/**
 * The add-on menu and its actions, and the triggers that build it. Each action is a thin adapter:
 * read settings, call the pipeline, write, tell the user.
 */
import { issueText } from '../i18n/issues';
import type { Lang } from '../engine/types';
import type { Settings } from '../settings/schema';
import { sampleOrders } from '../sample/generate';
import { say } from '../i18n/addon';
import { readSettings, writeSettings, userLanguage } from './store';
import { prepareRun, tierSheet, withDocumentLock, writeReport, type ActionResult, type PreparedRun } from './tierNow';
import { appendSnapshot } from './snapshots';
import { safeValues, isDateValue } from './sheetWriting';
import { serialDayFromDate } from '../engine/cells';
import { sheetDates } from './dates';
import { settingsSuggestedFor } from './sheetTable';

/** Builds the add-on menu. Safe in AuthMode.NONE: no properties, no sheet reads, only the locale. */
export function onOpen(): void {
  const lang = userLanguage();
  SpreadsheetApp.getUi()
    .createAddonMenu()
    .addItem(say(lang, 'menuOpenSettings'), 'showSidebar')
    .addItem(say(lang, 'menuTierNow'), 'tierCustomersNow')
    .addItem(say(lang, 'menuRefreshSummary'), 'refreshSummary')
    .addItem(say(lang, 'menuSaveSnapshot'), 'saveTierSnapshot')
    .addItem(say(lang, 'menuRetierAndSave'), 'retierAndSaveSnapshot')
    .addSeparator()
    .addItem(say(lang, 'menuInsertSample'), 'insertSampleData')
    .addItem(say(lang, 'menuHelp'), 'showHelp')
    .addToUi();
}

export function onInstall(): void {
  onOpen();
}

export function showSidebar(): void {
  const { settings } = readSettings();
  const html = HtmlService.createHtmlOutputFromFile('Sidebar').setTitle(say(userLanguage(settings), 'appName'));
  SpreadsheetApp.getUi().showSidebar(html);
}

function tell(lang: Lang, result: ActionResult | { ok: false; errors: string[] }): void {
  const ui = SpreadsheetApp.getUi();
  const text = result.ok ? result.message : `${say(lang, 'cannotRun')}\n\n${result.errors.map((e) => `• ${e}`).join('\n')}`;
  ui.alert(say(lang, 'doneTitle'), text, ui.ButtonSet.OK);
}

/**
 * Settings for a menu action: the saved ones, or a first guess from the active sheet when none
 * were ever saved. Damaged saved settings are never replaced by a guess: the user is told, the
 * sidebar opens to fix them, and the action does nothing (null).
 */
function settingsForAction(): Settings | null {
  const { settings, messages, damaged } = readSettings();
  if (damaged) {
    const lang = userLanguage(settings);
    tell(lang, { ok: false, errors: [say(lang, 'settingsDamaged'), ...messages.map((m) => issueText(m, lang))] });
    showSidebar();
    return null;
  }
  if (settings.source.sheetName) return settings;
  const sheet = SpreadsheetApp.getActiveSheet();
  return settingsSuggestedFor(settings, sheet.getName(), 1);
}

export function tierCustomersNow(): void {
  const settings = settingsForAction();
  if (settings) tell(userLanguage(settings), tierSheet(settings));
}

/** A menu action on the saved settings' sheet, under the document lock, told to the user in their language. */
function actOnPreparedRun(
  work: (settings: Settings, lang: Lang, prepared: PreparedRun) => ActionResult,
  before?: (settings: Settings, lang: Lang) => string | null,
): void {
  const settings = settingsForAction();
  if (!settings) return;
  const lang = userLanguage(settings);
  tell(
    lang,
    withDocumentLock(lang, (): ActionResult => {
      const refused = before?.(settings, lang);
      if (refused) return { ok: false, errors: [refused] };
      const prepared = prepareRun(settings, lang);
      return 'run' in prepared ? work(settings, lang, prepared) : prepared;
    }),
  );
}

export function refreshSummary(): void {
  actOnPreparedRun((settings, lang, prepared) => {
    const name = writeReport(prepared.ss, settings, prepared.run, prepared.history, lang);
    return {
      ok: true,
      message: say(lang, 'tierDone', { customers: prepared.run.totals.customers, sheet: settings.source.sheetName, summary: name }),
    };
  });
}

export function saveTierSnapshot(): void {
  actOnPreparedRun(
    (settings, lang, prepared) => {
      const saved = appendSnapshot(prepared.ss, prepared.run, settings, lang);
      return {
        ok: true,
        message: say(lang, 'snapshotDone', { customers: prepared.run.customers.length, date: saved.date, sheet: saved.sheetName }),
      };
    },
    (settings, lang) => (settings.source.layout === 'customers' && !settings.source.idColumn ? say(lang, 'snapshotNeedsIds') : null),
  );
}

export function retierAndSaveSnapshot(): void {
  const settings = settingsForAction();
  if (settings) tell(userLanguage(settings), tierSheet(settings, true));
}

/** Writes the built-in sample orders to a new sheet and points the settings at it. */
export function insertSampleData(): void {
  const { settings } = readSettings();
  const lang = userLanguage(settings);
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const sample = sampleOrders();
  let name = say(lang, 'sampleSheet');
  for (let i = 2; ss.getSheetByName(name); i++) name = `${say(lang, 'sampleSheet')} ${i}`;
  const sheet = ss.insertSheet(name);
  // The generator's dates are local midnights of the script; the sheet shows dates in its own zone.
  const zone = sheetDates(ss.getSpreadsheetTimeZone());
  const rows = [sample.headers, ...sample.rows.map((row) => row.map((c) => (isDateValue(c) ? zone.toDate(serialDayFromDate(c)) : c)))];
  if (rows.length > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), rows.length - sheet.getMaxRows());
  sheet.getRange(1, 1, rows.length, sample.headers.length).setValues(safeValues(rows));
  sheet.getRange(1, 1, 1, sample.headers.length).setFontWeight('bold');
  const dateColumn = sample.rows[0].findIndex(isDateValue) + 1;
  if (dateColumn > 0) sheet.getRange(2, dateColumn, rows.length - 1, 1).setNumberFormat('yyyy-mm-dd');
  const amountColumn = sample.rows[0].findIndex((c) => typeof c === 'number') + 1;
  if (amountColumn > 0) sheet.getRange(2, amountColumn, rows.length - 1, 1).setNumberFormat('#,##0.00');
  sheet.setFrozenRows(1);
  // Wide enough for company names and the bilingual headers.
  sheet.setColumnWidth(1, 240);
  sheet.setColumnWidths(2, sample.headers.length - 1, 130);
  const next = settingsSuggestedFor({ ...settings, mode: 'abc' }, name, 1, sample);
  writeSettings(next);
  ss.setActiveSheet(sheet);
  SpreadsheetApp.getUi().alert(say(lang, 'doneTitle'), say(lang, 'sampleDone', { sheet: name }), SpreadsheetApp.getUi().ButtonSet.OK);
}

export function showHelp(): void {
  const lang = userLanguage(readSettings().settings);
  const ui = SpreadsheetApp.getUi();
  ui.alert(say(lang, 'appName'), say(lang, 'help'), ui.ButtonSet.OK);
}
