/** Range: values, formulas and formats of a rectangle of cells, its merges and its developer metadata. */
import { FakeProtection } from './protection';
import { displayValue } from './format';
import {
  type FakeDeveloperMetadata,
  FakeDeveloperMetadataFinder,
  type MetadataRange,
  type MetadataSheet,
  type MetadataSpreadsheet,
  type MetaLoc,
  type MetaRec,
} from './developerMetadata';
import { type Cell, type CellValue, columnLetter, fail, normalizeColor, type Rect } from './shared';

const DEFAULT_NUMBER_FORMAT = '0.###############';

// The sheet and spreadsheet are defined in files that import this one, so a range sees them
// through these interfaces (FakeSheet and FakeSpreadsheet implement them).

/** What a range needs of the spreadsheet. */
export interface RangeSpreadsheet extends MetadataSpreadsheet {
  readonly _tz: string;
  setActiveRange(range: FakeRange): FakeRange;
  _addMeta(loc: MetaLoc, key: string, value?: string | null, visibility?: string): unknown;
  _metaWhere(pred: (m: MetaRec) => boolean): FakeDeveloperMetadata[];
}

/** What a range needs of its sheet (also what conditional format rules and charts keep of a sheet). */
export interface RangeSheet extends MetadataSheet {
  readonly _ss: RangeSpreadsheet;
  readonly _name: string;
  _rows: (Cell | undefined)[][];
  _merges: Rect[];
  _protections: FakeProtection[];
  /** The sheet's filter range, if it has one. */
  _filter: Rect | null;
  _cell(r: number, c: number): Cell | undefined;
  _cellForWrite(r: number, c: number): Cell;
  _hasContent(cell: Cell | undefined): boolean;
  _setCellValue(cell: Cell, value: unknown): void;
  _readValue(cell: Cell | undefined, r: number, c: number): CellValue;
  _range(r: number, c: number, nr: number, nc: number, whole?: 'columns' | 'rows'): FakeRange;
}

/** A rectangle on a sheet, as rules and charts store their ranges. */
export interface SheetRange {
  sheet: RangeSheet;
  rect: Rect;
}

export class FakeRange implements MetadataRange {
  readonly _gasType = 'Range';
  constructor(
    readonly _sheet: RangeSheet,
    private readonly _r: Rect,
    readonly _whole?: 'columns' | 'rows',
  ) {
    this._r = { ..._r };
  }
  _rect(): Rect {
    return { ...this._r };
  }
  private get _tz() {
    return this._sheet._ss._tz;
  }
  private _grid<T>(fn: (cell: Cell | undefined, r: number, c: number) => T): T[][] {
    const { r, c, nr, nc } = this._r;
    const out: T[][] = [];
    for (let i = 0; i < nr; i++) {
      const row: T[] = [];
      const src = this._sheet._rows[r - 1 + i];
      for (let j = 0; j < nc; j++) row.push(fn(src?.[c - 1 + j], r + i, c + j));
      out.push(row);
    }
    return out;
  }
  /** Writes a 2-D array that must match the range's shape exactly, like Sheets. */
  private _write<T>(data: T[][], method: string, fn: (cell: Cell, v: T) => void) {
    if (!Array.isArray(data) || data.some((row) => !Array.isArray(row))) {
      fail(
        `The parameters (${Array.isArray(data) ? 'number[]' : typeof data}) don't match the method signature for SpreadsheetApp.Range.${method}.`,
      );
    }
    const { r, c, nr, nc } = this._r;
    if (data.length !== nr)
      fail(
        `The number of rows in the data does not match the number of rows in the range. The data has ${data.length} but the range has ${nr}.`,
      );
    for (const row of data) {
      if (row.length !== nc)
        fail(
          `The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${nc}.`,
        );
    }
    data.forEach((row, i) => row.forEach((v, j) => fn(this._sheet._cellForWrite(r + i, c + j), v)));
    return this;
  }
  private _fill(fn: (cell: Cell) => void) {
    const { r, c, nr, nc } = this._r;
    for (let i = 0; i < nr; i++) for (let j = 0; j < nc; j++) fn(this._sheet._cellForWrite(r + i, c + j));
    return this;
  }
  /** Like _fill but does not create cells that do not exist (for clearing a whole sheet). */
  private _each(fn: (cell: Cell) => void) {
    const { r, c, nr, nc } = this._r;
    for (let i = r; i < r + nr && i <= this._sheet._rows.length; i++) {
      const row = this._sheet._rows[i - 1];
      if (row) for (let j = c; j < c + nc && j <= row.length; j++) if (row[j - 1]) fn(row[j - 1] as Cell);
    }
    return this;
  }
  private _first<T>(fn: (cell: Cell | undefined) => T): T {
    return fn(this._sheet._cell(this._r.r, this._r.c));
  }
  _metadataLocation(): MetaLoc {
    const { r, c, nr, nc } = this._r;
    const s = this._sheet;
    if (r === 1 && nr === s._maxRows && nc === 1) return { type: 'COLUMN', sheetId: s._id, index: c };
    if (c === 1 && nc === s._maxCols && nr === 1) return { type: 'ROW', sheetId: s._id, index: r };
    return fail(
      'Adding developer metadata to arbitrary ranges is not currently supported. Developer metadata may only be added to the top-level spreadsheet, an individual sheet, or an entire row or column.',
    );
  }
  /** Metadata on rows/columns wholly inside this range (or intersecting it, for onIntersectingLocations). */
  private _metaInScope(m: MetaRec, intersecting: boolean): boolean {
    if ((m.loc.type !== 'COLUMN' && m.loc.type !== 'ROW') || m.loc.sheetId !== this._sheet._id) return false;
    const { r, c, nr, nc } = this._r;
    const [start, size, fullStart, fullSize, max] =
      m.loc.type === 'COLUMN' ? [c, nc, r, nr, this._sheet._maxRows] : [r, nr, c, nc, this._sheet._maxCols];
    const inSpan = m.loc.index >= start && m.loc.index < start + size;
    return inSpan && (intersecting || (fullStart === 1 && fullSize === max));
  }

