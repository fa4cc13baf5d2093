/**
 * "Tier customers now": one read of the data, the tiering, one batched write of the tier columns
 * beside the data, colours by conditional formatting, then the summary sheet. The number of
 * service calls does not grow with the number of rows.
 */
import { settingText } from '../i18n/issues';
import type { Cell, Lang } from '../engine/types';
import { runTiering, outputHeader, type OutputColumn, type OutputKey, type TieringRun } from '../pipeline/runTiering';
import type { Settings } from '../settings/schema';
import { say } from '../i18n/addon';
import { localName, TIER_CHANGE_NAMES } from '../engine/labels';
import type { TierChangeKind } from '../engine/change';
import { userLanguage } from './store';
import { columnLetter, safeValues } from './sheetWriting';
import { markOwnedColumn, protectColumns, openRecordStore, readWrittenRecord, writeWrittenRecord, type OwnedColumn } from './owned';
import { editedRows, makeRecord, rowKeys, type WrittenRecord } from './writtenRecord';
import { findHeader } from '../settings/columns';
import { appendSnapshot, readLastSnapshot, todayIn, type History } from './snapshots';
import { retierSnapshot, tieringRules } from '../pipeline/retier';
import { readSheetTable } from './sheetTable';
import { writeSummary } from './summary';
import { writeCustomersSheet } from './customersSheet';
import { customerList } from '../pipeline/customerList';

export type ActionResult = { ok: true; message: string; run?: TieringRun } | { ok: false; errors: string[] };

/** Runs `work` under the document lock, so two runs never interleave their writes. */
export function withDocumentLock<T>(lang: Lang, work: () => T): T | { ok: false; errors: string[] } {
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(5000)) return { ok: false, errors: [say(lang, 'locked')] };
  try {
    return work();
  } finally {
    lock.releaseLock();
  }
}

/** Everything a run reads: the data (one read), the add-on's columns, the last snapshot, and the tiering. */
export interface PreparedRun {
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  values: Cell[][];
  owned: OwnedColumn[];
  /** Each data row's key (customer id, or the row's own cells) for the record of what was written. */
  rowKeys: string[];
  history: History;
  run: TieringRun;
}

/**
 * `beforeToday`: compare with the newest snapshot of an earlier day (a run that saves today's
 * snapshot shows the moves since the one before, however often it runs in a day).
 */
export function prepareRun(settings: Settings, lang: Lang, beforeToday = false): PreparedRun | { ok: false; errors: string[] } {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const src = settings.source;
  if (!src.sheetName) return { ok: false, errors: [say(lang, 'needsSettings')] };
  const sheet = ss.getSheetByName(src.sheetName);
  if (!sheet) return { ok: false, errors: [say(lang, 'noSheet', { sheet: src.sheetName })] };
  const table = readSheetTable(ss, sheet, src.headerRow);
  if (table.dataRows === 0) return { ok: false, errors: [say(lang, 'noData', { sheet: src.sheetName, row: src.headerRow })] };
  const { values, owned } = table;
  const today = todayIn(ss);
  const last = readLastSnapshot(ss, beforeToday ? today : undefined);
  // Moves under today's rules: the snapshot's customers re-tiered from the figures it kept (else its stored tiers).
  const retiered = last ? retierSnapshot(settings, last, lang) : null;
  const rulesChanged = last !== null && last.rules !== null && last.rules !== tieringRules(settings);
  const compared = retiered?.tiers ?? last?.tiers ?? new Map<string, string>();
  const history: History = { last, compared, ruleMoves: retiered && rulesChanged ? retiered.ruleMoves : null, today };
  const run = runTiering(settings, table, { language: lang, headerRow: src.headerRow, previousById: last ? compared : undefined });
  if (run.errors.length) return { ok: false, errors: run.errors.map((p) => settingText(p, lang)) };
  const idIndex = src.idColumn ? findHeader(table.headers, src.idColumn) : -1;
  return { ss, sheet, values, owned, rowKeys: rowKeys(table.rows, idIndex), history, run };
}

/** How many edited cells a message names. */
const EDITED_CELLS_SHOWN = 5;

/**
 * The first owned column holding cells the add-on did not write (typed by the user, or moved in
 * from elsewhere), as a message naming the column and its first edited cells; null when none.
 */
