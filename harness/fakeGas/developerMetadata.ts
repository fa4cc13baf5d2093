/**
 * Developer metadata (DeveloperMetadata, its location and finder). Records live in the
 * spreadsheet's `_metadata`; a location is the spreadsheet, a sheet, or a whole row or column, and
 * moves with inserted and deleted lines (FakeSheet._shift).
 */
import { fail } from './shared';

export type MetaLoc =
  | { type: 'SPREADSHEET' }
  | { type: 'SHEET'; sheetId: number }
  | { type: 'COLUMN' | 'ROW'; sheetId: number; index: number };
export interface MetaRec {
  id: number;
  key: string;
  value: string | null;
  visibility: string;
  loc: MetaLoc;
}

// The spreadsheet, sheets and ranges are defined in files that import this one, so metadata sees
// them through these interfaces (FakeSpreadsheet, FakeSheet and FakeRange implement them). The
// public getters listed are for callers of a location's getSpreadsheet/getSheet/getColumn/getRow.

/** What metadata needs of the spreadsheet that holds it. */
export interface MetadataSpreadsheet {
  _metadata: MetaRec[];
  _sheetById(id: number): MetadataSheet;
  getId(): string;
  getName(): string;
}

/** What metadata needs of a sheet. */
export interface MetadataSheet {
  readonly _id: number;
  _maxRows: number;
  _maxCols: number;
  _range(r: number, c: number, nr: number, nc: number, whole?: 'columns' | 'rows'): MetadataRange;
  getName(): string;
  getSheetId(): number;
}

/** What metadata needs of a range. */
export interface MetadataRange {
  _metadataLocation(): MetaLoc;
  getRow(): number;
  getColumn(): number;
  getNumRows(): number;
  getNumColumns(): number;
  getA1Notation(): string;
}

export class FakeDeveloperMetadata {
  readonly _gasType = 'DeveloperMetadata';
  constructor(
    private readonly _ss: MetadataSpreadsheet,
    readonly _rec: MetaRec,
  ) {}
  getId() {
    return this._rec.id;
  }
  getKey() {
    return this._rec.key;
  }
  getValue() {
    return this._rec.value;
  }
  getVisibility() {
    return this._rec.visibility;
  }
  setKey(key: string) {
    this._rec.key = requireKey(key);
    return this;
  }
  setValue(value: string) {
    this._rec.value = value === null || value === undefined ? null : String(value);
    return this;
  }
  setVisibility(visibility: string) {
    this._rec.visibility = String(visibility);
    return this;
  }
  remove() {
    this._ss._metadata = this._ss._metadata.filter((m) => m !== this._rec);
  }
  getLocation() {
    return new FakeDeveloperMetadataLocation(this._ss, this._rec.loc);
  }
  moveToColumn(column: MetadataRange) {
    this._rec.loc = column._metadataLocation();
    if (this._rec.loc.type !== 'COLUMN') fail('The range must be a single whole column.');
    return this;
  }
  moveToSheet(sheet: MetadataSheet) {
    this._rec.loc = { type: 'SHEET', sheetId: sheet._id };
    return this;
  }
  moveToSpreadsheet() {
    this._rec.loc = { type: 'SPREADSHEET' };
    return this;
  }
}

export class FakeDeveloperMetadataLocation {
  readonly _gasType = 'DeveloperMetadataLocation';
  constructor(
    private readonly _ss: MetadataSpreadsheet,
    private readonly _loc: MetaLoc,
  ) {}
  getLocationType() {
    return this._loc.type;
  }
  getSpreadsheet() {
    return this._ss;
  }
  getSheet() {
    return this._loc.type === 'SPREADSHEET' ? null : this._ss._sheetById(this._loc.sheetId);
  }
  getColumn() {
    if (this._loc.type !== 'COLUMN') return null;
    const sheet = this._ss._sheetById(this._loc.sheetId);
    return sheet._range(1, this._loc.index, sheet._maxRows, 1, 'columns');
  }
  getRow() {
    if (this._loc.type !== 'ROW') return null;
    const sheet = this._ss._sheetById(this._loc.sheetId);
    return sheet._range(this._loc.index, 1, 1, sheet._maxCols, 'rows');
  }
}

export class FakeDeveloperMetadataFinder {
  readonly _gasType = 'DeveloperMetadataFinder';
  private _filters: ((m: MetaRec) => boolean)[] = [];
  constructor(
    private readonly _ss: MetadataSpreadsheet,
    private _scope: (m: MetaRec, intersecting: boolean) => boolean,
  ) {}
  private _intersecting = false;
  withId(id: number) {
    this._filters.push((m) => m.id === id);
    return this;
  }
  withKey(key: string) {
    this._filters.push((m) => m.key === key);
    return this;
  }
  withValue(value: string) {
    this._filters.push((m) => m.value === value);
    return this;
  }
  withLocationType(type: string) {
    this._filters.push((m) => m.loc.type === String(type));
    return this;
  }
  withVisibility(visibility: string) {
    this._filters.push((m) => m.visibility === String(visibility));
    return this;
  }
  onIntersectingLocations() {
    this._intersecting = true;
    return this;
  }
  find() {
    return this._ss._metadata
      .filter((m) => this._scope(m, this._intersecting) && this._filters.every((f) => f(m)))
      .map((m) => new FakeDeveloperMetadata(this._ss, m));
  }
}

export function requireKey(key: unknown): string {
  if (typeof key !== 'string' || key === '') fail('Invalid argument: key');
  return key;
}
