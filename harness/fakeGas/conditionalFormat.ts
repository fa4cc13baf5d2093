/**
 * Conditional format rules (builder, rule, boolean condition). A sheet keeps the rules' data;
 * setConditionalFormatRules replaces them all, and their ranges move with inserted and deleted lines.
 */
import { FakeRange, type SheetRange } from './range';
import { enumOf, fail, normalizeColor } from './shared';

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

/** A rule's data, kept by the sheet (a rule object holds a copy). */
export interface RuleData {
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

export const copyRule = (d: RuleData): RuleData => ({
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