function userEdits(prepared: PreparedRun, record: WrittenRecord | null, headerRow: number, lang: Lang): string | null {
  const { values, owned, rowKeys: keys } = prepared;
  for (const o of [...owned].sort((a, b) => a.column - b.column)) {
    const cells = values.slice(headerRow).map((row) => row[o.column - 1]);
    const edited = editedRows(record, o.key, cells, keys);
    if (!edited.length) continue;
    const letter = columnLetter(o.column);
    const shown = edited.slice(0, EDITED_CELLS_SHOWN).map((r) => `${letter}${headerRow + 1 + r}`);
    if (edited.length > EDITED_CELLS_SHOWN) shown.push(say(lang, 'andMore', { count: edited.length - EDITED_CELLS_SHOWN }));
    const header = String(values[headerRow - 1][o.column - 1]);
    return say(lang, record ? 'columnEdited' : 'recordMissing', { header, column: letter, cells: shown.join(', ') });
  }
  return null;
}

/** "Tier customers now"; with `saveSnapshot`, then saves this month's snapshot (one action, under one lock). */
export function tierSheet(settings: Settings, saveSnapshot = false): ActionResult {
  const lang = userLanguage(settings);
  return withDocumentLock(lang, (): ActionResult => {
    if (saveSnapshot && settings.source.layout === 'customers' && !settings.source.idColumn)
      return { ok: false, errors: [say(lang, 'snapshotNeedsIds')] };
    const prepared = prepareRun(settings, lang, saveSnapshot);
    if (!('run' in prepared)) return prepared;
    const { ss, sheet, values, owned, history, run } = prepared;
    const headerRow = settings.source.headerRow;
    // Never overwrite what the user typed into a column we wrote before: check every cell first.
    const store = openRecordStore(ss);
    const edits = owned.length ? userEdits(prepared, readWrittenRecord(store, sheet.getSheetId()), headerRow, lang) : null;
    if (edits) return { ok: false, errors: [edits] };
    const placed = writeOutputs(sheet, values, headerRow, run.outputs, owned, lang);
    writeWrittenRecord(
      ss,
      store,
      sheet.getSheetId(),
      makeRecord(prepared.rowKeys, Object.fromEntries(run.outputs.map((o) => [o.key, o.values]))),
      say(lang, 'recordSheet'),
    );
    applyTierColours(sheet, run, headerRow, values.length - headerRow, placed, owned, lang);
    const saved = saveSnapshot ? appendSnapshot(ss, run, settings, lang) : null;
    if (saved) history.savedNow = saved.date;
    const summaryName = writeReport(ss, settings, run, history, lang);
    const message =
      say(lang, 'tierDone', { customers: run.totals.customers, sheet: settings.source.sheetName, summary: summaryName }) +
      (run.issues.length ? ` ${say(lang, 'tierDoneIssues', { count: new Set(run.issues.map((i) => i.row)).size })}` : '') +
      (saved ? ` ${say(lang, 'snapshotDone', { customers: run.customers.length, date: saved.date, sheet: saved.sheetName })}` : '');
    return { ok: true, message, run };
  });
}

/** Output columns go where they were last time (found by metadata), else after the table. */
function writeOutputs(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  values: Cell[][],
  headerRow: number,
  outputs: readonly OutputColumn[],
  owned: OwnedColumn[],
  lang: Lang,
): { key: OutputKey; column: number }[] {
  const dataRows = values.length - headerRow;
  const byKey = new Map(owned.map((o) => [o.key, o]));
  const spare = owned.filter((o) => !outputs.some((out) => out.key === o.key));
  let nextFree = Math.max(values[0]?.length ?? 0, ...owned.map((o) => o.column)) + 1;
  const placements: { output: OutputColumn; column: number; previous?: OwnedColumn }[] = [];
  for (const output of outputs) {
    const existing = byKey.get(output.key) ?? spare.shift();
    if (existing) placements.push({ output, column: existing.column, previous: existing });
    else placements.push({ output, column: nextFree++ });
  }
  // Columns of a previous mode that this run does not use are emptied and released: from the
  // header down only (the cells above it were never the add-on's; those below were checked).
  for (const o of spare) {
    sheet.getRange(headerRow, o.column, sheet.getMaxRows() - headerRow + 1, 1).clearContent();
    o.metadata.remove();
  }
  const needed = Math.max(...placements.map((p) => p.column));
  if (needed > sheet.getMaxColumns()) sheet.insertColumnsAfter(sheet.getMaxColumns(), needed - sheet.getMaxColumns());

  // Side-by-side columns (the usual case) are written as one block: one setValues for all of them.
  const sorted = [...placements].sort((a, b) => a.column - b.column);
  const below = sheet.getMaxRows() - headerRow - dataRows;
  for (let start = 0; start < sorted.length; ) {
    let end = start + 1;
    while (end < sorted.length && sorted[end].column === sorted[end - 1].column + 1) end++;
    const run = sorted.slice(start, end);
    const block: (string | number | null)[][] = [run.map((p) => outputHeader(p.output.key, lang))];
    for (let r = 0; r < dataRows; r++) block.push(run.map((p) => p.output.values[r]));
    const first = run[0].column;
    // Formats first, so that text written into plain-text cells is written as it is.
    const formats = Array.from({ length: dataRows }, () => run.map((p) => p.output.format));
    if (dataRows > 0) sheet.getRange(headerRow + 1, first, dataRows, run.length).setNumberFormats(formats);
    sheet.getRange(headerRow, first, dataRows + 1, run.length).setValues(safeValues(block, [run.map(() => ''), ...formats]));
    sheet.getRange(headerRow, first, 1, run.length).setFontWeight('bold');
    if (below > 0) sheet.getRange(headerRow + dataRows + 1, first, below, run.length).clearContent();
    start = end;
  }
  for (const { output, column, previous } of placements) {
    if (!previous) markOwnedColumn(sheet, column, output.key);
    else if (previous.key !== output.key) previous.metadata.setValue(JSON.stringify({ key: output.key }));
  }
  // From the header down: the cells above it were never the add-on's.
  const height = sheet.getMaxRows() - headerRow + 1;
  protectColumns(
    sheet,
    placements.map((p) => sheet.getRange(headerRow, p.column, height, 1)),
  );
  return placements.map((p) => ({ key: p.output.key, column: p.column }));
}

