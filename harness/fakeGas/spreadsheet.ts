/**
 * Spreadsheet: its sheets, the active sheet and range, developer metadata and toasts; the entry
 * point of the in-memory Spreadsheet service (see shared.ts for how the files are split).
 */
import type { FakeProtection } from './protection';
import type { FakeChartOptions, FakeContainerInfo, FakeEmbeddedChart, FakeEmbeddedChartBuilder } from './charts';
import type { FakeBooleanCondition, FakeConditionalFormatRule, FakeConditionalFormatRuleBuilder } from './conditionalFormat';
import {
  FakeDeveloperMetadata,
  FakeDeveloperMetadataFinder,
  type FakeDeveloperMetadataLocation,
  type MetaLoc,
  type MetaRec,
  requireKey,
} from './developerMetadata';
import { FakeRange } from './range';
import { FakeSheet, type SheetSpreadsheet } from './sheet';
import { fail, type OnlyGasKeys, type Rect, type SpreadsheetEnv } from './shared';

const MAX_CELLS = 10_000_000;

export interface SpreadsheetOptions {
  name?: string;
  id?: string;
  locale?: string;
  timeZone?: string;
  /** Initial sheets: name -> rows of values (written as if typed, so '123' becomes a number). */
  sheets?: Record<string, unknown[][]>;
}

export class FakeSpreadsheet implements SheetSpreadsheet {
  readonly _gasType = 'Spreadsheet';
  _sheets: FakeSheet[] = [];
  _active!: FakeSheet;
  _activeRange: Rect | null = null;
  _metadata: MetaRec[] = [];
  _nextMetaId = 1;
  _nextSheetId = 0;
  _nextChartId = 1;
  _name: string;
  _id: string;
  _locale: string;
  _tz: string;

  constructor(
    readonly _env: SpreadsheetEnv,
    options: SpreadsheetOptions = {},
  ) {
    this._name = options.name ?? 'Customers';
    this._id = options.id ?? '1FakeSpreadsheetId0123456789';
    this._locale = options.locale ?? 'en_US';
    this._tz = options.timeZone ?? 'Etc/UTC';
    const initial = options.sheets ?? { Sheet1: [] };
    for (const [name, rows] of Object.entries(initial)) {
      const sheet = this._addSheet(name, this._sheets.length, Math.max(1000, rows.length), Math.max(26, ...rows.map((r) => r.length)));
      if (rows.length) sheet._writeRows(rows);
    }
    if (!this._sheets.length) this._addSheet('Sheet1', 0);
    this._active = this._sheets[0];
  }

  _addSheet(name: string, index: number, rows = 1000, cols = 26): FakeSheet {
    if (this._sheetByName(name)) fail(`A sheet with the name "${name}" already exists. Please enter another name.`);
    this._checkCells(rows * cols);
    const sheet = new FakeSheet(this, this._nextSheetId, name, rows, cols);
    this._nextSheetId = this._nextSheetId === 0 ? 1_000_001 : this._nextSheetId + 7919;
    this._sheets.splice(Math.max(0, Math.min(index, this._sheets.length)), 0, sheet);
    return sheet;
  }
  _checkCells(extra: number) {
    const total = this._sheets.reduce((n, s) => n + s._maxRows * s._maxCols, 0) + extra;
    if (total > MAX_CELLS) fail(`This action would increase the number of cells in the workbook above the limit of ${MAX_CELLS} cells.`);
  }
  _sheetByName(name: string) {
    return this._sheets.find((s) => s._name === name) ?? null;
  }
  _sheetById(id: number) {
    return this._sheets.find((s) => s._id === id) ?? fail(`Sheet ${id} not found.`);
  }

