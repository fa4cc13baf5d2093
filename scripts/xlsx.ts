/**
 * The in-memory fake spreadsheet as an XLSX workbook (exceljs): every sheet with its values,
 * formulas, number formats, backgrounds (conditional-format colours applied as the user would see
 * them), font colours, bold, alignment, notes, merges, column widths, frozen panes and tab colour.
 * Charts are not carried over (exceljs cannot write them); their data ranges are.
 */
import ExcelJS from 'exceljs';
import { spreadsheetSnapshot, type SheetSnapshot, type SnapshotValue } from '../harness/fakeGas/snapshot';
import { tzOffsetMinutes } from '../harness/fakeGas/format';
import type { FakeSpreadsheet } from '../harness/fakeGas/spreadsheet';
import { unwrapFake } from '../harness/fakeGas/unwrap';

const DEFAULT_NUMBER_FORMAT = '0.###############';
/** Sheets widths are pixels; Excel's are characters of the default font (64 px = 8.43 chars). */
const PIXELS_PER_CHAR = 64 / 8.43;
/** Sheets' default column width in pixels. */
const SHEETS_DEFAULT_WIDTH_PX = 100;

/** '#rgb' / '#rrggbb' to exceljs ARGB, or null for anything else (named colours, null). */
export function argb(colour: string | null | undefined): string | null {
  if (!colour) return null;
  let hex = colour.trim().replace(/^#/, '');
  if (/^[0-9a-f]{3}$/i.test(hex)) hex = hex.replace(/./g, (c) => c + c);
  return /^[0-9a-f]{6}$/i.test(hex) ? `FF${hex.toUpperCase()}` : null;
}

type Rule = SheetSnapshot['rules'][number];

/** Whether a conditional-format rule (the criteria the add-on uses) matches a cell value. */
function ruleMatches(rule: Rule, value: SnapshotValue): boolean {
  const text = typeof value === 'object' ? '' : String(value);
  const n = typeof value === 'number' ? value : NaN;
  const [a, b] = rule.values as [unknown, unknown];
  switch (rule.criteria) {
    case 'TEXT_EQUAL_TO':
      return text === String(a);
    case 'TEXT_CONTAINS':
      return text.includes(String(a));
    case 'TEXT_DOES_NOT_CONTAIN':
      return !text.includes(String(a));
    case 'TEXT_STARTS_WITH':
      return text.startsWith(String(a));
    case 'TEXT_ENDS_WITH':
      return text.endsWith(String(a));
    case 'NUMBER_GREATER_THAN':
      return n > Number(a);
    case 'NUMBER_GREATER_THAN_OR_EQUAL_TO':
      return n >= Number(a);
    case 'NUMBER_LESS_THAN':
      return n < Number(a);
    case 'NUMBER_LESS_THAN_OR_EQUAL_TO':
      return n <= Number(a);
    case 'NUMBER_EQUAL_TO':
      return n === Number(a);
    case 'NUMBER_NOT_EQUAL_TO':
      return typeof value === 'number' && n !== Number(a);
    case 'NUMBER_BETWEEN':
      return n >= Number(a) && n <= Number(b);
    case 'NUMBER_NOT_BETWEEN':
      return typeof value === 'number' && !(n >= Number(a) && n <= Number(b));
    default:
      return false; // custom formulas and the rest: not evaluated
  }
}

/** 1-based [row, column] bounds of an A1 range such as "E2:E2305" or "B3". */
function bounds(a1: string): [number, number, number, number] {
  const cell = (ref: string): [number, number] => {
    const m = /^([A-Z]+)(\d+)$/.exec(ref)!;
    let col = 0;
    for (const ch of m[1]) col = col * 26 + ch.charCodeAt(0) - 64;
    return [Number(m[2]), col];
  };
  const [from, to = from] = a1.replace(/\$/g, '').split(':');
  const [r1, c1] = cell(from);
  const [r2, c2] = cell(to);
  return [r1, c1, r2, c2];
}

/** The background a cell shows: the first matching conditional-format rule wins over its own fill. */
function ruleStyle(rules: Rule[], row: number, col: number, value: SnapshotValue): Rule | undefined {
  return rules.find(
    (rule) =>
      rule.ranges.some((range) => {
        const [r1, c1, r2, c2] = bounds(range);
        return row >= r1 && row <= r2 && col >= c1 && col <= c2;
      }) && ruleMatches(rule, value),
  );
}

function addSheet(workbook: ExcelJS.Workbook, s: SheetSnapshot, timeZone: string): void {
  const ws = workbook.addWorksheet(s.name, {
    state: s.hidden ? 'hidden' : 'visible',
    properties: argb(s.tabColor) ? { tabColor: { argb: argb(s.tabColor)! } } : {},
    views: s.frozenRows || s.frozenColumns ? [{ state: 'frozen', xSplit: s.frozenColumns, ySplit: s.frozenRows }] : [],
  });
  s.values.forEach((rowValues, i) => {
    const row = ws.getRow(i + 1);
    rowValues.forEach((value, j) => {
      const cell = row.getCell(j + 1);
      let v: ExcelJS.CellValue = null;
      if (typeof value === 'object' && value !== null) {
        // exceljs writes Dates as UTC: pass the wall-clock time the spreadsheet's time zone shows.
        const ms = Date.parse(value.date);
        v = new Date(ms + tzOffsetMinutes(ms, timeZone) * 60_000);
      } else if (value !== '') v = value;
      const formula = s.formulas[i]?.[j];
      cell.value = formula ? { formula: formula.replace(/^=/, ''), result: v as never } : v;

      const nf = s.numberFormats[i]?.[j];
      if (nf && nf !== DEFAULT_NUMBER_FORMAT) cell.numFmt = nf;
      else if (v instanceof Date) cell.numFmt = 'yyyy-mm-dd';

      const rule = s.rules.length ? ruleStyle(s.rules, i + 1, j + 1, value) : undefined;
      const fill = argb(rule?.background) ?? argb(s.backgrounds[i]?.[j]);
      if (fill && fill !== 'FFFFFFFF') cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
      const colour = argb(rule?.fontColor) ?? argb(s.fontColors[i]?.[j]);
      const bold = rule?.bold ?? s.fontWeights[i]?.[j] === 'bold';
      if (bold || (colour && colour !== 'FF000000')) cell.font = { bold, ...(colour ? { color: { argb: colour } } : {}) };
      const align = s.horizontalAlignments[i]?.[j];
      if (align === 'left' || align === 'center' || align === 'right') cell.alignment = { horizontal: align };
      const note = s.notes[i]?.[j];
      if (note) cell.note = note;
    });
  });
  const chars = (px: number) => Math.round((px / PIXELS_PER_CHAR) * 10) / 10;
  // Columns keep the width they have in Sheets, where the default is wider than Excel's.
  ws.properties.defaultColWidth = chars(SHEETS_DEFAULT_WIDTH_PX);
  for (const [letter, px] of Object.entries(s.columnWidths)) ws.getColumn(letter).width = chars(px);
  for (const merge of s.merges) ws.mergeCells(merge);
}

/** Builds the workbook: one worksheet per fake sheet, in order, the active sheet selected. */
export function spreadsheetToWorkbook(spreadsheet: FakeSpreadsheet): ExcelJS.Workbook {
  const raw = unwrapFake(spreadsheet);
  const snapshot = spreadsheetSnapshot(raw);
  const timeZone = raw._tz;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Customer Tiers';
  // What a reader opens: no empty sheet, and not the add-on's hidden record of what it wrote.
  const shown = snapshot.sheets.filter((s) => !s.hidden && s.values.some((row) => row.some((v) => v !== '')));
  for (const sheet of shown) addSheet(workbook, sheet, timeZone);
  const active = shown.findIndex((s) => s.name === snapshot.activeSheet);
  if (active >= 0) workbook.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: active, visibility: 'visible' }];
  return workbook;
}

/** Writes the fake spreadsheet to an XLSX file. */
export async function writeSpreadsheetXlsx(spreadsheet: FakeSpreadsheet, file: string): Promise<void> {
  await spreadsheetToWorkbook(spreadsheet).xlsx.writeFile(file);
}
