/**
 * What the add-on owns in the user's spreadsheet, found by developer metadata (never by name or
 * position): its output columns, its sheets (summary, history, the hidden record) and the record
 * of what it wrote into its columns. One home for the metadata keys and for finding and creating
 * these things.
 */
import type { Cell } from '../engine/types';
import type { OutputKey } from '../pipeline/runTiering';
import { chunks, type WrittenRecord } from './writtenRecord';

/** On every column the add-on owns; the value is JSON {key}. */
export const OUTPUT_METADATA_KEY = 'customerTiers.output';
export const SUMMARY_METADATA_KEY = 'customerTiers.summary';
export const HISTORY_METADATA_KEY = 'customerTiers.history';
export const RECORD_METADATA_KEY = 'customerTiers.record';
export const CUSTOMERS_METADATA_KEY = 'customerTiers.customers';

export interface OwnedColumn {
  metadata: GoogleAppsScript.Spreadsheet.DeveloperMetadata;
  column: number;
  key: OutputKey;
}

export function findOwnedColumns(sheet: GoogleAppsScript.Spreadsheet.Sheet): OwnedColumn[] {
  const found = sheet.createDeveloperMetadataFinder().withKey(OUTPUT_METADATA_KEY).find();
  const owned: OwnedColumn[] = [];
  for (const metadata of found) {
    let info: { key?: OutputKey } = {};
    try {
      info = JSON.parse(metadata.getValue() ?? '{}');
    } catch {
      // unreadable: not something we can trust as ours
    }
    const column = metadata.getLocation().getColumn();
    if (column && info.key) owned.push({ metadata, column: column.getColumn(), key: info.key });
    else metadata.remove();
  }
  return owned;
}

export function markOwnedColumn(sheet: GoogleAppsScript.Spreadsheet.Sheet, column: number, key: OutputKey): void {
  sheet
    .getRange(1, column, sheet.getMaxRows(), 1)
    .addDeveloperMetadata(OUTPUT_METADATA_KEY, JSON.stringify({ key }), SpreadsheetApp.DeveloperMetadataVisibility.DOCUMENT);
}

/** The sheet's cells without the add-on's own columns: the data to tier, and the columns the sidebar offers. */
export function withoutOwnedColumns(values: Cell[][], owned: readonly { column: number }[]): Cell[][] {
  if (!owned.length) return values;
  const drop = new Set(owned.map((o) => o.column - 1));
  return values.map((row) => row.filter((_, i) => !drop.has(i)));
}

/** What every key of the add-on's metadata starts with: a sheet carrying one at sheet level is the add-on's own. */
const OWN_KEY_PREFIX = 'customerTiers.';

/**
 * The ids of the add-on's own sheets (summary, history, the hidden record, and any later one made
 * by createOwnedSheet), found by their sheet-level metadata: names can be changed by the user.
 */
export function ownedSheetIds(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): Set<number> {
  const found = ss.createDeveloperMetadataFinder().withLocationType(SpreadsheetApp.DeveloperMetadataLocationType.SHEET).find();
  const ids = new Set<number>();
  for (const metadata of found) {
    const sheet = metadata.getKey().startsWith(OWN_KEY_PREFIX) ? metadata.getLocation().getSheet() : null;
    if (sheet) ids.add(sheet.getSheetId());
  }
  return ids;
}

export function findSheetByMetadata(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, key: string): GoogleAppsScript.Spreadsheet.Sheet | null {
  const found = ss.createDeveloperMetadataFinder().withKey(key).withLocationType(SpreadsheetApp.DeveloperMetadataLocationType.SHEET).find();
  return found.length ? found[0].getLocation().getSheet() : null;
}

/**
 * A new sheet for the add-on, under a name not yet taken (a user's sheet of that name is left
 * alone), cut to `columns` columns: the spreadsheet's 10 million cells are shared with the user.
 */
