/**
 * In-memory Spreadsheet service: spreadsheet, sheets, ranges, developer metadata, conditional
 * format rules and embedded charts, with Sheets' semantics where the add-on depends on them
 * (typed-in strings turning into numbers/formulas, range shapes, metadata and rule ranges moving
 * when columns or rows are inserted or deleted, setConditionalFormatRules replacing all rules).
 *
 * Conventions: members starting with `_` are fake internals, never visible to the add-on (the call
 * counting proxy in index.ts hides them); every other member is a real Apps Script name, checked
 * at compile time by `OnlyGasKeys` below.
 */
import { displayValue, isDate, zonedTime } from './format';

type PublicKeys<T> = Exclude<keyof T, `_${string}`>;
/** `true` only if every public member of Fake is also a member of the Apps Script type Gas. */
export type OnlyGasKeys<Fake, Gas> = [Exclude<PublicKeys<Fake>, keyof Gas>] extends [never]
  ? true
  : { notInAppsScript: Exclude<PublicKeys<Fake>, keyof Gas> };

/** A cell value as Sheets returns it: blank is ''. */
export type CellValue = number | string | boolean | Date;

interface Cell {
  v?: CellValue;
  f?: string;
  bg?: string;
  fc?: string;
  fw?: string;
  fs?: string;
  size?: number;
  family?: string;
  nf?: string;
  note?: string;
  ha?: string;
  va?: string;
  wrap?: boolean;
  border?: unknown[];
}

/** 1-based rectangle on one sheet. */
export interface Rect {
  r: number;
  c: number;
  nr: number;
  nc: number;
}

export const BooleanCriteria = enumOf(
  'CELL_EMPTY',
  'CELL_NOT_EMPTY',
  'DATE_AFTER',
  'DATE_BEFORE',
  'DATE_EQUAL_TO',
  'NUMBER_BETWEEN',
  'NUMBER_EQUAL_TO',
  'NUMBER_GREATER_THAN',
  'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  'NUMBER_LESS_THAN',
  'NUMBER_LESS_THAN_OR_EQUAL_TO',
  'NUMBER_NOT_BETWEEN',
  'NUMBER_NOT_EQUAL_TO',
  'TEXT_CONTAINS',
  'TEXT_DOES_NOT_CONTAIN',
  'TEXT_EQUAL_TO',
  'TEXT_STARTS_WITH',
  'TEXT_ENDS_WITH',
  'CUSTOM_FORMULA',
);
export const ChartType = enumOf(
  'TIMELINE',
  'AREA',
  'BAR',
  'BUBBLE',
  'CANDLESTICK',
  'COLUMN',
  'COMBO',
  'GAUGE',
  'GEO',
  'HISTOGRAM',
  'RADAR',
  'LINE',
  'ORG',
  'PIE',
  'SCATTER',
  'SPARKLINE',
  'STEPPED_AREA',
  'TABLE',
  'TREEMAP',
  'WATERFALL',
);

/** An Apps Script-like enum: NAME -> 'NAME' (compares with == and prints its name). */
export function enumOf<K extends string>(...names: K[]): { readonly [P in K]: P } {
  return Object.freeze(Object.fromEntries(names.map((n) => [n, n]))) as { readonly [P in K]: P };
}

export interface SpreadsheetEnv {
  /** Called by Spreadsheet.toast. */
  onToast(message: string, title: string, timeoutSeconds: number): void;
  /** Optional formula evaluator; without one a formula cell reads as '#ERROR!'. */
  evaluateFormula?: (formula: string, at: { sheet: string; row: number; column: number }) => unknown;
}

const MAX_CELLS = 10_000_000;
const DEFAULT_NUMBER_FORMAT = '0.###############';
const NAMED_COLORS: Record<string, string> = {
  white: '#ffffff',
  black: '#000000',
  red: '#ff0000',
  green: '#008000',
  blue: '#0000ff',
  yellow: '#ffff00',
  orange: '#ffa500',
  gray: '#808080',
  grey: '#808080',
  purple: '#800080',
};

function fail(message: string): never {
  throw new Error(message);
}

