/**
 * JSON-able snapshots of the fake spreadsheet, for comparing states ("running twice leaves the
 * same sheet as running once") and for showing results in the playground. Ids that change on
 * every run (chart ids, metadata ids) are left out on purpose.
 */
import { isDate } from './format';
import { unwrapFake } from './unwrap';
import { FakeRange, type RangeSheet } from './range';
import { columnLetter, type Rect } from './shared';
import type { FakeSheet } from './sheet';
import type { FakeSpreadsheet } from './spreadsheet';

/** Dates become { date: ISO string } so that snapshots survive JSON. */
export type SnapshotValue = string | number | boolean | { date: string };

export interface SheetSnapshot {
  name: string;
  index: number;
  maxRows: number;
  maxColumns: number;
  frozenRows: number;
  frozenColumns: number;
  hidden: boolean;
  tabColor: string | null;
  /** Grids cover A1 to the last row/column holding a value, a formula or any formatting. */
  values: SnapshotValue[][];
  formulas: string[][];
  backgrounds: string[][];
  fontColors: string[][];
  fontWeights: string[][];
  numberFormats: string[][];
  horizontalAlignments: string[][];
  verticalAlignments: string[][];
  /** Font family and size of each cell (Sheets' defaults: Arial, 10). */
  fontFamilies: string[][];
  fontSizes: number[][];
  wraps: boolean[][];
  notes: string[][];
  /** Link on each cell's text ('' for none). */
  links: string[][];
  /** The filter's range, or null. */
  filter: string | null;
  /** Columns whose width was set, by letter. */
  columnWidths: Record<string, number>;
  merges: string[];
  protections: { range: string; description: string; warningOnly: boolean }[];
  metadata: { key: string; value: string | null; visibility: string; location: string }[];
  rules: {
    ranges: string[];
    criteria: string | null;
    values: unknown[];
    background: string | null;
    fontColor: string | null;
    bold: boolean | null;
  }[];
  charts: { type: string; ranges: string[]; position: number[]; options: Record<string, unknown>; numHeaders: number }[];
}

const a1 = (sheet: RangeSheet, rect: Rect) => new FakeRange(sheet, rect).getA1Notation();
const jsonValue = (v: unknown): SnapshotValue => (isDate(v) ? { date: v.toISOString() } : (v as SnapshotValue));

export function sheetSnapshot(sheetOrProxy: FakeSheet): SheetSnapshot {
  const sheet = unwrapFake(sheetOrProxy);
  let rows = 0;
  let cols = 0;
  sheet._rows.forEach((row, i) =>
    row?.forEach((cell, j) => {
      if (cell && Object.keys(cell).length) {
        rows = Math.max(rows, i + 1);
        cols = Math.max(cols, j + 1);
      }
    }),
  );
  const grid = rows && cols ? new FakeRange(sheet, { r: 1, c: 1, nr: rows, nc: cols }) : null;
  const g = <T>(fn: (r: FakeRange) => T[][]): T[][] => (grid ? fn(grid) : []);
  const widths: Record<string, number> = {};
  sheet._widths.forEach((w, i) => {
    if (w !== undefined) widths[columnLetter(i + 1)] = w;
  });
  return {
    name: sheet._name,
    index: sheet.getIndex(),
    maxRows: sheet._maxRows,
    maxColumns: sheet._maxCols,
    frozenRows: sheet._frozenRows,
    frozenColumns: sheet._frozenCols,
    hidden: sheet._hidden,
    tabColor: sheet._tabColor,
    values: g((r) => r.getValues()).map((row) => row.map(jsonValue)),
    formulas: g((r) => r.getFormulas()),
    backgrounds: g((r) => r.getBackgrounds()),
    fontColors: g((r) => r.getFontColors()),
    fontWeights: g((r) => r.getFontWeights()),
    numberFormats: g((r) => r.getNumberFormats()),
    horizontalAlignments: g((r) => r.getHorizontalAlignments()),
    verticalAlignments: g((r) => r.getVerticalAlignments()),
    fontFamilies: g((r) => r.getFontFamilies()),
    fontSizes: g((r) => r.getFontSizes()),
    wraps: g((r) => r.getWraps()),
    notes: g((r) => r.getNotes()),
    links: g((r) => r.getRichTextValues().map((row) => row.map((v) => v.getLinkUrl() ?? ''))),
    filter: sheet._filter ? a1(sheet, sheet._filter) : null,
    columnWidths: widths,
    merges: sheet._merges.map((m) => a1(sheet, m)),
    protections: sheet._protections.map((p) => ({
      range: p._rect ? a1(sheet, p._rect) : 'SHEET',
      description: p._description,
      warningOnly: p._warningOnly,
    })),
    metadata: sheet._ss._metadata
      .filter((m) => m.loc.type !== 'SPREADSHEET' && m.loc.sheetId === sheet._id)
      .map((m) => ({
        key: m.key,
        value: m.value,
        visibility: m.visibility,
        location: m.loc.type === 'COLUMN' ? `COLUMN ${columnLetter(m.loc.index)}` : m.loc.type === 'ROW' ? `ROW ${m.loc.index}` : 'SHEET',
      })),
    rules: sheet._rules.map((d) => ({
      ranges: d.ranges.map((x) => a1(x.sheet, x.rect)),
      criteria: d.criteria,
      values: d.values.map(jsonValue),
      background: d.bg,
      fontColor: d.fc,
      bold: d.bold,
    })),
    charts: sheet._charts.map((d) => ({
      type: d.type,
      ranges: d.ranges.map((x) => `${x.sheet === sheet ? '' : `${x.sheet._name}!`}${a1(x.sheet, x.rect)}`),
      position: [...d.position],
      options: JSON.parse(JSON.stringify(d.options)),
      numHeaders: d.numHeaders,
    })),
  };
}

export interface SpreadsheetSnapshot {
  name: string;
  activeSheet: string;
  sheets: SheetSnapshot[];
  metadata: { key: string; value: string | null; visibility: string }[];
}

export function spreadsheetSnapshot(ssOrProxy: FakeSpreadsheet): SpreadsheetSnapshot {
  const ss = unwrapFake(ssOrProxy);
  return {
    name: ss._name,
    activeSheet: ss._active._name,
    sheets: ss._sheets.map(sheetSnapshot),
    metadata: ss._metadata
      .filter((m) => m.loc.type === 'SPREADSHEET')
      .map((m) => ({ key: m.key, value: m.value, visibility: m.visibility })),
  };
}