export function createOwnedSheet(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  key: string,
  name: string,
  columns?: number,
): GoogleAppsScript.Spreadsheet.Sheet {
  let unique = name;
  for (let i = 2; ss.getSheetByName(unique); i++) unique = `${name} ${i}`;
  const sheet = ss.insertSheet(unique);
  sheet.addDeveloperMetadata(key, '', SpreadsheetApp.DeveloperMetadataVisibility.DOCUMENT);
  if (columns !== undefined && sheet.getMaxColumns() > columns) sheet.deleteColumns(columns + 1, sheet.getMaxColumns() - columns);
  // Made once, so protected once (a sheet made by an earlier version stays as it was).
  warnOnEdit(sheet);
  return sheet;
}

/** What the add-on's protections say, so that a rerun finds its own (and never touches the user's). */
export const PROTECTION_DESCRIPTION = 'Customer Tiers';

/**
 * Warning-only protection: whoever edits the add-on's sheets and columns is asked to confirm, nobody
 * is locked out, so a manager reading a shared sheet does not change a tier by accident.
 */
const warnOnEdit = (target: { protect(): GoogleAppsScript.Spreadsheet.Protection }) =>
  target.protect().setDescription(PROTECTION_DESCRIPTION).setWarningOnly(true);

/**
 * Protects the add-on's columns on `sheet` (`ranges`). Its own protections there, found by
 * description (the user's are never touched), are replaced, so a rerun keeps one per column and a
 * column no longer the add-on's loses its protection.
 */
export function protectColumns(sheet: GoogleAppsScript.Spreadsheet.Sheet, ranges: GoogleAppsScript.Spreadsheet.Range[]): void {
  for (const p of sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE)) if (p.getDescription() === PROTECTION_DESCRIPTION) p.remove();
  ranges.forEach(warnOnEdit);
}

/** Grows a sheet so that `rows` rows fit (writing past the last row throws in Apps Script). */
export function ensureRows(sheet: GoogleAppsScript.Spreadsheet.Sheet, rows: number): void {
  const max = sheet.getMaxRows();
  if (rows > max) sheet.insertRowsAfter(max, rows - max);
}

// ---- The record of what was written (a hidden sheet: per-row state does not fit in metadata) ----

/** A chunk is written with this prefix so that Sheets never reads it as a number or a date. */
const CHUNK_PREFIX = 'x';
const RECORD_COLUMNS = 3;

/** The record sheet as read once in a run: the check and the write that follows share this one read. */
export interface RecordStore {
  sheet: GoogleAppsScript.Spreadsheet.Sheet | null;
  rows: (string | number)[][];
}

export function openRecordStore(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): RecordStore {
  const sheet = findSheetByMetadata(ss, RECORD_METADATA_KEY);
  const rows =
    sheet && sheet.getLastRow() >= 1 ? (sheet.getRange(1, 1, sheet.getLastRow(), RECORD_COLUMNS).getValues() as (string | number)[][]) : [];
  return { sheet, rows };
}

/** The record for one data sheet, or null when there is none (never written, or the record sheet was deleted). */
export function readWrittenRecord(store: RecordStore, sheetId: number): WrittenRecord | null {
  const record: WrittenRecord = {};
  let found = false;
  for (const [id, part, text] of store.rows) {
    if (String(id) !== String(sheetId)) continue;
    found = true;
    record[String(part)] = (record[String(part)] ?? '') + String(text).slice(CHUNK_PREFIX.length);
  }
  return found ? record : null;
}

/** Replaces the record of one data sheet, keeping the other sheets' records. */
export function writeWrittenRecord(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  store: RecordStore,
  sheetId: number,
  record: WrittenRecord,
  title: string,
): void {
  let sheet = store.sheet;
  if (!sheet) {
    sheet = createOwnedSheet(ss, RECORD_METADATA_KEY, title, RECORD_COLUMNS);
    sheet.hideSheet();
  }
  const before = store.rows;
  const rows = before.filter(([id]) => String(id) !== String(sheetId));
  for (const [part, text] of Object.entries(record))
    for (const piece of chunks(text)) rows.push([String(sheetId), part, CHUNK_PREFIX + piece]);
  ensureRows(sheet, rows.length);
  const range = sheet.getRange(1, 1, rows.length, RECORD_COLUMNS);
  range.setNumberFormat('@');
  range.setValues(rows);
  if (before.length > rows.length) sheet.getRange(rows.length + 1, 1, before.length - rows.length, RECORD_COLUMNS).clearContent();
}
