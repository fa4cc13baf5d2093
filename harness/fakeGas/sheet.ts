/** Sheet: cells, size, frozen lines, column widths, and the rules, charts and metadata anchored to it. */
import { displayValue, isDate } from './format';
import { copyChart, type ChartData, FakeEmbeddedChart, FakeEmbeddedChartBuilder } from './charts';
import { copyRule, FakeConditionalFormatRule, type RuleData } from './conditionalFormat';
import { FakeDeveloperMetadataFinder } from './developerMetadata';
import { FakeProtection } from './protection';
import { FakeFilter, FakeRange, type RangeSheet, type RangeSpreadsheet } from './range';
import {
  type Cell,
  type CellValue,
  columnNumber,
  fail,
  normalizeColor,
  parseTyped,
  type Rect,
  type SpreadsheetEnv,
  shiftRect,
  shiftSpan,
} from './shared';

/**
 * What a sheet needs of its spreadsheet. FakeSpreadsheet (spreadsheet.ts, which imports this file)
 * implements it.
 */
export interface SheetSpreadsheet extends RangeSpreadsheet {
  readonly _env: SpreadsheetEnv;
  readonly _locale: string;
  readonly _sheets: FakeSheet[];
  readonly _active: FakeSheet;
  _nextChartId: number;
  _checkCells(extra: number): void;
  _sheetByName(name: string): FakeSheet | null;
  setActiveSheet(sheet: FakeSheet): FakeSheet;
  getActiveRange(): FakeRange;
}

export class FakeSheet implements RangeSheet {
  readonly _gasType = 'Sheet';
  _rows: (Cell | undefined)[][] = [];
  _frozenRows = 0;
  _filter: Rect | null = null;
  _frozenCols = 0;
  _widths: (number | undefined)[] = [];
  _rules: RuleData[] = [];
  _charts: ChartData[] = [];
  _merges: Rect[] = [];
  _protections: FakeProtection[] = [];
  _tabColor: string | null = null;
  _hidden = false;

  constructor(
    readonly _ss: SheetSpreadsheet,
    readonly _id: number,
    public _name: string,
    public _maxRows: number,
    public _maxCols: number,
  ) {}

