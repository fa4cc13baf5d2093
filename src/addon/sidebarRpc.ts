/**
 * The functions the sidebar calls through google.script.run. Dates never cross: google.script.run
 * cannot carry them, so they travel as ISO text. Every sheet is read through readSheetTable, the
 * same reader as the run, so the pickers and the preview see exactly the columns the run sees.
 */
import type { Lang } from '../engine/types';
import type { ColumnSuggestion } from '../settings/columns';
import { suggestColumns } from '../settings/columns';
import type { Settings } from '../settings/schema';
import { say } from '../i18n/addon';
import { readSettings, writeSettings, userLanguage } from './store';
import { issueText } from '../i18n/issues';
import type { SettingProblem } from '../settings/settings';
import { tierSheet } from './tierNow';
import { readSheetTable, SAMPLE_ROWS_FOR_DETECTION, settingsSuggestedFor } from './sheetTable';
import { ownedSheetIds } from './owned';

export interface SheetInfo {
  name: string;
  headerRow: number;
  headers: string[];
  dataRows: number;
  suggestion: ColumnSuggestion;
}

function sheetNamed(sheetName: string): { ss: GoogleAppsScript.Spreadsheet.Spreadsheet; sheet: GoogleAppsScript.Spreadsheet.Sheet } {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const sheet = ss.getSheetByName(sheetName);
  if (!sheet) throw new Error(say(userLanguage(), 'noSheet', { sheet: sheetName }));
  return { ss, sheet };
}

export function sidebarGetSheetInfo(sheetName: string, headerRow: number): SheetInfo {
  const { ss, sheet } = sheetNamed(sheetName);
  const { headers, rows, dataRows } = readSheetTable(ss, sheet, headerRow, { sampleRows: SAMPLE_ROWS_FOR_DETECTION });
  return { name: sheetName, headerRow, headers, dataRows, suggestion: suggestColumns(headers, rows) };
}

export function sidebarGetState(): { settings: Settings; messages: string[]; language: Lang; sheets: SheetInfo[]; activeSheet: string } {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  // The add-on's own sheets hold no customers to tier: they are not offered (nor read for the list).
  const owned = ownedSheetIds(ss);
  const names = ss
    .getSheets()
    .filter((sh) => !owned.has(sh.getSheetId()))
    .map((sh) => sh.getName())
    .filter((n) => n);
  // After a run the summary is the active sheet: the sidebar then starts from a data sheet.
  const active = ss.getActiveSheet();
  const activeSheet = owned.has(active.getSheetId()) ? (names[0] ?? active.getName()) : active.getName();
  const loaded = readSettings(activeSheet);
  let settings = loaded.settings;
  // Nothing chosen yet (first use, or settings reset): start from what the sheet's headers suggest.
  if (!settings.source.valueColumn)
    settings = settingsSuggestedFor(settings, settings.source.sheetName || activeSheet, settings.source.headerRow);
  const sheets = names.map((name) => {
    const headerRow = name === settings.source.sheetName ? settings.source.headerRow : 1;
    return sidebarGetSheetInfo(name, headerRow);
  });
  const language = userLanguage(settings);
  return { settings, messages: loaded.messages.map((m) => issueText(m, language)), language, sheets, activeSheet };
}

/** The data below the header for the live preview; dates as ISO text. */
export function sidebarGetTable(sheetName: string, headerRow: number): { headers: string[]; rows: (string | number | boolean | null)[][] } {
  const { ss, sheet } = sheetNamed(sheetName);
  const { headers, rows } = readSheetTable(ss, sheet, headerRow);
  return { headers, rows: rows.map((row) => row.map((c) => (c === undefined ? null : c)) as (string | number | boolean | null)[]) };
}

/** Settings the server refused: problems as data, which the sidebar shows beside their settings in its language. */
export type Refused = { ok: false; problems: SettingProblem[]; errors: string[] };

export function sidebarSaveSettings(settings: unknown): { ok: true; messages: string[] } | Refused {
  const result = writeSettings(settings);
  return result.ok ? { ok: true, messages: [] } : { ok: false, problems: result.problems, errors: [] };
}

/** Saves, then runs; a run that cannot go ahead (another run, an edited column) says why in `errors`. */
export function sidebarTierNow(settings: unknown): { ok: true; message: string } | Refused {
  const saved = writeSettings(settings);
  if (!saved.ok) return { ok: false, problems: saved.problems, errors: [] };
  const result = tierSheet(saved.settings);
  return result.ok ? { ok: true, message: result.message } : { ok: false, problems: [], errors: result.errors };
}
