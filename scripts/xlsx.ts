/**
 * The in-memory fake spreadsheet as an XLSX workbook (exceljs): every sheet with its values,
 * formulas, number formats, backgrounds (conditional-format colours applied as the user would see
 * them), font colours, bold, alignment, notes, merges, column widths, frozen panes and tab colour.
 * Charts are not carried over (exceljs cannot write them); their data ranges are.
 */
import ExcelJS from 'exceljs';
import { spreadsheetSnapshot, type SheetSnapshot, type SnapshotValue } from '../harness/fakeGas/snapshot';
import { tzOffsetMinutes } from '../harness/fakeGas/format';
import { columnLetter } from '../harness/fakeGas/shared';
import type { FakeSpreadsheet } from '../harness/fakeGas/spreadsheet';
import { unwrapFake } from '../harness/fakeGas/unwrap';

const DEFAULT_NUMBER_FORMAT = '0.###############';
/** Sheets widths are pixels; Excel's are characters of the default font (64 px = 8.43 chars). */
const PIXELS_PER_CHAR = 64 / 8.43;
/** Sheets' default column width in pixels. */
const SHEETS_DEFAULT_WIDTH_PX = 100;
/** Sheets' default font, which the workbook takes as its default style too (exceljs would say Calibri 11). */
export const DEFAULT_FONT = { name: 'Arial', size: 10 } as const;
/** Excel's height of one line of 10-point Arial, in points. */
const LINE_HEIGHT_PT = 12.75;

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
      // The font is named on every cell written (headers included), not left to the reader's default.
      if (v !== null || bold || fill) {
        cell.font = {
          name: s.fontFamilies[i]?.[j] || DEFAULT_FONT.name,
          size: s.fontSizes[i]?.[j] || DEFAULT_FONT.size,
          ...(bold ? { bold } : {}),
          ...(colour && colour !== 'FF000000' ? { color: { argb: colour } } : {}),
        };
      }
      const alignment: Partial<ExcelJS.Alignment> = {};
      const align = s.horizontalAlignments[i]?.[j];
      if (align === 'left' || align === 'center' || align === 'right') alignment.horizontal = align;
      const vertical = s.verticalAlignments[i]?.[j];
      if (vertical === 'top' || vertical === 'middle') alignment.vertical = vertical;
      if (s.wraps[i]?.[j]) alignment.wrapText = true;
      if (Object.keys(alignment).length) cell.alignment = alignment;
      const note = s.notes[i]?.[j];
      if (note) cell.note = note;
    });
  });
  const chars = (px: number) => Math.round((px / PIXELS_PER_CHAR) * 10) / 10;
  // Columns keep the width they have in Sheets, where the default is wider than Excel's.
  ws.properties.defaultColWidth = chars(SHEETS_DEFAULT_WIDTH_PX);
  ws.properties.defaultRowHeight = LINE_HEIGHT_PT;
  for (const [letter, px] of Object.entries(s.columnWidths)) ws.getColumn(letter).width = chars(px);
  for (const merge of s.merges) ws.mergeCells(merge);
  setWrappedRowHeights(ws, s);
  // Printed, each sheet is one page wide (as many pages down as it takes), across the page, with
  // the frozen header rows (the data sheet's and the customer list's) repeated on every page.
  ws.pageSetup = {
    ...ws.pageSetup,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    ...(s.frozenRows ? { printTitlesRow: `1:${s.frozenRows}` } : {}),
    ...printArea(s),
  };
}

/**
 * A chart's data columns (the summary's Pareto points) sit to the right of the table: the XLSX has
 * no chart to show them in, and fitting them to the page width would print the table tiny, so the
 * printed area stops before the first of them.
 */
function printArea(s: SheetSnapshot): { printArea?: string } {
  const firstDataColumn = Math.min(...s.charts.flatMap((c) => c.ranges.map((r) => bounds(r)[1])));
  if (!Number.isFinite(firstDataColumn) || firstDataColumn < 3) return {};
  return { printArea: `A1:${columnLetter(firstDataColumn - 2)}${s.values.length}` };
}

/** Width of text in pixels at a font size in points, roughly (CJK characters are about twice as wide). */
function textPixels(text: string, size: number): number {
  let units = 0;
  for (const ch of text)
    units += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return units * 0.6 * size * (96 / 72);
}

/**
 * Sheets grows a row to fit its wrapped text; Excel does not always do that on opening a file, so
 * a row whose wrapped text needs more than one line gets a height for its lines (estimated from
 * the text and the width of its cell, merged cells included).
 */
function setWrappedRowHeights(ws: ExcelJS.Worksheet, s: SheetSnapshot): void {
  const widthPx = (col: number) => s.columnWidths[columnLetter(col)] ?? SHEETS_DEFAULT_WIDTH_PX;
  const spans = s.merges.map(bounds);
  s.wraps.forEach((row, i) => {
    let lines = 1;
    let size: number = DEFAULT_FONT.size;
    row.forEach((wrap, j) => {
      const value = s.values[i][j];
      if (!wrap || typeof value !== 'string' || value === '') return;
      const span = spans.find(([r1, c1, r2]) => r1 <= i + 1 && i + 1 <= r2 && c1 === j + 1);
      let available = 0;
      for (let c = j + 1; c <= (span ? span[3] : j + 1); c++) available += widthPx(c);
      const cellSize = s.fontSizes[i]?.[j] || DEFAULT_FONT.size;
      const needed = value
        .split('\n')
        .reduce((n, part) => n + Math.max(1, Math.ceil(textPixels(part, cellSize) / Math.max(available - 8, 1))), 0);
      if (needed > lines) [lines, size] = [needed, cellSize];
    });
    if (lines > 1) ws.getRow(i + 1).height = lines * LINE_HEIGHT_PT * (size / DEFAULT_FONT.size);
  });
}

type StylesManager = { model?: { fonts: string[] }; map?: { font: { toXml(font: object): string } } };

/**
 * Makes the workbook's default style (font 0, which the Normal style and every unstyled cell use)
 * Sheets' Arial 10 instead of exceljs's hard-wired Calibri 11, by rewriting that font once exceljs
 * has prepared its styles. exceljs has no option for this; the test reads the default back.
 */
function useDefaultFont(workbook: ExcelJS.Workbook): void {
  const xlsx = workbook.xlsx as unknown as { prepareModel(model: { styles?: StylesManager }, options: unknown): void };
  const prepare = xlsx.prepareModel.bind(xlsx);
  xlsx.prepareModel = (model, options) => {
    prepare(model, options);
    const styles = model.styles;
    if (!styles?.model || !styles.map) return; // useStyles: false
    const xml = styles.map.font.toXml({ ...DEFAULT_FONT, family: 2, color: { theme: 1 } });
    if (styles.model.fonts.length) styles.model.fonts[0] = xml;
    else styles.model.fonts.push(xml);
  };
}

/** Builds the workbook: one worksheet per fake sheet, in order, the active sheet selected. */
export function spreadsheetToWorkbook(spreadsheet: FakeSpreadsheet): ExcelJS.Workbook {
  const raw = unwrapFake(spreadsheet);
  const snapshot = spreadsheetSnapshot(raw);
  const timeZone = raw._tz;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Customer Tiers';
  useDefaultFont(workbook);
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