  _cell(r: number, c: number): Cell | undefined {
    return this._rows[r - 1]?.[c - 1];
  }
  _cellForWrite(r: number, c: number): Cell {
    const row = (this._rows[r - 1] ??= []);
    return (row[c - 1] ??= {});
  }
  _hasContent(cell: Cell | undefined): boolean {
    return !!cell && (cell.f !== undefined || (cell.v !== undefined && cell.v !== ''));
  }
  _writeRows(rows: unknown[][]) {
    rows.forEach((row, i) => row.forEach((v, j) => this._setCellValue(this._cellForWrite(i + 1, j + 1), v)));
  }
  _setCellValue(cell: Cell, value: unknown) {
    delete cell.f;
    if (value === null || value === undefined || value === '') cell.v = '';
    else if (isDate(value)) cell.v = new Date(value.getTime());
    else if (typeof value === 'number') cell.v = Number.isFinite(value) ? value : '#NUM!';
    else if (typeof value === 'boolean') cell.v = value;
    else if (typeof value === 'string') {
      const parsed = parseTyped(value, cell.nf, this._ss._tz, this._ss._locale);
      cell.v = parsed.v;
      if (parsed.f !== undefined) cell.f = parsed.f;
      if (parsed.nf !== undefined) cell.nf = parsed.nf;
    } else cell.v = String(value);
  }
  _readValue(cell: Cell | undefined, r: number, c: number): CellValue {
    if (!cell) return '';
    if (cell.f !== undefined) {
      const evaluated = this._ss._env.evaluateFormula?.(cell.f, { sheet: this._name, row: r, column: c });
      return evaluated === undefined ? '#ERROR!' : (evaluated as CellValue);
    }
    const v = cell.v ?? '';
    return isDate(v) ? new Date(v.getTime()) : v;
  }
  _range(r: number, c: number, nr: number, nc: number, whole?: 'columns' | 'rows') {
    const bad = [r, c, nr, nc].find((x) => typeof x !== 'number' || !Number.isFinite(x));
    if (bad !== undefined)
      fail(
        `The parameters (${[r, c, nr, nc].map((x) => typeof x).join(',')}) don't match the method signature for SpreadsheetApp.Sheet.getRange.`,
      );
    [r, c, nr, nc] = [r, c, nr, nc].map(Math.floor);
    if (r < 1) fail('The starting row of the range is too small.');
    if (c < 1) fail('The starting column of the range is too small.');
    if (nr < 1) fail('The number of rows in the range must be at least 1.');
    if (nc < 1) fail('The number of columns in the range must be at least 1.');
    if (r + nr - 1 > this._maxRows || c + nc - 1 > this._maxCols)
      fail('The coordinates of the range are outside the dimensions of the sheet.');
    return new FakeRange(this, { r, c, nr, nc }, whole);
  }
  _parseA1(a1: string): FakeRange {
    const bang = a1.lastIndexOf('!');
    if (bang >= 0) {
      const name = a1
        .slice(0, bang)
        .replace(/^'(.*)'$/, '$1')
        .replace(/''/g, "'");
      if (name !== this._name) fail('Range not found');
      a1 = a1.slice(bang + 1);
    }
    const m = /^\$?([A-Za-z]*)\$?(\d*)(?::\$?([A-Za-z]*)\$?(\d*))?$/.exec(a1.trim());
    if (!m || (!m[1] && !m[2])) fail('Range not found');
    const [, c1, r1, c2 = c1, r2Raw] = m;
    const r2 = m[3] === undefined && r2Raw === undefined ? r1 : (r2Raw ?? '');
    if (!c1 !== !c2 || (!r1 && r2 && c1)) fail('Range not found');
    if (!c1) {
      const [a, b] = [Number(r1), Number(r2 || r1)].sort((x, y) => x - y);
      return this._range(a, 1, b - a + 1, this._maxCols, 'rows');
    }
    const [ca, cb] = [columnNumber(c1), columnNumber(c2)].sort((x, y) => x - y);
    if (!r1 || !r2) {
      const start = r1 ? Number(r1) : 1;
      return this._range(start, ca, this._maxRows - start + 1, cb - ca + 1, start === 1 ? 'columns' : undefined);
    }
    const [ra, rb] = [Number(r1), Number(r2)].sort((x, y) => x - y);
    return this._range(ra, ca, rb - ra + 1, cb - ca + 1);
  }
  _lastRow() {
    for (let r = this._rows.length; r >= 1; r--) if (this._rows[r - 1]?.some((cell) => this._hasContent(cell))) return r;
    return 0;
  }
  _lastCol() {
    let last = 0;
    for (const row of this._rows)
      if (row)
        for (let c = row.length; c > last; c--)
          if (this._hasContent(row[c - 1])) {
            last = c;
            break;
          }
    return last;
  }
  /** Inserts (count > 0) before line `at` or deletes (count < 0) from `at`, moving everything anchored to lines. */
  _shift(dim: 'row' | 'col', at: number, count: number) {
    if (count > 0) this._ss._checkCells(dim === 'row' ? count * this._maxCols : count * this._maxRows);
    const holes = (n: number) => new Array(n);
    if (dim === 'row') {
      if (this._rows.length >= at) count > 0 ? this._rows.splice(at - 1, 0, ...holes(count)) : this._rows.splice(at - 1, -count);
      this._maxRows += count;
    } else {
      for (const row of this._rows) {
        if (row && row.length >= at) count > 0 ? row.splice(at - 1, 0, ...holes(count)) : row.splice(at - 1, -count);
      }
      if (this._widths.length >= at) count > 0 ? this._widths.splice(at - 1, 0, ...holes(count)) : this._widths.splice(at - 1, -count);
      this._maxCols += count;
    }
    const keepRect = (rect: Rect) => shiftRect(rect, dim, at, count);
    this._merges = this._merges.filter(keepRect);
    this._protections = this._protections.filter((p) => !p._rect || keepRect(p._rect));
    for (const rule of this._rules) rule.ranges = rule.ranges.filter((x) => keepRect(x.rect));
    for (const sheet of this._ss._sheets)
      for (const chart of sheet._charts) chart.ranges = chart.ranges.filter((x) => x.sheet !== this || keepRect(x.rect));
    const locType = dim === 'row' ? 'ROW' : 'COLUMN';
    this._ss._metadata = this._ss._metadata.filter((m) => {
      if (m.loc.type !== locType || m.loc.sheetId !== this._id) return true;
      const moved = shiftSpan(m.loc.index, 1, at, count);
      if (moved) m.loc.index = moved[0];
      return moved !== null;
    });
    if (dim === 'row') this._frozenRows = Math.min(this._frozenRows, this._maxRows);
  }
  _checkLine(n: number, what: 'row' | 'column', max: number) {
    if (!Number.isInteger(n) || n < 1 || n > max) fail(`Those ${what}s are out of bounds.`);
  }
  _checkCount(n: number) {
    if (!Number.isInteger(n) || n < 1) fail('The number of rows or columns to insert must be at least 1.');
  }