  getId() {
    return this._id;
  }
  getName() {
    return this._name;
  }
  rename(name: string) {
    this._name = name;
  }
  getUrl() {
    return `https://docs.google.com/spreadsheets/d/${this._id}/edit`;
  }
  getSpreadsheetLocale() {
    return this._locale;
  }
  setSpreadsheetLocale(locale: string) {
    this._locale = locale;
  }
  getSpreadsheetTimeZone() {
    return this._tz;
  }
  setSpreadsheetTimeZone(tz: string) {
    this._tz = tz;
  }
  getSheets() {
    return [...this._sheets];
  }
  getNumSheets() {
    return this._sheets.length;
  }
  getSheetByName(name: string) {
    return this._sheetByName(name);
  }
  getSheetById(id: number) {
    return this._sheets.find((s) => s._id === id) ?? null;
  }
  getActiveSheet() {
    return this._active;
  }
  setActiveSheet(sheet: FakeSheet) {
    this._active = sheet;
    this._activeRange = null;
    return sheet;
  }
  getActiveRange() {
    return new FakeRange(this._active, this._activeRange ?? { r: 1, c: 1, nr: 1, nc: 1 });
  }
  setActiveRange(range: FakeRange) {
    this._active = range._sheet as FakeSheet; // a range's sheet is always a FakeSheet (range.ts only knows its interface)
    this._activeRange = range._rect();
    return range;
  }
  getCurrentCell() {
    const r = this.getActiveRange();
    return new FakeRange(r._sheet, { ...r._rect(), nr: 1, nc: 1 });
  }
  /** insertSheet(), insertSheet(index), insertSheet(name), insertSheet(name, index). The new sheet becomes active. */
  insertSheet(nameOrIndex?: string | number, index?: number) {
    let name = typeof nameOrIndex === 'string' ? nameOrIndex : undefined;
    const at = typeof nameOrIndex === 'number' ? nameOrIndex : (index ?? this._sheets.length);
    for (let n = this._sheets.length + 1; name === undefined; n++) if (!this._sheetByName(`Sheet${n}`)) name = `Sheet${n}`;
    const sheet = this._addSheet(name, at);
    this._active = sheet;
    return sheet;
  }
  deleteSheet(sheet: FakeSheet) {
    if (this._sheets.length === 1) fail("You can't remove all the sheets in a document.");
    this._sheets = this._sheets.filter((s) => s !== sheet);
    this._metadata = this._metadata.filter((m) => m.loc.type === 'SPREADSHEET' || m.loc.sheetId !== sheet._id);
    if (this._active === sheet) this._active = this._sheets[0];
  }
  getRange(a1: string) {
    const m = /^(?:'((?:[^']|'')+)'|([^!']+))!(.+)$/.exec(a1);
    if (!m) return this._active.getRange(a1);
    const name = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
    const sheet = this._sheetByName(name) ?? fail('Range not found');
    return sheet.getRange(m[3]);
  }
  toast(message: string, title?: string, timeoutSeconds?: number) {
    this._env.onToast(String(message), title === undefined ? '' : String(title), timeoutSeconds ?? 5);
  }
  addDeveloperMetadata(key: string, value?: string | null, visibility?: string) {
    return this._addMeta({ type: 'SPREADSHEET' }, key, value, visibility);
  }
  getDeveloperMetadata() {
    return this._metaWhere((m) => m.loc.type === 'SPREADSHEET');
  }
  createDeveloperMetadataFinder() {
    return new FakeDeveloperMetadataFinder(this, () => true);
  }
  _addMeta(loc: MetaLoc, key: string, value?: string | null, visibility?: string) {
    // addDeveloperMetadata(key, visibility) is also an overload: a visibility enum in the value slot.
    if (visibility === undefined && (value === 'DOCUMENT' || value === 'PROJECT')) [value, visibility] = [null, value];
    const rec: MetaRec = {
      id: this._nextMetaId++,
      key: requireKey(key),
      value: value === undefined || value === null ? null : String(value),
      visibility: visibility === undefined ? 'DOCUMENT' : String(visibility),
      loc,
    };
    this._metadata.push(rec);
    return this;
  }
  _metaWhere(pred: (m: MetaRec) => boolean) {
    return this._metadata.filter(pred).map((m) => new FakeDeveloperMetadata(this, m));
  }
}

// Compile-time proof that every public member is a real Apps Script member of the same class.
export const typeChecks: [
  OnlyGasKeys<FakeSpreadsheet, GoogleAppsScript.Spreadsheet.Spreadsheet>,
  OnlyGasKeys<FakeSheet, GoogleAppsScript.Spreadsheet.Sheet>,
  OnlyGasKeys<FakeRange, GoogleAppsScript.Spreadsheet.Range>,
  OnlyGasKeys<FakeDeveloperMetadata, GoogleAppsScript.Spreadsheet.DeveloperMetadata>,
  OnlyGasKeys<FakeDeveloperMetadataFinder, GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder>,
  OnlyGasKeys<FakeDeveloperMetadataLocation, GoogleAppsScript.Spreadsheet.DeveloperMetadataLocation>,
  OnlyGasKeys<FakeConditionalFormatRuleBuilder, GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder>,
  OnlyGasKeys<FakeConditionalFormatRule, GoogleAppsScript.Spreadsheet.ConditionalFormatRule>,
  OnlyGasKeys<FakeBooleanCondition, GoogleAppsScript.Spreadsheet.BooleanCondition>,
  OnlyGasKeys<
    FakeEmbeddedChartBuilder,
    GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder &
      GoogleAppsScript.Spreadsheet.EmbeddedColumnChartBuilder &
      GoogleAppsScript.Spreadsheet.EmbeddedLineChartBuilder &
      GoogleAppsScript.Spreadsheet.EmbeddedComboChartBuilder
  >,
  OnlyGasKeys<FakeEmbeddedChart, GoogleAppsScript.Spreadsheet.EmbeddedChart & { getId(): string; getType(): string }>,
  OnlyGasKeys<FakeChartOptions, GoogleAppsScript.Charts.ChartOptions & { getOrDefault(k: string): unknown }>,
  OnlyGasKeys<FakeContainerInfo, GoogleAppsScript.Spreadsheet.ContainerInfo>,
  OnlyGasKeys<FakeProtection, GoogleAppsScript.Spreadsheet.Protection>,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true, true];
