/**
 * Tier history: "Save tier snapshot" appends (date, customer, tier, value, score or R F M) rows to
 * a history sheet, and notes the rules it was made with on the date cell of its first row, so that
 * monthly re-tiering shows who moved under today's rules. The sheet is found by developer
 * metadata, not by name. Old sheets of 4 columns (date, customer, tier, method) still load: their
 * figures and rules are unknown.
 */
import type { Cell, Lang } from '../engine/types';
import { parseDate, isoFromSerialDay } from '../engine/cells';
import type { Settings } from '../settings/schema';
import type { TieringRun } from '../pipeline/runTiering';
import { readSnapshotCells, snapshotCells, tieringRules, type SnapshotData, type SnapshotFigures } from '../pipeline/retier';
import { say } from '../i18n/addon';
import { safeValues } from './sheetWriting';
import { createOwnedSheet, ensureRows, findSheetByMetadata, HISTORY_METADATA_KEY } from './owned';

export interface Snapshot extends SnapshotData {
  date: string;
  tiers: Map<string, string>;
  figures: Map<string, SnapshotFigures>;
}

/** What a run knows of the history: the snapshot it compares with, and what the summary says of it. */
export interface History {
  last: Snapshot | null;
  /** The last snapshot's tier per customer under today's rules (its stored tiers when it kept no figures). */
  compared: ReadonlyMap<string, string>;
  /** When the snapshot's rules differ from today's and it could be re-tiered: customers moved by the rule change alone. */
  ruleMoves: number | null;
  /** Today in the spreadsheet's time zone (yyyy-MM-dd). */
  today: string;
  /** The date of the snapshot this run saved, if it saved one. */
  savedNow?: string;
}

/**
 * Date, customer, tier, value, score or R F M: the sheet keeps just these columns (100k customers
 * x 12 months = 6M cells, under Sheets' 10M-cell limit); the rules go in a note, one per snapshot.
 */
const HISTORY_COLUMNS = 5;
/** What a snapshot's rules note starts with; the rest is {@link tieringRules}. */
const RULES_NOTE = 'Customer Tiers rules: ';

function isoOf(cell: Cell): string | null {
  const parsed = parseDate(cell);
  return parsed.kind === 'value' ? isoFromSerialDay(parsed.value) : null;
}

/** Today in the spreadsheet's time zone, as yyyy-MM-dd. */
export function todayIn(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): string {
  return Utilities.formatDate(new Date(), ss.getSpreadsheetTimeZone(), 'yyyy-MM-dd');
}

/** The newest snapshot in the history sheet (only those dated before `before`, when given), or null when there is none. */
export function readLastSnapshot(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, before?: string): Snapshot | null {
  const sheet = findSheetByMetadata(ss, HISTORY_METADATA_KEY);
  if (!sheet || sheet.getLastRow() < 2) return null;
  const rows = sheet.getDataRange().getValues().slice(1) as Cell[][];
  const dates = rows.map((row) => isoOf(row[0]));
  let latest = '';
  for (const iso of dates) if (iso && iso > latest && (before === undefined || iso < before)) latest = iso;
  if (!latest) return null;
  const tiers = new Map<string, string>();
  const figures = new Map<string, SnapshotFigures>();
  let first = -1;
  rows.forEach((row, i) => {
    if (dates[i] !== latest) return;
    if (first < 0) first = i;
    const id = String(row[1]).trim();
    tiers.set(id, String(row[2]).trim());
    figures.set(id, readSnapshotCells(row[3], row[4]));
  });
  const note = sheet.getRange(first + 2, 1).getNote();
  const rules = note.startsWith(RULES_NOTE) ? note.slice(RULES_NOTE.length) : null;
  return { date: latest, tiers, figures, rules };
}

/**
 * Appends today's tiers and the figures behind them. Saving twice on one day replaces that day's
 * rows rather than adding a second copy, so the history stays one snapshot per date.
 */
export function appendSnapshot(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  run: TieringRun,
  settings: Settings,
  lang: Lang,
): { date: string; sheetName: string } {
  const date = todayIn(ss);
  let sheet = findSheetByMetadata(ss, HISTORY_METADATA_KEY);
  let header = false;
  if (!sheet) {
    sheet = createOwnedSheet(ss, HISTORY_METADATA_KEY, say(lang, 'historySheet'), HISTORY_COLUMNS);
    sheet.setFrozenRows(1);
    header = true;
  } else if (sheet.getMaxColumns() < HISTORY_COLUMNS) {
    // A history of the old 4 columns: its rows stay as they are (their figures read as unknown).
    sheet.insertColumnsAfter(sheet.getMaxColumns(), HISTORY_COLUMNS - sheet.getMaxColumns());
    header = true;
  }
  if (header) {
    const titles = ['snapshotDate', 'customerId', 'tierLabel', 'value', 'snapshotScores'] as const;
    sheet
      .getRange(1, 1, 1, HISTORY_COLUMNS)
      .setValues([titles.map((key) => say(lang, key))])
      .setFontWeight('bold');
  }
  const existing = sheet.getLastRow() > 1 ? (sheet.getRange(2, 1, sheet.getLastRow() - 1, 1).getValues() as Cell[][]) : [];
  // Rows of today's earlier snapshot are at the end: start writing where they start.
  let start = existing.length;
  while (start > 0 && isoOf(existing[start - 1][0]) === date) start--;
  const cells = snapshotCells(run);
  const rows = safeValues(run.customers.map((c) => [date, c.id, c.label, ...(cells.get(c.id) ?? ['', ''])]));
  // A new sheet has 1,000 rows, and writing past the last row throws: grow it first.
  ensureRows(sheet, start + 1 + rows.length);
  const leftover = existing.length - start - rows.length;
  const written = rows.length + Math.max(0, leftover);
  if (written > 0) sheet.getRange(start + 2, 1, written, 1).clearNote();
  if (rows.length) {
    sheet.getRange(start + 2, 1, rows.length, HISTORY_COLUMNS).setValues(rows);
    sheet.getRange(start + 2, 1).setNote(RULES_NOTE + tieringRules(settings));
  }
  if (leftover > 0) sheet.getRange(start + 2 + rows.length, 1, leftover, HISTORY_COLUMNS).clearContent();
  return { date, sheetName: sheet.getName() };
}
