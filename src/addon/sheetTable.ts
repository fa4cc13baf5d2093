/**
 * The one way the add-on reads a data sheet: one getValues, dates as ISO text in the
 * spreadsheet's zone, the add-on's own columns dropped and the ones the user renamed released
 * (theirs from then on). The run, the sidebar's preview and its column pickers all read through
 * here, so they always see the same columns.
 */
import type { Cell } from '../engine/types';
import type { Settings } from '../settings/schema';
import { suggestColumns } from '../settings/columns';
import { outputHeader } from '../pipeline/runTiering';
import { datesToIso, sheetDates } from './dates';
import { findOwnedColumns, withoutOwnedColumns, type OwnedColumn } from './owned';

export interface SheetTable {
  /** Every cell read (dates as ISO text), the add-on's columns included, by sheet position. */
  values: Cell[][];
  /** The add-on's columns still owned (renamed ones were released). */
  owned: OwnedColumn[];
  /** The header row and the rows below it, without the add-on's columns. */
  headers: string[];
  rows: Cell[][];
  /** Data rows below the header in the whole sheet (more than `rows` when only a sample was read). */
  dataRows: number;
}

/** A column whose header no longer reads as one of the add-on's (in any language) was renamed by the user. */
function isOwnHeader(owned: OwnedColumn, header: Cell): boolean {
  const text = String(header ?? '');
  return text === '' || text === outputHeader(owned.key, 'en') || text === outputHeader(owned.key, 'zh');
}

/**
 * Reads `sheet` with its header on `headerRow`. With `sampleRows`, only that many data rows are
 * read (enough to suggest columns); otherwise the whole data range.
 */
export function readSheetTable(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  headerRow: number,
  options: { sampleRows?: number } = {},
): SheetTable {
  const lastRow = sheet.getLastRow();
  const lastColumn = sheet.getLastColumn();
  const dataRows = Math.max(0, lastRow - headerRow);
  let raw: Cell[][] = [];
  if (lastRow >= 1 && lastColumn >= 1) {
    const rows = options.sampleRows === undefined ? lastRow : Math.min(lastRow, headerRow + options.sampleRows);
    raw = sheet.getRange(1, 1, rows, lastColumn).getValues() as Cell[][];
  }
  const values = datesToIso(raw, sheetDates(ss.getSpreadsheetTimeZone()));
  const owned = findOwnedColumns(sheet).filter((o) => {
    if (isOwnHeader(o, values[headerRow - 1]?.[o.column - 1])) return true;
    o.metadata.remove();
    return false;
  });
  const data = withoutOwnedColumns(values, owned);
  return {
    values,
    owned,
    dataRows,
    headers: (data[headerRow - 1] ?? []).map((h) => String(h ?? '').trim()),
    rows: data.slice(headerRow),
  };
}

/** Data rows read to suggest columns and the layout: enough to see repeated ids, cheap on any sheet. */
export const SAMPLE_ROWS_FOR_DETECTION = 200;

/** `base` pointed at a sheet, with the columns its headers (and first rows) suggest. */
export function settingsSuggestedFor(
  base: Settings,
  sheetName: string,
  headerRow: number,
  table?: { headers: string[]; rows: Cell[][] },
): Settings {
  let sample = table;
  if (!sample) {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const sheet = ss.getSheetByName(sheetName);
    sample = sheet ? readSheetTable(ss, sheet, headerRow, { sampleRows: SAMPLE_ROWS_FOR_DETECTION }) : { headers: [], rows: [] };
  }
  return { ...base, source: { ...base.source, sheetName, headerRow, ...suggestColumns(sample.headers, sample.rows) } };
}
