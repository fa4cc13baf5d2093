/**
 * Tier history: "Save tier snapshot" appends (date, customer, tier) rows to a history sheet, so
 * that monthly re-tiering shows who moved. The sheet is found by developer metadata, not by name.
 */
import type { Cell, Lang } from '../engine/types';
import { parseDate, isoFromSerialDay } from '../engine/cells';
import type { Settings } from '../settings/schema';
import { say } from '../i18n/addon';
import { safeValues } from './sheetWriting';
import { createOwnedSheet, ensureRows, findSheetByMetadata, HISTORY_METADATA_KEY } from './owned';

export interface Snapshot {
  date: string;
  tiers: Map<string, string>;
}

/** Date, customer, tier, method: the sheet keeps just these columns (100k customers x 12 months fit the 10M-cell limit). */
const HISTORY_COLUMNS = 4;

function isoOf(cell: Cell): string | null {
  const parsed = parseDate(cell);
  return parsed.kind === 'value' ? isoFromSerialDay(parsed.value) : null;
}

/** The newest snapshot in the history sheet, or null when there is none. */
export function readLastSnapshot(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): Snapshot | null {
  const sheet = findSheetByMetadata(ss, HISTORY_METADATA_KEY);
  if (!sheet || sheet.getLastRow() < 2) return null;
  const rows = sheet.getDataRange().getValues().slice(1) as Cell[][];
  let latest = '';
  for (const row of rows) {
    const iso = isoOf(row[0]);
    if (iso && iso > latest) latest = iso;
  }
  if (!latest) return null;
  const tiers = new Map<string, string>();
  for (const row of rows) if (isoOf(row[0]) === latest) tiers.set(String(row[1]).trim(), String(row[2]).trim());
  return { date: latest, tiers };
}

/**
 * Appends today's tiers. Saving twice on one day replaces that day's rows rather than adding a
 * second copy, so the history stays one snapshot per date.
 */
export function appendSnapshot(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  customers: ReadonlyArray<{ id: string; label: string }>,
  settings: Settings,
  lang: Lang,
): { date: string; sheetName: string } {
  const date = Utilities.formatDate(new Date(), ss.getSpreadsheetTimeZone(), 'yyyy-MM-dd');
  let sheet = findSheetByMetadata(ss, HISTORY_METADATA_KEY);
  if (!sheet) {
    sheet = createOwnedSheet(ss, HISTORY_METADATA_KEY, say(lang, 'historySheet'), HISTORY_COLUMNS);
    sheet
      .getRange(1, 1, 1, HISTORY_COLUMNS)
      .setValues([[say(lang, 'snapshotDate'), say(lang, 'customerId'), say(lang, 'tierLabel'), say(lang, 'method')]])
      .setFontWeight('bold');
    sheet.setFrozenRows(1);
  }
  const existing = sheet.getLastRow() > 1 ? (sheet.getRange(2, 1, sheet.getLastRow() - 1, 1).getValues() as Cell[][]) : [];
  // Rows of today's earlier snapshot are at the end: start writing where they start.
  let start = existing.length;
  while (start > 0 && isoOf(existing[start - 1][0]) === date) start--;
  const method = settings.mode === 'abc' ? `abc/${settings.abc.method}` : settings.mode;
  const rows = safeValues(customers.map((c) => [date, c.id, c.label, method]));
  // A new sheet has 1,000 rows, and writing past the last row throws: grow it first.
  ensureRows(sheet, start + 1 + rows.length);
  if (rows.length) sheet.getRange(start + 2, 1, rows.length, HISTORY_COLUMNS).setValues(rows);
  const leftover = existing.length - start - rows.length;
  if (leftover > 0) sheet.getRange(start + 2 + rows.length, 1, leftover, HISTORY_COLUMNS).clearContent();
  return { date, sheetName: sheet.getName() };
}