  getSheet() {
    return this._sheet;
  }
  getRow() {
    return this._r.r;
  }
  getColumn() {
    return this._r.c;
  }
  getRowIndex() {
    return this._r.r;
  }
  getNumRows() {
    return this._r.nr;
  }
  getNumColumns() {
    return this._r.nc;
  }
  getHeight() {
    return this._r.nr;
  }
  getWidth() {
    return this._r.nc;
  }
  getLastRow() {
    return this._r.r + this._r.nr - 1;
  }
  getLastColumn() {
    return this._r.c + this._r.nc - 1;
  }
  getA1Notation() {
    const { r, c, nr, nc } = this._r;
    const s = this._sheet;
    if (this._whole === 'columns' && r === 1 && nr === s._maxRows) return `${columnLetter(c)}:${columnLetter(c + nc - 1)}`;
    if (this._whole === 'rows' && c === 1 && nc === s._maxCols) return `${r}:${r + nr - 1}`;
    const first = `${columnLetter(c)}${r}`;
    return nr === 1 && nc === 1 ? first : `${first}:${columnLetter(c + nc - 1)}${r + nr - 1}`;
  }
  getCell(row: number, column: number) {
    if (row < 1 || column < 1 || row > this._r.nr || column > this._r.nc) fail('Cell reference out of range');
    return this._sheet._range(this._r.r + row - 1, this._r.c + column - 1, 1, 1);
  }
  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number) {
    return this._sheet._range(this._r.r + rowOffset, this._r.c + columnOffset, numRows ?? this._r.nr, numColumns ?? this._r.nc);
  }
  activate() {
    this._sheet._ss.setActiveRange(this);
    return this;
  }

  getValues() {
    return this._grid((cell, r, c) => this._sheet._readValue(cell, r, c));
  }
  getValue() {
    return this._sheet._readValue(this._sheet._cell(this._r.r, this._r.c), this._r.r, this._r.c);
  }
  setValues(values: unknown[][]) {
    return this._write(values, 'setValues', (cell, v) => this._sheet._setCellValue(cell, v));
  }
  setValue(value: unknown) {
    return this._fill((cell) => this._sheet._setCellValue(cell, value));
  }
  getDisplayValues() {
    return this._grid((cell, r, c) => displayValue(this._sheet._readValue(cell, r, c), cell?.nf, this._tz));
  }
  getDisplayValue() {
    return this.getDisplayValues()[0][0];
  }
  getFormulas() {
    return this._grid((cell) => cell?.f ?? '');
  }
  getFormula() {
    return this._first((cell) => cell?.f ?? '');
  }
  setFormulas(formulas: string[][]) {
    return this._write(formulas, 'setFormulas', (cell, f) => this._sheet._setCellValue(cell, f));
  }
  setFormula(formula: string) {
    return this.setValue(formula);
  }
  isBlank() {
    return this._grid((cell) => this._sheet._hasContent(cell)).every((row) => row.every((x) => !x));
  }

  getBackgrounds() {
    return this._grid((cell) => cell?.bg ?? '#ffffff');
  }
  getBackground() {
    return this._first((cell) => cell?.bg ?? '#ffffff');
  }
  setBackgrounds(colors: (string | null)[][]) {
    return this._write(colors, 'setBackgrounds', (cell, v) => setOrDelete(cell, 'bg', normalizeColor(v)));
  }
  setBackground(color: string | null) {
    const v = normalizeColor(color);
    return this._fill((cell) => setOrDelete(cell, 'bg', v));
  }
  getFontColors() {
    return this._grid((cell) => cell?.fc ?? '#000000');
  }
  getFontColor() {
    return this._first((cell) => cell?.fc ?? '#000000');
  }
  setFontColors(colors: (string | null)[][]) {
    return this._write(colors, 'setFontColors', (cell, v) => setOrDelete(cell, 'fc', normalizeColor(v)));
  }
  setFontColor(color: string | null) {
    const v = normalizeColor(color);
    return this._fill((cell) => setOrDelete(cell, 'fc', v));
  }
  getFontWeights() {
    return this._grid((cell) => cell?.fw ?? 'normal');
  }
  getFontWeight() {
    return this._first((cell) => cell?.fw ?? 'normal');
  }
  setFontWeights(weights: (string | null)[][]) {
    return this._write(weights, 'setFontWeights', (cell, v) => setOrDelete(cell, 'fw', v === 'normal' ? null : v));
  }
  setFontWeight(weight: string | null) {
    return this._fill((cell) => setOrDelete(cell, 'fw', weight === 'normal' ? null : weight));
  }
  getFontStyles() {
    return this._grid((cell) => cell?.fs ?? 'normal');
  }
  setFontStyle(style: string | null) {
    return this._fill((cell) => setOrDelete(cell, 'fs', style === 'normal' ? null : style));
  }
  setFontSize(size: number) {
    return this._fill((cell) => setOrDelete(cell, 'size', size === 10 ? null : size));
  }
  getFontSizes() {
    return this._grid((cell) => cell?.size ?? 10);
  }
  getFontFamilies() {
    return this._grid((cell) => cell?.family ?? 'Arial');
  }
  setFontFamily(family: string | null) {
    return this._fill((cell) => setOrDelete(cell, 'family', family));
  }
  getNumberFormats() {
    return this._grid((cell) => cell?.nf ?? DEFAULT_NUMBER_FORMAT);
  }
  getNumberFormat() {
    return this._first((cell) => cell?.nf ?? DEFAULT_NUMBER_FORMAT);
  }
  setNumberFormats(formats: string[][]) {
    return this._write(formats, 'setNumberFormats', (cell, v) => setOrDelete(cell, 'nf', v));
  }
  setNumberFormat(format: string) {
    return this._fill((cell) => setOrDelete(cell, 'nf', format));
  }
  getHorizontalAlignments() {
    return this._grid((cell) => cell?.ha ?? 'general');
  }
  getHorizontalAlignment() {
    return this._first((cell) => cell?.ha ?? 'general');
  }
  setHorizontalAlignment(alignment: string | null) {
    return this._fill((cell) => setOrDelete(cell, 'ha', alignment));
  }
  setHorizontalAlignments(alignments: (string | null)[][]) {
    return this._write(alignments, 'setHorizontalAlignments', (cell, v) => setOrDelete(cell, 'ha', v));
  }
  setVerticalAlignment(alignment: string | null) {
    return this._fill((cell) => setOrDelete(cell, 'va', alignment));
  }
  getVerticalAlignments() {
    return this._grid((cell) => cell?.va ?? 'bottom');
  }
  getWraps() {
    return this._grid((cell) => cell?.wrap ?? false);
  }
  getWrap() {
    return this._first((cell) => cell?.wrap ?? false);
  }
  setWrap(isWrapEnabled: boolean) {
    return this._fill((cell) => setOrDelete(cell, 'wrap', isWrapEnabled ? true : null));
  }
  setWraps(wraps: boolean[][]) {
    return this._write(wraps, 'setWraps', (cell, v) => setOrDelete(cell, 'wrap', v ? true : null));
  }
  getNotes() {
    return this._grid((cell) => cell?.note ?? '');
  }
  getNote() {
    return this._first((cell) => cell?.note ?? '');
  }
  setNote(note: string | null) {
    return this._fill((cell) => setOrDelete(cell, 'note', note === null || note === '' ? null : String(note)));
  }
  setNotes(notes: (string | null)[][]) {
    return this._write(notes, 'setNotes', (cell, v) => setOrDelete(cell, 'note', v === null || v === '' ? null : String(v)));
  }
  clearNote() {
    return this.setNote(null);
  }
  setBorder(...args: unknown[]) {
    return this._fill((cell) => setOrDelete(cell, 'border', args.some((a) => a) ? args : null));
  }
  /** Rich text: the cell's text and its link (the only part of rich text the add-on uses). */
  getRichTextValues() {
    return this._grid((cell) => new FakeRichTextValue(cell?.v === undefined ? '' : String(cell.v), cell?.link ?? null));
  }
  getRichTextValue() {
    return this.getRichTextValues()[0][0];
  }
  setRichTextValues(values: FakeRichTextValue[][]) {
    return this._write(values, 'setRichTextValues', (cell, v) => {
      if (!(v instanceof FakeRichTextValue))
        fail("The parameters (String) don't match the method signature for SpreadsheetApp.Range.setRichTextValues.");
      cell.v = v.getText();
      delete cell.f;
      setOrDelete(cell, 'link', v.getLinkUrl());
    });
  }
  setRichTextValue(value: FakeRichTextValue) {
    return this.setRichTextValues([[value]]);
  }
  /** Protects this range (a sheet may hold several range protections, overlapping or not). */
  protect() {
    const protection = new FakeProtection(this._sheet, { ...this._r });
    this._sheet._protections.push(protection);
    return protection;
  }
  /** A filter over this range; a sheet has at most one, as in Sheets. */
  createFilter() {
    if (this._sheet._filter) fail('You cannot create a filter in a sheet that already has a filter.');
    this._sheet._filter = { ...this._r };
    return new FakeFilter(this._sheet);
  }
  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean }) {
    const contents = !options?.formatOnly || !!options?.contentsOnly;
    const formats = !options?.contentsOnly || !!options?.formatOnly;
    return this._each((cell) => {
      if (contents) {
        delete cell.v;
        delete cell.f;
        delete cell.link;
      }
      if (formats) for (const k of ['bg', 'fc', 'fw', 'fs', 'size', 'family', 'nf', 'ha', 'va', 'wrap', 'border'] as const) delete cell[k];
    });
  }
  clearContent() {
    return this.clear({ contentsOnly: true });
  }
  clearFormat() {
    return this.clear({ formatOnly: true });
  }
  merge() {
    this._sheet._merges.push(this._rect());
    return this;
  }
  mergeAcross() {
    for (let i = 0; i < this._r.nr; i++) this._sheet._merges.push({ ...this._r, r: this._r.r + i, nr: 1 });
    return this;
  }
  breakApart() {
    const { r, c, nr, nc } = this._r;
    this._sheet._merges = this._sheet._merges.filter((m) => m.r + m.nr <= r || m.r >= r + nr || m.c + m.nc <= c || m.c >= c + nc);
    return this;
  }
  isPartOfMerge() {
    const { r, c, nr, nc } = this._r;
    return this._sheet._merges.some((m) => !(m.r + m.nr <= r || m.r >= r + nr || m.c + m.nc <= c || m.c >= c + nc));
  }
  addDeveloperMetadata(key: string, value?: string | null, visibility?: string) {
    this._sheet._ss._addMeta(this._metadataLocation(), key, value, visibility);
    return this;
  }
  getDeveloperMetadata() {
    return this._sheet._ss._metaWhere((m) => this._metaInScope(m, false));
  }
  createDeveloperMetadataFinder() {
    return new FakeDeveloperMetadataFinder(this._sheet._ss, (m, i) => this._metaInScope(m, i));
  }
}

function setOrDelete<K extends keyof Cell>(cell: Cell, key: K, value: Cell[K] | null | undefined) {
  if (value === null || value === undefined) delete cell[key];
  else cell[key] = value;
}

/** A rich text value: its text and, where set, the link on all of it. */
export class FakeRichTextValue {
  constructor(
    private readonly _text: string,
    private readonly _link: string | null,
  ) {}
  getText() {
    return this._text;
  }
  getLinkUrl() {
    return this._link;
  }
}

export class FakeRichTextValueBuilder {
  private _text = '';
  private _link: string | null = null;
  setText(text: string) {
    this._text = String(text);
    return this;
  }
  setLinkUrl(link: string | null) {
    this._link = link;
    return this;
  }
  build() {
    return new FakeRichTextValue(this._text, this._link);
  }
}

/** A sheet's filter: the range it covers; remove() takes it off. */
export class FakeFilter {
  constructor(private readonly _sheet: { _filter: Rect | null; _range(r: number, c: number, nr: number, nc: number): FakeRange }) {}
  getRange() {
    const f = this._sheet._filter;
    if (!f) fail('The filter was removed.');
    return this._sheet._range(f.r, f.c, f.nr, f.nc);
  }
  remove() {
    this._sheet._filter = null;
  }
}