/**
 * Colours the tier (or group/segment) column by conditional formatting, merged with the sheet's
 * own rules: setConditionalFormatRules replaces them all, so ours are swapped and theirs kept.
 */
const CHANGE_COLOURS: Partial<Record<TierChangeKind, string>> = { upgrade: '#b7e1cd', downgrade: '#f4c7c3', new: '#c9daf8' };

function applyTierColours(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  run: TieringRun,
  headerRow: number,
  dataRows: number,
  placed: readonly { key: OutputKey; column: number }[],
  previouslyOwned: readonly OwnedColumn[],
  lang: Lang,
): void {
  const ownedColumns = new Set([...placed, ...previouslyOwned].map((o) => o.column));
  const isOurs = (rule: GoogleAppsScript.Spreadsheet.ConditionalFormatRule) =>
    rule.getRanges().every((r) => r.getNumColumns() === 1 && ownedColumns.has(r.getColumn()));
  const theirs = sheet.getConditionalFormatRules().filter((rule) => !isOurs(rule));
  const ours: GoogleAppsScript.Spreadsheet.ConditionalFormatRule[] = [];
  const labelColumn = placed.find((o) => o.key === 'tier' || o.key === 'group' || o.key === 'segment');
  if (labelColumn) {
    const range = sheet.getRange(headerRow + 1, labelColumn.column, Math.max(dataRows, 1), 1);
    for (const row of run.summary) {
      ours.push(SpreadsheetApp.newConditionalFormatRule().whenTextEqualTo(row.label).setBackground(row.colour).setRanges([range]).build());
    }
  }
  // Moves since the last snapshot: up in green, down in red, so a manager spots them scrolling.
  const changeColumn = placed.find((o) => o.key === 'change');
  if (changeColumn) {
    const range = sheet.getRange(headerRow + 1, changeColumn.column, Math.max(dataRows, 1), 1);
    for (const [kind, colour] of Object.entries(CHANGE_COLOURS) as [TierChangeKind, string][]) {
      ours.push(
        SpreadsheetApp.newConditionalFormatRule()
          .whenTextEqualTo(localName(TIER_CHANGE_NAMES, kind, lang))
          .setBackground(colour)
          .setRanges([range])
          .build(),
      );
    }
  }
  sheet.setConditionalFormatRules([...theirs, ...ours]);
}

/** The customer list, then the summary whose tier names link to it; returns the summary's name. */
export function writeReport(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  settings: Settings,
  run: TieringRun,
  history: History,
  lang: Lang,
): string {
  const colourOf = new Map(run.summary.map((r) => [r.label, r.colour]));
  const list = writeCustomersSheet(ss, customerList(run, settings, lang), colourOf, lang);
  const gid = list.sheet.getSheetId();
  const linkOf = new Map([...list.rowOf].map(([label, row]) => [label, `#gid=${gid}&range=A${row}`]));
  return writeSummary(ss, settings, run, history, lang, linkOf);
}
