/**
 * Every problem the product can report, as data: a code and the values that fill its text. The
 * engine, the pipeline and the settings check return these, never text; the adapters (alerts,
 * summary, sidebar, custom-function notes, CLI) render them in the user's language with
 * issueText (src/i18n/issues.ts), whose table (src/i18n/issueTexts.ts) must
 * have a text for every code here: the compiler checks. Pure and language-free.
 */

/** Every problem code (a type only: the bundle carries the codes once, in the text tables); cell reasons are `cell.*`, words used as params `term.*`. */
export type IssueCode =
  | 'cell.sheetError'
  | 'cell.notNumber'
  | 'cell.badSeparators'
  | 'cell.ambiguousDecimal'
  | 'cell.dotAmongCommas'
  | 'cell.unusableNumber'
  | 'cell.booleanNotNumber'
  | 'cell.dateNotAmount'
  | 'cell.twoMinus'
  | 'cell.tooLarge'
  | 'cell.invalidDate'
  | 'cell.booleanNotDate'
  | 'cell.notDate'
  | 'cell.notRealDateYmd'
  | 'cell.serialOutOfRange'
  | 'cell.notRealDate'
  | 'cell.ambiguousDate'
  | 'cell.notRealDateUseIso'
  | 'cell.notDateUseIso'
  | 'cell.inArgument'
  | 'rollup.idBlank'
  | 'rollup.idUnreadable'
  | 'rollup.dateBlank'
  | 'rollup.dateUnreadable'
  | 'rollup.amountBlank'
  | 'rollup.amountUnreadable'
  | 'rollup.afterAsOf'
  | 'score.allBlank'
  | 'points.blank'
  | 'points.unknownAnswer'
  | 'group.tooSmall'
  | 'rfm.incomplete'
  | 'rfm.noPurchase'
  | 'rfm.afterAsOf'
  | 'clv.tooLittleData'
  | 'clv.noFit'
  | 'clv.spendCorrelated'
  | 'clv.noPurchase'
  | 'valueGroups.noValue'
  | 'valueGroups.costBlank'
  | 'change.lengthMismatch'
  | 'change.unknownTier'
  | 'change.customerUnknownTier'
  | 'change.previousTierUnknown'
  | 'abc.noValue'
  | 'abc.optionsNotObject'
  | 'abc.unknownMethod'
  | 'abc.computedNoCuts'
  | 'abc.cutsEmpty'
  | 'abc.cutNotNumber'
  | 'abc.cutMissing'
  | 'abc.cutNotShare'
  | 'abc.cutsNotIncreasing'
  | 'abc.thresholdsNotDecreasing'
  | 'abc.labelsNotList'
  | 'abc.labelCountComputed'
  | 'abc.labelCount'
  | 'abc.labelEmpty'
  | 'abc.labelTwice'
  | 'settings.tierCountMismatch'
  | 'settings.computedThreeTiers'
  | 'settings.duplicateLabel'
  | 'settings.noDimensions'
  | 'settings.predictedNeedsOrders'
  | 'settings.mgcPredicted'
  | 'settings.allWeightsZero'
  | 'settings.asOfNotDate'
  | 'settings.rfmRulesGap'
  | 'settings.chooseColumn'
  | 'settings.columnMissing'
  | 'settings.notOrderMetric'
  | 'settings.tooLarge'
  | 'settings.unreadable'
  | 'settings.wrongShape'
  | 'settings.otherVersion'
  | 'settings.reset'
  | 'schema.invalid'
  | 'schema.colour'
  | 'schema.notEmpty'
  | 'schema.tooLong'
  | 'schema.moreThan0'
  | 'schema.lessThan1'
  | 'schema.weightNegative'
  | 'schema.weightTooLarge'
  | 'schema.headerRowMin'
  | 'schema.headerRowMax'
  | 'schema.maxTiers'
  | 'schema.minTiers'
  | 'schema.maxDimensions'
  | 'schema.dateFormat'
  | 'schema.rfmScore'
  | 'schema.rfmRange'
  | 'schema.rfmRangeOrder'
  | 'schema.rfmSegment'
  | 'schema.maxRfmRules'
  | 'schema.actionTooLong'
  | 'schema.answerTwice'
  | 'term.recency'
  | 'term.frequency'
  | 'term.monetary'
  | 'term.pareto'
  | 'term.rank'
  | 'term.threshold'
  | 'term.rfm'
  | 'term.computed'
  | 'term.empty'
  | 'term.none'
  | 'term.role.customer'
  | 'term.role.orderDate'
  | 'term.role.amount'
  | 'term.role.value'
  | 'term.role.lastPurchase'
  | 'term.role.purchaseCount'
  | 'term.role.dimension'
  | 'term.role.cost'
  | 'term.role.potential'
  | 'term.role.group';

/** A message as data: which text, and the values that fill its `{placeholders}`. */
export interface IssueDetail {
  code: IssueCode;
  params?: IssueParams;
}

/**
 * A placeholder's value: text or a number as it is, another message (rendered in the same
 * language, e.g. the reason a cell is unreadable inside "The amount is not readable: ..."), or a
 * list of those (joined with ", " in English and "、" in Chinese).
 */
export type IssueParam = string | number | IssueDetail | ReadonlyArray<string | number | IssueDetail>;
export type IssueParams = Readonly<Record<string, IssueParam>>;

/** A detail without empty params, the shape results carry. */
export function problem(code: IssueCode, params?: IssueParams): IssueDetail {
  return params ? { code, params } : { code };
}

/** A problem thrown where returning it is not possible; callers catch it and render `issue`. */
export class IssueError extends Error {
  constructor(readonly issue: IssueDetail) {
    super(issue.code);
  }
}
