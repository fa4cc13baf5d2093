/**
 * The customer list sheet: one row per customer, best first (src/pipeline/customerList.ts), with a
 * frozen header, a filter, the tier colours and number formats. Rewritten on every run, found again
 * by developer metadata. Returns each tier's first sheet row, for the summary's links.
 */
import type { Lang } from '../engine/types';
import type { CustomerList } from '../pipeline/customerList';
import { say } from '../i18n/addon';
import { sheetDates } from './dates';
import { createOwnedSheet, CUSTOMERS_METADATA_KEY, ensureRows, findSheetByMetadata } from './owned';
import { safeValues } from './sheetWriting';

export interface WrittenList {
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  /** Sheet row of each label's first customer. */
  rowOf: Map<string, number>;
}

export function writeCustomersSheet(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  list: CustomerList,
  colourOf: ReadonlyMap<string, string>,
  lang: Lang,
): WrittenList {
  const width = list.columns.length;
  let sheet = findSheetByMetadata(ss, CUSTOMERS_METADATA_KEY);
  // Only the columns it needs: 100k customers x 26 default columns would take 2.6M of the spreadsheet's 10M cells.
  if (!sheet) sheet = createOwnedSheet(ss, CUSTOMERS_METADATA_KEY, say(lang, 'customersSheet'), width);
  sheet.getFilter()?.remove();
  sheet.clear();
  const height = list.rows.length + 1;
  ensureRows(sheet, height);
  if (sheet.getMaxColumns() < width) sheet.insertColumnsAfter(sheet.getMaxColumns(), width - sheet.getMaxColumns());

  const zone = sheetDates(ss.getSpreadsheetTimeZone());
  const dateColumns = list.columns.map((c) => !!c.date);
  const body = list.rows.map((row) => row.map((v, j) => (dateColumns[j] && typeof v === 'number' ? zone.toDate(v) : v)));
  const formats = [list.columns.map(() => '@'), ...list.rows.map(() => list.columns.map((c) => c.format))];
  const range = sheet.getRange(1, 1, height, width);
  // Formats first, so that text in plain-text cells is written as it is.
  range.setNumberFormats(formats);
  range.setValues(safeValues([list.columns.map((c) => c.header), ...body], formats));
  sheet.getRange(1, 1, 1, width).setFontWeight('bold');
  if (list.rows.length) {
    const label = list.labelColumn;
    sheet
      .getRange(2, label + 1, list.rows.length, 1)
      .setBackgrounds(list.rows.map((row) => [colourOf.get(String(row[label] ?? '')) ?? '#ffffff']));
  }
  sheet.setFrozenRows(1);
  range.createFilter();
  // Wide enough to read and to print: names, the why text and the action sentence wrap in theirs.
  const widthOf = (key: string) => (key === 'id' ? 220 : key === 'why' ? 300 : key === 'action' ? 360 : key === 'label' ? 130 : 115);
  for (let start = 0; start < width; ) {
    let end = start + 1;
    while (end < width && widthOf(list.columns[end].key) === widthOf(list.columns[start].key)) end++;
    sheet.setColumnWidths(start + 1, end - start, widthOf(list.columns[start].key));
    start = end;
  }
  const action = list.columns.findIndex((c) => c.key === 'action');
  if (action >= 0 && list.rows.length) sheet.getRange(2, action + 1, list.rows.length, 1).setWrap(true);
  return { sheet, rowOf: new Map([...list.firstRowOf].map(([labelText, index]) => [labelText, index + 2])) };
}