  getName() {
    return this._name;
  }
  setName(name: string) {
    const other = this._ss._sheetByName(name);
    if (other && other !== this) fail(`A sheet with the name "${name}" already exists. Please enter another name.`);
    this._name = name;
    return this;
  }
  getSheetName() {
    return this._name;
  }
  getSheetId() {
    return this._id;
  }
  getIndex() {
    return this._ss._sheets.indexOf(this) + 1;
  }
  getParent() {
    return this._ss;
  }
  getRange(a1OrRow: string | number, column?: number, numRows?: number, numColumns?: number) {
    if (typeof a1OrRow === 'string') return this._parseA1(a1OrRow);
    return this._range(a1OrRow, column as number, numRows ?? 1, numColumns ?? 1);
  }
  getDataRange() {
    return this._range(1, 1, Math.max(1, this._lastRow()), Math.max(1, this._lastCol()));
  }
  getSheetValues(row: number, column: number, numRows: number, numColumns: number) {
    return this._range(
      row,
      column,
      numRows === -1 ? Math.max(1, this._lastRow() - row + 1) : numRows,
      numColumns === -1 ? Math.max(1, this._lastCol() - column + 1) : numColumns,
    ).getValues();
  }
  getLastRow() {
    return this._lastRow();
  }
  getLastColumn() {
    return this._lastCol();
  }
  getMaxRows() {
    return this._maxRows;
  }
  getMaxColumns() {
    return this._maxCols;
  }
  appendRow(rowContents: unknown[]) {
    const r = this._lastRow() + 1;
    if (r > this._maxRows) this._shift('row', this._maxRows + 1, 1);
    if (rowContents.length > this._maxCols) this._shift('col', this._maxCols + 1, rowContents.length - this._maxCols);
    rowContents.forEach((v, j) => this._setCellValue(this._cellForWrite(r, j + 1), v));
    return this;
  }
  insertColumnsAfter(afterPosition: number, howMany: number) {
    this._checkLine(afterPosition, 'column', this._maxCols);
    this._checkCount(howMany);
    this._shift('col', afterPosition + 1, howMany);
    return this;
  }
  insertColumnsBefore(beforePosition: number, howMany: number) {
    this._checkLine(beforePosition, 'column', this._maxCols);
    this._checkCount(howMany);
    this._shift('col', beforePosition, howMany);
    return this;
  }
  insertColumnAfter(afterPosition: number) {
    return this.insertColumnsAfter(afterPosition, 1);
  }
  insertColumnBefore(beforePosition: number) {
    return this.insertColumnsBefore(beforePosition, 1);
  }
  insertColumns(columnIndex: number, numColumns = 1) {
    this.insertColumnsBefore(columnIndex, numColumns);
  }
  insertRowsAfter(afterPosition: number, howMany: number) {
    this._checkLine(afterPosition, 'row', this._maxRows);
    this._checkCount(howMany);
    this._shift('row', afterPosition + 1, howMany);
    return this;
  }
  insertRowsBefore(beforePosition: number, howMany: number) {
    this._checkLine(beforePosition, 'row', this._maxRows);
    this._checkCount(howMany);
    this._shift('row', beforePosition, howMany);
    return this;
  }
  insertRowAfter(afterPosition: number) {
    return this.insertRowsAfter(afterPosition, 1);
  }
  insertRowBefore(beforePosition: number) {
    return this.insertRowsBefore(beforePosition, 1);
  }
  insertRows(rowIndex: number, numRows = 1) {
    this.insertRowsBefore(rowIndex, numRows);
  }
  deleteColumns(columnPosition: number, howMany: number) {
    this._checkLine(columnPosition, 'column', this._maxCols);
    this._checkLine(columnPosition + howMany - 1, 'column', this._maxCols);
    if (howMany >= this._maxCols) fail("You can't delete all the columns on the sheet.");
    this._shift('col', columnPosition, -howMany);
  }
  deleteColumn(columnPosition: number) {
    this.deleteColumns(columnPosition, 1);
    return this;
  }
  deleteRows(rowPosition: number, howMany: number) {
    this._checkLine(rowPosition, 'row', this._maxRows);
    this._checkLine(rowPosition + howMany - 1, 'row', this._maxRows);
    if (howMany >= this._maxRows) fail("You can't delete all the rows on the sheet.");
    this._shift('row', rowPosition, -howMany);
  }
  deleteRow(rowPosition: number) {
    this.deleteRows(rowPosition, 1);
    return this;
  }
  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean }) {
    this._range(1, 1, this._maxRows, this._maxCols).clear(options);
    return this;
  }
  clearContents() {
    return this.clear({ contentsOnly: true });
  }
  clearFormats() {
    return this.clear({ formatOnly: true });
  }
  clearNotes() {
    for (const row of this._rows) for (const cell of row ?? []) if (cell) delete cell.note;
    return this;
  }
  /** Protects the whole sheet. */
  protect() {
    const protection = new FakeProtection(this, null);
    this._protections.push(protection);
    return protection;
  }
  getProtections(type: string) {
    return this._protections.filter((p) => p.getProtectionType() === type);
  }
  clearConditionalFormatRules() {
    this._rules = [];
  }
  setFrozenRows(rows: number) {
    if (rows < 0 || rows >= this._maxRows) fail('Sorry, it is not possible to freeze all rows.');
    this._frozenRows = rows;
  }
  getFrozenRows() {
    return this._frozenRows;
  }
  setFrozenColumns(columns: number) {
    this._frozenCols = columns;
  }
  getFrozenColumns() {
    return this._frozenCols;
  }
  setColumnWidth(columnPosition: number, width: number) {
    this._widths[columnPosition - 1] = width;
    return this;
  }
  setColumnWidths(startColumn: number, numColumns: number, width: number) {
    for (let c = startColumn; c < startColumn + numColumns; c++) this._widths[c - 1] = width;
    return this;
  }
  getColumnWidth(columnPosition: number) {
    return this._widths[columnPosition - 1] ?? 100;
  }
  /** Estimates the width of the longest displayed text (about 7 px per character). */
  autoResizeColumns(startColumn: number, numColumns: number) {
    const tz = this._ss._tz;
    for (let c = startColumn; c < startColumn + numColumns; c++) {
      let chars = 0;
      for (const row of this._rows) {
        const cell = row?.[c - 1];
        if (cell) chars = Math.max(chars, displayValue(cell.f ? '#ERROR!' : cell.v, cell.nf, tz).length);
      }
      this._widths[c - 1] = Math.max(21, Math.min(1000, chars * 7 + 10));
    }
    return this;
  }
  autoResizeColumn(columnPosition: number) {
    return this.autoResizeColumns(columnPosition, 1);
  }
  getConditionalFormatRules() {
    return this._rules.map((d) => new FakeConditionalFormatRule(copyRule(d)));
  }
  /** Replaces ALL rules of the sheet, as in Sheets. */
  setConditionalFormatRules(rules: FakeConditionalFormatRule[]) {
    if (!Array.isArray(rules)) fail("The parameters don't match the method signature for SpreadsheetApp.Sheet.setConditionalFormatRules.");
    for (const rule of rules) {
      if (!(rule instanceof FakeConditionalFormatRule)) fail('Invalid argument: rules');
      if (rule._d.ranges.some((x) => x.sheet !== this)) fail('The conditional format rule cannot reference a different sheet.');
    }
    this._rules = rules.map((rule) => copyRule(rule._d));
  }
  newChart() {
    return new FakeEmbeddedChartBuilder(this);
  }
  insertChart(chart: FakeEmbeddedChart) {
    if (chart._d.id !== null && this._charts.some((c) => c.id === chart._d.id))
      fail('This chart is already in the sheet; use updateChart.');
    chart._d.id = this._ss._nextChartId++;
    this._charts.push(copyChart(chart._d));
  }
  updateChart(chart: FakeEmbeddedChart) {
    const i = this._charts.findIndex((c) => c.id !== null && c.id === chart._d.id);
    if (i < 0) fail('Chart not found. Insert it with insertChart first.');
    this._charts[i] = copyChart(chart._d);
  }
  removeChart(chart: FakeEmbeddedChart) {
    this._charts = this._charts.filter((c) => c.id !== chart._d.id);
  }
  getCharts() {
    return this._charts.map((d) => new FakeEmbeddedChart(this, copyChart(d)));
  }
  addDeveloperMetadata(key: string, value?: string | null, visibility?: string) {
    this._ss._addMeta({ type: 'SHEET', sheetId: this._id }, key, value, visibility);
    return this;
  }
  getDeveloperMetadata() {
    return this._ss._metaWhere((m) => m.loc.type === 'SHEET' && m.loc.sheetId === this._id);
  }
  createDeveloperMetadataFinder() {
    return new FakeDeveloperMetadataFinder(this._ss, (m) => m.loc.type !== 'SPREADSHEET' && m.loc.sheetId === this._id);
  }
  activate() {
    this._ss.setActiveSheet(this);
    return this;
  }
  setActiveRange(range: FakeRange) {
    return this._ss.setActiveRange(range);
  }
  getActiveRange() {
    return this._ss._active === this ? this._ss.getActiveRange() : this._range(1, 1, 1, 1);
  }
  setTabColor(color: string | null) {
    this._tabColor = normalizeColor(color);
    return this;
  }
  getTabColor() {
    return this._tabColor;
  }
  getFilter() {
    return this._filter ? new FakeFilter(this) : null;
  }
  hideSheet() {
    if (this._ss._sheets.filter((s) => !s._hidden && s !== this).length === 0) fail("You can't hide all the sheets in a document.");
    this._hidden = true;
    return this;
  }
  showSheet() {
    this._hidden = false;
    return this;
  }
  isSheetHidden() {
    return this._hidden;
  }
}