/** Sheets stores colours as lower-case #rrggbb; null or '' resets to the default. */
export function normalizeColor(color: unknown): string | null {
  if (color === null || color === undefined || color === '') return null;
  const c = String(color).trim().toLowerCase();
  if (NAMED_COLORS[c]) return NAMED_COLORS[c];
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(c);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`;
  return c;
}

export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** Moves a 1-D span when `count` lines are inserted before line `at` (count > 0) or deleted from `at` (count < 0). */
function shiftSpan(start: number, size: number, at: number, count: number): [number, number] | null {
  if (count > 0) {
    if (start >= at) return [start + count, size];
    return start + size - 1 >= at ? [start, size + count] : [start, size];
  }
  const delEnd = at - count - 1;
  const end = start + size - 1;
  const removed = Math.max(0, Math.min(end, delEnd) - Math.max(start, at) + 1);
  if (size - removed <= 0) return null;
  return [start > delEnd ? start + count : Math.min(start, at), size - removed];
}

function shiftRect(rect: Rect, dim: 'row' | 'col', at: number, count: number): boolean {
  const [startKey, sizeKey] = dim === 'row' ? (['r', 'nr'] as const) : (['c', 'nc'] as const);
  const moved = shiftSpan(rect[startKey], rect[sizeKey], at, count);
  if (!moved) return false;
  [rect[startKey], rect[sizeKey]] = moved;
  return true;
}

const NUMERIC = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;
const GROUPED = /^\s*[+-]?\d{1,3}(,\d{3})+(\.\d+)?\s*$/;
const PERCENT = /^\s*([+-]?(\d+\.?\d*|\.\d+))\s*%\s*$/;
const ISO_DATE = /^\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*$/;
/** M/d/yyyy, read as a date only in en_US spreadsheets (elsewhere d/M/yyyy; both as in Sheets). */
const SLASH_DATE = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/;

/** What Sheets stores when a string is typed (or written with setValue) into a cell. */
function parseTyped(s: string, numberFormat: string | undefined, tz: string, locale: string): { v: CellValue; f?: string; nf?: string } {
  // In a plain-text cell the text is kept as written, a leading apostrophe included (Sheets may
  // keep it: Google does not document either way), so writers must not add one there.
  if (numberFormat === '@') return { v: s };
  if (s.startsWith("'")) return { v: s.slice(1) };
  if (NUMERIC.test(s)) return { v: Number(s) };
  if (GROUPED.test(s)) return { v: Number(s.replace(/,/g, '')) };
  const pct = PERCENT.exec(s);
  if (pct) return { v: Number(pct[1]) / 100, nf: numberFormat ?? '0%' };
  if (/^=./s.test(s) || /^[+-]./s.test(s)) return { v: '', f: s.startsWith('=') ? s : `=${s}` };
  if (/^(true|false)$/i.test(s.trim())) return { v: s.trim().toLowerCase() === 'true' };
  const iso = ISO_DATE.exec(s);
  if (iso) {
    const [y, M, d, H, m, sec] = iso.slice(1).map((x) => Number(x ?? 0));
    if (M >= 1 && M <= 12 && d >= 1 && d <= 31) return { v: zonedTime(y, M, d, H, m, sec, tz) };
  }
  const slash = SLASH_DATE.exec(s);
  if (slash) {
    const [a, b, y] = slash.slice(1).map(Number);
    const [M, d] = locale === 'en_US' ? [a, b] : [b, a];
    if (M >= 1 && M <= 12 && d >= 1 && d <= 31) return { v: zonedTime(y, M, d, 0, 0, 0, tz) };
  }
  return { v: s };
}

// ---------------------------------------------------------------- developer metadata

type MetaLoc = { type: 'SPREADSHEET' } | { type: 'SHEET'; sheetId: number } | { type: 'COLUMN' | 'ROW'; sheetId: number; index: number };
interface MetaRec {
  id: number;
  key: string;
  value: string | null;
  visibility: string;
  loc: MetaLoc;
}

export class FakeDeveloperMetadata {
  readonly _gasType = 'DeveloperMetadata';
  constructor(
    private readonly _ss: FakeSpreadsheet,
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
  moveToColumn(column: FakeRange) {
    this._rec.loc = column._metadataLocation();
    if (this._rec.loc.type !== 'COLUMN') fail('The range must be a single whole column.');
    return this;
  }
  moveToSheet(sheet: FakeSheet) {
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
    private readonly _ss: FakeSpreadsheet,
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
    return new FakeRange(sheet, { r: 1, c: this._loc.index, nr: sheet._maxRows, nc: 1 }, 'columns');
  }
  getRow() {
    if (this._loc.type !== 'ROW') return null;
    const sheet = this._ss._sheetById(this._loc.sheetId);
    return new FakeRange(sheet, { r: this._loc.index, c: 1, nr: 1, nc: sheet._maxCols }, 'rows');
  }
}

export class FakeDeveloperMetadataFinder {
  readonly _gasType = 'DeveloperMetadataFinder';
  private _filters: ((m: MetaRec) => boolean)[] = [];
  constructor(
    private readonly _ss: FakeSpreadsheet,
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

function requireKey(key: unknown): string {
  if (typeof key !== 'string' || key === '') fail('Invalid argument: key');
  return key;
}

// ---------------------------------------------------------------- conditional format rules

interface SheetRange {
  sheet: FakeSheet;
  rect: Rect;
}
interface RuleData {
  criteria: string | null;
  values: unknown[];
  bg: string | null;
  fc: string | null;
  bold: boolean | null;
  italic: boolean | null;
  underline: boolean | null;
  strikethrough: boolean | null;
  ranges: SheetRange[];
}

const copyRule = (d: RuleData): RuleData => ({
  ...d,
  values: [...d.values],
  ranges: d.ranges.map((x) => ({ sheet: x.sheet, rect: { ...x.rect } })),
});

export class FakeConditionalFormatRuleBuilder {
  readonly _gasType = 'ConditionalFormatRuleBuilder';
  readonly _d: RuleData;
  constructor(from?: RuleData) {
    this._d = from
      ? copyRule(from)
      : { criteria: null, values: [], bg: null, fc: null, bold: null, italic: null, underline: null, strikethrough: null, ranges: [] };
  }
  private _when(criteria: string, ...values: unknown[]) {
    this._d.criteria = criteria;
    this._d.values = values;
    return this;
  }
  whenCellEmpty() {
    return this._when('CELL_EMPTY');
  }
  whenCellNotEmpty() {
    return this._when('CELL_NOT_EMPTY');
  }
  whenTextEqualTo(text: string) {
    return this._when('TEXT_EQUAL_TO', text);
  }
  whenTextContains(text: string) {
    return this._when('TEXT_CONTAINS', text);
  }
  whenTextDoesNotContain(text: string) {
    return this._when('TEXT_DOES_NOT_CONTAIN', text);
  }
  whenTextStartsWith(text: string) {
    return this._when('TEXT_STARTS_WITH', text);
  }
  whenTextEndsWith(text: string) {
    return this._when('TEXT_ENDS_WITH', text);
  }
  whenFormulaSatisfied(formula: string) {
    return this._when('CUSTOM_FORMULA', formula);
  }
  whenNumberGreaterThan(n: number) {
    return this._when('NUMBER_GREATER_THAN', n);
  }
  whenNumberGreaterThanOrEqualTo(n: number) {
    return this._when('NUMBER_GREATER_THAN_OR_EQUAL_TO', n);
  }
  whenNumberLessThan(n: number) {
    return this._when('NUMBER_LESS_THAN', n);
  }
  whenNumberLessThanOrEqualTo(n: number) {
    return this._when('NUMBER_LESS_THAN_OR_EQUAL_TO', n);
  }
  whenNumberEqualTo(n: number) {
    return this._when('NUMBER_EQUAL_TO', n);
  }
  whenNumberNotEqualTo(n: number) {
    return this._when('NUMBER_NOT_EQUAL_TO', n);
  }
  whenNumberBetween(a: number, b: number) {
    return this._when('NUMBER_BETWEEN', a, b);
  }
  whenNumberNotBetween(a: number, b: number) {
    return this._when('NUMBER_NOT_BETWEEN', a, b);
  }
  setBackground(color: string | null) {
    this._d.bg = normalizeColor(color);
    return this;
  }
  setFontColor(color: string | null) {
    this._d.fc = normalizeColor(color);
    return this;
  }
  setBold(bold: boolean | null) {
    this._d.bold = bold;
    return this;
  }
  setItalic(italic: boolean | null) {
    this._d.italic = italic;
    return this;
  }
  setUnderline(underline: boolean | null) {
    this._d.underline = underline;
    return this;
  }
  setStrikethrough(strikethrough: boolean | null) {
    this._d.strikethrough = strikethrough;
    return this;
  }
  setRanges(ranges: FakeRange[]) {
    if (!Array.isArray(ranges))
      fail("The parameters don't match the method signature for SpreadsheetApp.ConditionalFormatRuleBuilder.setRanges.");
    this._d.ranges = ranges.map((r) => ({ sheet: r._sheet, rect: r._rect() }));
    return this;
  }
  getRanges() {
    return this._d.ranges.map((x) => new FakeRange(x.sheet, x.rect));
  }
  getBooleanCondition() {
    return this._d.criteria ? new FakeBooleanCondition(this._d) : null;
  }
  copy() {
    return new FakeConditionalFormatRuleBuilder(this._d);
  }
  build() {
    if (!this._d.criteria) fail('Conditional format rule must have a condition (for example whenTextEqualTo).');
    return new FakeConditionalFormatRule(copyRule(this._d));
  }
}

export class FakeConditionalFormatRule {
  readonly _gasType = 'ConditionalFormatRule';
  constructor(readonly _d: RuleData) {}
  getRanges() {
    return this._d.ranges.map((x) => new FakeRange(x.sheet, x.rect));
  }
  getBooleanCondition() {
    return new FakeBooleanCondition(this._d);
  }
  getGradientCondition() {
    return null;
  }
  copy() {
    return new FakeConditionalFormatRuleBuilder(this._d);
  }
}

export class FakeBooleanCondition {
  readonly _gasType = 'BooleanCondition';
  constructor(private readonly _d: RuleData) {}
  getCriteriaType() {
    return this._d.criteria;
  }
  getCriteriaValues() {
    return [...this._d.values];
  }
  getBackground() {
    return this._d.bg;
  }
  getFontColor() {
    return this._d.fc;
  }
  getBold() {
    return this._d.bold;
  }
  getItalic() {
    return this._d.italic;
  }
  getUnderline() {
    return this._d.underline;
  }
  getStrikethrough() {
    return this._d.strikethrough;
  }
}

// ---------------------------------------------------------------- charts

interface ChartData {
  id: number | null;
  type: string;
  ranges: SheetRange[];
  position: [number, number, number, number];
  options: Record<string, unknown>;
  numHeaders: number;
  transpose: boolean;
  mergeStrategy: string;
  hiddenStrategy: string;
}

const copyChart = (d: ChartData): ChartData => ({
  ...d,
  options: { ...d.options },
  position: [...d.position],
  ranges: d.ranges.map((x) => ({ sheet: x.sheet, rect: { ...x.rect } })),
});

/** One builder for EmbeddedChartBuilder and its typed variants (asLineChart(), asComboChart(), ...). */
export class FakeEmbeddedChartBuilder {
  readonly _gasType = 'EmbeddedChartBuilder';
  readonly _d: ChartData;
  constructor(
    private readonly _sheet: FakeSheet,
    from?: ChartData,
  ) {
    this._d = from
      ? copyChart(from)
      : {
          id: null,
          type: 'LINE',
          ranges: [],
          position: [1, 1, 0, 0],
          options: {},
          numHeaders: -1,
          transpose: false,
          mergeStrategy: 'MERGE_COLUMNS',
          hiddenStrategy: 'IGNORE_BOTH',
        };
  }
  /** Options are copied (Apps Script serialises them), so later changes by the caller do not leak in. */
  private _opt(key: string, value: unknown) {
    this._d.options[key] = value !== null && typeof value === 'object' && !isDate(value) ? JSON.parse(JSON.stringify(value)) : value;
    return this;
  }
  addRange(range: FakeRange) {
    this._d.ranges.push({ sheet: range._sheet, rect: range._rect() });
    return this;
  }
  removeRange(range: FakeRange) {
    const r = range._rect();
    this._d.ranges = this._d.ranges.filter((x) => !(x.sheet === range._sheet && JSON.stringify(x.rect) === JSON.stringify(r)));
    return this;
  }
  clearRanges() {
    this._d.ranges = [];
    return this;
  }
  getRanges() {
    return this._d.ranges.map((x) => new FakeRange(x.sheet, x.rect));
  }
  setChartType(type: string) {
    this._d.type = String(type);
    return this;
  }
  getChartType() {
    return this._d.type;
  }
  asLineChart() {
    return this.setChartType('LINE');
  }
  asColumnChart() {
    return this.setChartType('COLUMN');
  }
  asComboChart() {
    return this.setChartType('COMBO');
  }
  asBarChart() {
    return this.setChartType('BAR');
  }
  asAreaChart() {
    return this.setChartType('AREA');
  }
  asPieChart() {
    return this.setChartType('PIE');
  }
  asScatterChart() {
    return this.setChartType('SCATTER');
  }
  asHistogramChart() {
    return this.setChartType('HISTOGRAM');
  }
  asTableChart() {
    return this.setChartType('TABLE');
  }
  setPosition(anchorRow: number, anchorCol: number, offsetX: number, offsetY: number) {
    this._d.position = [anchorRow, anchorCol, offsetX, offsetY];
    return this;
  }
  getContainer() {
    return new FakeContainerInfo(this._d.position);
  }
  setOption(option: string, value: unknown) {
    return this._opt(option, value);
  }
  setNumHeaders(headers: number) {
    this._d.numHeaders = headers;
    return this;
  }
  setTransposeRowsAndColumns(transpose: boolean) {
    this._d.transpose = transpose;
    return this;
  }
  setMergeStrategy(strategy: string) {
    this._d.mergeStrategy = String(strategy);
    return this;
  }
  setHiddenDimensionStrategy(strategy: string) {
    this._d.hiddenStrategy = String(strategy);
    return this;
  }
  setTitle(title: string) {
    return this._opt('title', title);
  }
  setXAxisTitle(title: string) {
    return this._opt('hAxis.title', title);
  }
  setYAxisTitle(title: string) {
    return this._opt('vAxis.title', title);
  }
  setColors(colors: string[]) {
    return this._opt('colors', [...colors]);
  }
  setLegendPosition(position: string) {
    return this._opt('legend.position', String(position).toLowerCase());
  }
  setBackgroundColor(color: string) {
    return this._opt('backgroundColor', color);
  }
  setStacked() {
    return this._opt('isStacked', true);
  }
  setRange(start: number, end: number) {
    this._opt('vAxis.viewWindow.min', start);
    return this._opt('vAxis.viewWindow.max', end);
  }
  useLogScale() {
    return this._opt('vAxis.logScale', true);
  }
  reverseCategories() {
    return this._opt('hAxis.direction', -1);
  }
  build() {
    return new FakeEmbeddedChart(this._sheet, copyChart(this._d));
  }
}

export class FakeEmbeddedChart {
  readonly _gasType = 'EmbeddedChart';
  constructor(
    readonly _sheet: FakeSheet,
    readonly _d: ChartData,
  ) {}
  getChartId() {
    return this._d.id;
  }
  /** Apps Script's string id of an inserted chart (EmbeddedChart.getId is not in the typings but exists). */
  getId() {
    return this._d.id === null ? null : `u${this._d.id}`;
  }
  getType() {
    return this._d.type;
  }
  getRanges() {
    return this._d.ranges.map((x) => new FakeRange(x.sheet, x.rect));
  }
  getOptions() {
    return new FakeChartOptions(this._d.options);
  }
  getContainerInfo() {
    return new FakeContainerInfo(this._d.position);
  }
  getNumHeaders() {
    return this._d.numHeaders;
  }
  getTransposeRowsAndColumns() {
    return this._d.transpose;
  }
  getMergeStrategy() {
    return this._d.mergeStrategy;
  }
  getHiddenDimensionStrategy() {
    return this._d.hiddenStrategy;
  }
  modify() {
    return new FakeEmbeddedChartBuilder(this._sheet, this._d);
  }
}

export class FakeChartOptions {
  readonly _gasType = 'ChartOptions';
  constructor(private readonly _o: Record<string, unknown>) {}
  get(option: string) {
    return option in this._o ? this._o[option] : null;
  }
  getOrDefault(option: string) {
    return this.get(option);
  }
}

export class FakeContainerInfo {
  readonly _gasType = 'ContainerInfo';
  constructor(private readonly _p: [number, number, number, number]) {}
  getAnchorRow() {
    return this._p[0];
  }
  getAnchorColumn() {
    return this._p[1];
  }
  getOffsetX() {
    return this._p[2];
  }
  getOffsetY() {
    return this._p[3];
  }
}

// ---------------------------------------------------------------- spreadsheet

export interface SpreadsheetOptions {
  name?: string;
  id?: string;
  locale?: string;
  timeZone?: string;
  /** Initial sheets: name -> rows of values (written as if typed, so '123' becomes a number). */
  sheets?: Record<string, unknown[][]>;
}

export class FakeSpreadsheet {
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
    this._active = range._sheet;
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

// ---------------------------------------------------------------- sheet

export class FakeSheet {
  readonly _gasType = 'Sheet';
  _rows: (Cell | undefined)[][] = [];
  _frozenRows = 0;
  _frozenCols = 0;
  _widths: (number | undefined)[] = [];
  _rules: RuleData[] = [];
  _charts: ChartData[] = [];
  _merges: Rect[] = [];
  _tabColor: string | null = null;
  _hidden = false;

  constructor(
    readonly _ss: FakeSpreadsheet,
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

// ---------------------------------------------------------------- range

export class FakeRange {
  readonly _gasType = 'Range';
  constructor(
    readonly _sheet: FakeSheet,
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
  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean }) {
    const contents = !options?.formatOnly || !!options?.contentsOnly;
    const formats = !options?.contentsOnly || !!options?.formatOnly;
    return this._each((cell) => {
      if (contents) {
        delete cell.v;
        delete cell.f;
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
] = [true, true, true, true, true, true, true, true, true, true, true, true, true];
